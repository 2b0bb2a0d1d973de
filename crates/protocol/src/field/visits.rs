//! Visits on the wire: the visit form and its corrections, visit rules, the day's visit list,
//! coverage, the nightly review and the weekly agenda.

use linli_domain::field::{SnapshotKind, TaskCategory, VisitKind, VisitOutcome};
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use super::attachments::Attachment;
use super::tasks::Task;
use crate::Command;

/// An update to one member, made in the visit form and written to the register with the visit.
/// Only the fields given are written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberUpdate {
    pub resident_id: Id,
    /// Moved out on this day ("YYYY-MM-DD").
    #[serde(default)]
    pub moved_out: Option<String>,
    /// A new phone number, clear text.
    #[serde(default)]
    pub phone: Option<String>,
    /// Replaces the member's care tags (e.g. adding 重病 while in hospital).
    #[serde(default)]
    pub care_tags: Option<Vec<String>>,
    /// A line added to the member's notes ("住院", "外出务工").
    #[serde(default)]
    pub note: Option<String>,
}

/// What to raise when a visit or a review turns into a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTask {
    pub title: String,
    pub category: TaskCategory,
    #[serde(default)]
    pub subcategory: Option<SnapshotKind>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub due_date: Option<String>,
}

/// One visit form for one household (入户走访). `follow_up` opens a task linked to the visit; the
/// visit, the member updates and the task are written in one transaction. A visit may be logged
/// afterwards (last night's, this morning) but never in the future.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogVisit {
    pub household_id: Id,
    pub visitor_id: Id,
    /// When; now if left out.
    #[serde(default)]
    pub at: Option<String>,
    pub kind: VisitKind,
    pub outcome: VisitOutcome,
    #[serde(default)]
    pub findings: String,
    #[serde(default)]
    pub member_updates: Vec<MemberUpdate>,
    #[serde(default)]
    pub follow_up: Option<NewTask>,
}

/// A visit as lists show it. `corrected_by` is set when a later correction replaces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub id: Id,
    pub household_id: Id,
    pub address: String,
    pub visitor_id: Option<Id>,
    pub visitor_name: Option<String>,
    pub at: String,
    pub kind: VisitKind,
    pub outcome: VisitOutcome,
    pub findings: String,
    pub needs_follow_up: bool,
    /// What the form changed in the register, as recorded (phones masked).
    pub member_updates: serde_json::Value,
    pub corrects: Option<Id>,
    /// A correction saying the visit it corrects never happened.
    pub void: bool,
    pub corrected_by: Option<Id>,
    pub reviewed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitLogged {
    pub visit: Visit,
    pub task: Option<Task>,
    /// The photos saved with the visit ([`SaveVisit`]).
    #[serde(default)]
    pub photos: Vec<Attachment>,
}

impl Command for LogVisit {
    const NAME: &'static str = "log_visit";
    type Response = VisitLogged;
}

/// A photo picked in a form, sent with what it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPhoto {
    pub name: String,
    #[serde(default)]
    pub mime: Option<String>,
    pub bytes: Vec<u8>,
}

/// The visit form's 保存: a [`LogVisit`] with the photos picked in the form, all written in one
/// transaction (a photo refused saves nothing, and says which photo and why).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveVisit {
    pub visit: LogVisit,
    #[serde(default)]
    pub photos: Vec<NewPhoto>,
}

impl Command for SaveVisit {
    const NAME: &'static str = "save_visit";
    type Response = VisitLogged;
}

/// A correction: a new visit fact pointing at the one it corrects, which then no longer counts.
/// `void` says the corrected visit did not happen at all. Member updates are not repeated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectVisit {
    pub visit_id: Id,
    #[serde(default)]
    pub at: Option<String>,
    pub kind: VisitKind,
    pub outcome: VisitOutcome,
    #[serde(default)]
    pub findings: String,
    #[serde(default)]
    pub void: bool,
}

impl Command for CorrectVisit {
    const NAME: &'static str = "correct_visit";
    type Response = Visit;
}

/// How often households must be visited in a community (走访频次).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitRules {
    pub community_id: Id,
    /// Households with a member who has a care tag: every this many days.
    pub care_days: u32,
    /// Everyone: every this many days.
    pub everyone_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetVisitRules {
    pub community_id: Id,
    pub care_days: u32,
    pub everyone_days: u32,
}

impl Command for SetVisitRules {
    const NAME: &'static str = "set_visit_rules";
    type Response = VisitRules;
}

