//! Kinds of item, their copies and each community's lending rules.

use linli_domain::lending::{CopyStatus, DepositUnit};
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

/// What a kind of item is, as the station writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LendKindFields {
    /// 名称, e.g. 轮椅
    pub name: String,
    /// 类别, e.g. 助行 (free text)
    #[serde(default)]
    pub category: String,
    /// Days a loan runs (1–365).
    pub loan_days: i64,
    /// How often a loan may be renewed (0–20).
    #[serde(default)]
    pub max_renewals: i64,
    /// Days a returned copy rests for cleaning or inspection before it is lent again (0–60).
    #[serde(default)]
    pub buffer_days: i64,
    #[serde(default = "no_deposit")]
    pub deposit_unit: DepositUnit,
    /// In 元 or points by `deposit_unit` (0 when none).
    #[serde(default)]
    pub deposit: i64,
    #[serde(default)]
    pub needs_approval: bool,
    /// Handed out in one step, never returned (reading glasses, masks).
    #[serde(default)]
    pub consumable: bool,
    #[serde(default)]
    pub care_notes: String,
    /// The parts checklist checked at lending and return.
    #[serde(default)]
    pub parts: Vec<String>,
}

fn no_deposit() -> DepositUnit {
    DepositUnit::None
}

/// A kind with its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LendKind {
    pub id: Id,
    pub community_id: Id,
    #[serde(flatten)]
    pub fields: LendKindFields,
    /// Copies not retired, lost or handed out.
    pub copies: u32,
    /// Copies on the shelf now.
    pub on_shelf: u32,
    /// Households waiting in its hold queue.
    pub holds_waiting: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddLendKind {
    pub community_id: Id,
    #[serde(flatten)]
    pub fields: LendKindFields,
}

impl Command for AddLendKind {
    const NAME: &'static str = "add_lend_kind";
    type Response = LendKind;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditLendKind {
    pub id: Id,
    #[serde(flatten)]
    pub fields: LendKindFields,
}

impl Command for EditLendKind {
    const NAME: &'static str = "edit_lend_kind";
    type Response = LendKind;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListLendKinds {
    pub community_id: Id,
}

impl Command for ListLendKinds {
    const NAME: &'static str = "list_lend_kinds";
    type Response = Vec<LendKind>;
}

/// What a copy is, as the station writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LendCopyFields {
    /// Its own code, printed as a QR label (letters, digits, `-`; stored upper-case).
    pub code: String,
    #[serde(default)]
    pub serial: String,
    /// 成色 (free text, e.g. 良好)
    #[serde(default)]
    pub condition: String,
    /// Where it is kept.
    #[serde(default)]
    pub location: String,
    /// Its value in whole 元.
    #[serde(default)]
    pub value: Option<i64>,
    /// The resident who gave it.
    #[serde(default)]
    pub donor_resident_id: Option<Id>,
    /// The unit (company, school) that gave it.
    #[serde(default)]
    pub donor_unit: String,
}

/// A copy with its derived status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LendCopy {
    pub id: Id,
    pub community_id: Id,
    pub kind_id: Id,
    pub kind_name: String,
    #[serde(flatten)]
    pub fields: LendCopyFields,
    pub status: CopyStatus,
    /// The open loans on it: two or more is a conflict from two laptops lending offline.
    pub open_loans: Vec<Id>,
    /// When it is set aside for a hold: the pickup deadline.
    #[serde(default)]
    pub held_until: Option<String>,
    /// After a return, the first day it may be lent again (its kind's buffer days).
    #[serde(default)]
    pub available_from: Option<String>,
    /// The next service due by its log.
    #[serde(default)]
    pub next_service: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddLendCopy {
    pub kind_id: Id,
    #[serde(flatten)]
    pub fields: LendCopyFields,
    /// Time-bank points credited to the donor for a donated copy (0–1000), through the points
    /// ledger: to `donor_volunteer_id`, or the volunteer registered for `donor_resident_id`.
    #[serde(default)]
    pub donor_points: i64,
    #[serde(default)]
    pub donor_volunteer_id: Option<Id>,
}

impl Command for AddLendCopy {
    const NAME: &'static str = "add_lend_copy";
    type Response = LendCopy;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditLendCopy {
    pub id: Id,
    #[serde(flatten)]
    pub fields: LendCopyFields,
}

impl Command for EditLendCopy {
    const NAME: &'static str = "edit_lend_copy";
    type Response = LendCopy;
}

/// The copies of a community (of one kind), retired and lost ones only when asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListLendCopies {
    pub community_id: Id,
    #[serde(default)]
    pub kind_id: Option<Id>,
    #[serde(default)]
    pub include_gone: bool,
}

impl Command for ListLendCopies {
    const NAME: &'static str = "list_lend_copies";
    type Response = Vec<LendCopy>;
}

/// A copy by its code, as a scanner types it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindLendCopy {
    pub community_id: Id,
    pub code: String,
}

impl Command for FindLendCopy {
    const NAME: &'static str = "find_lend_copy";
    type Response = LendCopy;
}

/// A community's lending rules (设置), the defaults where none were set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LendRules {
    pub community_id: Id,
    /// Most items one household may have on loan (1–100).
    pub max_loans: i64,
    /// No new loans or holds while a loan is overdue more than this many days (0–365).
    pub block_overdue_days: i64,
    /// No renewal of a loan overdue more than this many days (0–365).
    pub renew_overdue_days: i64,
    /// Days a copy set aside for a hold waits for its pickup (1–30).
    pub pickup_days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetLendRules {
    pub community_id: Id,
}

impl Command for GetLendRules {
    const NAME: &'static str = "get_lend_rules";
    type Response = LendRules;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetLendRules {
    pub rules: LendRules,
}

impl Command for SetLendRules {
    const NAME: &'static str = "set_lend_rules";
    type Response = LendRules;
}
