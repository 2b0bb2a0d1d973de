//! The mark of every printed page (issue 16): 内部资料 注意保密, who printed it (this laptop's "me",
//! or its sync account) and when. Hidden on screen; at the foot of each page on paper (the
//! paged print layout of `print.rs` writes it into every page's foot itself).

use yew::prelude::*;

use crate::hooks::{MeHandle, StateHandle};

/// Who prints, and the mark's words in the window's language.
#[derive(Clone)]
pub struct Mark {
    who: String,
    words: fn(who: &str, when: &str) -> String,
}

impl Mark {
    /// The mark as of now.
    pub fn now(&self) -> String {
        let when = crate::clock::format_ms(js_sys::Date::now() as u64);
        (self.words)(&self.who, &when)
    }
}

#[hook]
pub fn use_mark() -> Mark {
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
    Mark {
        who,
        words: t.privacy.print_mark,
    }
}

#[function_component(PrintMark)]
pub fn print_mark() -> Html {
    let mark = use_mark();
    html! {
        <p class="print-mark print-only">{mark.now()}</p>
    }
}
