//! The ranking (晾晒): a town's communities, or a community's big grids, side by side on five
//! figures of the period, each normalised among them (best 100, worst 0), ranked on the mean of
//! the scores, with the period before beside it. The figures are the dashboard's own
//! (`coverage_ratio`, `rates_of`, `hours_report`), taken over each line's area.

use std::collections::HashMap;

use linli_domain::{Id, PlaceKind};
use linli_protocol::{HoursReportQuery, RankColumn, RankRow, Ranking};

use crate::field::Area;
use crate::monthly::Scope;
use crate::{Result, Store};

/// The columns: key, name, formula, higher is better.
pub(crate) const COLUMNS: [(&str, &str, &str, bool); 5] = [
    ("coverage", "走访覆盖率", "走访覆盖住户 ÷ 在册住户", true),
    ("resolution", "办结率", "已办结 ÷ 受理诉求", true),
    ("on_time", "按时办结率", "按时办结 ÷ 已办结", true),
    (
        "overdue_per_100",
        "每百户逾期诉求",
        "本期受理诉求中期末逾期的件数 ÷ 在册住户 × 100",
        false,
    ),
    (
        "hours_per_100",
        "每百人志愿时长",
        "志愿服务时长 ÷ 在册居民 × 100（按社区统计）",
        true,
    ),
];

/// A line to rank: its name, area, and whose volunteer hours are its own (none for a grid).
struct Unit {
    place_id: Option<Id>,
    grid_id: Option<Id>,
    name: String,
    area: Area,
    community: Option<Id>,
}

/// Scores 0–100 (to 0.1) for one column's values: best 100, worst 0, all equal 100.
fn normalise(values: &[Option<f64>], higher_is_better: bool) -> Vec<Option<f64>> {
    let known = values.iter().flatten().copied();
    let (lo, hi) = known.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    values
        .iter()
        .map(|v| {
            v.map(|v| {
                let s = if hi - lo <= f64::EPSILON {
                    100.0
                } else if higher_is_better {
                    (v - lo) / (hi - lo) * 100.0
                } else {
                    (hi - v) / (hi - lo) * 100.0
                };
                // 0.1 is plenty for a score and keeps 50 from reading 49.99999
                (s * 10.0).round() / 10.0
            })
        })
        .collect()
}

/// Each line's scores per column, their mean, and its rank (equal scores share a rank; 0 for a
/// line with no figure in the period).
fn score(lines: &[Vec<Option<f64>>]) -> (Vec<Vec<Option<f64>>>, Vec<f64>, Vec<u32>) {
    let n = lines.len();
    let mut scores = vec![vec![None; COLUMNS.len()]; n];
    for (c, col) in COLUMNS.iter().enumerate() {
        let values: Vec<Option<f64>> = lines.iter().map(|l| l[c]).collect();
        for (i, s) in normalise(&values, col.3).into_iter().enumerate() {
            scores[i][c] = s;
        }
    }
    let means: Vec<f64> = scores
        .iter()
        .map(|s| {
            let known: Vec<f64> = s.iter().flatten().copied().collect();
            if known.is_empty() {
                0.0
            } else {
                (known.iter().sum::<f64>() / known.len() as f64 * 10.0).round() / 10.0
            }
        })
        .collect();
    // A line with no figure at all (nothing to count in the period) is not ranked: rank 0.
    let ranked: Vec<bool> = lines
        .iter()
        .map(|l| l.iter().any(Option::is_some))
        .collect();
    let ranks = means
        .iter()
        .zip(&ranked)
        .map(|(m, &r)| {
            if !r {
                return 0;
            }
            let above = means
                .iter()
                .zip(&ranked)
                .filter(|(o, &or)| or && *o > m)
                .count();
            1 + above as u32
        })
        .collect();
    (scores, means, ranks)
}

impl Store {
    /// Residents of the register (not moved out) in the households of an area as it stands.
    pub(crate) fn residents_in(&self, area: &Area, day: &str) -> Result<usize> {
        let households = self.states(area, day, day, day)?;
        let mut per: HashMap<String, usize> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT household_id, count(*) FROM residents
             WHERE deleted = 0 AND moved_out IS NULL AND household_id IS NOT NULL
               AND (?1 IS NULL OR community_id = ?1)
             GROUP BY household_id",
        )?;
        let rows = stmt.query_map([area.community.map(|c| c.to_string())], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for r in rows {
            let (h, n) = r?;
            per.insert(h, n as usize);
        }
        Ok(households
            .iter()
            .map(|s| per.get(&s.line.id.to_string()).copied().unwrap_or(0))
            .sum())
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

    /// One line's five figures over `from..=to`.
    fn unit_values(&self, u: &Unit, from: &str, to: &str) -> Result<Vec<Option<f64>>> {
        let cov = self.coverage_ratio(&u.area, from, to)?;
        let rates = self.rates_of(&u.area, from, to)?;
        let per100 = |n: f64, d: f64| (d > 0.0).then(|| n / d * 100.0);
        let hours = match u.community {
            Some(c) => {
                let h = self.hours_report(&HoursReportQuery {
                    community_id: Some(c),
                    from: Some(from.to_owned()),
                    to: Some(to.to_owned()),
                })?;
                per100(h.total_hours, self.residents_in(&u.area, to)? as f64)
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
    ) -> Result<Ranking> {
        let (level, units) = self.units(scope, place)?;
        let mut now = Vec::new();
        let mut before = Vec::new();
        for u in &units {
            now.push(self.unit_values(u, from, to)?);
            before.push(self.unit_values(u, pfrom, pto)?);
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

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn scores_run_from_worst_to_best_whichever_way_is_better() {
        let v = [Some(0.2), Some(0.6), None, Some(1.0)];
        assert_eq!(
            normalise(&v, true),
            [Some(0.0), Some(50.0), None, Some(100.0)]
        );
        assert_eq!(
            normalise(&v, false),
            [Some(100.0), Some(50.0), None, Some(0.0)]
        );
        assert_eq!(normalise(&[Some(3.0), Some(3.0)], true), [Some(100.0); 2]);
    }

    #[test]
    fn equal_means_share_a_rank() {
        let line = |c: f64| vec![Some(c), Some(c), Some(c), Some(1.0 - c), None];
        let (_, means, ranks) = score(&[line(0.5), line(1.0), line(0.5), line(0.0)]);
        assert_eq!(ranks, [2, 1, 2, 4]);
        assert_eq!(means[1], 100.0);
        assert_eq!(means[3], 0.0);
    }

    #[test]
    fn a_line_without_figures_has_no_rank() {
        // An empty period (the month before the register began) ranked everyone 1st.
        let empty = || vec![None; COLUMNS.len()];
        let (_, _, ranks) = score(&[empty(), empty()]);
        assert_eq!(ranks, [0, 0]);
        let line = |c: f64| vec![Some(c), None, None, None, None];
        let (_, _, ranks) = score(&[line(0.2), empty(), line(0.9)]);
        assert_eq!(ranks, [2, 0, 1]);
    }
}
