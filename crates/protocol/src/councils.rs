//! Residents' councils, liaison points and suggestions (议事会、居民联络点、居民建议; issue 20
//! items 2 and 5; docs/councils.md): liaison points with their keepers and hours, topics taken
//! through review, publication, a meeting and its vote to a resolution and the requests (诉求)
//! made from it, meetings with their attendees, quorum and the review of earlier requests, and
//! suggestions taken and answered. Who proposed a topic or made a suggestion is withheld from
//! restricted roles (`privacy::COUNCIL_WITHHELD`).

use linli_domain::councils::{
    AttendeeRole, TopicCategory, TopicOrigin, TopicState, TopicStep, VoteRule,
};
use linli_domain::field::{TaskCategory, TaskStatus};
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

/// A liaison point (居民联络点): where residents find someone to tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiaisonPoint {
    pub id: Id,
    pub community_id: Id,
    /// The community, compound or building it serves.
    pub place_id: Option<Id>,
    pub place: String,
    pub name: String,
    pub keeper_person_id: Option<Id>,
    pub keeper_resident_id: Option<Id>,
    pub keeper: String,
    /// Opening times as posted ("周二、周四 9:00-11:30").
    pub hours: String,
    pub note: String,
}

/// Adds a liaison point, or changes one (`id`); `deleted` takes it away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveLiaisonPoint {
    #[serde(default)]
    pub id: Option<Id>,
    pub community_id: Id,
    #[serde(default)]
    pub place_id: Option<Id>,
    pub name: String,
    /// The keeper: a worker (a person) or a resident, exactly one.
    #[serde(default)]
    pub keeper_person_id: Option<Id>,
    #[serde(default)]
    pub keeper_resident_id: Option<Id>,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub deleted: bool,
}

impl Command for SaveLiaisonPoint {
    const NAME: &'static str = "save_liaison_point";
    type Response = LiaisonPoint;
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListLiaisonPoints {
    #[serde(default)]
    pub community_id: Option<Id>,
    /// in the name, place, keeper or hours
    #[serde(default)]
    pub text: String,
}

impl Command for ListLiaisonPoints {
    const NAME: &'static str = "list_liaison_points";
    type Response = Vec<LiaisonPoint>;
}

/// A request made from a resolution, with its live status on the 诉求 board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilRequest {
    pub task_id: Id,
    pub topic_id: Id,
    pub topic: String,
    pub title: String,
    pub status: TaskStatus,
    pub owner: String,
    pub due_date: Option<String>,
    pub finished_at: Option<String>,
    pub overdue: bool,
}

/// A stage as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicEvent {
    pub id: Id,
    pub kind: TopicStep,
    pub date: String,
    pub text: String,
    pub accepted: Option<bool>,
    pub until: Option<String>,
    pub meeting_id: Option<Id>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub votes_abstain: Option<u32>,
    pub passed: Option<bool>,
    pub task_id: Option<Id>,
}

/// A topic with what its facts say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilTopic {
    pub id: Id,
    pub community_id: Id,
    pub place_id: Option<Id>,
    pub place: String,
    pub title: String,
    pub text: String,
    pub category: TopicCategory,
    pub origin: TopicOrigin,
    /// The suggestion, visit or task it came from.
    pub origin_id: Option<Id>,
    pub proposer_person_id: Option<Id>,
    pub proposer_household_id: Option<Id>,
    /// The proposer's name (无权查看 is the window's where withheld).
    pub proposer: String,
    pub proposed_on: String,
    /// The meeting's month if it is put to one, else the month it was proposed in ("YYYY-MM").
    pub month: String,
    pub state: TopicState,
    pub meeting_id: Option<Id>,
    pub meeting_on: Option<String>,
    pub resolution: String,
    pub events: Vec<TopicEvent>,
    pub requests: Vec<CouncilRequest>,
    /// The proposer is withheld from this laptop's role.
    #[serde(default)]
    pub withheld: bool,
}

