//! The administrative tree: listing places, adding them and moving one under another parent.
//! Browsing the tree with its counts is `places_tree.rs`; renaming and adding a building,
//! `places_edit.rs`.

use linli_domain::{place::validate_name, Id, PlaceKind};
use linli_protocol::{AddPlace, ListPlaces, MovePlace, Place};
use rusqlite::{params, OptionalExtension, Row};
use serde_json::json;

use crate::write::{RowWrite, Scope};
use crate::{Error, Result, Store};

pub(crate) const SELECT: &str = "SELECT p.id, p.kind, p.name, p.parent_id, pp.name AS parent_name
     FROM places p LEFT JOIN places pp ON pp.id = p.parent_id";

/// A place row by its named columns. A level a newer Linli wrote reads as `Unknown` with its code
/// kept beside it, so one such place never breaks the tree.
pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Place> {
    let kind: String = r.get("kind")?;
    Ok(Place {
        id: r.get("id")?,
        kind: PlaceKind::read(&kind),
        kind_code: PlaceKind::from_code(&kind).is_none().then_some(kind),
        name: r.get("name")?,
        parent_id: r.get("parent_id")?,
        parent_name: r.get("parent_name")?,
    })
}

impl Store {
    /// Places of one kind and/or under one parent, by name.
    pub fn list_places(&self, q: &ListPlaces) -> Result<Vec<Place>> {
        let sql = format!(
            "{SELECT} WHERE p.deleted = 0 AND (?1 IS NULL OR p.kind = ?1)
             AND (?2 IS NULL OR p.parent_id = ?2) ORDER BY p.name, p.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                q.kind.map(PlaceKind::code),
                q.parent_id.map(|p| p.to_string())
            ],
            from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One place by id.
    pub fn place(&self, id: Id) -> Result<Place> {
        let sql = format!("{SELECT} WHERE p.id = ?1 AND p.deleted = 0");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.to_string()], from_row)
            .optional()?
            .ok_or(Error::NotFound {
                what: "地点",
                id: id.to_string(),
            })
    }

    /// The community a place belongs to: itself, or the nearest community above it.
    pub(crate) fn community_of(&self, place: &Place) -> Result<Option<Id>> {
        let mut current = place.clone();
        loop {
            if current.kind == PlaceKind::Community {
                return Ok(Some(current.id));
            }
            match current.parent_id {
                Some(parent) => current = self.place(parent)?,
                None => return Ok(None),
            }
        }
    }

    /// Adds a place after checking its name, its parent's level and that no sibling has its name.
    pub fn add_place(&mut self, req: &AddPlace) -> Result<Place> {
        let name = validate_name(&req.name)?;
        let parent = req.parent_id.map(|p| self.place(p)).transpose()?;
        req.kind.check_parent(parent.as_ref().map(|p| p.kind))?;
        self.check_no_sibling_named(req.kind, &name, parent.as_ref(), None)?;

        let place = Place {
            id: self.next_id(),
            kind: req.kind,
            name,
            parent_id: req.parent_id,
            parent_name: parent.as_ref().map(|p| p.name.clone()),
            kind_code: Default::default(), // a level this laptop knows
        };
        let scope_community = match req.kind {
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
            fields: vec![
                ("kind", json!(place.kind.code())),
                ("name", json!(place.name)),
                ("parent_id", json!(place.parent_id.map(|p| p.to_string()))),
                ("deleted", json!(false)),
            ],
            scope: Scope {
                community: scope_community,
                grid: None,
                place: Some(place.id),
            },
        })?;
        w.commit()?;
        Ok(place)
    }

    /// Moves a place under a new parent of the right level; the journal keeps the old parent.
    pub fn move_place(&mut self, req: &MovePlace) -> Result<Place> {
        let place = self.place(req.id)?;
        let parent = self.place(req.parent_id)?;
        place.kind.check_parent(Some(parent.kind))?;
        // never under itself
        let mut up = Some(parent.clone());
        while let Some(p) = up {
            if p.id == place.id {
                return Err(linli_domain::DomainError::coded(
                    "parent_id",
                    linli_domain::msg::MOVE_UNDER_ITSELF,
                    vec![],
                )
                .into());
            }
            up = p.parent_id.map(|id| self.place(id)).transpose()?;
        }
        self.check_no_sibling_named(place.kind, &place.name, Some(&parent), Some(place.id))?;
        let scope_community = match place.kind {
            PlaceKind::Community => Some(place.id),
            _ => self.community_of(&parent)?,
        };
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "places",
            row_id: place.id,
            fields: vec![("parent_id", json!(req.parent_id.to_string()))],
            scope: Scope {
                community: scope_community,
                grid: None,
                place: Some(place.id),
            },
        })?;
        w.commit()?;
        self.place(req.id)
    }
}

#[cfg(test)]
#[path = "places_tests.rs"]
mod tests;
