//! The grid register on the wire: households, residents, grids and the people who work them,
//! search, and revealing a masked number. ID numbers and phones travel masked; the clear value
//! only comes back from [`Reveal`], which the store records.

use std::collections::BTreeMap;

use linli_domain::register::{GridKind, ResidenceStatus, Role};
use linli_domain::{Gender, Id};
use serde::{Deserialize, Serialize};

use crate::{Command, Place};

/// A place in the tree with what hangs under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceNode {
    pub place: Place,
    /// Places directly under it.
    pub children: u32,
    /// Households (not moved out) anywhere under it.
    pub households: u32,
}

/// The children of a place (the top of the tree when `parent_id` is none), by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceChildren {
    #[serde(default)]
    pub parent_id: Option<Id>,
}

impl Command for PlaceChildren {
    const NAME: &'static str = "place_children";
    type Response = Vec<PlaceNode>;
}

/// Moves a place (a building to another compound, say) under a new parent; the journal keeps
/// where it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovePlace {
    pub id: Id,
    pub parent_id: Id,
}

impl Command for MovePlace {
    const NAME: &'static str = "move_place";
    type Response = Place;
}

/// A household as lists and its page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    pub id: Id,
    pub community_id: Option<Id>,
    pub building_id: Option<Id>,
    pub unit_id: Option<Id>,
    pub room: String,
    /// "南湖苑3栋2单元301" — compound, building, unit and room as people write them
    /// (linli-domain's `full_address`).
    pub address: String,
    /// The compound (小区) the building stands in.
    #[serde(default)]
    pub compound_name: Option<String>,
    pub head_name: Option<String>,
    pub phone_masked: Option<String>,
    pub members: u32,
    pub residence_status: ResidenceStatus,
    pub floating: bool,
    pub tags: Vec<String>,
    pub notes: String,
    pub moved_out: Option<String>,
    /// When `residence_status` is `Unknown`: the code a newer Linli wrote, kept in the row as it
    /// is and shown as unknown with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residence_status_code: Option<String>,
}

/// One page of households.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdPage {
    pub total: u32,
    pub rows: Vec<Household>,
}

/// The households under a place (any level), in walking order: building, unit, floor, room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListHouseholds {
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub include_moved_out: bool,
    #[serde(default)]
    pub offset: u32,
    #[serde(default = "default_limit")]
    pub limit: u32,
}

fn default_limit() -> u32 {
    100
}

impl Default for ListHouseholds {
    fn default() -> Self {
        ListHouseholds {
            place_id: None,
            include_moved_out: false,
            offset: 0,
            limit: default_limit(),
        }
    }
}

impl Command for ListHouseholds {
    const NAME: &'static str = "list_households";
    type Response = HouseholdPage;
}

/// A resident, with ID number and phone masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resident {
    pub id: Id,
    pub household_id: Id,
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<String>,
    pub id_number_masked: Option<String>,
    pub phone_masked: Option<String>,
    pub relation: String,
    pub care_tags: Vec<String>,
    pub moved_in: Option<String>,
    pub moved_out: Option<String>,
    pub notes: String,
    /// 党员: a flag of its own, never a care tag and never a reason to visit.
    #[serde(default)]
    pub party_member: bool,
    /// A gender a newer Linli wrote that this one does not know (`gender` is then `None`): kept
    /// in the row as it is and shown as unknown with it, never as blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender_code: Option<String>,
}

/// One entry of a row's history: who changed which fields when (sensitive values masked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Wall time of the change, milliseconds since the Unix epoch (from its HLC).
    pub at_ms: u64,
    pub table: String,
    pub row_id: Id,
    pub device_id: Id,
    pub author: Option<Id>,
    pub fields: BTreeMap<String, serde_json::Value>,
}

/// A household's page: the household, its members and its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdDetail {
    pub household: Household,
    pub members: Vec<Resident>,
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetHousehold {
    pub id: Id,
}

impl Command for GetHousehold {
    const NAME: &'static str = "get_household";
    type Response = HouseholdDetail;
}

/// The editable facts of a household.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdFields {
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub residence_status: ResidenceStatus,
    #[serde(default)]
    pub floating: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: String,
}

/// Adds a household at an address: a building, an optional unit of it, and a room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddHousehold {
    pub building_id: Id,
    #[serde(default)]
    pub unit_id: Option<Id>,
    pub room: String,
    #[serde(flatten)]
    pub fields: HouseholdFields,
}

impl Command for AddHousehold {
    const NAME: &'static str = "add_household";
    type Response = Household;
}

/// Changes a household's facts (only what differs is written). A `phone` left empty keeps the one
/// on record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditHousehold {
    pub id: Id,
    #[serde(flatten)]
    pub fields: HouseholdFields,
}

impl Command for EditHousehold {
    const NAME: &'static str = "edit_household";
    type Response = Household;
}

/// Moves a household to another address; its history keeps the old one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveHousehold {
    pub id: Id,
    pub building_id: Id,
    #[serde(default)]
    pub unit_id: Option<Id>,
    pub room: String,
}

impl Command for MoveHousehold {
    const NAME: &'static str = "move_household";
    type Response = Household;
}

/// Marks a household (and its members) as moved out on a date. Nothing is deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveOutHousehold {
    pub id: Id,
    pub date: String,
}

impl Command for MoveOutHousehold {
    const NAME: &'static str = "move_out_household";
    type Response = Household;
}

