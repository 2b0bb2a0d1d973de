//! Service hours: crediting one or many volunteers, verification (which earns points by the
//! rules) and reversing entries. An entry counts when the entry it stands for — itself, or the
//! one it reverses — has been verified.

use linli_domain::volunteers::{hours_to_minutes, minutes_to_hours, validate_category};
use linli_domain::{DomainError, Id};
use linli_protocol::{
    CreditHours, EntryStatus, HourEntry, ListHours, RejectHours, ReverseHours, VerifyHours,
};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;

use super::{community_scope, ledger, opt_date, text_field, volunteer_head};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

const SELECT: &str = "SELECT e.id, e.volunteer_id, v.name AS volunteer_name, e.activity_id,
        e.minutes, e.category, e.date, e.note, e.reverses,
        EXISTS (SELECT 1 FROM hour_verifications hv WHERE hv.entry_id = e.id) AS verified,
        EXISTS (SELECT 1 FROM service_hours r WHERE r.reverses = e.id) AS reversed,
        (SELECT sum(l.points) FROM ledger l WHERE l.entry_id = e.id AND l.kind = 'earn') AS points,
        e.credited_by,
        (SELECT p.name FROM people p WHERE p.id = e.credited_by) AS credited_by_name,
        (SELECT hr.reason FROM hour_rejections hr WHERE hr.entry_id = e.id ORDER BY hr.at, hr.id LIMIT 1)
            AS rejected_reason
     FROM service_hours e LEFT JOIN volunteers v ON v.id = e.volunteer_id";

/// An entry row by its named columns.
fn from_row(r: &Row<'_>) -> rusqlite::Result<HourEntry> {
    let name: Option<String> = r.get("volunteer_name")?;
    let minutes: i64 = r.get("minutes")?;
    let reverses: Option<Id> = r.get("reverses")?;
    let reversed: bool = r.get("reversed")?;
    let verified: bool = r.get("verified")?;
    let rejected_reason: Option<String> = r.get("rejected_reason")?;
    let status = if reverses.is_some() {
        EntryStatus::Reversal
    } else if reversed {
        EntryStatus::Reversed
    } else if rejected_reason.is_some() {
        EntryStatus::Rejected
    } else if verified {
        EntryStatus::Verified
    } else {
        EntryStatus::Pending
    };
    Ok(HourEntry {
        id: r.get("id")?,
        volunteer_id: r.get("volunteer_id")?,
        volunteer_name: name.unwrap_or_default(),
        activity_id: r.get("activity_id")?,
        hours: minutes_to_hours(minutes),
        category: r.get("category")?,
        date: r.get("date")?,
        note: r.get("note")?,
        reverses,
        status,
        points: r.get("points")?,
        credited_by: r.get("credited_by")?,
        credited_by_name: r.get("credited_by_name")?,
        rejected_reason,
    })
}

pub(crate) fn entry(conn: &Connection, id: Id) -> Result<HourEntry> {
    conn.prepare_cached(&format!("{SELECT} WHERE e.id = ?1"))?
        .query_row([id.to_string()], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "服务时长记录",
            id: id.to_string(),
        })
}

/// A service-hour entry as written.
pub(crate) struct NewEntry<'a> {
    pub volunteer: Id,
    pub community: Id,
    pub activity: Option<Id>,
    pub minutes: i64,
    pub category: &'a str,
    pub date: &'a str,
    pub reverses: Option<Id>,
    pub note: &'a str,
    /// Who credited it (this laptop's "me"), when known.
    pub credited_by: Option<Id>,
}

pub(crate) fn insert_entry(w: &mut Writer<'_>, e: &NewEntry<'_>) -> Result<Id> {
    let id = w.id();
    // who credited it is written when known, so an entry without is the same change as before
    let mut fields = vec![
        ("volunteer_id", json!(e.volunteer.to_string())),
        ("community_id", json!(e.community.to_string())),
        ("activity_id", json!(e.activity.map(|a| a.to_string()))),
        ("minutes", json!(e.minutes)),
        ("category", json!(e.category)),
        ("date", json!(e.date)),
        ("reverses", json!(e.reverses.map(|a| a.to_string()))),
        ("note", json!(e.note)),
        ("at", json!(w.now().stamp())),
    ];
    if let Some(p) = e.credited_by {
        fields.push(("credited_by", json!(p.to_string())));
    }
    w.insert_fact(RowWrite {
        table: "service_hours",
        row_id: id,
        fields,
        scope: community_scope(e.community),
    })?;
    Ok(id)
}

