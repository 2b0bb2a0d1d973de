//! The community's boards (issue 20 items 3, 4 and the notices of 5; docs/board.md): the month's
//! theme (一月一主题) with what it groups, the stewards' campaign lines, notices (通知公告) with
//! their WeChat text, and duty boards (流动值日牌) with who is on duty each week and its marks.
//! Households on a duty board appear as the register shows them: their door, the head's name
//! and the phone masked (withheld from restricted roles).

use linli_domain::board::{Audience, NoticeState, SectionKind, ThemeKind};
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

// ---- the month's theme ----

/// A community's theme of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthThemeFields {
    pub kind: ThemeKind,
    pub title: String,
    #[serde(default)]
    pub text: String,
}

/// Sets (or changes) a community's theme of a month: one per community and month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetMonthTheme {
    pub community_id: Id,
    /// "YYYY-MM".
    pub month: String,
    #[serde(flatten)]
    pub theme: MonthThemeFields,
}

impl Command for SetMonthTheme {
    const NAME: &'static str = "set_month_theme";
    type Response = MonthTheme;
}

/// A community's month read with what its theme groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetMonthTheme {
    pub community_id: Id,
    pub month: String,
}

impl Command for GetMonthTheme {
    const NAME: &'static str = "month_theme";
    type Response = MonthTheme;
}

/// One record a month's theme groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeItem {
    /// The record's id (an activity, a notice, a council topic, a campaign line).
    pub id: Id,
    /// Its day (a notice: its start).
    pub date: String,
    pub title: String,
    /// A second line: where, for whom, by whom.
    #[serde(default)]
    pub detail: String,
}

/// A section of what the theme groups, in the order the page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeSection {
    pub kind: SectionKind,
    pub items: Vec<ThemeItem>,
}

/// A month of a community: its theme (none until set) and the month's records under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthTheme {
    pub community_id: Id,
    pub month: String,
    #[serde(default)]
    pub theme: Option<MonthThemeFields>,
    pub sections: Vec<ThemeSection>,
}

/// The themes of a community's year, month by month (a month without one is left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMonthThemes {
    pub community_id: Id,
    /// "YYYY"; this year when absent.
    #[serde(default)]
    pub year: Option<String>,
}

/// A month's theme in the year's list, with how much it grouped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthThemeLine {
    pub month: String,
    #[serde(flatten)]
    pub theme: MonthThemeFields,
    pub activities: u32,
    pub notices: u32,
    pub campaign_lines: u32,
    /// Council topics proposed, or put to a meeting, in the month.
    #[serde(default)]
    pub topics: u32,
}

impl Command for ListMonthThemes {
    const NAME: &'static str = "list_month_themes";
    type Response = Vec<MonthThemeLine>;
}

/// A steward's campaign line: in a building, on a day, what was done. Its month needs a theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddCampaignLine {
    pub community_id: Id,
    /// A building (or an entrance of one) of the community.
    pub building_id: Id,
    /// Today when absent.
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
    /// Who did it (the steward's name).
    #[serde(default)]
    pub by_name: String,
}

impl Command for AddCampaignLine {
    const NAME: &'static str = "add_campaign_line";
    type Response = MonthTheme;
}

/// Takes back a campaign line entered by mistake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoveCampaignLine {
    pub id: Id,
}

impl Command for RemoveCampaignLine {
    const NAME: &'static str = "remove_campaign_line";
    type Response = MonthTheme;
}

// ---- notices ----

/// A notice as posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeFields {
    /// The community, or a compound or building of it: whom it is posted to.
    pub place_id: Id,
    pub title: String,
    pub text: String,
    pub start_date: String,
    pub end_date: String,
    #[serde(default = "all")]
    pub audience: Audience,
}

fn all() -> Audience {
    Audience::All
}

/// Posts a notice, or changes one (`id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostNotice {
    #[serde(default)]
    pub id: Option<Id>,
    pub community_id: Id,
    #[serde(flatten)]
    pub notice: NoticeFields,
}

impl Command for PostNotice {
    const NAME: &'static str = "post_notice";
    type Response = Notice;
}

/// Withdraws a notice (posted in error): it leaves the lists and the figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawNotice {
    pub id: Id,
}

impl Command for WithdrawNotice {
    const NAME: &'static str = "withdraw_notice";
    type Response = ();
}

/// A notice read back, with where it stands today and its WeChat text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub id: Id,
    pub community_id: Id,
    #[serde(flatten)]
    pub notice: NoticeFields,
    /// The community, compound or building's name.
    pub place_name: String,
    pub community_name: String,
    pub state: NoticeState,
    /// The plain text to paste into the residents' WeChat group.
    pub wechat_text: String,
}

/// A community's notices, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListNotices {
    pub community_id: Id,
    /// Only those in this state today.
    #[serde(default)]
    pub state: Option<NoticeState>,
    /// Only those running in this month ("YYYY-MM").
    #[serde(default)]
    pub month: Option<String>,
}

impl Command for ListNotices {
    const NAME: &'static str = "list_notices";
    type Response = Vec<Notice>;
}

