//! Registering a case (受理登记) with its parties and mediators and the next number of its year,
//! renumbering a case whose number another laptop gave too, and a case read whole with what its
//! facts say.

use linli_domain::mediation::{self as rules, PartySide, SoFar, StepKind};
use linli_domain::phone::Phone;
use linli_domain::{Gender, Id};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::{checked_mediators, coded, ids_of, ids_text, named, scope, settings_of};
use crate::volunteers::{check_community, text_field};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

/// A case's own row.
pub(super) struct CaseRow {
    pub id: Id,
    pub community: Id,
    pub place: Option<Id>,
    pub year: i64,
    pub number: i64,
    pub kind: rules::DisputeKind,
    pub source: rules::CaseSource,
    pub brief: String,
    pub registered_on: String,
    pub mediators: Vec<Id>,
}

pub(super) fn case_row(conn: &Connection, id: Id) -> Result<CaseRow> {
    conn.prepare_cached(
        "SELECT community_id, place_id, year, number, kind, source, brief, registered_on,
                mediators FROM mediation_cases WHERE id = ?1 AND deleted = 0",
    )?
    .query_row([id.to_string()], |r| {
        Ok(CaseRow {
            id,
            community: r.get("community_id")?,
            place: r.get("place_id")?,
            year: r.get("year")?,
            number: r.get("number")?,
            kind: rules::DisputeKind::read(&r.get::<_, String>("kind")?),
            source: rules::CaseSource::read(&r.get::<_, String>("source")?),
            brief: r.get("brief")?,
            registered_on: r.get("registered_on")?,
            mediators: ids_of(&r.get::<_, String>("mediators")?),
        })
    })
    .optional()?
    .ok_or(Error::NotFound {
        what: "调解案件",
        id: id.to_string(),
    })
}

/// Another case of the community was registered first under the same number.
pub(super) fn clashes(conn: &Connection, c: &CaseRow) -> Result<bool> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM mediation_cases WHERE community_id = ?1 AND year = ?2
             AND number = ?3 AND deleted = 0 AND id < ?4",
        )?
        .query_row(
            rusqlite::params![c.community.to_string(), c.year, c.number, c.id.to_string()],
            |r| r.get(0),
        )?;
    Ok(n > 0)
}

fn next_number(conn: &Connection, community: Id, year: i64) -> Result<i64> {
    let max: i64 = conn
        .prepare_cached(
            "SELECT coalesce(max(number), 0) FROM mediation_cases
             WHERE community_id = ?1 AND year = ?2 AND deleted = 0",
        )?
        .query_row(rusqlite::params![community.to_string(), year], |r| r.get(0))?;
    Ok(max + 1)
}

fn known<T: PartialEq + Copy>(v: T, unknown: T, field: &'static str) -> Result<T> {
    if v == unknown {
        return Err(coded(field, linli_domain::msg::UNKNOWN_CHOICE, vec![]));
    }
    Ok(v)
}

/// A party checked: a resident of the community, or an outsider with a name.
pub(super) fn checked_party(
    conn: &Connection,
    community: Id,
    p: &PartyFields,
) -> Result<PartyFields> {
    let side = known(p.side, PartySide::Unknown, "side")?;
    let unit = text_field("unit", "工作单位", &p.unit, 60, true)?;
    if let Some(r) = p.resident_id {
        let found: Option<(Option<Id>, String)> = conn
            .prepare_cached(
                "SELECT community_id, name FROM residents WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([r.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        return match found {
            Some((Some(c), _)) if c == community => Ok(PartyFields {
                side,
                resident_id: Some(r),
                unit,
                ..blank(side)
            }),
            Some((_, name)) => Err(coded(
                "resident_id",
                linli_domain::msg::MED_RESIDENT_NOT_HERE,
                linli_domain::args![name = name],
            )),
            None => Err(Error::NotFound {
                what: "居民",
                id: r.to_string(),
            }),
        };
    }
    if p.age.is_some_and(|a| !(0..=120).contains(&a)) {
        return Err(coded("age", linli_domain::msg::MED_PARTY_AGE, vec![]));
    }
    let phone = match p.phone.trim() {
        "" => String::new(),
        t => Phone::parse(t)?.into_string(),
    };
    Ok(PartyFields {
        side,
        resident_id: None,
        name: text_field("name", "当事人姓名", &p.name, 30, false)?,
        gender: p.gender,
        age: p.age,
        phone,
        address: text_field("address", "住址", &p.address, 100, true)?,
        unit,
    })
}

