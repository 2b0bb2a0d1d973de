//! Editing the administrative tree beyond adding one place: renaming a place, adding a building
//! with its units in one go, and the sibling-name check that adding, renaming and moving share.

use linli_domain::{place::validate_name, Id, PlaceKind};
use linli_protocol::{AddBuilding, Place, RenamePlace};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use crate::write::{RowWrite, Scope};
use crate::{Error, Result, Store};

/// The most units a building is added with at once.
pub const MAX_UNITS: u32 = 30;

impl Store {
    /// Refuses `name` for a place of `kind` under `parent` when another place there (not
    /// `except`) already bears it.
    pub(crate) fn check_no_sibling_named(
        &self,
        kind: PlaceKind,
        name: &str,
        parent: Option<&Place>,
        except: Option<Id>,
    ) -> Result<()> {
        let clash: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM places WHERE deleted = 0 AND kind = ?1 AND name = ?2
                 AND parent_id IS ?3 AND id IS NOT ?4",
                params![
                    kind.code(),
                    name,
                    parent.map(|p| p.id.to_string()),
                    except.map(|p| p.to_string())
                ],
                |r| r.get(0),
            )
            .optional()?;
        match clash {
            None => Ok(()),
            Some(_) => Err(match parent {
                Some(p) => Error::conflict(
                    linli_domain::msg::PLACE_NAME_TAKEN,
                    linli_domain::args![under = p.name, name = name, kind = kind.code()],
                ),
                None => Error::conflict(
                    linli_domain::msg::PLACE_NAME_TAKEN_TOP,
                    linli_domain::args![name = name, kind = kind.code()],
                ),
            }),
        }
    }

    /// Renames a place after the same checks as adding one: a valid name that no sibling of the
    /// same kind bears. Renaming to the same name changes nothing and writes nothing.
    pub fn rename_place(&mut self, req: &RenamePlace) -> Result<Place> {
        let place = self.place(req.id)?;
        let name = validate_name(&req.name)?;
        if name == place.name {
            return Ok(place);
        }
        let parent = place.parent_id.map(|p| self.place(p)).transpose()?;
        self.check_no_sibling_named(place.kind, &name, parent.as_ref(), Some(place.id))?;
        let community = match place.kind {
            PlaceKind::Community => Some(place.id),
            _ => match &parent {
                Some(p) => self.community_of(p)?,
                None => None,
            },
        };
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "places",
            row_id: place.id,
            fields: vec![("name", json!(name))],
            scope: Scope {
                community,
                grid: None,
                place: Some(place.id),
            },
        })?;
        w.commit()?;
        self.place(req.id)
    }

    /// Adds a building under a compound with its units "1单元" … "N单元" and its floors (if
    /// given), all in one transaction: a refused building adds no unit and no floors.
    pub fn add_building(&mut self, req: &AddBuilding) -> Result<Place> {
        if req.units > MAX_UNITS {
            return Err(linli_domain::DomainError::coded(
                "units",
                linli_domain::msg::UNITS_RANGE,
                linli_domain::args![max = MAX_UNITS],
            )
            .into());
        }
        let floors = crate::place_details::floors_checked(req.floors)?;
        let compound = self.place(req.compound_id)?;
        let name = validate_name(&req.name)?;
        PlaceKind::Building.check_parent(Some(compound.kind))?;
        self.check_no_sibling_named(PlaceKind::Building, &name, Some(&compound), None)?;
        let community = self.community_of(&compound)?;
        let building = Place {
            id: self.next_id(),
            kind: PlaceKind::Building,
            name,
            parent_id: Some(compound.id),
            parent_name: Some(compound.name.clone()),
            kind_code: Default::default(), // a level this laptop knows
        };
        let units: Vec<(Id, String)> = (1..=req.units)
            .map(|n| (self.next_id(), format!("{n}单元")))
            .collect();
        let mut w = self.begin()?;
        for (id, kind, name, parent) in std::iter::once((
            building.id,
            PlaceKind::Building,
            building.name.clone(),
            compound.id,
        ))
        .chain(
            units
                .iter()
                .map(|(id, n)| (*id, PlaceKind::Unit, n.clone(), building.id)),
        ) {
            w.write(RowWrite {
                table: "places",
                row_id: id,
                fields: vec![
                    ("kind", json!(kind.code())),
                    ("name", json!(name)),
                    ("parent_id", json!(parent.to_string())),
                    ("deleted", json!(false)),
                ],
                scope: Scope {
                    community,
                    grid: None,
                    place: Some(id),
                },
            })?;
        }
        if floors.is_some() {
            crate::place_details::write_floors(&mut w, building.id, community, floors)?;
        }
        w.commit()?;
        Ok(building)
    }
}
