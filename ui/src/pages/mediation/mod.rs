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
use yew::prelude::*;

use crate::components::community_select::{use_communities, CommunitySelect};
pub(super) use crate::components::fields::{area, choice, input};
use crate::hooks::use_texts;

/// What the page shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum View {
    List,
    New,
    Case(Id),
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
