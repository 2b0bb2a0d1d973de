//! 诉求 Tasks: the board of the five-list flow by status (derived from each task's events), with
//! the last 30 days' figures above it — raised, resolved, on time, overdue — each opening the
//! tasks behind it. A task card opens the task panel, where it is taken through its next step.
//! Each time the board loads, overdue tasks are escalated first (a fact per level, the same on
//! every laptop), and a card shows how far its task has gone up.

use linli_domain::Id;
use linli_protocol::{
    ApiError, BoardColumn, EscalateOverdue, ListKind, Task, TaskBoard, TaskRates, TaskRatesReport,
};
use yew::prelude::*;

use super::field::{percent, CommunityPicker};
use super::task_panel::TaskPanel;
use crate::components::attachments::mini;
use crate::components::export_button::ExportButton;
use crate::hooks::use_texts;
use crate::i18n::Texts;
use crate::ipc;

type Loaded = Option<Result<(Vec<BoardColumn>, TaskRatesReport), ApiError>>;

/// The tasks of the board whose ids are in `ids`, in the order of the board.
pub fn tasks_in<'a>(board: &'a [BoardColumn], ids: &[Id]) -> Vec<&'a Task> {
    board
        .iter()
        .flat_map(|c| c.tasks.iter())
        .filter(|t| ids.contains(&t.id))
        .collect()
}

fn task_card(t: &Texts, task: &Task, open: &Callback<Id>) -> Html {
    let id = task.id;
    let onclick = {
        let open = open.clone();
        Callback::from(move |_| open.emit(id))
    };
    let who = task
        .assignee_name
        .clone()
        .or(task.team.clone())
        .unwrap_or_default();
    html! {
        <button class={classes!("task-card", task.overdue.then_some("late"))} key={id.to_string()}
            data-id={id.to_string()} {onclick} title={t.task_open}>
            <span class="task-card-title">{&task.title}</span>
            <span class="muted">{(t.task_category)(task.category)}{" · "}{&task.where_text}</span>
            if !task.photos.is_empty() {
                <span class="task-card-photos" title={(t.attach.count)(task.photos.len())}>
                    { for task.photos.iter().take(3).map(|a| mini(t, a)) }
                    if task.photos.len() > 3 {
                        <span class="muted">{format!("+{}", task.photos.len() - 3)}</span>
                    }
                </span>
            }
            <span class="task-card-foot">
                <span>{who}</span>
                <span class="mono">{task.due_date.as_deref().unwrap_or("")}</span>
                if task.overdue { <span class="field-error">{t.overdue}</span> }
                if task.escalation_level > 0 {
                    <span class="escalated">{(t.field.escalated)(task.escalation_level)}</span>
                }
            </span>
        </button>
    }
}

#[function_component(Tasks)]
pub fn tasks() -> Html {
    let t = use_texts();
    let community = use_state(|| None as Option<Id>);
    let data = use_state(|| None as Loaded);
    let reload = use_state(|| 0u32);
    let open = use_state(|| None as Option<Id>);
    let filter = use_state(|| None as Option<(&'static str, Vec<Id>)>);
    let said = use_state(|| None as Option<String>);
    {
        let data = data.clone();
        use_effect_with((*community, *reload), move |(c, _)| {
            if let Some(c) = *c {
                wasm_bindgen_futures::spawn_local(async move {
                    let res = async {
                        ipc::call(&EscalateOverdue {
                            place_id: Some(c),
                            today: None,
                        })
                        .await?;
                        let board = ipc::call(&TaskBoard {
                            place_id: Some(c),
                            today: None,
                        })
                        .await?;
                        let rates = ipc::call(&TaskRates {
                            place_id: Some(c),
                            from: None,
                            to: None,
                        })
                        .await?;
                        Ok((board, rates))
                    }
                    .await;
                    data.set(Some(res));
                });
            }
        });
    }
    let pick = {
        let (community, open, filter, data) = (
            community.clone(),
            open.clone(),
            filter.clone(),
            data.clone(),
        );
        Callback::from(move |c| {
            open.set(None);
            filter.set(None);
            data.set(None);
            community.set(c)
        })
    };
    let open_task = {
        let (open, said) = (open.clone(), said.clone());
        Callback::from(move |id: Id| {
            said.set(None);
            open.set(Some(id));
        })
    };
    let on_changed = {
        let (reload, said) = (reload.clone(), said.clone());
        Callback::from(move |task: Task| {
            said.set(Some((t.task_now)(
                &task.title,
                (t.task_status)(task.status),
            )));
            reload.set(*reload + 1);
        })
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |_| open.set(None))
    };
    let on_attached = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };

    let body = match &*data {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error">{&e.message}</p> },
        Some(Ok((board, r))) => {
            let figure = |id: &'static str, label: String, what: &'static str, ids: &Vec<Id>| {
                let (filter, ids) = (filter.clone(), ids.clone());
                html! {
                    <button class="figure" {id} onclick={Callback::from(move |_| filter.set(Some((what, ids.clone()))))}>
                        {label}
                    </button>
                }
            };
            let filtered = filter.as_ref().map(|(what, ids)| {
                let list = tasks_in(board, ids);
                let close = {
                    let filter = filter.clone();
                    Callback::from(move |_| filter.set(None))
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
                                <th>{t.col_assignee}</th><th>{t.col_due}</th><th></th>
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
            });
            html! {
                <>
                <div class="figures" id="task-rates">
                    <span class="figure-title">{t.rates_title}</span>
                    {figure("rate-raised", (t.rate_raised)(r.raised.len()), t.what_raised, &r.raised)}
                    {figure("rate-resolved", (t.rate_resolved)(r.resolved.len(), &percent(r.resolution_rate)), t.what_resolved, &r.resolved)}
                    {figure("rate-on-time", (t.rate_on_time)(r.on_time.len(), &percent(r.on_time_rate)), t.what_on_time, &r.on_time)}
                    {figure("rate-overdue", (t.rate_overdue)(r.overdue.len()), t.overdue, &r.overdue)}
                </div>
                {filtered}
                if let (Some(id), Some(c)) = (*open, *community) {
                    <TaskPanel task_id={id} community={c} reload={*reload}
                        on_changed={on_changed.clone()} on_close={on_close.clone()}
                        on_attached={on_attached.clone()} />
                }
                if let Some(m) = &*said {
                    <p class="notice" id="task-notice" role="status">{m}</p>
                }
                <div class="board" id="task-board">
                { for board.iter().map(|col| html! {
                    <div class="board-column" data-status={col.status.code()}>
                        <h2>{(t.task_status)(col.status)}{" "}<span class="muted">{col.tasks.len()}</span></h2>
                        { for col.tasks.iter().map(|task| task_card(t, task, &open_task)) }
                    </div>
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
                <CommunityPicker value={*community} onchange={pick} />
                <ExportButton kind={ListKind::Tasks} place_id={*community} />
            </div>
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
