//! The lists behind 工作台's figures: due households (with 登记走访), open or overdue requests
//! (each opens its panel), unreviewed findings, and this week's volunteer activities.

use linli_domain::Id;
use linli_protocol::{Activity, HomeDay, Task, Visit};
use yew::prelude::*;

use super::state::List;
use crate::hooks::use_texts;
use crate::pages::today::HouseholdTable;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub list: List,
    pub day: HomeDay,
    pub visit: Callback<Id>,
    pub open_task: Callback<Id>,
}

fn tasks_table(t: &crate::i18n::Texts, tasks: &[&Task], open: &Callback<Id>) -> Html {
    html! {
        <table class="table" id="home-task-list">
            <thead><tr>
                <th>{t.col_title}</th><th>{t.col_where}</th><th>{t.col_assignee}</th>
                <th>{t.col_due}</th><th></th><th></th>
            </tr></thead>
            <tbody>
            { for tasks.iter().map(|task| {
                let (id, open) = (task.id, open.clone());
                html! {
                    <tr key={id.to_string()} class={classes!(task.overdue.then_some("late"))}>
                        <td>{&task.title}</td>
                        <td>{&task.where_text}</td>
                        <td>{task.assignee_name.clone().or(task.team.clone()).unwrap_or_default()}</td>
                        <td class="mono">{task.due_date.as_deref().unwrap_or("")}
                            if task.overdue { {" "}<span class="field-error">{t.overdue}</span> }
                        </td>
                        <td>{(t.task_status)(task.status)}</td>
                        <td class="actions"><button class="btn btn-small home-open-task" data-id={id.to_string()}
                            onclick={Callback::from(move |_| open.emit(id))}>{t.task_open}</button></td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
    }
}

fn visits_table(t: &crate::i18n::Texts, visits: &[Visit]) -> Html {
    html! {
        <table class="table" id="home-visit-list">
            <thead><tr><th>{t.col_time}</th><th>{t.col_address}</th><th>{t.col_visitor}</th><th>{t.col_findings}</th></tr></thead>
            <tbody>
            { for visits.iter().map(|v| html! {
                <tr key={v.id.to_string()}>
                    <td class="mono">{&v.at}</td>
                    <td>{&v.address}</td>
                    <td>{v.visitor_name.as_deref().unwrap_or("")}</td>
                    <td>{&v.findings}</td>
                </tr>
            }) }
            </tbody>
        </table>
    }
}

fn activities_table(t: &crate::i18n::Texts, list: &[Activity]) -> Html {
    html! {
        <table class="table" id="home-activity-list">
            <thead><tr><th>{t.work.col_date}</th><th>{t.work.col_activity}</th><th>{t.work.col_place}</th></tr></thead>
            <tbody>
            { for list.iter().map(|a| html! {
                <tr key={a.id.to_string()}>
                    <td class="mono">{&a.date}</td><td>{&a.title}</td><td>{&a.place}</td>
                </tr>
            }) }
            </tbody>
        </table>
    }
}

#[function_component(HomeList)]
pub fn home_list(props: &Props) -> Html {
    let t = use_texts();
    let d = &props.day;
    let (title, empty, body) = match props.list {
        List::Due => (
            t.work.list_due,
            d.due.is_empty(),
            html! { <HouseholdTable id="home-due-list" rows={d.due.clone()} visit={Some(props.visit.clone())} /> },
        ),
        List::Open => {
            let all: Vec<&Task> = d.open_tasks.iter().collect();
            (
                t.work.list_open,
                all.is_empty(),
                tasks_table(t, &all, &props.open_task),
            )
        }
        List::Overdue => {
            let late: Vec<&Task> = d.open_tasks.iter().filter(|x| x.overdue).collect();
            (
                t.work.list_overdue,
                late.is_empty(),
                tasks_table(t, &late, &props.open_task),
            )
        }
        List::Unreviewed => (
            t.work.list_unreviewed,
            d.unreviewed.is_empty(),
            visits_table(t, &d.unreviewed),
        ),
        List::Activities => (
            t.work.list_activities,
            d.activities.is_empty(),
            activities_table(t, &d.activities),
        ),
    };
    html! {
        <div class="panel" id="home-list">
            <div class="panel-head"><h2>{title}</h2></div>
            if empty {
                <p class="empty">{t.work.nothing}</p>
            } else {
                {body}
            }
        </div>
    }
}
