//! The volunteer time bank on the wire: volunteers, teams and party members' registration
//! (双报到); activities with sign-up and attendance; service hours and their verification; the
//! points rules, the ledger and its statements; the redemption catalogue; reports.
//!
//! Hours travel as hours (`2.5`), points as whole numbers. A balance is always derived by the
//! store from the ledger facts; no request sets one.

use std::collections::BTreeMap;

use linli_domain::volunteers::{ItemKind, LedgerKind, TeamKind};
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

// ---- volunteers, teams, party members ----

/// A team a volunteer belongs to, as a volunteer's card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRef {
    pub id: Id,
    pub name: String,
    pub kind: TeamKind,
    pub leader: bool,
}

/// An in-service party member's registration with the community (双报到).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyRegistration {
    pub work_unit: String,
    pub pledges: Vec<String>,
    pub registered_on: Option<String>,
}

/// A volunteer with teams, party registration and verified hours so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Volunteer {
    pub id: Id,
    pub community_id: Id,
    pub resident_id: Option<Id>,
    pub name: String,
    pub phone_masked: Option<String>,
    pub skills: Vec<String>,
    pub availability: String,
    pub teams: Vec<TeamRef>,
    pub party: Option<PartyRegistration>,
    /// Verified hours, net of reversals.
    pub hours: f64,
    /// The points balance the laptop knows.
    pub balance: i64,
}

/// Registers a volunteer. With `resident_id`, the name and phone default to the register's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddVolunteer {
    pub community_id: Id,
    #[serde(default)]
    pub resident_id: Option<Id>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    /// When they can serve, in their words ("周末上午", "工作日晚上").
    #[serde(default)]
    pub availability: String,
}

impl Command for AddVolunteer {
    const NAME: &'static str = "add_volunteer";
    type Response = Volunteer;
}

/// The volunteers of a community, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListVolunteers {
    pub community_id: Id,
}

impl Command for ListVolunteers {
    const NAME: &'static str = "list_volunteers";
    type Response = Vec<Volunteer>;
}

/// A team with its members (leaders first) and its verified hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub id: Id,
    pub community_id: Id,
    pub kind: TeamKind,
    pub name: String,
    pub members: Vec<TeamMember>,
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub volunteer_id: Id,
    pub name: String,
    pub leader: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddTeam {
    pub community_id: Id,
    pub kind: TeamKind,
    pub name: String,
}

impl Command for AddTeam {
    const NAME: &'static str = "add_team";
    type Response = Team;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListTeams {
    pub community_id: Id,
}

impl Command for ListTeams {
    const NAME: &'static str = "list_teams";
    type Response = Vec<Team>;
}

/// Puts a volunteer in a team (as a leader or not), or takes them out with `remove`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTeamMember {
    pub team_id: Id,
    pub volunteer_id: Id,
    #[serde(default)]
    pub leader: bool,
    #[serde(default)]
    pub remove: bool,
}

impl Command for SetTeamMember {
    const NAME: &'static str = "set_team_member";
    type Response = Team;
}

/// Registers a volunteer as an in-service party member (双报到): work unit and pledges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterPartyMember {
    pub volunteer_id: Id,
    pub work_unit: String,
    #[serde(default)]
    pub pledges: Vec<String>,
    /// "YYYY-MM-DD"; today when left out.
    #[serde(default)]
    pub registered_on: Option<String>,
}

impl Command for RegisterPartyMember {
    const NAME: &'static str = "register_party_member";
    type Response = Volunteer;
}

// ---- activities, sign-up, attendance ----

/// An activity with who signed up and who attended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: Id,
    pub community_id: Id,
    pub team_id: Option<Id>,
    pub title: String,
    pub category: String,
    pub date: String,
    /// Planned hours, the default when crediting.
    pub hours: f64,
    pub place: String,
    pub signed_up: Vec<Id>,
    pub attended: Vec<Id>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddActivity {
    pub community_id: Id,
    #[serde(default)]
    pub team_id: Option<Id>,
    pub title: String,
    pub category: String,
    pub date: String,
    pub hours: f64,
    #[serde(default)]
    pub place: String,
}

impl Command for AddActivity {
    const NAME: &'static str = "add_activity";
    type Response = Activity;
}

/// A community's activities, newest first, optionally within dates (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListActivities {
    pub community_id: Id,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

impl Command for ListActivities {
    const NAME: &'static str = "list_activities";
    type Response = Vec<Activity>;
}

