//! One task on the board: title, category, where, source, who has it (派给…), due date, overdue
//! and escalation, its first photos. A click opens the task panel.

use linli_domain::Id;
use linli_protocol::Task;
use yew::prelude::*;

use crate::components::attachments::mini;
use crate::hooks::use_texts;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub task: Task,
    pub onopen: Callback<Id>,
}

#[function_component(TaskCard)]
pub fn task_card(props: &Props) -> Html {
    let t = use_texts();
    let task = &props.task;
    let id = task.id;
    let onclick = {
        let open = props.onopen.clone();
        Callback::from(move |_| open.emit(id))
    };
    let who = task.assignee_name.clone().or(task.team.clone());
    html! {
        <button class={classes!("task-card", task.overdue.then_some("late"))}
            data-id={id.to_string()} {onclick} title={t.task_open}>
            <span class="task-card-title">{&task.title}</span>
            <span class="muted">
                {(t.task_category)(task.category)}{" · "}{&task.where_text}
                if let Some(s) = task.source {
                    {" · "}{(t.work.source_label)(s)}
                }
            </span>
            if !task.photos.is_empty() {
                <span class="task-card-photos" title={(t.attach.count)(task.photos.len())}>
                    { for task.photos.iter().take(3).map(|a| mini(t, a)) }
                    if task.photos.len() > 3 {
                        <span class="muted">{format!("+{}", task.photos.len() - 3)}</span>
                    }
                </span>
            }
            <span class="task-card-foot">
                if let Some(w) = who {
                    <span class="task-card-to">{(t.work.dispatched_to)(&w)}</span>
                }
                <span class="mono">{task.due_date.as_deref().unwrap_or("")}</span>
                if task.overdue { <span class="field-error">{t.overdue}</span> }
                if task.escalation_level > 0 {
                    <span class="escalated">{(t.field.escalated)(task.escalation_level)}</span>
                }
            </span>
        </button>
    }
}
