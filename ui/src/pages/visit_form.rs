//! The visit form (入户走访) opened from 今日: who visited, kind, outcome, findings, changes to the
//! household's members, and "needs follow-up", which opens a task linked to the visit. The whole
//! form is one `LogVisit`, written in one transaction. It checks itself as the worker types.

use std::collections::BTreeMap;

use linli_domain::field::{TaskCategory, VisitKind, VisitOutcome};
use linli_domain::{date, Id, Phone};
use linli_protocol::{
    ApiError, GetHousehold, HouseholdLine, ListPeople, LogVisit, MemberUpdate, NewTask, Person,
    VisitLogged,
};
use yew::prelude::*;

use super::field::{checked_of, date_from_today, field_error, selected_of, value_of};
use crate::hooks::use_texts;
use crate::i18n::Texts;
use crate::ipc;

/// The categories a follow-up can take (a snapshot report 随手拍 comes from residents, not visits).
pub const FOLLOW_UP_CATEGORIES: [TaskCategory; 4] = [
    TaskCategory::HouseholdMatter,
    TaskCategory::CivicMatter,
    TaskCategory::PublicMatter,
    TaskCategory::MicroWish,
];

/// What the worker wrote about one member; empty fields change nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberDraft {
    pub id: Id,
    pub name: String,
    pub moved_out: String,
    pub phone: String,
    pub note: String,
}

/// The form as typed so far.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitDraft {
    pub visitor: Option<Id>,
    pub kind: VisitKind,
    pub outcome: VisitOutcome,
    pub findings: String,
    pub members: Vec<MemberDraft>,
    pub follow_up: bool,
    pub title: String,
    pub category: TaskCategory,
    pub due: String,
}

impl Default for VisitDraft {
    fn default() -> Self {
        VisitDraft {
            visitor: None,
            kind: VisitKind::Routine,
            outcome: VisitOutcome::Met,
            findings: String::new(),
            members: Vec::new(),
            follow_up: false,
            title: String::new(),
            category: TaskCategory::HouseholdMatter,
            due: String::new(),
        }
    }
}

fn bad_date(text: &str) -> bool {
    !text.trim().is_empty() && date::validate("date", text).is_err()
}

impl VisitDraft {
    /// What is wrong, by field id ("visitor", "findings", "title", "due", "phone-0", …).
    pub fn errors(&self, t: &Texts) -> BTreeMap<String, &'static str> {
        let mut e = BTreeMap::new();
        if self.visitor.is_none() {
            e.insert("visitor".into(), t.err_visitor);
        }
        if self.findings.trim().chars().count() > 2000 {
            e.insert("findings".into(), t.err_findings_long);
        }
        for (i, m) in self.members.iter().enumerate() {
            if !m.phone.trim().is_empty() && Phone::parse(&m.phone).is_err() {
                e.insert(format!("phone-{i}"), t.err_phone);
            }
            if bad_date(&m.moved_out) {
                e.insert(format!("moved-out-{i}"), t.err_date);
            }
        }
        if self.follow_up {
            let title = self.title.trim().chars().count();
            if title == 0 {
                e.insert("title".into(), t.err_title);
            } else if title > 100 {
                e.insert("title".into(), t.err_title_long);
            }
            if bad_date(&self.due) {
                e.insert("due".into(), t.err_date);
            }
        }
        e
    }

    /// The request, when the form has nothing wrong.
    pub fn request(&self, t: &Texts, household: Id) -> Option<LogVisit> {
        if !self.errors(t).is_empty() {
            return None;
        }
        let some = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let member_updates = self
            .members
            .iter()
            .filter_map(|m| {
                let u = MemberUpdate {
                    resident_id: m.id,
                    moved_out: some(&m.moved_out),
                    phone: some(&m.phone),
                    care_tags: None,
                    note: some(&m.note),
                };
                (u.moved_out.is_some() || u.phone.is_some() || u.note.is_some()).then_some(u)
            })
            .collect();
        Some(LogVisit {
            household_id: household,
            visitor_id: self.visitor?,
            at: None,
            kind: self.kind,
            outcome: self.outcome,
            findings: self.findings.trim().to_owned(),
            member_updates,
            follow_up: self.follow_up.then(|| NewTask {
                title: self.title.trim().to_owned(),
                category: self.category,
                subcategory: None,
                description: self.findings.trim().to_owned(),
                due_date: some(&self.due),
            }),
        })
    }
}

