//! 诉求 Tasks: the board of the five-list flow by status (derived from each task's events), with
//! the month's resolution and on-time rates above it.

use linli_domain::Id;
use linli_protocol::{ApiError, BoardColumn, TaskBoard, TaskRates, TaskRatesReport};
use yew::prelude::*;

use super::field::{percent, CommunityPicker};
use crate::hooks::use_texts;
use crate::ipc;

type Loaded = Option<Result<(Vec<BoardColumn>, TaskRatesReport), ApiError>>;

#[function_component(Tasks)]
pub fn tasks() -> Html {
    let t = use_texts();
    let community = use_state(|| None as Option<Id>);
    let data = use_state(|| None as Loaded);
    {
        let data = data.clone();
        use_effect_with(*community, move |c| {
            if let Some(c) = *c {
                data.set(None);
                wasm_bindgen_futures::spawn_local(async move {
                    let res = async {
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
        let community = community.clone();
        Callback::from(move |c| community.set(c))
    };
    let body = match &*data {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error">{&e.message}</p> },
        Some(Ok((board, r))) => html! {
            <>
                <p class="count" id="task-rates">{(t.rates_line)(
                    r.raised.len(),
                    r.resolved.len(),
                    &percent(r.resolution_rate),
                    &percent(r.on_time_rate),
                    r.overdue.len(),
                )}</p>
                { for board.iter().map(|col| html! {
                    <div class="board-column" data-status={col.status.code()}>
                        <h2>{(t.task_status)(col.status)}{" "}<span class="muted">{col.tasks.len()}</span></h2>
                        if col.tasks.is_empty() {
                            <p class="muted">{"—"}</p>
                        } else {
                            <table class="table">
                                <tbody>
                                { for col.tasks.iter().map(|task| html! {
                                    <tr>
                                        <td>{&task.title}</td>
                                        <td>{(t.task_category)(task.category)}</td>
                                        <td>{&task.where_text}</td>
                                        <td>{task.assignee_name.clone().or(task.team.clone()).unwrap_or_default()}</td>
                                        <td class="mono">{task.due_date.as_deref().unwrap_or("")}</td>
                                        <td>{ if task.overdue { html!{ <span class="field-error">{t.overdue}</span> } } else { html!{} } }</td>
                                    </tr>
                                }) }
                                </tbody>
                            </table>
                        }
                    </div>
                }) }
            </>
        },
    };
    html! {
        <section class="panel">
            <div class="page-head"><h1>{t.tasks_title}</h1></div>
            <CommunityPicker value={*community} onchange={pick} />
            {body}
        </section>
    }
}