/// Refuses a coordinator deciding on an entry they credited themselves.
fn not_own(e: &HourEntry, by: Option<Id>) -> Result<()> {
    if by.is_some() && e.credited_by == by {
        return Err(Error::conflict(
            linli_domain::msg::HOURS_OWN_ENTRY,
            linli_domain::args![name = e.volunteer_name, date = e.date],
        ));
    }
    Ok(())
}

/// Verifies an entry and writes the points it earns. An entry already verified is left as is;
/// a reversal, a reversed or a rejected entry cannot be verified, nor one `verified_by` credited.
pub(crate) fn verify_entry(
    w: &mut Writer<'_>,
    entry_id: Id,
    verified_by: Option<Id>,
) -> Result<()> {
    let e = entry(w.tx(), entry_id)?;
    match e.status {
        EntryStatus::Verified => return Ok(()),
        EntryStatus::Reversal | EntryStatus::Reversed => {
            return Err(DomainError::coded(
                "entry_ids",
                linli_domain::msg::HOURS_REVERSED_NO_VERIFY,
                linli_domain::args![name = e.volunteer_name, date = e.date],
            )
            .into())
        }
        EntryStatus::Rejected => {
            return Err(Error::conflict(
                linli_domain::msg::HOURS_REJECTED_NO_VERIFY,
                linli_domain::args![name = e.volunteer_name, date = e.date],
            ))
        }
        EntryStatus::Pending => {}
    }
    not_own(&e, verified_by)?;
    let (community, _) = volunteer_head(w.tx(), e.volunteer_id)?;
    let vid = w.id();
    w.insert_fact(RowWrite {
        table: "hour_verifications",
        row_id: vid,
        fields: vec![
            ("entry_id", json!(entry_id.to_string())),
            ("verified_by", json!(verified_by.map(|v| v.to_string()))),
            ("at", json!(w.now().stamp())),
        ],
        scope: community_scope(community),
    })?;
    let minutes = (e.hours * 60.0).round() as i64;
    let points = ledger::points_earned(
        w.tx(),
        community,
        e.volunteer_id,
        &e.category,
        &e.date,
        minutes,
    )?;
    if points > 0 {
        ledger::insert_ledger(
            w,
            &ledger::NewLedger {
                volunteer: e.volunteer_id,
                community,
                kind: linli_domain::volunteers::LedgerKind::Earn,
                points,
                date: &e.date,
                entry: Some(entry_id),
                item: None,
                quantity: None,
                reverses: None,
                note: &e.category,
            },
        )?;
    }
    Ok(())
}