/// Signs volunteers up for an activity; one already signed up is left as is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUp {
    pub activity_id: Id,
    pub volunteer_ids: Vec<Id>,
}

impl Command for SignUp {
    const NAME: &'static str = "sign_up";
    type Response = Activity;
}

/// Marks volunteers present (or absent) at an activity; the latest mark counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkAttendance {
    pub activity_id: Id,
    pub volunteer_ids: Vec<Id>,
    #[serde(default = "yes")]
    pub present: bool,
}

fn yes() -> bool {
    true
}

impl Command for MarkAttendance {
    const NAME: &'static str = "mark_attendance";
    type Response = Activity;
}

// ---- service hours ----

/// Whether an entry counts yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    /// Waiting for a coordinator.
    Pending,
    /// Verified: it counts (and earned points).
    Verified,
    /// Undone by a reversing entry.
    Reversed,
    /// This entry is a reversal of another.
    Reversal,
}

/// A service-hour entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HourEntry {
    pub id: Id,
    pub volunteer_id: Id,
    pub volunteer_name: String,
    pub activity_id: Option<Id>,
    /// Negative for a reversal.
    pub hours: f64,
    pub category: String,
    pub date: String,
    pub note: String,
    pub reverses: Option<Id>,
    pub status: EntryStatus,
    /// Points its verification earned (after caps); none before.
    pub points: Option<i64>,
}

/// Credits hours to one volunteer or many at once. With `activity_id`, the category, date and
/// hours default to the activity's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreditHours {
    #[serde(default)]
    pub activity_id: Option<Id>,
    pub volunteer_ids: Vec<Id>,
    #[serde(default)]
    pub hours: Option<f64>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub note: String,
}

impl Command for CreditHours {
    const NAME: &'static str = "credit_hours";
    type Response = Vec<HourEntry>;
}

/// A coordinator verifies entries; each then earns points by the community's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyHours {
    pub entry_ids: Vec<Id>,
    /// The coordinator (a person of the register), when known.
    #[serde(default)]
    pub verified_by: Option<Id>,
}

impl Command for VerifyHours {
    const NAME: &'static str = "verify_hours";
    type Response = Vec<HourEntry>;
}

/// Corrects an entry by a reversing entry (never an edit); the points it earned are reversed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReverseHours {
    pub entry_id: Id,
    pub reason: String,
}

impl Command for ReverseHours {
    const NAME: &'static str = "reverse_hours";
    type Response = HourEntry;
}

/// Entries of a community (or of one volunteer), newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListHours {
    #[serde(default)]
    pub community_id: Option<Id>,
    #[serde(default)]
    pub volunteer_id: Option<Id>,
    #[serde(default)]
    pub pending_only: bool,
}

impl Command for ListHours {
    const NAME: &'static str = "list_hours";
    type Response = Vec<HourEntry>;
}

// ---- points rules ----

/// A community's points rules, with the same rules in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsRules {
    pub community_id: Id,
    /// Points per hour by service category.
    pub rates: BTreeMap<String, i64>,
    /// Points per hour for a category not listed.
    pub default_rate: i64,
    /// At most this many points from one entry.
    pub entry_cap: Option<i64>,
    /// At most this many points a volunteer earns in a month.
    pub month_cap: Option<i64>,
    /// Earned points expire this many months after the service date.
    pub expiry_months: Option<i64>,
    /// The rules in a sentence or two of Chinese.
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetPointsRules {
    pub community_id: Id,
    #[serde(default)]
    pub rates: BTreeMap<String, i64>,
    pub default_rate: i64,
    #[serde(default)]
    pub entry_cap: Option<i64>,
    #[serde(default)]
    pub month_cap: Option<i64>,
    #[serde(default)]
    pub expiry_months: Option<i64>,
}

impl Command for SetPointsRules {
    const NAME: &'static str = "set_points_rules";
    type Response = PointsRules;
}

/// The rules in force (the default, 10 points an hour, when none were set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetPointsRules {
    pub community_id: Id,
}

impl Command for GetPointsRules {
    const NAME: &'static str = "get_points_rules";
    type Response = PointsRules;
}

// ---- balance, ledger, redemption ----

/// A volunteer's balance as this laptop knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub volunteer_id: Id,
    /// Every ledger fact this laptop holds (synced and pending here), less expired points.
    pub balance: i64,
    /// The part of `balance` made on this laptop and not yet acknowledged by the server.
    pub pending_here: i64,
    /// Points expired by the rules (already left out of `balance`).
    pub expired: i64,
    /// Whether the laptop can be sure no other station changed the balance meanwhile.
    pub certain: bool,
    /// What the figure rests on, in a sentence a coordinator can read out.
    pub note: String,
    /// Ledger facts the server marked as overdrawing and no one has resolved yet.
    pub open_reviews: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsBalance {
    pub volunteer_id: Id,
}

