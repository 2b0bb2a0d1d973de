//! The mediation register (人民调解, issue 20 item 1; docs/mediation.md): a community's numbering,
//! registering a case with its parties and mediators, recording each stage of its case file,
//! reading a case with what its facts say (where it stands, its term, its current mediators) and
//! the list of cases. A case's parties and its free texts are withheld from roles without the
//! mediation grant (`privacy::has_mediation_grant`).

use linli_domain::mediation::{
    CaseSource, CaseState, ConfirmResult, DisputeKind, Outcome, PartySide, Route, StepKind,
};
use linli_domain::{Gender, Id};
use serde::{Deserialize, Serialize};

use crate::Command;

/// A community's numbering: the prefix of "（2026）东人调字第N号" and the committee's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediationSettings {
    pub community_id: Id,
    /// 1 to 6 characters; the community's first character until set.
    pub prefix: String,
    /// 人民调解委员会's name as printed; "`<community>人民调解委员会`" until set.
    #[serde(default)]
    pub committee: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetMediationSettings {
    pub community_id: Id,
}

impl Command for GetMediationSettings {
    const NAME: &'static str = "get_mediation_settings";
    type Response = MediationSettings;
}

/// Sets a community's prefix and committee name (an administrator's act).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetMediationSettings {
    pub community_id: Id,
    pub prefix: String,
    #[serde(default)]
    pub committee: String,
}

impl Command for SetMediationSettings {
    const NAME: &'static str = "set_mediation_settings";
    type Response = MediationSettings;
}

/// A party as registered: a resident of the register (by id; name, gender, age, phone and
/// address come from the register) or an outsider with their own details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyFields {
    pub side: PartySide,
    #[serde(default)]
    pub resident_id: Option<Id>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub gender: Option<Gender>,
    #[serde(default)]
    pub age: Option<i64>,
    #[serde(default)]
    pub phone: String,
    /// Where they live (an outsider's).
    #[serde(default)]
    pub address: String,
    /// Where they work or the company they speak for.
    #[serde(default)]
    pub unit: String,
}

/// A party as read back. On a laptop without the mediation grant every personal field is empty
/// and `withheld` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediationParty {
    pub id: Id,
    #[serde(flatten)]
    pub fields: PartyFields,
    #[serde(default)]
    pub withheld: bool,
}

/// A mediator: a member of the community's mediation team (a volunteer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mediator {
    pub id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMediators {
    pub community_id: Id,
}

impl Command for ListMediators {
    const NAME: &'static str = "list_mediators";
    type Response = Vec<Mediator>;
}

/// 受理登记.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterMediationCase {
    pub community_id: Id,
    /// Where the dispute is (a compound or building), for the figures by place.
    #[serde(default)]
    pub place_id: Option<Id>,
    pub kind: DisputeKind,
    pub source: CaseSource,
    /// The dispute in brief.
    pub brief: String,
    /// 受理日期; today when absent.
    #[serde(default)]
    pub registered_on: Option<String>,
    pub mediators: Vec<Id>,
    pub parties: Vec<PartyFields>,
}

impl Command for RegisterMediationCase {
    const NAME: &'static str = "register_mediation_case";
    type Response = MediationCase;
}

/// Corrects a party's details after registration (name, gender, age, phone, address, unit, side,
/// or the resident of the register they are), checked as at registration; the case keeps at
/// least one party on each side. Not on a laptop without the mediation grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateMediationParty {
    /// the party (`MediationParty::id`)
    pub id: Id,
    #[serde(flatten)]
    pub fields: PartyFields,
}

impl Command for UpdateMediationParty {
    const NAME: &'static str = "update_mediation_party";
    type Response = MediationCase;
}

/// One stage of the case file, recorded once. `date` is today when absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MediationStep {
    /// 告知 of rights and duties delivered to the parties.
    Notice {
        #[serde(default)]
        date: Option<String>,
        #[serde(default)]
        note: String,
    },
    Investigation {
        #[serde(default)]
        date: Option<String>,
        note: String,
    },
    Session {
        #[serde(default)]
        date: Option<String>,
        /// "HH:MM"
        time: String,
        place: String,
        /// who was there
        present: String,
        record: String,
    },
    Outcome {
        #[serde(default)]
        date: Option<String>,
        outcome: Outcome,
        /// the agreement's content (written or oral)
        #[serde(default)]
        content: String,
        /// how it is carried out
        #[serde(default)]
        carry_how: String,
        /// where it is carried out
        #[serde(default)]
        carry_where: String,
        /// by when
        #[serde(default)]
        carry_by: Option<String>,
        /// when mediation failed: where the parties go
        #[serde(default)]
        route: Option<Route>,
    },
    CarryingOut {
        #[serde(default)]
        date: Option<String>,
        note: String,
    },
    /// 回访: how the agreement is being carried out, and the risks seen.
    FollowUp {
        #[serde(default)]
        date: Option<String>,
        how_carried: String,
        #[serde(default)]
        risks: String,
    },
    Close {
        #[serde(default)]
        date: Option<String>,
        #[serde(default)]
        note: String,
    },
    /// The term extended, with every party's consent.
    Extension {
        #[serde(default)]
        date: Option<String>,
        days: i64,
        /// the parties who agreed: every party of the case
        consenting: Vec<Id>,
        #[serde(default)]
        note: String,
    },
    /// A party asked for another mediator.
    MediatorChange {
        #[serde(default)]
        date: Option<String>,
        asked_by: Id,
        mediators: Vec<Id>,
        #[serde(default)]
        reason: String,
    },
    /// 司法确认: sent within 30 days of a written agreement; its result.
    Confirmation {
        #[serde(default)]
        date: Option<String>,
        court: String,
        result: ConfirmResult,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMediationStep {
    pub case_id: Id,
    pub step: MediationStep,
}

impl Command for RecordMediationStep {
    const NAME: &'static str = "record_mediation_step";
    type Response = MediationCase;
}

/// A stage as recorded (the fields its kind uses; the others empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediationEvent {
    pub id: Id,
    pub kind: StepKind,
    pub date: String,
    pub time: String,
    pub place: String,
    pub present: String,
    /// note, record, the agreement's content, how it is being carried out, reason
    pub text: String,
    pub outcome: Option<Outcome>,
    pub route: Option<Route>,
    pub carry_how: String,
    pub carry_where: String,
    pub carry_by: Option<String>,
    pub days: Option<i64>,
    /// consenting parties, or the party who asked for a change
    pub parties: Vec<Id>,
    /// the mediators after a change
    pub mediators: Vec<Mediator>,
    pub court: String,
    pub result: Option<ConfirmResult>,
    pub risks: String,
}

