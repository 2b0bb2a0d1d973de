//! Returns at the desk: a basket of codes back, each with its outcome (归还, 损坏, 遗失), its
//! condition, the parts missing and photos taken as it came back (kept as the copy's
//! attachments, by the one attachments mechanism); deposits settled; a copy back on the shelf
//! set aside for the first hold in line.

use linli_domain::lending::{self as words, DepositKind, ReturnOutcome};
use linli_domain::DomainError;
use linli_protocol::{ReturnLoans, Returned};

use super::deposits::{open_deposits_of_loan, settle};
use super::desk::{loan_event, loan_view, Said};
use super::holds::{hold_view, offer_copy, sweep};
use super::scope;
use super::state::{copy_row, loan_row, loans_where, LoanRow};
use super::stock::{copy_by_code, set_condition};
use crate::field::attachments::write_staged;
use crate::volunteers::text_field;
use crate::{Error, Result, Store};

impl Store {
    /// Returns a basket: each loan closed with its outcome; a damaged copy goes to maintenance,
    /// a lost one is lost; deposits are refunded (forfeited when lost) unless said otherwise; a
    /// copy back on the shelf is set aside for the first hold in line.
    pub fn return_loans(&mut self, req: &ReturnLoans) -> Result<Vec<Returned>> {
        let today = self.now().today();
        if req.items.is_empty() {
            return Err(
                DomainError::coded("items", linli_domain::msg::LEND_BASKET_EMPTY, vec![]).into(),
            );
        }
        // photos are checked and their bytes kept before anything is written: one refused
        // returns nothing, and says which photo and why
        let staged = req
            .items
            .iter()
            .map(|i| i.photos.iter().map(|p| self.stage_photo(p)).collect())
            .collect::<Result<Vec<Vec<_>>>>()?;
        let mut w = self.begin()?;
        sweep(&mut w, req.community_id)?;
        let mut done = Vec::new();
        for (item, photos) in req.items.iter().zip(&staged) {
            let condition = text_field("condition", "成色", &item.condition, 60, true)?;
            let note = text_field("note", "备注", &item.note, 200, true)?;
            let missing = crate::volunteers::word_list(
                "missing_parts",
                "缺少配件",
                &item.missing_parts,
                30,
                words::MAX_PARTS,
            )?;
            let l = match item.loan_id {
                Some(id) => {
                    let l = loan_row(w.tx(), id)?;
                    if !l.open() {
                        return Err(Error::conflict(linli_domain::msg::LEND_LOAN_CLOSED, vec![]));
                    }
                    l
                }
                None => {
                    let copy = copy_by_code(w.tx(), req.community_id, &item.code)?;
                    let code = copy_row(w.tx(), copy)?.fields.code;
                    let open: Vec<LoanRow> =
                        loans_where(w.tx(), "copy_id = ?1", &copy.to_string())?
                            .into_iter()
                            .filter(|l| l.open())
                            .collect();
                    match open.len() {
                        0 => {
                            return Err(Error::conflict(
                                linli_domain::msg::LEND_NOT_ON_LOAN,
                                linli_domain::args![code = code],
                            ))
                        }
                        1 => open.into_iter().next().unwrap_or_else(|| unreachable!()),
                        n => {
                            return Err(Error::conflict(
                                linli_domain::msg::LEND_TWO_LOANS,
                                linli_domain::args![code = code, n = n],
                            ))
                        }
                    }
                }
            };
            let outcome = match item.outcome {
                ReturnOutcome::Unknown => ReturnOutcome::Returned,
                o => o,
            };
            loan_event(
                &mut w,
                &l,
                "return",
                None,
                Some(outcome),
                Said {
                    condition: &condition,
                    missing: &missing,
                    note: &note,
                },
            )?;
            if !condition.is_empty() {
                set_condition(&mut w, l.copy_id, l.community, &condition)?;
            }
            for p in photos {
                write_staged(&mut w, ("lend_copies", l.copy_id), p, scope(l.community))?;
            }
            if outcome == ReturnOutcome::Damaged {
                super::service::copy_event(
                    &mut w,
                    l.copy_id,
                    l.community,
                    "maintenance",
                    None,
                    "归还时损坏",
                )?;
            }
            let settle_as = item.deposit.unwrap_or(if outcome == ReturnOutcome::Lost {
                DepositKind::Forfeit
            } else {
                DepositKind::Refund
            });
            for d in open_deposits_of_loan(w.tx(), l.id)? {
                settle(&mut w, &d, settle_as, "")?;
            }
            let hold = if outcome == ReturnOutcome::Returned {
                offer_copy(&mut w, l.copy_id)?
            } else {
                None
            };
            done.push((l.id, hold));
        }
        w.commit()?;
        done.into_iter()
            .map(|(id, hold)| {
                Ok(Returned {
                    loan: loan_view(&self.conn, &loan_row(&self.conn, id)?, &today)?,
                    set_aside_for: hold.map(|h| hold_view(&self.conn, h, &today)).transpose()?,
                })
            })
            .collect()
    }
}
