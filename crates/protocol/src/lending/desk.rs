//! The desk: lending a basket of scanned codes, returning, renewing, holds, deposits, the service
//! log, and the conflicts two laptops lending offline leave behind.

use linli_domain::lending::{CopyAction, DepositKind, DepositUnit, HoldState, ReturnOutcome};
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

/// One loan as the desk shows it (status derived from its events).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loan {
    pub id: Id,
    pub community_id: Id,
    pub copy_id: Id,
    pub code: String,
    pub kind_id: Id,
    pub kind_name: String,
    pub household_id: Id,
    /// The household's full address (小区 楼栋 单元 室, `linli_domain::address::full_address`).
    pub household: String,
    pub building_id: Option<Id>,
    /// Its building with the compound ("南湖苑1栋"): the overdue list's groups.
    #[serde(default)]
    pub building: String,
    pub resident_id: Option<Id>,
    pub borrower: String,
    pub lent_on: String,
    /// The due date after renewals ("" for a consumable handed out).
    pub due: String,
    pub renewals: u32,
    pub handout: bool,
    /// The day it came back (or was voided), if it has.
    pub closed_on: Option<String>,
    pub outcome: Option<ReturnOutcome>,
    /// Days past due today (0 when not overdue or closed).
    pub overdue_days: i64,
    /// Another open loan holds the same copy: a conflict from two laptops lending offline.
    pub conflict: bool,
}

/// Lends the copies of a basket (codes as scanned) to a household, each with its kind's loan
/// days (or `due`), its deposit taken; a consumable is handed out in the same step. All or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lend {
    pub community_id: Id,
    pub household_id: Id,
    #[serde(default)]
    pub resident_id: Option<Id>,
    pub codes: Vec<String>,
    /// One due date for the whole basket instead of each kind's loan days.
    #[serde(default)]
    pub due: Option<String>,
    /// Who approved it, for kinds that need approval.
    #[serde(default)]
    pub approved_by: String,
    /// The volunteer whose points pay a points deposit.
    #[serde(default)]
    pub deposit_volunteer_id: Option<Id>,
    #[serde(default)]
    pub note: String,
}

impl Command for Lend {
    const NAME: &'static str = "lend";
    type Response = Vec<Loan>;
}

/// One copy coming back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnItem {
    /// Its code as scanned (or `loan_id` when a copy is on two loans).
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub loan_id: Option<Id>,
    pub outcome: ReturnOutcome,
    #[serde(default)]
    pub condition: String,
    /// Parts of the checklist that did not come back.
    #[serde(default)]
    pub missing_parts: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// What happens to its deposit: refunded unless lost (then forfeited) when not said.
    #[serde(default)]
    pub deposit: Option<DepositKind>,
    /// Photos taken as it comes back, kept as the copy's attachments (owner `lend_copies`).
    #[serde(default)]
    pub photos: Vec<crate::NewPhoto>,
}

/// Returns a basket. A returned copy is set aside for the first hold in line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnLoans {
    pub community_id: Id,
    pub items: Vec<ReturnItem>,
}

/// What a return did, per item: the loan closed, and the hold a copy was set aside for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Returned {
    pub loan: Loan,
    #[serde(default)]
    pub set_aside_for: Option<Hold>,
}

impl Command for ReturnLoans {
    const NAME: &'static str = "return_loans";
    type Response = Vec<Returned>;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewLoan {
    pub loan_id: Id,
}

impl Command for RenewLoan {
    const NAME: &'static str = "renew_loan";
    type Response = Loan;
}

/// Voids a loan (a conflict settled: the copy never left on it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidLoan {
    pub loan_id: Id,
    pub reason: String,
}

impl Command for VoidLoan {
    const NAME: &'static str = "void_loan";
    type Response = Loan;
}

