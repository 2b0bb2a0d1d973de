//! A patrol log's form: the team, the rota slot it fulfils (its day, window and members filled
//! in), the day and times, the route or area, who went, what was found (each finding a category,
//! a place and a description; photos once saved, from the logs list) and a note.

use std::rc::Rc;

use linli_domain::patrols::{FindingCategory, SlotState};
use linli_domain::Id;
use linli_protocol::{
    ApiError, FindingFields, GetPatrolLog, ListPatrolSlots, LogPatrol, PatrolLogFields, PatrolSlot,
    PatrolTeam,
};
use yew::prelude::*;

use super::{member_boxes, Open};
use crate::components::fields::{area, choice, input, options};
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct LogFormProps {
    pub community: Id,
    pub teams: Rc<Vec<PatrolTeam>>,
    pub open: Open,
    pub on_done: Callback<()>,
}

#[derive(Debug, Clone, PartialEq)]
struct Draft {
    id: Option<Id>,
    team: String,
    slot: String,
    date: String,
    starts: String,
    ends: String,
    route: String,
    members: Vec<Id>,
    findings: Vec<FindingFields>,
    note: String,
}

fn from_slot(d: &mut Draft, s: &PatrolSlot) {
    d.team = s.team_id.to_string();
    d.slot = s.id.to_string();
    d.date = s.date.clone();
    d.starts = s.starts.clone();
    d.ends = s.ends.clone();
    d.members = s.members.clone();
}

