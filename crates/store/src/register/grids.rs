//! Grids: big grids (大网格) and building sections (楼段), mapped onto buildings or units, and
//! who works them. Drawing them (adding, mapping, unmapping, assigning, unassigning) is an
//! administrator's work: a laptop whose worker is known (`GetMe`) refuses it unless that worker is
//! a 社区管理员. A laptop with nobody chosen yet (scripts, the first import) may still draw them.

use linli_domain::place::validate_name;
use linli_domain::register::{GridKind, Role};
use linli_domain::{DomainError, Id, PlaceKind};
use linli_protocol::{AddGrid, GetMe, Grid, ListGrids, MapGrid, Person, Unassign, UnmapGrid};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::{id_text, parse_id};
use crate::write::{RowWrite, Scope};
use crate::{Error, Result, Store};

impl Store {
    /// A live grid's name alone (`NotFound` as [`Store::grid`]), for lists that name many grids
    /// and need nothing else of them (issue 24: `grid` reads its places and workers too).
    pub(crate) fn grid_name(&self, id: Id) -> Result<String> {
        self.conn
            .prepare_cached("SELECT name FROM grids WHERE id = ?1 AND deleted = 0")?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound {
                what: "网格",
                id: id.to_string(),
            })
    }

    pub fn grid(&self, id: Id) -> Result<Grid> {
        let row: Option<(String, String, String, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT community_id, kind, name, parent_id FROM grids WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let (community, kind, name, parent) = row.ok_or(Error::NotFound {
            what: "网格",
            id: id.to_string(),
        })?;
        let mapped = self
            .conn
            .prepare_cached(
                "SELECT gp.place_id, p.kind, p.name, up.kind, up.name, top.kind, top.name
                 FROM grid_places gp JOIN places p ON p.id = gp.place_id
                 LEFT JOIN places up ON up.id = p.parent_id
                 LEFT JOIN places top ON top.id = up.parent_id
                 WHERE gp.grid_id = ?1 AND gp.deleted = 0
                 ORDER BY CAST(p.name AS INTEGER), p.name",
            )?
            .query_map([id.to_string()], |r| {
                let id: String = r.get(0)?;
                // compound + building (+ unit): "南湖苑1栋", "南湖苑1栋2单元"
                let mut name = String::new();
                for (kind, part) in [(5, 6), (3, 4)] {
                    let k: Option<String> = r.get(kind)?;
                    if matches!(k.as_deref(), Some("compound" | "building")) {
                        name.push_str(&r.get::<_, String>(part)?);
                    }
                }
                name.push_str(&r.get::<_, String>(2)?);
                Ok((id, name))
            })?
            .map(|row| {
                let (id, name) = row?;
                Ok((id.parse()?, name))
            })
            .collect::<Result<Vec<(Id, String)>>>()?;
        let (place_ids, place_names) = mapped.into_iter().unzip();
        let workers = self
            .conn
            .prepare_cached(
                "SELECT p.name FROM assignments a JOIN people p ON p.id = a.person_id
                 WHERE a.grid_id = ?1 AND a.deleted = 0 AND p.deleted = 0 ORDER BY p.name",
            )?
            .query_map([id.to_string()], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Grid {
            id,
            community_id: community.parse()?,
            kind: GridKind::read(&kind),
            name,
            parent_id: parse_id(parent)?,
            place_ids,
            workers,
            place_names,
        })
    }

    /// The grids of a community: big grids, each followed by its sections.
    pub fn list_grids(&self, req: &ListGrids) -> Result<Vec<Grid>> {
        let ids = self
            .conn
            .prepare_cached(
                "SELECT g.id FROM grids g LEFT JOIN grids big ON big.id = g.parent_id
                 WHERE g.community_id = ?1 AND g.deleted = 0
                 ORDER BY coalesce(big.name, g.name), g.kind = 'section', g.name",
            )?
            .query_map([req.community_id.to_string()], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.iter().map(|id| self.grid(id.parse()?)).collect()
    }

    /// Refuses to draw grids unless this laptop's worker is an administrator (or nobody is
    /// chosen yet).
    pub(crate) fn may_draw_grids(&self) -> Result<()> {
        let me = self.get_me(&GetMe {})?;
        match me.person {
            Some(p) if !p.roles.contains(&Role::Admin) => Err(Error::conflict(
                linli_domain::msg::ADMIN_ONLY_GRIDS,
                linli_domain::args![name = p.name],
            )),
            _ => Ok(()),
        }
    }

    pub fn add_grid(&mut self, req: &AddGrid) -> Result<Grid> {
        self.may_draw_grids()?;
        let id = self.next_id();
        let name = validate_name(&req.name)?;
        let community = self.place(req.community_id)?;
        if community.kind != PlaceKind::Community {
            return Err(DomainError::coded(
                "community_id",
                linli_domain::msg::GRID_NEEDS_COMMUNITY,
                vec![],
            )
            .into());
        }
        match (req.kind, req.parent_id) {
            (GridKind::Unknown, _) => {
                return Err(DomainError::coded(
                    "kind",
                    linli_domain::msg::GRID_KIND_MISSING,
                    vec![],
                )
                .into())
            }
            (GridKind::Big, Some(_)) => {
                return Err(DomainError::coded(
                    "parent_id",
                    linli_domain::msg::BIG_GRID_NO_PARENT,
                    vec![],
                )
                .into())
            }
            (GridKind::Section, None) => {
                return Err(DomainError::coded(
                    "parent_id",
                    linli_domain::msg::SECTION_NEEDS_PARENT,
                    vec![],
                )
                .into())
            }
            (GridKind::Section, Some(p)) => {
                let parent = self.grid(p)?;
                if parent.kind != GridKind::Big || parent.community_id != req.community_id {
                    return Err(DomainError::coded(
                        "parent_id",
                        linli_domain::msg::SECTION_PARENT_COMMUNITY,
                        vec![],
                    )
                    .into());
                }
            }
            (GridKind::Big, None) => {}
        }
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "grids",
            row_id: id,
            fields: vec![
                ("kind", json!(req.kind.code())),
                ("name", json!(name)),
                ("parent_id", json!(id_text(req.parent_id))),
                ("community_id", json!(req.community_id.to_string())),
                ("deleted", json!(false)),
            ],
            scope: Scope {
                community: Some(req.community_id),
                grid: Some(id),
                place: Some(req.community_id),
            },
        })?;
        w.commit()?;
        self.grid(id)
    }

    pub fn map_grid(&mut self, req: &MapGrid) -> Result<Grid> {
        self.may_draw_grids()?;
        let grid = self.grid(req.grid_id)?;
        for p in &req.place_ids {
            let place = self.place(*p)?;
            if !matches!(place.kind, PlaceKind::Building | PlaceKind::Unit) {
                return Err(DomainError::coded(
                    "place_ids",
                    linli_domain::msg::GRID_PLACE_KIND,
                    linli_domain::args![name = place.name],
                )
                .into());
            }
        }
        let fresh: Vec<Id> = req
            .place_ids
            .iter()
            .copied()
            .filter(|p| !grid.place_ids.contains(p))
            .collect();
        let mut w = self.begin()?;
        for p in fresh {
            let row_id = w.id();
            w.write(RowWrite {
                table: "grid_places",
                row_id,
                fields: vec![
                    ("grid_id", json!(req.grid_id.to_string())),
                    ("place_id", json!(p.to_string())),
                    ("deleted", json!(false)),
                ],
                scope: Scope {
                    community: Some(grid.community_id),
                    grid: Some(grid.id),
                    place: Some(p),
                },
            })?;
        }
        w.commit()?;
        self.grid(req.grid_id)
    }

    /// Takes buildings or units out of a grid: their mapping rows are marked deleted (a change
    /// that syncs like any other). A place the grid does not hold is refused by name.
    pub fn unmap_grid(&mut self, req: &UnmapGrid) -> Result<Grid> {
        self.may_draw_grids()?;
        let grid = self.grid(req.grid_id)?;
        let mut rows = Vec::new();
        for p in &req.place_ids {
            let row: Option<String> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM grid_places WHERE grid_id = ?1 AND place_id = ?2 AND deleted = 0",
                )?
                .query_row([grid.id.to_string(), p.to_string()], |r| r.get(0))
                .optional()?;
            match row {
                Some(r) => rows.push((r.parse::<Id>()?, *p)),
                None => {
                    let name = self
                        .place(*p)
                        .map(|x| x.name)
                        .unwrap_or_else(|_| p.to_string());
                    return Err(DomainError::coded(
                        "place_ids",
                        linli_domain::msg::NOT_IN_GRID,
                        linli_domain::args![name = name, grid = grid.name],
                    )
                    .into());
                }
            }
        }
        let mut w = self.begin()?;
        for (row, place) in rows {
            w.write(RowWrite {
                table: "grid_places",
                row_id: row,
                fields: vec![("deleted", json!(true))],
                scope: Scope {
                    community: Some(grid.community_id),
                    grid: Some(grid.id),
                    place: Some(place),
                },
            })?;
        }
        w.commit()?;
        self.grid(req.grid_id)
    }

    /// Ends an assignment: the person no longer works that grid or building.
    pub fn unassign(&mut self, req: &Unassign) -> Result<Person> {
        self.may_draw_grids()?;
        let row: Option<(String, Option<String>, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT person_id, grid_id, place_id FROM assignments WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([req.assignment_id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let (person, grid, place) = row.ok_or(Error::NotFound {
            what: "分配",
            id: req.assignment_id.to_string(),
        })?;
        let person = self.person(person.parse()?)?;
        let grid = parse_id(grid)?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "assignments",
            row_id: req.assignment_id,
            fields: vec![("deleted", json!(true))],
            scope: Scope {
                community: Some(person.community_id),
                grid,
                place: parse_id(place)?.or(Some(person.community_id)),
            },
        })?;
        w.commit()?;
        self.person(person.id)
    }

    /// How many grids of each kind a community has (for summaries and tests).
    pub fn grid_counts(&self, community: Id) -> Result<(u32, u32)> {
        Ok(self.conn.query_row(
            "SELECT count(*) FILTER (WHERE kind = 'big'), count(*) FILTER (WHERE kind = 'section')
             FROM grids WHERE community_id = ?1 AND deleted = 0",
            params![community.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}

#[cfg(test)]
#[path = "grids_tests.rs"]
mod tests;
