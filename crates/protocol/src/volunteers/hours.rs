//! Service hours and their verification on the wire.

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

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
    /// A coordinator rejected it: it earns nothing and cannot be verified after.
    Rejected,
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
    /// Who credited it (a person of the register), when known.
    #[serde(default)]
    pub credited_by: Option<Id>,
    /// Their name, when known.
    #[serde(default)]
    pub credited_by_name: Option<String>,
    /// Why it was rejected, when it was.
    #[serde(default)]
    pub rejected_reason: Option<String>,
}

/// Hours for one volunteer of a credit, when they differ from the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonHours {
    pub volunteer_id: Id,
    pub hours: f64,
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
    /// Hours per person where they differ from `hours` (or the activity's): each volunteer here
    /// must be one of `volunteer_ids`.
    #[serde(default)]
    pub each: Vec<PersonHours>,
}

impl Command for CreditHours {
    const NAME: &'static str = "credit_hours";
    type Response = Vec<HourEntry>;
}

/// A coordinator verifies entries; each then earns points by the community's rules. The
/// coordinator is this laptop's "me" when one is chosen (else `verified_by`), and nobody verifies
/// an entry they credited themselves.
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

/// A coordinator rejects pending entries (they earn nothing); as with verifying, nobody rejects an
/// entry they credited themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectHours {
    pub entry_ids: Vec<Id>,
    pub reason: String,
}

impl Command for RejectHours {
    const NAME: &'static str = "reject_hours";
    type Response = Vec<HourEntry>;
}

/// Why an entry earns what it earns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointsReason {
    /// Hours × points per hour, nothing cut.
    Full,
    /// The category earns 0 points an hour.
    RateZero,
    /// Too few minutes to round to a point.
    BelowMinimum,
    /// Cut to the most one entry may earn.
    EntryCap,
    /// Cut to what was left of the volunteer's month cap.
    MonthCap,
    /// Rejected: it earns nothing.
    Rejected,
    /// Reversed (or a reversal): its points went back.
    Reversed,
    /// The rules changed since it was verified; the points are what it earned then.
    RulesChanged,
    /// A reason a newer Linli gave.
    #[serde(other)]
    Unknown,
}

/// How an entry's points were made: the rule (points per hour for its category, the caps) and
/// the arithmetic, for the window to explain "2 h → 0 points".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointsExplanation {
    pub entry: HourEntry,
    pub rules: crate::PointsRules,
    /// Points an hour for the entry's category.
    pub rate: i64,
    /// The category has no rate of its own: the default applies.
    pub rate_is_default: bool,
    pub minutes: i64,
    /// Hours × rate, rounded, before any cap.
    pub raw: i64,
    /// Points the volunteer earned in the entry's month before it (for the month cap).
    pub month_before: i64,
    /// What it earned (verified), or would earn if verified now (pending; `entry.status` says).
    pub points: i64,
    pub reason: PointsReason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplainPoints {
    pub entry_id: Id,
}

impl Command for ExplainPoints {
    const NAME: &'static str = "explain_points";
    type Response = PointsExplanation;
}