/// Proposes a topic (议题).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposeTopic {
    pub community_id: Id,
    #[serde(default)]
    pub place_id: Option<Id>,
    pub title: String,
    #[serde(default)]
    pub text: String,
    pub category: TopicCategory,
    pub origin: TopicOrigin,
    /// The suggestion, visit or task it comes from.
    #[serde(default)]
    pub origin_id: Option<Id>,
    /// An official proposing (a person) …
    #[serde(default)]
    pub proposer_person_id: Option<Id>,
    /// … or a resident's household, with the name of who spoke.
    #[serde(default)]
    pub proposer_household_id: Option<Id>,
    #[serde(default)]
    pub proposer_name: String,
    /// Today when absent.
    #[serde(default)]
    pub proposed_on: Option<String>,
}

impl Command for ProposeTopic {
    const NAME: &'static str = "propose_topic";
    type Response = CouncilTopic;
}

/// One stage of a topic. `date` is today when absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TopicStepInput {
    Review {
        #[serde(default)]
        date: Option<String>,
        accepted: bool,
        #[serde(default)]
        note: String,
    },
    Publish {
        #[serde(default)]
        date: Option<String>,
        /// The last day for comments.
        #[serde(default)]
        until: Option<String>,
        #[serde(default)]
        note: String,
    },
    Comment {
        #[serde(default)]
        date: Option<String>,
        text: String,
    },
    /// Put to a meeting (its date is the stage's date).
    Schedule { meeting_id: Id },
    /// The vote at the meeting it was put to, on the meeting's date.
    Vote {
        votes_for: u32,
        votes_against: u32,
        votes_abstain: u32,
    },
    Resolution {
        #[serde(default)]
        date: Option<String>,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordTopicStep {
    pub topic_id: Id,
    pub step: TopicStepInput,
}

impl Command for RecordTopicStep {
    const NAME: &'static str = "record_topic_step";
    type Response = CouncilTopic;
}

/// One request to make from a resolution: what, who is responsible, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionRequest {
    pub title: String,
    #[serde(default = "default_category")]
    pub category: TaskCategory,
    #[serde(default)]
    pub description: String,
    /// The owner (a person), dispatched to at once.
    pub owner_id: Id,
    pub due_date: String,
}

pub(crate) fn default_category() -> TaskCategory {
    TaskCategory::PublicMatter
}

/// Turns a published resolution into requests (诉求) in the five-list flow, each raised at the
/// topic's place (or its community) and dispatched to its owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MakeTopicRequests {
    pub topic_id: Id,
    pub requests: Vec<ResolutionRequest>,
}

impl Command for MakeTopicRequests {
    const NAME: &'static str = "make_topic_requests";
    type Response = CouncilTopic;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetCouncilTopic {
    pub id: Id,
}

impl Command for GetCouncilTopic {
    const NAME: &'static str = "council_topic";
    type Response = CouncilTopic;
}

/// How the topic list is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicSort {
    /// newest first
    #[default]
    Proposed,
    State,
    Category,
}

/// The topics of a community (every one when none), of a month (the theme's month: the
/// meeting's, else the proposal's), a state, a category, a text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListCouncilTopics {
    #[serde(default)]
    pub community_id: Option<Id>,
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub state: Option<TopicState>,
    #[serde(default)]
    pub category: Option<TopicCategory>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub sort: TopicSort,
}

impl Command for ListCouncilTopics {
    const NAME: &'static str = "list_council_topics";
    type Response = Vec<CouncilTopic>;
}

/// Someone at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub name: String,
    pub role: AttendeeRole,
}

