//! A masked ID number or phone with a 显示 button: the clear value comes from `Reveal`, which the
//! store records (who, when, which value), and is shown until 隐藏.
//!
//! The clear value belongs to the resident it was revealed for, never to the component's place
//! on the page: it is kept with the resident's id and field, and shown only while the component
//! still stands for that resident (issue 14: after a reload reordered the members, a number
//! revealed in one row showed in another member's row).

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

/// A revealed value and whose it is.
#[derive(Clone, PartialEq)]
struct Clear {
    resident_id: Id,
    field: RevealField,
    value: String,
}

/// Whether this laptop's user may not read residents' ID numbers and phones (issue 16 item 2:
/// a steward or a volunteer coordinator); false outside the app or before `GetMe` answered.
#[hook]
pub fn use_withheld() -> bool {
    use_context::<crate::hooks::MeHandle>()
        .and_then(|h| h.me().map(|m| m.withheld))
        .unwrap_or(false)
}

#[function_component(MaskedValue)]
pub fn masked_value(props: &Props) -> Html {
    let t = use_texts();
    let withheld = use_withheld();
    let clear = use_state(|| None as Option<Clear>);
    let error = use_state(|| None as Option<String>);
    // another resident or field in this place: forget what was revealed here
    {
        let (clear, error) = (clear.clone(), error.clone());
        use_effect_with((props.resident_id, props.field), move |_| {
            clear.set(None);
            error.set(None);
        });
    }
    // fields by role: a steward's or coordinator's laptop never holds the number; no reveal
    if withheld {
        return html! {
            <span class="withheld muted" title={t.withheld.why}>{t.withheld.not_permitted}</span>
        };
    }
    let Some(masked) = &props.masked else {
        return html! { <span class="muted">{"—"}</span> };
    };
    let mine = clear
        .as_ref()
        .filter(|c| c.resident_id == props.resident_id && c.field == props.field)
        .map(|c| c.value.clone());
    let onclick = {
        let (clear, error) = (clear.clone(), error.clone());
        let req = Reveal {
            resident_id: props.resident_id,
            field: props.field,
        };
        let shown = mine.is_some();
        Callback::from(move |_| {
            if shown {
                clear.set(None);
                return;
            }
            let (clear, error, req) = (clear.clone(), error.clone(), req.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(value) => {
                        error.set(None);
                        clear.set(Some(Clear {
                            resident_id: req.resident_id,
                            field: req.field,
                            value,
                        }));
                    }
                    Err(e) => error.set(Some(crate::i18n::say(&e))),
                }
            });
        })
    };
    let revealed = mine.is_some();
    let shown = mine.unwrap_or_else(|| masked.clone());
    html! {
        <span class={classes!("masked", revealed.then_some("revealed"))}>
            <span class="mono masked-value">{shown}</span>
            <button class="btn-link reveal" {onclick}
                title={if revealed { t.hide } else { t.reveal_hint }}>
                {if revealed { t.hide } else { t.reveal }}
            </button>
            if let Some(e) = &*error {
                <span class="field-error">{e}</span>
            }
        </span>
    }
}
