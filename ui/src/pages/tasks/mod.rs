//! 诉求 Tasks: the board of the five-list flow by status (derived from each task's events),
//! narrowed by the filters (mine, overdue, category, grid, words of the title), with the last 30
//! days' figures above it — raised, resolved, on time, overdue — each opening the tasks behind
//! it, and 新建诉求 for a request that came in by phone, at the desk or from a grid report. A task
//! card opens the task panel, where it is taken through its next step (or handed on, back, or
//! given more time). A card shows how far its task has gone up: overdue tasks are escalated by
//! the desktop shell's timer and after each sync (a fact per level, the same on every laptop),
//! never by opening the board, which only reads (issue 24). A long column is drawn a page of cards
//! at a time (`column.rs`).

mod card;
mod column;
mod filters;
pub mod new_request;
mod state;

use linli_domain::Id;
use linli_protocol::{
    ApiError, BoardColumn, ListKind, Task, TaskBoard, TaskRates, TaskRatesReport,
};
use yew::prelude::*;

use super::field::{percent, CommunityPicker};
use super::task_panel::TaskPanel;
use crate::components::export_button::ExportButton;
use crate::components::toast::Toast;
use crate::hooks::{use_command, use_kept_state, use_me, use_texts};
use crate::ipc;
use column::Column;
use filters::BoardFilters;
use new_request::NewRequest;
use state::{Action, BoardState};

/// What the board keeps across navigation: the community, the filters, the task open.
type Kept = (Option<Id>, state::Filters, Option<Id>);

/// The tasks of the board whose ids are in `ids`, in the order of the board.
pub fn tasks_in<'a>(board: &'a [BoardColumn], ids: &[Id]) -> Vec<&'a Task> {
    board
        .iter()
        .flat_map(|c| c.tasks.iter())
        .filter(|t| ids.contains(&t.id))
        .collect()
}

