//! 今日 Today: the households due for a visit — in my sections by default, or a grid, a section or
//! the whole community, narrowed to one building if wanted — never visited first and then in
//! walking order, each with its section and a button opening the visit form; printable as a
//! walking list. Above them the last 30 days' coverage, where the visited and not-visited figures
//! each open the households behind them (the not-visited ones with 登记走访 too).

mod state;
mod table;

pub use table::HouseholdTable;

use linli_domain::register::GridKind;
use linli_domain::Id;
use linli_protocol::{
    ApiError, Coverage, CoverageHouseholds, CoverageReport, CoverageRow, Grid, HouseholdLine,
    ListGrids, Today as TodayReq, VisitLogged,
};
use yew::prelude::*;

use super::field::{percent, selected_of, CommunityPicker};
use super::visit_form::VisitForm;
use crate::hooks::{use_app, use_command, use_me, use_texts};
use crate::ipc;
use crate::state::{Action as AppAction, Page};
use state::{buildings, Action, Scope, TodayState};

/// The message after a visit is saved, with how many photos went with it.
pub fn visit_message(t: &crate::i18n::Texts, v: &VisitLogged) -> String {
    let mut m = (t.visit_saved)(&v.visit.address, v.task.as_ref().map(|t| t.title.as_str()));
    if !v.photos.is_empty() {
        m.push_str(&(t.work.photos_saved)(v.photos.len()));
    }
    m
}

