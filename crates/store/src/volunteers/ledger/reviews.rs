//! A volunteer's statement, and the reviews the server's ledger floor asks for: its overdraw
//! marks recorded, listed and resolved (accepted, or reversed).

use std::collections::BTreeMap;

use linli_domain::volunteers::LedgerKind;
use linli_domain::{DomainError, Id};
use linli_protocol::{
    Balance, LedgerStatement, ListReviews, ResolveReview, Review, ReviewResolution, Statement,
    StatementLine,
};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::balance::balance_of;
use super::facts::{fact, reverse_fact};
use super::REVIEWS;
use crate::volunteers::{community_scope, text_field, volunteer_head};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

pub(crate) fn statement_lines(conn: &Connection, volunteer: Id) -> Result<Vec<StatementLine>> {
    let mut running = 0;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id, l.date, l.kind, l.points, l.reverses, l.note,
                EXISTS (SELECT 1 FROM {REVIEWS} rv WHERE rv.ledger_id = l.id) AS reviewed,
                (SELECT rs.resolution FROM ledger_resolutions rs WHERE rs.ledger_id = l.id
                 ORDER BY rs.at DESC, rs.id DESC LIMIT 1) AS resolution,
                coalesce(l.entry_id,
                         (SELECT o.entry_id FROM ledger o WHERE o.id = l.reverses)) AS entry_id
         FROM ledger l WHERE l.volunteer_id = ?1 ORDER BY l.date, l.at, l.id"
    ))?;
    let lines = stmt.query_map([volunteer.to_string()], |r| {
        let points: i64 = r.get("points")?;
        running += points;
        let kind = LedgerKind::read(&r.get::<_, String>("kind")?);
        let note: String = r.get("note")?;
        let description = match kind {
            LedgerKind::Earn => format!("{}：{note}", kind.label_zh()),
            _ if note.is_empty() => kind.label_zh().to_owned(),
            _ => format!("{}：{note}", kind.label_zh()),
        };
        let resolution: Option<String> = r.get("resolution")?;
        Ok(StatementLine {
            id: r.get("id")?,
            date: r.get("date")?,
            kind,
            points,
            running,
            description,
            reverses: r.get("reverses")?,
            needs_review: r.get::<_, bool>("reviewed")? && resolution.is_none(),
            resolution: resolution.map(|r| match r.as_str() {
                "accepted" => "已核查，兑换保留".to_owned(),
                "reversed" => "已核查并冲正".to_owned(),
                other => other.to_owned(),
            }),
            entry_id: r.get("entry_id")?,
        })
    })?;
    Ok(lines.collect::<rusqlite::Result<_>>()?)
}

/// Records the server's mark that a ledger fact overdrew its volunteer's balance. Called when
/// sync pulls the mark; the row's id is the fact's, so a mark recorded twice is one row.
fn insert_review(w: &mut Writer<'_>, ledger_id: Id, reason: &str) -> Result<()> {
    let at = w.now().stamp();
    let f = fact(w.tx(), ledger_id)?;
    let exists: Option<i64> = w
        .tx()
        .prepare_cached("SELECT 1 FROM ledger_reviews WHERE id = ?1")?
        .query_row([ledger_id.to_string()], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        return Ok(());
    }
    w.insert_fact(RowWrite {
        table: "ledger_reviews",
        row_id: ledger_id,
        fields: vec![
            ("ledger_id", json!(ledger_id.to_string())),
            ("reason", json!(reason)),
            ("at", json!(at)),
        ],
        scope: community_scope(f.community),
    })?;
    Ok(())
}

impl Store {
    pub fn ledger_statement(&self, req: &LedgerStatement) -> Result<Statement> {
        let (community, name) = volunteer_head(&self.conn, req.volunteer_id)?;
        let community_name = self.place(community).map(|p| p.name).unwrap_or_default();
        Ok(Statement {
            volunteer_id: req.volunteer_id,
            volunteer_name: name,
            community_name,
            lines: statement_lines(&self.conn, req.volunteer_id)?,
            balance: balance_of(&self.conn, req.volunteer_id, &self.now())?,
            hours: crate::volunteers::totals::verified_hours_of(&self.conn, req.volunteer_id)?,
        })
    }

