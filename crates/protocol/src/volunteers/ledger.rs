//! The balance, the ledger and its statements, and redemption from the catalogue on the wire.

use linli_domain::volunteers::{ItemKind, LedgerKind};
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

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
    /// The hours entry whose points this line earned (or, for a reversal, took back): the window
    /// opens its arithmetic (`ExplainPoints`) from the line's points.
    #[serde(default)]
    pub entry_id: Option<Id>,
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

/// Changes an item's name, cost and unit, with the same checks as adding (stock moves only by
/// restocking and redemptions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditCatalogueItem {
    pub id: Id,
    pub name: String,
    pub cost: i64,
    #[serde(default)]
    pub unit: String,
}

impl Command for EditCatalogueItem {
    const NAME: &'static str = "edit_catalogue_item";
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