#[function_component(Today)]
pub fn today() -> Html {
    let t = use_texts();
    let app = use_app();
    let me = use_me();
    let s = {
        // my community first, when I am known
        let community = me
            .me()
            .and_then(|m| m.person.as_ref())
            .map(|p| p.community_id);
        use_reducer(move || TodayState {
            community,
            ..TodayState::default()
        })
    };
    let due = use_state(|| None as Option<Vec<HouseholdLine>>);
    let load = use_command::<TodayReq>();
    let coverage = use_state(|| None as Option<Result<CoverageReport, ApiError>>);
    let grids = use_state(Vec::<Grid>::new);
    let behind = use_state(|| None as Option<Result<Vec<HouseholdLine>, ApiError>>);
    // my sections only when I belong to this community
    let mine = me
        .me()
        .and_then(|m| m.person.as_ref())
        .filter(|p| Some(p.community_id) == s.community)
        .map(|p| p.id);
    {
        let (load, due) = (load.clone(), due.clone());
        use_effect_with((s.request(mine), s.reload), move |(req, _)| {
            if let Some(req) = req.clone() {
                due.set(None);
                load.run(req, move |lines| due.set(Some(lines)));
            }
        });
    }
    {
        let (coverage, grids) = (coverage.clone(), grids.clone());
        use_effect_with((s.community, s.reload), move |(c, _)| {
            if let Some(c) = *c {
                wasm_bindgen_futures::spawn_local(async move {
                    coverage.set(Some(
                        ipc::call(&Coverage {
                            place_id: Some(c),
                            from: None,
                            to: None,
                        })
                        .await,
                    ));
                    grids.set(
                        ipc::call(&ListGrids { community_id: c })
                            .await
                            .unwrap_or_default(),
                    );
                });
            }
        });
    }
    let dispatch = s.dispatcher();
    let pick = {
        let d = dispatch.clone();
        Callback::from(move |c| d.dispatch(Action::Community(c)))
    };
    let on_scope = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = selected_of(e);
            d.dispatch(Action::Scope(match v.as_str() {
                "mine" => Scope::Mine,
                "community" => Scope::Community,
                g => g.parse().map(Scope::Grid).unwrap_or(Scope::Community),
            }))
        })
    };
    let on_building = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = selected_of(e);
            d.dispatch(Action::Building(Some(v).filter(|v| !v.is_empty())))
        })
    };
    let open_visit = {
        let d = dispatch.clone();
        Callback::from(move |h: Id| d.dispatch(Action::Visit(h)))
    };
    let on_saved = {
        let d = dispatch.clone();
        Callback::from(move |saved: VisitLogged| {
            d.dispatch(Action::Saved(visit_message(t, &saved)))
        })
    };
    let on_cancel = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::CloseVisit))
    };
    let show_behind = |row: &CoverageRow, visited: bool| {
        let (d, behind) = (dispatch.clone(), behind.clone());
        let (level, id) = (row.level, row.id);
        Callback::from(move |_| {
            let behind = behind.clone();
            d.dispatch(Action::Behind(Some(visited)));
            behind.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let res = ipc::call(&CoverageHouseholds {
                    level,
                    id,
                    from: None,
                    to: None,
                    visited,
                })
                .await;
                behind.set(Some(res));
            });
        })
    };
    let to_tasks = Callback::from(move |_| app.dispatch(AppAction::Navigate(Page::Tasks)));

    let notice = s.saved.as_ref().map(|m| {
        html! {
            <div class="notice-bar no-print" role="status">
                <span id="today-notice">{m}</span>
                <button id="today-to-tasks" class="btn btn-small" onclick={to_tasks}>{t.go_to_tasks}</button>
            </div>
        }
    });
    let summary = match &*coverage {
        Some(Ok(cov)) => cov
            .communities
            .iter()
            .find(|r| Some(r.id) == s.community)
            .or(cov.communities.first())
            .map(|c| {
                html! {
                    <div class="figures no-print" id="coverage">
                        <span class="figure-title">{t.cov_title}</span>
                        <strong class="figure-main" id="coverage-rate">{(t.cov_rate)(&percent(c.rate))}</strong>
                        <button class="figure" id="cov-visited" onclick={show_behind(c, true)}>{(t.cov_visited)(c.visited)}</button>
                        <button class="figure" id="cov-not-visited" onclick={show_behind(c, false)}>{(t.cov_not_visited)(c.total - c.visited.min(c.total))}</button>
                        <span class="muted" id="cov-total">{(t.cov_total)(c.total)}</span>
                    </div>
                }
            })
            .unwrap_or_default(),
        Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        None => html! {},
    };
    let behind_view = match (s.behind, &*behind) {
        (Some(visited), res) => {
            let close = {
                let d = dispatch.clone();
                Callback::from(move |_| d.dispatch(Action::Behind(None)))
            };
            let title = if visited {
                t.cov_list_visited
            } else {
                t.cov_list_not_visited
            };
            let n = res
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .map_or(0, Vec::len);
            html! {
                <div class="panel no-print" id="coverage-households">
                    <div class="panel-head">
                        <h2>{title}{" "}<span class="muted">{n}</span></h2>
                        <button class="btn btn-small" id="coverage-close" onclick={close}>{t.close}</button>
                    </div>
                    { match res {
                        None => html! { <p class="muted">{t.loading}</p> },
                        // the not-visited can be visited from the list itself
                        Some(Ok(list)) => html! {
                            <HouseholdTable id="coverage-list" rows={list.clone()}
                                visit={(!visited).then(|| open_visit.clone())} />
                        },
                        Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
                    } }
                </div>
            }
        }
        (None, _) => html! {},
    };
    let scope_name = match s.scope {
        Scope::Mine if mine.is_some() => t.work.scope_mine.to_owned(),
        Scope::Grid(g) => grids
            .iter()
            .find(|x| x.id == g)
            .map(|x| x.name.clone())
            .unwrap_or_default(),
        _ => t.work.scope_community.to_owned(),
    };
    let scope_value = match s.scope {
        Scope::Mine if mine.is_some() => "mine".to_owned(),
        Scope::Grid(g) => g.to_string(),
        _ => "community".to_owned(),
    };
    let list = match (&*due, load.error()) {
        (_, Some(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        (None, None) => html! { <p class="muted">{t.loading}</p> },
        (Some(lines), None) => {
            let shown: Vec<HouseholdLine> = s.shown(lines).into_iter().cloned().collect();
            let scope = match &s.building {
                Some(b) => format!("{scope_name} · {b}"),
                None => scope_name.clone(),
            };
            html! {
                <>
                <div class="form-row today-scope no-print" id="today-scope">
                    <label class="field">
                        <span class="label">{t.work.scope}</span>
                        <select id="today-scope-select" class="input" onchange={on_scope}>
                            if mine.is_some() {
                                <option value="mine" selected={scope_value == "mine"}>{t.work.scope_mine}</option>
                            }
                            <option value="community" selected={scope_value == "community"}>{t.work.scope_community}</option>
                            { for grids.iter().map(|g| {
                                let name = if g.kind == GridKind::Section { format!("　{}", g.name) } else { g.name.clone() };
                                html! { <option value={g.id.to_string()} selected={scope_value == g.id.to_string()}>{name}</option> }
                            }) }
                        </select>
                    </label>
                    <label class="field">
                        <span class="label">{t.work.filter_building}</span>
                        <select id="today-building" class="input" onchange={on_building}>
                            <option value="" selected={s.building.is_none()}>{t.work.all}</option>
                            { for buildings(lines).into_iter().map(|b| html! {
                                <option value={b.clone()} selected={s.building.as_deref() == Some(b.as_str())}>{b.clone()}</option>
                            }) }
                        </select>
                    </label>
                    <crate::components::print::PrintButton id="today-print" class={classes!("btn")} label={t.work.print} />
                </div>
                <h2 class="print-only">{(t.work.walking_list)(&scope, &crate::clock::today())}</h2>
                <crate::components::print_mark::PrintMark />
                <p class="count" id="due-count">{(t.due_count)(shown.len())}</p>
                if shown.is_empty() {
                    <p class="empty">{t.nothing_due}</p>
                } else {
                    <HouseholdTable id="due-list" rows={shown} visit={Some(open_visit.clone())} />
                }
                </>
            }
        }
    };
    // the station's loans to knock about: the same scope as the list (my buildings by default)
    let (knock_person, knock_grid) = s
        .request(mine)
        .map(|r| (r.person_id, r.grid_id))
        .unwrap_or_default();
    let main = match (s.visiting, s.community) {
        (Some(h), Some(c)) => html! {
            <VisitForm household_id={h} community={c} on_saved={on_saved} on_cancel={on_cancel} />
        },
        _ => html! { <>{behind_view}{list}</> },
    };
    html! {
        <section class="panel today-page">
            <div class="page-head no-print">
                <h1>{t.today_title}</h1>
                <CommunityPicker value={s.community} onchange={pick} />
            </div>
            {notice}
            {summary}
            <crate::pages::lending::knock::OverdueToKnock community={s.community}
                person={knock_person} grid={knock_grid} building={s.building.clone()} />
            {main}
        </section>
    }
}
