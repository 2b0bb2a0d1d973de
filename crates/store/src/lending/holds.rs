//! Holds queue per kind. A copy that comes back (or back from maintenance, or is found) is set
//! aside for the first household in line until a pickup deadline; a deadline passed is written
//! expired by the next sweep and the copy passes to the next in line.

use linli_domain::calendar::add_days;
use linli_domain::lending::{CopyStatus, HoldState};
use linli_domain::Id;
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::state::{copy_state, hold_state, kind_row, waiting_holds};
use super::stock::rules_of;
use super::{household_head, scope};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

pub(crate) fn hold_event(
    w: &mut Writer<'_>,
    hold: Id,
    community: Id,
    kind: &str,
    copy: Option<Id>,
    pickup_by: Option<&str>,
) -> Result<()> {
    let id = w.id();
    let today = w.now().today();
    let at = w.now().stamp();
    w.insert_fact(RowWrite {
        table: "hold_events",
        row_id: id,
        fields: vec![
            ("hold_id", json!(hold.to_string())),
            ("community_id", json!(community.to_string())),
            ("kind", json!(kind)),
            ("copy_id", json!(copy.map(|c| c.to_string()))),
            ("pickup_by", json!(pickup_by)),
            ("date", json!(today)),
            ("at", json!(at)),
        ],
        scope: scope(community),
    })?;
    Ok(())
}

