//! A household's timeline on the wire: its visits, task events and snapshots in one list.

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    Visit,
    TaskEvent,
    Register,
    /// A loan from the sharing station: lent, renewed, returned, voided, or overdue now.
    Loan,
}

/// One line of a household's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// "YYYY-MM-DD HH:MM", local time; for register changes, their clock (HLC) read in the
    /// laptop's time zone.
    pub at: String,
    pub kind: TimelineKind,
    pub title: String,
    pub detail: String,
    /// The visit, task or register row; a loan's line, the loan.
    pub row_id: Id,
}

/// A household's visits, tasks and register changes in one list, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdTimeline {
    pub household_id: Id,
}

impl Command for HouseholdTimeline {
    const NAME: &'static str = "household_timeline";
    type Response = Vec<TimelineEntry>;
}
