//! The 排班 tab: the missed slots first (over, no log: for the coordinator, each with 补记), then
//! the rota from four weeks back to two ahead by date with each slot's state, a slot changed or
//! cancelled, and a weekly rota made from a pattern (weekdays, a time window, a date range, the
//! members assigned). Printed on A4.

use std::rc::Rc;

use linli_domain::patrols::SlotState;
use linli_domain::Id;
use linli_protocol::{
    ApiError, EditPatrolSlot, GeneratePatrolRota, ListPatrolSlots, PatrolSlot, PatrolTeam,
};
use yew::prelude::*;

use super::{member_boxes, Open};
use crate::components::fields::{choice, input};
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct RotaProps {
    pub community: Id,
    pub teams: Rc<Vec<PatrolTeam>>,
    pub on_log: Callback<Open>,
    pub on_change: Callback<()>,
    pub generation: u32,
}

#[derive(Debug, Clone, PartialEq)]
struct Pattern {
    team: String,
    weekdays: Vec<u32>,
    starts: String,
    ends: String,
    from: String,
    to: String,
    members: Vec<Id>,
}

#[function_component(Rota)]
pub fn rota(p: &RotaProps) -> Html {
    let t = use_texts();
    let g = &t.patrols;
    let slots = use_state(|| None as Option<Vec<PatrolSlot>>);
    let reload = use_state(|| 0u32);
    let pattern = use_state(|| Pattern {
        team: p
            .teams
            .first()
            .map(|t| t.id.to_string())
            .unwrap_or_default(),
        weekdays: vec![1, 3, 5],
        starts: "19:00".into(),
        ends: "21:00".into(),
        from: String::new(),
        to: String::new(),
        members: Vec::new(),
    });
    let made = use_state(|| None as Option<usize>);
    let error = use_state(|| None as Option<ApiError>);
    let editing = use_state(|| None as Option<PatrolSlot>);
    {
        let slots = slots.clone();
        use_effect_with((p.community, p.generation, *reload), move |(c, _, _)| {
            let c = *c;
            wasm_bindgen_futures::spawn_local(async move {
                let found = ipc::call(&ListPatrolSlots {
                    community_id: Some(c),
                    ..ListPatrolSlots::default()
                })
                .await
                .unwrap_or_default();
                slots.set(Some(found));
            });
        });
    }
    let set = |f: fn(&mut Pattern, String)| {
        let pattern = pattern.clone();
        Callback::from(move |v: String| {
            let mut next = (*pattern).clone();
            f(&mut next, v);
            pattern.set(next);
        })
    };
    let team_of = |code: &str| p.teams.iter().find(|t| t.id.to_string() == code);
    let generate = {
        let (pattern, made, error, reload) =
            (pattern.clone(), made.clone(), error.clone(), reload.clone());
        Callback::from(move |_: MouseEvent| {
            let f = (*pattern).clone();
            let Ok(team_id) = f.team.parse::<Id>() else {
                return;
            };
            let req = GeneratePatrolRota {
                team_id,
                weekdays: f.weekdays.iter().map(|d| d.to_string()).collect(),
                starts: f.starts,
                ends: f.ends,
                from: f.from,
                to: f.to,
                members: f.members,
            };
            let (made, error, reload) = (made.clone(), error.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(s) => {
                        error.set(None);
                        made.set(Some(s.len()));
                        reload.set(*reload + 1);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let f = &*pattern;
    let teams: Vec<(String, String)> = p
        .teams
        .iter()
        .map(|t| (t.id.to_string(), t.fields.name.clone()))
        .collect();
    let day_boxes = (1..=7u32).map(|d| {
        let checked = f.weekdays.contains(&d);
        let onchange = {
            let pattern = pattern.clone();
            Callback::from(move |_: Event| {
                let mut next = (*pattern).clone();
                if let Some(i) = next.weekdays.iter().position(|x| *x == d) {
                    next.weekdays.remove(i);
                } else {
                    next.weekdays.push(d);
                    next.weekdays.sort_unstable();
                }
                pattern.set(next);
            })
        };
        html! { <label class="check"><input type="checkbox" id={format!("patrol-day-{d}")} {checked} {onchange} />{(g.weekday)(d)}</label> }
    });
    let on_members = {
        let pattern = pattern.clone();
        Callback::from(move |m: Vec<Id>| {
            let mut next = (*pattern).clone();
            next.members = m;
            pattern.set(next);
        })
    };
    let list = slots.as_ref().map(|all| {
        let missed: Vec<&PatrolSlot> = all.iter().filter(|s| s.state == SlotState::Missed).collect();
        let row = |s: &PatrolSlot| {
            let log = {
                let (on_log, slot, log_id) = (p.on_log.clone(), s.id, s.log_id);
                Callback::from(move |_: MouseEvent| on_log.emit(match log_id {
                    Some(l) => Open::Log(l),
                    None => Open::New { slot: Some(slot) },
                }))
            };
            let edit = { let (editing, s) = (editing.clone(), s.clone()); Callback::from(move |_: MouseEvent| editing.set(Some(s.clone()))) };
            let state_class = match s.state { SlotState::Missed => "chip chip-alert", SlotState::Done => "chip chip-ok", _ => "chip" };
            html! {
                <tr class={classes!((s.state == SlotState::Missed).then_some("row-alert"))}>
                    <td>{s.date.clone()}</td>
                    <td>{format!("{}–{}", s.starts, s.ends)}</td>
                    <td>{s.team_name.clone()}</td>
                    <td>{s.member_names.clone()}</td>
                    <td><span class={state_class}>{(g.state_label)(s.state)}</span></td>
                    <td class="no-print">
                        <button class="btn btn-small" id={format!("patrol-slot-log-{}", s.id)} onclick={log}>
                            { if s.log_id.is_some() { g.open_log } else if s.state == SlotState::Missed { g.log_this } else { g.new_log } }
                        </button>
                        if s.log_id.is_none() { <button class="btn btn-small" onclick={edit}>{g.edit_slot}</button> }
                    </td>
                </tr>
            }
        };
        let head = html! { <thead><tr><th>{g.col_date}</th><th>{g.col_time}</th><th>{g.col_team}</th><th>{g.col_members}</th><th>{g.col_state}</th><th class="no-print"></th></tr></thead> };
        html! {
            <>
                <div class="panel" id="patrol-missed">
                    <h2>{(g.missed_count)(missed.len())}</h2>
                    if missed.is_empty() { <p class="muted">{g.missed_none}</p> } else {
                        <p class="muted">{g.missed_hint}</p>
                        <table class="table">{head.clone()}<tbody>{ for missed.iter().map(|s| row(s)) }</tbody></table>
                    }
                </div>
                if all.is_empty() { <p class="muted">{g.no_slots}</p> } else {
                    <table class="table" id="patrol-slots">{head}<tbody>{ for all.iter().map(row) }</tbody></table>
                }
            </>
        }
    });
    let edit_form = (*editing).clone().map(|s| {
        html! { <SlotForm slot={s} team={None::<PatrolTeam>} teams={p.teams.clone()}
            on_done={ let (editing, reload) = (editing.clone(), reload.clone()); Callback::from(move |_: ()| { editing.set(None); reload.set(*reload + 1); }) } /> }
    });
    html! {
        <div class="panel patrol-rota">
            <div class="form-row no-print"><PrintButton id="patrol-rota-print" /></div>
            <h2 class="print-only">{format!("{} · {}", g.title, g.tab_rota)}</h2>
            {edit_form.unwrap_or_default()}
            { list.unwrap_or_else(|| html! { <p class="muted">{g.loading}</p> }) }
            <div class="panel no-print" id="patrol-generate">
                <h2>{g.generate_head}</h2>
                <div class="form-row">
                    {choice("patrol-gen-team", g.team, &f.team, &teams, set(|f, v| { f.team = v; f.members.clear(); }))}
                    <div class="field"><span class="label">{g.weekdays}</span><div class="checks">{ for day_boxes }</div></div>
                    {input("patrol-gen-starts", g.starts, &f.starts, "time", set(|f, v| f.starts = v))}
                    {input("patrol-gen-ends", g.ends, &f.ends, "time", set(|f, v| f.ends = v))}
                    {input("patrol-gen-from", g.from, &f.from, "date", set(|f, v| f.from = v))}
                    {input("patrol-gen-to", g.to, &f.to, "date", set(|f, v| f.to = v))}
                </div>
                <p class="muted">{g.overnight_hint}</p>
                <div class="field"><span class="label">{g.members}</span>{member_boxes("patrol-gen-members", team_of(&f.team), &f.members, on_members)}</div>
                { error.as_ref().map(|e| error_line(e, "patrol-gen-error")).unwrap_or_default() }
                if let Some(n) = *made { <p id="patrol-gen-made">{format!("{}{n}", g.generated)}</p> }
                <button class="btn btn-primary" id="patrol-generate-go" onclick={generate}>{g.generate}</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SlotFormProps {
    slot: PatrolSlot,
    team: Option<PatrolTeam>,
    teams: Rc<Vec<PatrolTeam>>,
    on_done: Callback<()>,
}

/// One slot changed (day, window, members, note) or cancelled.
#[function_component(SlotForm)]
fn slot_form(p: &SlotFormProps) -> Html {
    let t = use_texts();
    let g = &t.patrols;
    let draft = use_state(|| p.slot.clone());
    let error = use_state(|| None as Option<ApiError>);
    let send = |cancelled: bool| {
        let (draft, error, on_done) = (draft.clone(), error.clone(), p.on_done.clone());
        Callback::from(move |_: MouseEvent| {
            let d = (*draft).clone();
            let req = EditPatrolSlot {
                id: d.id,
                date: d.date,
                starts: d.starts,
                ends: d.ends,
                members: d.members,
                note: d.note,
                cancelled,
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
    let set = |f: fn(&mut PatrolSlot, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut next = (*draft).clone();
            f(&mut next, v);
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
    let d = &*draft;
    let team = p
        .team
        .as_ref()
        .or_else(|| p.teams.iter().find(|t| t.id == d.team_id));
    let close = p.on_done.reform(|_: MouseEvent| ());
    html! {
        <div class="panel" id="patrol-slot-form">
            <h2>{format!("{} · {}", g.edit_slot, d.team_name)}</h2>
            <div class="form-row">
                {input("patrol-slot-date", g.col_date, &d.date, "date", set(|d, v| d.date = v))}
                {input("patrol-slot-starts", g.starts, &d.starts, "time", set(|d, v| d.starts = v))}
                {input("patrol-slot-ends", g.ends, &d.ends, "time", set(|d, v| d.ends = v))}
                {input("patrol-slot-note", g.note, &d.note, "text", set(|d, v| d.note = v))}
            </div>
            <div class="field"><span class="label">{g.members}</span>{member_boxes("patrol-slot-members", team, &d.members, on_members)}</div>
            { error.as_ref().map(|e| error_line(e, "patrol-slot-error")).unwrap_or_default() }
            <div class="form-row">
                <button class="btn btn-primary" id="patrol-slot-save" onclick={send(false)}>{g.save}</button>
                <button class="btn" id="patrol-slot-cancel" onclick={send(true)}>{g.cancel_slot}</button>
                <button class="btn" onclick={close}>{g.back}</button>
            </div>
        </div>
    }
}
