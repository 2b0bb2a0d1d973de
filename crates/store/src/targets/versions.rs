//! Reading target versions: every version of a community's targets and its grids', of one grid's
//! or of all, with whether a later version of the same month replaced it; and the one version
//! that applies to a community's or grid's month (`goal_of`).

use linli_domain::{Id, PlaceKind};
use linli_protocol::{ListTargets, TargetVersion};
use rusqlite::params;

use super::Goal;
use crate::register::parse_id;
use crate::{Error, Result, Store};

const SELECT: &str = "SELECT t.id, t.community_id, t.place_id, t.grid_id, t.from_month, t.visits,
        t.coverage_pct, t.on_time_pct, t.at, coalesce(p.name, g.name, '') AS name,
        EXISTS (SELECT 1 FROM targets o WHERE o.from_month = t.from_month
            AND o.place_id IS t.place_id AND o.grid_id IS t.grid_id
            AND o.id > t.id) AS replaced
     FROM targets t
     LEFT JOIN places p ON p.id = t.place_id
     LEFT JOIN grids g ON g.id = t.grid_id";

/// A version as read, ids still text.
struct Raw {
    ids: [Option<String>; 4],
    name: String,
    from_month: String,
    figures: [Option<u32>; 3],
    at: String,
    replaced: bool,
}

fn raw_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        ids: [
            r.get("id")?,
            r.get("community_id")?,
            r.get("place_id")?,
            r.get("grid_id")?,
        ],
        name: r.get("name")?,
        from_month: r.get("from_month")?,
        figures: [
            r.get("visits")?,
            r.get("coverage_pct")?,
            r.get("on_time_pct")?,
        ],
        at: r.get("at")?,
        replaced: r.get("replaced")?,
    })
}

impl Store {
    fn versions_where(
        &self,
        cond: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<TargetVersion>> {
        let sql = format!("{SELECT} WHERE {cond} ORDER BY t.from_month DESC, t.id DESC");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, raw_of)?;
        let mut out = Vec::new();
        for row in rows {
            let Raw {
                ids: [id, community, place, grid],
                name,
                from_month,
                figures: [visits, coverage_pct, on_time_pct],
                at,
                replaced,
            } = row?;
            out.push(TargetVersion {
                id: parse_id(id)?.ok_or(Error::NotFound {
                    what: "目标",
                    id: String::new(),
                })?,
                place_id: parse_id(place)?,
                grid_id: parse_id(grid)?,
                community_id: parse_id(community)?,
                name,
                from_month,
                visits,
                coverage_pct,
                on_time_pct,
                at,
                replaced,
            });
        }
        Ok(out)
    }

    /// The version that applies to a community's or grid's `month`: the latest month at or
    /// before it, and of that month the latest set — by its id, a UUIDv7 ordered by the time it
    /// was made (stamps of laptops at different offsets do not compare as text).
    pub(crate) fn goal_of(
        &self,
        place: Option<Id>,
        grid: Option<Id>,
        month: &str,
    ) -> Result<Option<Goal>> {
        let (col, id) = match (place, grid) {
            (_, Some(g)) => ("t.grid_id", g),
            (Some(p), None) => ("t.place_id", p),
            (None, None) => return Ok(None),
        };
        let v = self.versions_where(
            &format!("{col} = ?1 AND t.from_month <= ?2"),
            params![id.to_string(), month],
        )?;
        Ok(v.first().map(Goal::of))
    }

    /// The versions of a community's targets and its grids', of one grid's, or of all.
    pub fn list_targets(&self, req: &ListTargets) -> Result<Vec<TargetVersion>> {
        match (req.place_id, req.grid_id) {
            (_, Some(g)) => {
                self.grid(g)?;
                self.versions_where("t.grid_id = ?1", [g.to_string()])
            }
            (Some(p), None) => {
                let place = self.place(p)?;
                if place.kind == PlaceKind::Community {
                    self.versions_where("t.community_id = ?1", [p.to_string()])
                } else {
                    // a town: its communities' and their grids'
                    let area = self.area_of_place(Some(p))?;
                    let all = self.versions_where("1", [])?;
                    Ok(all
                        .into_iter()
                        .filter(|v| {
                            v.community_id.is_some_and(|c| {
                                area.places.as_ref().is_none_or(|s| s.contains(&c))
                            })
                        })
                        .collect())
                }
            }
            (None, None) => self.versions_where("1", []),
        }
    }
}
