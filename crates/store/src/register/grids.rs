//! Grids: big grids (大网格) and building sections (楼段), mapped onto buildings or units.

use linli_domain::place::validate_name;
use linli_domain::register::GridKind;
use linli_domain::{DomainError, Id, PlaceKind};
use linli_protocol::{AddGrid, Grid, ListGrids, MapGrid};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::{id_text, parse_id};
use crate::write::{RowWrite, Scope};
use crate::{Error, Result, Store};

impl Store {
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
        let place_ids = self
            .conn
            .prepare_cached(
                "SELECT gp.place_id FROM grid_places gp JOIN places p ON p.id = gp.place_id
                 WHERE gp.grid_id = ?1 AND gp.deleted = 0
                 ORDER BY CAST(p.name AS INTEGER), p.name",
            )?
            .query_map([id.to_string()], |r| r.get::<_, String>(0))?
            .map(|s| Ok(s?.parse()?))
            .collect::<Result<Vec<Id>>>()?;
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

    pub fn add_grid(&mut self, req: &AddGrid) -> Result<Grid> {
        let id = self.next_id();
        let name = validate_name(&req.name)?;
        let community = self.place(req.community_id)?;
        if community.kind != PlaceKind::Community {
            return Err(DomainError::invalid("community_id", "网格必须属于一个社区").into());
        }
        match (req.kind, req.parent_id) {
            (GridKind::Unknown, _) => {
                return Err(DomainError::invalid("kind", "请选择大网格或楼段").into())
            }
            (GridKind::Big, Some(_)) => {
                return Err(DomainError::invalid("parent_id", "大网格不属于其他网格").into())
            }
            (GridKind::Section, None) => {
                return Err(DomainError::invalid("parent_id", "楼段必须属于一个大网格").into())
            }
            (GridKind::Section, Some(p)) => {
                let parent = self.grid(p)?;
                if parent.kind != GridKind::Big || parent.community_id != req.community_id {
                    return Err(DomainError::invalid(
                        "parent_id",
                        "楼段必须属于本社区的一个大网格",
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
        let grid = self.grid(req.grid_id)?;
        for p in &req.place_ids {
            let place = self.place(*p)?;
            if !matches!(place.kind, PlaceKind::Building | PlaceKind::Unit) {
                return Err(DomainError::invalid(
                    "place_ids",
                    format!("“{}”不是楼栋或单元，网格只能划到楼栋或单元", place.name),
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