// ---- duty boards ----

/// A new duty board for a building or an entrance (a corridor), its chore and its rota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddDutyBoard {
    pub community_id: Id,
    /// A building or an entrance (单元) of the community.
    pub place_id: Id,
    /// The corridor or stairwell as people say it ("3单元东侧楼道"); the place's name when empty.
    #[serde(default)]
    pub label: String,
    /// What the household on duty does ("楼道清扫").
    pub chore: String,
    /// Any day of the first week (its Monday is kept); this week when absent.
    #[serde(default)]
    pub start_week: Option<String>,
    /// The households in their order of duty.
    pub households: Vec<Id>,
}

impl Command for AddDutyBoard {
    const NAME: &'static str = "add_duty_board";
    type Response = DutyBoard;
}

/// Puts a household on a board (at the end of the order) or takes one off, from a week on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeDutyRota {
    pub board_id: Id,
    pub household_id: Id,
    /// Put on (true) or taken off (false).
    pub on: bool,
    /// Any day of the first week it counts; next week when absent, so this week's duty stays
    /// whose it is.
    #[serde(default)]
    pub from_week: Option<String>,
}

impl Command for ChangeDutyRota {
    const NAME: &'static str = "change_duty_rota";
    type Response = DutyBoard;
}

/// A week's mark: the household on duty did the chore, or did not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkDutyWeek {
    pub board_id: Id,
    /// Any day of the week; this week when absent.
    #[serde(default)]
    pub week: Option<String>,
    pub done: bool,
    #[serde(default)]
    pub note: String,
}

impl Command for MarkDutyWeek {
    const NAME: &'static str = "mark_duty_week";
    type Response = DutyBoard;
}

/// A board read whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetDutyBoard {
    pub id: Id,
    /// Weeks shown before this one (8 when absent).
    #[serde(default)]
    pub weeks_back: Option<u32>,
    /// Weeks shown after this one (11 when absent).
    #[serde(default)]
    pub weeks_ahead: Option<u32>,
}

impl Command for GetDutyBoard {
    const NAME: &'static str = "duty_board";
    type Response = DutyBoard;
}

/// A household as a duty board shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyHousehold {
    pub household_id: Id,
    /// "3单元502" (the entrance and room).
    pub door: String,
    /// The head of the household's name ("" when none is registered).
    pub head: String,
    /// The head's name as the printed board shows it in the stairwell: the surname and ＊.
    pub head_masked: String,
    /// The household's phone, masked as the register's are; none for a restricted role.
    #[serde(default)]
    pub phone: Option<String>,
    /// On the board from this week (a Monday).
    pub from_week: String,
    /// Taken off from this week.
    #[serde(default)]
    pub until_week: Option<String>,
}

/// A week of a board: who is on duty and the mark, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyWeek {
    /// The Monday.
    pub week: String,
    #[serde(default)]
    pub household: Option<DutyHousehold>,
    /// Done (true), not done (false), or not marked.
    #[serde(default)]
    pub done: Option<bool>,
    #[serde(default)]
    pub note: String,
}

/// A duty board: its place, chore, rota and weeks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyBoard {
    pub id: Id,
    pub community_id: Id,
    pub place_id: Id,
    /// The building (and entrance) as named in the place tree.
    pub place_name: String,
    pub label: String,
    pub chore: String,
    pub start_week: String,
    /// Households now on the board, in their order of duty.
    pub rota: Vec<DutyHousehold>,
    /// The weeks asked for, oldest first; this week is `this_week`.
    pub weeks: Vec<DutyWeek>,
    pub this_week: String,
    /// On duty this week and next.
    #[serde(default)]
    pub on_duty: Option<DutyHousehold>,
    #[serde(default)]
    pub next: Option<DutyHousehold>,
    /// Weeks marked done and not done since the start.
    pub done: u32,
    pub not_done: u32,
}

/// A community's duty boards with who is on duty this week and next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListDutyBoards {
    pub community_id: Id,
}

impl Command for ListDutyBoards {
    const NAME: &'static str = "list_duty_boards";
    type Response = Vec<DutyBoardLine>;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyBoardLine {
    pub id: Id,
    pub place_name: String,
    pub label: String,
    pub chore: String,
    pub households: u32,
    #[serde(default)]
    pub on_duty: Option<DutyHousehold>,
    #[serde(default)]
    pub next: Option<DutyHousehold>,
    /// This week's mark.
    #[serde(default)]
    pub done: Option<bool>,
    /// Weeks marked done and not done since the start.
    pub done_weeks: u32,
    pub not_done_weeks: u32,
}

/// The compounds, buildings and entrances of a community, for the boards' pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListBoardPlaces {
    pub community_id: Id,
}

/// A place as the boards' pickers show it: "西门新村 3栋", "3栋 2单元".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardPlace {
    pub id: Id,
    pub kind: linli_domain::PlaceKind,
    pub name: String,
}

impl Command for ListBoardPlaces {
    const NAME: &'static str = "list_board_places";
    type Response = Vec<BoardPlace>;
}
