//! The visit form (入户走访), opened from 今日, the 未走访 list or a household's page: who visited
//! and when (now unless changed: last night's visits are logged in the morning, never a time still
//! to come), kind, outcome, findings, changes to the household's members, photos, and "needs
//! follow-up", which opens a task linked to the visit. The visit, the member changes and the task
//! are one `LogVisit`, sent with the photos picked in the form as one `SaveVisit`, all written in
//! one transaction (a photo refused saves nothing and is named next to 保存).

mod photos;
pub mod state;

use linli_domain::field::{TaskCategory, VisitKind, VisitOutcome};
use linli_domain::Id;
use linli_protocol::{
    ApiError, GetHousehold, HouseholdDetail, ListPeople, Person, SaveVisit, VisitLogged,
};
use yew::prelude::*;

use super::field::{date_from_today, field_error, full_address, now_minute, selected_of, value_of};
use crate::components::escape::closes_on_escape;
use crate::components::staff_picker::StaffPicker;
use crate::hooks::{use_command, use_me, use_texts};
use crate::ipc;
use photos::PhotoPicker;
pub use state::FOLLOW_UP_CATEGORIES;
use state::{Action, MemberDraft, MemberField, VisitDraft};

#[derive(Properties, PartialEq)]
pub struct VisitFormProps {
    pub household_id: Id,
    pub community: Id,
    /// The visit was saved, with its photos.
    pub on_saved: Callback<VisitLogged>,
    pub on_cancel: Callback<()>,
}

