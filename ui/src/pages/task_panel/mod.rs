//! One task opened on 诉求: its history (naming who each dispatch went to), and the form for its
//! next step in the five-list flow — dispatch to a person or a team with a due date (派单), accept
//! (接单), finish with a result (办结), publish (晒单), rate 1–5 by the resident or by the worker
//! for them (评单) — and, while someone has it, 转派 / 退单 / 申请延期. Each step is one
//! `TaskAction`, checked as it is typed; 经办人 starts as me. Its photos show as thumbnails (click:
//! the full photo) with a button to add one.

mod other_steps;

use std::collections::BTreeMap;

use linli_domain::field::{Rater, TaskStatus};
use linli_domain::{date, Id};
use linli_protocol::{
    ApiError, GetTask, ListPeople, Person, Task, TaskAction, TaskDetail, TaskStep,
};
use yew::prelude::*;

use super::field::{date_from_today, field_error, selected_of, value_of};
use crate::components::attachments::{AttachPhoto, AttachmentList};
use crate::components::escape::closes_on_escape;
use crate::components::staff_picker::StaffPicker;
use crate::hooks::{use_me, use_texts};
use crate::i18n::Texts;
use crate::ipc;
use other_steps::OtherSteps;

/// The next-step form as typed so far.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepDraft {
    /// Who does the step (the acting grid worker or member).
    pub by: Option<Id>,
    pub assignee: Option<Id>,
    pub team: String,
    pub due: String,
    pub result: String,
    /// 0 until picked.
    pub rating: u8,
    pub comment: String,
    /// Who gives the rating: the resident (the default) or the worker for them.
    pub rater: Option<Rater>,
}

impl StepDraft {
    /// The step a task in `status` takes next, or what is wrong with the form, by field id.
    pub fn step(
        &self,
        status: TaskStatus,
        t: &Texts,
    ) -> Result<TaskStep, BTreeMap<&'static str, &'static str>> {
        let mut e = BTreeMap::new();
        let step = match status {
            TaskStatus::Raised => {
                let team = self.team.trim();
                if self.assignee.is_some() != team.is_empty() {
                    e.insert("assignee", t.err_assignee);
                }
                if self.due.trim().is_empty() {
                    e.insert("due", t.err_due_missing);
                } else if date::validate("due", &self.due).is_err() {
                    e.insert("due", t.err_date);
                }
                TaskStep::Dispatch {
                    assignee_id: self.assignee,
                    team: Some(team.to_owned()).filter(|t| !t.is_empty()),
                    due_date: self.due.trim().to_owned(),
                }
            }
            TaskStatus::Dispatched => TaskStep::Accept,
            TaskStatus::Accepted => {
                if self.result.trim().is_empty() {
                    e.insert("result", t.err_result);
                }
                TaskStep::Finish {
                    result: self.result.trim().to_owned(),
                    photos: Vec::new(),
                }
            }
            TaskStatus::Finished => TaskStep::Publish,
            TaskStatus::Published => {
                if !(1..=5).contains(&self.rating) {
                    e.insert("rating", t.err_rating);
                }
                TaskStep::Rate {
                    rating: self.rating,
                    comment: self.comment.trim().to_owned(),
                    rater: Some(self.rater.unwrap_or(Rater::Resident)),
                }
            }
            TaskStatus::Rated => return Err(e),
        };
        if e.is_empty() {
            Ok(step)
        } else {
            Err(e)
        }
    }
}

/// Who a step is recorded against: nobody for the resident's own rating, else the acting person
/// (a worker rating for the resident included).
fn by_for(step: &TaskStep, by: Option<Id>) -> Option<Id> {
    match step {
        TaskStep::Rate {
            rater: Some(Rater::Worker),
            ..
        } => by,
        TaskStep::Rate { .. } => None,
        _ => by,
    }
}

#[derive(Properties, PartialEq)]
pub struct TaskPanelProps {
    pub task_id: Id,
    pub community: Id,
    /// Bumped by the page when its lists reload, so the panel reloads too.
    pub reload: u32,
    pub on_changed: Callback<Task>,
    pub on_close: Callback<()>,
    /// A photo was attached (the page reloads its lists to show it).
    #[prop_or_default]
    pub on_attached: Callback<()>,
}

