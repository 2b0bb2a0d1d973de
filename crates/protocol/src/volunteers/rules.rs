//! The points rules on the wire.

use std::collections::BTreeMap;

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

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