/// A round-table meeting (议事会) with its agenda and the review of earlier requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilMeeting {
    pub id: Id,
    pub community_id: Id,
    pub point_id: Option<Id>,
    pub place: String,
    pub date: String,
    pub time: String,
    pub host: String,
    /// Members expected (应到).
    pub expected: u32,
    pub attendees: Vec<Attendee>,
    /// Present who count (实到: every attendee but observers).
    pub present: u32,
    /// Its rule of the vote (quorum and what passes), the default when written before it had one.
    #[serde(default)]
    pub rule: VoteRule,
    pub quorate: bool,
    pub minutes: String,
    /// "YYYY-MM"
    pub month: String,
    /// The topics put to it, as they now stand.
    pub topics: Vec<CouncilTopic>,
    /// Requests made from earlier meetings' resolutions to review here: those of the previous
    /// meeting, and any older one still open on this meeting's day; with their live status.
    pub review: Vec<CouncilRequest>,
}

/// Calls a meeting, or changes one (`id`): date, place, host, expected members, attendees,
/// minutes; `deleted` cancels one that has voted nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveCouncilMeeting {
    #[serde(default)]
    pub id: Option<Id>,
    pub community_id: Id,
    #[serde(default)]
    pub point_id: Option<Id>,
    #[serde(default)]
    pub place: String,
    pub date: String,
    #[serde(default)]
    pub time: String,
    pub host: String,
    pub expected: u32,
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    #[serde(default)]
    pub minutes: String,
    /// Its rule of the vote; fixed once a topic has been voted at it.
    #[serde(default)]
    pub rule: VoteRule,
    #[serde(default)]
    pub deleted: bool,
}

impl Command for SaveCouncilMeeting {
    const NAME: &'static str = "save_council_meeting";
    type Response = CouncilMeeting;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetCouncilMeeting {
    pub id: Id,
}

impl Command for GetCouncilMeeting {
    const NAME: &'static str = "council_meeting";
    type Response = CouncilMeeting;
}

/// A meeting in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilMeetingLine {
    pub id: Id,
    pub community_id: Id,
    pub date: String,
    pub time: String,
    pub place: String,
    pub host: String,
    pub expected: u32,
    pub present: u32,
    #[serde(default)]
    pub rule: VoteRule,
    pub quorate: bool,
    pub topics: u32,
    pub passed: u32,
}

/// Meetings of a community (every one when none) and a month or year, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListCouncilMeetings {
    #[serde(default)]
    pub community_id: Option<Id>,
    /// "YYYY-MM" or "YYYY"
    #[serde(default)]
    pub month: Option<String>,
}

impl Command for ListCouncilMeetings {
    const NAME: &'static str = "list_council_meetings";
    type Response = Vec<CouncilMeetingLine>;
}

/// A count by a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeCount {
    pub code: String,
    pub n: u32,
}

/// A month's council figures: `linli report councils` and the monthly report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilFigures {
    pub month: String,
    pub place_id: Option<Id>,
    /// Topics proposed in the month.
    pub topics: u32,
    /// Meetings held in the month (dated in it, by today).
    pub meetings: u32,
    /// Topics voted at the month's meetings, and of those passed.
    pub voted: u32,
    pub passed: u32,
    /// Resolutions published in the month.
    pub resolutions: u32,
    /// Resolutions whose requests were all closed in the month (the last one closed in it).
    pub resolutions_done: u32,
    /// Requests made from resolutions in the month.
    pub requests: u32,
    /// Liaison points of the communities.
    pub liaison_points: u32,
    pub by_category: Vec<CodeCount>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilReport {
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub place_id: Option<Id>,
}

impl Command for CouncilReport {
    const NAME: &'static str = "council_report";
    type Response = CouncilFigures;
}

/// A month's suggestion figures: `linli report suggestions` and the monthly report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestionFigures {
    pub month: String,
    pub place_id: Option<Id>,
    pub received: u32,
    /// Answered in the month (whatever was done with them).
    pub answered: u32,
    pub to_topic: u32,
    pub to_request: u32,
    /// Of the month's suggestions, those answered by the month's end ÷ received.
    pub answer_rate: f64,
    /// Waiting for an answer at the month's end (today for this month).
    pub waiting: u32,
    pub by_source: Vec<CodeCount>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionReport {
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub place_id: Option<Id>,
}

impl Command for SuggestionReport {
    const NAME: &'static str = "suggestion_report";
    type Response = SuggestionFigures;
}
