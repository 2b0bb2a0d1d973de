//! The ranking (晾晒): a town's communities, or a community's big grids, side by side on five
//! figures of the period, each normalised among them (best 100, worst 0), ranked on the mean of
//! the scores, with the period before beside it. The figures are the dashboard's own
//! (`coverage_ratio`'s counts, `rates_of`'s requests, `hours_report`), taken over each line's
//! area (the coverage counted and the requests read once per period for all the lines); the
//! scoring is `scores.rs`.

use linli_domain::{Id, PlaceKind};
use linli_protocol::{HoursReportQuery, RankColumn, RankRow, Ranking};

use super::coverage_in;
use super::scores::{score, COLUMNS};
use super::span::Span;
use crate::field::coverage::CoverageCount;
use crate::field::tasks::{rates_of_facts, RaisedTask};
use crate::field::Area;
use crate::monthly::Scope;
use crate::register::parse_id;
use crate::{Result, Store};

/// Residents of one community, building and unit ([`Store::resident_counts`]).
pub(crate) type ResidentCount = (Option<Id>, Option<Id>, Option<Id>, usize);

/// Residents in the households of an area, from its community's counts.
fn residents_in(counts: &[ResidentCount], area: &Area) -> usize {
    counts
        .iter()
        .filter(|(c, b, u, _)| area.community.is_none_or(|a| *c == Some(a)) && area.holds(*b, *u))
        .map(|r| r.3)
        .sum()
}

/// A line to rank: its name, area, and whose volunteer hours are its own (none for a grid).
struct Unit {
    place_id: Option<Id>,
    grid_id: Option<Id>,
    name: String,
    area: Area,
    community: Option<Id>,
}

