//! 米邻驿站, the sharing station's lending register (issue 19; docs/lending.md).
//!
//! Kinds, copies and each community's rules are entities; loans, their events, holds, hold
//! events, service events and deposits are facts. Nothing about a copy's status is stored: it is
//! derived from the facts (`state`), so two laptops lending one copy offline leave two open loans
//! that every laptop shows as a conflict after sync, until a person voids one of them.
//!
//! Split along the desk: `state` (what the facts say: a copy's status, a loan's due date, a
//! hold's turn), `stock` (kinds, copies, rules), `desk` (lend, renew, void), `returns` (a
//! basket back, with photos), `loans` (the lists, 今日's scope among them),
//! `holds` (the queue and its pickup deadlines), `deposits` (take, refund, forfeit; points
//! through the points ledger with its floor), `service` (maintenance and the service log),
//! `figures` (a month's report).

mod deposits;
mod desk;
mod donor;
mod figures;
mod holds;
mod loans;
mod monthly;
mod returns;
mod service;
mod state;
mod stock;
mod timeline;

use linli_domain::Id;
use rusqlite::{Connection, OptionalExtension};

use crate::volunteers::community_scope;
use crate::write::Scope;
use crate::{Error, Result};

pub(crate) use desk::loan_view;
pub(crate) use figures::communities_under;
pub use figures::export_loans;
pub(crate) use monthly::{lending_figures, lending_records, LOAN_HEADERS};
pub(crate) use state::{loans_where, LoanRow};
pub(crate) use timeline::loan_lines;

/// The scope of a lending row: its community (the station's).
fn scope(community: Id) -> Scope {
    community_scope(community)
}

/// A household's community, building and unit, its full address ("西门新村3栋2单元301") and
/// its building with the compound ("西门新村3栋").
pub(crate) struct HouseholdHead {
    pub community: Option<Id>,
    pub building: Option<Id>,
    pub unit: Option<Id>,
    pub address: String,
    pub building_name: String,
}

pub(crate) fn household_head(conn: &Connection, id: Id) -> Result<HouseholdHead> {
    let row = conn
        .prepare_cached(
            "SELECT h.community_id, h.building_id, h.unit_id, h.room, b.name AS building_name,
                    u.name AS unit_name, c.name AS compound_name
             FROM households h
             LEFT JOIN places b ON b.id = h.building_id LEFT JOIN places u ON u.id = h.unit_id
             LEFT JOIN places c ON c.id = b.parent_id AND c.kind = 'compound'
             WHERE h.id = ?1 AND h.deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            let room: String = r.get("room")?;
            let b: Option<String> = r.get("building_name")?;
            let u: Option<String> = r.get("unit_name")?;
            let c: Option<String> = r.get("compound_name")?;
            Ok(HouseholdHead {
                community: r.get("community_id")?,
                building: r.get("building_id")?,
                unit: r.get("unit_id")?,
                address: crate::register::full_address_text(
                    c.as_deref(),
                    b.as_deref(),
                    u.as_deref(),
                    &room,
                ),
                building_name: crate::register::full_address_text(
                    c.as_deref(),
                    b.as_deref(),
                    None,
                    "",
                ),
            })
        })
        .optional()?;
    row.ok_or(Error::NotFound {
        what: "住户",
        id: id.to_string(),
    })
}

/// The scope of a photo of a kind or a copy (`lend_kinds`, `lend_copies`): its station's
/// community. Refuses a kind or copy this laptop does not have.
pub(crate) fn photo_scope(conn: &Connection, table: &str, id: Id) -> Result<Scope> {
    let sql = match table {
        "lend_kinds" => "SELECT community_id FROM lend_kinds WHERE id = ?1 AND deleted = 0",
        _ => "SELECT community_id FROM lend_copies WHERE id = ?1 AND deleted = 0",
    };
    let community: Option<Option<Id>> = conn
        .prepare_cached(sql)?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    match community.flatten() {
        Some(c) => Ok(scope(c)),
        None => Err(Error::NotFound {
            what: if table == "lend_kinds" {
                "物品种类"
            } else {
                "物品"
            },
            id: id.to_string(),
        }),
    }
}

/// A resident's name, "" when unknown.
pub(crate) fn resident_name(conn: &Connection, id: Option<Id>) -> Result<String> {
    let Some(id) = id else {
        return Ok(String::new());
    };
    Ok(conn
        .prepare_cached("SELECT name FROM residents WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}
