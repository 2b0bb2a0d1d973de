//! A station's figures for a month (`linli report lending`), and every loan as rows for
//! `linli export loans`.

use std::collections::{BTreeMap, BTreeSet};

use linli_domain::calendar::month_bounds;
use linli_domain::lending::{CopyStatus, ReturnOutcome};
use linli_domain::{DomainError, Id};
use linli_protocol::*;
use rusqlite::Connection;

use super::desk::loan_view;
use super::state::{copy_state, loans_where};
use crate::{Result, Store};

/// The communities under `place` (itself when a community; every community when none).
pub(crate) fn communities_under(conn: &Connection, place: Option<Id>) -> Result<Vec<Id>> {
    let sql = "WITH RECURSIVE under(id) AS (SELECT ?1 UNION SELECT p.id FROM places p JOIN under u ON p.parent_id = u.id)
               SELECT p.id FROM places p WHERE p.kind = 'community' AND p.deleted = 0
               AND (?1 IS NULL OR p.id IN (SELECT id FROM under)) ORDER BY p.id";
    Ok(conn
        .prepare_cached(sql)?
        .query_map([place.map(|p| p.to_string())], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The figures of a month for the communities under a place: loans and hand-outs made,
    /// returns, renewals and holds placed in the month; households that borrowed; loans open and
    /// overdue at the month's end (today for this month); copies lost; loans per copy per kind.
    pub fn lending_report(&mut self, req: &LendingReport) -> Result<LendingFigures> {
        let today = self.now().today();
        let month = req
            .month
            .clone()
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| today[..7].to_owned());
        let Some((first, last)) = month_bounds(month.trim()) else {
            return Err(DomainError::coded(
                "month",
                linli_domain::msg::BAD_DATE,
                linli_domain::args![value = month],
            )
            .into());
        };
        let end = if last.as_str() < today.as_str() {
            last.clone()
        } else {
            today.clone()
        };
        let in_month = |d: &str| d >= first.as_str() && d <= last.as_str();
        let mut f = LendingFigures {
            month: month.trim().to_owned(),
            place_id: req.place_id,
            loans: 0,
            handouts: 0,
            returns: 0,
            renewals: 0,
            holds_placed: 0,
            active_borrowers: 0,
            overdue: 0,
            open: 0,
            overdue_rate: 0.0,
            lost: 0,
            conflicts: 0,
            kinds: Vec::new(),
        };
        let mut borrowers = BTreeSet::new();
        let mut per_kind: BTreeMap<Id, u32> = BTreeMap::new();
        for c in communities_under(&self.conn, req.place_id)? {
            let cs = c.to_string();
            let loans = loans_where(&self.conn, "community_id = ?1", &cs)?;
            let mut open_per_copy: BTreeMap<Id, u32> = BTreeMap::new();
            for l in &loans {
                if in_month(&l.lent_on) {
                    if l.handout {
                        f.handouts += 1;
                    } else {
                        f.loans += 1;
                        *per_kind.entry(l.kind_id).or_default() += 1;
                    }
                    borrowers.insert(l.household_id);
                }
                if let Some(day) = l.closed_on.as_deref().filter(|d| in_month(d)) {
                    if !l.voided {
                        f.returns += 1;
                    }
                    if l.outcome == Some(ReturnOutcome::Lost) {
                        f.lost += 1;
                    }
                    let _ = day;
                }
                // open at the month's end: lent by then, not closed by then
                let open_then = !l.handout
                    && l.lent_on.as_str() <= end.as_str()
                    && l.closed_on.as_deref().is_none_or(|d| d > end.as_str());
                if open_then {
                    f.open += 1;
                    if l.due.as_str() < end.as_str() {
                        f.overdue += 1;
                    }
                }
                if l.open() {
                    *open_per_copy.entry(l.copy_id).or_default() += 1;
                }
            }
            f.conflicts += open_per_copy.values().filter(|n| **n > 1).count() as u32;
            let count = |sql: &str| -> Result<u32> {
                Ok(self
                    .conn
                    .query_row(sql, rusqlite::params![cs, first, last], |r| r.get(0))?)
            };
            f.renewals += count(
                "SELECT count(*) FROM loan_events WHERE community_id = ?1 AND kind = 'renew' AND date BETWEEN ?2 AND ?3",
            )?;
            f.holds_placed += count(
                "SELECT count(*) FROM lend_holds WHERE community_id = ?1 AND placed_on BETWEEN ?2 AND ?3",
            )?;
            f.lost += count(
                "SELECT count(*) FROM copy_events WHERE community_id = ?1 AND kind = 'lost' AND date BETWEEN ?2 AND ?3",
            )?;
            let kinds: Vec<(Id, String)> = self
                .conn
                .prepare_cached("SELECT id, name FROM lend_kinds WHERE community_id = ?1 AND deleted = 0 AND consumable = 0 ORDER BY name, id")?
                .query_map([&cs], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (kind_id, name) in kinds {
                let copies: Vec<Id> = self
                    .conn
                    .prepare_cached(
                        "SELECT id FROM lend_copies WHERE kind_id = ?1 AND deleted = 0",
                    )?
                    .query_map([kind_id.to_string()], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                let mut live = 0;
                for c in copies {
                    if !matches!(
                        copy_state(&self.conn, c, &today)?.status,
                        CopyStatus::Retired | CopyStatus::Lost | CopyStatus::HandedOut
                    ) {
                        live += 1;
                    }
                }
                let loans = per_kind.get(&kind_id).copied().unwrap_or(0);
                f.kinds.push(KindTurnover {
                    kind_id,
                    name,
                    copies: live,
                    loans,
                    turnover: if live == 0 {
                        0.0
                    } else {
                        round2(f64::from(loans) / f64::from(live))
                    },
                });
            }
        }
        f.active_borrowers = borrowers.len() as u32;
        f.overdue_rate = if f.open == 0 {
            0.0
        } else {
            round2(f64::from(f.overdue) / f64::from(f.open))
        };
        Ok(f)
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Every loan of the communities under `place` as rows under a Chinese header, for
/// `linli export loans`: code, kind, household, borrower, lent, due, renewals, returned,
/// outcome, overdue days, conflict.
pub fn export_loans(store: &Store, place: Option<Id>) -> Result<Vec<Vec<String>>> {
    let conn = &store.conn;
    let today = store.now().today();
    let mut rows = vec![[
        "编码",
        "物品",
        "住户",
        "借用人",
        "借出日期",
        "应还日期",
        "续借次数",
        "归还日期",
        "结果",
        "逾期天数",
        "冲突",
    ]
    .map(str::to_owned)
    .to_vec()];
    for c in communities_under(conn, place)? {
        for l in loans_where(conn, "community_id = ?1", &c.to_string())? {
            let v = loan_view(conn, &l, &today)?;
            let outcome = match (v.handout, v.outcome, l.voided) {
                (true, _, _) => "发放".to_owned(),
                (_, _, true) => "作废".to_owned(),
                (_, Some(o), _) => o.label_zh().to_owned(),
                _ => "在借".to_owned(),
            };
            rows.push(vec![
                v.code,
                v.kind_name,
                v.household,
                v.borrower,
                v.lent_on,
                v.due,
                v.renewals.to_string(),
                v.closed_on.unwrap_or_default(),
                outcome,
                v.overdue_days.to_string(),
                if v.conflict { "是" } else { "" }.to_owned(),
            ]);
        }
    }
    Ok(rows)
}
