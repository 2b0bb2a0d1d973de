//! 志愿 Volunteers: the station's volunteer desk. 总览: a community's volunteers with hours and
//! balances, an activity's hours credited person by person, each pending entry verified or
//! rejected (never by the one who credited it), redemption for one volunteer after a
//! confirmation, a volunteer's statement with a print view and an .xlsx export, party members'
//! points by work unit. 志愿者, 队伍, 活动, 兑换物品: adding and editing volunteers (from a resident
//! or not), teams and members, activities with sign-up and attendance, the catalogue with
//! restocking. Every points figure opens the rule and the entries that made it. The tab, the
//! ticked volunteers, the activity and the item are kept across navigation.

use linli_domain::{Id, PlaceKind};
use linli_protocol::{ApiError, LedgerStatement, ListKind, ListPlaces, Place, Statement};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::export_button::ExportButton;
use crate::hooks::{use_kept_state, use_me, use_texts, Latest};
use crate::ipc;

mod activities;
mod credit;
mod data;
mod forms;
mod items;
mod logic;
mod pending;
mod people;
mod redeem;
mod statement;
mod teams;
mod why;
mod why_figures;
mod widgets;

use data::{load, Data};
pub use logic::{fmt_hours, toggle};
use why::{Why, WhyTarget};
use widgets::Job;

/// A message under the forms: what happened, or what went wrong.
#[derive(Clone, PartialEq)]
enum Said {
    Done(String),
    Failed(String),
}

/// The desk's tabs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tab {
    Overview,
    People,
    Teams,
    Activities,
    Items,
}

impl Tab {
    const ALL: [Tab; 5] = [
        Tab::Overview,
        Tab::People,
        Tab::Teams,
        Tab::Activities,
        Tab::Items,
    ];

    fn id(self) -> &'static str {
        match self {
            Tab::Overview => "tab-overview",
            Tab::People => "tab-people",
            Tab::Teams => "tab-teams",
            Tab::Activities => "tab-activities",
            Tab::Items => "tab-items",
        }
    }
}

