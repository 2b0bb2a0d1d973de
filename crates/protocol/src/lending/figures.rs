//! The station's figures for a month: `linli report lending` and the monthly report.

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

/// Turnover of one kind in the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindTurnover {
    pub kind_id: Id,
    pub name: String,
    pub copies: u32,
    pub loans: u32,
    /// Loans per copy in the month.
    pub turnover: f64,
}

/// A station's figures for one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LendingFigures {
    pub month: String,
    pub place_id: Option<Id>,
    /// Loans made in the month (hand-outs counted apart).
    pub loans: u32,
    pub handouts: u32,
    pub returns: u32,
    pub renewals: u32,
    pub holds_placed: u32,
    /// Households with a loan made in the month.
    pub active_borrowers: u32,
    /// Loans open at the month's end (or today) that are past due.
    pub overdue: u32,
    pub open: u32,
    /// `overdue` / `open`, 0 when none is open.
    pub overdue_rate: f64,
    /// Copies lost in the month (returned as lost or marked lost).
    pub lost: u32,
    /// Copies in conflict (on two open loans) now.
    pub conflicts: u32,
    pub kinds: Vec<KindTurnover>,
}

/// The figures of one month (`YYYY-MM`, this month when empty) for a community or the
/// communities under a place (every one when none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LendingReport {
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub place_id: Option<Id>,
}

impl Command for LendingReport {
    const NAME: &'static str = "lending_report";
    type Response = LendingFigures;
}
