//! The roster and the waiting list: a child of the register enrolled with their guardians (on
//! the waiting list when the programme is full), a child leaving, and the first waiting
//! promoted, in order, when a place frees.

use linli_domain::programmes::{self as rules, EnrolState, WaitKey};
use linli_domain::{Gender, Id, Phone, ResidentId};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::{coded, programme, programme_row};
use crate::volunteers::{community_scope, opt_date, text_field};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

/// An enrolment's own row.
pub(super) struct EnrolRow {
    pub id: Id,
    pub programme: Id,
    pub community: Option<Id>,
    pub resident: Option<Id>,
    pub guardians: Vec<Guardian>,
    pub state: EnrolState,
    pub since: String,
    pub queued_at: String,
    pub left_on: String,
    pub note: String,
}

const SELECT: &str = "SELECT id, programme_id, community_id, resident_id, guardians, state,
        since, queued_at, left_on, note FROM programme_enrolments";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EnrolRow> {
    Ok(EnrolRow {
        id: r.get("id")?,
        programme: r.get("programme_id")?,
        community: r.get("community_id")?,
        resident: r.get("resident_id")?,
        guardians: serde_json::from_str(&r.get::<_, String>("guardians")?).unwrap_or_default(),
        state: EnrolState::read(&r.get::<_, String>("state")?),
        since: r.get("since")?,
        queued_at: r.get("queued_at")?,
        left_on: r.get("left_on")?,
        note: r.get("note")?,
    })
}

pub(super) fn enrol_row(conn: &Connection, id: Id) -> Result<EnrolRow> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1 AND deleted = 0"))?
        .query_row([id.to_string()], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "托管报名",
            id: id.to_string(),
        })
}

