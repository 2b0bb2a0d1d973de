//! Activities, sign-up and attendance on the wire.

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

/// An activity with who signed up and who attended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: Id,
    pub community_id: Id,
    pub team_id: Option<Id>,
    pub title: String,
    pub category: String,
    pub date: String,
    /// Planned hours, the default when crediting.
    pub hours: f64,
    pub place: String,
    pub signed_up: Vec<Id>,
    pub attended: Vec<Id>,
    /// When it starts ("09:00"), '' when not said.
    #[serde(default)]
    pub time: String,
    /// How many may sign up; none for no limit.
    #[serde(default)]
    pub capacity: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddActivity {
    pub community_id: Id,
    #[serde(default)]
    pub team_id: Option<Id>,
    pub title: String,
    pub category: String,
    pub date: String,
    pub hours: f64,
    #[serde(default)]
    pub place: String,
    /// When it starts ("09:00"), '' when not said.
    #[serde(default)]
    pub time: String,
    /// How many may sign up; none for no limit.
    #[serde(default)]
    pub capacity: Option<i64>,
}

impl Command for AddActivity {
    const NAME: &'static str = "add_activity";
    type Response = Activity;
}

/// A community's activities, newest first, optionally within dates (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListActivities {
    pub community_id: Id,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

impl Command for ListActivities {
    const NAME: &'static str = "list_activities";
    type Response = Vec<Activity>;
}

/// Signs volunteers up for an activity; one already signed up is left as is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUp {
    pub activity_id: Id,
    pub volunteer_ids: Vec<Id>,
}

impl Command for SignUp {
    const NAME: &'static str = "sign_up";
    type Response = Activity;
}

/// Marks volunteers present (or absent) at an activity; the latest mark counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkAttendance {
    pub activity_id: Id,
    pub volunteer_ids: Vec<Id>,
    #[serde(default = "yes")]
    pub present: bool,
}

fn yes() -> bool {
    true
}

impl Command for MarkAttendance {
    const NAME: &'static str = "mark_attendance";
    type Response = Activity;
}

/// Changes an activity: every field as the form shows it, with the same checks as adding. A
/// capacity below the number already signed up is refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditActivity {
    pub id: Id,
    #[serde(default)]
    pub team_id: Option<Id>,
    pub title: String,
    pub category: String,
    pub date: String,
    #[serde(default)]
    pub time: String,
    pub hours: f64,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub capacity: Option<i64>,
}

impl Command for EditActivity {
    const NAME: &'static str = "edit_activity";
    type Response = Activity;
}
