//! Deposits as facts: taken at the loan, refunded or forfeited once. A points deposit is a
//! debit of the volunteer's points through the existing ledger (an `adjust` fact with the loan's
//! note), checked against the balance like a redemption, so the server's ledger floor marks an
//! overdraft made offline for review; a refund credits the points back. What the station holds is
//! derived: takes less what settled them.

use linli_domain::lending::{DepositKind, DepositUnit};
use linli_domain::volunteers::LedgerKind;
use linli_domain::Id;
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::scope;
use crate::volunteers::ledger::{balance_of, insert_ledger, NewLedger};
use crate::volunteers::{text_field, volunteer_head};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

pub(crate) struct NewDeposit<'a> {
    pub community: Id,
    pub loan: Option<Id>,
    pub household: Id,
    pub kind: DepositKind,
    pub unit: DepositUnit,
    pub amount: i64,
    pub volunteer: Option<Id>,
    pub settles: Option<Id>,
    pub note: &'a str,
}

/// Writes a deposit fact for `label` (a kind's name): a points take is debited from the
/// volunteer's points (refused when that would take the balance below zero, as a redemption is),
/// a points refund credited back, both through the points ledger.
pub(crate) fn write_deposit(w: &mut Writer<'_>, d: &NewDeposit<'_>, label: &str) -> Result<Id> {
    let today = w.now().today();
    let mut ledger = None;
    if d.unit == DepositUnit::Points {
        let Some(v) = d.volunteer else {
            return Err(Error::conflict(
                linli_domain::msg::LEND_DEPOSIT_WHO,
                linli_domain::args![kind = label, amount = d.amount],
            ));
        };
        let (vc, name) = volunteer_head(w.tx(), v)?;
        let points = match d.kind {
            DepositKind::Take => -d.amount,
            DepositKind::Refund => d.amount,
            _ => 0,
        };
        if points < 0 {
            let b = balance_of(w.tx(), v, &w.now().clone())?;
            if b.balance + points < 0 {
                return Err(Error::conflict(
                    linli_domain::msg::LEND_DEPOSIT_SHORT,
                    linli_domain::args![
                        name = name,
                        balance = b.balance,
                        kind = label,
                        amount = d.amount
                    ],
                ));
            }
        }
        if points != 0 {
            let note = format!("借用押金{}：{label}", d.kind.label_zh());
            ledger = Some(insert_ledger(
                w,
                &NewLedger {
                    volunteer: v,
                    community: vc,
                    kind: LedgerKind::Adjust,
                    points,
                    date: &today,
                    entry: None,
                    item: None,
                    quantity: None,
                    reverses: None,
                    note: &note,
                },
            )?);
        }
    }
    let id = w.id();
    let at = w.now().stamp();
    w.insert_fact(RowWrite {
        table: "lend_deposits",
        row_id: id,
        fields: vec![
            ("community_id", json!(d.community.to_string())),
            ("loan_id", json!(d.loan.map(|l| l.to_string()))),
            ("household_id", json!(d.household.to_string())),
            ("kind", json!(d.kind.code())),
            ("unit", json!(d.unit.code())),
            ("amount", json!(d.amount)),
            ("volunteer_id", json!(d.volunteer.map(|v| v.to_string()))),
            ("ledger_id", json!(ledger.map(|l| l.to_string()))),
            ("settles", json!(d.settles.map(|s| s.to_string()))),
            ("date", json!(today)),
            ("note", json!(d.note)),
            ("at", json!(at)),
        ],
        scope: scope(d.community),
    })?;
    Ok(id)
}

fn deposit_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Deposit> {
    Ok(Deposit {
        id: r.get("id")?,
        household_id: r.get("household_id")?,
        loan_id: r.get("loan_id")?,
        kind: DepositKind::read(&r.get::<_, String>("kind")?),
        unit: DepositUnit::read(&r.get::<_, String>("unit")?),
        amount: r.get("amount")?,
        volunteer_id: r.get("volunteer_id")?,
        ledger_id: r.get("ledger_id")?,
        settles: r.get("settles")?,
        date: r.get("date")?,
        note: r.get("note")?,
        settled: r.get("settled")?,
    })
}

