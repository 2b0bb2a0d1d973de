//! Field work on the wire: visits and their corrections, the day's visit list, coverage, the
//! nightly review and weekly agenda, tasks through the five-list flow, attachments, and a
//! household's timeline. Times are "YYYY-MM-DD HH:MM" text, days "YYYY-MM-DD"; a request's
//! `today` defaults to the laptop's local date.

use linli_domain::field::{
    Rater, SnapshotKind, TaskCategory, TaskEventKind, TaskSource, TaskStatus, VisitKind,
    VisitOutcome,
};
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

// ---------------------------------------------------------------- visits

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

// ---------------------------------------------------------------- tasks

/// A task with its status and who has it, derived from its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: Id,
    pub community_id: Option<Id>,
    pub title: String,
    pub category: TaskCategory,
    pub subcategory: Option<SnapshotKind>,
    pub description: String,
    pub household_id: Option<Id>,
    pub place_id: Option<Id>,
    /// The household's address or the place's name.
    pub where_text: String,
    pub raised_by: Option<Id>,
    pub visit_id: Option<Id>,
    pub raised_at: String,
    pub status: TaskStatus,
    pub assignee_id: Option<Id>,
    pub assignee_name: Option<String>,
    pub team: Option<String>,
    /// The due date of the latest dispatch, or the one set when raised.
    pub due_date: Option<String>,
    pub finished_at: Option<String>,
    pub rating: Option<u8>,
    /// 0 at the community; 1 the town; 2 the county.
    pub escalation_level: u32,
    pub overdue: bool,
    /// The task's attachments (photos of the place before, of the work after), each with its
    /// thumbnail, for the board and lists.
    #[serde(default)]
    pub photos: Vec<Attachment>,
    /// How the request came in (电话, 来访, 走访, …); none for tasks raised before sources were
    /// recorded.
    #[serde(default)]
    pub source: Option<TaskSource>,
}

/// Raises a task (群众点单) for a household or a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaiseTask {
    #[serde(flatten)]
    pub task: NewTask,
    #[serde(default)]
    pub household_id: Option<Id>,
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub raised_by: Option<Id>,
    #[serde(default)]
    pub visit_id: Option<Id>,
    #[serde(default)]
    pub at: Option<String>,
    /// How the request came in; 走访 when it comes from a visit and none is given.
    #[serde(default)]
    pub source: Option<TaskSource>,
}

impl Command for RaiseTask {
    const NAME: &'static str = "raise_task";
    type Response = Task;
}

