//! Setting a target from a month on: an administrator's work, checked whole (the place a
//! community or a grid, the month, visits and rates in range) before the version is written as a
//! `targets` fact.

use linli_domain::register::Role;
use linli_domain::targets::MAX_VISITS;
use linli_domain::{DomainError, Id, PlaceKind};
use linli_protocol::{GetMe, ListTargets, SetTarget, TargetVersion};
use serde_json::json;

use super::month_checked;
use crate::write::{RowWrite, Scope};
use crate::{Error, Result, Store};

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
