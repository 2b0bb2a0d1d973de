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
