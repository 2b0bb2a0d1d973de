//! A selected building's number of floors (issue 15 item 2), shown and changed in the place
//! editor: read with `building_details`, saved with `set_building_floors`; checked like the
//! store before sending (1–99, or empty for "not recorded"), the store's refusal beside it.

use linli_protocol::{GetBuildingDetails, Place, SetBuildingFloors};
use yew::prelude::*;

use super::place_edit::floors_of;
use crate::components::toast::Toast;
use crate::hooks::{use_app, use_command};
use crate::ipc;
use crate::pages::field::value_of;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub building: Place,
}

#[function_component(BuildingFloors)]
pub fn building_floors(props: &Props) -> Html {
    let app = use_app();
    let t = app.lang.texts();
    let building = props.building.clone();
    let floors = use_state(String::new);
    let error = use_state(|| None as Option<String>);
    let notice = use_state(|| None as Option<String>);
    let save = use_command::<SetBuildingFloors>();

    // another building picked: its floors read again
    {
        let (floors, error, notice) = (floors.clone(), error.clone(), notice.clone());
        use_effect_with(building.id, move |id| {
            let id = *id;
            floors.set(String::new());
            error.set(None);
            notice.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(d) = ipc::call(&GetBuildingDetails { building_id: id }).await {
                    floors.set(d.floors.map(|f| f.to_string()).unwrap_or_default());
                }
            });
        });
    }

    let on_save = {
        let (save, floors, error, notice) =
            (save.clone(), floors.clone(), error.clone(), notice.clone());
        let (id, name) = (building.id, building.name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            notice.set(None);
            let Ok(f) = floors_of(&floors) else {
                error.set(Some(t.places.err_floors.to_owned()));
                return;
            };
            error.set(None);
            let (notice, name) = (notice.clone(), name.clone());
            save.submit(
                SetBuildingFloors {
                    building_id: id,
                    floors: f,
                },
                move |d| notice.set(Some((t.places.floors_saved)(&name, d.floors))),
            );
        })
    };
    let on_input = {
        let (floors, error) = (floors.clone(), error.clone());
        Callback::from(move |e: InputEvent| {
            error.set(None);
            floors.set(value_of(e));
        })
    };
    let err = (*error)
        .clone()
        .or_else(|| save.error().map(crate::i18n::say));
    html! {
        <form class="form-row" id="place-floors-form" onsubmit={on_save} novalidate=true>
            <label class="field" title={t.places.floors_hint}>
                <span class="label">{t.places.floors}</span>
                <input id="place-floors" class={classes!("input", "input-narrow", err.is_some().then_some("invalid"))}
                    inputmode="numeric" value={(*floors).clone()} oninput={on_input}
                    aria-invalid={err.is_some().to_string()} />
            </label>
            <button id="place-floors-save" class="btn" type="submit" disabled={save.busy()}>{t.places.floors_save}</button>
            if let Some(e) = &err {
                <p id="place-floors-error" class="field-error" role="alert">{e}</p>
            }
            if let Some(n) = &*notice {
                <Toast id="place-floors-notice" text={n.clone()} block=true />
            }
        </form>
    }
}
