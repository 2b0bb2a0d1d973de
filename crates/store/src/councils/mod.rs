//! Residents' councils, liaison points and suggestions (议事会、居民联络点、居民建议; issue 20
//! items 2 and 5; docs/councils.md).
//!
//! Liaison points, meetings, topics and suggestions are entities; every stage of a topic is a
//! fact (`council_topic_events`), among them one per request (诉求) made from its resolution,
//! which links the topic to a task of the five-list flow. Where a topic stands is derived each
//! time it is read, by `linli_domain::councils`, from its facts and its requests' status.
//!
//! Split by what a secretary keeps: this file (the shared reads, liaison points), `topics`
//! (proposing, the stages in order, requests made, a topic read whole), `meetings` (calling a
//! meeting, its agenda and review list), `suggestions` (taken and handled), `lists`, `figures`
//! (the month's figures, the monthly report's lines and their records).

mod export;
mod figures;
mod lists;
mod meetings;
mod suggestions;
mod topics;

pub(crate) use export::council_list;
pub(crate) use figures::{council_figures, council_records, done_on, ids, Records};
pub(crate) use meetings::meeting_row;
pub(crate) use suggestions::suggestion_row;

use linli_domain::{DomainError, Id};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::volunteers::{check_community, community_scope, text_field};
use crate::write::{RowWrite, Scope};
use crate::{Error, Result, Store};

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

fn point_view(conn: &Connection, id: Id) -> Result<LiaisonPoint> {
    let row = conn
        .prepare_cached(
            "SELECT community_id, place_id, name, keeper_person_id, keeper_resident_id, hours, note
             FROM liaison_points WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            Ok((
                r.get::<_, Id>("community_id")?,
                r.get::<_, Option<Id>>("place_id")?,
                r.get::<_, String>("name")?,
                r.get::<_, Option<Id>>("keeper_person_id")?,
                r.get::<_, Option<Id>>("keeper_resident_id")?,
                r.get::<_, String>("hours")?,
                r.get::<_, String>("note")?,
            ))
        })
        .optional()?
        .ok_or(Error::NotFound {
            what: "联络点",
            id: id.to_string(),
        })?;
    let (community_id, place_id, name, person, resident, hours, note) = row;
    let keeper = match person {
        Some(_) => person_name(conn, person)?,
        None => resident_name(conn, resident)?,
    };
    Ok(LiaisonPoint {
        id,
        community_id,
        place_id,
        place: place_name(conn, place_id)?,
        name,
        keeper_person_id: person,
        keeper_resident_id: resident,
        keeper,
        hours,
        note,
    })
}

impl Store {
    /// Restricted roles (stewards, coordinators) do not receive who proposed or suggested.
    pub(crate) fn council_withheld(&self) -> Result<bool> {
        Ok(self
            .sync_role()?
            .is_some_and(linli_protocol::privacy::restricted))
    }

    pub fn save_liaison_point(&mut self, req: &SaveLiaisonPoint) -> Result<LiaisonPoint> {
        let community = req.community_id;
        check_community(&self.conn, community)?;
        if let Some(id) = req.id {
            let p = point_view(&self.conn, id)?;
            if p.community_id != community {
                return Err(coded(
                    "id",
                    linli_domain::msg::CNC_NOT_HERE,
                    linli_domain::args![what = "联络点"],
                ));
            }
            if req.deleted {
                let mut w = self.begin()?;
                w.write(RowWrite {
                    table: "liaison_points",
                    row_id: id,
                    fields: vec![("deleted", json!(1))],
                    scope: scope(community),
                })?;
                w.commit()?;
                return Ok(p);
            }
        }
        check_place_in(self, community, req.place_id, "联络点所在地点")?;
        let name = text_field("name", "联络点名称", &req.name, 40, false)?;
        let hours = text_field("hours", "开放时间", &req.hours, 60, false)?;
        let note = text_field("note", "备注", &req.note, 200, true)?;
        match (req.keeper_person_id, req.keeper_resident_id) {
            (Some(p), None) => {
                self.person(p)?;
            }
            (None, Some(r)) => {
                let c: Option<Option<Id>> = self
                    .conn
                    .prepare_cached(
                        "SELECT community_id FROM residents WHERE id = ?1 AND deleted = 0",
                    )?
                    .query_row([r.to_string()], |x| x.get(0))
                    .optional()?;
                match c {
                    Some(Some(c)) if c == community => {}
                    Some(_) => {
                        return Err(coded(
                            "keeper_resident_id",
                            linli_domain::msg::CNC_NOT_HERE,
                            linli_domain::args![what = "负责人"],
                        ))
                    }
                    None => {
                        return Err(Error::NotFound {
                            what: "居民",
                            id: r.to_string(),
                        })
                    }
                }
            }
            _ => {
                return Err(coded(
                    "keeper_person_id",
                    linli_domain::msg::CNC_KEEPER_ONE,
                    vec![],
                ))
            }
        }
        let id = req.id.unwrap_or_else(|| self.next_id());
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "liaison_points",
            row_id: id,
            fields: vec![
                ("community_id", json!(community.to_string())),
                ("place_id", json!(req.place_id.map(|p| p.to_string()))),
                ("name", json!(name)),
                (
                    "keeper_person_id",
                    json!(req.keeper_person_id.map(|p| p.to_string())),
                ),
                (
                    "keeper_resident_id",
                    json!(req.keeper_resident_id.map(|p| p.to_string())),
                ),
                ("hours", json!(hours)),
                ("note", json!(note)),
                ("deleted", json!(0)),
            ],
            scope: scope(community),
        })?;
        w.commit()?;
        point_view(&self.conn, id)
    }

    pub fn list_liaison_points(&mut self, req: &ListLiaisonPoints) -> Result<Vec<LiaisonPoint>> {
        let text = req.text.trim();
        let mut out = Vec::new();
        for c in communities(&self.conn, req.community_id)? {
            let ids: Vec<Id> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM liaison_points WHERE community_id = ?1 AND deleted = 0
                     ORDER BY name, id",
                )?
                .query_map([c.to_string()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                let p = point_view(&self.conn, id)?;
                if text.is_empty()
                    || [&p.name, &p.place, &p.keeper, &p.hours]
                        .iter()
                        .any(|s| s.contains(text))
                {
                    out.push(p);
                }
            }
        }
        Ok(out)
    }
}
