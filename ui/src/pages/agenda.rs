//! The weekly consultation agenda (周会商) of one community: grid by grid, the open tasks (with
//! how far each has been escalated) and the last seven days' findings not yet reviewed, with a
//! one-click export of the same rows. Drawing it up only reads: overdue tasks are escalated by the
//! desktop shell's timer and after each sync (issue 24).

use linli_domain::Id;
use linli_protocol::{AgendaGrid, ApiError, ListKind, WeeklyAgenda};
use yew::prelude::*;

use crate::components::export_button::ExportButton;
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct AgendaProps {
    pub community: Id,
    /// Bumped when something on the page changed what the agenda holds.
    pub reload: u32,
}

#[function_component(Agenda)]
pub fn agenda(props: &AgendaProps) -> Html {
    let t = use_texts();
    let f = &t.field;
    let data = use_state(|| None as Option<Result<Vec<AgendaGrid>, ApiError>>);
    {
        let data = data.clone();
        use_effect_with((props.community, props.reload), move |(c, _)| {
            let c = *c;
            wasm_bindgen_futures::spawn_local(async move {
                let res = ipc::call(&WeeklyAgenda {
                    community_id: c,
                    today: None,
                })
                .await;
                data.set(Some(res));
            });
        });
    }
    let body = match &*data {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        Some(Ok(grids)) if grids.is_empty() => {
            html! { <p class="empty" id="agenda-empty">{f.agenda_empty}</p> }
        }
        Some(Ok(grids)) => html! {
            <div class="agenda" id="agenda-grids">
            { for grids.iter().map(|g| html! {
                <div class="agenda-grid" key={g.grid_id.map(|i| i.to_string()).unwrap_or_default()}>
                    <h3>{if g.grid_id.is_some() { g.name.as_str() } else { f.agenda_other }}{" "}<span class="muted">
                        {(f.agenda_tasks)(g.open_tasks.len())}{" · "}{(f.agenda_visits)(g.unreviewed.len())}
                    </span></h3>
                    if !g.open_tasks.is_empty() {
                        <table class="table agenda-tasks">
                            <thead><tr>
                                <th>{t.col_title}</th><th>{t.col_where}</th><th>{t.col_category}</th>
                                <th>{t.col_assignee}</th><th>{t.col_due}</th><th></th>
                            </tr></thead>
                            <tbody>
                            { for g.open_tasks.iter().map(|task| html! {
                                <tr key={task.id.to_string()} data-id={task.id.to_string()}>
                                    <td>{&task.title}</td>
                                    <td>{&task.where_text}</td>
                                    <td>{(t.task_category)(task.category)}</td>
                                    <td>{task.assignee_name.clone().or(task.team.clone()).unwrap_or_default()}</td>
                                    <td class="mono">{task.due_date.as_deref().unwrap_or("")}</td>
                                    <td>
                                        <span class="status-tag">{(t.task_status)(task.status)}</span>
                                        if task.overdue { {" "}<span class="field-error">{t.overdue}</span> }
                                        if task.escalation_level > 0 {
                                            {" "}<span class="escalated">{(f.escalated)(task.escalation_level)}</span>
                                        }
                                    </td>
                                </tr>
                            }) }
                            </tbody>
                        </table>
                    }
                    if !g.unreviewed.is_empty() {
                        <table class="table agenda-visits">
                            <thead><tr>
                                <th>{t.col_time}</th><th>{t.col_address}</th><th>{t.col_visitor}</th>
                                <th>{t.col_findings}</th>
                            </tr></thead>
                            <tbody>
                            { for g.unreviewed.iter().map(|v| html! {
                                <tr key={v.id.to_string()} data-id={v.id.to_string()}>
                                    <td class="mono">{&v.at}</td>
                                    <td>{&v.address}</td>
                                    <td>{v.visitor_name.as_deref().unwrap_or("—")}</td>
                                    <td>{&v.findings}</td>
                                </tr>
                            }) }
                            </tbody>
                        </table>
                    }
                </div>
            }) }
            </div>
        },
    };
    html! {
        <section class="panel" id="agenda">
            <div class="panel-head">
                <h2>{f.agenda_title}</h2>
                <ExportButton kind={ListKind::Agenda} place_id={props.community} />
                <crate::components::print::PrintButton id="agenda-print" />
            </div>
            <p class="muted">{f.agenda_intro}</p>
            {body}
        </section>
    }
}