#[function_component(Volunteers)]
pub fn volunteers() -> Html {
    let t = use_texts();
    let d = &t.desk;
    let me = use_me().person_id();
    let communities = use_state(|| None as Option<Result<Vec<Place>, ApiError>>);
    let community = use_kept_state("volunteers.community", || None as Option<Id>);
    let data = use_state(|| None as Option<Result<Data, ApiError>>);
    let loads = use_mut_ref(Latest::default);
    let selected = use_kept_state("volunteers.selected", Vec::<Id>::new);
    let activity = use_kept_state("volunteers.activity", || None as Option<Id>);
    let tab = use_kept_state("volunteers.tab", || Tab::Overview);
    let why = use_kept_state("volunteers.why", || None as Option<WhyTarget>);
    let statement = use_state(|| None as Option<Statement>);
    let statement_loads = use_mut_ref(Latest::default);
    let said = use_state(|| None as Option<Said>);
    let busy = use_state(|| false);
    let printing = use_state(|| false);

    {
        let (communities, community) = (communities.clone(), community.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let res = ipc::call(&ListPlaces {
                    kind: Some(PlaceKind::Community),
                    parent_id: None,
                })
                .await;
                if let Ok(list) = &res {
                    // a community kept from before stays chosen
                    if !community.is_some_and(|c| list.iter().any(|p| p.id == c)) {
                        community.set(list.first().map(|p| p.id));
                    }
                }
                communities.set(Some(res));
            });
        });
    }
    {
        let (data, loads) = (data.clone(), loads.clone());
        use_effect_with(*community, move |c| {
            if let Some(c) = *c {
                let n = loads.borrow_mut().start();
                wasm_bindgen_futures::spawn_local(async move {
                    let fresh = load(c).await;
                    if loads.borrow().is_current(n) {
                        data.set(Some(fresh));
                    }
                });
            }
        });
    }
    // the statement follows the first volunteer picked
    {
        let (statement, statement_loads) = (statement.clone(), statement_loads.clone());
        let first = selected.first().copied();
        use_effect_with(first, move |first| {
            let n = statement_loads.borrow_mut().start();
            match *first {
                None => statement.set(None),
                Some(v) => wasm_bindgen_futures::spawn_local(async move {
                    let fresh = ipc::call(&LedgerStatement { volunteer_id: v }).await.ok();
                    if statement_loads.borrow().is_current(n) {
                        statement.set(fresh);
                    }
                }),
            }
        });
    }

    let on_community = {
        let (community, selected, why) = (community.clone(), selected.clone(), why.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            selected.set(Vec::new());
            why.set(None);
            community.set(v.parse().ok());
        })
    };

    // Runs one request, reloads the list and the statement, and only then says what happened:
    // the message and the numbers it speaks of appear in the same render, never the message
    // beside numbers from before the request.
    let run = {
        let (said, busy, data, loads) = (said.clone(), busy.clone(), data.clone(), loads.clone());
        let (statement, statement_loads) = (statement.clone(), statement_loads.clone());
        let (c, first, busy_now) = (*community, selected.first().copied(), *busy);
        Callback::from(move |job: Job| {
            if busy_now {
                return;
            }
            let (said, busy, data, loads) =
                (said.clone(), busy.clone(), data.clone(), loads.clone());
            let (statement, statement_loads) = (statement.clone(), statement_loads.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = job.await;
                let n = loads.borrow_mut().start();
                let sn = statement_loads.borrow_mut().start();
                let fresh = match c {
                    Some(c) => Some(load(c).await),
                    None => None,
                };
                let fresh_statement = match first {
                    Some(v) => ipc::call(&LedgerStatement { volunteer_id: v }).await.ok(),
                    None => None,
                };
                if let Some(fresh) = fresh.filter(|_| loads.borrow().is_current(n)) {
                    data.set(Some(fresh));
                }
                if statement_loads.borrow().is_current(sn) {
                    statement.set(fresh_statement);
                }
                said.set(Some(match outcome {
                    Ok(m) => Said::Done(m),
                    Err(e) => Said::Failed(crate::i18n::say(&e)),
                }));
                busy.set(false);
            });
        })
    };

    let loaded = match &*data {
        Some(Ok(d)) => Some(d.clone()),
        _ => None,
    };
    let chosen_activity = (*activity)
        .filter(|a| {
            loaded
                .as_ref()
                .is_some_and(|d| d.activities.iter().any(|x| x.id == *a))
        })
        .or_else(|| {
            loaded
                .as_ref()
                .and_then(|d| d.activities.first().map(|a| a.id))
        });
    let on_activity = {
        let activity = activity.clone();
        Callback::from(move |a: Option<Id>| activity.set(a))
    };
    let open_why = |target: WhyTarget| {
        let why = why.clone();
        Callback::from(move |_| why.set(Some(target.clone())))
    };

    let community_select = match &*communities {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => {
            html! { <p class="alert alert-error" role="alert">{crate::i18n::say(e)}</p> }
        }
        Some(Ok(list)) if list.is_empty() => html! { <p class="empty">{t.vol_no_community}</p> },
        Some(Ok(list)) => html! {
            <label class="field">
                <span class="label">{t.communities}</span>
                <select id="vol-community" class="input" onchange={on_community}>
                    { for list.iter().map(|p| html! {
                        <option value={p.id.to_string()} selected={*community == Some(p.id)}>{&p.name}</option>
                    }) }
                </select>
            </label>
        },
    };

    let why_panel = match ((*why).clone(), *community, &loaded) {
        (Some(target), Some(c), Some(dd)) => {
            let name = match &target {
                WhyTarget::Balance(v) => dd
                    .volunteers
                    .iter()
                    .find(|x| x.id == *v)
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
                WhyTarget::Entry(_) | WhyTarget::Line { .. } | WhyTarget::WorkUnit(_) => {
                    String::new()
                }
            };
            let on_close = {
                let why = why.clone();
                Callback::from(move |_| why.set(None))
            };
            let on_entry = {
                let why = why.clone();
                Callback::from(move |e: Id| why.set(Some(WhyTarget::Entry(e))))
            };
            let on_balance = {
                let why = why.clone();
                Callback::from(move |v: Id| why.set(Some(WhyTarget::Balance(v))))
            };
            html! { <Why {target} community={c} {name} {on_close} {on_entry} {on_balance} /> }
        }
        _ => html! {},
    };

    let body = match (&*data, *community) {
        (None, _) | (_, None) => html! { <p class="muted">{t.loading}</p> },
        (Some(Err(e)), _) => {
            html! { <p class="alert alert-error" role="alert">{crate::i18n::say(e)}</p> }
        }
        (Some(Ok(dd)), Some(c)) => match *tab {
            Tab::Overview => overview(
                t,
                dd,
                &selected,
                chosen_activity,
                on_activity,
                *busy,
                &run,
                me,
                &open_why,
                &why,
                c,
            ),
            Tab::People => html! {
                <people::People community={c} volunteers={dd.volunteers.clone()} busy={*busy} run={run.clone()} />
            },
            Tab::Teams => html! {
                <teams::Teams community={c} teams={dd.teams.clone()} volunteers={dd.volunteers.clone()}
                    busy={*busy} run={run.clone()} />
            },
            Tab::Activities => html! {
                <activities::Activities community={c} activities={dd.activities.clone()} teams={dd.teams.clone()}
                    volunteers={dd.volunteers.clone()} activity={chosen_activity} {on_activity}
                    busy={*busy} run={run.clone()} />
            },
            Tab::Items => html! {
                <items::Items community={c} catalogue={dd.catalogue.clone()} busy={*busy} run={run.clone()} />
            },
        },
    };

    let message = match &*said {
        Some(Said::Done(m)) => html! { <p id="vol-notice" class="notice" role="status">{m}</p> },
        Some(Said::Failed(m)) => {
            html! { <p id="vol-error" class="field-error" role="alert">{m}</p> }
        }
        None => html! {},
    };

    // the print view: the statement alone, as it goes on paper
    if let (true, Some(st)) = (*printing, &*statement) {
        let printing = printing.clone();
        return statement::print_view(t, st, Callback::from(move |_| printing.set(false)));
    }

    let statement_view = match (&*statement, *tab) {
        (Some(st), Tab::Overview) => {
            let printing = printing.clone();
            html! {
                <statement::StatementPanel statement={st.clone()}
                    on_print_view={Callback::from(move |_| printing.set(true))}
                    on_why={open_why(WhyTarget::Balance(st.volunteer_id))}
                    on_line={{
                        let (why, volunteer) = (why.clone(), st.volunteer_id);
                        Callback::from(move |line: Id| why.set(Some(WhyTarget::Line { volunteer, line })))
                    }} />
            }
        }
        _ => html! {},
    };

    let tabs = Tab::ALL.map(|x| {
        let label = match x {
            Tab::Overview => d.tab_overview,
            Tab::People => d.tab_people,
            Tab::Teams => d.tab_teams,
            Tab::Activities => d.tab_activities,
            Tab::Items => d.tab_items,
        };
        let (tab, said) = (tab.clone(), said.clone());
        html! {
            <button id={x.id()} role="tab" aria-selected={(*tab == x).to_string()}
                class={classes!("desk-tab", (*tab == x).then_some("active"))}
                onclick={Callback::from(move |_| { said.set(None); tab.set(x) })}>{label}</button>
        }
    });

    html! {
        <section class="volunteers">
            <header class="page-head">
                <h1>{t.vol_title}</h1>
                {community_select}
            </header>
            <nav class="desk-tabs" role="tablist">{ for tabs }</nav>
            {message}
            {why_panel}
            {body}
            {statement_view}
        </section>
    }
}

