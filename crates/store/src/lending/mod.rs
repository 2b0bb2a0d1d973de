//! 米邻驿站, the sharing station's lending register (issue 19; docs/lending.md).
//!
//! Kinds, copies and each community's rules are entities; loans, their events, holds, hold
//! events, service events and deposits are facts. Nothing about a copy's status is stored: it is
//! derived from the facts (`state`), so two laptops lending one copy offline leave two open loans
//! that every laptop shows as a conflict after sync, until a person voids one of them.
//!
//! Split along the desk: `state` (what the facts say: a copy's status, a loan's due date, a
//! hold's turn), `stock` (kinds, copies, rules), `desk` (lend, return, renew, void, list),
//! `holds` (the queue and its pickup deadlines), `deposits` (take, refund, forfeit; points
//! through the points ledger with its floor), `service` (maintenance and the service log),
//! `figures` (a month's report).

mod deposits;
mod desk;
mod donor;
mod figures;
mod holds;
mod monthly;
mod service;
mod state;
mod stock;

use linli_domain::Id;
use rusqlite::{Connection, OptionalExtension};

use crate::volunteers::community_scope;
use crate::write::Scope;
use crate::{Error, Result};

pub(crate) use figures::communities_under;
pub use figures::export_loans;
pub(crate) use monthly::{lending_figures, lending_records, KEYS as LENDING_KEYS, LOAN_HEADERS};

/// The scope of a lending row: its community (the station's).
fn scope(community: Id) -> Scope {
    community_scope(community)
}

/// A household's community, building and address ("3栋2单元301").
pub(crate) struct HouseholdHead {
    pub community: Option<Id>,
    pub building: Option<Id>,
    pub address: String,
}

pub(crate) fn household_head(conn: &Connection, id: Id) -> Result<HouseholdHead> {
    let row = conn
        .prepare_cached(
            "SELECT h.community_id, h.building_id, h.room, b.name, u.name FROM households h
             LEFT JOIN places b ON b.id = h.building_id LEFT JOIN places u ON u.id = h.unit_id
             WHERE h.id = ?1 AND h.deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            let room: String = r.get(2)?;
            let b: Option<String> = r.get(3)?;
            let u: Option<String> = r.get(4)?;
            Ok(HouseholdHead {
                community: r.get(0)?,
                building: r.get(1)?,
                address: crate::register::address_text(b.as_deref(), u.as_deref(), &room),
            })
        })
        .optional()?;
    row.ok_or(Error::NotFound {
        what: "住户",
        id: id.to_string(),
    })
}

/// A resident's name, "" when unknown.
fn resident_name(conn: &Connection, id: Option<Id>) -> Result<String> {
    let Some(id) = id else {
        return Ok(String::new());
    };
    Ok(conn
        .prepare_cached("SELECT name FROM residents WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}