/// Sets `copy` aside for the first waiting hold of its kind, if it is on the shelf and someone
/// waits. Answers the hold.
pub(crate) fn offer_copy(w: &mut Writer<'_>, copy: Id) -> Result<Option<Id>> {
    let today = w.now().today();
    let st = copy_state(w.tx(), copy, &today)?;
    if st.status != CopyStatus::OnShelf {
        return Ok(None);
    }
    let (kind, community): (Id, Id) = w.tx().query_row(
        "SELECT kind_id, community_id FROM lend_copies WHERE id = ?1",
        [copy.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some(first) = waiting_holds(w.tx(), kind, &today)?.into_iter().next() else {
        return Ok(None);
    };
    let rules = rules_of(w.tx(), community)?;
    let from = st.available_from.unwrap_or(today);
    let until = add_days(&from, rules.pickup_days).unwrap_or(from);
    hold_event(w, first, community, "ready", Some(copy), Some(&until))?;
    Ok(Some(first))
}

/// Writes every lapsed pickup of a community expired and passes its copy on.
pub(crate) fn sweep(w: &mut Writer<'_>, community: Id) -> Result<()> {
    let today = w.now().today();
    let holds: Vec<Id> = w
        .tx()
        .prepare_cached(
            "SELECT DISTINCT e.hold_id FROM hold_events e
             WHERE e.community_id = ?1 AND e.kind = 'ready' AND e.pickup_by < ?2",
        )?
        .query_map([community.to_string(), today.clone()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for h in holds {
        let s = hold_state(w.tx(), h, &today)?;
        if s.lapsed {
            hold_event(w, h, community, "expired", s.copy, None)?;
            if let Some(c) = s.copy {
                offer_copy(w, c)?;
            }
        }
    }
    Ok(())
}

/// The household's open hold on a kind (waiting or ready), if any.
pub(crate) fn open_hold_of(
    conn: &Connection,
    household: Id,
    kind: Id,
    today: &str,
) -> Result<Option<Id>> {
    let ids: Vec<Id> = conn
        .prepare_cached(
            "SELECT id FROM lend_holds WHERE household_id = ?1 AND kind_id = ?2 ORDER BY at, id",
        )?
        .query_map([household.to_string(), kind.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for h in ids {
        if matches!(
            hold_state(conn, h, today)?.state,
            HoldState::Waiting | HoldState::Ready
        ) {
            return Ok(Some(h));
        }
    }
    Ok(None)
}

pub(crate) fn hold_view(conn: &Connection, id: Id, today: &str) -> Result<Hold> {
    let (kind_id, household_id, resident_id, placed_on): (Id, Id, Option<Id>, String) = conn
        .prepare_cached(
            "SELECT kind_id, household_id, resident_id, placed_on FROM lend_holds WHERE id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or(Error::NotFound {
            what: "预约",
            id: id.to_string(),
        })?;
    let kind_name = kind_row(conn, kind_id)
        .map(|k| k.fields.name)
        .unwrap_or_default();
    let s = hold_state(conn, id, today)?;
    let position = if s.state == HoldState::Waiting {
        waiting_holds(conn, kind_id, today)?
            .iter()
            .position(|h| *h == id)
            .map(|p| p as u32 + 1)
    } else {
        None
    };
    let copy_code = match (s.state, s.copy) {
        (HoldState::Ready, Some(c)) => conn
            .prepare_cached("SELECT code FROM lend_copies WHERE id = ?1")?
            .query_row([c.to_string()], |r| r.get(0))
            .optional()?,
        _ => None,
    };
    Ok(Hold {
        id,
        kind_id,
        kind_name,
        household_id,
        household: household_head(conn, household_id)
            .map(|h| h.address)
            .unwrap_or_default(),
        resident_id,
        placed_on,
        state: s.state,
        position,
        pickup_by: copy_code.as_ref().and(s.pickup_by),
        copy_code,
    })
}

impl Store {
    /// Places a household in the queue of a kind; a copy on the shelf is set aside for it at once
    /// when it is first in line.
    pub fn place_hold(&mut self, req: &PlaceHold) -> Result<Hold> {
        let k = kind_row(&self.conn, req.kind_id)?;
        let today = self.now().today();
        super::desk::check_borrower(&self.conn, k.community, req.household_id, &today)?;
        if k.fields.consumable {
            return Err(Error::conflict(
                linli_domain::msg::HOLD_CONSUMABLE,
                linli_domain::args![kind = k.fields.name],
            ));
        }
        if open_hold_of(&self.conn, req.household_id, k.id, &today)?.is_some() {
            return Err(Error::conflict(
                linli_domain::msg::HOLD_ALREADY,
                linli_domain::args![kind = k.fields.name],
            ));
        }
        let mut w = self.begin()?;
        sweep(&mut w, k.community)?;
        let id = w.id();
        let at = w.now().stamp();
        w.insert_fact(RowWrite {
            table: "lend_holds",
            row_id: id,
            fields: vec![
                ("community_id", json!(k.community.to_string())),
                ("kind_id", json!(k.id.to_string())),
                ("household_id", json!(req.household_id.to_string())),
                ("resident_id", json!(req.resident_id.map(|r| r.to_string()))),
                ("placed_on", json!(today)),
                ("at", json!(at)),
            ],
            scope: scope(k.community),
        })?;
        // a copy already on the shelf goes to the first in line
        let on_shelf: Vec<Id> = w
            .tx()
            .prepare_cached(
                "SELECT id FROM lend_copies WHERE kind_id = ?1 AND deleted = 0 ORDER BY code, id",
            )?
            .query_map([k.id.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for c in on_shelf {
            if offer_copy(&mut w, c)?.is_some() {
                break;
            }
        }
        w.commit()?;
        hold_view(&self.conn, id, &today)
    }

    /// Cancels a hold; the copy set aside for it passes to the next in line.
    pub fn cancel_hold(&mut self, req: &CancelHold) -> Result<Hold> {
        let today = self.now().today();
        let s = hold_state(&self.conn, req.hold_id, &today)?;
        let community: Id = self
            .conn
            .query_row(
                "SELECT community_id FROM lend_holds WHERE id = ?1",
                [req.hold_id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(Error::NotFound {
                what: "预约",
                id: req.hold_id.to_string(),
            })?;
        if !matches!(s.state, HoldState::Waiting | HoldState::Ready) {
            return Err(Error::conflict(
                linli_domain::msg::HOLD_CLOSED,
                linli_domain::args![state = s.state.code()],
            ));
        }
        let mut w = self.begin()?;
        hold_event(&mut w, req.hold_id, community, "cancelled", s.copy, None)?;
        if let (HoldState::Ready, Some(c)) = (s.state, s.copy) {
            offer_copy(&mut w, c)?;
        }
        w.commit()?;
        hold_view(&self.conn, req.hold_id, &today)
    }

    /// The holds still waiting or ready, queue order per kind; lapsed pickups are passed on first.
    pub fn list_holds(&mut self, req: &ListHolds) -> Result<Vec<Hold>> {
        let mut w = self.begin()?;
        sweep(&mut w, req.community_id)?;
        w.commit()?;
        let today = self.now().today();
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "SELECT h.id FROM lend_holds h JOIN lend_kinds k ON k.id = h.kind_id
                 WHERE h.community_id = ?1 AND (?2 IS NULL OR h.kind_id = ?2)
                 ORDER BY k.name, h.at, h.id",
            )?
            .query_map(
                rusqlite::params![
                    req.community_id.to_string(),
                    req.kind_id.map(|k| k.to_string())
                ],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for id in ids {
            let h = hold_view(&self.conn, id, &today)?;
            if matches!(h.state, HoldState::Waiting | HoldState::Ready) {
                out.push(h);
            }
        }
        Ok(out)
    }
}
