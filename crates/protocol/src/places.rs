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
