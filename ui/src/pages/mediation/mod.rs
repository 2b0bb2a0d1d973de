//! 调解: the mediation register (人民调解, issue 20 item 1; docs/mediation.md). A community, then
//! the case list (filtered and sorted), registering a case (受理登记), or one case: its parties,
//! term and case file, a form recording the next stage, and on paper the registration form and
//! the agreement (协议书) with signature lines. Every refusal is the catalogue's sentence.

mod case;
mod list;
mod paper;
mod party;
mod register;
mod step;

use linli_domain::Id;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::community_select::{use_communities, CommunitySelect};
use crate::hooks::use_texts;

/// What the page shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum View {
    List,
    New,
    Case(Id),
}

/// A labelled one-line input whose text goes to `on`.
pub(super) fn input(id: &str, label: &str, value: &str, kind: &str, on: Callback<String>) -> Html {
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
pub(super) fn area(id: &str, label: &str, value: &str, on: Callback<String>) -> Html {
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
pub(super) fn choice(
    id: &str,
    label: &str,
    value: &str,
    options: &[(&'static str, &'static str)],
    on: Callback<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        on.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    html! {
        <label class="field">
            <span class="label">{label.to_owned()}</span>
            <select class="input" id={id.to_owned()} {onchange}>
                { for options.iter().map(|(code, text)| html! {
                    <option value={*code} selected={*code == value}>{*text}</option>
                }) }
            </select>
        </label>
    }
}

#[function_component(Mediation)]
pub fn mediation() -> Html {
    let t = use_texts();
    let m = &t.mediation;
    let (communities, community) = use_communities("mediation.community");
    let view = use_state(|| View::List);
    let on_community = {
        let (community, view) = (community.clone(), view.clone());
        Callback::from(move |c: Option<Id>| {
            community.set(c);
            view.set(View::List);
        })
    };
    let go = |v: View| {
        let view = view.clone();
        Callback::from(move |_| view.set(v))
    };
    let open = {
        let view = view.clone();
        Callback::from(move |id: Id| view.set(View::Case(id)))
    };
    let body = match (&*communities, *community) {
        (None, _) => html! { <p class="muted">{m.loading}</p> },
        (Some(_), None) => html! { <p class="muted" id="med-no-community">{m.no_community}</p> },
        (Some(_), Some(c)) => match *view {
            View::List => {
                html! { <list::CaseList community={c} on_open={open.clone()} on_new={go(View::New)} /> }
            }
            View::New => {
                html! { <register::RegisterCase community={c} on_done={open} on_cancel={go(View::List)} /> }
            }
            View::Case(id) => html! { <case::CaseView {id} on_back={go(View::List)} /> },
        },
    };
    html! {
        <section class="page mediation">
            <header class="page-head no-print">
                <h1>{m.title}</h1>
                <CommunitySelect id="med-community" label={m.community} list={(*communities).clone()}
                    chosen={*community} on_change={on_community} />
            </header>
            {body}
        </section>
    }
}