/// Writes the reversing entry of `entry_id` and reverses the points it earned.
pub(crate) fn reverse_entry(w: &mut Writer<'_>, entry_id: Id, reason: &str) -> Result<Id> {
    let e = entry(w.tx(), entry_id)?;
    match e.status {
        EntryStatus::Reversal => {
            return Err(DomainError::coded(
                "entry_id",
                linli_domain::msg::HOURS_IS_REVERSAL,
                vec![],
            )
            .into())
        }
        EntryStatus::Reversed => {
            return Err(Error::conflict(
                linli_domain::msg::HOURS_ALREADY_REVERSED,
                linli_domain::args![name = e.volunteer_name, date = e.date],
            ))
        }
        EntryStatus::Rejected => {
            return Err(Error::conflict(
                linli_domain::msg::HOURS_REJECTED_NO_REVERSE,
                linli_domain::args![name = e.volunteer_name, date = e.date],
            ))
        }
        _ => {}
    }
    let (community, _) = volunteer_head(w.tx(), e.volunteer_id)?;
    let minutes = (e.hours * 60.0).round() as i64;
    let rid = insert_entry(
        w,
        &NewEntry {
            volunteer: e.volunteer_id,
            community,
            activity: e.activity_id,
            minutes: -minutes,
            category: &e.category,
            date: &e.date,
            reverses: Some(entry_id),
            note: reason,
            credited_by: None,
        },
    )?;
    // the points the entry earned, if any, go back
    let earns: Vec<String> = w
        .tx()
        .prepare_cached(
            "SELECT l.id FROM ledger l WHERE l.entry_id = ?1 AND l.kind = 'earn'
             AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id)",
        )?
        .query_map([entry_id.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for l in earns {
        ledger::reverse_fact(w, l.parse()?, reason, Some(&e.date))?;
    }
    Ok(rid)
}

impl Store {
    /// This laptop's worker ("me"), when one is chosen: who credits, verifies and rejects here.
    fn me_id(&self) -> Result<Option<Id>> {
        Ok(self.get_me(&linli_protocol::GetMe {})?.person.map(|p| p.id))
    }

    pub fn credit_hours(&mut self, req: &CreditHours) -> Result<Vec<HourEntry>> {
        let activity = req
            .activity_id
            .map(|a| super::activities::activity(&self.conn, a))
            .transpose()?;
        if req.volunteer_ids.is_empty() {
            return Err(DomainError::coded(
                "volunteer_ids",
                linli_domain::msg::VOLUNTEERS_MISSING,
                vec![],
            )
            .into());
        }
        let default_hours = req.hours.or(activity.as_ref().map(|a| a.hours));
        let mut each = Vec::new();
        for p in &req.each {
            if !req.volunteer_ids.contains(&p.volunteer_id) {
                return Err(DomainError::coded(
                    "each",
                    linli_domain::msg::EACH_NOT_SELECTED,
                    vec![],
                )
                .into());
            }
            let (_, name) = volunteer_head(&self.conn, p.volunteer_id)?;
            let m = hours_to_minutes(p.hours).map_err(|e| {
                // hours_to_minutes refuses with one of two messages
                let m = if e.code() == Some(linli_domain::msg::HOURS_OVER_DAY.code) {
                    linli_domain::msg::EACH_HOURS_OVER_DAY
                } else {
                    linli_domain::msg::EACH_HOURS_NOT_POSITIVE
                };
                DomainError::coded("each", m, linli_domain::args![name = name])
            })?;
            each.push((p.volunteer_id, m));
        }
        let minutes_of = |v: Id| -> Result<i64> {
            match each.iter().find(|(p, _)| *p == v) {
                Some((_, m)) => Ok(*m),
                None => hours_to_minutes(default_hours.ok_or_else(|| {
                    DomainError::coded("hours", linli_domain::msg::HOURS_MISSING, vec![])
                })?)
                .map_err(Into::into),
            }
        };
        let category = validate_category(
            req.category
                .as_deref()
                .filter(|c| !c.trim().is_empty())
                .or(activity.as_ref().map(|a| a.category.as_str()))
                .unwrap_or(""),
        )?;
        let date = match opt_date("date", req.date.as_deref())? {
            Some(d) => d,
            None => match &activity {
                Some(a) => a.date.clone(),
                None => self.now().today(),
            },
        };
        let note = text_field("note", "备注", &req.note, 200, true)?;
        let mut people = Vec::new();
        for v in &req.volunteer_ids {
            let (community, name) = volunteer_head(&self.conn, *v)?;
            if let Some(a) = &activity {
                if a.community_id != community {
                    return Err(DomainError::coded(
                        "volunteer_ids",
                        linli_domain::msg::VOLUNTEER_OTHER_COMMUNITY,
                        linli_domain::args![name = name],
                    )
                    .into());
                }
            }
            if let Some(a) = req.activity_id {
                let credited: Option<i64> = self
                    .conn
                    .prepare_cached(
                        "SELECT 1 FROM service_hours e WHERE e.volunteer_id = ?1 AND e.activity_id = ?2
                         AND e.reverses IS NULL
                         AND NOT EXISTS (SELECT 1 FROM service_hours r WHERE r.reverses = e.id)
                         AND NOT EXISTS (SELECT 1 FROM hour_rejections hr WHERE hr.entry_id = e.id)",
                    )?
                    .query_row(params![v.to_string(), a.to_string()], |r| r.get(0))
                    .optional()?;
                if credited.is_some() {
                    return Err(Error::conflict(
                        linli_domain::msg::HOURS_ALREADY_CREDITED,
                        linli_domain::args![name = name],
                    ));
                }
            }
            if !people.iter().any(|(p, _, _)| p == v) {
                people.push((*v, community, minutes_of(*v)?));
            }
        }
        let me = self.me_id()?;
        let mut w = self.begin()?;
        let ids = people
            .iter()
            .map(|(v, community, minutes)| {
                insert_entry(
                    &mut w,
                    &NewEntry {
                        volunteer: *v,
                        community: *community,
                        activity: req.activity_id,
                        minutes: *minutes,
                        category: &category,
                        date: &date,
                        reverses: None,
                        note: &note,
                        credited_by: me,
                    },
                )
            })
            .collect::<Result<Vec<_>>>()?;
        w.commit()?;
        ids.into_iter().map(|id| entry(&self.conn, id)).collect()
    }

    pub fn verify_hours(&mut self, req: &VerifyHours) -> Result<Vec<HourEntry>> {
        if req.entry_ids.is_empty() {
            return Err(DomainError::coded(
                "entry_ids",
                linli_domain::msg::ENTRIES_MISSING,
                vec![],
            )
            .into());
        }
        let by = self.me_id()?.or(req.verified_by);
        let mut w = self.begin()?;
        for e in &req.entry_ids {
            verify_entry(&mut w, *e, by)?;
        }
        w.commit()?;
        req.entry_ids
            .iter()
            .map(|id| entry(&self.conn, *id))
            .collect()
    }

    /// Rejects pending entries: a rejection fact each; they earn nothing. All or none.
    pub fn reject_hours(&mut self, req: &RejectHours) -> Result<Vec<HourEntry>> {
        if req.entry_ids.is_empty() {
            return Err(DomainError::coded(
                "entry_ids",
                linli_domain::msg::ENTRIES_MISSING,
                vec![],
            )
            .into());
        }
        let reason = text_field("reason", "退回原因", &req.reason, 200, false)?;
        let by = self.me_id()?;
        let mut w = self.begin()?;
        for id in &req.entry_ids {
            let e = entry(w.tx(), *id)?;
            match e.status {
                EntryStatus::Pending => {}
                EntryStatus::Rejected => continue,
                _ => {
                    return Err(Error::conflict(
                        linli_domain::msg::HOURS_DECIDED_NO_REJECT,
                        linli_domain::args![name = e.volunteer_name, date = e.date],
                    ))
                }
            }
            not_own(&e, by)?;
            let (community, _) = volunteer_head(w.tx(), e.volunteer_id)?;
            let rid = w.id();
            w.insert_fact(RowWrite {
                table: "hour_rejections",
                row_id: rid,
                fields: vec![
                    ("entry_id", json!(id.to_string())),
                    ("rejected_by", json!(by.map(|b| b.to_string()))),
                    ("reason", json!(reason)),
                    ("at", json!(w.now().stamp())),
                ],
                scope: community_scope(community),
            })?;
        }
        w.commit()?;
        req.entry_ids
            .iter()
            .map(|id| entry(&self.conn, *id))
            .collect()
    }

    pub fn reverse_hours(&mut self, req: &ReverseHours) -> Result<HourEntry> {
        let reason = text_field("reason", "冲正原因", &req.reason, 200, false)?;
        let mut w = self.begin()?;
        let id = reverse_entry(&mut w, req.entry_id, &reason)?;
        w.commit()?;
        entry(&self.conn, id)
    }

    pub fn list_hours(&self, req: &ListHours) -> Result<Vec<HourEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE (?1 IS NULL OR e.community_id = ?1) AND (?2 IS NULL OR e.volunteer_id = ?2)
             AND (?3 = 0 OR (e.reverses IS NULL
                 AND NOT EXISTS (SELECT 1 FROM hour_verifications hv WHERE hv.entry_id = e.id)
                 AND NOT EXISTS (SELECT 1 FROM hour_rejections hr WHERE hr.entry_id = e.id)
                 AND NOT EXISTS (SELECT 1 FROM service_hours r WHERE r.reverses = e.id)))
             ORDER BY e.date DESC, e.id DESC"
        ))?;
        let rows = stmt.query_map(
            params![
                req.community_id.map(|c| c.to_string()),
                req.volunteer_id.map(|v| v.to_string()),
                req.pending_only
            ],
            from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
