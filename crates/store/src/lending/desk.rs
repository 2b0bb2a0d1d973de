//! The desk: a basket of scanned codes lent to a household (all or none), renewals refused with
//! a reason, and voiding one of two loans two laptops made of one copy offline. Returns are in
//! `returns`, the loan lists in `loans`.

use std::collections::HashSet;

use linli_domain::calendar::add_days;
use linli_domain::lending::{self as words, CopyStatus, DepositKind, DepositUnit, ReturnOutcome};
use linli_domain::{DomainError, Id};
use linli_protocol::*;
use rusqlite::Connection;
use serde_json::json;

use super::deposits::{open_deposits_of_loan, settle, write_deposit, NewDeposit};
use super::holds::{hold_event, offer_copy, open_hold_of, sweep};
use super::state::{copy_row, copy_state, kind_row, loan_row, loans_where, waiting_holds, LoanRow};
use super::stock::{copy_by_code, rules_of};
use super::{household_head, resident_name, scope};
use crate::volunteers::text_field;
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

/// The household may borrow here: it is of the station's community, and nothing of it is overdue
/// beyond the community's block.
pub(crate) fn check_borrower(
    conn: &Connection,
    community: Id,
    household: Id,
    today: &str,
) -> Result<()> {
    let h = household_head(conn, household)?;
    if h.community != Some(community) {
        return Err(DomainError::coded(
            "household_id",
            linli_domain::msg::LEND_HOUSEHOLD_NOT_HERE,
            vec![],
        )
        .into());
    }
    let rules = rules_of(conn, community)?;
    for l in loans_where(conn, "household_id = ?1", &household.to_string())? {
        let days = l.overdue_days(today);
        if days > rules.block_overdue_days {
            let (code, kind) = names(conn, &l)?;
            return Err(Error::conflict(
                linli_domain::msg::LEND_OVERDUE_BLOCK,
                linli_domain::args![
                    code = code,
                    kind = kind,
                    days = days,
                    limit = rules.block_overdue_days
                ],
            ));
        }
    }
    Ok(())
}

/// A loan's copy code and kind name.
fn names(conn: &Connection, l: &LoanRow) -> Result<(String, String)> {
    let code: String = conn
        .prepare_cached("SELECT code FROM lend_copies WHERE id = ?1")?
        .query_row([l.copy_id.to_string()], |r| r.get(0))
        .unwrap_or_default();
    let kind = kind_row(conn, l.kind_id)
        .map(|k| k.fields.name)
        .unwrap_or_default();
    Ok((code, kind))
}

pub(crate) fn loan_view(conn: &Connection, l: &LoanRow, today: &str) -> Result<Loan> {
    let (code, kind_name) = names(conn, l)?;
    let h = household_head(conn, l.household_id)?;
    let open_on_copy = loans_where(conn, "copy_id = ?1", &l.copy_id.to_string())?
        .iter()
        .filter(|o| o.open())
        .count();
    Ok(Loan {
        id: l.id,
        community_id: l.community,
        copy_id: l.copy_id,
        code,
        kind_id: l.kind_id,
        kind_name,
        household_id: l.household_id,
        household: h.address,
        building_id: h.building,
        building: h.building_name,
        resident_id: l.resident_id,
        borrower: resident_name(conn, l.resident_id)?,
        lent_on: l.lent_on.clone(),
        due: l.due.clone(),
        renewals: l.renewals,
        handout: l.handout,
        closed_on: l.closed_on.clone(),
        outcome: l.outcome,
        overdue_days: l.overdue_days(today),
        conflict: l.open() && open_on_copy > 1,
    })
}

/// What a return records beside its outcome: the condition, the parts missing, a note.
#[derive(Default)]
pub(super) struct Said<'a> {
    pub condition: &'a str,
    pub missing: &'a [String],
    pub note: &'a str,
}

pub(super) fn loan_event(
    w: &mut Writer<'_>,
    l: &LoanRow,
    kind: &str,
    due: Option<&str>,
    outcome: Option<ReturnOutcome>,
    said: Said<'_>,
) -> Result<()> {
    let Said {
        condition,
        missing,
        note,
    } = said;
    let id = w.id();
    let (today, at) = (w.now().today(), w.now().stamp());
    w.insert_fact(RowWrite {
        table: "loan_events",
        row_id: id,
        fields: vec![
            ("loan_id", json!(l.id.to_string())),
            ("community_id", json!(l.community.to_string())),
            ("kind", json!(kind)),
            ("date", json!(today)),
            ("due", json!(due)),
            ("outcome", json!(outcome.map(|o| o.code()))),
            ("condition", json!(condition)),
            ("missing_parts", json!(serde_json::to_string(missing)?)),
            ("note", json!(note)),
            ("at", json!(at)),
        ],
        scope: scope(l.community),
    })?;
    Ok(())
}

