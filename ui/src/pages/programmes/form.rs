//! A programme written or rewritten: kind, name, room, the weekdays it meets and its hours, the
//! term, capacity and age range, and its staff — the community's volunteers (the time bank's)
//! and its people (workers, party members, social workers who are not registered volunteers) —
//! with the weekdays each is on the rota; hours are credited to volunteers only, as the form
//! says. Every refusal is the catalogue's sentence, beside the form; nothing is written until it
//! passes.

use linli_domain::programmes::ProgrammeKind;
use linli_domain::Id;
use linli_protocol::{
    AddProgramme, ApiError, EditProgramme, GetProgramme, ListPeople, ListVolunteers, Person,
    ProgrammeFields, StaffFields, Volunteer,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{choice, input};
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub community: Id,
    pub id: Option<Id>,
    pub on_done: Callback<Id>,
    pub on_cancel: Callback<()>,
}

#[derive(Debug, Clone, PartialEq)]
struct Draft {
    kind: String,
    name: String,
    room: String,
    weekdays: String,
    opens: String,
    closes: String,
    term_start: String,
    term_end: String,
    capacity: String,
    age_min: String,
    age_max: String,
    note: String,
    /// (who, weekdays on the rota)
    staff: Vec<(Member, String)>,
}

/// One of the staff: a volunteer of the time bank, or one of the station's people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Member {
    Volunteer(Id),
    Person(Id),
}

impl Member {
    fn of(s: &StaffFields) -> Option<Member> {
        match (s.volunteer_id, s.person_id) {
            (Some(v), _) => Some(Member::Volunteer(v)),
            (None, Some(p)) => Some(Member::Person(p)),
            _ => None,
        }
    }

    fn key(self) -> String {
        match self {
            Member::Volunteer(v) => format!("v-{v}"),
            Member::Person(p) => format!("p-{p}"),
        }
    }
}

impl Draft {
    fn new() -> Self {
        Draft {
            kind: ProgrammeKind::AfterSchool.code().to_owned(),
            name: String::new(),
            room: String::new(),
            weekdays: "12345".into(),
            opens: "16:30".into(),
            closes: "18:30".into(),
            term_start: String::new(),
            term_end: String::new(),
            capacity: "20".into(),
            age_min: "6".into(),
            age_max: "12".into(),
            note: String::new(),
            staff: Vec::new(),
        }
    }

    fn of(f: &ProgrammeFields) -> Self {
        Draft {
            kind: f.kind.code().to_owned(),
            name: f.name.clone(),
            room: f.room.clone(),
            weekdays: f.weekdays.clone(),
            opens: f.opens.clone(),
            closes: f.closes.clone(),
            term_start: f.term_start.clone(),
            term_end: f.term_end.clone(),
            capacity: f.capacity.to_string(),
            age_min: f.age_min.to_string(),
            age_max: f.age_max.to_string(),
            note: f.note.clone(),
            staff: f
                .staff
                .iter()
                .filter_map(|s| Member::of(s).map(|m| (m, s.weekdays.clone())))
                .collect(),
        }
    }

    fn fields(&self, community: Id) -> ProgrammeFields {
        let n = |s: &str| s.trim().parse::<i64>().unwrap_or(-1);
        ProgrammeFields {
            community_id: community,
            kind: ProgrammeKind::read(&self.kind),
            name: self.name.clone(),
            place_id: None,
            room: self.room.clone(),
            weekdays: self.weekdays.clone(),
            opens: self.opens.clone(),
            closes: self.closes.clone(),
            term_start: self.term_start.clone(),
            term_end: self.term_end.clone(),
            capacity: n(&self.capacity),
            age_min: n(&self.age_min),
            age_max: n(&self.age_max),
            staff: self
                .staff
                .iter()
                .map(|(m, days)| StaffFields {
                    volunteer_id: match m {
                        Member::Volunteer(v) => Some(*v),
                        Member::Person(_) => None,
                    },
                    person_id: match m {
                        Member::Person(p) => Some(*p),
                        Member::Volunteer(_) => None,
                    },
                    weekdays: days.clone(),
                })
                .collect(),
            note: self.note.clone(),
        }
    }
}

