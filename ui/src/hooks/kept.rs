//! Page state that outlives the page: the ticked volunteers, a list's filters, a generated report.
//! Navigating away unmounts a page and its `use_state`s; `use_kept_state` is `use_state` whose last
//! value is kept for the rest of the session (in memory, this window only) under a key, and comes
//! back when the page is mounted again.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;

use yew::prelude::*;

thread_local! {
    static KEPT: RefCell<HashMap<&'static str, Box<dyn Any>>> = RefCell::new(HashMap::new());
}

/// The value last kept under `key`, if it has type `T`.
fn kept<T: Clone + 'static>(key: &'static str) -> Option<T> {
    KEPT.with(|k| {
        k.borrow()
            .get(key)
            .and_then(|v| v.downcast_ref::<T>())
            .cloned()
    })
}

fn keep<T: 'static>(key: &'static str, value: T) {
    KEPT.with(|k| k.borrow_mut().insert(key, Box::new(value)));
}

/// `use_state` that survives navigation: starts from the value kept under `key` (or `init()` the
/// first time) and keeps every later value. Keys are page-qualified constants, e.g.
/// `"volunteers.ticked"`; one key holds one type.
#[hook]
pub fn use_kept_state<T, F>(key: &'static str, init: F) -> UseStateHandle<T>
where
    T: Clone + PartialEq + 'static,
    F: FnOnce() -> T,
{
    let state = use_state(move || kept::<T>(key).unwrap_or_else(init));
    {
        let value = (*state).clone();
        use_effect_with(value, move |value| keep(key, value.clone()));
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_value_comes_back_under_its_key_and_type() {
        assert_eq!(kept::<u32>("test.a"), None);
        keep("test.a", 7u32);
        assert_eq!(kept::<u32>("test.a"), Some(7));
        // Another type under the same key is not confused with it.
        assert_eq!(kept::<String>("test.a"), None);
    }
}
