//! A masked ID number or phone with a 显示 button: the clear value comes from `Reveal`, which the
//! store records (who, when, which value), and is shown until 隐藏.

use linli_domain::Id;
use linli_protocol::{Reveal, RevealField};
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub resident_id: Id,
    pub field: RevealField,
    pub masked: Option<String>,
}

#[function_component(MaskedValue)]
pub fn masked_value(props: &Props) -> Html {
    let t = use_texts();
    let clear = use_state(|| None as Option<String>);
    let error = use_state(|| None as Option<String>);
    let Some(masked) = &props.masked else {
        return html! { <span class="muted">{"—"}</span> };
    };
    let onclick = {
        let (clear, error) = (clear.clone(), error.clone());
        let req = Reveal {
            resident_id: props.resident_id,
            field: props.field,
        };
        Callback::from(move |_| {
            if clear.is_some() {
                clear.set(None);
                return;
            }
            let (clear, error, req) = (clear.clone(), error.clone(), req.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(value) => {
                        error.set(None);
                        clear.set(Some(value));
                    }
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let shown = clear.as_deref().unwrap_or(masked);
    html! {
        <span class={classes!("masked", clear.is_some().then_some("revealed"))}>
            <span class="mono masked-value">{shown}</span>
            <button class="btn-link reveal" {onclick}
                title={if clear.is_some() { t.hide } else { t.reveal_hint }}>
                {if clear.is_some() { t.hide } else { t.reveal }}
            </button>
            if let Some(e) = &*error {
                <span class="field-error">{e}</span>
            }
        </span>
    }
}
