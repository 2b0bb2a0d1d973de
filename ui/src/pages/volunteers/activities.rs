//! 活动: add and edit an activity (date, start time, place, team, category, planned hours,
//! capacity), and its roster: sign volunteers up (the store refuses beyond the capacity) and mark
//! who came.

use linli_domain::volunteers::SERVICE_CATEGORIES;
use linli_domain::Id;
use linli_protocol::{
    Activity, AddActivity, EditActivity, MarkAttendance, SignUp, Team, Volunteer,
};
use yew::prelude::*;

use super::forms::{ActivityForm, Errs};
use super::logic::fmt_hours;
use super::widgets::{input, job, select, Job};
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct ActivitiesProps {
    pub community: Id,
    pub activities: Vec<Activity>,
    pub teams: Vec<Team>,
    pub volunteers: Vec<Volunteer>,
    pub activity: Option<Id>,
    pub on_activity: Callback<Option<Id>>,
    pub busy: bool,
    pub run: Callback<Job>,
}

fn blank() -> ActivityForm {
    ActivityForm {
        date: crate::clock::today(),
        category: SERVICE_CATEGORIES[0].to_owned(),
        hours: "2".to_owned(),
        ..Default::default()
    }
}

#[function_component(Activities)]
pub fn activities(p: &ActivitiesProps) -> Html {
    let t = use_texts();
    let d = &t.desk;
    let editing = use_state(|| None as Option<Id>);
    let form = use_state(blank);
    let errs = use_state(Errs::new);
    let chosen = p
        .activity
        .and_then(|a| p.activities.iter().find(|x| x.id == a));

    let set = |f: fn(&mut ActivityForm, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            f(&mut next, v);
            form.set(next);
        })
    };
    let on_save = {
        let (form, errs, editing, run) =
            (form.clone(), errs.clone(), editing.clone(), p.run.clone());
        let (community, on_activity) = (p.community, p.on_activity.clone());
        Callback::from(move |_| {
            let figures = match form.check(t) {
                Ok(f) => f,
                Err(e) => return errs.set(e),
            };
            errs.set(Errs::new());
            let f = (*form).clone();
            let id = *editing;
            form.set(blank());
            editing.set(None);
            let on_activity = on_activity.clone();
            run.emit(job(async move {
                let a = match id {
                    Some(id) => {
                        ipc::call(&EditActivity {
                            id,
                            team_id: f.team,
                            title: f.title.trim().to_owned(),
                            category: f.category.trim().to_owned(),
                            date: f.date.trim().to_owned(),
                            time: figures.time,
                            hours: figures.hours,
                            place: f.place.trim().to_owned(),
                            capacity: figures.capacity,
                        })
                        .await?
                    }
                    None => {
                        ipc::call(&AddActivity {
                            community_id: community,
                            team_id: f.team,
                            title: f.title.trim().to_owned(),
                            category: f.category.trim().to_owned(),
                            date: f.date.trim().to_owned(),
                            hours: figures.hours,
                            place: f.place.trim().to_owned(),
                            time: figures.time,
                            capacity: figures.capacity,
                        })
                        .await?
                    }
                };
                on_activity.emit(Some(a.id));
                Ok((t.desk.saved)(&a.title))
            }));
        })
    };
    let on_edit = {
        let (editing, form, errs) = (editing.clone(), form.clone(), errs.clone());
        let a = chosen.cloned();
        Callback::from(move |_| {
            let Some(a) = &a else { return };
            editing.set(Some(a.id));
            errs.set(Errs::new());
            form.set(ActivityForm {
                title: a.title.clone(),
                date: a.date.clone(),
                time: a.time.clone(),
                place: a.place.clone(),
                team: a.team_id,
                category: a.category.clone(),
                hours: fmt_hours(a.hours),
                capacity: a.capacity.map(|c| c.to_string()).unwrap_or_default(),
            });
        })
    };
    let on_new = {
        let (editing, form, errs) = (editing.clone(), form.clone(), errs.clone());
        Callback::from(move |_| {
            editing.set(None);
            errs.set(Errs::new());
            form.set(blank());
        })
    };

    let roster = match chosen {
        None => html! { <p class="empty">{d.act_none}</p> },
        Some(a) => {
            let aid = a.id;
            let rows = p.volunteers.iter().map(|v| {
                let (vid, name) = (v.id, v.name.clone());
                let signed = a.signed_up.contains(&vid);
                let came = a.attended.contains(&vid);
                let sign = {
                    let (run, name) = (p.run.clone(), name.clone());
                    Callback::from(move |_| {
                        let name = name.clone();
                        run.emit(job(async move {
                            ipc::call(&SignUp { activity_id: aid, volunteer_ids: vec![vid] }).await?;
                            Ok((t.desk.signed_done)(&name))
                        }));
                    })
                };
                let mark = |present: bool| {
                    let (run, name) = (p.run.clone(), name.clone());
                    Callback::from(move |_| {
                        let name = name.clone();
                        run.emit(job(async move {
                            ipc::call(&MarkAttendance { activity_id: aid, volunteer_ids: vec![vid], present }).await?;
                            Ok((t.desk.attendance_done)(&name, present))
                        }));
                    })
                };
                html! {
                    <tr key={vid.to_string()} class="roster-row" data-id={vid.to_string()}>
                        <td class="vol-name">{&v.name}</td>
                        <td>if signed { <span class="chip chip-status">{d.signed_up}</span> } else {
                            <button class="btn btn-small signup-btn" disabled={p.busy} onclick={sign}>{d.sign_up}</button>
                        }</td>
                        <td>if came { <span class="chip chip-status">{d.present}</span> }</td>
                        <td class="row-actions">if signed {
                            <button class="btn btn-small present-btn" disabled={p.busy || came} onclick={mark(true)}>{d.mark_present}</button>
                            <button class="btn btn-small absent-btn" disabled={p.busy || !came} onclick={mark(false)}>{d.mark_absent}</button>
                        }</td>
                    </tr>
                }
            });
            html! {
                <>
                <p class="count" id="act-signups">{(d.signups)(a.signed_up.len(), a.capacity)}
                    {" · "}{&a.place}{" · "}{(t.rules.service_category)(&a.category)}</p>
                <table class="table" id="roster">
                    <thead><tr><th>{t.vol_name}</th><th>{d.sign_up}</th><th>{d.present}</th><th></th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                </>
            }
        }
    };

    let mut teams = vec![(String::new(), d.act_any_team.to_owned())];
    teams.extend(p.teams.iter().map(|x| (x.id.to_string(), x.name.clone())));
    let team_value = form.team.map(|x| x.to_string()).unwrap_or_default();
    let activity_options: Vec<(String, String)> = p
        .activities
        .iter()
        .map(|a| {
            (
                a.id.to_string(),
                (d.act_line)(&a.date, &a.time, &a.title, &fmt_hours(a.hours)),
            )
        })
        .collect();
    let e = |k: &str| errs.get(k).copied();

    html! {
        <div class="desk-grid">
            <div class="panel">
                <div class="panel-head">
                    <h2>{d.roster}</h2>
                    <span class="panel-tools">
                        <button id="act-edit" class="btn btn-small" disabled={chosen.is_none()} onclick={on_edit}>{d.edit}</button>
                        <button id="act-new" class="btn btn-small" onclick={on_new}>{d.act_new}</button>
                    </span>
                </div>
                {select("act-pick", d.act_pick, activity_options,
                    &p.activity.map(|a| a.to_string()).unwrap_or_default(),
                    p.on_activity.reform(|v: String| v.parse().ok()))}
                {roster}
            </div>
            <div class="panel" id="activity-form">
                <h2 class="form-title">{match editing.and_then(|id| p.activities.iter().find(|x| x.id == id)) {
                    Some(a) => (d.act_edit)(&a.title),
                    None => d.act_new.to_owned(),
                }}</h2>
                {input("af-title", d.act_title, &form.title, e("title"), set(|f, v| f.title = v))}
                <div class="form-row">
                    {input("af-date", d.act_date, &form.date, e("date"), set(|f, v| f.date = v))}
                    {input("af-time", d.act_time, &form.time, e("time"), set(|f, v| f.time = v))}
                </div>
                {input("af-place", d.act_place, &form.place, None, set(|f, v| f.place = v))}
                {select("af-team", d.act_team, teams, &team_value, set(|f, v| f.team = v.parse().ok()))}
                <label class="field">
                    <span class="label">{d.act_category}</span>
                    <input id="af-category" class="input" list="af-categories" value={form.category.clone()}
                        oninput={set(|f, v| f.category = v).reform(crate::pages::field::value_of)} />
                    <datalist id="af-categories">
                        { for SERVICE_CATEGORIES.iter().map(|c| html! { <option value={*c} label={(t.rules.service_category)(c)} /> }) }
                    </datalist>
                    if let Some(m) = e("category") { <span class="field-error">{m}</span> }
                </label>
                <div class="form-row">
                    {input("af-hours", d.act_hours, &form.hours, e("hours"), set(|f, v| f.hours = v))}
                    {input("af-capacity", d.act_capacity, &form.capacity, e("capacity"), set(|f, v| f.capacity = v))}
                </div>
                <p class="hint">{d.act_capacity_hint}</p>
                <div class="form-actions">
                    <button id="af-save" class="btn btn-primary" disabled={p.busy} onclick={on_save}>{d.save}</button>
                    if !errs.is_empty() {
                        <span class="field-error" role="alert">{d.fix_marked}</span>
                    }
                </div>
            </div>
        </div>
    }
}
