//! 托管: programmes for residents' children (四点半学校, 妈妈小屋, 周末学吧; issue 25 item 1;
//! docs/programmes.md). A community, then its programmes (filtered, sorted, printed), a new or
//! edited programme, or one programme in three tabs: its roster and waiting list with the
//! enrolment form, today's sign-in sheet for the desk (big buttons, who collected each child, the
//! shift credited to the rota), and its attendance month by month. Children's details show only
//! to the programme's staff and administrators; others see counts.

mod desk;
mod form;
mod history;
mod list;
mod roster;

use linli_domain::Id;
use yew::prelude::*;

use crate::components::community_select::{use_communities, CommunitySelect};
pub(super) use crate::components::fields::{choice, input};
use crate::hooks::use_texts;

/// What the page shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum View {
    List,
    New,
    Edit(Id),
    Open(Id),
}

#[function_component(Programmes)]
pub fn programmes() -> Html {
    let t = use_texts();
    let g = &t.programmes;
    let (communities, community) = use_communities("programmes.community");
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
        Callback::from(move |id: Id| view.set(View::Open(id)))
    };
    let edit = {
        let view = view.clone();
        Callback::from(move |id: Id| view.set(View::Edit(id)))
    };
    let body = match (&*communities, *community) {
        (None, _) => html! { <p class="muted">{g.loading}</p> },
        (Some(_), None) => html! { <p class="muted" id="prog-no-community">{g.no_community}</p> },
        (Some(_), Some(c)) => match *view {
            View::List => html! {
                <list::ProgrammeList community={c} on_open={open.clone()} on_new={go(View::New)} />
            },
            View::New => html! {
                <form::ProgrammeForm community={c} id={None::<Id>} on_done={open.clone()} on_cancel={go(View::List)} />
            },
            View::Edit(id) => html! {
                <form::ProgrammeForm community={c} id={Some(id)} on_done={open.clone()} on_cancel={go(View::Open(id))} />
            },
            View::Open(id) => html! {
                <ProgrammeView {id} on_back={go(View::List)} on_edit={edit.clone()} />
            },
        },
    };
    html! {
        <section class="page programmes">
            <header class="page-head no-print">
                <h1>{g.title}</h1>
                <CommunitySelect id="prog-community" label={g.community} list={(*communities).clone()}
                    chosen={*community} on_change={on_community} />
            </header>
            {body}
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ViewProps {
    id: Id,
    on_back: Callback<()>,
    on_edit: Callback<Id>,
}

/// One programme: its head, then the roster, today's sheet or the attendance history.
#[function_component(ProgrammeView)]
fn programme_view(p: &ViewProps) -> Html {
    let t = use_texts();
    let g = &t.programmes;
    let tab = use_state(|| "roster");
    let tabs = ["roster", "desk", "history"].map(|id| {
        let onclick = {
            let tab = tab.clone();
            Callback::from(move |_| tab.set(id))
        };
        let active = *tab == id;
        let label = match id {
            "roster" => g.tab_roster,
            "desk" => g.tab_desk,
            _ => g.tab_history,
        };
        html! {
            <button id={format!("prog-tab-{id}")} class={classes!("tab", active.then_some("active"))}
                aria-selected={active.to_string()} role="tab" {onclick}>{label}</button>
        }
    });
    let id = p.id;
    let body = match *tab {
        "desk" => html! { <desk::Desk {id} /> },
        "history" => html! { <history::History {id} /> },
        _ => html! { <roster::Roster {id} /> },
    };
    let back = p.on_back.reform(|_: MouseEvent| ());
    let edit = p.on_edit.reform(move |_: MouseEvent| id);
    html! {
        <div class="panel prog-view">
            <div class="form-row no-print">
                <button class="btn" id="prog-back" onclick={back}>{g.back}</button>
                <button class="btn" id="prog-edit" onclick={edit}>{g.edit}</button>
            </div>
            <div class="settings-tabs no-print" role="tablist">{ for tabs }</div>
            {body}
        </div>
    }
}
