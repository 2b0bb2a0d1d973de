//! The nightly review queue (夜研判) of one community and one day (today unless another is
//! chosen): the day's visits with findings, those still to review first, each marked reviewed or
//! turned into a task — the task form opens filled with the household and the finding, and the
//! task is raised linked to the visit. Either way the review is one `ReviewVisit`: a fact with
//! who reviewed and when, written in one transaction with the task.

use std::collections::BTreeMap;

use linli_domain::field::TaskCategory;
use linli_domain::register::Role;
use linli_domain::{date, Id};
use linli_protocol::{ApiError, ListPeople, NewTask, Person, ReviewQueue, ReviewVisit, Visit};
use yew::prelude::*;

use super::field::{date_from_today, field_error, selected_of, value_of};
use super::visit_form::FOLLOW_UP_CATEGORIES;
use crate::components::staff_picker::StaffPicker;
use crate::hooks::{use_kept_state, use_me, use_texts, Latest};
use crate::i18n::Texts;
use crate::ipc;

/// How much of a finding the task's title takes when the form opens.
const TITLE_FROM_FINDING: usize = 30;

/// The task form opened from a visit, as typed so far.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewTaskDraft {
    pub title: String,
    pub category: TaskCategory,
    pub due: String,
    pub description: String,
}

impl ReviewTaskDraft {
    /// The form filled from a visit: the finding as the description, its start as the title.
    pub fn from_visit(v: &Visit, due: String) -> ReviewTaskDraft {
        let finding = v.findings.trim();
        ReviewTaskDraft {
            title: finding.chars().take(TITLE_FROM_FINDING).collect(),
            category: TaskCategory::HouseholdMatter,
            due,
            description: finding.to_owned(),
        }
    }

    /// What is wrong, by field ("title", "due", "description").
    pub fn errors(&self, t: &Texts) -> BTreeMap<&'static str, &'static str> {
        let mut e = BTreeMap::new();
        match self.title.trim().chars().count() {
            0 => {
                e.insert("title", t.err_title);
            }
            n if n > 100 => {
                e.insert("title", t.err_title_long);
            }
            _ => {}
        }
        if !self.due.trim().is_empty() && date::validate("due", &self.due).is_err() {
            e.insert("due", t.err_date);
        }
        if self.description.trim().chars().count() > 2000 {
            e.insert("description", t.err_findings_long);
        }
        e
    }

    /// The review raising the task, when the form has nothing wrong.
    pub fn request(&self, t: &Texts, visit: Id, reviewer: Id) -> Option<ReviewVisit> {
        if !self.errors(t).is_empty() {
            return None;
        }
        let due = self.due.trim();
        Some(ReviewVisit {
            visit_id: visit,
            reviewer_id: reviewer,
            note: String::new(),
            task: Some(NewTask {
                title: self.title.trim().to_owned(),
                category: self.category,
                subcategory: None,
                description: self.description.trim().to_owned(),
                due_date: (!due.is_empty()).then(|| due.to_owned()),
            }),
        })
    }
}

/// Who reviews by default: me when I am among the community's people, else its first admin
/// (书记), else its first person.
pub fn default_reviewer(people: &[Person], me: Option<Id>) -> Option<Id> {
    people
        .iter()
        .find(|p| Some(p.id) == me)
        .or(people.iter().find(|p| p.roles.contains(&Role::Admin)))
        .or(people.first())
        .map(|p| p.id)
}

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    pub community: Id,
    /// Called after a review is written (the agenda beside the queue reloads).
    pub on_reviewed: Callback<()>,
}

type Loaded = Option<Result<Vec<Visit>, ApiError>>;