#[function_component(ProgrammeForm)]
pub fn programme_form(p: &FormProps) -> Html {
    let t = use_texts();
    let g = &t.programmes;
    let draft = use_state(Draft::new);
    let volunteers = use_state(|| None as Option<Vec<Volunteer>>);
    let people = use_state(Vec::<Person>::new);
    let error = use_state(|| None as Option<ApiError>);
    {
        let (volunteers, people, draft) = (volunteers.clone(), people.clone(), draft.clone());
        let (community_id, id) = (p.community, p.id);
        use_effect_with((community_id, id), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(id) = id {
                    if let Ok(d) = ipc::call(&GetProgramme { id }).await {
                        draft.set(Draft::of(&d.programme.fields));
                    }
                }
                people.set(
                    ipc::call(&ListPeople { community_id })
                        .await
                        .unwrap_or_default(),
                );
                volunteers.set(Some(
                    ipc::call(&ListVolunteers { community_id })
                        .await
                        .unwrap_or_default(),
                ));
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
    let kinds: Vec<(String, String)> = ProgrammeKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), (g.kind_label)(*k).to_owned()))
        .collect();
    let d = &*draft;
    let days = (1..=7u32).map(|w| {
        let c = char::from_digit(w, 10).unwrap_or('1');
        let on = d.weekdays.contains(c);
        let onclick = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*draft).clone();
                if next.weekdays.contains(c) {
                    next.weekdays.retain(|x| x != c);
                } else {
                    next.weekdays.push(c);
                }
                draft.set(next);
            })
        };
        html! {
            <button type="button" id={format!("prog-day-{w}")} class={classes!("chip", "chip-toggle", on.then_some("on"))}
                aria-pressed={on.to_string()} {onclick}>{(g.weekday)(w)}</button>
        }
    });
    let row = |m: Member, name: String, kind: &'static str| {
        let chosen = d
            .staff
            .iter()
            .find(|(s, _)| *s == m)
            .map(|(_, days)| days.clone());
        let onchange = {
            let draft = draft.clone();
            Callback::from(move |e: Event| {
                let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                let mut next = (*draft).clone();
                next.staff.retain(|(s, _)| *s != m);
                if on {
                    next.staff.push((m, String::new()));
                }
                draft.set(next);
            })
        };
        let on_days = {
            let draft = draft.clone();
            Callback::from(move |e: InputEvent| {
                let v = e.target_unchecked_into::<HtmlInputElement>().value();
                let mut next = (*draft).clone();
                if let Some(s) = next.staff.iter_mut().find(|(s, _)| *s == m) {
                    s.1 = v;
                }
                draft.set(next);
            })
        };
        let key = m.key();
        html! {
            <tr>
                <td><input type="checkbox" id={format!("prog-staff-{key}")} checked={chosen.is_some()} {onchange} /></td>
                <td>{name}</td>
                <td class="muted">{kind}</td>
                <td>
                    if let Some(days) = chosen {
                        <input class="input" id={format!("prog-staff-days-{key}")} value={days}
                            placeholder={g.rota_hint} oninput={on_days} />
                    }
                </td>
            </tr>
        }
    };
    let staff = match &*volunteers {
        None => html! { <p class="muted">{g.loading}</p> },
        Some(list) if list.is_empty() && people.is_empty() => {
            html! { <p class="muted" id="prog-no-volunteers">{g.no_volunteers}</p> }
        }
        Some(list) => html! {
            <>
            <p class="muted" id="prog-staff-hours-note">{g.staff_hours_note}</p>
            <table class="table" id="prog-staff">
                <thead><tr><th></th><th>{g.col_staff}</th><th>{g.staff_kind}</th><th>{g.rota_days}</th></tr></thead>
                <tbody>
                { for list.iter().map(|v| row(Member::Volunteer(v.id), v.name.clone(), g.staff_volunteer)) }
                { for people.iter().map(|p| {
                    let kind = p.roles.first().map(|r| (t.work.role)(*r)).unwrap_or(g.staff_person);
                    row(Member::Person(p.id), p.name.clone(), kind)
                }) }
                </tbody>
            </table>
            </>
        },
    };
    let on_save = {
        let (draft, error, done) = (draft.clone(), error.clone(), p.on_done.clone());
        let (community, id) = (p.community, p.id);
        Callback::from(move |_: MouseEvent| {
            let (error, done) = (error.clone(), done.clone());
            let fields = draft.fields(community);
            wasm_bindgen_futures::spawn_local(async move {
                let r = match id {
                    Some(id) => ipc::call(&EditProgramme { id, fields }).await,
                    None => ipc::call(&AddProgramme { fields }).await,
                };
                match r {
                    Ok(p) => {
                        error.set(None);
                        done.emit(p.id);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let cancel = p.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="panel prog-form">
            <h2>{ if p.id.is_some() { g.edit_programme } else { g.new_programme } }</h2>
            <div class="form-row">
                {choice("prog-kind", g.col_kind, &d.kind, &kinds, set(|d, v| d.kind = v))}
                {input("prog-name", g.col_name, &d.name, "text", set(|d, v| d.name = v))}
                {input("prog-room", g.room, &d.room, "text", set(|d, v| d.room = v))}
            </div>
            <div class="form-row">
                <div class="field"><span class="label">{g.weekdays}</span><div class="chips" id="prog-days">{ for days }</div></div>
                {input("prog-opens", g.opens, &d.opens, "time", set(|d, v| d.opens = v))}
                {input("prog-closes", g.closes, &d.closes, "time", set(|d, v| d.closes = v))}
            </div>
            <div class="form-row">
                {input("prog-term-start", g.term_start, &d.term_start, "date", set(|d, v| d.term_start = v))}
                {input("prog-term-end", g.term_end, &d.term_end, "date", set(|d, v| d.term_end = v))}
                {input("prog-capacity", g.capacity, &d.capacity, "number", set(|d, v| d.capacity = v))}
                {input("prog-age-min", g.age_min, &d.age_min, "number", set(|d, v| d.age_min = v))}
                {input("prog-age-max", g.age_max, &d.age_max, "number", set(|d, v| d.age_max = v))}
            </div>
            <h3>{g.staff}</h3>
            {staff}
            <div class="form-row">
                {input("prog-note", g.note, &d.note, "text", set(|d, v| d.note = v))}
            </div>
            if let Some(e) = &*error { {error_line(e, "prog-form-error")} }
            <div class="form-actions">
                <button class="btn btn-primary" id="prog-save" onclick={on_save}>{g.save}</button>
                <button class="btn" id="prog-cancel" onclick={cancel}>{g.cancel}</button>
            </div>
        </div>
    }
}
