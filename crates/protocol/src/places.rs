use linli_domain::{Id, PlaceKind};
use serde::{Deserialize, Serialize};

use crate::Command;

/// A place in the administrative tree, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: Id,
    pub kind: PlaceKind,
    pub name: String,
    pub parent_id: Option<Id>,
    /// The parent's name, for context in lists ("樟城镇").
    #[serde(default)]
    pub parent_name: Option<String>,
    /// When `kind` is `Unknown`: the level a newer Linli wrote, kept in the row as it is and
    /// shown as unknown with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind_code: Option<String>,
}

/// Lists places, optionally only of one kind and/or under one parent, sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPlaces {
    #[serde(default)]
    pub kind: Option<PlaceKind>,
    #[serde(default)]
    pub parent_id: Option<Id>,
}

impl Command for ListPlaces {
    const NAME: &'static str = "list_places";
    type Response = Vec<Place>;
}

/// Adds a place under `parent_id` (which must be of the level just above `kind`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddPlace {
    pub kind: PlaceKind,
    pub name: String,
    #[serde(default)]
    pub parent_id: Option<Id>,
}

impl Command for AddPlace {
    const NAME: &'static str = "add_place";
    type Response = Place;
}

/// Renames a place; the name is checked like a new one's, and no sibling of the same kind may bear
/// it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenamePlace {
    pub id: Id,
    pub name: String,
}

impl Command for RenamePlace {
    const NAME: &'static str = "rename_place";
    type Response = Place;
}

/// Adds a building (楼栋) under a compound together with its units "1单元" … "N单元", in one
/// transaction: all or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddBuilding {
    pub compound_id: Id,
    pub name: String,
    /// How many units (单元) to create with it, 0 to 30.
    #[serde(default)]
    pub units: u32,
    /// How many floors (楼层) the building has, 1 to 99; `None` when not known. Kept in the
    /// synced `place_details` table, written in the same transaction as the building.
    #[serde(default)]
    pub floors: Option<u32>,
}

impl Command for AddBuilding {
    const NAME: &'static str = "add_building";
    type Response = Place;
}

/// A building's details that the `places` table does not hold (a new table, so that older
/// laptops keep syncing): for now its number of floors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildingDetails {
    pub building_id: Id,
    /// How many floors, 1 to 99; `None` when not recorded.
    #[serde(default)]
    pub floors: Option<u32>,
}

/// Reads a building's details (its floors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetBuildingDetails {
    pub building_id: Id,
}

impl Command for GetBuildingDetails {
    const NAME: &'static str = "building_details";
    type Response = BuildingDetails;
}

/// Sets or changes a building's number of floors (1 to 99), or clears it with `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetBuildingFloors {
    pub building_id: Id,
    #[serde(default)]
    pub floors: Option<u32>,
}

impl Command for SetBuildingFloors {
    const NAME: &'static str = "set_building_floors";
    type Response = BuildingDetails;
}