impl Store {
    /// Lends a basket to a household: every copy checked first (on the shelf or set aside for
    /// this household, past its buffer, approved when its kind asks), the household's limit and
    /// overdue block, then the loans, their deposits and the holds they fulfil, in one transaction.
    pub fn lend(&mut self, req: &Lend) -> Result<Vec<Loan>> {
        let today = self.now().today();
        if req.codes.is_empty() {
            return Err(
                DomainError::coded("codes", linli_domain::msg::LEND_BASKET_EMPTY, vec![]).into(),
            );
        }
        if req.codes.len() > words::MAX_BASKET {
            return Err(DomainError::coded(
                "codes",
                linli_domain::msg::LEND_BASKET_TOO_BIG,
                linli_domain::args![max = words::MAX_BASKET],
            )
            .into());
        }
        let note = text_field("note", "备注", &req.note, 200, true)?;
        let approved_by = text_field("approved_by", "批准人", &req.approved_by, 20, true)?;
        let due = crate::volunteers::opt_date("due", req.due.as_deref())?;
        if let Some(d) = due.as_deref().filter(|d| *d < today.as_str()) {
            return Err(DomainError::coded(
                "due",
                linli_domain::msg::LEND_BAD_DUE,
                linli_domain::args![due = d, today = today],
            )
            .into());
        }
        check_borrower(&self.conn, req.community_id, req.household_id, &today)?;
        let mut w = self.begin()?;
        sweep(&mut w, req.community_id)?;
        let mut seen = HashSet::new();
        let mut basket = Vec::new();
        for code in &req.codes {
            let copy = copy_by_code(w.tx(), req.community_id, code)?;
            let c = copy_row(w.tx(), copy)?;
            if !seen.insert(copy) {
                return Err(DomainError::coded(
                    "codes",
                    linli_domain::msg::LEND_CODE_IN_BASKET_TWICE,
                    linli_domain::args![code = c.fields.code],
                )
                .into());
            }
            let k = kind_row(w.tx(), c.kind_id)?;
            let st = copy_state(w.tx(), copy, &today)?;
            let mine = open_hold_of(w.tx(), req.household_id, k.id, &today)?;
            match st.status {
                CopyStatus::OnShelf => {}
                CopyStatus::HeldForPickup => {
                    if let Some((hold, until)) = &st.held_for {
                        if Some(*hold) != mine {
                            return Err(Error::conflict(
                                linli_domain::msg::LEND_HELD_FOR_OTHER,
                                linli_domain::args![
                                    code = c.fields.code,
                                    kind = k.fields.name,
                                    until = until
                                ],
                            ));
                        }
                    }
                }
                s => {
                    return Err(Error::conflict(
                        linli_domain::msg::LEND_NOT_AVAILABLE,
                        linli_domain::args![
                            code = c.fields.code,
                            kind = k.fields.name,
                            status = s.code()
                        ],
                    ))
                }
            }
            if let Some(from) = &st.available_from {
                return Err(Error::conflict(
                    linli_domain::msg::LEND_IN_BUFFER,
                    linli_domain::args![code = c.fields.code, kind = k.fields.name, from = from],
                ));
            }
            if k.fields.needs_approval && approved_by.is_empty() {
                return Err(Error::conflict(
                    linli_domain::msg::LEND_NEEDS_APPROVAL,
                    linli_domain::args![kind = k.fields.name],
                ));
            }
            basket.push((c, k, mine));
        }
        // the household's limit counts what is out and what this basket adds (hand-outs apart)
        let rules = rules_of(w.tx(), req.community_id)?;
        let open = loans_where(w.tx(), "household_id = ?1", &req.household_id.to_string())?
            .iter()
            .filter(|l| l.open())
            .count() as i64;
        let more = basket
            .iter()
            .filter(|(_, k, _)| !k.fields.consumable)
            .count() as i64;
        if more > 0 && open + more > rules.max_loans {
            return Err(Error::conflict(
                linli_domain::msg::LEND_LIMIT,
                linli_domain::args![open = open, max = rules.max_loans, more = more],
            ));
        }
        let note = if approved_by.is_empty() {
            note
        } else {
            format!(
                "批准：{approved_by}{}{note}",
                if note.is_empty() { "" } else { "；" }
            )
        };
        let mut ids = Vec::new();
        for (c, k, mine) in basket {
            let handout = k.fields.consumable;
            let due = if handout {
                String::new()
            } else {
                due.clone().unwrap_or_else(|| {
                    add_days(&today, k.fields.loan_days).unwrap_or(today.clone())
                })
            };
            let id = w.id();
            let at = w.now().stamp();
            w.insert_fact(RowWrite {
                table: "loans",
                row_id: id,
                fields: vec![
                    ("community_id", json!(req.community_id.to_string())),
                    ("copy_id", json!(c.id.to_string())),
                    ("kind_id", json!(k.id.to_string())),
                    ("household_id", json!(req.household_id.to_string())),
                    ("resident_id", json!(req.resident_id.map(|r| r.to_string()))),
                    ("lent_on", json!(today)),
                    ("due", json!(due)),
                    ("handout", json!(handout)),
                    ("note", json!(note)),
                    ("at", json!(at)),
                ],
                scope: scope(req.community_id),
            })?;
            if let Some(hold) = mine {
                // the household's hold is fulfilled; a copy it was set aside elsewhere passes on
                let s = super::state::hold_state(w.tx(), hold, &today)?;
                hold_event(
                    &mut w,
                    hold,
                    req.community_id,
                    "fulfilled",
                    Some(c.id),
                    None,
                )?;
                if let Some(other) = s.copy.filter(|o| *o != c.id) {
                    offer_copy(&mut w, other)?;
                }
            }
            if k.fields.deposit_unit != DepositUnit::None && k.fields.deposit > 0 && !handout {
                write_deposit(
                    &mut w,
                    &NewDeposit {
                        community: req.community_id,
                        loan: Some(id),
                        household: req.household_id,
                        kind: DepositKind::Take,
                        unit: k.fields.deposit_unit,
                        amount: k.fields.deposit,
                        volunteer: req.deposit_volunteer_id,
                        settles: None,
                        note: &k.fields.name,
                    },
                    &k.fields.name,
                )?;
            }
            ids.push(id);
        }
        w.commit()?;
        ids.into_iter()
            .map(|id| loan_view(&self.conn, &loan_row(&self.conn, id)?, &today))
            .collect()
    }

