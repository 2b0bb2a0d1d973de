//! The labelled form fields the registers' pages share (调解, 议事, 公告, 托管 and the ones after
//! them): a one-line input, a text area, a choice, a word list's options and a state setter. Each
//! sends its text to a callback; the page keeps the state and validates on save.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// A labelled one-line input whose text goes to `on`.
pub fn input(id: &str, label: &str, value: &str, kind: &str, on: Callback<String>) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        on.emit(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    html! {
        <label class="field">
            <span class="label">{label.to_owned()}</span>
            <input class="input" id={id.to_owned()} type={kind.to_owned()} value={value.to_owned()} {oninput} />
        </label>
    }
}

/// A labelled text area whose text goes to `on`.
pub fn area(id: &str, label: &str, value: &str, on: Callback<String>) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        on.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    });
    html! {
        <label class="field field-wide">
            <span class="label">{label.to_owned()}</span>
            <textarea class="input" id={id.to_owned()} rows="3" value={value.to_owned()} {oninput} />
        </label>
    }
}

/// A labelled choice among `(code, label)` pairs whose code goes to `on`.
pub fn choice<C: AsRef<str>, L: AsRef<str>>(
    id: &str,
    label: &str,
    value: &str,
    options: &[(C, L)],
    on: Callback<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        on.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    html! {
        <label class="field">
            <span class="label">{label.to_owned()}</span>
            <select class="input" id={id.to_owned()} {onchange}>
                { for options.iter().map(|(code, text)| {
                    let code = code.as_ref();
                    html! {
                        <option value={code.to_owned()} selected={code == value}>{text.as_ref().to_owned()}</option>
                    }
                }) }
            </select>
        </label>
    }
}

/// `(code, label)` pairs of a word list, after an "all" (or none) choice when `first` is given.
pub fn options<T: Copy>(
    first: Option<&str>,
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    first
        .map(|f| (String::new(), f.to_owned()))
        .into_iter()
        .chain(
            all.iter()
                .map(|w| (code(*w).to_owned(), label(*w).to_owned())),
        )
        .collect()
}

/// A callback setting one field of a state struct.
pub fn setter<F: Clone + 'static>(
    state: &UseStateHandle<F>,
    f: fn(&mut F, String),
) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |v: String| {
        let mut next = (*state).clone();
        f(&mut next, v);
        state.set(next);
    })
}