#[derive(Properties, PartialEq)]
pub struct VisitFormProps {
    pub household: HouseholdLine,
    pub community: Id,
    pub on_saved: Callback<VisitLogged>,
    pub on_cancel: Callback<()>,
}

#[function_component(VisitForm)]
pub fn visit_form(props: &VisitFormProps) -> Html {
    let t = use_texts();
    let people = use_state(Vec::<Person>::new);
    let draft = use_state(VisitDraft::default);
    let failed = use_state(|| None as Option<String>);
    let busy = use_state(|| false);
    // the form is shown once the household's members and the visitors are here: a choice made
    // before then would be replaced by the loaded draft
    let ready = use_state(|| false);
    {
        let (people, draft, failed, ready) =
            (people.clone(), draft.clone(), failed.clone(), ready.clone());
        let (community, household) = (props.community, props.household.id);
        use_effect_with(household, move |_| {
            ready.set(false);
            wasm_bindgen_futures::spawn_local(async move {
                let res: Result<_, ApiError> = async {
                    let p = ipc::call(&ListPeople {
                        community_id: community,
                    })
                    .await?;
                    let h = ipc::call(&GetHousehold { id: household }).await?;
                    Ok((p, h))
                }
                .await;
                match res {
                    Ok((p, h)) => {
                        draft.set(VisitDraft {
                            visitor: p.first().map(|p| p.id),
                            members: h
                                .members
                                .iter()
                                .filter(|m| m.moved_out.is_none())
                                .map(|m| MemberDraft {
                                    id: m.id,
                                    name: m.name.clone(),
                                    moved_out: String::new(),
                                    phone: String::new(),
                                    note: String::new(),
                                })
                                .collect(),
                            due: date_from_today(7),
                            ..VisitDraft::default()
                        });
                        people.set(p);
                        ready.set(true);
                    }
                    Err(e) => failed.set(Some(e.message)),
                }
            });
        });
    }

    // one callback per field: applies the new text to a copy of the draft
    let edit = |f: fn(&mut VisitDraft, String)| {
        let draft = draft.clone();
        move |v: String| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
        }
    };
    let on_text = |f: fn(&mut VisitDraft, String)| {
        let apply = edit(f);
        Callback::from(move |e: InputEvent| apply(value_of(e)))
    };
    let on_select = |f: fn(&mut VisitDraft, String)| {
        let apply = edit(f);
        Callback::from(move |e: Event| apply(selected_of(e)))
    };
    let on_member = |i: usize, f: fn(&mut MemberDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut d = (*draft).clone();
            if let Some(m) = d.members.get_mut(i) {
                f(m, value_of(e));
            }
            draft.set(d);
        })
    };
    let on_follow = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut d = (*draft).clone();
            d.follow_up = checked_of(e);
            draft.set(d);
        })
    };

    let errors = draft.errors(t);
    let err = |k: &str| errors.get(k).copied();
    let invalid = |k: &str| classes!("input", errors.contains_key(k).then_some("invalid"));
    let request = draft.request(t, props.household.id);

    let on_save = {
        let (busy, failed, on_saved) = (busy.clone(), failed.clone(), props.on_saved.clone());
        let request = request.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(req) = request.clone() else {
                return;
            };
            if *busy {
                return;
            }
            busy.set(true);
            let (busy, failed, on_saved) = (busy.clone(), failed.clone(), on_saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(logged) => on_saved.emit(logged),
                    Err(e) => failed.set(Some(e.message)),
                }
                busy.set(false);
            });
        })
    };
    let on_cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_| cb.emit(()))
    };

    let d = &*draft;
    let h = &props.household;
    if !*ready {
        return html! {
            <div class="panel visit-form" id="visit-form-loading">
                if let Some(why) = &*failed {
                    <p class="alert alert-error" role="alert">{why}</p>
                } else {
                    <p class="muted">{t.loading}</p>
                }
                <button type="button" class="btn" onclick={on_cancel}>{t.cancel}</button>
            </div>
        };
    }
    html! {
        <form class="panel visit-form" id="visit-form" onsubmit={on_save} novalidate=true>
            <div class="panel-head">
                <h2>{(t.visit_title)(&format!("{}{}", h.compound.as_deref().unwrap_or(""), h.address))}</h2>
                <span class="muted">{h.head_name.as_deref().unwrap_or("")}{" "}{h.care_tags.join("、")}</span>
            </div>
            <div class="form-row">
                <label class="field">
                    <span class="label">{t.visit_visitor}</span>
                    <select id="visit-visitor" class={invalid("visitor")}
                        onchange={on_select(|d, v| d.visitor = v.parse().ok())}>
                        { for people.iter().map(|p| html! {
                            <option value={p.id.to_string()} selected={d.visitor == Some(p.id)}>{&p.name}</option>
                        }) }
                    </select>
                    {field_error("visitor-error", err("visitor"))}
                </label>
                <label class="field">
                    <span class="label">{t.visit_kind}</span>
                    <select id="visit-kind" class="input"
                        onchange={on_select(|d, v| d.kind = VisitKind::from_code(&v).unwrap_or(d.kind))}>
                        { for VisitKind::ALL.iter().map(|k| html! {
                            <option value={k.code()} selected={d.kind == *k}>{(t.visit_kind_label)(*k)}</option>
                        }) }
                    </select>
                </label>
                <label class="field">
                    <span class="label">{t.visit_outcome}</span>
                    <select id="visit-outcome" class="input"
                        onchange={on_select(|d, v| d.outcome = VisitOutcome::from_code(&v).unwrap_or(d.outcome))}>
                        { for VisitOutcome::ALL.iter().map(|o| html! {
                            <option value={o.code()} selected={d.outcome == *o}>{(t.visit_outcome_label)(*o)}</option>
                        }) }
                    </select>
                </label>
            </div>
            <label class="field field-wide">
                <span class="label">{t.col_findings}</span>
                <textarea id="visit-findings" class={invalid("findings")} rows="2"
                    placeholder={t.visit_findings_placeholder} value={d.findings.clone()}
                    oninput={on_text(|d, v| d.findings = v)} />
                {field_error("findings-error", err("findings"))}
            </label>
            if !d.members.is_empty() {
                <table class="table members-table" id="visit-members">
                    <thead><tr>
                        <th>{t.visit_members}</th><th>{t.member_phone}</th>
                        <th>{t.member_moved_out}</th><th>{t.member_note}</th>
                    </tr></thead>
                    <tbody>
                    { for d.members.iter().enumerate().map(|(i, m)| {
                        let (pk, mk) = (format!("phone-{i}"), format!("moved-out-{i}"));
                        html! {
                            <tr key={m.id.to_string()}>
                                <td>{&m.name}</td>
                                <td>
                                    <input class={classes!(invalid(&pk), "member-phone")} inputmode="tel"
                                        value={m.phone.clone()} oninput={on_member(i, |m, v| m.phone = v)} />
                                    {field_error(&format!("{pk}-error"), err(&pk))}
                                </td>
                                <td>
                                    <input class={classes!(invalid(&mk), "member-moved-out")}
                                        placeholder={t.date_placeholder}
                                        value={m.moved_out.clone()} oninput={on_member(i, |m, v| m.moved_out = v)} />
                                    {field_error(&format!("{mk}-error"), err(&mk))}
                                </td>
                                <td>
                                    <input class="input member-note" placeholder={t.member_note_placeholder}
                                        value={m.note.clone()} oninput={on_member(i, |m, v| m.note = v)} />
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
            <label class="check">
                <input type="checkbox" id="visit-follow-up" checked={d.follow_up} onchange={on_follow} />
                {t.visit_follow_up}
            </label>
            if d.follow_up {
                <div class="form-row follow-up">
                    <label class="field field-grow">
                        <span class="label">{t.task_title_label}</span>
                        <input id="visit-task-title" class={invalid("title")} value={d.title.clone()}
                            oninput={on_text(|d, v| d.title = v)} />
                        {field_error("title-error", err("title"))}
                    </label>
                    <label class="field">
                        <span class="label">{t.task_category_label}</span>
                        <select id="visit-task-category" class="input"
                            onchange={on_select(|d, v| d.category = TaskCategory::from_code(&v).unwrap_or(d.category))}>
                            { for FOLLOW_UP_CATEGORIES.iter().map(|c| html! {
                                <option value={c.code()} selected={d.category == *c}>{(t.task_category)(*c)}</option>
                            }) }
                        </select>
                    </label>
                    <label class="field">
                        <span class="label">{t.task_due_label}</span>
                        <input id="visit-task-due" class={invalid("due")} placeholder={t.date_placeholder}
                            value={d.due.clone()} oninput={on_text(|d, v| d.due = v)} />
                        {field_error("due-error", err("due"))}
                    </label>
                </div>
            }
            if let Some(m) = &*failed {
                <p class="field-error" id="visit-failed" role="alert">{m}</p>
            }
            <div class="form-row">
                <button type="submit" id="visit-save" class="btn btn-primary"
                    disabled={*busy || request.is_none()}>
                    { if *busy { t.saving } else { t.save_visit } }
                </button>
                <button type="button" id="visit-cancel" class="btn" onclick={on_cancel}>{t.cancel}</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    fn draft() -> VisitDraft {
        VisitDraft {
            visitor: Some(id(9)),
            members: vec![MemberDraft {
                id: id(1),
                name: "林秀英".into(),
                moved_out: String::new(),
                phone: String::new(),
                note: String::new(),
            }],
            ..VisitDraft::default()
        }
    }

    #[test]
    fn a_plain_visit_is_ready_and_changes_no_member() {
        let t = Lang::Zh.texts();
        let req = draft().request(t, id(5)).unwrap();
        assert_eq!(req.household_id, id(5));
        assert_eq!(req.visitor_id, id(9));
        assert!(req.member_updates.is_empty());
        assert!(req.follow_up.is_none());
    }

    #[test]
    fn the_form_says_what_is_wrong_as_it_is_typed() {
        let t = Lang::Zh.texts();
        let mut d = draft();
        d.members[0].phone = "1380013".into();
        d.members[0].moved_out = "2026-13-01".into();
        d.follow_up = true;
        let e = d.errors(t);
        assert_eq!(e["phone-0"], "手机号应为11位数字，以1开头");
        assert_eq!(e["moved-out-0"], "日期应写成“2026-11-28”这样的格式");
        assert_eq!(e["title"], "请填写事项标题");
        assert!(d.request(t, id(5)).is_none());
        d.visitor = None;
        assert_eq!(d.errors(t)["visitor"], "请选择走访人");
        assert_eq!(d.errors(Lang::En.texts())["title"], "Give the task a title");
    }

    #[test]
    fn member_changes_and_the_follow_up_go_in_one_request() {
        let t = Lang::Zh.texts();
        let mut d = draft();
        d.findings = " 楼道灯坏了 ".into();
        d.members[0].phone = "13800138000".into();
        d.members[0].note = "住院".into();
        d.follow_up = true;
        d.title = "修楼道灯".into();
        d.due = "2026-12-01".into();
        let req = d.request(t, id(5)).unwrap();
        assert_eq!(req.findings, "楼道灯坏了");
        assert_eq!(req.member_updates.len(), 1);
        assert_eq!(req.member_updates[0].phone.as_deref(), Some("13800138000"));
        assert_eq!(req.member_updates[0].note.as_deref(), Some("住院"));
        assert_eq!(req.member_updates[0].moved_out, None);
        let task = req.follow_up.unwrap();
        assert_eq!(task.title, "修楼道灯");
        assert_eq!(task.description, "楼道灯坏了");
        assert_eq!(task.due_date.as_deref(), Some("2026-12-01"));
    }
}
