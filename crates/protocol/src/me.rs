//! Who works at this laptop, and their day: [`GetMe`]/[`SetMe`] (the person of the register the
//! laptop signs in through sync as, or the one chosen on first start, kept on this laptop only)
//! and [`Home`], the figures of 工作台 — due households in my sections, my open and overdue
//! requests, unreviewed findings, this week's volunteer activities.
//!
//! Frozen once released like every wire type: new fields are `#[serde(default)]`.

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::{Activity, Command, HouseholdLine, Person, Task, Visit};

/// How the laptop knows who works at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeSource {
    /// The sync sign-in's user is this person of the register (same name, one person): the sync
    /// protocol names a server user, not a person, so the link is by name.
    SyncUser,
    /// Chosen on this laptop (first start, or 设置); a choice wins over the name match.
    Chosen,
    /// Nobody yet: the app asks on first start.
    Unknown,
}

/// A grid (网格 or 楼段) a person works, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyGrid {
    pub id: Id,
    pub name: String,
}

/// Who works at this laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub person: Option<Person>,
    pub source: MeSource,
    /// The user this laptop syncs as, if it was signed in.
    pub sync_user: Option<String>,
    /// The community of the person.
    pub community_name: Option<String>,
    /// The grids the person is assigned to (楼段 and 网格).
    pub grids: Vec<MyGrid>,
    /// An administrator or coordinator: 工作台 lets them pick a community.
    pub oversees: bool,
    /// The laptop's date, "YYYY-MM-DD".
    pub today: String,
    /// The one person of the register named like the sync user, if any (me unless another
    /// person was chosen here).
    #[serde(default)]
    pub sync_match: Option<Id>,
    /// This laptop signed in as a steward or a volunteer coordinator: the server withholds ID
    /// numbers, phones and sensitive care tags (`privacy`), and the window shows "无权查看".
    #[serde(default)]
    pub withheld: bool,
    /// This laptop signed in as an administrator: the navigation offers 管理 (to no one else).
    #[serde(default)]
    pub admin: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetMe {}

impl Command for GetMe {
    const NAME: &'static str = "get_me";
    type Response = Me;
}

/// Chooses who works at this laptop (none: forget the choice). Kept on this laptop only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetMe {
    pub person_id: Option<Id>,
}

impl Command for SetMe {
    const NAME: &'static str = "set_me";
    type Response = Me;
}

/// 工作台: a person's day (their sections and requests), or, with `community_id` and no person, a
/// community's (an administrator's view).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Home {
    #[serde(default)]
    pub person_id: Option<Id>,
    #[serde(default)]
    pub community_id: Option<Id>,
    #[serde(default)]
    pub today: Option<String>,
}

/// The figures of 工作台, each with what is behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeDay {
    pub today: String,
    /// Households due for a visit, households with a care need first.
    pub due: Vec<HouseholdLine>,
    /// Open requests: given to or raised by the person (a community's all, for an admin).
    pub open_tasks: Vec<Task>,
    /// Of those, the ones past their due date.
    pub overdue: Vec<Id>,
    /// Visits with findings not yet reviewed (夜研判), in the area.
    pub unreviewed: Vec<Visit>,
    /// The community's volunteer activities from Monday to Sunday of this week.
    pub activities: Vec<Activity>,
}

impl Command for Home {
    const NAME: &'static str = "home";
    type Response = HomeDay;
}
