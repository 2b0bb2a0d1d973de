//! The scan box: a USB scanner reading a visit sheet's QR code types `LINLI-HH:<id>` and Enter;
//! the box opens that household's visit form right here. Pasting or typing the text works the
//! same. Anything else is refused in words, and nothing opens.

use linli_protocol::{parse_household_qr, ApiError, GetHousehold, HouseholdDetail, VisitLogged};
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::toast::Toast;
use crate::hooks::use_app;
use crate::i18n::paper::texts;
use crate::ipc;
use crate::pages::today::visit_message;
use crate::pages::visit_form::VisitForm;

#[function_component(ScanBox)]
pub fn scan_box() -> Html {
    let app = use_app();
    let (t, p) = (app.lang.texts(), texts(app.lang));
    let input = use_node_ref();
    let error = use_state(|| None as Option<String>);
    let found = use_state(|| None as Option<HouseholdDetail>);
    let said = use_state(|| None as Option<String>);
    let go = {
        let (input, error, found, said) =
            (input.clone(), error.clone(), found.clone(), said.clone());
        move || {
            let Some(el) = input.cast::<HtmlInputElement>() else {
                return;
            };
            let text = el.value();
            said.set(None);
            let Some(id) = parse_household_qr(&text) else {
                found.set(None);
                error.set(Some(p.scan_bad.to_owned()));
                return;
            };
            el.set_value("");
            let (error, found) = (error.clone(), found.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let r: Result<HouseholdDetail, ApiError> = ipc::call(&GetHousehold { id }).await;
                match r {
                    Ok(d) => {
                        error.set(None);
                        found.set(Some(d));
                    }
                    Err(e) => {
                        found.set(None);
                        error.set(Some(crate::i18n::say(&e)));
                    }
                }
            });
        }
    };
    let on_key = {
        let go = go.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                go();
            }
        })
    };
    let on_open = Callback::from(move |_: MouseEvent| go());
    let close = {
        let found = found.clone();
        Callback::from(move |()| found.set(None))
    };
    let on_saved = {
        let (found, said) = (found.clone(), said.clone());
        Callback::from(move |v: VisitLogged| {
            found.set(None);
            said.set(Some(visit_message(t, &v)));
        })
    };
    html! {
        <section class="panel scan-box no-print" id="scan-box">
            <label class="field">
                <span class="label">{p.scan_label}</span>
                <span class="scan-row">
                    <input ref={input} class="input mono" id="scan-input" type="text" autocomplete="off"
                        placeholder={p.scan_placeholder} onkeydown={on_key} />
                    <button type="button" class="btn" id="scan-open" onclick={on_open}>{p.scan_open}</button>
                </span>
            </label>
            if let Some(e) = &*error {
                <p class="field-error" id="scan-error" role="alert">{e.clone()}</p>
            }
            if let Some(m) = &*said {
                <Toast id="scan-notice" text={m.clone()} block=true />
            }
            if let Some(d) = &*found {
                if let Some(c) = d.household.community_id {
                    <VisitForm key={d.household.id.to_string()} household_id={d.household.id} community={c}
                        {on_saved} on_cancel={close} />
                }
            }
        </section>
    }
}
