//! Security patrols (小区治安巡防, issue 25 item 2; docs/patrols.md): a community's patrol teams
//! and their members (residents of the register, or outside people such as the community police
//! officer, 片警, with a phone masked as the register's are); the rota's slots, made from a weekly
//! pattern over a date range and edited one by one; patrol logs (where, when, who went, what was
//! found) fulfilling a slot; a finding made into a request (诉求) in one step; missed slots; the
//! month's figures.

use linli_domain::field::{TaskCategory, TaskStatus};
use linli_domain::patrols::{FindingCategory, MemberRole, SlotState};
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::{Command, CountBy};

/// A team as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatrolTeamFields {
    pub community_id: Id,
    /// "西门新村治安巡防队"
    pub name: String,
    /// The area or route it patrols ("1–12号楼、南门、地下车库").
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub note: String,
}

/// A member as read back. A resident's name is the register's; an outside member's phone is
/// masked as the register's phones are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatrolMember {
    pub id: Id,
    pub team_id: Id,
    /// Set when the member is a resident of the register.
    pub resident_id: Option<Id>,
    pub name: String,
    /// masked ("138****5678"); empty when none or withheld
    pub phone: String,
    pub role: MemberRole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatrolTeam {
    pub id: Id,
    #[serde(flatten)]
    pub fields: PatrolTeamFields,
    pub members: Vec<PatrolMember>,
}

/// Adds a team (no `id`) or rewrites one; a team stays in its community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavePatrolTeam {
    #[serde(default)]
    pub id: Option<Id>,
    #[serde(flatten)]
    pub fields: PatrolTeamFields,
}

impl Command for SavePatrolTeam {
    const NAME: &'static str = "save_patrol_team";
    type Response = PatrolTeam;
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPatrolTeams {
    #[serde(default)]
    pub community_id: Option<Id>,
}

impl Command for ListPatrolTeams {
    const NAME: &'static str = "list_patrol_teams";
    type Response = Vec<PatrolTeam>;
}

/// Adds a member (no `id`) or rewrites one: a resident of the register (`resident_id`; their
/// name and phone are the register's) or an outside person (`name`, `phone`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavePatrolMember {
    #[serde(default)]
    pub id: Option<Id>,
    pub team_id: Id,
    #[serde(default)]
    pub resident_id: Option<Id>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    pub role: MemberRole,
}

impl Command for SavePatrolMember {
    const NAME: &'static str = "save_patrol_member";
    type Response = PatrolTeam;
}

/// Takes a member off a team (their past logs keep them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovePatrolMember {
    pub id: Id,
}

impl Command for RemovePatrolMember {
    const NAME: &'static str = "remove_patrol_member";
    type Response = PatrolTeam;
}

/// A rota slot as read back, with its state at the time of reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatrolSlot {
    pub id: Id,
    pub team_id: Id,
    pub team_name: String,
    pub community_id: Id,
    pub date: String,
    pub starts: String,
    pub ends: String,
    pub members: Vec<Id>,
    /// "张三、李警官"
    pub member_names: String,
    pub note: String,
    pub state: SlotState,
    /// The log fulfilling it.
    pub log_id: Option<Id>,
}

/// Makes a team's slots on `weekdays` ("1357") from `from` to `to`, each from `starts` to `ends`
/// with `members` assigned. A day already holding a slot of the team at that start is skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratePatrolRota {
    pub team_id: Id,
    pub weekdays: String,
    pub starts: String,
    pub ends: String,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub members: Vec<Id>,
}

impl Command for GeneratePatrolRota {
    const NAME: &'static str = "generate_patrol_rota";
    type Response = Vec<PatrolSlot>;
}

/// Rewrites one slot, or cancels it (`cancelled`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditPatrolSlot {
    pub id: Id,
    pub date: String,
    pub starts: String,
    pub ends: String,
    #[serde(default)]
    pub members: Vec<Id>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub cancelled: bool,
}

impl Command for EditPatrolSlot {
    const NAME: &'static str = "edit_patrol_slot";
    type Response = Option<PatrolSlot>;
}

/// The slots of a community (every one when none) or a team, `from`..=`to` (the last four weeks
/// and the next two when absent), by date; `missed_only` for the coordinator's list of missed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPatrolSlots {
    #[serde(default)]
    pub community_id: Option<Id>,
    #[serde(default)]
    pub team_id: Option<Id>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub missed_only: bool,
}

impl Command for ListPatrolSlots {
    const NAME: &'static str = "list_patrol_slots";
    type Response = Vec<PatrolSlot>;
}