impl Store {
    /// Residents of the register (not moved out) in its households as they stand, of a community
    /// (everything's for none), counted by SQLite per community, building and unit: read once for
    /// every ranked line (each line read them apart twice before, a third of 统计's time for a
    /// town; issue 24).
    pub(crate) fn resident_counts(&self, community: Option<Id>) -> Result<Vec<ResidentCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.community_id, h.building_id, h.unit_id, count(*) FROM residents r
             JOIN households h ON h.id = r.household_id
             WHERE r.deleted = 0 AND r.moved_out IS NULL AND r.community_id IS h.community_id
               AND h.deleted = 0 AND h.moved_out IS NULL AND (?1 IS NULL OR h.community_id = ?1)
             GROUP BY h.community_id, h.building_id, h.unit_id",
        )?;
        let rows = stmt.query_map([community.map(|c| c.to_string())], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (c, b, u, n) = row?;
            out.push((parse_id(c)?, parse_id(b)?, parse_id(u)?, n as usize));
        }
        Ok(out)
    }

    /// The communities of a scope (every one, or those under a county or town), by name.
    pub(crate) fn communities_in(&self, scope: &Scope) -> Result<Vec<(Id, String)>> {
        let rows: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT id, name FROM places WHERE kind = ?1 AND deleted = 0 ORDER BY name, id",
            )?
            .query_map([PlaceKind::Community.code()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for (id, name) in rows {
            let id: Id = id.parse()?;
            if scope.area.places.as_ref().is_none_or(|s| s.contains(&id)) {
                out.push((id, name));
            }
        }
        Ok(out)
    }

    /// One line's five figures over `from..=to`, from the coverage counts and requests of the
    /// period read once for all the lines (`read`).
    fn unit_values(
        &self,
        u: &Unit,
        (from, to): (&str, &str),
        (counts, tasks): &(Vec<CoverageCount>, Vec<RaisedTask>),
        residents: &[ResidentCount],
    ) -> Result<Vec<Option<f64>>> {
        let cov = coverage_in(counts, &u.area);
        let rates = rates_of_facts(
            tasks.iter().filter(|t| t.lies_in(&u.area)),
            from.to_owned(),
            to.to_owned(),
        );
        let per100 = |n: f64, d: f64| (d > 0.0).then(|| n / d * 100.0);
        let hours = match u.community {
            Some(c) => {
                let h = self.hours_report(&HoursReportQuery {
                    community_id: Some(c),
                    from: Some(from.to_owned()),
                    to: Some(to.to_owned()),
                })?;
                per100(h.total_hours, residents_in(residents, &u.area) as f64)
            }
            None => None,
        };
        Ok(vec![
            (cov.den > 0.0).then_some(cov.rate),
            (!rates.raised.is_empty()).then_some(rates.resolution_rate),
            (!rates.resolved.is_empty()).then_some(rates.on_time_rate),
            per100(rates.overdue.len() as f64, cov.den),
            hours,
        ])
    }

    /// The lines a scope ranks: everything's or a town's communities; a community's big grids;
    /// nothing narrower.
    fn units(&self, scope: &Scope, place: Option<Id>) -> Result<(String, Vec<Unit>)> {
        if scope.grid || scope.narrower {
            return Ok(("grid".into(), Vec::new()));
        }
        if let Some(c) = scope.community.filter(|c| place == Some(*c)) {
            let grids: Vec<(String, String)> = self
                .conn
                .prepare_cached(
                    "SELECT id, name FROM grids WHERE community_id = ?1 AND parent_id IS NULL
                     AND deleted = 0 ORDER BY name, id",
                )?
                .query_map([c.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut out = Vec::new();
            for (id, name) in grids {
                let id: Id = id.parse()?;
                out.push(Unit {
                    place_id: None,
                    grid_id: Some(id),
                    name,
                    area: self.area_of_grid(id)?,
                    community: None,
                });
            }
            return Ok(("grid".into(), out));
        }
        let mut out = Vec::new();
        for (id, name) in self.communities_in(scope)? {
            out.push(Unit {
                place_id: Some(id),
                grid_id: None,
                name,
                area: self.area_of_place(Some(id))?,
                community: Some(id),
            });
        }
        Ok(("community".into(), out))
    }

    /// The ranking of a scope's lines over a period and the one before (see [`Ranking`]).
    pub(crate) fn ranking(
        &self,
        scope: &Scope,
        place: Option<Id>,
        (from, to): (&str, &str),
        (pfrom, pto): (&str, &str),
        span: &Span,
    ) -> Result<Ranking> {
        let (level, units) = self.units(scope, place)?;
        // what every line counts, read once for both periods: its community's (a community's
        // grids) or everything's (the communities; each read apart before, 40 % of 统计's time
        // for a town) — the dashboard's own span when it holds them (issue 24)
        let within = if level == "grid" {
            scope.community
        } else {
            None
        };
        let (first, last) = (pfrom.min(from), to.max(pto));
        let (read_now, read_before) = if units.is_empty() {
            Default::default()
        } else if span.holds(within, first, last) {
            (span.period(from, to), span.period(pfrom, pto))
        } else {
            let span = self.span(within, first, last)?;
            (span.period(from, to), span.period(pfrom, pto))
        };
        let residents = if units.iter().any(|u| u.community.is_some()) {
            self.resident_counts(within)?
        } else {
            Vec::new()
        };
        let mut now = Vec::new();
        let mut before = Vec::new();
        for u in &units {
            now.push(self.unit_values(u, (from, to), &read_now, &residents)?);
            before.push(self.unit_values(u, (pfrom, pto), &read_before, &residents)?);
        }
        let (scores, means, ranks) = score(&now);
        let (_, prev_means, prev_ranks) = score(&before);
        let mut rows: Vec<RankRow> = units
            .into_iter()
            .enumerate()
            .map(|(i, u)| RankRow {
                place_id: u.place_id,
                grid_id: u.grid_id,
                name: u.name,
                rank: ranks[i],
                score: means[i],
                values: now[i].clone(),
                scores: scores[i].clone(),
                prev_rank: prev_ranks[i],
                prev_score: prev_means[i],
                prev_values: before[i].clone(),
            })
            .collect();
        // Unranked lines (rank 0) last.
        rows.sort_by_key(|r| (r.rank == 0, r.rank, r.name.clone()));
        Ok(Ranking {
            level,
            columns: COLUMNS
                .iter()
                .map(|(key, label, formula, higher)| RankColumn {
                    key: (*key).into(),
                    label: (*label).into(),
                    formula: (*formula).into(),
                    higher_is_better: *higher,
                })
                .collect(),
            rows,
        })
    }
}
