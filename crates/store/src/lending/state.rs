//! What the facts say: a kind, a copy and its derived status, a loan's due date and end, a hold's
//! turn. Every function reads; none writes.

use linli_domain::calendar::{add_days, days_between};
use linli_domain::lending::{CopyStatus, DepositUnit, HoldState, ReturnOutcome};
use linli_domain::Id;
use linli_protocol::{LendCopyFields, LendKindFields};
use rusqlite::{Connection, OptionalExtension};

use crate::{Error, Result};

pub(crate) struct KindRow {
    pub id: Id,
    pub community: Id,
    pub fields: LendKindFields,
}

pub(crate) fn kind_row(conn: &Connection, id: Id) -> Result<KindRow> {
    let row = conn
        .prepare_cached(
            "SELECT community_id, name, category, loan_days, max_renewals, buffer_days,
                    deposit_unit, deposit, needs_approval, consumable, care_notes, parts
             FROM lend_kinds WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            let parts: String = r.get(11)?;
            Ok(KindRow {
                id,
                community: r.get(0)?,
                fields: LendKindFields {
                    name: r.get(1)?,
                    category: r.get(2)?,
                    loan_days: r.get(3)?,
                    max_renewals: r.get(4)?,
                    buffer_days: r.get(5)?,
                    deposit_unit: DepositUnit::read(&r.get::<_, String>(6)?),
                    deposit: r.get(7)?,
                    needs_approval: r.get(8)?,
                    consumable: r.get(9)?,
                    care_notes: r.get(10)?,
                    parts: serde_json::from_str(&parts).unwrap_or_default(),
                },
            })
        })
        .optional()?;
    row.ok_or(Error::NotFound {
        what: "物品种类",
        id: id.to_string(),
    })
}

pub(crate) struct CopyRow {
    pub id: Id,
    pub community: Id,
    pub kind_id: Id,
    pub fields: LendCopyFields,
}

pub(crate) fn copy_row(conn: &Connection, id: Id) -> Result<CopyRow> {
    let row = conn
        .prepare_cached(
            "SELECT community_id, kind_id, code, serial, condition, location, value,
                    donor_resident_id, donor_unit
             FROM lend_copies WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            Ok(CopyRow {
                id,
                community: r.get(0)?,
                kind_id: r.get(1)?,
                fields: LendCopyFields {
                    code: r.get(2)?,
                    serial: r.get(3)?,
                    condition: r.get(4)?,
                    location: r.get(5)?,
                    value: r.get(6)?,
                    donor_resident_id: r.get(7)?,
                    donor_unit: r.get(8)?,
                },
            })
        })
        .optional()?;
    row.ok_or(Error::NotFound {
        what: "物品",
        id: id.to_string(),
    })
}