    /// Records the server's review mark on a ledger fact (the sync engine calls this on pull).
    pub fn record_ledger_review(&mut self, ledger_id: Id, reason: &str) -> Result<()> {
        let mut w = self.begin()?;
        insert_review(&mut w, ledger_id, reason)?;
        w.commit()
    }

    pub fn resolve_review(&mut self, req: &ResolveReview) -> Result<Balance> {
        let f = fact(&self.conn, req.ledger_id)?;
        let marked: Option<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT 1 FROM {REVIEWS} rv WHERE rv.ledger_id = ?1"
            ))?
            .query_row([req.ledger_id.to_string()], |r| r.get(0))
            .optional()?;
        if marked.is_none() {
            return Err(DomainError::coded(
                "ledger_id",
                linli_domain::msg::LEDGER_NOT_FLAGGED,
                vec![],
            )
            .into());
        }
        let done: Option<i64> = self
            .conn
            .prepare_cached("SELECT 1 FROM ledger_resolutions WHERE ledger_id = ?1")?
            .query_row([req.ledger_id.to_string()], |r| r.get(0))
            .optional()?;
        if done.is_some() {
            return Err(Error::conflict(
                linli_domain::msg::REVIEW_ALREADY_DONE,
                vec![],
            ));
        }
        let note = text_field("note", "说明", &req.note, 200, true)?;
        let mut w = self.begin()?;
        let (resolution, reversal) = match req.resolution {
            ReviewResolution::Accept => ("accepted", None),
            ReviewResolution::Reverse => {
                let reason = if note.is_empty() {
                    "超支核查后冲正"
                } else {
                    &note
                };
                (
                    "reversed",
                    Some(reverse_fact(&mut w, req.ledger_id, reason, None)?),
                )
            }
        };
        let id = w.id();
        w.insert_fact(RowWrite {
            table: "ledger_resolutions",
            row_id: id,
            fields: vec![
                ("ledger_id", json!(req.ledger_id.to_string())),
                ("resolution", json!(resolution)),
                ("reversal_id", json!(reversal.map(|r| r.to_string()))),
                ("note", json!(note)),
                ("at", json!(w.now().stamp())),
            ],
            scope: community_scope(f.community),
        })?;
        w.commit()?;
        balance_of(&self.conn, f.volunteer, &self.now())
    }

    pub fn list_reviews(&self, req: &ListReviews) -> Result<Vec<Review>> {
        type Row = (String, String, String, String);
        let rows: Vec<Row> = self
            .conn
            .prepare_cached(
                &format!("SELECT rv.ledger_id, l.volunteer_id, coalesce(v.name, ''), max(rv.reason)
                 FROM {REVIEWS} rv JOIN ledger l ON l.id = rv.ledger_id
                 LEFT JOIN volunteers v ON v.id = l.volunteer_id
                 WHERE (?1 IS NULL OR l.community_id = ?1)
                 AND NOT EXISTS (SELECT 1 FROM ledger_resolutions rs WHERE rs.ledger_id = rv.ledger_id)
                 GROUP BY rv.ledger_id ORDER BY l.date, l.at, l.id"),
            )?
            .query_map([req.community_id.map(|c| c.to_string())], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut by_volunteer: BTreeMap<Id, Vec<StatementLine>> = BTreeMap::new();
        rows.into_iter()
            .map(|(lid, vid, name, reason)| {
                let (lid, vid): (Id, Id) = (lid.parse()?, vid.parse()?);
                if let std::collections::btree_map::Entry::Vacant(e) = by_volunteer.entry(vid) {
                    e.insert(statement_lines(&self.conn, vid)?);
                }
                let line = by_volunteer[&vid]
                    .iter()
                    .find(|l| l.id == lid)
                    .cloned()
                    .ok_or(Error::NotFound {
                        what: "积分记录",
                        id: lid.to_string(),
                    })?;
                Ok(Review {
                    ledger_id: lid,
                    volunteer_id: vid,
                    volunteer_name: name,
                    line,
                    reason,
                })
            })
            .collect()
    }
}