/// Loans of a community: open ones (or all), overdue only, of a household or a building.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListLoans {
    pub community_id: Id,
    #[serde(default)]
    pub household_id: Option<Id>,
    #[serde(default)]
    pub building_id: Option<Id>,
    #[serde(default)]
    pub include_closed: bool,
    #[serde(default)]
    pub overdue_only: bool,
    /// Only loans in conflict (one copy on two open loans).
    #[serde(default)]
    pub conflicts_only: bool,
    /// Only households in the buildings and sections a worker works (今日's 我的楼段).
    #[serde(default)]
    pub person_id: Option<Id>,
    /// Only households of a grid (网格 or 楼段).
    #[serde(default)]
    pub grid_id: Option<Id>,
}

impl Command for ListLoans {
    const NAME: &'static str = "list_loans";
    type Response = Vec<Loan>;
}

/// A hold on a kind, as the queue shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hold {
    pub id: Id,
    pub kind_id: Id,
    pub kind_name: String,
    pub household_id: Id,
    pub household: String,
    pub resident_id: Option<Id>,
    pub placed_on: String,
    pub state: HoldState,
    /// Place in the queue (1 = next), for a waiting hold.
    pub position: Option<u32>,
    /// The copy set aside and its pickup deadline, for a ready hold.
    pub copy_code: Option<String>,
    pub pickup_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceHold {
    pub kind_id: Id,
    pub household_id: Id,
    #[serde(default)]
    pub resident_id: Option<Id>,
}

impl Command for PlaceHold {
    const NAME: &'static str = "place_hold";
    type Response = Hold;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelHold {
    pub hold_id: Id,
}

impl Command for CancelHold {
    const NAME: &'static str = "cancel_hold";
    type Response = Hold;
}

/// The holds of a community still waiting or ready (of one kind); passes lapsed pickups on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListHolds {
    pub community_id: Id,
    #[serde(default)]
    pub kind_id: Option<Id>,
}

impl Command for ListHolds {
    const NAME: &'static str = "list_holds";
    type Response = Vec<Hold>;
}

/// A deposit fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deposit {
    pub id: Id,
    pub household_id: Id,
    pub loan_id: Option<Id>,
    pub kind: DepositKind,
    pub unit: DepositUnit,
    pub amount: i64,
    pub volunteer_id: Option<Id>,
    pub ledger_id: Option<Id>,
    /// For a refund or forfeit: the deposit it settles.
    pub settles: Option<Id>,
    pub date: String,
    pub note: String,
    /// For a take: whether a refund or forfeit settled it.
    pub settled: bool,
}

/// A household's deposits and what the station still holds of them (derived).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deposits {
    pub household_id: Id,
    pub lines: Vec<Deposit>,
    pub held_yuan: i64,
    pub held_points: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListDeposits {
    pub household_id: Id,
}

impl Command for ListDeposits {
    const NAME: &'static str = "list_deposits";
    type Response = Deposits;
}

/// Refunds or forfeits a deposit taken (points refunded go back through the points ledger).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettleDeposit {
    pub deposit_id: Id,
    pub kind: DepositKind,
    #[serde(default)]
    pub note: String,
}

impl Command for SettleDeposit {
    const NAME: &'static str = "settle_deposit";
    type Response = Deposits;
}

/// One line of a copy's service log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceEntry {
    pub id: Id,
    pub copy_id: Id,
    pub action: CopyAction,
    pub date: String,
    pub next_due: Option<String>,
    pub note: String,
}

/// The service desk: to maintenance and back, inspect, clean, repair, retire, lost, found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceCopy {
    pub copy_id: Id,
    pub action: CopyAction,
    #[serde(default)]
    pub note: String,
    /// The next inspection or service due.
    #[serde(default)]
    pub next_due: Option<String>,
}

impl Command for ServiceCopy {
    const NAME: &'static str = "service_copy";
    type Response = crate::LendCopy;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyLog {
    pub copy_id: Id,
}

impl Command for CopyLog {
    const NAME: &'static str = "copy_log";
    type Response = Vec<ServiceEntry>;
}