/// The copies of a community bearing `code` (two when two laptops each registered one).
pub(crate) fn copies_by_code(conn: &Connection, community: Id, code: &str) -> Result<Vec<Id>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM lend_copies WHERE community_id = ?1 AND code = ?2 AND deleted = 0
             ORDER BY id",
        )?
        .query_map([community.to_string(), code.to_owned()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A loan fact with what its events say.
#[derive(Debug, Clone)]
pub(crate) struct LoanRow {
    pub id: Id,
    pub community: Id,
    pub copy_id: Id,
    pub kind_id: Id,
    pub household_id: Id,
    pub resident_id: Option<Id>,
    pub lent_on: String,
    pub due: String,
    pub handout: bool,
    pub renewals: u32,
    pub closed_on: Option<String>,
    pub outcome: Option<ReturnOutcome>,
    pub voided: bool,
}

impl LoanRow {
    /// Still out: not handed out for good, not returned, not voided.
    pub fn open(&self) -> bool {
        !self.handout && self.closed_on.is_none()
    }

    /// Days past due on `today` (0 when not overdue or not open).
    pub fn overdue_days(&self, today: &str) -> i64 {
        if !self.open() {
            return 0;
        }
        days_between(&self.due, today).unwrap_or(0).max(0)
    }
}

const LOAN_COLUMNS: &str = "id, community_id, copy_id, kind_id, household_id, resident_id,
    lent_on, due, handout";

fn loan_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<LoanRow> {
    Ok(LoanRow {
        id: r.get(0)?,
        community: r.get(1)?,
        copy_id: r.get(2)?,
        kind_id: r.get(3)?,
        household_id: r.get(4)?,
        resident_id: r.get(5)?,
        lent_on: r.get(6)?,
        due: r.get(7)?,
        handout: r.get(8)?,
        renewals: 0,
        closed_on: None,
        outcome: None,
        voided: false,
    })
}

/// Folds a loan's events (renewals, its return or voiding) into it.
fn with_events(conn: &Connection, mut l: LoanRow) -> Result<LoanRow> {
    let mut st = conn.prepare_cached(
        "SELECT kind, date, due, outcome FROM loan_events WHERE loan_id = ?1 ORDER BY at, id",
    )?;
    let events = st.query_map([l.id.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    for e in events {
        let (kind, date, due, outcome) = e?;
        match kind.as_str() {
            "renew" => {
                l.renewals += 1;
                if let Some(d) = due.filter(|d| *d > l.due) {
                    l.due = d;
                }
            }
            "return" if l.closed_on.is_none() => {
                l.closed_on = Some(date);
                l.outcome = outcome.map(|o| ReturnOutcome::read(&o));
            }
            "void" if l.closed_on.is_none() => {
                l.closed_on = Some(date);
                l.voided = true;
            }
            _ => {}
        }
    }
    Ok(l)
}

pub(crate) fn loan_row(conn: &Connection, id: Id) -> Result<LoanRow> {
    let row = conn
        .prepare_cached(&format!("SELECT {LOAN_COLUMNS} FROM loans WHERE id = ?1"))?
        .query_row([id.to_string()], loan_of)
        .optional()?
        .ok_or(Error::NotFound {
            what: "借用记录",
            id: id.to_string(),
        })?;
    with_events(conn, row)
}

/// The loans matching `filter` (an SQL condition on `loans` with `?1`), with their events.
pub(crate) fn loans_where(conn: &Connection, filter: &str, arg: &str) -> Result<Vec<LoanRow>> {
    let rows: Vec<LoanRow> = conn
        .prepare_cached(&format!(
            "SELECT {LOAN_COLUMNS} FROM loans WHERE {filter} ORDER BY lent_on, at, id"
        ))?
        .query_map([arg], loan_of)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|l| with_events(conn, l)).collect()
}

/// A copy's status as the facts say it on `today`.
#[derive(Debug, Clone)]
pub(crate) struct CopyState {
    pub status: CopyStatus,
    pub open_loans: Vec<Id>,
    /// The hold it is set aside for, and until when.
    pub held_for: Option<(Id, String)>,
    pub available_from: Option<String>,
    pub next_service: Option<String>,
}

pub(crate) fn copy_state(conn: &Connection, copy: Id, today: &str) -> Result<CopyState> {
    let kind_id: Id = conn
        .prepare_cached("SELECT kind_id FROM lend_copies WHERE id = ?1")?
        .query_row([copy.to_string()], |r| r.get(0))?;
    let buffer: i64 = conn
        .prepare_cached("SELECT buffer_days FROM lend_kinds WHERE id = ?1")?
        .query_row([kind_id.to_string()], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    // service events and lost returns in the order they happened: the last word on each flag
    let mut marks: Vec<(String, String, String, Option<String>)> = conn
        .prepare_cached("SELECT at, id, kind, next_due FROM copy_events WHERE copy_id = ?1")?
        .query_map([copy.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let loans = loans_where(conn, "copy_id = ?1", &copy.to_string())?;
    let mut returned_on: Option<String> = None;
    let mut handed_out = false;
    for l in &loans {
        if l.handout && !l.voided {
            handed_out = true;
        }
        if let (Some(day), Some(outcome)) = (&l.closed_on, l.outcome) {
            if outcome == ReturnOutcome::Lost {
                let (at, id): (String, String) = conn
                    .prepare_cached(
                        "SELECT at, id FROM loan_events WHERE loan_id = ?1 AND kind = 'return'
                         ORDER BY at, id LIMIT 1",
                    )?
                    .query_row([l.id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
                marks.push((at, id, "lost".into(), None));
            } else if returned_on.as_deref().is_none_or(|d| d < day.as_str()) {
                returned_on = Some(day.clone());
            }
        }
    }
    marks.sort();
    let (mut retired, mut lost, mut maintenance, mut next_service) = (false, false, false, None);
    for (_, _, kind, next_due) in &marks {
        match kind.as_str() {
            "retire" => retired = true,
            "lost" => lost = true,
            "found" => lost = false,
            "maintenance" => maintenance = true,
            "back" => maintenance = false,
            _ => {}
        }
        if next_due.is_some() {
            next_service.clone_from(next_due);
        }
    }
    let open_loans: Vec<Id> = loans.iter().filter(|l| l.open()).map(|l| l.id).collect();
    let held_for = held_for(conn, copy, today)?;
    let available_from = returned_on
        .and_then(|d| add_days(&d, buffer))
        .filter(|d| d.as_str() > today);
    let status = if retired {
        CopyStatus::Retired
    } else if handed_out {
        CopyStatus::HandedOut
    } else if lost {
        CopyStatus::Lost
    } else if maintenance {
        CopyStatus::Maintenance
    } else if !open_loans.is_empty() {
        CopyStatus::OnLoan
    } else if held_for.is_some() {
        CopyStatus::HeldForPickup
    } else {
        CopyStatus::OnShelf
    };
    Ok(CopyState {
        status,
        open_loans,
        held_for,
        available_from,
        next_service,
    })
}

/// The hold a copy is set aside for on `today`, with its pickup deadline.
fn held_for(conn: &Connection, copy: Id, today: &str) -> Result<Option<(Id, String)>> {
    let holds: Vec<Id> = conn
        .prepare_cached(
            "SELECT DISTINCT hold_id FROM hold_events WHERE copy_id = ?1 AND kind = 'ready'",
        )?
        .query_map([copy.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for h in holds {
        let s = hold_state(conn, h, today)?;
        if s.state == HoldState::Ready && s.copy == Some(copy) {
            return Ok(s.pickup_by.map(|p| (h, p)));
        }
    }
    Ok(None)
}

/// Where a hold stands: its last event decides; a pickup deadline passed reads as expired.
pub(crate) struct HoldNow {
    pub state: HoldState,
    pub copy: Option<Id>,
    pub pickup_by: Option<String>,
    /// Ready, but its pickup deadline passed: the sweep writes it expired and passes the copy on.
    pub lapsed: bool,
}

pub(crate) fn hold_state(conn: &Connection, hold: Id, today: &str) -> Result<HoldNow> {
    let last: Option<(String, Option<Id>, Option<String>)> = conn
        .prepare_cached(
            "SELECT kind, copy_id, pickup_by FROM hold_events WHERE hold_id = ?1
             ORDER BY at DESC, id DESC LIMIT 1",
        )?
        .query_row([hold.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let mut now = HoldNow {
        state: HoldState::Waiting,
        copy: None,
        pickup_by: None,
        lapsed: false,
    };
    match last {
        None => {}
        Some((kind, copy, pickup_by)) => match kind.as_str() {
            "ready" => {
                let lapsed = pickup_by.as_deref().is_some_and(|p| p < today);
                now.state = if lapsed {
                    HoldState::Expired
                } else {
                    HoldState::Ready
                };
                now.copy = copy;
                now.pickup_by = pickup_by;
                now.lapsed = lapsed;
            }
            "released" => {}
            "expired" => now.state = HoldState::Expired,
            "cancelled" => now.state = HoldState::Cancelled,
            "fulfilled" => now.state = HoldState::Fulfilled,
            _ => now.state = HoldState::Unknown,
        },
    }
    Ok(now)
}

/// The waiting holds of a kind, first in line first.
pub(crate) fn waiting_holds(conn: &Connection, kind: Id, today: &str) -> Result<Vec<Id>> {
    let all: Vec<Id> = conn
        .prepare_cached("SELECT id FROM lend_holds WHERE kind_id = ?1 ORDER BY at, id")?
        .query_map([kind.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for h in all {
        if hold_state(conn, h, today)?.state == HoldState::Waiting {
            out.push(h);
        }
    }
    Ok(out)
}
