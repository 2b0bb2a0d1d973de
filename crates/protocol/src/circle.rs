//! The 15-minute neighbourhood service circle (15分钟近邻服务圈, issue 25 item 3; docs/circle.md):
//! the service points within reach of a community — service centres, liaison points, sharing
//! stations, clinics, canteens, schools, co-building units' rooms — shared across communities
//! and found by the service asked for; joint activities between communities and co-building
//! units, counted for each community taking part; a month's figures. A point's contact phone
//! reaches restricted roles masked or not at all (`privacy::WITHHELD_FIELDS`).

use linli_domain::circle::PointKind;
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::{Command, CountBy};

/// A service point as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointFields {
    /// The point's home community: where it is, whose list it heads.
    pub community_id: Id,
    pub kind: PointKind,
    pub name: String,
    #[serde(default)]
    pub address: String,
    /// "周一至周五 08:30-17:30"
    pub hours: String,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: String,
    /// Run by a community of the register…
    #[serde(default)]
    pub run_by_community_id: Option<Id>,
    /// …or by a co-building unit, by name ("县供电公司").
    #[serde(default)]
    pub run_by_unit: String,
    /// Words of `linli_domain::circle::SERVICES` and free words.
    pub services: Vec<String>,
    /// Free words, split and added to `services` when saved.
    #[serde(default)]
    pub services_text: String,
    /// The communities it serves besides its home community (which it always serves).
    #[serde(default)]
    pub serves: Vec<Id>,
    #[serde(default)]
    pub note: String,
    /// The day it opened (启用日期), "YYYY-MM-DD"; "" when not known (counted as always open).
    #[serde(default)]
    pub opened_on: String,
    /// The day it closed (停用日期: its first day closed); "" while it is open.
    #[serde(default)]
    pub closed_on: String,
}

/// A service point as read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePoint {
    pub id: Id,
    #[serde(flatten)]
    pub fields: PointFields,
    pub community_name: String,
    /// The running community's name, or the unit's.
    pub run_by: String,
    /// The communities it serves, home first, by name.
    pub serves_names: Vec<String>,
    /// Serves more than its home community.
    pub shared: bool,
    /// Closed as of today (its closing day has come).
    #[serde(default)]
    pub closed: bool,
}

/// Adds a point (`id` None) or rewrites one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveCirclePoint {
    #[serde(default)]
    pub id: Option<Id>,
    #[serde(flatten)]
    pub fields: PointFields,
}

impl Command for SaveCirclePoint {
    const NAME: &'static str = "save_circle_point";
    type Response = ServicePoint;
}

/// Takes a point off the circle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoveCirclePoint {
    pub id: Id,
}

impl Command for RemoveCirclePoint {
    const NAME: &'static str = "remove_circle_point";
    type Response = ();
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointSort {
    /// by kind, then name
    #[default]
    Kind,
    Name,
    /// the points of the community chosen first, then the shared ones of its neighbours
    Home,
}

/// The points serving a community (every point when none), offering `service`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListCirclePoints {
    #[serde(default)]
    pub community_id: Option<Id>,
    #[serde(default)]
    pub kind: Option<PointKind>,
    /// "理发", "血压", "haircut": see `linli_domain::circle::offers`
    #[serde(default)]
    pub service: String,
    /// in the name or the address
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub sort: PointSort,
    /// Also the points closed as of today (left out by default).
    #[serde(default)]
    pub include_closed: bool,
}

impl Command for ListCirclePoints {
    const NAME: &'static str = "list_circle_points";
    type Response = Vec<ServicePoint>;
}

/// A joint activity as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityFields {
    pub date: String,
    pub title: String,
    /// The communities taking part; the first is the activity's home.
    pub communities: Vec<Id>,
    /// The co-building units taking part, by name.
    #[serde(default)]
    pub units: Vec<String>,
    /// The service point where it was held.
    #[serde(default)]
    pub point_id: Option<Id>,
    #[serde(default)]
    pub participants: i64,
    #[serde(default)]
    pub note: String,
}

/// A joint activity as read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CircleActivity {
    pub id: Id,
    #[serde(flatten)]
    pub fields: ActivityFields,
    pub community_names: Vec<String>,
    pub point_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveCircleActivity {
    #[serde(default)]
    pub id: Option<Id>,
    #[serde(flatten)]
    pub fields: ActivityFields,
}

impl Command for SaveCircleActivity {
    const NAME: &'static str = "save_circle_activity";
    type Response = CircleActivity;
}

/// The activities a community took part in (every one when none), in a month ("YYYY-MM") or
/// all, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListCircleActivities {
    #[serde(default)]
    pub community_id: Option<Id>,
    #[serde(default)]
    pub month: Option<String>,
}

impl Command for ListCircleActivities {
    const NAME: &'static str = "list_circle_activities";
    type Response = Vec<CircleActivity>;
}

/// One community's part of the circle in a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityCircle {
    pub community_id: Id,
    pub name: String,
    /// Points serving it (its own and its neighbours' shared ones).
    pub points: u32,
    /// Joint activities it took part in this month, and the people who came.
    pub activities: u32,
    pub participants: u32,
}

/// The circle's figures: `linli report circle` and the monthly report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CircleFigures {
    pub month: String,
    pub place_name: String,
    /// Points of the scope's communities, and of them those shared with neighbours.
    pub points: u32,
    pub shared_points: u32,
    /// By `PointKind` code, in the kinds' order.
    pub by_kind: Vec<CountBy>,
    /// Joint activities held in the month with a community of the scope taking part.
    pub activities: u32,
    pub participants: u32,
    pub by_community: Vec<CommunityCircle>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CircleReport {
    /// "YYYY-MM"; this month when none.
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub place_id: Option<Id>,
}

impl Command for CircleReport {
    const NAME: &'static str = "circle_report";
    type Response = CircleFigures;
}

/// Writes the points serving a community (every point when none) as a marked .xlsx.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportCircle {
    #[serde(default)]
    pub community_id: Option<Id>,
    pub path: String,
    /// Also the points closed as of today (their 停用日期 filled).
    #[serde(default)]
    pub include_closed: bool,
}

impl Command for ExportCircle {
    const NAME: &'static str = "export_circle";
    type Response = crate::ExportedList;
}