/// The rules in force (the defaults, 7 and 90 days, when none were set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetVisitRules {
    pub community_id: Id,
}

impl Command for GetVisitRules {
    const NAME: &'static str = "get_visit_rules";
    type Response = VisitRules;
}

/// Why a household is on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueReason {
    NeverVisited,
    /// A member has a care tag and the care interval has passed.
    Care,
    /// The interval for everyone has passed.
    Routine,
    /// Not due (in lists that show every household).
    NotDue,
}

/// A household in a field-work list, with where it is and when it was last reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdLine {
    pub id: Id,
    pub address: String,
    pub head_name: Option<String>,
    /// The compound (小区) the building stands in.
    pub compound: Option<String>,
    pub building: String,
    pub unit: Option<String>,
    pub floor: i64,
    pub room: String,
    pub care_tags: Vec<String>,
    /// The day of the last visit that reached the household.
    pub last_visit: Option<String>,
    pub days_since: Option<i64>,
    pub due: DueReason,
    /// The building section (楼段) the household is in, where a list gives it (今日).
    #[serde(default)]
    pub section: Option<String>,
}

/// Today (今日): the households due for a visit in a grid (a big grid's sections included), for a
/// person (their grids and buildings) or under a place (a community, a building), never-visited
/// first, then in walking order (compound, building, unit, floor, room), each with its section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Today {
    #[serde(default)]
    pub person_id: Option<Id>,
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub today: Option<String>,
    /// A grid (网格 or 楼段): it decides the area, before the person and the place.
    #[serde(default)]
    pub grid_id: Option<Id>,
}

impl Command for Today {
    const NAME: &'static str = "today";
    type Response = Vec<HouseholdLine>;
}

/// Households not reached in `days` days, per building section of a community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotVisited {
    pub community_id: Id,
    pub days: u32,
    #[serde(default)]
    pub today: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionHouseholds {
    /// None for households no section covers.
    pub grid_id: Option<Id>,
    pub name: String,
    /// Households in the section.
    pub total: u32,
    pub households: Vec<HouseholdLine>,
}

impl Command for NotVisited {
    const NAME: &'static str = "not_visited";
    type Response = Vec<SectionHouseholds>;
}

/// The level a coverage figure is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageLevel {
    Community,
    Grid,
    Building,
}

/// Visited / total households for one community, grid or building in a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub level: CoverageLevel,
    pub id: Id,
    pub name: String,
    pub visited: u32,
    pub total: u32,
    /// visited / total, 0 when there are no households.
    pub rate: f64,
}

/// Coverage (走访覆盖率) for a period, under a place (everything when none): a household counts as
/// visited when a visit that reached it (not "nobody home", not corrected away) falls in the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    #[serde(default)]
    pub place_id: Option<Id>,
    /// First day of the period; 30 days before `to` when left out.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day of the period (inclusive); today when left out.
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageReport {
    pub from: String,
    pub to: String,
    pub communities: Vec<CoverageRow>,
    pub grids: Vec<CoverageRow>,
    pub buildings: Vec<CoverageRow>,
}

impl Command for Coverage {
    const NAME: &'static str = "coverage";
    type Response = CoverageReport;
}

/// The households behind one coverage figure: the visited ones, or those not visited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageHouseholds {
    pub level: CoverageLevel,
    pub id: Id,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    pub visited: bool,
}

impl Command for CoverageHouseholds {
    const NAME: &'static str = "coverage_households";
    type Response = Vec<HouseholdLine>;
}

/// The nightly review queue (夜研判): a day's visits with findings or a follow-up, unreviewed first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewQueue {
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub day: Option<String>,
}

impl Command for ReviewQueue {
    const NAME: &'static str = "review_queue";
    type Response = Vec<Visit>;
}

/// Marks a visit reviewed, or turns it into a task (linked to the visit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewVisit {
    pub visit_id: Id,
    pub reviewer_id: Id,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub task: Option<NewTask>,
}

impl Command for ReviewVisit {
    const NAME: &'static str = "review_visit";
    type Response = VisitLogged;
}

/// The weekly consultation agenda (周会商): open tasks and unreviewed findings, by grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyAgenda {
    pub community_id: Id,
    #[serde(default)]
    pub today: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaGrid {
    pub grid_id: Option<Id>,
    pub name: String,
    pub open_tasks: Vec<Task>,
    pub unreviewed: Vec<Visit>,
}

impl Command for WeeklyAgenda {
    const NAME: &'static str = "weekly_agenda";
    type Response = Vec<AgendaGrid>;
}
