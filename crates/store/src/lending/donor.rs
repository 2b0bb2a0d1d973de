//! Points for a donor: a copy given to the station can earn its donor time-bank points, credited
//! as an `adjust` fact of the points ledger (as a points deposit is debited), in the same
//! transaction that registers the copy.

use linli_domain::volunteers::LedgerKind;
use linli_domain::{DomainError, Id};
use rusqlite::{Connection, OptionalExtension};

use crate::volunteers::ledger::{insert_ledger, NewLedger};
use crate::volunteers::volunteer_head;
use crate::write::Writer;
use crate::{Error, Result};

/// Most points one donated copy may earn.
pub(crate) const MAX_DONOR_POINTS: i64 = 1000;

/// The volunteer to credit for a donation of `points` (checked): the one named, else the
/// volunteer registered for the donor resident; `None` when no points are given.
pub(crate) fn donor_volunteer(
    conn: &Connection,
    points: i64,
    named: Option<Id>,
    resident: Option<Id>,
) -> Result<Option<Id>> {
    if !(0..=MAX_DONOR_POINTS).contains(&points) {
        return Err(DomainError::coded(
            "donor_points",
            linli_domain::msg::LEND_DONOR_POINTS,
            linli_domain::args![value = points],
        )
        .into());
    }
    if points == 0 {
        return Ok(None);
    }
    if let Some(v) = named {
        volunteer_head(conn, v)?;
        return Ok(Some(v));
    }
    let found: Option<Id> = match resident {
        Some(r) => conn
            .prepare_cached(
                "SELECT id FROM volunteers WHERE resident_id = ?1 AND deleted = 0 ORDER BY id LIMIT 1",
            )?
            .query_row([r.to_string()], |r| r.get(0))
            .optional()?,
        None => None,
    };
    match found {
        Some(v) => Ok(Some(v)),
        None => Err(Error::conflict(
            linli_domain::msg::LEND_DONOR_NO_VOLUNTEER,
            linli_domain::args![],
        )),
    }
}

/// Credits the donor's points for a copy (`what`: the kind's name and the copy's code).
pub(crate) fn credit_donor(
    w: &mut Writer<'_>,
    volunteer: Id,
    points: i64,
    what: &str,
) -> Result<Id> {
    let (community, _) = volunteer_head(w.tx(), volunteer)?;
    let today = w.now().today();
    let note = format!("捐赠物品：{what}");
    insert_ledger(
        w,
        &NewLedger {
            volunteer,
            community,
            kind: LedgerKind::Adjust,
            points,
            date: &today,
            entry: None,
            item: None,
            quantity: None,
            reverses: None,
            note: &note,
        },
    )
}