/// Every enrolment of a programme; the waiting ones first come, first served.
pub(super) fn enrolments_of(conn: &Connection, programme: Id) -> Result<Vec<EnrolRow>> {
    let mut rows: Vec<EnrolRow> = conn
        .prepare_cached(&format!("{SELECT} WHERE programme_id = ?1 AND deleted = 0"))?
        .query_map([programme.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.sort_by(|a, b| {
        WaitKey {
            since: a.queued_at.clone(),
            id: a.id.to_string(),
        }
        .cmp(&WaitKey {
            since: b.queued_at.clone(),
            id: b.id.to_string(),
        })
    });
    Ok(rows)
}

/// Promotes the first waiting, in order, into the places `capacity` leaves free.
pub(super) fn promote(w: &mut Writer<'_>, programme: Id, capacity: i64, today: &str) -> Result<()> {
    let rows = enrolments_of(w.tx(), programme)?;
    let enrolled = rows
        .iter()
        .filter(|r| r.state == EnrolState::Enrolled)
        .count();
    let waiting: Vec<&EnrolRow> = rows
        .iter()
        .filter(|r| r.state == EnrolState::Waiting)
        .collect();
    let n = rules::promotions(enrolled, capacity, waiting.len());
    for r in waiting.into_iter().take(n) {
        w.write(RowWrite {
            table: "programme_enrolments",
            row_id: r.id,
            fields: vec![
                ("state", json!(EnrolState::Enrolled.code())),
                ("since", json!(today)),
            ],
            scope: scope_of(r.community),
        })?;
    }
    Ok(())
}

fn scope_of(community: Option<Id>) -> crate::write::Scope {
    match community {
        Some(c) => community_scope(c),
        None => crate::write::Scope::default(),
    }
}

/// A resident's name, gender, birth date (from the ID number when none is written), household
/// and community.
pub(super) struct Child {
    pub name: String,
    pub gender: Option<Gender>,
    pub birth: Option<String>,
    pub household: Option<Id>,
    pub community: Option<Id>,
    pub phone: String,
}

pub(super) fn child(conn: &Connection, id: Id) -> Result<Option<Child>> {
    Ok(conn
        .prepare_cached(
            "SELECT name, gender, birth_date, id_number, household_id, community_id, phone
             FROM residents WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            let id_number: Option<String> = r.get("id_number")?;
            let birth: Option<String> = r.get::<_, Option<String>>("birth_date")?.or_else(|| {
                id_number
                    .as_deref()
                    .and_then(|n| ResidentId::parse(n).ok())
                    .map(|n| {
                        let (y, m, d) = n.birth_date();
                        format!("{y:04}-{m:02}-{d:02}")
                    })
            });
            Ok(Child {
                name: r.get("name")?,
                gender: Gender::from_code(
                    &r.get::<_, Option<String>>("gender")?.unwrap_or_default(),
                ),
                birth,
                household: r.get("household_id")?,
                community: r.get("community_id")?,
                phone: r.get::<_, Option<String>>("phone")?.unwrap_or_default(),
            })
        })
        .optional()?)
}

fn masked(phone: &str) -> String {
    if phone.is_empty() {
        String::new()
    } else {
        crate::register::households::mask_phone(phone)
    }
}

/// An enrolment as read back; `withheld` empties every personal field.
pub(super) fn enrolment(
    conn: &Connection,
    r: &EnrolRow,
    position: Option<u32>,
    today: &str,
    withheld: bool,
) -> Result<Enrolment> {
    let days: u32 = conn
        .prepare_cached(
            "SELECT count(*) FROM programme_attendance WHERE enrolment_id = ?1 AND act = 'in'",
        )?
        .query_row([r.id.to_string()], |x| x.get(0))?;
    let mut e = Enrolment {
        id: r.id,
        programme_id: r.programme,
        resident_id: None,
        name: String::new(),
        gender: None,
        age: None,
        address: String::new(),
        guardians: Vec::new(),
        state: r.state,
        since: r.since.clone(),
        position,
        left_on: r.left_on.clone(),
        note: String::new(),
        days,
        withheld: withheld || r.resident.is_none(),
    };
    if e.withheld {
        return Ok(e);
    }
    if let Some(id) = r.resident {
        if let Some(c) = child(conn, id)? {
            e.name = c.name;
            e.gender = c.gender;
            e.age = c
                .birth
                .and_then(|b| linli_domain::calendar::age_on(&b, today));
            if let Some(h) = c.household {
                e.address = crate::lending::household_head(conn, h)
                    .map(|h| h.address)
                    .unwrap_or_default();
            }
        }
    }
    e.resident_id = r.resident;
    e.note = r.note.clone();
    // phones travel masked, as the register's do
    e.guardians = r
        .guardians
        .iter()
        .map(|g| Guardian {
            phone: masked(&g.phone),
            ..g.clone()
        })
        .collect();
    Ok(e)
}

/// The guardians checked: one to four, each a resident (name and phone from the register when
/// left empty) or a named person, each with a phone.
fn checked_guardians(conn: &Connection, gs: &[Guardian]) -> Result<Vec<Guardian>> {
    if gs.is_empty() {
        return Err(coded(
            "guardians",
            linli_domain::msg::PROG_NO_GUARDIAN,
            vec![],
        ));
    }
    if gs.len() > rules::MAX_GUARDIANS {
        return Err(coded(
            "guardians",
            linli_domain::msg::PROG_TOO_MANY_GUARDIANS,
            linli_domain::args![max = rules::MAX_GUARDIANS],
        ));
    }
    let mut out = Vec::new();
    for g in gs {
        let mut g = g.clone();
        if let Some(r) = g.resident_id {
            let c = child(conn, r)?.ok_or(Error::NotFound {
                what: "居民",
                id: r.to_string(),
            })?;
            if g.name.trim().is_empty() {
                g.name = c.name;
            }
            if g.phone.trim().is_empty() {
                g.phone = c.phone;
            }
        }
        let name = text_field("guardians", "监护人姓名", &g.name, 30, false)?;
        let relation = text_field("guardians", "与孩子关系", &g.relation, 10, true)?;
        let phone = match g.phone.trim() {
            "" => {
                return Err(coded(
                    "guardians",
                    linli_domain::msg::PROG_GUARDIAN_PHONE,
                    linli_domain::args![name = name],
                ))
            }
            t => Phone::parse(t)?.into_string(),
        };
        out.push(Guardian {
            resident_id: g.resident_id,
            name,
            relation,
            phone,
        });
    }
    Ok(out)
}

impl Store {
    pub fn enrol_child(&mut self, req: &EnrolChild) -> Result<Enrolment> {
        let p = programme_row(&self.conn, req.programme_id)?;
        let today = self.now().today();
        let day = opt_date("date", req.date.as_deref())?.unwrap_or_else(|| today.clone());
        if !p.term_end.is_empty() && day > p.term_end {
            return Err(coded(
                "date",
                linli_domain::msg::PROG_TERM_OVER,
                linli_domain::args![end = p.term_end],
            ));
        }
        let c = child(&self.conn, req.resident_id)?.ok_or(Error::NotFound {
            what: "居民",
            id: req.resident_id.to_string(),
        })?;
        if c.community != Some(p.community_id) {
            return Err(coded(
                "resident_id",
                linli_domain::msg::PROG_NOT_RESIDENT_HERE,
                linli_domain::args![name = c.name],
            ));
        }
        rules::check_child_age(&c.name, c.birth.as_deref(), &day, p.age_min, p.age_max)?;
        let rows = enrolments_of(&self.conn, req.programme_id)?;
        if rows
            .iter()
            .any(|r| r.resident == Some(req.resident_id) && r.state != EnrolState::Left)
        {
            return Err(Error::conflict(
                linli_domain::msg::PROG_ALREADY_ENROLLED,
                linli_domain::args![name = c.name],
            ));
        }
        let guardians = checked_guardians(&self.conn, &req.guardians)?;
        let note = text_field("note", "备注", &req.note, 200, true)?;
        let enrolled = rows
            .iter()
            .filter(|r| r.state == EnrolState::Enrolled)
            .count();
        let state = rules::admit(enrolled, p.capacity);
        let mut w = self.begin()?;
        let id = w.id();
        let stamp = w.now().stamp();
        w.write(RowWrite {
            table: "programme_enrolments",
            row_id: id,
            fields: vec![
                ("programme_id", json!(req.programme_id.to_string())),
                ("community_id", json!(p.community_id.to_string())),
                ("resident_id", json!(req.resident_id.to_string())),
                (
                    "guardians",
                    json!(serde_json::to_string(&guardians).unwrap_or_else(|_| "[]".into())),
                ),
                ("state", json!(state.code())),
                ("since", json!(day)),
                ("queued_at", json!(stamp)),
                ("left_on", json!("")),
                ("note", json!(note)),
                ("deleted", json!(0)),
            ],
            scope: community_scope(p.community_id),
        })?;
        w.commit()?;
        let withheld = self.children_withheld(&p)?;
        let r = enrol_row(&self.conn, id)?;
        let position = (state == EnrolState::Waiting).then(|| {
            rows.iter()
                .filter(|r| r.state == EnrolState::Waiting)
                .count() as u32
                + 1
        });
        enrolment(&self.conn, &r, position, &today, withheld)
    }

    pub fn withdraw_child(&mut self, req: &WithdrawChild) -> Result<ProgrammeDetail> {
        let r = enrol_row(&self.conn, req.enrolment_id)?;
        let p = programme_row(&self.conn, r.programme)?;
        let day = opt_date("date", req.date.as_deref())?.unwrap_or_else(|| self.now().today());
        if r.state == EnrolState::Left {
            let name = match r.resident {
                Some(id) => child(&self.conn, id)?.map(|c| c.name).unwrap_or_default(),
                None => String::new(),
            };
            return Err(Error::conflict(
                linli_domain::msg::PROG_ENROLMENT_LEFT,
                linli_domain::args![name = name],
            ));
        }
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "programme_enrolments",
            row_id: r.id,
            fields: vec![
                ("state", json!(EnrolState::Left.code())),
                ("left_on", json!(day)),
            ],
            scope: scope_of(r.community),
        })?;
        promote(&mut w, r.programme, p.capacity, &day)?;
        w.commit()?;
        self.programme(&GetProgramme { id: r.programme })
    }

    pub fn programme(&mut self, req: &GetProgramme) -> Result<ProgrammeDetail> {
        let p = programme(&self.conn, req.id)?;
        let withheld = self.children_withheld(&p.fields)?;
        let today = self.now().today();
        let (mut roster, mut waiting, mut left) = (Vec::new(), Vec::new(), Vec::new());
        for r in enrolments_of(&self.conn, req.id)? {
            match r.state {
                EnrolState::Waiting => {
                    let pos = waiting.len() as u32 + 1;
                    waiting.push(enrolment(&self.conn, &r, Some(pos), &today, withheld)?)
                }
                EnrolState::Left => left.push(enrolment(&self.conn, &r, None, &today, withheld)?),
                _ => roster.push(enrolment(&self.conn, &r, None, &today, withheld)?),
            }
        }
        roster.sort_by(|a: &Enrolment, b| a.name.cmp(&b.name));
        Ok(ProgrammeDetail {
            programme: p,
            roster,
            waiting,
            left,
            withheld,
        })
    }
}
