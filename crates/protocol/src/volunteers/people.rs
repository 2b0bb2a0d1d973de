//! Volunteers, teams and party members' registration (双报到) on the wire.

use linli_domain::volunteers::TeamKind;
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

/// A team a volunteer belongs to, as a volunteer's card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRef {
    pub id: Id,
    pub name: String,
    pub kind: TeamKind,
    pub leader: bool,
}

/// An in-service party member's registration with the community (双报到).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyRegistration {
    pub work_unit: String,
    pub pledges: Vec<String>,
    pub registered_on: Option<String>,
}

/// A volunteer with teams, party registration and verified hours so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Volunteer {
    pub id: Id,
    pub community_id: Id,
    pub resident_id: Option<Id>,
    pub name: String,
    pub phone_masked: Option<String>,
    pub skills: Vec<String>,
    pub availability: String,
    pub teams: Vec<TeamRef>,
    pub party: Option<PartyRegistration>,
    /// Verified hours, net of reversals.
    pub hours: f64,
    /// The points balance the laptop knows.
    pub balance: i64,
}

/// Registers a volunteer. With `resident_id`, the name and phone default to the register's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddVolunteer {
    pub community_id: Id,
    #[serde(default)]
    pub resident_id: Option<Id>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    /// When they can serve, in their words ("周末上午", "工作日晚上").
    #[serde(default)]
    pub availability: String,
}

impl Command for AddVolunteer {
    const NAME: &'static str = "add_volunteer";
    type Response = Volunteer;
}

/// The volunteers of a community, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListVolunteers {
    pub community_id: Id,
}

impl Command for ListVolunteers {
    const NAME: &'static str = "list_volunteers";
    type Response = Vec<Volunteer>;
}

/// A team with its members (leaders first) and its verified hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub id: Id,
    pub community_id: Id,
    pub kind: TeamKind,
    pub name: String,
    pub members: Vec<TeamMember>,
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub volunteer_id: Id,
    pub name: String,
    pub leader: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddTeam {
    pub community_id: Id,
    pub kind: TeamKind,
    pub name: String,
}

impl Command for AddTeam {
    const NAME: &'static str = "add_team";
    type Response = Team;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListTeams {
    pub community_id: Id,
}

impl Command for ListTeams {
    const NAME: &'static str = "list_teams";
    type Response = Vec<Team>;
}

/// Puts a volunteer in a team (as a leader or not), or takes them out with `remove`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTeamMember {
    pub team_id: Id,
    pub volunteer_id: Id,
    #[serde(default)]
    pub leader: bool,
    #[serde(default)]
    pub remove: bool,
}

impl Command for SetTeamMember {
    const NAME: &'static str = "set_team_member";
    type Response = Team;
}

/// Registers a volunteer as an in-service party member (双报到): work unit and pledges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterPartyMember {
    pub volunteer_id: Id,
    pub work_unit: String,
    #[serde(default)]
    pub pledges: Vec<String>,
    /// "YYYY-MM-DD"; today when left out.
    #[serde(default)]
    pub registered_on: Option<String>,
}

impl Command for RegisterPartyMember {
    const NAME: &'static str = "register_party_member";
    type Response = Volunteer;
}

/// Changes a volunteer's name, phone, skills and availability, with the same checks as adding.
/// No phone keeps the one on record; an empty one clears it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditVolunteer {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub availability: String,
}

impl Command for EditVolunteer {
    const NAME: &'static str = "edit_volunteer";
    type Response = Volunteer;
}

/// Renames a team or changes its kind; a name another team of the community bears is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditTeam {
    pub id: Id,
    pub kind: TeamKind,
    pub name: String,
}

impl Command for EditTeam {
    const NAME: &'static str = "edit_team";
    type Response = Team;
}
