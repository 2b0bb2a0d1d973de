//! The mark of every printed page (issue 16): 内部资料 注意保密, who printed it (this laptop's "me",
//! or its sync account) and when. Hidden on screen; at the foot of each page on paper.

use yew::prelude::*;

use crate::hooks::{MeHandle, StateHandle};

#[function_component(PrintMark)]
pub fn print_mark() -> Html {
    let state = use_context::<StateHandle>();
    let me = use_context::<MeHandle>();
    let t = state.map(|s| s.lang).unwrap_or_default().texts();
    let who = me
        .as_ref()
        .and_then(|m| m.me())
        .and_then(|m| {
            m.person
                .as_ref()
                .map(|p| p.name.clone())
                .or_else(|| m.sync_user.clone())
        })
        .unwrap_or_else(|| t.privacy.nobody.to_owned());
    let when = crate::clock::format_ms(js_sys::Date::now() as u64);
    html! {
        <p class="print-mark print-only">{(t.privacy.print_mark)(&who, &when)}</p>
    }
}
