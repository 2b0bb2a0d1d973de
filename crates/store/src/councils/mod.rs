//! Residents' councils, liaison points and suggestions (议事会、居民联络点、居民建议; issue 20
//! items 2 and 5; docs/councils.md).
//!
//! Liaison points, meetings, topics and suggestions are entities; every stage of a topic is a
//! fact (`council_topic_events`), among them one per request (诉求) made from its resolution,
//! which links the topic to a task of the five-list flow. Where a topic stands is derived each
//! time it is read, by `linli_domain::councils`, from its facts and its requests' status.
//!
//! Split by what a secretary keeps: this file (the shared reads), `points` (liaison points),
//! `topics` (proposing, the stages in order, requests made, a topic read whole), `meetings`
//! (calling a meeting, its agenda and review list), `suggestions` (taken and handled), `lists`,
//! `figures` (the month's figures, the monthly report's lines and their records).

mod export;
mod figures;
mod lists;
mod meetings;
mod points;
mod suggestions;
mod topics;

pub(crate) use export::council_list;
pub(crate) use figures::{council_figures, council_records, done_on, ids, Records};
pub(crate) use meetings::meeting_row;
use points::point_view;
pub(crate) use suggestions::suggestion_row;

use linli_domain::{DomainError, Id};
use rusqlite::{Connection, OptionalExtension};

use crate::volunteers::community_scope;
use crate::write::Scope;
use crate::{Result, Store};

fn scope(community: Id) -> Scope {
    community_scope(community)
}

fn coded(
    field: &'static str,
    m: linli_domain::msg::Msg,
    args: linli_domain::msg::Args,
) -> crate::Error {
    DomainError::coded(field, m, args).into()
}

fn known<T: PartialEq + Copy>(v: T, unknown: T, field: &'static str) -> Result<T> {
    if v == unknown {
        return Err(coded(field, linli_domain::msg::UNKNOWN_CHOICE, vec![]));
    }
    Ok(v)
}

/// A place's name ("" when none or unknown).
fn place_name(conn: &Connection, place: Option<Id>) -> Result<String> {
    let Some(p) = place else {
        return Ok(String::new());
    };
    Ok(conn
        .prepare_cached("SELECT name FROM places WHERE id = ?1")?
        .query_row([p.to_string()], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// A worker's name ("" when unknown).
fn person_name(conn: &Connection, id: Option<Id>) -> Result<String> {
    let Some(p) = id else {
        return Ok(String::new());
    };
    Ok(conn
        .prepare_cached("SELECT name FROM people WHERE id = ?1")?
        .query_row([p.to_string()], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

fn resident_name(conn: &Connection, id: Option<Id>) -> Result<String> {
    let Some(p) = id else {
        return Ok(String::new());
    };
    Ok(conn
        .prepare_cached("SELECT name FROM residents WHERE id = ?1")?
        .query_row([p.to_string()], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// A place's name, for the demo.
pub(crate) fn place_label(store: &Store, id: Id) -> Result<String> {
    place_name(&store.conn, Some(id))
}

/// A worker's name, for the demo.
pub(crate) fn person_label(store: &Store, id: Id) -> Result<String> {
    person_name(&store.conn, Some(id))
}

/// A household's address ("" when none or unknown).
fn household_address(conn: &Connection, id: Option<Id>) -> String {
    id.and_then(|h| crate::lending::household_head(conn, h).ok())
        .map(|h| h.address)
        .unwrap_or_default()
}

/// Refuses a place that is not under `community` (`what` names it in the message).
fn check_place_in(store: &Store, community: Id, place: Option<Id>, what: &str) -> Result<()> {
    if let Some(p) = place {
        let place = store.place(p)?;
        if store.community_of(&place)? != Some(community) {
            return Err(coded(
                "place_id",
                linli_domain::msg::CNC_NOT_HERE,
                linli_domain::args![what = what],
            ));
        }
    }
    Ok(())
}

/// Refuses a household not of `community`.
fn check_household_in(conn: &Connection, community: Id, h: Id) -> Result<()> {
    let head = crate::lending::household_head(conn, h)?;
    if head.community != Some(community) {
        return Err(coded(
            "household_id",
            linli_domain::msg::CNC_NOT_HERE,
            linli_domain::args![what = "住户"],
        ));
    }
    Ok(())
}

/// The day `day` or today, not after today.
fn past_day(store: &Store, field: &'static str, day: &Option<String>) -> Result<String> {
    let d = crate::field::day_or_today(&store.now(), field, day)?;
    if d > store.now().today() {
        return Err(coded(
            field,
            linli_domain::msg::CNC_IN_FUTURE,
            linli_domain::args![date = d],
        ));
    }
    Ok(d)
}

/// The communities a list covers: one, or every one this laptop knows.
fn communities(conn: &Connection, community: Option<Id>) -> Result<Vec<Id>> {
    crate::lending::communities_under(conn, community)
}

impl Store {
    /// Restricted roles (stewards, coordinators) do not receive who proposed or suggested.
    pub(crate) fn council_withheld(&self) -> Result<bool> {
        Ok(self
            .sync_role()?
            .is_some_and(linli_protocol::privacy::restricted))
    }
}
