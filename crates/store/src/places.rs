//! The administrative tree: listing places and adding them.

use linli_domain::{place::validate_name, Id, PlaceKind};
use linli_protocol::{AddPlace, ListPlaces, MovePlace, Place, PlaceChildren, PlaceNode};
use rusqlite::{params, OptionalExtension, Row};
use serde_json::json;

use crate::write::{RowWrite, Scope};
use crate::{Error, Result, Store};

const SELECT: &str = "SELECT p.id, p.kind, p.name, p.parent_id, pp.name AS parent_name
     FROM places p LEFT JOIN places pp ON pp.id = p.parent_id";

/// A place row by its named columns. A level a newer Linli wrote reads as `Unknown` with its code
/// kept beside it, so one such place never breaks the tree.
fn from_row(r: &Row<'_>) -> rusqlite::Result<Place> {
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
            .query_row(&sql, [id.to_string()], from_row)
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
}

/// Households living under each place (any level), and the state of the data they were counted
/// from.
#[derive(Debug)]
pub(crate) struct TreeCounts {
    key: (u64, i64),
    households: std::collections::HashMap<String, u32>,
}

impl Store {
    /// Households under every place: counted per building from one index, rolled up the tree in
    /// memory, and kept until this or another connection changes the data.
    fn tree_counts(&self) -> Result<std::collections::HashMap<String, u32>> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let key = (self.conn.total_changes(), version);
        if let Some(c) = self.tree_counts.borrow().as_ref().filter(|c| c.key == key) {
            return Ok(c.households.clone());
        }
        let mut parent_of = std::collections::HashMap::<String, Option<String>>::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id, parent_id FROM places WHERE deleted = 0")?;
            for row in stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })? {
                let (id, parent) = row?;
                parent_of.insert(id, parent);
            }
        }
        let mut households = std::collections::HashMap::<String, u32>::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT building_id, count(*) FROM households INDEXED BY households_live
             WHERE deleted = 0 AND moved_out IS NULL AND building_id IS NOT NULL GROUP BY building_id",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))? {
            let (building, n) = row?;
            let mut at = Some(building);
            let mut depth = 0;
            while let Some(place) = at {
                *households.entry(place.clone()).or_default() += n;
                at = parent_of.get(&place).cloned().flatten();
                depth += 1;
                if depth > 16 {
                    break; // a cycle from a bad merge never hangs the tree
                }
            }
        }
        // a unit holds the households that name it (they are counted in its building already)
        let mut stmt = self.conn.prepare_cached(
            "SELECT unit_id, count(*) FROM households
             WHERE deleted = 0 AND moved_out IS NULL AND unit_id IS NOT NULL GROUP BY unit_id",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))? {
            let (unit, n) = row?;
            *households.entry(unit).or_default() += n;
        }
        *self.tree_counts.borrow_mut() = Some(TreeCounts {
            key,
            households: households.clone(),
        });
        Ok(households)
    }

    /// The children of a place (or the top of the tree), with their child and household counts.
    pub fn place_children(&self, req: &PlaceChildren) -> Result<Vec<PlaceNode>> {
        let parent = req.parent_id.map(|p| p.to_string());
        let places = {
            let sql = format!(
                "{SELECT} WHERE p.deleted = 0 AND p.parent_id IS ?1
                 ORDER BY CAST(p.name AS INTEGER), p.name, p.id"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map([&parent], from_row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let mut children = std::collections::HashMap::<String, u32>::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT p.id, (SELECT count(*) FROM places c WHERE c.parent_id = p.id AND c.deleted = 0)
                 FROM places p WHERE p.parent_id IS ?1 AND p.deleted = 0",
            )?;
            for row in stmt.query_map([&parent], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
            })? {
                let (id, n) = row?;
                children.insert(id, n);
            }
        }
        let households = self.tree_counts()?;
        Ok(places
            .into_iter()
            .map(|place| {
                let id = place.id.to_string();
                PlaceNode {
                    children: children.get(&id).copied().unwrap_or_default(),
                    households: households.get(&id).copied().unwrap_or_default(),
                    place,
                }
            })
            .collect())
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
mod tests {
    use super::*;

    fn add(store: &mut Store, kind: PlaceKind, name: &str, parent: Option<Id>) -> Result<Place> {
        store.add_place(&AddPlace {
            kind,
            name: name.into(),
            parent_id: parent,
        })
    }

    #[test]
    fn added_communities_are_listed_with_their_town() {
        let mut s = Store::open_in_memory().unwrap();
        let county = add(&mut s, PlaceKind::County, "永泰县", None).unwrap();
        let town = add(&mut s, PlaceKind::Town, "樟城镇", Some(county.id)).unwrap();
        add(&mut s, PlaceKind::Community, "北门社区", Some(town.id)).unwrap();
        add(&mut s, PlaceKind::Community, "东门社区", Some(town.id)).unwrap();
        let list = s
            .list_places(&ListPlaces {
                kind: Some(PlaceKind::Community),
                parent_id: None,
            })
            .unwrap();
        let names: Vec<_> = list.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["东门社区", "北门社区"]);
        assert!(list
            .iter()
            .all(|p| p.parent_name.as_deref() == Some("樟城镇")));
    }

    #[test]
    fn every_add_is_journalled_in_sequence() {
        let mut s = Store::open_in_memory().unwrap();
        let town = add(&mut s, PlaceKind::Town, "樟城镇", None).unwrap();
        let c = add(&mut s, PlaceKind::Community, "北门社区", Some(town.id)).unwrap();
        let journal = s.journal().unwrap();
        assert_eq!(journal.len(), 2);
        assert_eq!(
            journal.iter().map(|e| e.device_seq).collect::<Vec<_>>(),
            [1, 2]
        );
        assert!(journal[0].hlc < journal[1].hlc);
        let last = &journal[1];
        assert_eq!(last.row_id, c.id);
        assert_eq!(last.table, "places");
        assert_eq!(last.scope_community, Some(c.id));
        assert_eq!(last.fields["name"], "北门社区");
        assert_eq!(last.device_id, s.device_id());
    }

    #[test]
    fn bad_input_is_refused_and_writes_nothing() {
        let mut s = Store::open_in_memory().unwrap();
        let town = add(&mut s, PlaceKind::Town, "樟城镇", None).unwrap();
        add(&mut s, PlaceKind::Community, "北门社区", Some(town.id)).unwrap();

        let err = add(&mut s, PlaceKind::Community, "  ", Some(town.id)).unwrap_err();
        assert_eq!(err.to_string(), "名称不能为空");
        let err = add(&mut s, PlaceKind::Community, "北门社区", Some(town.id)).unwrap_err();
        assert_eq!(err.to_string(), "樟城镇下已有名为“北门社区”的社区");
        let err = add(&mut s, PlaceKind::Unit, "1单元", Some(town.id)).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err}");
        let err = add(&mut s, PlaceKind::Community, "南门社区", Some(Id::new())).unwrap_err();
        assert!(matches!(err, Error::NotFound { .. }), "{err}");

        assert_eq!(s.journal().unwrap().len(), 2);
        let count: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM places", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 2);
    }
}
