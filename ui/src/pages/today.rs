//! 今日 Today: the community's households due for a visit, never visited first and then in
//! walking order, each with a button opening the visit form; above them the last 30 days'
//! coverage, where the visited and not-visited figures each open the households behind them.

use linli_domain::Id;
use linli_protocol::{
    ApiError, Coverage, CoverageHouseholds, CoverageReport, CoverageRow, HouseholdLine,
    Today as TodayReq, VisitLogged,
};
use yew::prelude::*;

use super::field::{percent, CommunityPicker};
use super::visit_form::VisitForm;
use crate::hooks::{use_app, use_texts};
use crate::i18n::Texts;
use crate::ipc;
use crate::state::{Action, Page};

type Loaded = Option<Result<(Vec<HouseholdLine>, CoverageReport), ApiError>>;

/// The households behind a coverage figure: visited or not.
type Behind = Option<(bool, Result<Vec<HouseholdLine>, ApiError>)>;

fn household_table(
    t: &Texts,
    id: &'static str,
    rows: &[HouseholdLine],
    visit: Option<&Callback<HouseholdLine>>,
) -> Html {
    html! {
        <table class="table" {id}>
            <thead><tr>
                <th>{t.col_address}</th><th>{t.col_head}</th><th>{t.col_care}</th>
                <th>{t.col_last_visit}</th><th>{t.col_reason}</th>
                if visit.is_some() { <th></th> }
            </tr></thead>
            <tbody>
            { for rows.iter().map(|h| {
                let button = visit.map(|cb| {
                    let (cb, line) = (cb.clone(), h.clone());
                    html! {
                        <td class="actions">
                            <button class="btn btn-small visit-btn" data-id={h.id.to_string()}
                                onclick={Callback::from(move |_| cb.emit(line.clone()))}>{t.visit_btn}</button>
                        </td>
                    }
                });
                html! {
                    <tr key={h.id.to_string()}>
                        <td>{h.compound.as_deref().unwrap_or("")}{&h.address}</td>
                        <td>{h.head_name.as_deref().unwrap_or("—")}</td>
                        <td>{h.care_tags.join("、")}</td>
                        <td>{h.last_visit.as_deref().unwrap_or(t.never)}</td>
                        <td>{(t.due_reason)(h.due)}</td>
                        {button}
                    </tr>
                }
            }) }
            </tbody>
        </table>
    }
}