/// A finding as written: a new one has no `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingFields {
    #[serde(default)]
    pub id: Option<Id>,
    pub category: FindingCategory,
    /// where ("3号楼东侧")
    #[serde(default)]
    pub place: String,
    pub description: String,
}

/// A patrol log as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatrolLogFields {
    pub team_id: Id,
    /// The rota slot it fulfils, if any.
    #[serde(default)]
    pub slot_id: Option<Id>,
    pub date: String,
    pub starts: String,
    pub ends: String,
    /// The route or area covered.
    #[serde(default)]
    pub route: String,
    /// The members who went.
    pub members: Vec<Id>,
    #[serde(default)]
    pub findings: Vec<FindingFields>,
    #[serde(default)]
    pub note: String,
}

/// Writes a new log (no `id`) or rewrites one; findings left out are removed, unless made a
/// request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogPatrol {
    #[serde(default)]
    pub id: Option<Id>,
    #[serde(flatten)]
    pub fields: PatrolLogFields,
}

impl Command for LogPatrol {
    const NAME: &'static str = "log_patrol";
    type Response = PatrolLog;
}

/// A finding as read back, with the request it became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatrolFinding {
    pub id: Id,
    pub log_id: Id,
    pub category: FindingCategory,
    pub place: String,
    pub description: String,
    pub task_id: Option<Id>,
    #[serde(default)]
    pub task_title: String,
    #[serde(default)]
    pub task_status: Option<TaskStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatrolLog {
    pub id: Id,
    pub team_id: Id,
    pub team_name: String,
    pub community_id: Id,
    pub slot_id: Option<Id>,
    pub date: String,
    pub starts: String,
    pub ends: String,
    pub route: String,
    pub members: Vec<Id>,
    pub member_names: String,
    pub note: String,
    pub findings: Vec<PatrolFinding>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatrolLogSort {
    #[default]
    Newest,
    Oldest,
    /// most findings first
    Findings,
    Team,
}

/// The logs of a community (every one when none), filtered and sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPatrolLogs {
    #[serde(default)]
    pub community_id: Option<Id>,
    #[serde(default)]
    pub team_id: Option<Id>,
    /// in the route, the note, the members or a finding
    #[serde(default)]
    pub text: String,
    /// logs with a finding of this category
    #[serde(default)]
    pub category: Option<FindingCategory>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// logs with at least one finding
    #[serde(default)]
    pub with_findings: bool,
    #[serde(default)]
    pub sort: PatrolLogSort,
}

impl Command for ListPatrolLogs {
    const NAME: &'static str = "list_patrol_logs";
    type Response = Vec<PatrolLog>;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetPatrolLog {
    pub id: Id,
}

impl Command for GetPatrolLog {
    const NAME: &'static str = "patrol_log";
    type Response = PatrolLog;
}

/// Makes a finding a request (诉求) in one step: raised at the community, dispatched to `owner_id`
/// when given. A finding becomes a request once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatrolFindingToRequest {
    pub finding_id: Id,
    /// the finding's description when empty
    #[serde(default)]
    pub title: String,
    pub category: TaskCategory,
    #[serde(default)]
    pub owner_id: Option<Id>,
    #[serde(default)]
    pub due_date: Option<String>,
}

impl Command for PatrolFindingToRequest {
    const NAME: &'static str = "patrol_finding_to_request";
    type Response = PatrolLog;
}

/// The patrol figures of one month (`YYYY-MM`, this month when empty) for the communities under
/// a place (every one when none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatrolsReport {
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub place_id: Option<Id>,
}

impl Command for PatrolsReport {
    const NAME: &'static str = "patrols_report";
    type Response = PatrolFigures;
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatrolFigures {
    pub month: String,
    pub from: String,
    pub to: String,
    /// logs in the month
    pub done: u32,
    /// slots of the month over without a log
    pub missed: u32,
    /// slots of the month still to come
    pub planned: u32,
    pub findings: u32,
    /// findings made requests
    pub requests: u32,
    pub by_category: Vec<CountBy>,
}

/// Writes a community's patrol logs `from`..=`to` (one row a finding, or a row for a log without
/// any) as a marked .xlsx to `path`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportPatrolLogs {
    #[serde(flatten)]
    pub filter: ListPatrolLogs,
    pub path: String,
}

impl Command for ExportPatrolLogs {
    const NAME: &'static str = "export_patrol_logs";
    type Response = crate::ExportedList;
}