#[function_component(TaskPanel)]
pub fn task_panel(props: &TaskPanelProps) -> Html {
    let t = use_texts();
    let me = use_me().person_id();
    let detail = use_state(|| None as Option<Result<TaskDetail, ApiError>>);
    let people = use_state(Vec::<Person>::new);
    let draft = use_state(StepDraft::default);
    let failed = use_state(|| None as Option<String>);
    let busy = use_state(|| false);
    let attached = use_state(|| 0u32);
    // a field's error shows once it was changed, or all of them once the step was tried
    let touched = use_state(std::collections::BTreeSet::<&'static str>::new);
    let tried = use_state(|| false);
    {
        let community = props.community;
        let people = people.clone();
        use_effect_with(community, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                people.set(
                    ipc::call(&ListPeople {
                        community_id: community,
                    })
                    .await
                    .unwrap_or_default(),
                );
            });
        });
    }
    {
        let (detail, draft, failed) = (detail.clone(), draft.clone(), failed.clone());
        let (touched, tried) = (touched.clone(), tried.clone());
        // me when I am of this community, else the first person listed
        let first_person = me
            .filter(|m| people.iter().any(|p| p.id == *m))
            .or(people.first().map(|p| p.id));
        use_effect_with(
            (props.task_id, props.reload, first_person, *attached),
            move |(id, _, first, _)| {
                let (id, first) = (*id, *first);
                wasm_bindgen_futures::spawn_local(async move {
                    let res = ipc::call(&GetTask { id, today: None }).await;
                    if let Ok(d) = &res {
                        // I act on it; else the person who has the task, else the first listed
                        draft.set(StepDraft {
                            by: first.or(d.task.assignee_id),
                            assignee: first,
                            due: d
                                .task
                                .due_date
                                .clone()
                                .unwrap_or_else(|| date_from_today(7)),
                            ..StepDraft::default()
                        });
                        failed.set(None);
                        touched.set(Default::default());
                        tried.set(false);
                    }
                    detail.set(Some(res));
                });
            },
        );
    }

    let edit = |key: &'static str, f: fn(&mut StepDraft, String)| {
        let (draft, touched) = (draft.clone(), touched.clone());
        move |v: String| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
            let mut k = (*touched).clone();
            k.insert(key);
            touched.set(k);
        }
    };
    let on_text = |key: &'static str, f: fn(&mut StepDraft, String)| {
        let apply = edit(key, f);
        Callback::from(move |e: InputEvent| apply(value_of(e)))
    };
    let on_select = |key: &'static str, f: fn(&mut StepDraft, String)| {
        let apply = edit(key, f);
        Callback::from(move |e: Event| apply(selected_of(e)))
    };
    let on_close = {
        let cb = props.on_close.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let on_attached = {
        let (attached, cb) = (attached.clone(), props.on_attached.clone());
        Callback::from(move |_| {
            attached.set(*attached + 1);
            cb.emit(());
        })
    };

    let d = match &*detail {
        None => {
            return html! { <div class="panel" id="task-panel"><p class="muted">{t.loading}</p></div> }
        }
        Some(Err(e)) => {
            return html! { <div class="panel" id="task-panel"><p class="alert alert-error">{crate::i18n::say(e)}</p></div> }
        }
        Some(Ok(d)) => d,
    };
    let task = &d.task;
    let checked = draft.step(task.status, t);
    let mut errors = checked.clone().err().unwrap_or_default();
    errors.retain(|k, _| *tried || touched.contains(k));
    let err = |k: &str| errors.get(k).copied();
    let invalid = |k: &str| classes!("input", errors.contains_key(k).then_some("invalid"));

    let on_step = {
        let (busy, failed, on_changed) = (busy.clone(), failed.clone(), props.on_changed.clone());
        let (task_id, by) = (task.id, draft.by);
        let step = checked.clone().ok();
        let tried = tried.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(step) = step.clone() else {
                // say what is missing, next to each field
                tried.set(true);
                return;
            };
            if *busy {
                return;
            }
            busy.set(true);
            let (busy, failed, on_changed) = (busy.clone(), failed.clone(), on_changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let req = TaskAction {
                    task_id,
                    by: by_for(&step, by),
                    at: None,
                    step,
                };
                match ipc::call(&req).await {
                    Ok(task) => on_changed.emit(task),
                    Err(e) => failed.set(Some(crate::i18n::say(&e))),
                }
                busy.set(false);
            });
        })
    };

    let pick = |key: &'static str, f: fn(&mut StepDraft, Option<Id>)| {
        let (draft, touched) = (draft.clone(), touched.clone());
        Callback::from(move |v: Option<Id>| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
            let mut k = (*touched).clone();
            k.insert(key);
            touched.set(k);
        })
    };
    let by_field = html! {
        <StaffPicker id="task-by" label={t.task_by} people={(*people).clone()}
            value={draft.by} onchange={pick("by", |d, v| d.by = v)} />
    };
    let submit = |id: &'static str, label: &'static str| {
        html! {
            <button type="submit" {id} class="btn btn-primary" disabled={*busy}>
                { if *busy { t.saving } else { label } }
            </button>
        }
    };
    let form = match task.status {
        TaskStatus::Raised => html! {
            <>
            {by_field}
            <StaffPicker id="task-assignee" label={t.task_to_person} people={(*people).clone()}
                value={draft.assignee} onchange={pick("assignee", |d, v| d.assignee = v)}
                none={Some(AttrValue::from(t.task_nobody))} invalid={errors.contains_key("assignee")} />
            <label class="field">
                <span class="label">{t.task_to_team}</span>
                <input id="task-team" class={invalid("assignee")} placeholder={t.task_team_placeholder}
                    value={draft.team.clone()} oninput={on_text("assignee", |d, v| d.team = v)} />
            </label>
            <label class="field field-narrow">
                <span class="label">{t.task_due_label}</span>
                <input id="task-due" class={invalid("due")} placeholder={t.date_placeholder}
                    value={draft.due.clone()} oninput={on_text("due", |d, v| d.due = v)} />
            </label>
            {submit("task-dispatch", t.task_dispatch)}
            {field_error("task-assignee-error", err("assignee"))}
            {field_error("task-due-error", err("due"))}
            </>
        },
        TaskStatus::Dispatched => html! { <>{by_field}{submit("task-accept", t.task_accept)}</> },
        TaskStatus::Accepted => html! {
            <>
            {by_field}
            <label class="field field-grow">
                <span class="label">{t.task_result}</span>
                <input id="task-result" class={invalid("result")} value={draft.result.clone()}
                    oninput={on_text("result", |d, v| d.result = v)} />
            </label>
            {submit("task-finish", t.task_finish)}
            {field_error("task-result-error", err("result"))}
            </>
        },
        TaskStatus::Finished => html! { <>{by_field}{submit("task-publish", t.task_publish)}</> },
        TaskStatus::Published => html! {
            <>
            <label class="field">
                <span class="label">{t.work.rater}</span>
                <select id="task-rater" class="input"
                    onchange={on_select("rater", |d, v| d.rater = Rater::from_code(&v))}>
                    { for Rater::ALL.iter().map(|r| html! {
                        <option value={r.code()} selected={draft.rater.unwrap_or(Rater::Resident) == *r}>
                            {(t.work.rater_label)(*r)}
                        </option>
                    }) }
                </select>
            </label>
            if draft.rater == Some(Rater::Worker) {
                {by_field.clone()}
            }
            <label class="field field-narrow">
                <span class="label">{t.task_rating}</span>
                <select id="task-rating" class={invalid("rating")}
                    onchange={on_select("rating", |d, v| d.rating = v.parse().unwrap_or(0))}>
                    <option value="0" selected={draft.rating == 0}>{"—"}</option>
                    { for (1..=5u8).rev().map(|n| html! {
                        <option value={n.to_string()} selected={draft.rating == n}>{(t.task_stars)(n)}</option>
                    }) }
                </select>
            </label>
            <label class="field field-grow">
                <span class="label">{t.task_comment}</span>
                <input id="task-comment" class="input" value={draft.comment.clone()}
                    oninput={on_text("comment", |d, v| d.comment = v)} />
            </label>
            {submit("task-rate", t.task_rate)}
            {field_error("task-rating-error", err("rating"))}
            </>
        },
        TaskStatus::Rated => html! { <p class="notice" id="task-all-done">{t.task_all_done}</p> },
    };

    html! {
        <div class="panel task-panel" id="task-panel" data-status={task.status.code()}
            onkeydown={closes_on_escape(props.on_close.clone())}>
            <div class="panel-head">
                <h2>{&task.title}</h2>
                <span class="status-tag" id="task-status">{(t.task_status)(task.status)}</span>
                <span class="muted grow">{(t.task_category)(task.category)}{" · "}{&task.where_text}</span>
                <button type="button" id="task-close" class="btn" onclick={on_close}>{t.close}</button>
            </div>
            if !task.description.is_empty() {
                <p class="muted">{&task.description}</p>
            }
            <h3 class="label">{t.task_history}</h3>
            <ol class="events" id="task-events">
            { for d.events.iter().map(|ev| {
                let detail = [
                    ev.by_name.clone(),
                    ev.assignee_name.clone().or(ev.team.clone()).map(|w| (t.work.event_to)(&w)),
                    ev.due_date.as_ref().map(|d| format!("{} {d}", t.task_due_label)),
                    Some(ev.result.clone()).filter(|r| !r.is_empty()),
                    ev.rating.map(t.task_stars),
                    ev.rater.map(|r| (t.work.rater_label)(r).to_owned()),
                    // the system's own note on an escalation, in this language
                    match (ev.kind, ev.level) {
                        (linli_domain::field::TaskEventKind::Escalated, Some(l)) => Some((t.field.overdue_escalated)(l)),
                        _ => Some(ev.comment.clone()).filter(|c| !c.is_empty()),
                    },
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
                html! {
                    <li key={ev.id.to_string()}>
                        <span class="mono">{&ev.at}</span>{" "}
                        <strong>{(t.task_event_label)(ev.kind)}</strong>{" "}
                        <span>{detail}</span>
                    </li>
                }
            }) }
            </ol>
            <h3 class="label">{t.attach.photos}</h3>
            <AttachmentList items={d.attachments.clone()} />
            <AttachPhoto owner_table="tasks" owner_id={task.id} on_added={on_attached} />
            <form class="form-row" id="task-step" onsubmit={on_step} novalidate=true>
                {form}
            </form>
            if task.status.with_assignee() {
                <OtherSteps key={format!("{}-{}", task.id, d.events.len())} task={task.clone()}
                    people={(*people).clone()} by={draft.by} on_changed={props.on_changed.clone()} />
            }
            if let Some(m) = &*failed {
                <p class="field-error" id="task-failed" role="alert">{m}</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    #[test]
    fn a_dispatch_needs_one_person_or_one_team_and_a_due_date() {
        let t = Lang::Zh.texts();
        let mut d = StepDraft {
            due: "2026-12-01".into(),
            ..StepDraft::default()
        };
        let e = d.step(TaskStatus::Raised, t).unwrap_err();
        assert_eq!(e["assignee"], "请选择接单的人，或填写队伍（只选一个）");
        d.team = "红色楼道长队".into();
        assert_eq!(
            d.step(TaskStatus::Raised, t),
            Ok(TaskStep::Dispatch {
                assignee_id: None,
                team: Some("红色楼道长队".into()),
                due_date: "2026-12-01".into()
            })
        );
        d.assignee = Some(id(3));
        assert!(d
            .step(TaskStatus::Raised, t)
            .unwrap_err()
            .contains_key("assignee"));
        d.team.clear();
        d.due = "12月1日".into();
        assert_eq!(
            d.step(TaskStatus::Raised, t).unwrap_err()["due"],
            "日期应写成“2026-11-28”这样的格式"
        );
        d.due.clear();
        assert_eq!(
            d.step(TaskStatus::Raised, t).unwrap_err()["due"],
            "请填写办结期限"
        );
    }

    #[test]
    fn finishing_needs_a_result_and_rating_needs_stars() {
        let t = Lang::Zh.texts();
        let mut d = StepDraft::default();
        assert_eq!(
            d.step(TaskStatus::Accepted, t).unwrap_err()["result"],
            "请填写办理结果"
        );
        d.result = "已换灯泡".into();
        assert!(matches!(
            d.step(TaskStatus::Accepted, t),
            Ok(TaskStep::Finish { .. })
        ));
        assert_eq!(
            d.step(TaskStatus::Published, t).unwrap_err()["rating"],
            "请选择1到5星"
        );
        d.rating = 5;
        let rate = d.step(TaskStatus::Published, t).unwrap();
        assert_eq!(
            by_for(&rate, Some(id(1))),
            None,
            "the resident rates, not the worker"
        );
        d.rater = Some(Rater::Worker);
        let rate = d.step(TaskStatus::Published, t).unwrap();
        assert!(matches!(
            rate,
            TaskStep::Rate {
                rating: 5,
                rater: Some(Rater::Worker),
                ..
            }
        ));
        assert_eq!(
            by_for(&rate, Some(id(1))),
            Some(id(1)),
            "a worker rating for the resident is recorded against the worker"
        );
        assert_eq!(d.step(TaskStatus::Dispatched, t), Ok(TaskStep::Accept));
        assert_eq!(d.step(TaskStatus::Finished, t), Ok(TaskStep::Publish));
        assert!(d.step(TaskStatus::Rated, t).is_err());
    }
}
