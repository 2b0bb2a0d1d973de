//! The steps off the straight path of a task that someone has: 转派 (to another person or team,
//! with a due date and a reason), 退单 (handed back with a reason) and 申请延期 (a later due date,
//! with a reason). Each is one `TaskAction`, recorded as an event of the flow.

use std::collections::BTreeMap;

use linli_domain::{date, Id};
use linli_protocol::{Person, Task, TaskAction, TaskStep};
use yew::prelude::*;

use crate::components::staff_picker::StaffPicker;
use crate::hooks::{use_command, use_texts};
use crate::i18n::Texts;
use crate::pages::field::{field_error, value_of};

/// Which of the three the worker chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Other {
    Redispatch,
    Return,
    Extend,
}

/// The form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OtherDraft {
    pub assignee: Option<Id>,
    pub team: String,
    pub due: String,
    pub reason: String,
}

impl OtherDraft {
    /// The step, or what is wrong by field.
    pub fn step(
        &self,
        which: Other,
        task: &Task,
        t: &Texts,
    ) -> Result<TaskStep, BTreeMap<&'static str, &'static str>> {
        let mut e = BTreeMap::new();
        let reason = self.reason.trim().to_owned();
        let due = self.due.trim().to_owned();
        let due_ok = |e: &mut BTreeMap<_, _>| {
            if due.is_empty() {
                e.insert("due", t.err_due_missing);
            } else if date::validate("due", &due).is_err() {
                e.insert("due", t.err_date);
            }
        };
        let step = match which {
            Other::Redispatch => {
                let team = self.team.trim();
                if self.assignee.is_some() != team.is_empty() {
                    e.insert("assignee", t.err_assignee);
                } else if (self.assignee.is_some() && self.assignee == task.assignee_id)
                    || (!team.is_empty() && Some(team) == task.team.as_deref())
                {
                    e.insert("assignee", t.work.err_same_assignee);
                }
                due_ok(&mut e);
                TaskStep::Redispatch {
                    assignee_id: self.assignee,
                    team: Some(team.to_owned()).filter(|t| !t.is_empty()),
                    due_date: due,
                    reason,
                }
            }
            Other::Return => {
                if reason.is_empty() {
                    e.insert("reason", t.work.err_reason);
                }
                TaskStep::Return { reason }
            }
            Other::Extend => {
                due_ok(&mut e);
                if reason.is_empty() {
                    e.insert("reason", t.work.err_reason);
                }
                TaskStep::Extend {
                    due_date: due,
                    reason,
                }
            }
        };
        if e.is_empty() {
            Ok(step)
        } else {
            Err(e)
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub task: Task,
    pub people: Vec<Person>,
    /// Who acts (the panel's 经办人).
    pub by: Option<Id>,
    pub on_changed: Callback<Task>,
}

#[function_component(OtherSteps)]
pub fn other_steps(props: &Props) -> Html {
    let t = use_texts();
    let which = use_state(|| None as Option<Other>);
    let draft = use_state(OtherDraft::default);
    let submitted = use_state(|| false);
    let act = use_command::<TaskAction>();
    let choose = |w: Other| {
        let (which, draft, submitted, due) = (
            which.clone(),
            draft.clone(),
            submitted.clone(),
            props.task.due_date.clone().unwrap_or_default(),
        );
        Callback::from(move |_| {
            submitted.set(false);
            draft.set(OtherDraft {
                due: due.clone(),
                ..OtherDraft::default()
            });
            which.set((*which != Some(w)).then_some(w));
        })
    };
    let edit = |f: fn(&mut OtherDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut d = (*draft).clone();
            f(&mut d, value_of(e));
            draft.set(d);
        })
    };
    let on_assignee = {
        let draft = draft.clone();
        Callback::from(move |a: Option<Id>| {
            let mut d = (*draft).clone();
            d.assignee = a;
            draft.set(d);
        })
    };
    let buttons = html! {
        <div class="form-row other-steps-buttons">
            <span class="label">{t.work.other_steps}</span>
            <button type="button" class="btn btn-small" id="task-redispatch-open"
                onclick={choose(Other::Redispatch)}>{t.work.redispatch}</button>
            <button type="button" class="btn btn-small" id="task-return-open"
                onclick={choose(Other::Return)}>{t.work.return_task}</button>
            <button type="button" class="btn btn-small" id="task-extend-open"
                onclick={choose(Other::Extend)}>{t.work.extend}</button>
        </div>
    };
    let Some(w) = *which else {
        return buttons;
    };
    let checked = draft.step(w, &props.task, t);
    let errors = if *submitted {
        checked.clone().err().unwrap_or_default()
    } else {
        BTreeMap::new()
    };
    let err = |k: &str| errors.get(k).copied();
    let invalid = |k: &str| classes!("input", errors.contains_key(k).then_some("invalid"));
    let on_submit = {
        let (act, submitted, which, on_changed) = (
            act.clone(),
            submitted.clone(),
            which.clone(),
            props.on_changed.clone(),
        );
        let (task_id, by, step) = (props.task.id, props.by, checked.clone().ok());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submitted.set(true);
            let Some(step) = step.clone() else {
                return;
            };
            let (which, on_changed) = (which.clone(), on_changed.clone());
            let req = TaskAction {
                task_id,
                by,
                at: None,
                step,
            };
            act.submit(req, move |task| {
                which.set(None);
                on_changed.emit(task);
            });
        })
    };
    let (label, id) = match w {
        Other::Redispatch => (t.work.redispatch, "task-redispatch"),
        Other::Return => (t.work.return_task, "task-return"),
        Other::Extend => (t.work.extend, "task-extend"),
    };
    html! {
        <>
        {buttons}
        <form class="form-row other-step" id="task-other-step" onsubmit={on_submit} novalidate=true>
            if w == Other::Redispatch {
                <StaffPicker id="task-redispatch-to" label={t.task_to_person} people={props.people.clone()}
                    value={draft.assignee} onchange={on_assignee} none={Some(AttrValue::from(t.task_nobody))}
                    invalid={errors.contains_key("assignee")} />
                <label class="field">
                    <span class="label">{t.task_to_team}</span>
                    <input id="task-redispatch-team" class={invalid("assignee")} value={draft.team.clone()}
                        oninput={edit(|d, v| d.team = v)} />
                </label>
            }
            if w != Other::Return {
                <label class="field field-narrow">
                    <span class="label">{ if w == Other::Extend { t.work.new_due } else { t.task_due_label } }</span>
                    <input id="task-other-due" class={invalid("due")} placeholder={t.date_placeholder}
                        value={draft.due.clone()} oninput={edit(|d, v| d.due = v)} />
                </label>
            }
            <label class="field field-grow">
                <span class="label">{t.work.reason}</span>
                <input id="task-reason" class={invalid("reason")} value={draft.reason.clone()}
                    oninput={edit(|d, v| d.reason = v)} />
            </label>
            <button type="submit" {id} class="btn btn-primary" disabled={act.busy()}>
                { if act.busy() { t.saving } else { label } }
            </button>
            {field_error("task-other-assignee-error", err("assignee"))}
            {field_error("task-other-due-error", err("due"))}
            {field_error("task-reason-error", err("reason"))}
            if let Some(e) = act.error() {
                <span class="field-error" id="task-other-failed" role="alert">{crate::i18n::say(e)}</span>
            }
        </form>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use linli_domain::field::{TaskCategory, TaskStatus};

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    fn task() -> Task {
        Task {
            id: id(1),
            community_id: None,
            title: "修灯".into(),
            category: TaskCategory::PublicMatter,
            subcategory: None,
            description: String::new(),
            household_id: None,
            place_id: None,
            where_text: String::new(),
            raised_by: None,
            visit_id: None,
            raised_at: "2026-12-01 09:00".into(),
            status: TaskStatus::Accepted,
            assignee_id: Some(id(7)),
            assignee_name: Some("陈网格".into()),
            team: None,
            due_date: Some("2026-12-08".into()),
            finished_at: None,
            rating: None,
            escalation_level: 0,
            overdue: false,
            photos: vec![],
            source: None,
        }
    }

    #[test]
    fn redispatch_needs_someone_else_a_due_date_and_takes_a_reason() {
        let t = Lang::Zh.texts();
        let mut d = OtherDraft {
            assignee: Some(id(7)),
            due: "2026-12-10".into(),
            ..OtherDraft::default()
        };
        assert_eq!(
            d.step(Other::Redispatch, &task(), t).unwrap_err()["assignee"],
            "转派要交给另一个人或队伍"
        );
        d.assignee = Some(id(8));
        d.reason = "外出培训".into();
        assert_eq!(
            d.step(Other::Redispatch, &task(), t),
            Ok(TaskStep::Redispatch {
                assignee_id: Some(id(8)),
                team: None,
                due_date: "2026-12-10".into(),
                reason: "外出培训".into()
            })
        );
    }

    #[test]
    fn return_and_extension_need_a_reason() {
        let t = Lang::En.texts();
        let mut d = OtherDraft::default();
        assert_eq!(
            d.step(Other::Return, &task(), t).unwrap_err()["reason"],
            "Give a reason"
        );
        let e = d.step(Other::Extend, &task(), t).unwrap_err();
        assert!(e.contains_key("due") && e.contains_key("reason"));
        d.reason = "等配件".into();
        d.due = "2026-12-20".into();
        assert_eq!(
            d.step(Other::Extend, &task(), t),
            Ok(TaskStep::Extend {
                due_date: "2026-12-20".into(),
                reason: "等配件".into()
            })
        );
        assert!(matches!(
            d.step(Other::Return, &task(), t),
            Ok(TaskStep::Return { .. })
        ));
    }
}
