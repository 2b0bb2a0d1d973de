//! Ledger facts: writing one (earn, redeem, adjust, reverse) and its stock move, reading one
//! back, and reversing one (a redemption's goods go back into stock).

use linli_domain::volunteers::{ItemKind, LedgerKind};
use linli_domain::{DomainError, Id};
use linli_protocol::{AdjustPoints, Balance, ReverseLedger};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::balance::balance_of;
use super::item::item_kind;
use crate::volunteers::{community_scope, text_field, volunteer_head};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

/// A ledger fact as written.
pub(crate) struct NewLedger<'a> {
    pub volunteer: Id,
    pub community: Id,
    pub kind: LedgerKind,
    pub points: i64,
    pub date: &'a str,
    pub entry: Option<Id>,
    pub item: Option<Id>,
    pub quantity: Option<i64>,
    pub reverses: Option<Id>,
    pub note: &'a str,
}

pub(crate) fn insert_ledger(w: &mut Writer<'_>, l: &NewLedger<'_>) -> Result<Id> {
    let id = w.id();
    w.insert_fact(RowWrite {
        table: "ledger",
        row_id: id,
        fields: vec![
            ("volunteer_id", json!(l.volunteer.to_string())),
            ("community_id", json!(l.community.to_string())),
            ("kind", json!(l.kind.code())),
            ("points", json!(l.points)),
            ("date", json!(l.date)),
            ("entry_id", json!(l.entry.map(|e| e.to_string()))),
            ("item_id", json!(l.item.map(|e| e.to_string()))),
            ("quantity", json!(l.quantity)),
            ("reverses", json!(l.reverses.map(|e| e.to_string()))),
            ("note", json!(l.note)),
            ("at", json!(w.now().stamp())),
        ],
        scope: community_scope(l.community),
    })?;
    Ok(id)
}

pub(super) fn stock_move(
    w: &mut Writer<'_>,
    community: Id,
    item: Id,
    delta: i64,
    ledger: Option<Id>,
) -> Result<()> {
    let id = w.id();
    w.insert_fact(RowWrite {
        table: "stock_moves",
        row_id: id,
        fields: vec![
            ("item_id", json!(item.to_string())),
            ("delta", json!(delta)),
            ("ledger_id", json!(ledger.map(|l| l.to_string()))),
            ("at", json!(w.now().stamp())),
        ],
        scope: community_scope(community),
    })?;
    Ok(())
}

pub(super) struct Fact {
    pub volunteer: Id,
    pub community: Id,
    pub kind: LedgerKind,
    pub points: i64,
    pub entry: Option<Id>,
    pub item: Option<Id>,
    pub quantity: Option<i64>,
}

pub(super) fn fact(conn: &Connection, id: Id) -> Result<Fact> {
    let row = conn
        .prepare_cached(
            "SELECT volunteer_id, community_id, kind, points, entry_id, item_id, quantity
             FROM ledger WHERE id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            let community: Option<Id> = r.get("community_id")?;
            Ok((
                community,
                Fact {
                    volunteer: r.get("volunteer_id")?,
                    community: Id::from_uuid(Default::default()),
                    kind: LedgerKind::read(&r.get::<_, String>("kind")?),
                    points: r.get("points")?,
                    entry: r.get("entry_id")?,
                    item: r.get("item_id")?,
                    quantity: r.get("quantity")?,
                },
            ))
        })
        .optional()?;
    let (community, mut fact) = row.ok_or(Error::NotFound {
        what: "积分记录",
        id: id.to_string(),
    })?;
    // a fact written before the ledger kept its community takes its volunteer's
    fact.community = match community {
        Some(c) => c,
        None => volunteer_head(conn, fact.volunteer)?.0,
    };
    Ok(fact)
}

/// Writes the reversal of a ledger fact (a redemption's goods go back into stock). A reversal
/// cannot be reversed, nor a fact twice.
pub(crate) fn reverse_fact(
    w: &mut Writer<'_>,
    id: Id,
    reason: &str,
    date: Option<&str>,
) -> Result<Id> {
    let f = fact(w.tx(), id)?;
    if f.kind == LedgerKind::Reverse {
        return Err(
            DomainError::coded("ledger_id", linli_domain::msg::LEDGER_IS_REVERSAL, vec![]).into(),
        );
    }
    let done: Option<String> = w
        .tx()
        .prepare_cached("SELECT id FROM ledger WHERE reverses = ?1 LIMIT 1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    if done.is_some() {
        return Err(Error::conflict(
            linli_domain::msg::LEDGER_ALREADY_REVERSED,
            vec![],
        ));
    }
    let today = w.now().today();
    let rid = insert_ledger(
        w,
        &NewLedger {
            volunteer: f.volunteer,
            community: f.community,
            kind: LedgerKind::Reverse,
            points: -f.points,
            date: date.unwrap_or(&today),
            entry: f.entry,
            item: f.item,
            quantity: f.quantity,
            reverses: Some(id),
            note: reason,
        },
    )?;
    if let (LedgerKind::Redeem, Some(item), Some(q)) = (f.kind, f.item, f.quantity) {
        if item_kind(w.tx(), item)? == ItemKind::Goods {
            stock_move(w, f.community, item, q, Some(rid))?;
        }
    }
    Ok(rid)
}

impl Store {
    pub fn adjust_points(&mut self, req: &AdjustPoints) -> Result<Balance> {
        let (community, name) = volunteer_head(&self.conn, req.volunteer_id)?;
        let reason = text_field("reason", "调整原因", &req.reason, 200, false)?;
        if req.points == 0 || req.points.abs() > 100_000 {
            return Err(DomainError::coded(
                "points",
                linli_domain::msg::ADJUST_POINTS_RANGE,
                vec![],
            )
            .into());
        }
        let b = balance_of(&self.conn, req.volunteer_id, &self.now())?;
        if b.balance + req.points < 0 {
            return Err(Error::conflict(
                linli_domain::msg::ADJUST_BELOW_ZERO,
                linli_domain::args![name = name, balance = b.balance, points = -req.points],
            ));
        }
        let mut w = self.begin()?;
        let today = w.now().today();
        insert_ledger(
            &mut w,
            &NewLedger {
                volunteer: req.volunteer_id,
                community,
                kind: LedgerKind::Adjust,
                points: req.points,
                date: &today,
                entry: None,
                item: None,
                quantity: None,
                reverses: None,
                note: &reason,
            },
        )?;
        w.commit()?;
        balance_of(&self.conn, req.volunteer_id, &self.now())
    }

    pub fn reverse_ledger(&mut self, req: &ReverseLedger) -> Result<Balance> {
        let reason = text_field("reason", "冲正原因", &req.reason, 200, false)?;
        let f = fact(&self.conn, req.ledger_id)?;
        if f.kind == LedgerKind::Earn {
            return Err(DomainError::coded(
                "ledger_id",
                linli_domain::msg::SERVICE_POINTS_VIA_HOURS,
                vec![],
            )
            .into());
        }
        let mut w = self.begin()?;
        reverse_fact(&mut w, req.ledger_id, &reason, None)?;
        w.commit()?;
        balance_of(&self.conn, f.volunteer, &self.now())
    }
}
