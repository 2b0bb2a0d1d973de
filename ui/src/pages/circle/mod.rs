//! 服务圈: the 15-minute neighbourhood service circle (15分钟近邻服务圈; issue 25 item 3;
//! docs/circle.md). A community, then either its service points — its own and its neighbours'
//! shared ones, found by the service asked for, filtered by kind, sorted, printed by kind and
//! exported — with a point's form, or the joint activities it took part in with co-building
//! units.

mod activities;
mod form;
mod list;

use linli_domain::Id;
use yew::prelude::*;

use crate::components::community_select::{use_communities, CommunitySelect};
use crate::hooks::use_texts;

/// What the points tab shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum View {
    List,
    New,
    Edit(Id),
}

#[function_component(Circle)]
pub fn circle() -> Html {
    let t = use_texts();
    let g = &t.circle;
    let (communities, community) = use_communities("circle.community");
    let view = use_state(|| View::List);
    let tab = use_state(|| "points");
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
    let edit = {
        let view = view.clone();
        Callback::from(move |id: Id| view.set(View::Edit(id)))
    };
    let tabs = ["points", "activities"].map(|id| {
        let onclick = {
            let (tab, view) = (tab.clone(), view.clone());
            Callback::from(move |_| {
                tab.set(id);
                view.set(View::List);
            })
        };
        let active = *tab == id;
        let label = if id == "points" {
            g.tab_points
        } else {
            g.tab_activities
        };
        html! {
            <button id={format!("circle-tab-{id}")} class={classes!("tab", active.then_some("active"))}
                aria-selected={active.to_string()} role="tab" {onclick}>{label}</button>
        }
    });
    let list = (*communities).clone().unwrap_or_default();
    let body = match (&*communities, *community) {
        (None, _) => html! { <p class="muted">{g.loading}</p> },
        (Some(_), None) => html! { <p class="muted" id="circle-no-community">{g.no_community}</p> },
        (Some(_), Some(c)) => match (*tab, *view) {
            ("activities", _) => {
                html! { <activities::Activities community={c} communities={list} /> }
            }
            (_, View::List) => html! {
                <list::PointList community={c} communities={list} on_edit={edit.clone()} on_new={go(View::New)} />
            },
            (_, View::New) => html! {
                <form::PointForm community={c} communities={list} id={None::<Id>} on_done={go(View::List)} />
            },
            (_, View::Edit(id)) => html! {
                <form::PointForm community={c} communities={list} id={Some(id)} on_done={go(View::List)} />
            },
        },
    };
    html! {
        <section class="page circle">
            <header class="page-head no-print">
                <h1>{g.title}</h1>
                <CommunitySelect id="circle-community" label={g.community} list={(*communities).clone()}
                    chosen={*community} on_change={on_community} />
            </header>
            <div class="settings-tabs no-print" role="tablist">{ for tabs }</div>
            {body}
        </section>
    }
}
