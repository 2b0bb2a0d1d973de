//! The administrative tree as the window browses it: a place's children with their child and
//! household counts. Households are counted per building from one index, rolled up the tree in
//! memory and kept until the data changes.

use std::collections::HashMap;

use linli_protocol::{PlaceChildren, PlaceNode};

use crate::places::{from_row, SELECT};
use crate::{Result, Store};

/// Households living under each place (any level), and the state of the data they were counted
/// from.
#[derive(Debug)]
pub(crate) struct TreeCounts {
    key: (u64, i64),
    households: HashMap<String, u32>,
}

impl Store {
    /// Where the data stands: it differs once this connection or another has changed it (the
    /// key what is counted from the data is kept under until then).
    pub(crate) fn data_state(&self) -> Result<(u64, i64)> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok((self.conn.total_changes(), version))
    }

    /// Households under every place: counted per building from one index, rolled up the tree in
    /// memory, and kept until this or another connection changes the data.
    fn tree_counts(&self) -> Result<HashMap<String, u32>> {
        let key = self.data_state()?;
        if let Some(c) = self.tree_counts.borrow().as_ref().filter(|c| c.key == key) {
            return Ok(c.households.clone());
        }
        let mut parent_of = HashMap::<String, Option<String>>::new();
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
        let mut households = HashMap::<String, u32>::new();
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
        let mut children = HashMap::<String, u32>::new();
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
}