/// A step of the five-list flow after raising. Each records one event with who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum TaskStep {
    /// 派单: to a person or a team, with a due date.
    Dispatch {
        #[serde(default)]
        assignee_id: Option<Id>,
        #[serde(default)]
        team: Option<String>,
        due_date: String,
    },
    /// 接单
    Accept,
    /// 办结: the result and the hashes of photos attached to the task.
    Finish {
        result: String,
        #[serde(default)]
        photos: Vec<String>,
    },
    /// 晒单
    Publish,
    /// 评单: 1–5 stars and a comment, given by the resident or by the worker on their behalf.
    Rate {
        rating: u8,
        #[serde(default)]
        comment: String,
        /// Who rated; the resident when left out.
        #[serde(default)]
        rater: Option<Rater>,
    },
    /// 转派: to someone else while it is open (dispatched or accepted); the new assignee must
    /// accept it again.
    Redispatch {
        #[serde(default)]
        assignee_id: Option<Id>,
        #[serde(default)]
        team: Option<String>,
        due_date: String,
        #[serde(default)]
        reason: String,
    },
    /// 退单: the assignee hands it back with a reason; it waits to be dispatched again.
    Return { reason: String },
    /// 申请延期: a later due date, with a reason.
    Extend { due_date: String, reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskAction {
    pub task_id: Id,
    /// Who did it (a person); none for a resident's rating.
    #[serde(default)]
    pub by: Option<Id>,
    #[serde(default)]
    pub at: Option<String>,
    #[serde(flatten)]
    pub step: TaskStep,
}

impl Command for TaskAction {
    const NAME: &'static str = "task_action";
    type Response = Task;
}

/// One event in a task's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskEvent {
    pub id: Id,
    pub kind: TaskEventKind,
    pub at: String,
    pub by: Option<Id>,
    pub by_name: Option<String>,
    pub assignee_id: Option<Id>,
    /// The name of the person a (re)dispatch went to.
    #[serde(default)]
    pub assignee_name: Option<String>,
    pub team: Option<String>,
    pub due_date: Option<String>,
    pub result: String,
    pub photos: Vec<String>,
    pub rating: Option<u8>,
    pub comment: String,
    pub level: Option<u32>,
    /// Who gave a rating (评单 only).
    #[serde(default)]
    pub rater: Option<Rater>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetTask {
    pub id: Id,
    #[serde(default)]
    pub today: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskDetail {
    pub task: Task,
    pub events: Vec<TaskEvent>,
    pub attachments: Vec<Attachment>,
}

impl Command for GetTask {
    const NAME: &'static str = "get_task";
    type Response = TaskDetail;
}

/// Tasks by status (the board), under a place (everything when none), narrowed by the filters
/// given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskBoard {
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub today: Option<String>,
    /// Only the tasks this person has (assigned to them) or raised.
    #[serde(default)]
    pub mine: Option<Id>,
    /// Only the open tasks past their due date.
    #[serde(default)]
    pub overdue: bool,
    #[serde(default)]
    pub category: Option<TaskCategory>,
    /// Only the tasks in this grid's buildings and units (a big grid's sections included).
    #[serde(default)]
    pub grid_id: Option<Id>,
    /// Words of the title (or the place) to look for.
    #[serde(default)]
    pub query: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub status: TaskStatus,
    pub tasks: Vec<Task>,
}

impl Command for TaskBoard {
    const NAME: &'static str = "task_board";
    type Response = Vec<BoardColumn>;
}

/// Resolution and on-time rates of the tasks raised in a period, each with the tasks behind it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRates {
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskRatesReport {
    pub from: String,
    pub to: String,
    pub raised: Vec<Id>,
    /// Finished, published or rated.
    pub resolved: Vec<Id>,
    /// resolved / raised.
    pub resolution_rate: f64,
    /// Resolved on or before their due date (or with none set).
    pub on_time: Vec<Id>,
    /// on_time / resolved.
    pub on_time_rate: f64,
    /// Open and past their due date.
    pub overdue: Vec<Id>,
    pub average_rating: Option<f64>,
}

impl Command for TaskRates {
    const NAME: &'static str = "task_rates";
    type Response = TaskRatesReport;
}

/// How long an overdue task of a category waits before it escalates one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTaskRule {
    pub community_id: Id,
    pub category: TaskCategory,
    pub escalate_after_days: u32,
}

impl Command for SetTaskRule {
    const NAME: &'static str = "set_task_rule";
    type Response = SetTaskRule;
}

/// Escalates every open task overdue by its category's time (once per interval, up to the
/// county); returns the tasks escalated now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalateOverdue {
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub today: Option<String>,
}

impl Command for EscalateOverdue {
    const NAME: &'static str = "escalate_overdue";
    type Response = Vec<Task>;
}

// ---------------------------------------------------------------- attachments

/// A file kept by its content hash in the `blobs/` folder beside the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: Id,
    pub owner_table: String,
    pub owner_id: Id,
    /// sha256, lowercase hex.
    pub hash: String,
    pub size: u64,
    pub mime: String,
    pub name: String,
    /// The bytes are not on this laptop yet (another laptop attached them; sync brings them):
    /// shown as "照片尚未同步".
    #[serde(default)]
    pub pending: bool,
    /// A small JPEG of an image as a `data:` URL, for lists; none for other files, for bytes not
    /// here yet, and for an image that cannot be read.
    #[serde(default)]
    pub thumb: Option<String>,
}

/// The whole file of an attachment, to open a photo from its thumbnail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetAttachmentFile {
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentFile {
    pub hash: String,
    pub mime: String,
    /// `data:<mime>;base64,…`
    pub data_url: String,
}

impl Command for GetAttachmentFile {
    const NAME: &'static str = "get_attachment_file";
    type Response = AttachmentFile;
}

/// Attaches a file (a photo) to a task or a visit: from a path on this laptop, or bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddAttachment {
    /// "tasks" or "visits".
    pub owner_table: String,
    pub owner_id: Id,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub bytes: Option<Vec<u8>>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub mime: Option<String>,
}

impl Command for AddAttachment {
    const NAME: &'static str = "add_attachment";
    type Response = Attachment;
}

/// The attachments of some tasks or visits (a household's timeline shows its visits' photos).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListAttachments {
    /// "tasks" or "visits".
    pub owner_table: String,
    pub owner_ids: Vec<Id>,
}

impl Command for ListAttachments {
    const NAME: &'static str = "list_attachments";
    type Response = Vec<Attachment>;
}

// ---------------------------------------------------------------- timeline

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    Visit,
    TaskEvent,
    Register,
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
    /// The visit, task or register row.
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