impl Command for PointsBalance {
    const NAME: &'static str = "points_balance";
    type Response = Balance;
}

/// One line of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    pub id: Id,
    pub date: String,
    pub kind: LedgerKind,
    pub points: i64,
    /// The balance after this line, in statement order.
    pub running: i64,
    /// What it was, in words ("护学岗 2小时", "兑换 大米5斤 ×1").
    pub description: String,
    pub reverses: Option<Id>,
    /// The server marked it as overdrawing and no one has resolved it yet.
    pub needs_review: bool,
    /// How a coordinator resolved the review, if they did.
    pub resolution: Option<String>,
}

/// A volunteer's statement: every ledger fact with a running balance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub volunteer_id: Id,
    pub volunteer_name: String,
    pub community_name: String,
    pub lines: Vec<StatementLine>,
    pub balance: Balance,
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerStatement {
    pub volunteer_id: Id,
}

impl Command for LedgerStatement {
    const NAME: &'static str = "ledger_statement";
    type Response = Statement;
}

/// An item of the redemption catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueItem {
    pub id: Id,
    pub community_id: Id,
    pub kind: ItemKind,
    pub name: String,
    /// Points for one.
    pub cost: i64,
    /// "袋", "课时".
    pub unit: String,
    /// In stock (goods only; class hours have none).
    pub stock: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddCatalogueItem {
    pub community_id: Id,
    #[serde(default)]
    pub kind: ItemKind,
    pub name: String,
    pub cost: i64,
    #[serde(default)]
    pub unit: String,
    /// Goods received with it.
    #[serde(default)]
    pub stock: i64,
}

impl Command for AddCatalogueItem {
    const NAME: &'static str = "add_catalogue_item";
    type Response = CatalogueItem;
}

/// Goods came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restock {
    pub item_id: Id,
    pub quantity: i64,
}

impl Command for Restock {
    const NAME: &'static str = "restock";
    type Response = CatalogueItem;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListCatalogue {
    pub community_id: Id,
}

impl Command for ListCatalogue {
    const NAME: &'static str = "list_catalogue";
    type Response = Vec<CatalogueItem>;
}

/// Exchanges points for an item. Refused when the balance the laptop knows is short; when the
/// laptop cannot be sure of the balance it goes ahead and says so in `balance.note`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redeem {
    pub volunteer_id: Id,
    pub item_id: Id,
    #[serde(default = "one")]
    pub quantity: i64,
}

fn one() -> i64 {
    1
}

impl Command for Redeem {
    const NAME: &'static str = "redeem";
    type Response = Redemption;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redemption {
    pub ledger_id: Id,
    pub points: i64,
    pub item: CatalogueItem,
    /// The balance after the redemption.
    pub balance: Balance,
}

/// A coordinator's adjustment (positive or negative) with a reason; never below zero locally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdjustPoints {
    pub volunteer_id: Id,
    pub points: i64,
    pub reason: String,
}

impl Command for AdjustPoints {
    const NAME: &'static str = "adjust_points";
    type Response = Balance;
}

/// Reverses one ledger fact (a redemption's goods go back into stock).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReverseLedger {
    pub ledger_id: Id,
    pub reason: String,
}

impl Command for ReverseLedger {
    const NAME: &'static str = "reverse_ledger";
    type Response = Balance;
}

/// How a coordinator settles a fact the server marked as overdrawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewResolution {
    /// The redemption stands; the volunteer makes it up with later hours.
    Accept,
    /// The fact is reversed (the goods came back).
    Reverse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolveReview {
    pub ledger_id: Id,
    pub resolution: ReviewResolution,
    #[serde(default)]
    pub note: String,
}

impl Command for ResolveReview {
    const NAME: &'static str = "resolve_review";
    type Response = Balance;
}

/// Ledger facts the server marked as overdrawing, not yet resolved, in a community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListReviews {
    #[serde(default)]
    pub community_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub ledger_id: Id,
    pub volunteer_id: Id,
    pub volunteer_name: String,
    pub line: StatementLine,
    pub reason: String,
}

impl Command for ListReviews {
    const NAME: &'static str = "list_reviews";
    type Response = Vec<Review>;
}

// ---- reports ----

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
