//! 志愿者: register a volunteer (a resident of the register, or not) and edit one, with the
//! form checked before it is sent.

use linli_domain::Id;
use linli_protocol::{AddVolunteer, EditVolunteer, HitKind, Search, SearchHit, Volunteer};
use yew::prelude::*;

use super::forms::{words, Errs, VolunteerForm};
use super::widgets::{input, job, Job};
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::field::value_of;

#[derive(Properties, PartialEq)]
pub struct PeopleProps {
    pub community: Id,
    pub volunteers: Vec<Volunteer>,
    pub busy: bool,
    pub run: Callback<Job>,
}

#[function_component(People)]
pub fn people(p: &PeopleProps) -> Html {
    let t = use_texts();
    let d = &t.desk;
    let editing = use_state(|| None as Option<Id>);
    let form = use_state(VolunteerForm::default);
    let errs = use_state(Errs::new);
    let query = use_state(String::new);
    let hits = use_state(|| None as Option<Vec<SearchHit>>);

    let set = |f: fn(&mut VolunteerForm, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            f(&mut next, v);
            form.set(next);
        })
    };
    let start_new = {
        let (editing, form, errs) = (editing.clone(), form.clone(), errs.clone());
        Callback::from(move |_| {
            editing.set(None);
            form.set(VolunteerForm::default());
            errs.set(Errs::new());
        })
    };
    let on_find = {
        let (query, hits) = (query.clone(), hits.clone());
        Callback::from(move |_| {
            let (q, hits) = ((*query).clone(), hits.clone());
            if q.trim().is_empty() {
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let found = ipc::call(&Search { query: q, limit: 8 })
                    .await
                    .unwrap_or_default();
                hits.set(Some(
                    found
                        .into_iter()
                        .filter(|h| h.kind == HitKind::Resident)
                        .collect(),
                ));
            });
        })
    };
    let on_save = {
        let (form, errs, editing, run) =
            (form.clone(), errs.clone(), editing.clone(), p.run.clone());
        let community = p.community;
        Callback::from(move |_| {
            let found = form.check(t);
            if !found.is_empty() {
                return errs.set(found);
            }
            errs.set(Errs::new());
            let f = (*form).clone();
            let id = *editing;
            let (form, editing) = (form.clone(), editing.clone());
            form.set(VolunteerForm::default());
            editing.set(None);
            run.emit(job(async move {
                let v = match id {
                    Some(id) => {
                        ipc::call(&EditVolunteer {
                            id,
                            name: f.name.trim().to_owned(),
                            phone: Some(f.phone.trim().to_owned()).filter(|p| !p.is_empty()),
                            skills: words(&f.skills),
                            availability: f.availability.trim().to_owned(),
                        })
                        .await?
                    }
                    None => {
                        ipc::call(&AddVolunteer {
                            community_id: community,
                            resident_id: f.resident.as_ref().map(|r| r.0),
                            name: f.name.trim().to_owned(),
                            phone: Some(f.phone.trim().to_owned()).filter(|p| !p.is_empty()),
                            skills: words(&f.skills),
                            availability: f.availability.trim().to_owned(),
                        })
                        .await?
                    }
                };
                Ok((t.desk.saved)(&v.name))
            }));
        })
    };

    let rows = p.volunteers.iter().map(|v| {
        let on_edit = {
            let (editing, form, errs, v) = (editing.clone(), form.clone(), errs.clone(), v.clone());
            Callback::from(move |_| {
                editing.set(Some(v.id));
                errs.set(Errs::new());
                form.set(VolunteerForm {
                    name: v.name.clone(),
                    phone: String::new(),
                    skills: v.skills.join("、"),
                    availability: v.availability.clone(),
                    resident: None,
                });
            })
        };
        html! {
            <tr key={v.id.to_string()} data-id={v.id.to_string()}>
                <td class="vol-name">{&v.name}</td>
                <td>{v.phone_masked.clone().unwrap_or_default()}</td>
                <td>{v.skills.join("、")}</td>
                <td>{&v.availability}</td>
                <td><button class="btn btn-small vol-edit" onclick={on_edit}>{d.edit}</button></td>
            </tr>
        }
    });
    let editing_name = editing.and_then(|id| p.volunteers.iter().find(|v| v.id == id));
    let resident = match (&form.resident, *editing) {
        (_, Some(_)) => html! {},
        (Some((_, name, address)), None) => {
            let form = form.clone();
            html! {
                <p class="notice" id="vf-linked">
                    {(d.vf_linked)(name, address)}{" "}
                    <button class="btn btn-small" onclick={Callback::from(move |_| {
                        let mut next = (*form).clone();
                        next.resident = None;
                        form.set(next);
                    })}>{d.vf_unlink}</button>
                </p>
            }
        }
        (None, None) => html! {
            <div class="form-row">
                <label class="field field-grow">
                    <span class="label">{d.vf_resident}</span>
                    <input id="vf-resident-q" class="input" placeholder={d.vf_resident_q} value={(*query).clone()}
                        oninput={{ let q = query.clone(); Callback::from(move |e| q.set(value_of(e))) }} />
                </label>
                <button id="vf-resident-find" class="btn" onclick={on_find}>{d.vf_search}</button>
                { match &*hits {
                    None => html! {},
                    Some(h) if h.is_empty() => html! { <span class="muted">{d.vf_no_hits}</span> },
                    Some(h) => html! {
                        <ul class="plain-list" id="vf-hits">
                        { for h.iter().map(|hit| {
                            let (form, hits, hit, errs) = (form.clone(), hits.clone(), hit.clone(), errs.clone());
                            let label = format!("{} · {}", hit.name, hit.address);
                            html! { <li><button class="btn btn-link vf-hit" data-id={hit.id.to_string()}
                                onclick={Callback::from(move |_| {
                                    let mut next = (*form).clone();
                                    next.resident = Some((hit.id, hit.name.clone(), hit.address.clone()));
                                    form.set(next);
                                    hits.set(None);
                                    // a linked resident's name is the register's
                                    errs.set(Errs::new());
                                })}>{label}</button></li> }
                        }) }
                        </ul>
                    },
                } }
            </div>
        },
    };

    html! {
        <div class="desk-grid">
            <div class="panel">
                <div class="panel-head">
                    <h2>{t.vol_volunteers}</h2>
                    <button id="vf-new" class="btn btn-small" onclick={start_new}>{d.vf_new}</button>
                </div>
                <table class="table" id="people-list">
                    <thead><tr><th>{t.vol_name}</th><th>{d.vf_phone}</th><th>{d.vf_skills_short}</th><th>{d.vf_availability}</th><th></th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <div class="panel" id="volunteer-form">
                <h2 class="form-title">{match editing_name {
                    Some(v) => (d.vf_edit)(&v.name),
                    None => d.vf_new.to_owned(),
                }}</h2>
                {resident}
                {input("vf-name", d.vf_name, &form.name, errs.get("name").copied(), set(|f, v| f.name = v))}
                if form.resident.is_some() && editing.is_none() {
                    <p class="hint">{d.vf_name_hint}</p>
                }
                {input("vf-phone", d.vf_phone, &form.phone, errs.get("phone").copied(), set(|f, v| f.phone = v))}
                if editing.is_some() {
                    <p class="hint">{d.vf_phone_keep}</p>
                }
                {input("vf-skills", d.vf_skills, &form.skills, None, set(|f, v| f.skills = v))}
                {input("vf-availability", d.vf_availability, &form.availability, None, set(|f, v| f.availability = v))}
                <div class="form-actions">
                    <button id="vf-save" class="btn btn-primary" disabled={p.busy} onclick={on_save}>{d.save}</button>
                    if !errs.is_empty() {
                        <span class="field-error" role="alert">{d.fix_marked}</span>
                    }
                </div>
            </div>
        </div>
    }
}
