//! The time bank's reports on the wire.

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

/// Verified hours (net of reversals) by volunteer, team, category and month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursReportQuery {
    #[serde(default)]
    pub community_id: Option<Id>,
    /// "YYYY-MM-DD", inclusive.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

impl Command for HoursReportQuery {
    const NAME: &'static str = "hours_report";
    type Response = HoursReport;
}

/// One row of a report: who or what, verified hours, entries that count, people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoursRow {
    /// The volunteer's or team's id; none for a category, a month or "no team".
    pub id: Option<Id>,
    pub name: String,
    pub hours: f64,
    pub entries: u32,
    pub volunteers: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoursReport {
    pub from: Option<String>,
    pub to: Option<String>,
    pub total_hours: f64,
    pub entries: u32,
    pub volunteers: u32,
    /// Entries still waiting for verification in the period (not counted above).
    pub pending_entries: u32,
    pub by_volunteer: Vec<HoursRow>,
    /// By the team of the activity; entries without one are under "未关联队伍".
    pub by_team: Vec<HoursRow>,
    pub by_category: Vec<HoursRow>,
    /// `name` is "YYYY-MM".
    pub by_month: Vec<HoursRow>,
}

/// Party members' points per work unit (双报到积分), for the report upward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkUnitPointsQuery {
    #[serde(default)]
    pub community_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkUnitPoints {
    pub work_unit: String,
    pub members: u32,
    pub hours: f64,
    /// Points earned (net of reversals of earnings).
    pub earned: i64,
    /// Balances now, summed.
    pub balance: i64,
}

impl Command for WorkUnitPointsQuery {
    const NAME: &'static str = "work_unit_points";
    type Response = Vec<WorkUnitPoints>;
}