    /// Renews a loan by its kind's loan days, refused while another household waits for the
    /// kind, when the loan is overdue beyond the community's limit, or past the kind's renewals.
    pub fn renew_loan(&mut self, req: &RenewLoan) -> Result<Loan> {
        let today = self.now().today();
        let l = loan_row(&self.conn, req.loan_id)?;
        if l.handout {
            return Err(Error::conflict(linli_domain::msg::RENEW_HANDOUT, vec![]));
        }
        if !l.open() {
            return Err(Error::conflict(linli_domain::msg::LEND_LOAN_CLOSED, vec![]));
        }
        let k = kind_row(&self.conn, l.kind_id)?;
        let (code, _) = names(&self.conn, &l)?;
        let waiting = waiting_holds(&self.conn, k.id, &today)?.len();
        if waiting > 0 {
            return Err(Error::conflict(
                linli_domain::msg::RENEW_HOLD_WAITING,
                linli_domain::args![n = waiting, kind = k.fields.name],
            ));
        }
        let rules = rules_of(&self.conn, l.community)?;
        let days = l.overdue_days(&today);
        if days > rules.renew_overdue_days {
            return Err(Error::conflict(
                linli_domain::msg::RENEW_LONG_OVERDUE,
                linli_domain::args![code = code, days = days, limit = rules.renew_overdue_days],
            ));
        }
        if i64::from(l.renewals) >= k.fields.max_renewals {
            return Err(Error::conflict(
                linli_domain::msg::RENEW_LIMIT,
                linli_domain::args![
                    kind = k.fields.name,
                    max = k.fields.max_renewals,
                    n = l.renewals
                ],
            ));
        }
        let new_due = add_days(&today, k.fields.loan_days)
            .filter(|d| *d > l.due)
            .unwrap_or_else(|| l.due.clone());
        let mut w = self.begin()?;
        loan_event(&mut w, &l, "renew", Some(&new_due), None, Said::default())?;
        w.commit()?;
        loan_view(&self.conn, &loan_row(&self.conn, l.id)?, &today)
    }

    /// Voids a loan: the copy never left on it (one of two loans two laptops made offline).
    pub fn void_loan(&mut self, req: &VoidLoan) -> Result<Loan> {
        let today = self.now().today();
        let reason = text_field("reason", "作废原因", &req.reason, 200, false)?;
        let l = loan_row(&self.conn, req.loan_id)?;
        if !l.open() {
            return Err(Error::conflict(linli_domain::msg::LEND_LOAN_CLOSED, vec![]));
        }
        let mut w = self.begin()?;
        loan_event(
            &mut w,
            &l,
            "void",
            None,
            None,
            Said {
                note: &reason,
                ..Said::default()
            },
        )?;
        for d in open_deposits_of_loan(w.tx(), l.id)? {
            settle(&mut w, &d, DepositKind::Refund, &reason)?;
        }
        w.commit()?;
        loan_view(&self.conn, &loan_row(&self.conn, l.id)?, &today)
    }
}
