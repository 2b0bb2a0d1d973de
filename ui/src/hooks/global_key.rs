use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::KeyboardEvent;
use yew::prelude::*;

type Handler = Rc<dyn Fn(KeyboardEvent)>;

/// Calls `handler` for every key pressed anywhere in the window (Ctrl+K for the search box). The
/// listener is added once; each render hands it the newest `handler`, so it sees current state.
#[hook]
pub fn use_global_keydown<F: Fn(KeyboardEvent) + 'static>(handler: F) {
    let latest = use_mut_ref(|| None as Option<Handler>);
    *latest.borrow_mut() = Some(Rc::new(handler));
    use_effect_with((), move |_| {
        let doc = web_sys::window().and_then(|w| w.document());
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            let h = latest.borrow().clone();
            if let Some(h) = h {
                h(e);
            }
        });
        if let Some(doc) = &doc {
            let _ =
                doc.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(doc) = doc {
                let _ = doc.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
