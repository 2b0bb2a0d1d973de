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
use yew::prelude::*;

use crate::components::community_select::{use_communities, CommunitySelect};
pub(super) use crate::components::fields::{area, choice, input, options, setter};
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;

const TABS: [&str; 4] = ["suggestions", "topics", "meetings", "points"];

/// The first and last day of a month "YYYY-MM" (None when blank or not a month).
pub(super) fn month_range(month: &str) -> (Option<String>, Option<String>) {
    match linli_domain::calendar::month_bounds(month.trim()) {
        Some((a, b)) => (Some(a), Some(b)),
        None => (None, None),
    }
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