/// The editable facts of a resident. `id_number` and `phone` are clear text on the way in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentFields {
    pub name: String,
    /// Taken from the ID number when left empty.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// "YYYY-MM-DD"; taken from the ID number when left empty.
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    pub relation: String,
    /// Care needs from linli-domain's `KNOWN_CARE_TAGS`; "党员" here sets `party_member`.
    #[serde(default)]
    pub care_tags: Vec<String>,
    #[serde(default)]
    pub moved_in: Option<String>,
    #[serde(default)]
    pub notes: String,
    /// 党员 (a flag, not a care tag).
    #[serde(default)]
    pub party_member: bool,
    /// Save even though someone with the same name and birth date is already registered.
    #[serde(default)]
    pub accept_possible_duplicate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddResident {
    pub household_id: Id,
    #[serde(flatten)]
    pub fields: ResidentFields,
}

impl Command for AddResident {
    const NAME: &'static str = "add_resident";
    type Response = Resident;
}

/// Changes a resident, with the same checks as adding plus the household's (one 户主, one 配偶
/// of the head, ages that fit the relation). An `id_number` or `phone` left empty keeps the one
/// on record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditResident {
    pub id: Id,
    #[serde(flatten)]
    pub fields: ResidentFields,
    /// The moved-out date: absent keeps it, "" clears it (moved back), a date sets it.
    #[serde(default)]
    pub moved_out: Option<String>,
}

impl Command for EditResident {
    const NAME: &'static str = "edit_resident";
    type Response = Resident;
}

/// Marks a resident as moved out on a date (kept, not deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveOutResident {
    pub id: Id,
    pub date: String,
}

impl Command for MoveOutResident {
    const NAME: &'static str = "move_out_resident";
    type Response = Resident;
}

/// Which masked value to reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevealField {
    IdNumber,
    Phone,
}

/// Shows one resident's ID number or phone in clear; the store records who did it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reveal {
    pub resident_id: Id,
    pub field: RevealField,
}

impl Command for Reveal {
    const NAME: &'static str = "reveal";
    type Response = String;
}

/// What a search hit matched, for highlighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchOn {
    Name,
    Pinyin,
    Initials,
    IdNumber,
    Phone,
    Address,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Resident,
    Household,
}

/// One search result. `highlight` is a char range of `name` (name matches) or of `detail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub id: Id,
    pub household_id: Id,
    pub name: String,
    /// The full address, compound first ("南湖苑1栋1单元502").
    pub address: String,
    /// The community the household belongs to, for hits that span several.
    #[serde(default)]
    pub community: Option<String>,
    /// The masked number that matched, or the pinyin, when the match was not on the name.
    pub detail: Option<String>,
    pub matched: MatchOn,
    pub highlight: (u32, u32),
}

/// Search as you type over residents and households: name, pinyin (full or initials), the last
/// 4+ digits of an ID number or phone, an address ("3栋2单元301", "3-2-301", with or without its
/// compound in front: "南湖苑1栋1单元502", "南湖苑1-1-502"), or a compound's name alone (its
/// households in walking order). Ranked, limited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Search {
    pub query: String,
    #[serde(default = "default_search_limit")]
    pub limit: u32,
}

fn default_search_limit() -> u32 {
    20
}

impl Command for Search {
    const NAME: &'static str = "search";
    type Response = Vec<SearchHit>;
}

/// A grid with what it covers and who works it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    pub id: Id,
    pub community_id: Id,
    pub kind: GridKind,
    pub name: String,
    pub parent_id: Option<Id>,
    pub place_ids: Vec<Id>,
    pub workers: Vec<String>,
    /// The full names of `place_ids`, in the same order ("南湖苑1栋", "南湖苑1栋2单元").
    #[serde(default)]
    pub place_names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListGrids {
    pub community_id: Id,
}

impl Command for ListGrids {
    const NAME: &'static str = "list_grids";
    type Response = Vec<Grid>;
}

/// Adds a big grid (no parent) or a building section under a big grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddGrid {
    pub community_id: Id,
    pub kind: GridKind,
    pub name: String,
    #[serde(default)]
    pub parent_id: Option<Id>,
}

impl Command for AddGrid {
    const NAME: &'static str = "add_grid";
    type Response = Grid;
}

/// Maps a grid onto buildings or units (added to what it already covers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapGrid {
    pub grid_id: Id,
    pub place_ids: Vec<Id>,
}

impl Command for MapGrid {
    const NAME: &'static str = "map_grid";
    type Response = Grid;
}

/// Takes buildings or units out of a grid (the opposite of [`MapGrid`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmapGrid {
    pub grid_id: Id,
    pub place_ids: Vec<Id>,
}

impl Command for UnmapGrid {
    const NAME: &'static str = "unmap_grid";
    type Response = Grid;
}

/// A person who works the grid, with roles and assignments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: Id,
    pub community_id: Id,
    pub name: String,
    pub phone_masked: Option<String>,
    pub roles: Vec<Role>,
    pub assignments: Vec<Assignment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: Id,
    pub role: Role,
    pub grid_id: Option<Id>,
    pub place_id: Option<Id>,
    /// The grid's or the building's name.
    pub target_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPeople {
    pub community_id: Id,
}

impl Command for ListPeople {
    const NAME: &'static str = "list_people";
    type Response = Vec<Person>;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddPerson {
    pub community_id: Id,
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    pub roles: Vec<Role>,
}

impl Command for AddPerson {
    const NAME: &'static str = "add_person";
    type Response = Person;
}

/// Assigns a person, in a role, to a grid or to a building.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assign {
    pub person_id: Id,
    pub role: Role,
    #[serde(default)]
    pub grid_id: Option<Id>,
    #[serde(default)]
    pub place_id: Option<Id>,
}

impl Command for Assign {
    const NAME: &'static str = "assign";
    type Response = Person;
}

/// Ends an assignment (a worker or steward no longer works that grid or building).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unassign {
    pub assignment_id: Id,
}

impl Command for Unassign {
    const NAME: &'static str = "unassign";
    type Response = Person;
}