const DEPOSIT_SELECT: &str =
    "SELECT d.*, EXISTS (SELECT 1 FROM lend_deposits s WHERE s.settles = d.id) AS settled
    FROM lend_deposits d";

fn deposit_row(conn: &Connection, id: Id) -> Result<Deposit> {
    conn.prepare_cached(&format!("{DEPOSIT_SELECT} WHERE d.id = ?1"))?
        .query_row([id.to_string()], deposit_of)
        .optional()?
        .ok_or(Error::NotFound {
            what: "押金记录",
            id: id.to_string(),
        })
}

/// The deposits taken for a loan and not yet settled.
pub(crate) fn open_deposits_of_loan(conn: &Connection, loan: Id) -> Result<Vec<Deposit>> {
    let all: Vec<Deposit> = conn
        .prepare_cached(&format!(
            "{DEPOSIT_SELECT} WHERE d.loan_id = ?1 AND d.kind = 'take' ORDER BY d.at, d.id"
        ))?
        .query_map([loan.to_string()], deposit_of)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(all.into_iter().filter(|d| !d.settled).collect())
}

/// Refunds or forfeits one deposit taken.
pub(crate) fn settle(w: &mut Writer<'_>, d: &Deposit, kind: DepositKind, note: &str) -> Result<()> {
    if d.kind != DepositKind::Take || !matches!(kind, DepositKind::Refund | DepositKind::Forfeit) {
        return Err(Error::conflict(linli_domain::msg::DEPOSIT_NOT_TAKE, vec![]));
    }
    let done: Option<String> = w
        .tx()
        .prepare_cached("SELECT id FROM lend_deposits WHERE settles = ?1 LIMIT 1")?
        .query_row([d.id.to_string()], |r| r.get(0))
        .optional()?;
    if done.is_some() {
        return Err(Error::conflict(linli_domain::msg::DEPOSIT_SETTLED, vec![]));
    }
    let community: Id = w.tx().query_row(
        "SELECT community_id FROM lend_deposits WHERE id = ?1",
        [d.id.to_string()],
        |r| r.get(0),
    )?;
    write_deposit(
        w,
        &NewDeposit {
            community,
            loan: d.loan_id,
            household: d.household_id,
            kind,
            unit: d.unit,
            amount: d.amount,
            volunteer: d.volunteer_id,
            settles: Some(d.id),
            note,
        },
        &d.note,
    )?;
    Ok(())
}

pub(crate) fn deposits_of(conn: &Connection, household: Id) -> Result<Deposits> {
    let lines: Vec<Deposit> = conn
        .prepare_cached(&format!(
            "{DEPOSIT_SELECT} WHERE d.household_id = ?1 ORDER BY d.at, d.id"
        ))?
        .query_map([household.to_string()], deposit_of)?
        .collect::<rusqlite::Result<_>>()?;
    let held = |unit: DepositUnit| {
        lines
            .iter()
            .filter(|d| d.unit == unit)
            .map(|d| match d.kind {
                DepositKind::Take => d.amount,
                DepositKind::Refund | DepositKind::Forfeit => -d.amount,
                DepositKind::Unknown => 0,
            })
            .sum()
    };
    Ok(Deposits {
        household_id: household,
        held_yuan: held(DepositUnit::Yuan),
        held_points: held(DepositUnit::Points),
        lines,
    })
}

impl Store {
    pub fn list_deposits(&mut self, req: &ListDeposits) -> Result<Deposits> {
        deposits_of(&self.conn, req.household_id)
    }

    pub fn settle_deposit(&mut self, req: &SettleDeposit) -> Result<Deposits> {
        let d = deposit_row(&self.conn, req.deposit_id)?;
        let note = text_field("note", "备注", &req.note, 200, true)?;
        let mut w = self.begin()?;
        settle(&mut w, &d, req.kind, &note)?;
        w.commit()?;
        deposits_of(&self.conn, d.household_id)
    }
}
