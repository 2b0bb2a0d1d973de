//! Programmes for residents' children (托管, issue 25 item 1; docs/programmes.md).
//!
//! A programme and a child's enrolment are entities; each sign-in and sign-out, and each shift
//! credited to the time bank, is a fact with a stable id, so it is written once however many
//! laptops record it. The rules (schedule, age range, capacity, waiting order, the desk's states)
//! are `linli_domain::programmes`'.
//!
//! Split along the work: this file (a programme, its staff, the list), `enrol` (the roster and
//! the waiting list), `desk` (the day's sheet, signing in and out, attendance), `shifts` (hours
//! through the time bank), `figures` (a month's figures).

mod desk;
mod enrol;
mod export;
mod figures;
mod monthly;
mod shifts;

pub(crate) use monthly::{headers_of as programme_headers, programme_figures, programme_records};

use linli_domain::programmes::{self as rules, ProgrammeKind};
use linli_domain::{DomainError, Id};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::volunteers::{check_community, community_scope, text_field};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

fn coded(
    field: &'static str,
    m: linli_domain::msg::Msg,
    args: linli_domain::msg::Args,
) -> crate::Error {
    DomainError::coded(field, m, args).into()
}

/// A programme's own row.
pub(crate) fn programme_row(conn: &Connection, id: Id) -> Result<ProgrammeFields> {
    conn.prepare_cached(
        "SELECT community_id, place_id, room, kind, name, weekdays, opens, closes, term_start,
                term_end, capacity, age_min, age_max, staff, note
         FROM programmes WHERE id = ?1 AND deleted = 0",
    )?
    .query_row([id.to_string()], |r| {
        Ok(ProgrammeFields {
            community_id: r.get("community_id")?,
            kind: ProgrammeKind::read(&r.get::<_, String>("kind")?),
            name: r.get("name")?,
            place_id: r.get("place_id")?,
            room: r.get("room")?,
            weekdays: r.get("weekdays")?,
            opens: r.get("opens")?,
            closes: r.get("closes")?,
            term_start: r.get("term_start")?,
            term_end: r.get("term_end")?,
            capacity: r.get("capacity")?,
            age_min: r.get("age_min")?,
            age_max: r.get("age_max")?,
            staff: serde_json::from_str(&r.get::<_, String>("staff")?).unwrap_or_default(),
            note: r.get("note")?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound {
        what: "托管项目",
        id: id.to_string(),
    })
}

fn place_name(conn: &Connection, f: &ProgrammeFields) -> Result<String> {
    let id = f.place_id.unwrap_or(f.community_id);
    Ok(conn
        .prepare_cached("SELECT name FROM places WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

fn staff_name(conn: &Connection, s: &StaffFields) -> Result<Option<(Id, String)>> {
    let (table, id) = match (s.volunteer_id, s.person_id) {
        (Some(v), _) => ("volunteers", v),
        (None, Some(p)) => ("people", p),
        (None, None) => return Ok(None),
    };
    Ok(conn
        .prepare_cached(&format!(
            "SELECT community_id, name FROM {table} WHERE id = ?1 AND deleted = 0"
        ))?
        .query_row([id.to_string()], |r| {
            Ok((r.get::<_, Option<Id>>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?
        .map(|(c, n)| (c.unwrap_or(id), n)))
}

/// How many children are enrolled and waiting.
pub(crate) fn counts_of(conn: &Connection, programme: Id) -> Result<(u32, u32)> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(state = 'enrolled'), 0), coalesce(sum(state = 'waiting'), 0)
             FROM programme_enrolments WHERE programme_id = ?1 AND deleted = 0",
        )?
        .query_row([programme.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

pub(crate) fn programme(conn: &Connection, id: Id) -> Result<Programme> {
    let fields = programme_row(conn, id)?;
    let staff_named = fields
        .staff
        .iter()
        .map(|s| {
            Ok(ProgrammeStaff {
                fields: s.clone(),
                name: staff_name(conn, s)?.map(|(_, n)| n).unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let (enrolled, waiting) = counts_of(conn, id)?;
    Ok(Programme {
        id,
        place_name: place_name(conn, &fields)?,
        fields,
        staff_named,
        enrolled,
        waiting,
    })
}

/// A programme's fields checked and tidied.
fn checked(conn: &Connection, f: &ProgrammeFields) -> Result<ProgrammeFields> {
    check_community(conn, f.community_id)?;
    if f.kind == ProgrammeKind::Unknown {
        return Err(coded("kind", linli_domain::msg::UNKNOWN_CHOICE, vec![]));
    }
    let name = text_field("name", "项目名称", &f.name, 40, false)?;
    let room = text_field("room", "活动室", &f.room, 40, true)?;
    let note = text_field("note", "备注", &f.note, 200, true)?;
    if let Some(p) = f.place_id {
        if crate::register::community_of(conn, p)? != Some(f.community_id) {
            return Err(coded(
                "place_id",
                linli_domain::msg::PROG_PLACE_NOT_HERE,
                vec![],
            ));
        }
    }
    let weekdays = rules::check_weekdays(&f.weekdays)?;
    let (opens, closes) = rules::check_hours(&f.opens, &f.closes)?;
    let (term_start, term_end) = rules::check_term(&f.term_start, &f.term_end)?;
    let capacity = rules::check_capacity(f.capacity)?;
    let (age_min, age_max) = rules::check_age_range(f.age_min, f.age_max)?;
    if f.staff.len() > rules::MAX_STAFF {
        return Err(coded(
            "staff",
            linli_domain::msg::PROG_TOO_MANY_STAFF,
            linli_domain::args![max = rules::MAX_STAFF],
        ));
    }
    let mut staff: Vec<StaffFields> = Vec::new();
    for s in &f.staff {
        let member = StaffFields {
            volunteer_id: s.volunteer_id,
            person_id: if s.volunteer_id.is_some() {
                None
            } else {
                s.person_id
            },
            weekdays: if s.weekdays.trim().is_empty() {
                String::new()
            } else {
                rules::check_weekdays(&s.weekdays)?
            },
        };
        match staff_name(conn, &member)? {
            Some((c, _)) if c == f.community_id => {}
            Some((_, name)) => {
                return Err(coded(
                    "staff",
                    linli_domain::msg::PROG_STAFF_NOT_HERE,
                    linli_domain::args![name = name],
                ))
            }
            None => continue,
        }
        if !staff
            .iter()
            .any(|x| x.volunteer_id == member.volunteer_id && x.person_id == member.person_id)
        {
            staff.push(member);
        }
    }
    Ok(ProgrammeFields {
        community_id: f.community_id,
        kind: f.kind,
        name,
        place_id: f.place_id,
        room,
        weekdays,
        opens,
        closes,
        term_start,
        term_end,
        capacity,
        age_min,
        age_max,
        staff,
        note,
    })
}

fn write_programme(w: &mut Writer<'_>, id: Id, f: &ProgrammeFields) -> Result<()> {
    w.write(RowWrite {
        table: "programmes",
        row_id: id,
        fields: vec![
            ("community_id", json!(f.community_id.to_string())),
            ("place_id", json!(f.place_id.map(|p| p.to_string()))),
            ("room", json!(f.room)),
            ("kind", json!(f.kind.code())),
            ("name", json!(f.name)),
            ("weekdays", json!(f.weekdays)),
            ("opens", json!(f.opens)),
            ("closes", json!(f.closes)),
            ("term_start", json!(f.term_start)),
            ("term_end", json!(f.term_end)),
            ("capacity", json!(f.capacity)),
            ("age_min", json!(f.age_min)),
            ("age_max", json!(f.age_max)),
            (
                "staff",
                json!(serde_json::to_string(&f.staff).unwrap_or_else(|_| "[]".into())),
            ),
            ("note", json!(f.note)),
            ("deleted", json!(0)),
        ],
        scope: community_scope(f.community_id),
    })?;
    Ok(())
}

impl Store {
    /// Children's details are withheld on this laptop: its role lacks the programme grant, or
    /// its worker ("me") is neither an administrator nor on the programme's staff.
    pub(crate) fn children_withheld(&self, f: &ProgrammeFields) -> Result<bool> {
        if self
            .sync_role()?
            .is_some_and(|r| !linli_protocol::privacy::has_programme_grant(r))
        {
            return Ok(true);
        }
        let me = self.get_me(&GetMe {})?;
        Ok(match me.person {
            Some(p) => {
                !p.roles.contains(&linli_domain::register::Role::Admin)
                    && !f.staff.iter().any(|s| s.person_id == Some(p.id))
            }
            None => false,
        })
    }

    pub fn add_programme(&mut self, req: &AddProgramme) -> Result<Programme> {
        let f = checked(&self.conn, &req.fields)?;
        let mut w = self.begin()?;
        let id = w.id();
        write_programme(&mut w, id, &f)?;
        w.commit()?;
        programme(&self.conn, id)
    }

    pub fn edit_programme(&mut self, req: &EditProgramme) -> Result<Programme> {
        let old = programme_row(&self.conn, req.id)?;
        let mut f = checked(&self.conn, &req.fields)?;
        // a programme stays in its community
        f.community_id = old.community_id;
        let mut w = self.begin()?;
        write_programme(&mut w, req.id, &f)?;
        let today = w.now().today();
        enrol::promote(&mut w, req.id, f.capacity, &today)?;
        w.commit()?;
        programme(&self.conn, req.id)
    }

    pub fn list_programmes(&mut self, req: &ListProgrammes) -> Result<Vec<ProgrammeLine>> {
        let day = match req.date.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(d) => linli_domain::date::validate("date", d)?,
            None => self.now().today(),
        };
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "SELECT id FROM programmes WHERE deleted = 0
                 AND (?1 IS NULL OR community_id = ?1)",
            )?
            .query_map([req.community_id.map(|c| c.to_string())], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let text = req.text.trim().to_lowercase();
        let mut out = Vec::new();
        for id in ids {
            let p = programme(&self.conn, id)?;
            let f = &p.fields;
            if req.kind.is_some_and(|k| k != f.kind) {
                continue;
            }
            if !text.is_empty()
                && ![&f.name, &p.place_name, &f.room]
                    .iter()
                    .any(|s| s.to_lowercase().contains(&text))
            {
                continue;
            }
            let present: u32 = self
                .conn
                .prepare_cached(
                    "SELECT count(*) FROM programme_attendance
                     WHERE programme_id = ?1 AND date = ?2 AND act = 'in'",
                )?
                .query_row(rusqlite::params![id.to_string(), day], |r| r.get(0))?;
            out.push(ProgrammeLine {
                id,
                community_id: f.community_id,
                kind: f.kind,
                name: f.name.clone(),
                place_name: p.place_name.clone(),
                room: f.room.clone(),
                weekdays: f.weekdays.clone(),
                opens: f.opens.clone(),
                closes: f.closes.clone(),
                term_start: f.term_start.clone(),
                term_end: f.term_end.clone(),
                capacity: f.capacity,
                age_min: f.age_min,
                age_max: f.age_max,
                enrolled: p.enrolled,
                waiting: p.waiting,
                present,
                meets: rules::meets_on(&f.weekdays, &f.term_start, &f.term_end, &day),
                staff: p
                    .staff_named
                    .iter()
                    .map(|s| s.name.as_str())
                    .filter(|n| !n.is_empty())
                    .collect::<Vec<_>>()
                    .join("、"),
            });
        }
        match req.sort {
            ProgrammeSort::Name => out.sort_by(|a, b| a.name.cmp(&b.name)),
            ProgrammeSort::Kind => {
                out.sort_by(|a, b| (a.kind.code(), &a.name).cmp(&(b.kind.code(), &b.name)))
            }
            ProgrammeSort::Fill => out.sort_by(|a, b| {
                (i64::from(b.enrolled) * a.capacity)
                    .cmp(&(i64::from(a.enrolled) * b.capacity))
                    .then(a.name.cmp(&b.name))
            }),
            ProgrammeSort::Waiting => {
                out.sort_by(|a, b| b.waiting.cmp(&a.waiting).then(a.name.cmp(&b.name)))
            }
        }
        Ok(out)
    }
}