fn blank(side: PartySide) -> PartyFields {
    PartyFields {
        side,
        resident_id: None,
        name: String::new(),
        gender: None,
        age: None,
        phone: String::new(),
        address: String::new(),
        unit: String::new(),
    }
}

fn checked_parties(
    conn: &Connection,
    community: Id,
    ps: &[PartyFields],
) -> Result<Vec<PartyFields>> {
    if ps.len() > rules::MAX_PARTIES {
        return Err(coded(
            "parties",
            linli_domain::msg::MED_TOO_MANY_PARTIES,
            linli_domain::args![max = rules::MAX_PARTIES],
        ));
    }
    let out = ps
        .iter()
        .map(|p| checked_party(conn, community, p))
        .collect::<Result<Vec<_>>>()?;
    for side in PartySide::ALL {
        if !out.iter().any(|p| p.side == *side) {
            return Err(coded("parties", linli_domain::msg::MED_PARTY_SIDES, vec![]));
        }
    }
    for (i, p) in out.iter().enumerate() {
        let twice = out[..i]
            .iter()
            .any(|q| match (p.resident_id, q.resident_id) {
                (Some(a), Some(b)) => a == b,
                (None, None) => p.name == q.name && p.phone == q.phone,
                _ => false,
            });
        if twice {
            let name = party_view(conn, Id::new(), p.clone(), false, "")?
                .fields
                .name;
            return Err(coded(
                "parties",
                linli_domain::msg::MED_PARTY_TWICE,
                linli_domain::args![name = name],
            ));
        }
    }
    Ok(out)
}

fn write_party(w: &mut Writer<'_>, case: Id, community: Id, p: &PartyFields) -> Result<()> {
    let id = w.id();
    w.write(RowWrite {
        table: "mediation_parties",
        row_id: id,
        fields: vec![
            ("case_id", json!(case.to_string())),
            ("community_id", json!(community.to_string())),
            ("side", json!(p.side.code())),
            ("resident_id", json!(p.resident_id.map(|r| r.to_string()))),
            ("name", json!(p.name)),
            ("gender", json!(p.gender.map(Gender::code))),
            ("age", json!(p.age)),
            ("phone", json!(p.phone)),
            ("address", json!(p.address)),
            ("unit", json!(p.unit)),
            ("deleted", json!(0)),
        ],
        scope: scope(community),
    })?;
    Ok(())
}

/// A party as read: a resident's details from the register (age on today), or as registered;
/// every personal field empty when `withheld`.
pub(super) fn party_view(
    conn: &Connection,
    id: Id,
    mut f: PartyFields,
    withheld: bool,
    today: &str,
) -> Result<MediationParty> {
    if withheld {
        return Ok(MediationParty {
            id,
            fields: PartyFields {
                unit: String::new(),
                ..blank(f.side)
            },
            withheld,
        });
    }
    if let Some(r) = f.resident_id {
        let household: Option<Option<Id>> = conn
            .prepare_cached(
                "SELECT name, gender, birth_date, phone, household_id FROM residents WHERE id = ?1",
            )?
            .query_row([r.to_string()], |x| {
                f.name = x.get("name")?;
                f.gender =
                    Gender::from_code(&x.get::<_, Option<String>>("gender")?.unwrap_or_default());
                f.age = x
                    .get::<_, Option<String>>("birth_date")?
                    .and_then(|b| linli_domain::calendar::age_on(&b, today));
                f.phone = x.get::<_, Option<String>>("phone")?.unwrap_or_default();
                x.get("household_id")
            })
            .optional()?;
        if let Some(Some(h)) = household {
            f.address = crate::lending::household_head(conn, h)
                .map(|h| h.address)
                .unwrap_or_default();
        }
    }
    // phones travel masked, as the register's do
    if let Ok(p) = Phone::parse(&f.phone) {
        f.phone = p.mask();
    }
    Ok(MediationParty {
        id,
        fields: f,
        withheld,
    })
}

