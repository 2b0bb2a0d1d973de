//! Targets (目标, issue 21): per community or grid, per month, the visits to make, the coverage
//! to reach and the on-time rate to keep. Each setting is a version (a `targets` fact) that
//! applies from its month on until a later version; earlier months keep the version they had, and
//! of two versions for one place and month the later wins. Progress against them is in
//! `progress.rs`, counted by the dashboard's own functions. See docs/targets.md.

pub(crate) mod demo;
mod figures;
#[cfg(test)]
mod figures_tests;
mod progress;
#[cfg(test)]
mod tests;

use linli_domain::register::Role;
use linli_domain::targets::MAX_VISITS;
use linli_domain::{DomainError, Id, PlaceKind};
use linli_protocol::{GetMe, ListTargets, SetTarget, TargetVersion};
use rusqlite::params;
use serde_json::json;

use crate::register::parse_id;
use crate::write::{RowWrite, Scope};
use crate::{Error, Result, Store};
pub(crate) use figures::on_time;

/// A target as it applies to a month: the figures (rates as shares 0–1) and its version's month.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Goal {
    pub visits: Option<f64>,
    pub coverage: Option<f64>,
    pub on_time: Option<f64>,
    pub from_month: Option<String>,
}

impl Goal {
    fn of(v: &TargetVersion) -> Goal {
        Goal {
            visits: v.visits.map(f64::from),
            coverage: v.coverage_pct.map(|p| f64::from(p) / 100.0),
            on_time: v.on_time_pct.map(|p| f64::from(p) / 100.0),
            from_month: Some(v.from_month.clone()),
        }
    }

    /// The share `share` (0–1) of this goal: visits scaled (to a whole visit; none when that is
    /// no visit at all, as for a grid of no household), rates the same.
    pub fn scaled(&self, share: f64) -> Goal {
        Goal {
            visits: self
                .visits
                .map(|v| (v * share).round())
                .filter(|v| *v > 0.0),
            ..self.clone()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.visits.is_none() && self.coverage.is_none() && self.on_time.is_none()
    }
}

/// "YYYY-MM" of a month as written ("2026-3" reads as "2026-03"), or the coded refusal.
pub(crate) fn month_checked(month: &str) -> Result<String> {
    linli_domain::calendar::month_bounds(month)
        .map(|(from, _)| from[..7].to_owned())
        .ok_or_else(|| {
            DomainError::coded(
                "from_month",
                linli_domain::msg::TARGET_BAD_MONTH,
                linli_domain::args![value = month],
            )
            .into()
        })
}

fn rate_checked(
    field: &'static str,
    msg: linli_domain::msg::Msg,
    v: Option<i64>,
) -> Result<Option<u32>> {
    match v {
        None => Ok(None),
        Some(p) if (0..=100).contains(&p) => Ok(Some(p as u32)),
        Some(p) => Err(DomainError::coded(field, msg, linli_domain::args![value = p]).into()),
    }
}

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
    /// Refuses to set targets unless this laptop's worker is an administrator (or nobody is
    /// chosen yet), as for the community's rules.
    fn may_set_targets(&self) -> Result<()> {
        let me = self.get_me(&GetMe {})?;
        match me.person {
            Some(p) if !p.roles.contains(&Role::Admin) => Err(Error::conflict(
                linli_domain::msg::TARGET_ADMIN_ONLY,
                linli_domain::args![name = p.name],
            )),
            _ => Ok(()),
        }
    }

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

    /// Sets a target from a month on (see [`SetTarget`]): checked whole before anything is
    /// written; answers the versions of that community or grid.
    pub fn set_target(&mut self, req: &SetTarget) -> Result<Vec<TargetVersion>> {
        let unknown = |id: Id| -> Error {
            DomainError::coded(
                "place_id",
                linli_domain::msg::TARGET_UNKNOWN_PLACE,
                linli_domain::args![id = id],
            )
            .into()
        };
        let (community, scope) = match (req.place_id, req.grid_id) {
            (Some(p), None) => {
                let place = self.place(p).map_err(|_| unknown(p))?;
                if place.kind != PlaceKind::Community {
                    return Err(DomainError::coded(
                        "place_id",
                        linli_domain::msg::TARGET_NOT_COMMUNITY,
                        linli_domain::args![name = place.name],
                    )
                    .into());
                }
                (p, crate::volunteers::community_scope(p))
            }
            (None, Some(g)) => {
                let grid = self.grid(g).map_err(|_| unknown(g))?;
                let scope = Scope {
                    community: Some(grid.community_id),
                    grid: Some(g),
                    place: None,
                };
                (grid.community_id, scope)
            }
            _ => {
                return Err(DomainError::coded(
                    "place_id",
                    linli_domain::msg::TARGET_NO_PLACE,
                    vec![],
                )
                .into())
            }
        };
        let month = month_checked(&req.from_month)?;
        let visits = match req.visits {
            None => None,
            Some(v) if (0..=MAX_VISITS).contains(&v) => Some(v),
            Some(v) => {
                return Err(DomainError::coded(
                    "visits",
                    linli_domain::msg::TARGET_BAD_VISITS,
                    linli_domain::args![value = v, max = MAX_VISITS],
                )
                .into())
            }
        };
        let coverage = rate_checked(
            "coverage_pct",
            linli_domain::msg::TARGET_BAD_COVERAGE,
            req.coverage_pct,
        )?;
        let on_time = rate_checked(
            "on_time_pct",
            linli_domain::msg::TARGET_BAD_ON_TIME,
            req.on_time_pct,
        )?;
        self.may_set_targets()?;
        let at = self.now().stamp();
        let id = self.next_id();
        let mut w = self.begin()?;
        w.insert_fact(RowWrite {
            table: "targets",
            row_id: id,
            fields: vec![
                ("community_id", json!(community.to_string())),
                ("place_id", json!(req.place_id.map(|p| p.to_string()))),
                ("grid_id", json!(req.grid_id.map(|g| g.to_string()))),
                ("from_month", json!(month)),
                ("visits", json!(visits)),
                ("coverage_pct", json!(coverage)),
                ("on_time_pct", json!(on_time)),
                ("at", json!(at)),
            ],
            scope,
        })?;
        w.commit()?;
        self.list_targets(&ListTargets {
            place_id: req.place_id,
            grid_id: req.grid_id,
        })
        .map(|all| {
            all.into_iter()
                .filter(|v| v.place_id == req.place_id && v.grid_id == req.grid_id)
                .collect()
        })
    }
}
