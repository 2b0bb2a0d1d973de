//! The photos picked in the visit form: each is read when picked (a file over the limit is refused
//! at once, as on a task) and listed by name with a button to take it out; they are attached to
//! the visit once it is saved.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::{Action, PickedPhoto, VisitDraft};
use crate::components::attachments::too_big;
use crate::hooks::use_texts;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub photos: Vec<PickedPhoto>,
    pub dispatch: UseReducerDispatcher<VisitDraft>,
}

#[function_component(PhotoPicker)]
pub fn photo_picker(props: &Props) -> Html {
    let t = use_texts();
    let said = use_state(|| None as Option<String>);
    let reading = use_state(|| false);
    let onchange = {
        let (dispatch, said, reading) = (props.dispatch.clone(), said.clone(), reading.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            if let Some(m) = too_big(t, file.size()) {
                said.set(Some(m));
                return;
            }
            said.set(None);
            reading.set(true);
            let (dispatch, said, reading) = (dispatch.clone(), said.clone(), reading.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(b) => dispatch.dispatch(Action::AddPhoto(PickedPhoto {
                        name: file.name(),
                        mime: Some(file.type_()).filter(|m| !m.is_empty()),
                        bytes: Rc::new(js_sys::Uint8Array::new(&b).to_vec()),
                    })),
                    Err(_) => said.set(Some(t.attach.read_failed.to_owned())),
                }
                reading.set(false);
            });
        })
    };
    html! {
        <div class="field field-wide visit-photos" id="visit-photos">
            <span class="label">{t.attach.photos}</span>
            <ul class="picked-photos">
            { for props.photos.iter().enumerate().map(|(i, p)| {
                let dispatch = props.dispatch.clone();
                html! {
                    <li key={format!("{i}-{}", p.name)} class="picked-photo">
                        <span class="picked-photo-name">{&p.name}</span>
                        <button type="button" class="btn btn-small picked-photo-remove"
                            onclick={Callback::from(move |_| dispatch.dispatch(Action::RemovePhoto(i)))}>
                            {t.work.remove}
                        </button>
                    </li>
                }
            }) }
            </ul>
            <label class={classes!("btn", "btn-small", "visit-photo-add", reading.then_some("disabled"))}>
                { if *reading { t.attach.adding } else { t.attach.add } }
                <input type="file" id="visit-photo-file" class="visually-hidden" accept="image/*"
                    disabled={*reading} {onchange} />
            </label>
            if let Some(m) = &*said {
                <span class="field-error" id="visit-photo-error" role="alert">{m}</span>
            }
        </div>
    }
}
