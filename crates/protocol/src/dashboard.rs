//! The dashboards (统计, issue 21): a scope's figures over a period, the ranking of its
//! communities (or grids) against the period before, and the records behind any of them. Every
//! figure is counted by the store functions the monthly report counts with (see
//! docs/reports.md); nothing is stored.

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::{Command, FigureRecords};

/// The figures of a scope — a grid when `grid_id`, else a place (town, community…), else
/// everything — for `from..=to` ("YYYY-MM-DD", a month, a quarter, a year or any range).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub grid_id: Option<Id>,
}

/// A share: `num` of `den`, and `num ÷ den` (0 when `den` is 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Ratio {
    pub num: f64,
    pub den: f64,
    pub rate: f64,
}

/// One bar or slice: `key` is stable (a status or category code, an escalation level, a team's
/// id, a service category's name), `label` the Chinese the lists use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slice {
    pub key: String,
    pub label: String,
    pub value: f64,
}

/// A month of a trend: "YYYY-MM", its days within the trend, and its shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendMonth {
    pub month: String,
    pub from: String,
    pub to: String,
    /// Households reached in the month ÷ households on the register at its end.
    pub coverage: Ratio,
    /// Requests raised in the month resolved by its end ÷ raised.
    pub resolution: Ratio,
    /// Of those resolved, resolved by their due date ÷ resolved.
    pub on_time: Ratio,
}

/// A column of the ranking: `key` (`coverage`, `resolution`, `on_time`, `overdue_per_100`,
/// `hours_per_100`), its Chinese name and formula, and which way is better.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankColumn {
    pub key: String,
    pub label: String,
    pub formula: String,
    pub higher_is_better: bool,
}

/// A community's (or grid's) line of the ranking. `values[i]` is column `i`'s figure (`None`
/// where it does not apply: a grid's volunteer hours are its community's), `scores[i]` its
/// normalised score 0–100 among the lines (best 100, worst 0), `score` their mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankRow {
    pub place_id: Option<Id>,
    pub grid_id: Option<Id>,
    pub name: String,
    pub rank: u32,
    pub score: f64,
    pub values: Vec<Option<f64>>,
    pub scores: Vec<Option<f64>>,
    /// The period before: its rank, score and values (the change is this minus that). A rank
    /// of 0 (in either period) means the line had no figure to rank in that period.
    pub prev_rank: u32,
    pub prev_score: f64,
    pub prev_values: Vec<Option<f64>>,
}

/// The ranking (晾晒) of the scope's communities, or of a community's grids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    /// "community" or "grid".
    pub level: String,
    pub columns: Vec<RankColumn>,
    pub rows: Vec<RankRow>,
}

/// What [`Dashboard`] answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardData {
    pub scope_name: String,
    pub from: String,
    pub to: String,
    /// The period before, of the same length (the ranking's comparison).
    pub prev_from: String,
    pub prev_to: String,
    /// The period's own shares (coverage over the whole period, requests raised in it).
    pub coverage: Ratio,
    pub resolution: Ratio,
    pub on_time: Ratio,
    /// Month by month: the period's months, at least the six ending with its last.
    pub trend: Vec<TrendMonth>,
    /// Requests raised in the period by status at its end (`TaskStatus` codes).
    pub stages: Vec<Slice>,
    /// … by category (`TaskCategory` codes).
    pub categories: Vec<Slice>,
    /// … overdue at its end, by escalation level ("0", "1"…).
    pub overdue: Vec<Slice>,
    /// Volunteer hours that count, by team (its id; "" for none) and by service category.
    pub hours_by_team: Vec<Slice>,
    pub hours_by_category: Vec<Slice>,
    pub ranking: Ranking,
    /// The other registers' figures (借还, 调解 …), one section each, in a fixed order.
    #[serde(default)]
    pub registers: Vec<RegisterFigures>,
}

/// One register's part of the dashboard: its numbers and charts for the scope and period. A
/// figure opens its records as `dashboard_records` with `chart` "`register.figure`" (and, for a
/// chart's bar, `bucket` the bar's key). Names come in Chinese and English, so the window shows a
/// register it was not written for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterFigures {
    /// "lending", "mediation" …
    pub key: String,
    pub label: String,
    pub label_en: String,
    /// A remark on the scope ("counted by community" for a grid), "" when none; both languages.
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub note_en: String,
    pub numbers: Vec<RegisterFigure>,
    pub charts: Vec<RegisterChart>,
}

/// A number of a register's section, or a bar of one of its charts (`key` the bar's bucket).
/// A rate carries its `ratio` (numerator and denominator); it opens its numerator's records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterFigure {
    pub key: String,
    pub label: String,
    pub label_en: String,
    pub value: f64,
    #[serde(default)]
    pub ratio: Option<Ratio>,
}

/// A bar chart of a register's section: `key` is the figure's, each bar a bucket of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterChart {
    pub key: String,
    pub label: String,
    pub label_en: String,
    pub bars: Vec<RegisterFigure>,
}

impl Command for Dashboard {
    const NAME: &'static str = "dashboard";
    type Response = DashboardData;
}

/// The records behind one dashboard figure: `chart` is `coverage`, `resolution`, `on_time`
/// (the numerator's records; with `bucket` a trend month "YYYY-MM", else the whole period),
/// `unresolved` (requests raised and not resolved, likewise),
/// `households` (the denominator of coverage), `raised`, `stage`, `category`, `overdue`
/// (bucket: the slice's key), `hours_team`, `hours_category` (bucket: the slice's key), or
/// `hours` (every entry that counts); for another register's figure `register.figure` (bucket:
/// a bar's key, see [`RegisterFigures`]). Counts open as many rows as they count; hours open the
/// entries whose 时长 sum to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardRecords {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub grid_id: Option<Id>,
    pub chart: String,
    #[serde(default)]
    pub bucket: Option<String>,
}

impl Command for DashboardRecords {
    const NAME: &'static str = "dashboard_records";
    type Response = FigureRecords;
}
