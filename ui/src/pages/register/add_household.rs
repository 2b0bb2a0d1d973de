//! "添加住户": a household at a room of the selected building or unit. The room is checked as it
//! is typed; a room already taken comes back from the store and shows under the field.

use linli_domain::register::ResidenceStatus;
use linli_domain::{Id, PlaceKind};
use linli_protocol::{AddHousehold, HouseholdFields, Place, PlaceChildren, PlaceNode};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::forms::{error_field, room_error, Errors};
use crate::hooks::use_app;
use crate::ipc;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// A building or a unit.
    pub place: Place,
    /// Called once the household is saved.
    pub on_added: Callback<()>,
}

#[function_component(AddHouseholdForm)]
pub fn add_household_form(props: &Props) -> Html {
    let app = use_app();
    let t = app.lang.texts();
    let units = use_state(Vec::<PlaceNode>::new);
    let unit = use_state(|| None as Option<Id>);
    let room = use_state(String::new);
    let status = use_state(ResidenceStatus::default);
    let floating = use_state(|| false);
    let touched = use_state(|| false);
    let errors = use_state(Errors::new);
    let busy = use_state(|| false);

    // the building, and the unit if a unit is selected; a building offers its units to pick from
    let (building, fixed_unit) = match props.place.kind {
        PlaceKind::Unit => (props.place.parent_id, Some(props.place.id)),
        _ => (Some(props.place.id), None),
    };
    {
        let (units, unit) = (units.clone(), unit.clone());
        let place = props.place.clone();
        use_effect_with(place, move |place| {
            units.set(Vec::new());
            unit.set(None);
            if place.kind == PlaceKind::Building {
                let id = place.id;
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(list) = ipc::call(&PlaceChildren {
                        parent_id: Some(id),
                    })
                    .await
                    {
                        unit.set(list.first().map(|n| n.place.id));
                        units.set(list);
                    }
                });
            }
        });
    }

    let on_room = {
        let (room, touched, errors) = (room.clone(), touched.clone(), errors.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut next = Errors::new();
            if let Some(msg) = room_error(&value) {
                next.insert("room".into(), msg);
            }
            errors.set(next);
            touched.set(true);
            room.set(value);
        })
    };
    let on_unit = {
        let unit = unit.clone();
        Callback::from(move |e: Event| {
            unit.set(
                e.target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .parse()
                    .ok(),
            )
        })
    };
    let on_status = {
        let status = status.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            status.set(ResidenceStatus::from_code(&v).unwrap_or_default())
        })
    };
    let on_floating = {
        let floating = floating.clone();
        Callback::from(move |e: Event| {
            floating.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let on_submit = {
        let (room, unit, status, floating, touched, errors, busy) = (
            room.clone(),
            unit.clone(),
            status.clone(),
            floating.clone(),
            touched.clone(),
            errors.clone(),
            busy.clone(),
        );
        let (app, on_added) = (app.clone(), props.on_added.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            touched.set(true);
            if *busy {
                return;
            }
            if let Some(msg) = room_error(&room) {
                errors.set(Errors::from([("room".to_owned(), msg)]));
                return;
            }
            let Some(building) = building else { return };
            let req = AddHousehold {
                building_id: building,
                unit_id: fixed_unit.or(*unit),
                room: (*room).clone(),
                fields: HouseholdFields {
                    residence_status: *status,
                    floating: *floating,
                    ..Default::default()
                },
            };
            let (room, errors, busy, app, on_added) = (
                room.clone(),
                errors.clone(),
                busy.clone(),
                app.clone(),
                on_added.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(h) => {
                        room.set(String::new());
                        errors.set(Errors::new());
                        on_added.emit(());
                        app.dispatch(Action::OpenHousehold(h.id));
                    }
                    Err(e) => {
                        errors.set(Errors::from([(
                            error_field(&e, "room"),
                            crate::i18n::say(&e),
                        )]));
                    }
                }
                busy.set(false);
            });
        })
    };

    // a unit is named with its building: "3栋2单元"
    let place_label = match (&props.place.kind, &props.place.parent_name) {
        (PlaceKind::Unit, Some(building)) => format!("{building}{}", props.place.name),
        _ => props.place.name.clone(),
    };
    let room_err = errors.get("room").filter(|_| *touched);
    let other_err = errors.iter().find(|(k, _)| k.as_str() != "room");
    html! {
        <form class="panel form-row" id="add-household-form" onsubmit={on_submit} novalidate=true>
            <h2 class="form-title">{(t.add_household_at)(&place_label)}</h2>
            if props.place.kind == PlaceKind::Building && !units.is_empty() {
                <label class="field">
                    <span class="label">{t.unit}</span>
                    <select id="household-unit" class="input input-narrow" onchange={on_unit}>
                        { for units.iter().map(|n| html! {
                            <option value={n.place.id.to_string()} selected={*unit == Some(n.place.id)}>{&n.place.name}</option>
                        }) }
                        <option value="" selected={unit.is_none()}>{t.no_unit}</option>
                    </select>
                </label>
            }
            <label class="field">
                <span class="label">{t.room}</span>
                <input id="household-room" class={classes!("input", "input-narrow", room_err.is_some().then_some("invalid"))}
                    placeholder={t.room_placeholder} value={(*room).clone()} oninput={on_room}
                    aria-invalid={room_err.is_some().to_string()} />
            </label>
            <label class="field">
                <span class="label">{t.residence_status}</span>
                <select id="household-status" class="input" onchange={on_status}>
                    { for ResidenceStatus::ALL.iter().map(|s| html! {
                        <option value={s.code()} selected={*status == *s}>{(t.status_label)(*s)}</option>
                    }) }
                </select>
            </label>
            <label class="check">
                <input type="checkbox" id="household-floating" checked={*floating} onchange={on_floating} />
                {t.floating}
            </label>
            <button id="household-add" class="btn btn-primary" type="submit" disabled={*busy}>
                {if *busy { t.saving } else { t.add_household }}
            </button>
            if let Some(msg) = room_err {
                <p id="household-error-room" class="field-error" role="alert">{msg}</p>
            }
            if let Some((_, msg)) = other_err {
                <p id="household-error" class="field-error" role="alert">{msg}</p>
            }
        </form>
    }
}