#[function_component(ReviewPanel)]
pub fn review_panel(props: &ReviewProps) -> Html {
    let t = use_texts();
    let me = use_me().person_id();
    let f = &t.field;
    // the day reviewed is kept across navigation
    let day_text = use_kept_state("visits.review_day_text", || date_from_today(0));
    let day = use_kept_state("visits.review_day", || date_from_today(0));
    let people = use_state(|| None as Option<Vec<Person>>);
    let reviewer = use_state(|| None as Option<Id>);
    let data = use_state(|| None as Loaded);
    let reload = use_state(|| 0u32);
    let turning = use_state(|| None as Option<(Visit, ReviewTaskDraft)>);
    let said = use_state(|| None as Option<Result<String, String>>);
    let busy = use_state(|| false);
    let community = props.community;
    {
        let (people, reviewer) = (people.clone(), reviewer.clone());
        use_effect_with(community, move |c| {
            let c = *c;
            wasm_bindgen_futures::spawn_local(async move {
                let list = ipc::call(&ListPeople { community_id: c })
                    .await
                    .unwrap_or_default();
                reviewer.set(default_reviewer(&list, me));
                people.set(Some(list));
            });
        });
    }
    // typing a day passes through other days ("2026-11-2" before "2026-11-28"): only the answer
    // to the newest request is shown, whatever order the answers come back in
    let loads = use_mut_ref(Latest::default);
    {
        let (data, loads) = (data.clone(), loads.clone());
        use_effect_with((community, (*day).clone(), *reload), move |(c, d, _)| {
            let (c, d) = (*c, d.clone());
            let asked = loads.borrow_mut().start();
            wasm_bindgen_futures::spawn_local(async move {
                let res = ipc::call(&ReviewQueue {
                    place_id: Some(c),
                    day: Some(d),
                })
                .await;
                if loads.borrow().is_current(asked) {
                    data.set(Some(res));
                }
            });
        });
    }

    let day_error = date::validate("day", &day_text)
        .is_err()
        .then_some(t.err_date);
    let on_day = {
        let (day_text, day, turning, said) =
            (day_text.clone(), day.clone(), turning.clone(), said.clone());
        Callback::from(move |e: InputEvent| {
            let v = value_of(e);
            // a day that does not parse changes nothing but the field and its message
            if let Ok(d) = date::validate("day", &v) {
                if d != *day {
                    turning.set(None);
                    said.set(None);
                    day.set(d);
                }
            }
            day_text.set(v);
        })
    };
    let on_reviewer = {
        let reviewer = reviewer.clone();
        Callback::from(move |p: Option<Id>| reviewer.set(p))
    };

    // sends a review; `done` says what happened
    let send = {
        let (busy, said, reload, turning, on_reviewed) = (
            busy.clone(),
            said.clone(),
            reload.clone(),
            turning.clone(),
            props.on_reviewed.clone(),
        );
        Callback::from(move |(req, done): (ReviewVisit, String)| {
            if *busy {
                return;
            }
            busy.set(true);
            let (busy, said, reload, turning, on_reviewed) = (
                busy.clone(),
                said.clone(),
                reload.clone(),
                turning.clone(),
                on_reviewed.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        said.set(Some(Ok(done)));
                        turning.set(None);
                        reload.set(*reload + 1);
                        on_reviewed.emit(());
                    }
                    Err(e) => said.set(Some(Err(crate::i18n::say(&e)))),
                }
                busy.set(false);
            });
        })
    };

    let task_form = turning.as_ref().map(|(v, d)| {
        let errors = d.errors(t);
        let err = |k: &str| errors.get(k).copied();
        let invalid = |k: &str| classes!("input", errors.contains_key(k).then_some("invalid"));
        let edit = |apply: fn(&mut ReviewTaskDraft, String)| {
            let turning = turning.clone();
            move |value: String| {
                if let Some((v, d)) = (*turning).clone() {
                    let mut d = d;
                    apply(&mut d, value);
                    turning.set(Some((v, d)));
                }
            }
        };
        let on_text = |apply: fn(&mut ReviewTaskDraft, String)| {
            let edit = edit(apply);
            Callback::from(move |e: InputEvent| edit(value_of(e)))
        };
        let on_category = {
            let edit = edit(|d, v| d.category = TaskCategory::from_code(&v).unwrap_or(d.category));
            Callback::from(move |e: Event| edit(selected_of(e)))
        };
        let request = reviewer.and_then(|r| d.request(t, v.id, r));
        let onsubmit = {
            let (send, request) = (send.clone(), request.clone());
            let (address, title) = (v.address.clone(), d.title.trim().to_owned());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                if let Some(req) = request.clone() {
                    send.emit((req, (t.field.task_raised)(&address, &title)));
                }
            })
        };
        let cancel = {
            let turning = turning.clone();
            Callback::from(move |_| turning.set(None))
        };
        html! {
            <form class="panel visit-form" id="review-task-form" {onsubmit} novalidate=true>
                <div class="panel-head"><h2>{(f.task_form_title)(&v.address)}</h2></div>
                <div class="form-row">
                    <label class="field field-grow">
                        <span class="label">{t.task_title_label}</span>
                        <input id="review-task-title" class={invalid("title")} value={d.title.clone()}
                            oninput={on_text(|d, v| d.title = v)} />
                        {field_error("review-task-title-error", err("title"))}
                    </label>
                    <label class="field">
                        <span class="label">{t.task_category_label}</span>
                        <select id="review-task-category" class="input" onchange={on_category}>
                            { for FOLLOW_UP_CATEGORIES.iter().map(|c| html! {
                                <option value={c.code()} selected={d.category == *c}>{(t.task_category)(*c)}</option>
                            }) }
                        </select>
                    </label>
                    <label class="field">
                        <span class="label">{t.task_due_label}</span>
                        <input id="review-task-due" class={invalid("due")} placeholder={t.date_placeholder}
                            value={d.due.clone()} oninput={on_text(|d, v| d.due = v)} />
                        {field_error("review-task-due-error", err("due"))}
                    </label>
                </div>
                <label class="field field-wide">
                    <span class="label">{f.description}</span>
                    <textarea id="review-task-description" class={invalid("description")} rows="2"
                        value={d.description.clone()} oninput={on_text(|d, v| d.description = v)} />
                    {field_error("review-task-description-error", err("description"))}
                </label>
                <div class="form-row">
                    <button type="submit" id="review-task-save" class="btn btn-primary"
                        disabled={*busy || request.is_none()}>
                        { if *busy { t.saving } else { f.raise } }
                    </button>
                    <button type="button" id="review-task-cancel" class="btn" onclick={cancel}>{t.cancel}</button>
                </div>
            </form>
        }
    });

    let row = |v: &Visit, actions: Html| {
        html! {
            <tr key={v.id.to_string()} data-id={v.id.to_string()}>
                <td class="mono">{&v.at}</td>
                <td>{&v.address}</td>
                <td>{v.visitor_name.as_deref().unwrap_or("—")}</td>
                <td>
                    {&v.findings}
                    if v.needs_follow_up { {" "}<span class="status-tag">{f.had_follow_up}</span> }
                </td>
                {actions}
            </tr>
        }
    };
    let body = match &*data {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        Some(Ok(list)) if list.is_empty() => {
            html! { <p class="empty" id="review-empty">{f.day_empty}</p> }
        }
        Some(Ok(list)) => {
            let (open, done): (Vec<&Visit>, Vec<&Visit>) = list.iter().partition(|v| !v.reviewed);
            let actions = |v: &Visit| {
                let Some(r) = *reviewer else {
                    return html! { <td></td> };
                };
                let mark = {
                    let send = send.clone();
                    let req = ReviewVisit {
                        visit_id: v.id,
                        reviewer_id: r,
                        note: String::new(),
                        task: None,
                    };
                    let done = (f.marked)(&v.address);
                    Callback::from(move |_| send.emit((req.clone(), done.clone())))
                };
                let to_task = {
                    let (turning, said, v) = (turning.clone(), said.clone(), v.clone());
                    Callback::from(move |_| {
                        said.set(None);
                        let draft = ReviewTaskDraft::from_visit(&v, date_from_today(7));
                        turning.set(Some((v.clone(), draft)));
                    })
                };
                html! {
                    <td class="actions">
                        <button class="btn btn-small review-mark" data-id={v.id.to_string()}
                            disabled={*busy} onclick={mark}>{f.mark}</button>
                        {" "}
                        <button class="btn btn-small review-task" data-id={v.id.to_string()}
                            disabled={*busy} onclick={to_task}>{f.to_task}</button>
                    </td>
                }
            };
            html! {
                <>
                <h2>{(f.to_review_title)(open.len())}</h2>
                if open.is_empty() {
                    <p class="empty" id="review-all-done">{f.all_reviewed}</p>
                } else {
                    <table class="table" id="review-queue">
                        <thead><tr>
                            <th>{t.col_time}</th><th>{t.col_address}</th><th>{t.col_visitor}</th>
                            <th>{t.col_findings}</th><th></th>
                        </tr></thead>
                        <tbody>{ for open.iter().map(|v| row(v, actions(v))) }</tbody>
                    </table>
                }
                if !done.is_empty() {
                    <h2>{(f.reviewed_title)(done.len())}</h2>
                    <table class="table" id="reviewed-list">
                        <thead><tr>
                            <th>{t.col_time}</th><th>{t.col_address}</th><th>{t.col_visitor}</th>
                            <th>{t.col_findings}</th><th>{t.col_review}</th>
                        </tr></thead>
                        <tbody>{ for done.iter().map(|v| row(v, html! { <td>{t.reviewed}</td> })) }</tbody>
                    </table>
                }
                </>
            }
        }
    };
    let reviewers = match &*people {
        None => html! {},
        Some(list) if list.is_empty() => {
            html! { <p class="alert alert-error" id="review-no-reviewer">{f.no_reviewer}</p> }
        }
        Some(list) => html! {
            <StaffPicker id="review-reviewer" label={f.reviewer} people={list.clone()}
                value={*reviewer} onchange={on_reviewer} />
        },
    };
    html! {
        <>
        <div class="form-row">
            <label class="field">
                <span class="label">{f.day}</span>
                <input id="review-day" class={classes!("input", day_error.is_some().then_some("invalid"))}
                    placeholder={t.date_placeholder} value={(*day_text).clone()} oninput={on_day} />
                {field_error("review-day-error", day_error)}
            </label>
            {reviewers}
            <crate::components::export_button::ExportButton kind={linli_protocol::ListKind::Visits}
                place_id={community} from={(*day).clone()} to={(*day).clone()} />
            <crate::components::print::PrintButton id="review-print" />
        </div>
        { match &*said {
            None => html! {},
            Some(Ok(m)) => html! { <p class="notice" id="review-notice" role="status">{m}</p> },
            Some(Err(m)) => html! { <p class="field-error" id="review-failed" role="alert">{m}</p> },
        } }
        {task_form}
        {body}
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use linli_domain::field::{VisitKind, VisitOutcome};

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    fn visit(findings: &str) -> Visit {
        Visit {
            id: id(7),
            household_id: id(3),
            address: "3栋1单元201".into(),
            visitor_id: None,
            visitor_name: None,
            at: "2026-11-28 10:00".into(),
            kind: VisitKind::Care,
            outcome: VisitOutcome::Met,
            findings: findings.into(),
            needs_follow_up: false,
            member_updates: serde_json::Value::Null,
            corrects: None,
            void: false,
            corrected_by: None,
            reviewed: false,
        }
    }

    #[test]
    fn the_task_form_opens_with_the_finding_and_raises_it_linked_to_the_visit() {
        let t = Lang::Zh.texts();
        let long = "独居老人家中燃气灶打不着火，老人说已经一个星期没有做饭了，需要尽快联系燃气公司上门检修";
        let d = ReviewTaskDraft::from_visit(&visit(long), "2026-12-05".into());
        assert_eq!(d.title.chars().count(), TITLE_FROM_FINDING);
        assert!(long.starts_with(&d.title));
        assert_eq!(d.description, long);
        let req = d.request(t, id(7), id(9)).unwrap();
        assert_eq!((req.visit_id, req.reviewer_id), (id(7), id(9)));
        let task = req.task.unwrap();
        assert_eq!(task.description, long);
        assert_eq!(task.due_date.as_deref(), Some("2026-12-05"));
    }

    #[test]
    fn a_bad_task_form_says_what_is_wrong_and_sends_nothing() {
        let t = Lang::Zh.texts();
        let mut d = ReviewTaskDraft::from_visit(&visit("  "), "2026-12-32".into());
        let e = d.errors(t);
        assert_eq!(e["title"], "请填写事项标题");
        assert_eq!(e["due"], "日期应写成“2026-11-28”这样的格式");
        assert!(d.request(t, id(7), id(9)).is_none());
        d.title = "修燃气灶".into();
        d.due = String::new();
        let task = d.request(t, id(7), id(9)).unwrap().task.unwrap();
        assert_eq!(task.due_date, None, "no due date is allowed");
    }

    #[test]
    fn the_admin_reviews_by_default() {
        let person = |n: u128, roles: Vec<Role>| Person {
            id: id(n),
            community_id: id(1),
            name: format!("人{n}"),
            phone_masked: None,
            roles,
            assignments: vec![],
        };
        let list = vec![
            person(1, vec![Role::GridWorker]),
            person(2, vec![Role::Admin]),
        ];
        assert_eq!(default_reviewer(&list, None), Some(id(2)));
        assert_eq!(default_reviewer(&list[..1], None), Some(id(1)));
        assert_eq!(default_reviewer(&[], None), None);
        assert_eq!(
            default_reviewer(&list, Some(id(1))),
            Some(id(1)),
            "me first"
        );
        assert_eq!(
            default_reviewer(&list, Some(id(7))),
            Some(id(2)),
            "me of another community: the admin"
        );
    }
}