#[function_component(Today)]
pub fn today() -> Html {
    let t = use_texts();
    let app = use_app();
    let community = use_state(|| None as Option<Id>);
    let data = use_state(|| None as Loaded);
    let reload = use_state(|| 0u32);
    let visiting = use_state(|| None as Option<HouseholdLine>);
    let saved = use_state(|| None as Option<String>);
    let behind = use_state(|| None as Behind);
    {
        let (data, behind) = (data.clone(), behind.clone());
        use_effect_with((*community, *reload), move |(c, _)| {
            if let Some(c) = *c {
                behind.set(None);
                wasm_bindgen_futures::spawn_local(async move {
                    let res = async {
                        let due = ipc::call(&TodayReq {
                            person_id: None,
                            place_id: Some(c),
                            today: None,
                        })
                        .await?;
                        let cov = ipc::call(&Coverage {
                            place_id: Some(c),
                            from: None,
                            to: None,
                        })
                        .await?;
                        Ok((due, cov))
                    }
                    .await;
                    data.set(Some(res));
                });
            }
        });
    }
    let pick = {
        let (community, visiting, saved, data) = (
            community.clone(),
            visiting.clone(),
            saved.clone(),
            data.clone(),
        );
        Callback::from(move |c| {
            visiting.set(None);
            saved.set(None);
            data.set(None);
            community.set(c)
        })
    };
    let open_visit = {
        let (visiting, saved) = (visiting.clone(), saved.clone());
        Callback::from(move |h: HouseholdLine| {
            saved.set(None);
            visiting.set(Some(h));
        })
    };
    let on_saved = {
        let (visiting, saved, reload) = (visiting.clone(), saved.clone(), reload.clone());
        Callback::from(move |v: VisitLogged| {
            saved.set(Some((t.visit_saved)(
                &v.visit.address,
                v.task.as_ref().map(|t| t.title.as_str()),
            )));
            visiting.set(None);
            reload.set(*reload + 1);
        })
    };
    let on_cancel = {
        let visiting = visiting.clone();
        Callback::from(move |_| visiting.set(None))
    };
    let show_behind = |row: &CoverageRow, visited: bool| {
        let behind = behind.clone();
        let (level, id) = (row.level, row.id);
        Callback::from(move |_| {
            let behind = behind.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let res = ipc::call(&CoverageHouseholds {
                    level,
                    id,
                    from: None,
                    to: None,
                    visited,
                })
                .await;
                behind.set(Some((visited, res)));
            });
        })
    };
    let to_tasks = Callback::from(move |_| app.dispatch(Action::Navigate(Page::Tasks)));

    let notice = saved.as_ref().map(|m| {
        html! {
            <div class="notice-bar" role="status">
                <span id="today-notice">{m}</span>
                <button id="today-to-tasks" class="btn btn-small" onclick={to_tasks}>{t.go_to_tasks}</button>
            </div>
        }
    });

    let body = match &*data {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error">{&e.message}</p> },
        Some(Ok((due, cov))) => {
            let summary = cov.communities.iter().find(|r| Some(r.id) == *community).or(cov.communities.first()).map(|c| {
                html! {
                    <div class="figures" id="coverage">
                        <span class="figure-title">{t.cov_title}</span>
                        <strong class="figure-main" id="coverage-rate">{(t.cov_rate)(&percent(c.rate))}</strong>
                        <button class="figure" id="cov-visited" onclick={show_behind(c, true)}>{(t.cov_visited)(c.visited)}</button>
                        <button class="figure" id="cov-not-visited" onclick={show_behind(c, false)}>{(t.cov_not_visited)(c.total - c.visited.min(c.total))}</button>
                        <span class="muted" id="cov-total">{(t.cov_total)(c.total)}</span>
                    </div>
                }
            });
            let behind_view = match &*behind {
                None => html! {},
                Some((visited, res)) => {
                    let close = {
                        let behind = behind.clone();
                        Callback::from(move |_| behind.set(None))
                    };
                    let title = if *visited {
                        t.cov_list_visited
                    } else {
                        t.cov_list_not_visited
                    };
                    html! {
                        <div class="panel" id="coverage-households">
                            <div class="panel-head">
                                <h2>{title}{" "}<span class="muted">{res.as_ref().map(|l| l.len()).unwrap_or(0)}</span></h2>
                                <button class="btn btn-small" id="coverage-close" onclick={close}>{t.close}</button>
                            </div>
                            { match res {
                                Ok(list) => household_table(t, "coverage-list", list, None),
                                Err(e) => html! { <p class="alert alert-error">{&e.message}</p> },
                            } }
                        </div>
                    }
                }
            };
            let main = match (&*visiting, *community) {
                (Some(h), Some(c)) => html! {
                    <VisitForm household={h.clone()} community={c} on_saved={on_saved.clone()} on_cancel={on_cancel.clone()} />
                },
                _ => html! {
                    <>
                    <p class="count">{(t.due_count)(due.len())}</p>
                    if due.is_empty() {
                        <p class="empty">{t.nothing_due}</p>
                    } else {
                        {household_table(t, "due-list", due, Some(&open_visit))}
                    }
                    </>
                },
            };
            html! { <>{summary}{behind_view}{main}</> }
        }
    };
    html! {
        <section class="panel">
            <div class="page-head">
                <h1>{t.today_title}</h1>
                <CommunityPicker value={*community} onchange={pick} />
            </div>
            {notice}
            {body}
        </section>
    }
}
