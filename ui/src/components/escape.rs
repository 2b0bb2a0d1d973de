//! Esc closes what is open: a form or panel that opened over the page (the visit form, a new
//! request, a task) closes on Esc pressed inside it, as its 取消/关闭 button would. The full photo
//! (lightbox), opened above them, takes Esc first: while it is open the panel below stays.

use yew::prelude::*;

/// Whether a full photo is open above everything (it closes on Esc by itself).
fn lightbox_open() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("photo-viewer"))
        .is_some()
}

/// An `onkeydown` for a form or panel that `close` closes.
pub fn closes_on_escape(close: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" && !e.default_prevented() && !lightbox_open() {
            e.prevent_default();
            close.emit(());
        }
    })
}