/// 总览: the volunteers with their figures, crediting, verification, redemption, work units.
#[allow(clippy::too_many_arguments)]
fn overview(
    t: &'static crate::i18n::Texts,
    dd: &Data,
    selected: &UseStateHandle<Vec<Id>>,
    activity: Option<Id>,
    on_activity: Callback<Option<Id>>,
    busy: bool,
    run: &Callback<Job>,
    me: Option<Id>,
    open_why: &dyn Fn(WhyTarget) -> Callback<MouseEvent>,
    why: &UseStateHandle<Option<WhyTarget>>,
    community: Id,
) -> Html {
    let rows = dd.volunteers.iter().map(|v| {
        let id = v.id;
        let checked = selected.contains(&id);
        let onchange = {
            let selected = selected.clone();
            Callback::from(move |_: Event| selected.set(toggle(&selected, id)))
        };
        let teams: Vec<&str> = v.teams.iter().map(|t| t.name.as_str()).collect();
        html! {
            <tr key={id.to_string()} class={classes!(checked.then_some("selected"))}>
                <td><input type="checkbox" class="vol-pick" data-id={id.to_string()}
                    checked={checked} {onchange} aria-label={v.name.clone()} /></td>
                <td class="vol-name">{&v.name}</td>
                <td>{teams.join("、")}</td>
                <td>{v.party.as_ref().map(|p| p.work_unit.clone()).unwrap_or_default()}</td>
                <td class="num">{fmt_hours(v.hours)}</td>
                <td class="num vol-balance"><button class="points-link balance-why" data-id={id.to_string()} title={t.desk.why_open}
                    onclick={open_why(WhyTarget::Balance(id))}>{v.balance}</button></td>
            </tr>
        }
    });
    let on_why_entry = {
        let why = why.clone();
        Callback::from(move |e: Id| why.set(Some(WhyTarget::Entry(e))))
    };
    html! {
        <>
        <div class="panel">
            <div class="panel-head">
                <h2>{t.vol_volunteers}</h2>
                <span class="panel-tools">
                    <span class="count">{(t.vol_selected)(selected.len(), dd.volunteers.len())}</span>
                    <ExportButton kind={ListKind::Hours} place_id={Some(community)} />
                    <crate::components::print::PrintButton id="volunteers-print" />
                </span>
            </div>
            if dd.volunteers.is_empty() {
                <p class="empty">{t.vol_none}</p>
            } else {
                <table class="table" id="volunteer-list">
                    <thead><tr>
                        <th></th><th>{t.vol_name}</th><th>{t.vol_teams}</th>
                        <th>{t.vol_work_unit}</th><th>{t.vol_hours}</th><th>{t.vol_balance}</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        </div>
        <credit::Credit activities={dd.activities.clone()} volunteers={dd.volunteers.clone()}
            selected={(**selected).clone()} {activity} {on_activity} {busy} run={run.clone()} />
        <pending::Pending pending={dd.pending.clone()} activities={dd.activities.clone()} {me}
            {busy} run={run.clone()} on_why={on_why_entry} />
        <redeem::RedeemPanel volunteers={dd.volunteers.clone()} catalogue={dd.catalogue.clone()}
            selected={(**selected).clone()} {busy} run={run.clone()} />
        <div class="panel" id="vol-work-units">
            <div class="panel-head">
                <h2>{t.vol_work_units}</h2>
                <ExportButton kind={ListKind::WorkUnits} place_id={Some(community)} />
            </div>
            if dd.work_units.is_empty() {
                <p class="empty">{t.vol_wu_none}</p>
            } else {
                <table class="table">
                    <thead><tr>
                        <th>{t.vol_work_unit}</th><th>{t.vol_wu_members}</th><th>{t.vol_hours}</th>
                        <th>{t.vol_wu_earned}</th><th>{t.vol_wu_balance}</th>
                    </tr></thead>
                    <tbody>
                    { for dd.work_units.iter().map(|u| {
                        // every figure of the row opens where it comes from
                        let figure = |text: String| {
                            let open = open_why(WhyTarget::WorkUnit(u.work_unit.clone()));
                            html! {
                                <button class="points-link unit-why" title={t.desk.why_open} onclick={open}>{text}</button>
                            }
                        };
                        html! {
                            <tr key={u.work_unit.clone()} data-unit={u.work_unit.clone()}>
                                <td>{&u.work_unit}</td>
                                <td class="num">{figure(u.members.to_string())}</td>
                                <td class="num">{figure(fmt_hours(u.hours))}</td>
                                <td class="num">{figure(u.earned.to_string())}</td>
                                <td class="num">{figure(u.balance.to_string())}</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
        </div>
        </>
    }
}