#[function_component(LogForm)]
pub fn log_form(p: &LogFormProps) -> Html {
    let t = use_texts();
    let g = &t.patrols;
    let draft = use_state(|| Draft {
        id: None,
        team: p
            .teams
            .first()
            .map(|t| t.id.to_string())
            .unwrap_or_default(),
        slot: String::new(),
        date: String::new(),
        starts: "19:00".into(),
        ends: "21:00".into(),
        route: p
            .teams
            .first()
            .map(|t| t.fields.area.clone())
            .unwrap_or_default(),
        members: Vec::new(),
        findings: Vec::new(),
        note: String::new(),
    });
    let slots = use_state(Vec::<PatrolSlot>::new);
    let error = use_state(|| None as Option<ApiError>);
    {
        let (draft, slots, open, community) = (draft.clone(), slots.clone(), p.open, p.community);
        use_effect_with(open, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let found = ipc::call(&ListPatrolSlots {
                    community_id: Some(community),
                    ..ListPatrolSlots::default()
                })
                .await
                .unwrap_or_default();
                let mut d = (*draft).clone();
                match open {
                    Open::New { slot: Some(s) } => {
                        if let Some(s) = found.iter().find(|x| x.id == s) {
                            from_slot(&mut d, s);
                        }
                    }
                    Open::Log(id) => {
                        if let Ok(l) = ipc::call(&GetPatrolLog { id }).await {
                            d = Draft {
                                id: Some(l.id),
                                team: l.team_id.to_string(),
                                slot: l.slot_id.map(|s| s.to_string()).unwrap_or_default(),
                                date: l.date,
                                starts: l.starts,
                                ends: l.ends,
                                route: l.route,
                                members: l.members,
                                findings: l
                                    .findings
                                    .into_iter()
                                    .map(|f| FindingFields {
                                        id: Some(f.id),
                                        category: f.category,
                                        place: f.place,
                                        description: f.description,
                                    })
                                    .collect(),
                                note: l.note,
                            };
                        }
                    }
                    Open::New { slot: None } => {}
                }
                draft.set(d);
                slots.set(found);
            });
        });
    }
    let set = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut next = (*draft).clone();
            f(&mut next, v);
            draft.set(next);
        })
    };
    let on_slot = {
        let (draft, slots) = (draft.clone(), slots.clone());
        Callback::from(move |v: String| {
            let mut next = (*draft).clone();
            next.slot = v.clone();
            if let Some(s) = slots.iter().find(|s| s.id.to_string() == v) {
                from_slot(&mut next, s);
            }
            draft.set(next);
        })
    };
    let on_members = {
        let draft = draft.clone();
        Callback::from(move |m: Vec<Id>| {
            let mut next = (*draft).clone();
            next.members = m;
            draft.set(next);
        })
    };
    let add_finding = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            next.findings.push(FindingFields {
                id: None,
                category: FindingCategory::Hazard,
                place: String::new(),
                description: String::new(),
            });
            draft.set(next);
        })
    };
    let save = {
        let (draft, error, on_done) = (draft.clone(), error.clone(), p.on_done.clone());
        Callback::from(move |_: MouseEvent| {
            let d = (*draft).clone();
            let Ok(team_id) = d.team.parse::<Id>() else {
                return;
            };
            let req = LogPatrol {
                id: d.id,
                fields: PatrolLogFields {
                    team_id,
                    slot_id: d.slot.parse().ok(),
                    date: d.date,
                    starts: d.starts,
                    ends: d.ends,
                    route: d.route,
                    members: d.members,
                    findings: d.findings,
                    note: d.note,
                },
            };
            let (error, on_done) = (error.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => on_done.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let d = &*draft;
    let team = p.teams.iter().find(|t| t.id.to_string() == d.team);
    let teams: Vec<(String, String)> = p
        .teams
        .iter()
        .map(|t| (t.id.to_string(), t.fields.name.clone()))
        .collect();
    let slot_choices: Vec<(String, String)> =
        std::iter::once((String::new(), g.no_slot.to_owned()))
            .chain(
                slots
                    .iter()
                    .filter(|s| s.team_id.to_string() == d.team)
                    .filter(|s| s.log_id.is_none() || s.id.to_string() == d.slot)
                    .filter(|s| s.state != SlotState::Planned || s.id.to_string() == d.slot)
                    .map(|s| {
                        (
                            s.id.to_string(),
                            format!(
                                "{} {}–{}（{}）",
                                s.date,
                                s.starts,
                                s.ends,
                                (g.state_label)(s.state)
                            ),
                        )
                    }),
            )
            .collect();
    let cats = options(
        None,
        FindingCategory::ALL,
        FindingCategory::code,
        g.category_label,
    );
    let finding_rows = d.findings.iter().enumerate().map(|(i, f)| {
        let edit = |fx: fn(&mut FindingFields, String)| {
            let draft = draft.clone();
            Callback::from(move |v: String| {
                let mut next = (*draft).clone();
                if let Some(x) = next.findings.get_mut(i) {
                    fx(x, v);
                }
                draft.set(next);
            })
        };
        let remove = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*draft).clone();
                if i < next.findings.len() {
                    next.findings.remove(i);
                }
                draft.set(next);
            })
        };
        html! {
            <div class="form-row patrol-finding-row">
                {choice(&format!("patrol-finding-category-{i}"), g.category, f.category.code(), &cats,
                    edit(|x, v| x.category = FindingCategory::read(&v)))}
                {input(&format!("patrol-finding-place-{i}"), g.place, &f.place, "text", edit(|x, v| x.place = v))}
                {input(&format!("patrol-finding-description-{i}"), g.description, &f.description, "text", edit(|x, v| x.description = v))}
                <button class="btn btn-small" onclick={remove}>{g.remove_finding}</button>
            </div>
        }
    });
    let cancel = p.on_done.reform(|_: MouseEvent| ());
    html! {
        <div class="panel" id="patrol-log-form">
            <h2>{ if d.id.is_some() { g.edit_log } else { g.new_log } }</h2>
            <div class="form-row">
                {choice("patrol-log-team", g.team, &d.team, &teams, set(|d, v| { d.team = v; d.slot.clear(); d.members.clear(); }))}
                {choice("patrol-log-slot", g.slot, &d.slot, &slot_choices, on_slot)}
                {input("patrol-log-date", g.col_date, &d.date, "date", set(|d, v| d.date = v))}
                {input("patrol-log-starts", g.starts, &d.starts, "time", set(|d, v| d.starts = v))}
                {input("patrol-log-ends", g.ends, &d.ends, "time", set(|d, v| d.ends = v))}
            </div>
            <div class="form-row">
                {input("patrol-log-route", g.route, &d.route, "text", set(|d, v| d.route = v))}
            </div>
            <div class="field"><span class="label">{g.who_went}</span>{member_boxes("patrol-log-members", team, &d.members, on_members)}</div>
            <h3>{g.findings}</h3>
            if d.findings.is_empty() { <p class="muted">{g.no_findings}</p> }
            { for finding_rows }
            <div class="form-row">
                <button class="btn" id="patrol-add-finding" onclick={add_finding}>{g.add_finding}</button>
                <span class="muted">{g.photos_after_save}</span>
            </div>
            {area("patrol-log-note", g.note, &d.note, set(|d, v| d.note = v))}
            { error.as_ref().map(|e| error_line(e, "patrol-log-error")).unwrap_or_default() }
            <div class="form-row">
                <button class="btn btn-primary" id="patrol-log-save" onclick={save}>{g.save}</button>
                <button class="btn" id="patrol-log-cancel" onclick={cancel}>{g.cancel}</button>
            </div>
        </div>
    }
}
