//! The weekly consultation agenda (周会商) of one community: grid by grid, the open tasks (with
//! how far each has been escalated) and the last seven days' findings not yet reviewed, with a
//! one-click export of the same rows. Drawing it up only reads: overdue tasks are escalated by the
//! desktop shell's timer and after each sync (issue 24). A long agenda (740 rows for the biggest
//! community at 100,000 households) is drawn [`PAGE`] rows at a time, grid by grid in order, with
//! 再显示 and 显示全部 under it.

use linli_domain::Id;
use linli_protocol::{AgendaGrid, ApiError, ListKind, WeeklyAgenda};
use yew::prelude::*;

use crate::components::export_button::ExportButton;
use crate::components::show_more::show_more;
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct AgendaProps {
    pub community: Id,
    /// Bumped when something on the page changed what the agenda holds.
    pub reload: u32,
}

/// How many rows (tasks and findings) the agenda draws at first, and each 再显示 adds.
pub const PAGE: usize = 200;

/// How many of each grid's open tasks and findings (given as their counts) are drawn within
/// `limit` rows, grid by grid in order, its tasks before its findings.
fn shown_rows(
    grids: impl IntoIterator<Item = (usize, usize)>,
    limit: usize,
) -> Vec<(usize, usize)> {
    let mut left = limit;
    grids
        .into_iter()
        .map(|(tasks, visits)| {
            let tasks = tasks.min(left);
            left -= tasks;
            let visits = visits.min(left);
            left -= visits;
            (tasks, visits)
        })
        .collect()
}

#[function_component(Agenda)]
pub fn agenda(props: &AgendaProps) -> Html {
    let t = use_texts();
    let f = &t.field;
    let data = use_state(|| None as Option<Result<Vec<AgendaGrid>, ApiError>>);
    let limit = use_state(|| PAGE);
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
        Some(Ok(grids)) => {
            let total = grids
                .iter()
                .map(|g| g.open_tasks.len() + g.unreviewed.len())
                .sum();
            let shown = shown_rows(
                grids
                    .iter()
                    .map(|g| (g.open_tasks.len(), g.unreviewed.len())),
                *limit,
            );
            let more = show_more(
                "agenda",
                &limit,
                PAGE,
                total,
                t.pages.agenda_shown_of,
                t.pages.agenda_show_more,
                t.pages.show_all,
            );
            html! {
            <>
            <div class="agenda" id="agenda-grids">
            { for grids.iter().zip(shown)
                // a grid past the rows drawn is not begun
                .filter(|(g, (a, b))| a + b > 0
                    || (g.open_tasks.is_empty() && g.unreviewed.is_empty()))
                .map(|(g, (tasks_shown, visits_shown))| html! {
                <div class="agenda-grid" key={g.grid_id.map(|i| i.to_string()).unwrap_or_default()}>
                    <h3>{if g.grid_id.is_some() { g.name.as_str() } else { f.agenda_other }}{" "}<span class="muted">
                        {(f.agenda_tasks)(g.open_tasks.len())}{" · "}{(f.agenda_visits)(g.unreviewed.len())}
                    </span></h3>
                    if tasks_shown > 0 {
                        <table class="table agenda-tasks">
                            <thead><tr>
                                <th>{t.col_title}</th><th>{t.col_where}</th><th>{t.col_category}</th>
                                <th>{t.col_assignee}</th><th>{t.col_due}</th><th></th>
                            </tr></thead>
                            <tbody>
                            { for g.open_tasks.iter().take(tasks_shown).map(|task| html! {
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
                    if visits_shown > 0 {
                        <table class="table agenda-visits">
                            <thead><tr>
                                <th>{t.col_time}</th><th>{t.col_address}</th><th>{t.col_visitor}</th>
                                <th>{t.col_findings}</th>
                            </tr></thead>
                            <tbody>
                            { for g.unreviewed.iter().take(visits_shown).map(|v| html! {
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
            {more}
            </>
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_drawn_run_grid_by_grid_tasks_before_findings() {
        let grids = [(3, 2), (4, 0), (0, 5)];
        assert_eq!(shown_rows(grids, 4), [(3, 1), (0, 0), (0, 0)]);
        assert_eq!(shown_rows(grids, 5), [(3, 2), (0, 0), (0, 0)]);
        assert_eq!(shown_rows(grids, 11), [(3, 2), (4, 0), (0, 2)]);
        assert_eq!(shown_rows(grids, usize::MAX), [(3, 2), (4, 0), (0, 5)]);
    }
}
