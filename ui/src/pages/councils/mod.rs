//! 议事: residents' councils, liaison points and suggestions (issue 20 items 2 and 5;
//! docs/councils.md). A community, then four tabs: 居民建议 (taken, answered, made a topic or a
//! request), 议题 (a topic taken through review, publication, a meeting's vote and its resolution
//! to requests on the 诉求 board), 议事会议 (a meeting's people, quorum, agenda and the review of
//! the last resolutions' requests, printable as its record), 联络点. Every list filters, sorts,
//! exports and prints; every refusal is the catalogue's sentence.

mod meetings;
mod points;
mod suggestions;
mod topic;
mod topics;

use linli_domain::Id;
use linli_protocol::{ListPeople, Person};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::community_select::{use_communities, CommunitySelect};
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;

const TABS: [&str; 4] = ["suggestions", "topics", "meetings", "points"];

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
    options: &[(String, String)],
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
                    <option value={code.clone()} selected={*code == value}>{text.clone()}</option>
                }) }
            </select>
        </label>
    }
}

/// `(code, label)` pairs of a word list, after an "all" (or none) choice when `first` is given.
pub(super) fn options<T: Copy>(
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

/// The first and last day of a month "YYYY-MM" (None when blank or not a month).
pub(super) fn month_range(month: &str) -> (Option<String>, Option<String>) {
    match linli_domain::calendar::month_bounds(month.trim()) {
        Some((a, b)) => (Some(a), Some(b)),
        None => (None, None),
    }
}

/// A callback setting one field of a state struct.
pub(super) fn setter<F: Clone + 'static>(
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

#[derive(Properties, PartialEq)]
pub struct TabProps {
    pub community: Id,
    pub people: std::rc::Rc<Vec<Person>>,
}

#[function_component(Councils)]
pub fn councils() -> Html {
    let t = use_texts();
    let c = &t.councils;
    let tab = use_kept_state("councils.tab", || "suggestions".to_owned());
    let (communities, community) = use_communities("councils.community");
    let people = use_state(|| std::rc::Rc::new(Vec::<Person>::new()));
    {
        let people = people.clone();
        use_effect_with(*community, move |community| {
            if let Some(community_id) = *community {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(list) = ipc::call(&ListPeople { community_id }).await {
                        people.set(std::rc::Rc::new(list));
                    }
                });
            }
        });
    }
    let on_community = {
        let community = community.clone();
        Callback::from(move |x: Option<Id>| community.set(x))
    };
    let label = |id: &str| match id {
        "topics" => c.tab_topics,
        "meetings" => c.tab_meetings,
        "points" => c.tab_points,
        _ => c.tab_suggestions,
    };
    let tabs = TABS.iter().map(|&id| {
        let onclick = {
            let tab = tab.clone();
            Callback::from(move |_| tab.set(id.to_owned()))
        };
        let active = *tab == id;
        html! {
            <button id={format!("cnc-tab-{id}")} class={classes!("tab", active.then_some("active"))}
                aria-selected={active.to_string()} role="tab" {onclick}>{label(id)}</button>
        }
    });
    let body = match (&*communities, *community) {
        (None, _) => html! { <p class="muted">{c.loading}</p> },
        (Some(_), None) => html! { <p class="muted" id="cnc-no-community">{c.no_community}</p> },
        (Some(_), Some(community)) => {
            let people = (*people).clone();
            match tab.as_str() {
                "topics" => html! { <topics::Topics {community} {people} /> },
                "meetings" => html! { <meetings::Meetings {community} {people} /> },
                "points" => html! { <points::Points {community} {people} /> },
                _ => html! { <suggestions::Suggestions {community} {people} /> },
            }
        }
    };
    html! {
        <section class="page councils">
            <header class="page-head no-print">
                <h1>{c.title}</h1>
                <CommunitySelect id="cnc-community" label={c.community} list={(*communities).clone()}
                    chosen={*community} on_change={on_community} />
            </header>
            <div class="settings-tabs cnc-tabs no-print" role="tablist">{ for tabs }</div>
            {body}
        </section>
    }
}
