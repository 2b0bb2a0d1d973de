//! A building's details that the synced `places` table does not hold, kept in their own synced
//! entity table `place_details` (id = the building's id) so that older laptops keep syncing: for
//! now its number of floors.

use linli_domain::{Id, PlaceKind};
use linli_protocol::{BuildingDetails, GetBuildingDetails, Place, SetBuildingFloors};
use rusqlite::OptionalExtension;
use serde_json::json;

use crate::write::{RowWrite, Scope, Writer};
use crate::{Result, Store};

/// The most floors a building is recorded with.
pub const MAX_FLOORS: u32 = 99;

/// `floors` if it is a count a building can have (1 to [`MAX_FLOORS`]), or the refusal.
pub(crate) fn floors_checked(floors: Option<u32>) -> Result<Option<u32>> {
    match floors {
        Some(n) if !(1..=MAX_FLOORS).contains(&n) => Err(linli_domain::DomainError::coded(
            "floors",
            linli_domain::msg::FLOORS_RANGE,
            linli_domain::args![max = MAX_FLOORS],
        )
        .into()),
        f => Ok(f),
    }
}

/// Writes a building's floors within the caller's transaction.
pub(crate) fn write_floors(
    w: &mut Writer<'_>,
    building: Id,
    community: Option<Id>,
    floors: Option<u32>,
) -> Result<()> {
    w.write(RowWrite {
        table: "place_details",
        row_id: building,
        fields: vec![
            ("community_id", json!(community.map(|c| c.to_string()))),
            ("floors", json!(floors)),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community,
            grid: None,
            place: Some(building),
        },
    })?;
    Ok(())
}

impl Store {
    /// The place `id` if it is a building, else the refusal.
    fn building(&self, id: Id) -> Result<Place> {
        let place = self.place(id)?;
        if place.kind != PlaceKind::Building {
            return Err(linli_domain::DomainError::coded(
                "building_id",
                linli_domain::msg::NOT_A_BUILDING,
                linli_domain::args![name = place.name],
            )
            .into());
        }
        Ok(place)
    }

    /// A building's details: its floors, `None` when not recorded.
    pub fn building_details(&self, req: &GetBuildingDetails) -> Result<BuildingDetails> {
        let building = self.building(req.building_id)?;
        let floors: Option<i64> = self
            .conn
            .prepare_cached("SELECT floors FROM place_details WHERE id = ?1 AND deleted = 0")?
            .query_row([building.id.to_string()], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(BuildingDetails {
            building_id: building.id,
            floors: floors.and_then(|f| u32::try_from(f).ok()),
        })
    }

    /// Sets, changes or (with `None`) clears a building's number of floors.
    pub fn set_building_floors(&mut self, req: &SetBuildingFloors) -> Result<BuildingDetails> {
        let floors = floors_checked(req.floors)?;
        let building = self.building(req.building_id)?;
        let community = self.community_of(&building)?;
        let mut w = self.begin()?;
        write_floors(&mut w, building.id, community, floors)?;
        w.commit()?;
        self.building_details(&GetBuildingDetails {
            building_id: building.id,
        })
    }
}
