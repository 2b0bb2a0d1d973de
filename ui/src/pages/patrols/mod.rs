//! 巡防: security patrols (小区治安巡防; issue 25 item 2; docs/patrols.md). A community, then three
//! tabs: 排班 (the rota by date with its missed slots for the coordinator, a weekly rota made from a
//! pattern, one slot changed or cancelled), 巡防记录 (the logs filtered, sorted, printed and
//! exported, the log form with its findings, a finding made a request in one step) and 队伍 (the
//! teams and their members: residents of the register or outside people such as the 片警).

mod log_form;
mod logs;
mod members;
mod rota;
mod teams;

use linli_domain::Id;
use linli_protocol::{ListPatrolTeams, PatrolTeam};
use yew::prelude::*;

use crate::components::community_select::{use_communities, CommunitySelect};
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;

/// Opens the log form: a new log, for a slot, or an existing log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Open {
    New { slot: Option<Id> },
    Log(Id),
}

#[function_component(Patrols)]
pub fn patrols() -> Html {
    let t = use_texts();
    let g = &t.patrols;
    let (communities, community) = use_communities("patrols.community");
    let tab = use_kept_state("patrols.tab", || "rota".to_owned());
    let teams = use_state(|| None as Option<Vec<PatrolTeam>>);
    let generation = use_state(|| 0u32);
    let form = use_state(|| None as Option<Open>);
    {
        let teams = teams.clone();
        use_effect_with((*community, *generation), move |(c, _)| {
            let c = *c;
            teams.set(None);
            if let Some(c) = c {
                wasm_bindgen_futures::spawn_local(async move {
                    let found = ipc::call(&ListPatrolTeams {
                        community_id: Some(c),
                    })
                    .await
                    .unwrap_or_default();
                    teams.set(Some(found));
                });
            }
        });
    }
    let on_community = {
        let (community, form) = (community.clone(), form.clone());
        Callback::from(move |c: Option<Id>| {
            form.set(None);
            community.set(c);
        })
    };
    let refresh = {
        let generation = generation.clone();
        Callback::from(move |_: ()| generation.set(*generation + 1))
    };
    let open = {
        let (form, tab) = (form.clone(), tab.clone());
        Callback::from(move |o: Open| {
            tab.set("logs".to_owned());
            form.set(Some(o));
        })
    };
    let close = {
        let (form, generation) = (form.clone(), generation.clone());
        Callback::from(move |_: ()| {
            form.set(None);
            generation.set(*generation + 1);
        })
    };
    let tabs = ["rota", "logs", "teams"].map(|id| {
        let onclick = {
            let (tab, form) = (tab.clone(), form.clone());
            Callback::from(move |_| {
                form.set(None);
                tab.set(id.to_owned());
            })
        };
        let active = *tab == id;
        let label = match id {
            "rota" => g.tab_rota,
            "logs" => g.tab_logs,
            _ => g.tab_teams,
        };
        html! {
            <button id={format!("patrol-tab-{id}")} class={classes!("tab", active.then_some("active"))}
                aria-selected={active.to_string()} role="tab" {onclick}>{label}</button>
        }
    });
    let body = match (&*communities, *community, &*teams) {
        (None, _, _) | (Some(_), Some(_), None) => html! { <p class="muted">{g.loading}</p> },
        (Some(_), None, _) => {
            html! { <p class="muted" id="patrol-no-community">{g.no_community}</p> }
        }
        (Some(_), Some(c), Some(ts)) => {
            let ts = std::rc::Rc::new(ts.clone());
            if ts.is_empty() && tab.as_str() != "teams" {
                html! { <p class="muted" id="patrol-no-teams">{g.no_teams}</p> }
            } else {
                match (tab.as_str(), *form) {
                    ("logs", Some(o)) => html! {
                        <log_form::LogForm community={c} teams={ts} open={o} on_done={close.clone()} />
                    },
                    ("logs", None) => html! {
                        <logs::LogList community={c} teams={ts} on_open={open.clone()} generation={*generation} />
                    },
                    ("teams", _) => html! {
                        <teams::TeamList community={c} teams={ts} on_change={refresh.clone()} />
                    },
                    _ => html! {
                        <rota::Rota community={c} teams={ts} on_log={open.clone()} generation={*generation} on_change={refresh.clone()} />
                    },
                }
            }
        }
    };
    html! {
        <section class="page patrols">
            <header class="page-head no-print">
                <h1>{g.title}</h1>
                <CommunitySelect id="patrol-community" label={g.community} list={(*communities).clone()}
                    chosen={*community} on_change={on_community} />
            </header>
            <div class="settings-tabs no-print" role="tablist">{ for tabs }</div>
            {body}
        </section>
    }
}

/// A team's members as (id, name) checkboxes: who is ticked goes to `on`.
pub(crate) fn member_boxes(
    id: &str,
    team: Option<&PatrolTeam>,
    chosen: &[Id],
    on: Callback<Vec<Id>>,
) -> Html {
    let Some(team) = team else {
        return html! {};
    };
    html! {
        <div class="checks" id={id.to_owned()}>
        { for team.members.iter().map(|m| {
            let checked = chosen.contains(&m.id);
            let onchange = {
                let (on, chosen, mid) = (on.clone(), chosen.to_vec(), m.id);
                Callback::from(move |_: Event| {
                    let mut next = chosen.clone();
                    if let Some(i) = next.iter().position(|x| *x == mid) {
                        next.remove(i);
                    } else {
                        next.push(mid);
                    }
                    on.emit(next);
                })
            };
            html! {
                <label class="check">
                    <input type="checkbox" id={format!("{id}-{}", m.id)} {checked} {onchange} />
                    {m.name.clone()}
                </label>
            }
        }) }
        </div>
    }
}