/// A case with what its facts say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediationCase {
    pub id: Id,
    pub community_id: Id,
    pub place_id: Option<Id>,
    pub place: String,
    /// "（2026）东人调字第12号"
    pub number_text: String,
    pub year: i64,
    pub number: i64,
    /// Another case of the community holds the same number and was registered first: this one
    /// needs renumbering (two laptops numbered offline).
    pub clash: bool,
    pub committee: String,
    pub kind: DisputeKind,
    pub source: CaseSource,
    pub brief: String,
    pub registered_on: String,
    /// The current mediators (after any change).
    pub mediators: Vec<Mediator>,
    pub parties: Vec<MediationParty>,
    pub events: Vec<MediationEvent>,
    pub state: CaseState,
    /// The last day of the term (one month, plus extensions).
    pub term_end: String,
    /// Days left while no outcome is recorded (negative when overdue).
    pub days_left: Option<i64>,
    /// Overdue: 0 社区, 1 街道, 2 县.
    pub escalation: Option<u32>,
    pub outcome: Option<Outcome>,
    pub outcome_on: Option<String>,
    /// The last day a written agreement may be sent for 司法确认.
    pub confirm_by: Option<String>,
    /// The parties and texts are withheld from this laptop's role.
    #[serde(default)]
    pub withheld: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetMediationCase {
    pub id: Id,
    /// The day the term is counted on; today when absent.
    #[serde(default)]
    pub today: Option<String>,
}

impl Command for GetMediationCase {
    const NAME: &'static str = "mediation_case";
    type Response = MediationCase;
}

/// Gives a clashing case the next free number of its year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenumberMediationCase {
    pub id: Id,
}

impl Command for RenumberMediationCase {
    const NAME: &'static str = "renumber_mediation_case";
    type Response = MediationCase;
}

/// How the case list is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    /// newest number first
    #[default]
    Number,
    /// the fewest days left first (overdue at the top), then the finished ones
    DaysLeft,
    Registered,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMediationCases {
    pub community_id: Option<Id>,
    #[serde(default)]
    pub state: Option<CaseState>,
    #[serde(default)]
    pub kind: Option<DisputeKind>,
    #[serde(default)]
    pub overdue: bool,
    /// in the number, the brief or a party's name
    #[serde(default)]
    pub text: String,
    /// cases registered in this year
    #[serde(default)]
    pub year: Option<i64>,
    #[serde(default)]
    pub sort: CaseSort,
    #[serde(default)]
    pub today: Option<String>,
}

/// One line of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediationCaseLine {
    pub id: Id,
    pub number_text: String,
    pub number: i64,
    pub clash: bool,
    pub kind: DisputeKind,
    pub source: CaseSource,
    pub brief: String,
    /// "张三 与 李四" (无权查看 where withheld)
    pub parties: String,
    pub mediators: String,
    pub registered_on: String,
    pub state: CaseState,
    pub term_end: String,
    pub days_left: Option<i64>,
    pub escalation: Option<u32>,
}

impl Command for ListMediationCases {
    const NAME: &'static str = "list_mediation_cases";
    type Response = Vec<MediationCaseLine>;
}

/// A count by a word (a dispute's type or source).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountBy {
    pub code: String,
    pub n: u32,
}

/// The mediation figures of one month: `linli report mediation` and the monthly report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediationFigures {
    pub month: String,
    pub place_id: Option<Id>,
    /// Cases registered in the month.
    pub received: u32,
    /// Agreements (written or oral) reached in the month.
    pub settled: u32,
    /// Mediations that failed in the month.
    pub failed: u32,
    /// `settled` / (`settled` + `failed`), 0 when neither.
    pub settlement_rate: f64,
    /// Of the month's agreements, those carried out (履行 or 回访 recorded by the month's end).
    pub carried_out: u32,
    pub closed: u32,
    /// Cases without an outcome at the month's end (today for this month), and those past term.
    pub open: u32,
    pub overdue: u32,
    /// Sent for 司法确认 in the month.
    pub confirmations: u32,
    /// The month's cases by type and by source (codes of `DisputeKind`, `CaseSource`).
    pub by_kind: Vec<CountBy>,
    pub by_source: Vec<CountBy>,
}

/// The figures of one month (`YYYY-MM`, this month when empty) for the communities under a place
/// (every one when none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediationReport {
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub place_id: Option<Id>,
}

impl Command for MediationReport {
    const NAME: &'static str = "mediation_report";
    type Response = MediationFigures;
}