#[function_component(Tasks)]
pub fn tasks() -> Html {
    let t = use_texts();
    let me = use_me();
    // the community, the filters and the task open are kept across navigation
    let kept = use_kept_state("tasks.board", || None as Option<Kept>);
    let s = {
        // as left, else my community first, when I am known
        let community = me
            .me()
            .and_then(|m| m.person.as_ref())
            .map(|p| p.community_id);
        let kept = (*kept).clone();
        use_reducer(move || match kept {
            Some((community, filters, open)) => BoardState {
                community,
                filters,
                open,
                ..BoardState::default()
            },
            None => BoardState {
                community,
                ..BoardState::default()
            },
        })
    };
    {
        let kept = kept.clone();
        use_effect_with(
            (s.community, s.filters.clone(), s.open),
            move |(c, f, o)| kept.set(Some((*c, f.clone(), *o))),
        );
    }
    let rates = use_state(|| None as Option<Result<TaskRatesReport, ApiError>>);
    let board = use_state(|| None as Option<Vec<BoardColumn>>);
    let load = use_command::<TaskBoard>();
    // the figures follow the community and every change, not the filters
    {
        let rates = rates.clone();
        use_effect_with((s.community, s.reload), move |(c, _)| {
            if let Some(c) = *c {
                wasm_bindgen_futures::spawn_local(async move {
                    let res = ipc::call(&TaskRates {
                        place_id: Some(c),
                        from: None,
                        to: None,
                    })
                    .await;
                    rates.set(Some(res));
                });
            }
        });
    }
    // the board follows the filters too; a slow answer to older filters is dropped
    {
        let (load, board) = (load.clone(), board.clone());
        let req = s.request(me.person_id());
        use_effect_with((req, s.reload), move |(req, _)| {
            if let Some(req) = req.clone() {
                load.run(req, move |b| board.set(Some(b)));
            }
        });
    }
    let dispatch = s.dispatcher();
    let pick = {
        let (d, board) = (dispatch.clone(), board.clone());
        Callback::from(move |c| {
            board.set(None);
            d.dispatch(Action::Community(c))
        })
    };
    let open_task = {
        let d = dispatch.clone();
        Callback::from(move |id: Id| d.dispatch(Action::Open(id)))
    };
    let on_changed = {
        let d = dispatch.clone();
        Callback::from(move |task: Task| {
            d.dispatch(Action::Changed(Some((t.task_now)(
                &task.title,
                (t.task_status)(task.status),
            ))))
        })
    };
    let on_close = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::ClosePanel))
    };
    let on_attached = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Changed(None)))
    };
    let on_raised = {
        let d = dispatch.clone();
        Callback::from(move |task: Task| {
            d.dispatch(Action::Changed(Some((t.work.raised)(&task.title))))
        })
    };
    let new_request = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::NewRequest))
    };
    let close_request = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::CloseRequest))
    };

    let figures = match &*rates {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        Some(Ok(r)) => {
            let figure = |id: &'static str, label: String, what: &'static str, ids: &Vec<Id>| {
                let (d, ids) = (dispatch.clone(), ids.clone());
                html! {
                    <button class="figure" {id} onclick={Callback::from(move |_| d.dispatch(Action::List(what, ids.clone())))}>
                        {label}
                    </button>
                }
            };
            html! {
                <div class="figures" id="task-rates">
                    <span class="figure-title">{t.rates_title}</span>
                    {figure("rate-raised", (t.rate_raised)(r.raised.len()), t.what_raised, &r.raised)}
                    {figure("rate-resolved", (t.rate_resolved)(r.resolved.len(), &percent(r.resolution_rate)), t.what_resolved, &r.resolved)}
                    {figure("rate-on-time", (t.rate_on_time)(r.on_time.len(), &percent(r.on_time_rate)), t.what_on_time, &r.on_time)}
                    {figure("rate-overdue", (t.rate_overdue)(r.overdue.len()), t.overdue, &r.overdue)}
                </div>
            }
        }
    };
    let listed = match (&s.listed, &*board) {
        (Some((what, ids)), Some(board)) => {
            let list = tasks_in(board, ids);
            let close = {
                let d = dispatch.clone();
                Callback::from(move |_| d.dispatch(Action::CloseList))
            };
            html! {
                <div class="panel" id="rate-tasks">
                    <div class="panel-head">
                        <h2>{(t.rate_list)(what, list.len())}</h2>
                        <button class="btn btn-small" id="rate-tasks-close" onclick={close}>{t.close}</button>
                    </div>
                    <table class="table">
                        <thead><tr>
                            <th>{t.col_title}</th><th>{t.col_category}</th><th>{t.col_where}</th>
                            <th>{t.col_assignee}</th><th>{t.col_due}</th><th></th><th></th>
                        </tr></thead>
                        <tbody>
                        { for list.iter().map(|task| {
                            let id = task.id;
                            let open = open_task.clone();
                            html! {
                                <tr key={id.to_string()}>
                                    <td>{&task.title}</td>
                                    <td>{(t.task_category)(task.category)}</td>
                                    <td>{&task.where_text}</td>
                                    <td>{task.assignee_name.clone().or(task.team.clone()).unwrap_or_default()}</td>
                                    <td class="mono">{task.due_date.as_deref().unwrap_or("")}</td>
                                    <td>{(t.task_status)(task.status)}</td>
                                    <td class="actions"><button class="btn btn-small"
                                        onclick={Callback::from(move |_| open.emit(id))}>{t.task_open}</button></td>
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                </div>
            }
        }
        _ => html! {},
    };
    let body = match (&*board, load.error()) {
        (_, Some(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        (None, None) => html! { <p class="muted">{t.loading}</p> },
        (Some(board), None) => {
            let n: usize = board.iter().map(|c| c.tasks.len()).sum();
            html! {
                <>
                <p class="count" id="board-count">{(t.work.board_count)(n)}</p>
                <div class="board" id="task-board">
                { for board.iter().map(|col| html! {
                    <Column key={col.status.code()} column={col.clone()} onopen={open_task.clone()} />
                }) }
                </div>
                </>
            }
        }
    };
    html! {
        <section class="panel">
            <div class="page-head">
                <h1>{t.tasks_title}</h1>
                <CommunityPicker value={s.community} onchange={pick} />
                <ExportButton kind={ListKind::Tasks} place_id={s.community} />
                <crate::components::print::PrintButton id="tasks-print" />
                <button class="btn btn-primary" id="new-request" onclick={new_request}
                    disabled={s.community.is_none()}>{t.work.new_request}</button>
            </div>
            if let Some(m) = &s.said {
                <Toast id="task-notice" text={m.clone()} block=true />
            }
            if let (true, Some(c)) = (s.requesting, s.community) {
                <NewRequest community={c} on_raised={on_raised} on_cancel={close_request} />
            }
            {figures}
            {listed}
            if let (Some(id), Some(c)) = (s.open, s.community) {
                <TaskPanel task_id={id} community={c} reload={s.reload}
                    on_changed={on_changed.clone()} on_close={on_close.clone()}
                    on_attached={on_attached.clone()} />
            }
            if let Some(c) = s.community {
                <BoardFilters community={c} filters={s.filters.clone()} dispatch={dispatch.clone()} />
            }
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_domain::field::{TaskCategory, TaskStatus};

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    fn task(n: u128, status: TaskStatus) -> Task {
        Task {
            id: id(n),
            community_id: None,
            title: format!("事项{n}"),
            category: TaskCategory::HouseholdMatter,
            subcategory: None,
            description: String::new(),
            household_id: None,
            place_id: None,
            where_text: String::new(),
            raised_by: None,
            visit_id: None,
            raised_at: "2026-11-01 09:00".into(),
            status,
            assignee_id: None,
            assignee_name: None,
            team: None,
            due_date: None,
            finished_at: None,
            rating: None,
            escalation_level: 0,
            overdue: false,
            photos: vec![],
            source: None,
        }
    }

    #[test]
    fn a_figure_opens_exactly_the_tasks_behind_it() {
        let board = vec![
            BoardColumn {
                status: TaskStatus::Raised,
                tasks: vec![task(1, TaskStatus::Raised), task(2, TaskStatus::Raised)],
            },
            BoardColumn {
                status: TaskStatus::Rated,
                tasks: vec![task(3, TaskStatus::Rated)],
            },
        ];
        let titles: Vec<&str> = tasks_in(&board, &[id(3), id(1)])
            .iter()
            .map(|t| t.title.as_str())
            .collect();
        assert_eq!(titles, ["事项1", "事项3"]);
        assert!(tasks_in(&board, &[id(9)]).is_empty());
    }
}
