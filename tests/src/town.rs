//! A town made by hand on a laptop, by name (issue 18): the place tree, households by building and
//! room, and the workers a [`TestServer`] knows with their grants by
//! place name. One builder instead of each test's own chain of `add_place` calls.
//!
//! ```no_run
//! # use linli_tests::town::Town;
//! # let mut store = linli_store::Store::open_in_memory().unwrap();
//! let t = Town::new("樟城镇")
//!     .community("北门社区")
//!     .compound("幸福小区")
//!     .building("1栋")
//!     .household("101")
//!     .build(&mut store);
//! let b1 = t["1栋"];
//! let h = t.household("1栋", "101");
//! ```

use std::collections::BTreeMap;

use linli_domain::{Id, PlaceKind};
use linli_protocol::sync::Role;
use linli_protocol::{AddHousehold, AddPlace};
use linli_store::Store;

use crate::server::TestServer;

enum Step {
    /// A place, under the latest place of the kind above it.
    Place(PlaceKind, String),
    /// A household in the latest building.
    Household(String),
}

/// What to make: places in the order given, each under the latest place of the kind above it.
pub struct TownBuilder {
    steps: Vec<Step>,
}

/// The town made: each place's id by name (names are unique within a test's town) and each
/// household's id by building name and room.
#[derive(Debug, Clone, Default)]
pub struct Town {
    places: BTreeMap<String, Id>,
    households: BTreeMap<(String, String), Id>,
}

impl Town {
    /// A town (镇) at the root of the tree.
    #[allow(clippy::new_ret_no_self)]
    pub fn new(name: &str) -> TownBuilder {
        TownBuilder { steps: Vec::new() }.place(PlaceKind::Town, name)
    }

    /// The id of the place named `name`.
    pub fn id(&self, name: &str) -> Id {
        *self
            .places
            .get(name)
            .unwrap_or_else(|| panic!("the town has no place named {name}"))
    }

    /// The id of the household in room `room` of the building named `building`.
    pub fn household(&self, building: &str, room: &str) -> Id {
        *self
            .households
            .get(&(building.to_owned(), room.to_owned()))
            .unwrap_or_else(|| panic!("the town has no household {building} {room}"))
    }

    /// Adds `user` (password [`PASSWORD`](crate::server::PASSWORD)) to `server`, granted the
    /// places named `grants`.
    pub fn worker(&self, server: &TestServer, user: &str, role: Role, grants: &[&str]) {
        let grants: Vec<Id> = grants.iter().map(|g| self.id(g)).collect();
        server.user(user, role, &grants);
    }
}

impl std::ops::Index<&str> for Town {
    type Output = Id;

    fn index(&self, name: &str) -> &Id {
        self.places
            .get(name)
            .unwrap_or_else(|| panic!("the town has no place named {name}"))
    }
}

/// Where each kind of place goes: under the latest place of the first of these kinds made.
fn parents(kind: PlaceKind) -> &'static [PlaceKind] {
    match kind {
        PlaceKind::Unit => &[PlaceKind::Building],
        PlaceKind::Building => &[PlaceKind::Compound, PlaceKind::Community],
        PlaceKind::Compound => &[PlaceKind::Community],
        PlaceKind::Community => &[PlaceKind::Town],
        _ => &[],
    }
}

impl TownBuilder {
    fn place(mut self, kind: PlaceKind, name: &str) -> TownBuilder {
        self.steps.push(Step::Place(kind, name.to_owned()));
        self
    }

    /// A community (社区) under the latest town.
    pub fn community(self, name: &str) -> TownBuilder {
        self.place(PlaceKind::Community, name)
    }

    /// A compound (小区) under the latest community.
    pub fn compound(self, name: &str) -> TownBuilder {
        self.place(PlaceKind::Compound, name)
    }

    /// A building (楼栋) under the latest compound, or community when there is none.
    pub fn building(self, name: &str) -> TownBuilder {
        self.place(PlaceKind::Building, name)
    }

    /// A unit (单元) under the latest building.
    pub fn unit(self, name: &str) -> TownBuilder {
        self.place(PlaceKind::Unit, name)
    }

    /// A household in room `room` of the latest building.
    pub fn household(mut self, room: &str) -> TownBuilder {
        self.steps.push(Step::Household(room.to_owned()));
        self
    }

    /// Makes the town on `store` through its requests, as a user would.
    pub fn build(self, store: &mut Store) -> Town {
        let mut town = Town::default();
        let mut latest: BTreeMap<PlaceKind, (String, Id)> = BTreeMap::new();
        for step in self.steps {
            match step {
                Step::Place(kind, name) => {
                    let parent = parents(kind)
                        .iter()
                        .find_map(|k| latest.get(k).map(|(_, id)| *id));
                    let id = store
                        .add_place(&AddPlace {
                            kind,
                            name: name.clone(),
                            parent_id: parent,
                        })
                        .unwrap()
                        .id;
                    // a new place ends the latest of every kind below it
                    latest.retain(|k, _| !parents(*k).contains(&kind) || *k == kind);
                    latest.insert(kind, (name.clone(), id));
                    town.places.insert(name, id);
                }
                Step::Household(room) => {
                    let (building, building_id) = latest
                        .get(&PlaceKind::Building)
                        .cloned()
                        .expect("a household needs a building before it");
                    let id = store
                        .add_household(&AddHousehold {
                            building_id,
                            unit_id: None,
                            room: room.clone(),
                            fields: Default::default(),
                        })
                        .unwrap()
                        .id;
                    town.households.insert((building, room), id);
                }
            }
        }
        town
    }
}
