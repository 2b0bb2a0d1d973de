use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// `value`, once it has stayed the same for `ms` milliseconds (search as you type without a
/// request per keystroke). A newer value cancels the pending one.
#[hook]
pub fn use_debounced<T: Clone + PartialEq + 'static>(value: T, ms: u32) -> T {
    let settled = use_state(|| value.clone());
    {
        let settled = settled.clone();
        use_effect_with(value, move |value| {
            let value = value.clone();
            let timer = Timeout::new(ms, move || settled.set(value));
            move || drop(timer)
        });
    }
    (*settled).clone()
}
