//! A community's rules as the 设置 page reads and writes them in one place: the station's name and
//! care tags (the `community_settings` entity), read together with the visit intervals, the
//! escalation days per request category and the points rules, which keep their own requests.

use linli_domain::field::TaskCategory;
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::{Command, PointsRules, VisitRules};

/// Days past due before an open task of a category escalates one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRuleDays {
    pub category: TaskCategory,
    pub escalate_after_days: u32,
    /// Whether the community set it (else it is the category's default).
    #[serde(default)]
    pub set: bool,
}

/// Every rule of a community, the defaults where none was set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityRules {
    pub community_id: Id,
    /// The station's name as printed on statements ("" when not set).
    pub station_name: String,
    /// The care tags the community uses, in linli-domain's order (all of them when not set).
    pub care_tags: Vec<String>,
    pub visit: VisitRules,
    pub tasks: Vec<TaskRuleDays>,
    pub points: PointsRules,
}

/// Reads a community's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetCommunityRules {
    pub community_id: Id,
}

impl Command for GetCommunityRules {
    const NAME: &'static str = "get_community_rules";
    type Response = CommunityRules;
}

/// Sets the station's name and/or the care tags of a community (a field left `None` is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetCommunitySettings {
    pub community_id: Id,
    #[serde(default)]
    pub station_name: Option<String>,
    #[serde(default)]
    pub care_tags: Option<Vec<String>>,
}

impl Command for SetCommunitySettings {
    const NAME: &'static str = "set_community_settings";
    type Response = CommunityRules;
}

/// The station a volunteer's statement is printed for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationOf {
    pub volunteer_id: Id,
}

/// A station: its community and name ("" when not set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Station {
    pub community_id: Option<Id>,
    pub community_name: String,
    pub station_name: String,
}

impl Command for StationOf {
    const NAME: &'static str = "station_of";
    type Response = Station;
}