#[function_component(VisitForm)]
pub fn visit_form(props: &VisitFormProps) -> Html {
    let t = use_texts();
    let me = use_me();
    let people = use_state(Vec::<Person>::new);
    let household = use_state(|| None as Option<HouseholdDetail>);
    let draft = use_reducer(VisitDraft::default);
    let failed = use_state(|| None as Option<ApiError>);
    let save = use_command::<SaveVisit>();
    // the form is shown once the household's members and the visitors are here: a choice made
    // before then would be replaced by the loaded draft
    let ready = use_state(|| false);
    {
        let (people, household, draft, failed, ready) = (
            people.clone(),
            household.clone(),
            draft.clone(),
            failed.clone(),
            ready.clone(),
        );
        let (community, id, me) = (props.community, props.household_id, me.person_id());
        use_effect_with(id, move |_| {
            ready.set(false);
            wasm_bindgen_futures::spawn_local(async move {
                let res: Result<_, ApiError> = async {
                    let p = ipc::call(&ListPeople {
                        community_id: community,
                    })
                    .await?;
                    let h = ipc::call(&GetHousehold { id }).await?;
                    Ok((p, h))
                }
                .await;
                match res {
                    Ok((p, h)) => {
                        // me when I am of this community, else the first person listed
                        let visitor = me
                            .filter(|m| p.iter().any(|x| x.id == *m))
                            .or(p.first().map(|p| p.id));
                        draft.dispatch(Action::Loaded {
                            visitor,
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
                            now: now_minute(),
                            due: date_from_today(7),
                        });
                        people.set(p);
                        household.set(Some(h));
                        ready.set(true);
                    }
                    Err(e) => failed.set(Some(e)),
                }
            });
        });
    }

    let send = |make: fn(String) -> Action| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.dispatch(make(value_of(e))))
    };
    let pick = |make: fn(String) -> Action| {
        let draft = draft.clone();
        Callback::from(move |e: Event| draft.dispatch(make(selected_of(e))))
    };
    let touch = |field: String| {
        let draft = draft.clone();
        Callback::from(move |_: FocusEvent| draft.dispatch(Action::Touch(field.clone())))
    };
    let on_member = |i: usize, f: MemberField| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.dispatch(Action::Member(i, f, value_of(e))))
    };
    let on_follow = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            draft.dispatch(Action::FollowUp(super::field::checked_of(e)))
        })
    };
    let on_visitor = {
        let draft = draft.clone();
        Callback::from(move |v: Option<Id>| draft.dispatch(Action::Visitor(v)))
    };

    let errors = draft.shown_errors(t);
    let err = |k: &str| errors.get(k).copied();
    let invalid = |k: &str| classes!("input", errors.contains_key(k).then_some("invalid"));
    let request = draft.request(t, props.household_id);

    let on_save = {
        let (save, draft, on_saved) = (save.clone(), draft.clone(), props.on_saved.clone());
        let request = request.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            draft.dispatch(Action::Submit);
            let Some(req) = request.clone() else {
                return;
            };
            let on_saved = on_saved.clone();
            save.submit(req, move |logged: VisitLogged| on_saved.emit(logged));
        })
    };
    let on_cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_| cb.emit(()))
    };

    let d = &*draft;
    let Some(h) = household.as_ref().filter(|_| *ready) else {
        return html! {
            <div class="panel visit-form" id="visit-form-loading">
                if let Some(why) = &*failed {
                    <p class="alert alert-error" role="alert">{crate::i18n::say(why)}</p>
                } else {
                    <p class="muted">{t.loading}</p>
                }
                <button type="button" class="btn" onclick={on_cancel}>{t.cancel}</button>
            </div>
        };
    };
    let hh = &h.household;
    let care: Vec<String> = h
        .members
        .iter()
        .filter(|m| m.moved_out.is_none())
        .flat_map(|m| {
            m.care_tags
                .iter()
                .map(|c| (t.resident.care_tag)(c).to_owned())
        })
        .collect();
    let busy = save.busy();
    html! {
        <form class="panel visit-form" id="visit-form" onsubmit={on_save} novalidate=true
            onkeydown={closes_on_escape(props.on_cancel.clone())}>
            <div class="panel-head">
                <h2>{(t.visit_title)(&full_address(hh.compound_name.as_deref(), &hh.address))}</h2>
                <span class="muted">{hh.head_name.as_deref().unwrap_or("")}{" "}{care.join(t.resident.sep)}</span>
            </div>
            <div class="form-row">
                <StaffPicker id="visit-visitor" label={t.visit_visitor} people={(*people).clone()}
                    value={d.visitor} onchange={on_visitor} invalid={errors.contains_key("visitor")} />
                <label class="field field-narrow">
                    <span class="label">{t.work.visit_day}</span>
                    <input id="visit-day" class={invalid("day")} placeholder={t.date_placeholder}
                        value={d.day.clone()} oninput={send(Action::Day)} onblur={touch("day".into())} />
                    {field_error("day-error", err("day"))}
                </label>
                <label class="field field-narrow">
                    <span class="label">{t.work.visit_time}</span>
                    <input id="visit-time" class={invalid("time")} placeholder="19:30" inputmode="numeric"
                        value={d.time.clone()} oninput={send(Action::Time)} onblur={touch("time".into())} />
                    {field_error("time-error", err("time"))}
                </label>
            </div>
            {field_error("visitor-error", err("visitor"))}
            <div class="form-row">
                <label class="field">
                    <span class="label">{t.visit_kind}</span>
                    <select id="visit-kind" class="input"
                        onchange={pick(|v| Action::Kind(VisitKind::from_code(&v).unwrap_or(VisitKind::Routine)))}>
                        { for VisitKind::ALL.iter().map(|k| html! {
                            <option value={k.code()} selected={d.kind == *k}>{(t.visit_kind_label)(*k)}</option>
                        }) }
                    </select>
                </label>
                <label class="field">
                    <span class="label">{t.visit_outcome}</span>
                    <select id="visit-outcome" class="input"
                        onchange={pick(|v| Action::Outcome(VisitOutcome::from_code(&v).unwrap_or(VisitOutcome::Met)))}>
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
                    oninput={send(Action::Findings)} onblur={touch("findings".into())} />
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
                                        value={m.phone.clone()} oninput={on_member(i, MemberField::Phone)}
                                        onblur={touch(pk.clone())} />
                                    {field_error(&format!("{pk}-error"), err(&pk))}
                                </td>
                                <td>
                                    <input class={classes!(invalid(&mk), "member-moved-out")}
                                        placeholder={t.date_placeholder}
                                        value={m.moved_out.clone()} oninput={on_member(i, MemberField::MovedOut)}
                                        onblur={touch(mk.clone())} />
                                    {field_error(&format!("{mk}-error"), err(&mk))}
                                </td>
                                <td>
                                    <input class="input member-note" placeholder={t.member_note_placeholder}
                                        value={m.note.clone()} oninput={on_member(i, MemberField::Note)} />
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
            <PhotoPicker photos={d.photos.clone()} dispatch={draft.dispatcher()} />
            <label class="check">
                <input type="checkbox" id="visit-follow-up" checked={d.follow_up} onchange={on_follow} />
                {t.visit_follow_up}
            </label>
            if d.follow_up {
                <div class="form-row follow-up">
                    <label class="field field-grow">
                        <span class="label">{t.task_title_label}</span>
                        <input id="visit-task-title" class={invalid("title")} value={d.title.clone()}
                            oninput={send(Action::Title)} onblur={touch("title".into())} />
                        {field_error("title-error", err("title"))}
                    </label>
                    <label class="field">
                        <span class="label">{t.task_category_label}</span>
                        <select id="visit-task-category" class="input"
                            onchange={pick(|v| Action::Category(TaskCategory::from_code(&v).unwrap_or(TaskCategory::HouseholdMatter)))}>
                            { for FOLLOW_UP_CATEGORIES.iter().map(|c| html! {
                                <option value={c.code()} selected={d.category == *c}>{(t.task_category)(*c)}</option>
                            }) }
                        </select>
                    </label>
                    <label class="field">
                        <span class="label">{t.task_due_label}</span>
                        <input id="visit-task-due" class={invalid("due")} placeholder={t.date_placeholder}
                            value={d.due.clone()} oninput={send(Action::Due)} onblur={touch("due".into())} />
                        {field_error("due-error", err("due"))}
                    </label>
                </div>
            }
            <div class="form-row form-actions">
                <button type="submit" id="visit-save" class="btn btn-primary" disabled={busy}>
                    { if busy { t.saving } else { t.save_visit } }
                </button>
                <button type="button" id="visit-cancel" class="btn" onclick={on_cancel}>{t.cancel}</button>
                if let Some(e) = save.error() {
                    <span class="field-error" id="visit-failed" role="alert">{crate::i18n::say(e)}</span>
                } else if d.submitted && request.is_none() {
                    <span class="field-error" id="visit-failed" role="alert">{t.work.fix_marked}</span>
                }
            </div>
        </form>
    }
}
