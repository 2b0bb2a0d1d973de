//! Targets (目标, issue 21): per community or grid and month, the visits to make, the coverage to
//! reach and the on-time rate to keep; each worker's, grid's and community's progress against
//! them, green, amber or red (thresholds in `linli_domain::targets`); and the month's digest of
//! who is behind and who improved most. See docs/targets.md.

use linli_domain::targets::TargetStatus;
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::{Command, Ratio};

/// Sets a community's (`place_id`) or a grid's (`grid_id`) target from `from_month` ("YYYY-MM")
/// on: it applies to that month and every later one until a later version replaces it; earlier
/// months keep the target they had. A second version for the same month replaces the first.
/// A figure left out has no target from that month on. Administrators only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTarget {
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub grid_id: Option<Id>,
    pub from_month: String,
    /// Visits (户次) in the month.
    #[serde(default)]
    pub visits: Option<i64>,
    /// Coverage of the month, in percent (0–100).
    #[serde(default)]
    pub coverage_pct: Option<i64>,
    /// On-time rate of the requests resolved in the month, in percent (0–100).
    #[serde(default)]
    pub on_time_pct: Option<i64>,
}

/// One version of a target, as set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetVersion {
    pub id: Id,
    pub place_id: Option<Id>,
    pub grid_id: Option<Id>,
    /// The community's or grid's name.
    pub name: String,
    pub community_id: Option<Id>,
    pub from_month: String,
    pub visits: Option<u32>,
    pub coverage_pct: Option<u32>,
    pub on_time_pct: Option<u32>,
    /// When it was set (a stamp); of two versions for one month the later set wins (by `id`, a
    /// UUIDv7 ordered by time).
    pub at: String,
    /// Replaced by a later version set for the same month.
    pub replaced: bool,
}

impl Command for SetTarget {
    const NAME: &'static str = "set_target";
    type Response = Vec<TargetVersion>;
}

/// The versions of the targets of a community and its grids (`place_id`), of one grid
/// (`grid_id`), or of everything; newest month first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListTargets {
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub grid_id: Option<Id>,
}

impl Command for ListTargets {
    const NAME: &'static str = "list_targets";
    type Response = Vec<TargetVersion>;
}

/// Progress against the targets in `month` ("YYYY-MM", this month when none) for a scope: a town
/// (or everything) shows its communities; a community shows itself, its grids and its workers;
/// a grid (`grid_id`) itself, its sections and the workers assigned in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetProgress {
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub grid_id: Option<Id>,
}

/// One figure of a line against its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// `visits`, `coverage` or `on_time`.
    pub key: String,
    /// The figure: a count for visits, a share 0–1 for the rates (with its `num` and `den`).
    pub actual: f64,
    pub ratio: Option<Ratio>,
    /// The target in the same unit (a share for rates), when there is one.
    pub target: Option<f64>,
    /// The part of the target due by the report's day, which the status judges: the whole
    /// target, or while the month runs, visits' and coverage's pro-rated to the day.
    pub due: Option<f64>,
    pub status: TargetStatus,
}

/// A community's, grid's or worker's line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressLine {
    /// `community`, `grid` or `worker`.
    pub level: String,
    pub place_id: Option<Id>,
    pub grid_id: Option<Id>,
    pub person_id: Option<Id>,
    pub name: String,
    /// Where it belongs: a grid's community, a section's big grid, a worker's sections.
    pub within: String,
    /// Where its target comes from: `own`, `grid` (its big grid's, by households), `community`
    /// (its community's, by households), `grids` (a worker's sections'), or `none`.
    pub source: String,
    /// The month of the version that applies (of the line itself or the one it falls back to).
    pub from_month: Option<String>,
    pub measures: Vec<Measure>,
    pub status: TargetStatus,
    /// Mean attainment of its judged figures (figure ÷ target, capped at 2), this month and last.
    pub score: Option<f64>,
    pub prev_score: Option<f64>,
}

/// A line of the digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestLine {
    pub level: String,
    pub name: String,
    pub within: String,
    pub status: TargetStatus,
    pub score: Option<f64>,
    pub prev_score: Option<f64>,
    /// `score − prev_score`.
    pub change: Option<f64>,
}

/// What [`TargetProgress`] answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetReport {
    pub scope_name: String,
    pub month: String,
    pub from: String,
    pub to: String,
    /// The share of the month gone by (1 for a past month): while the month runs, visits and
    /// coverage are judged against their target × this.
    pub elapsed: f64,
    /// Amber from this share of the target.
    pub amber_share: f64,
    pub lines: Vec<ProgressLine>,
    /// The month's digest: the red lines, furthest behind first …
    pub behind: Vec<DigestLine>,
    /// … and the lines that improved most since last month, most first (only those that did).
    pub improved: Vec<DigestLine>,
}

impl Command for TargetProgress {
    const NAME: &'static str = "target_progress";
    type Response = TargetReport;
}