pub(super) fn parties_of(
    conn: &Connection,
    case: Id,
    withheld: bool,
    today: &str,
) -> Result<Vec<MediationParty>> {
    let mut st = conn.prepare_cached(
        "SELECT id, side, resident_id, name, gender, age, phone, address, unit
         FROM mediation_parties WHERE case_id = ?1 AND deleted = 0
         ORDER BY side = 'respondent', id",
    )?;
    let rows = st
        .query_map([case.to_string()], |r| {
            Ok((
                r.get::<_, Id>("id")?,
                PartyFields {
                    side: PartySide::read(&r.get::<_, String>("side")?),
                    resident_id: r.get("resident_id")?,
                    name: r.get("name")?,
                    gender: r
                        .get::<_, Option<String>>("gender")?
                        .as_deref()
                        .and_then(Gender::from_code),
                    age: r.get("age")?,
                    phone: r.get("phone")?,
                    address: r.get("address")?,
                    unit: r.get("unit")?,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, f)| party_view(conn, id, f, withheld, today))
        .collect()
}

/// What a case's facts say so far, with its events read.
pub(super) fn so_far(c: &CaseRow, events: &[MediationEvent]) -> SoFar {
    let mut s = SoFar {
        registered_on: c.registered_on.clone(),
        ..SoFar::default()
    };
    for e in events {
        match e.kind {
            StepKind::Notice => s.notice = true,
            StepKind::Session => s.sessions += 1,
            StepKind::Outcome if s.outcome.is_none() => {
                s.outcome = e.outcome.map(|o| (o, e.date.clone()));
            }
            StepKind::FollowUp => s.follow_ups += 1,
            StepKind::Close => s.closed = true,
            _ => {}
        }
    }
    s
}

/// A case read whole on `today`.
pub(super) fn case_view(
    conn: &Connection,
    id: Id,
    today: &str,
    withheld: bool,
) -> Result<MediationCase> {
    let c = case_row(conn, id)?;
    let settings = settings_of(conn, c.community)?;
    let events = super::steps::events_of(conn, id, withheld)?;
    let s = so_far(&c, &events);
    let extensions: Vec<i64> = events
        .iter()
        .filter(|e| e.kind == StepKind::Extension)
        .filter_map(|e| e.days)
        .collect();
    let term_end = rules::term_end(&c.registered_on, &extensions);
    let term = s
        .outcome
        .is_none()
        .then(|| rules::term_on(&term_end, today));
    let mediators = match events
        .iter()
        .rev()
        .find(|e| e.kind == StepKind::MediatorChange)
    {
        Some(e) => e.mediators.clone(),
        None => named(conn, &c.mediators)?,
    };
    let place = match c.place {
        Some(p) => conn
            .prepare_cached("SELECT name FROM places WHERE id = ?1")?
            .query_row([p.to_string()], |r| r.get(0))
            .optional()?
            .unwrap_or_default(),
        None => String::new(),
    };
    let outcome = s.outcome.clone();
    Ok(MediationCase {
        id,
        community_id: c.community,
        place_id: c.place,
        place,
        number_text: rules::case_number(c.year, &settings.prefix, c.number),
        year: c.year,
        number: c.number,
        clash: clashes(conn, &c)?,
        committee: settings.committee,
        kind: c.kind,
        source: c.source,
        brief: if withheld {
            String::new()
        } else {
            c.brief.clone()
        },
        registered_on: c.registered_on.clone(),
        mediators,
        parties: parties_of(conn, id, withheld, today)?,
        state: s.state(),
        term_end,
        days_left: term.map(|t| t.days_left),
        escalation: term.and_then(|t| t.escalation),
        outcome: outcome.as_ref().map(|(o, _)| *o),
        outcome_on: outcome.as_ref().map(|(_, d)| d.clone()),
        confirm_by: outcome
            .as_ref()
            .filter(|(o, _)| *o == rules::Outcome::Written)
            .map(|(_, d)| rules::confirm_deadline(d)),
        events,
        withheld,
    })
}

impl Store {
    /// 受理登记: the case, its parties and the next number of its year in its community.
    pub fn register_mediation_case(
        &mut self,
        req: &RegisterMediationCase,
    ) -> Result<MediationCase> {
        let community = req.community_id;
        check_community(&self.conn, community)?;
        if let Some(p) = req.place_id {
            let place = self.place(p)?;
            if self.community_of(&place)? != Some(community) {
                return Err(coded(
                    "place_id",
                    linli_domain::msg::MED_PLACE_NOT_HERE,
                    vec![],
                ));
            }
        }
        let kind = known(req.kind, rules::DisputeKind::Unknown, "kind")?;
        let source = known(req.source, rules::CaseSource::Unknown, "source")?;
        let brief = text_field("brief", "纠纷简要情况", &req.brief, 2000, false)?;
        let today = self.now().today();
        let registered_on =
            crate::field::day_or_today(&self.now(), "registered_on", &req.registered_on)?;
        if registered_on > today {
            return Err(coded(
                "registered_on",
                linli_domain::msg::MED_IN_FUTURE,
                linli_domain::args![date = registered_on],
            ));
        }
        let mediators = checked_mediators(&self.conn, community, &req.mediators)?;
        let parties = checked_parties(&self.conn, community, &req.parties)?;
        let year = rules::year_of(&registered_on);
        let mut w = self.begin()?;
        let number = next_number(w.tx(), community, year)?;
        let id = w.id();
        w.write(RowWrite {
            table: "mediation_cases",
            row_id: id,
            fields: vec![
                ("community_id", json!(community.to_string())),
                ("place_id", json!(req.place_id.map(|p| p.to_string()))),
                ("year", json!(year)),
                ("number", json!(number)),
                ("kind", json!(kind.code())),
                ("source", json!(source.code())),
                ("brief", json!(brief)),
                ("registered_on", json!(registered_on)),
                ("mediators", json!(ids_text(&mediators))),
                ("deleted", json!(0)),
            ],
            scope: scope(community),
        })?;
        for p in &parties {
            write_party(&mut w, id, community, p)?;
        }
        w.commit()?;
        let withheld = self.mediation_withheld()?;
        case_view(&self.conn, id, &today, withheld)
    }

    pub fn mediation_case(&mut self, req: &GetMediationCase) -> Result<MediationCase> {
        let today = crate::field::day_or_today(&self.now(), "today", &req.today)?;
        let withheld = self.mediation_withheld()?;
        case_view(&self.conn, req.id, &today, withheld)
    }

    /// Gives a case whose number an earlier case of its community also holds the next free one.
    pub fn renumber_mediation_case(
        &mut self,
        req: &RenumberMediationCase,
    ) -> Result<MediationCase> {
        let c = case_row(&self.conn, req.id)?;
        if !clashes(&self.conn, &c)? {
            let prefix = settings_of(&self.conn, c.community)?.prefix;
            return Err(Error::conflict(
                linli_domain::msg::MED_NOT_CLASHING,
                linli_domain::args![number = rules::case_number(c.year, &prefix, c.number)],
            ));
        }
        let mut w = self.begin()?;
        let number = next_number(w.tx(), c.community, c.year)?;
        w.write(RowWrite {
            table: "mediation_cases",
            row_id: c.id,
            fields: vec![("number", json!(number))],
            scope: scope(c.community),
        })?;
        w.commit()?;
        let today = self.now().today();
        let withheld = self.mediation_withheld()?;
        case_view(&self.conn, req.id, &today, withheld)
    }
}
