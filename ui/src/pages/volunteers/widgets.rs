//! Small pieces the desk's forms share: a labelled input with its error under it, a select of
//! options, and the callback that runs a request for the page.

use std::future::Future;
use std::pin::Pin;

use linli_protocol::ApiError;
use yew::prelude::*;

use crate::pages::field::{selected_of, value_of};

/// A request the page runs: it reloads what it shows, then says the answer.
pub type Job = Pin<Box<dyn Future<Output = Result<String, ApiError>>>>;

/// Boxes a request for the page's runner.
pub fn job(f: impl Future<Output = Result<String, ApiError>> + 'static) -> Job {
    Box::pin(f)
}

/// A labelled text input; `err` shows under it and marks it.
pub fn input(
    id: &'static str,
    label: &str,
    value: &str,
    err: Option<&str>,
    set: Callback<String>,
) -> Html {
    html! {
        <label class="field">
            <span class="label">{label}</span>
            <input id={id} class={classes!("input", err.map(|_| "invalid"))} value={value.to_owned()}
                aria-invalid={err.is_some().to_string()}
                oninput={set.reform(value_of)} />
            if let Some(e) = err {
                <span class="field-error" data-for={id}>{e}</span>
            }
        </label>
    }
}

/// A labelled select: `(value, label)` options, the chosen value marked.
pub fn select(
    id: &'static str,
    label: &str,
    options: Vec<(String, String)>,
    chosen: &str,
    set: Callback<String>,
) -> Html {
    html! {
        <label class="field">
            <span class="label">{label}</span>
            <select id={id} class="input" onchange={set.reform(selected_of)}>
                { for options.into_iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={v == chosen}>{l}</option>
                }) }
            </select>
        </label>
    }
}

/// Brings an element that just opened (a confirmation, an explanation) into view.
pub fn scroll_to(node: &NodeRef) {
    if let Some(el) = node.cast::<web_sys::Element>() {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}
