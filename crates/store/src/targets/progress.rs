//! Progress against the targets (see [`TargetProgress`]): each line's figures counted by the
//! dashboard's own functions over its area — coverage by `coverage_ratio`, the on-time rate by
//! `rates_of`, visits by the visit list the monthly report counts (`visit_rows_in`) — judged by
//! `linli_domain::targets::judge`, and the month's digest.
//!
//! Where a line's target comes from: a community's and a grid's own version for the month; a
//! grid without one falls back to its big grid's own version (a section's), else its community's,
//! scaled by its share of the households on the register at the month's end (visits scaled, rates
//! as they are); a worker's is their sections' together (visits summed, rates weighted by
//! households). A worker is measured on the area of their assignments (`area_of_person`).

use std::collections::HashMap;

use linli_domain::targets::{attainment, due, judge, overall, TargetStatus, AMBER_SHARE};
use linli_domain::{calendar, Id};
use linli_protocol::{DigestLine, Measure, ProgressLine, Ratio, TargetProgress, TargetReport};

use super::figures::Figures;
use super::Goal;
use crate::field::Area;
use crate::monthly::month_bounds;
use crate::{Result, Store};

/// How many lines the digest's "improved most" names.
const IMPROVED: usize = 10;

/// What a line is.
#[derive(Debug, Clone)]
enum Kind {
    Community(Id),
    /// A grid, its big grid (for a section) and its community.
    Grid(Id, Option<Id>, Id),
    /// A worker and the grids they are assigned to.
    Worker(Id, Vec<Id>),
}

pub(super) struct Unit {
    kind: Kind,
    pub name: String,
    within: String,
    pub area: Area,
}

/// A number's natural order in names ("第2楼段" before "第10楼段").
fn natural(name: &str) -> (String, u64, String) {
    let prefix: String = name.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let rest = &name[prefix.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (
        prefix,
        digits.parse().unwrap_or(u64::MAX),
        rest[digits.len()..].to_owned(),
    )
}

/// The judged figures of a line against its goal; `pace` as in [`due`].
fn measures(goal: Option<&Goal>, f: &Figures, pace: Option<f64>) -> Vec<Measure> {
    let g = goal.cloned().unwrap_or_default();
    let one = |key: &str, actual: f64, ratio: Option<Ratio>, target: Option<f64>, pace| {
        // nothing to judge: a rate of no household or no resolved request
        let judged = ratio.is_none_or(|r: Ratio| r.den > 0.0);
        let due = target.map(|t| due(t, pace));
        Measure {
            key: key.into(),
            actual,
            ratio,
            target,
            due,
            status: match target {
                Some(t) if judged => judge(actual, t, pace),
                _ => TargetStatus::None,
            },
        }
    };
    vec![
        one("visits", f.visits, None, g.visits, pace),
        one(
            "coverage",
            f.coverage.rate,
            Some(f.coverage),
            g.coverage,
            pace,
        ),
        // resolution within the deadline does not grow with the month: never pro-rated
        one("on_time", f.on_time.rate, Some(f.on_time), g.on_time, None),
    ]
}

/// The mean attainment of the judged figures, each against the part of its target due.
fn score(ms: &[Measure]) -> Option<f64> {
    let a: Vec<f64> = ms
        .iter()
        .filter(|m| m.status != TargetStatus::None)
        .filter_map(|m| attainment(m.actual, m.due?))
        .collect();
    (!a.is_empty()).then(|| (a.iter().sum::<f64>() / a.len() as f64 * 1000.0).round() / 1000.0)
}

/// The share of `month` gone by on `today`: 0 before it, 1 after it.
pub(crate) fn elapsed(from: &str, to: &str, today: &str) -> f64 {
    if today < from {
        0.0
    } else if today >= to {
        1.0
    } else {
        let day: f64 = today[8..10].parse().unwrap_or(1.0);
        let days: f64 = to[8..10].parse().unwrap_or(30.0);
        day / days
    }
}

impl Store {
    /// The lines of a scope: a community with its grids and workers, or a town's communities.
    pub(super) fn target_units(&self, place: Option<Id>) -> Result<(String, Vec<Unit>)> {
        let scope = self.report_scope(place, None)?;
        if let Some(c) = scope.community {
            return Ok((self.place(c)?.name, self.community_units(c)?));
        }
        let mut out = Vec::new();
        for (id, name) in self.communities_in(&scope)? {
            out.push(Unit {
                kind: Kind::Community(id),
                name,
                within: scope.name.clone(),
                area: self.area_of_place(Some(id))?,
            });
        }
        Ok((scope.name, out))
    }

    /// Each unit's figures over the month and the one before: the two months' counts read once
    /// for the units' community (everything's for a town's communities), summed per unit.
    #[allow(clippy::type_complexity)]
    pub(super) fn unit_figures(
        &self,
        units: &[Unit],
        (from, to): (&str, &str),
        (pfrom, pto): (&str, &str),
    ) -> Result<(Vec<Figures>, Vec<Figures>)> {
        let first = units.first().and_then(|u| u.area.community);
        let community = first.filter(|_| units.iter().all(|u| u.area.community == first));
        let span = self.span(community, pfrom.min(from), to.max(pto))?;
        let [now, before] = self.month_facts(&span, community, [(from, to), (pfrom, pto)])?;
        Ok(units
            .iter()
            .map(|u| (now.figures(&u.area), before.figures(&u.area)))
            .unzip())
    }

    pub(super) fn community_units(&self, c: Id) -> Result<Vec<Unit>> {
        let cname = self.place(c)?.name;
        let mut out = vec![Unit {
            kind: Kind::Community(c),
            name: cname.clone(),
            within: String::new(),
            area: self.area_of_place(Some(c))?,
        }];
        let mut grids: Vec<(String, String, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT id, name, parent_id FROM grids WHERE community_id = ?1 AND deleted = 0",
            )?
            .query_map([c.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        grids
            .sort_by_cached_key(|(id, name, parent)| (parent.is_some(), natural(name), id.clone()));
        let names: HashMap<String, String> = grids
            .iter()
            .map(|(id, name, _)| (id.clone(), name.clone()))
            .collect();
        for (id, name, parent) in &grids {
            let g: Id = id.parse()?;
            let big = crate::register::parse_id(parent.clone())?;
            let within = parent
                .as_ref()
                .and_then(|p| names.get(p).cloned())
                .unwrap_or_else(|| cname.clone());
            out.push(Unit {
                kind: Kind::Grid(g, big, c),
                name: name.clone(),
                within,
                area: self.area_of_grid(g)?,
            });
        }
        let mut workers: Vec<(String, String, Vec<String>)> = Vec::new();
        let rows: Vec<(String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT a.person_id, p.name, a.grid_id FROM assignments a
                 JOIN people p ON p.id = a.person_id JOIN grids g ON g.id = a.grid_id
                 WHERE a.deleted = 0 AND p.deleted = 0 AND g.deleted = 0 AND g.community_id = ?1
                 ORDER BY p.name, p.id",
            )?
            .query_map([c.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (p, name, g) in rows {
            match workers.iter_mut().find(|w| w.0 == p) {
                Some(w) if !w.2.contains(&g) => w.2.push(g),
                Some(_) => {}
                None => workers.push((p, name, vec![g])),
            }
        }
        for (p, name, gs) in workers {
            let person: Id = p.parse()?;
            let mut grid_ids = Vec::new();
            for g in &gs {
                grid_ids.push(g.parse()?);
            }
            let within = gs
                .iter()
                .filter_map(|g| names.get(g).cloned())
                .collect::<Vec<_>>()
                .join("、");
            out.push(Unit {
                kind: Kind::Worker(person, grid_ids),
                name,
                within,
                area: self.area_of_person(person)?,
            });
        }
        Ok(out)
    }

    /// Each unit's goal for `month` and where it comes from, given its figures (for the
    /// households' shares). Units come communities first, then big grids, then sections.
    fn goals(
        &self,
        units: &[Unit],
        figures: &[Figures],
        month: &str,
    ) -> Result<Vec<(Option<Goal>, &'static str)>> {
        // a unit's own goal and its households, by id
        let mut own: HashMap<Id, (Option<Goal>, f64)> = HashMap::new();
        let mut effective: HashMap<Id, (Option<Goal>, f64)> = HashMap::new();
        let mut out = Vec::new();
        for (u, f) in units.iter().zip(figures) {
            let households = f.coverage.den;
            let share = |of: Option<&(Option<Goal>, f64)>| -> Option<Goal> {
                let (g, total) = of?;
                let g = g.as_ref()?;
                Some(g.scaled(if *total > 0.0 {
                    households / total
                } else {
                    0.0
                }))
            };
            let (goal, source) = match &u.kind {
                Kind::Community(c) => {
                    let g = self.goal_of(Some(*c), None, month)?;
                    own.insert(*c, (g.clone(), households));
                    (g, "own")
                }
                Kind::Grid(g, big, c) => {
                    let mine = self.goal_of(None, Some(*g), month)?;
                    own.insert(*g, (mine.clone(), households));
                    let from_big = big.and_then(|b| share(own.get(&b)));
                    let r = match (mine, from_big) {
                        (Some(m), _) => (Some(m), "own"),
                        (None, Some(b)) => (Some(b), "grid"),
                        (None, None) => match share(own.get(c)) {
                            Some(cg) => (Some(cg), "community"),
                            None => (None, "none"),
                        },
                    };
                    effective.insert(*g, (r.0.clone(), households));
                    r
                }
                Kind::Worker(_, grids) => {
                    let mut goal = Goal::default();
                    let mut weights = [(0.0, 0.0); 2];
                    for g in grids {
                        let Some((Some(eg), h)) = effective.get(g) else {
                            continue;
                        };
                        if let Some(v) = eg.visits {
                            goal.visits = Some(goal.visits.unwrap_or(0.0) + v);
                        }
                        for (i, rate) in [eg.coverage, eg.on_time].into_iter().enumerate() {
                            if let Some(r) = rate {
                                weights[i].0 += r * h.max(1.0);
                                weights[i].1 += h.max(1.0);
                            }
                        }
                        goal.from_month = goal.from_month.max(eg.from_month.clone());
                    }
                    let mean =
                        |(s, w): (f64, f64)| (w > 0.0).then(|| (s / w * 1000.0).round() / 1000.0);
                    goal.coverage = mean(weights[0]);
                    goal.on_time = mean(weights[1]);
                    if goal.is_empty() {
                        (None, "none")
                    } else {
                        (Some(goal), "grids")
                    }
                }
            };
            let source = if goal.is_none() { "none" } else { source };
            out.push((goal, source));
        }
        Ok(out)
    }

    /// Progress against the targets for a scope and month, with the digest (see
    /// [`TargetProgress`]).
    pub fn target_progress(&self, req: &TargetProgress) -> Result<TargetReport> {
        let today = self.now().today();
        let month = match &req.month {
            Some(m) => super::month_checked(m)?,
            None => calendar::month_of(&today).to_owned(),
        };
        let (from, to) = month_bounds(&month)?;
        let prev_month = calendar::month_of(&calendar::months_before(&from, 1)).to_owned();
        let (pfrom, pto) = month_bounds(&prev_month)?;
        let (scope_name, units) = match req.grid_id {
            Some(g) => {
                let grid = self.grid(g)?;
                (grid.name, self.community_units(grid.community_id)?)
            }
            None => self.target_units(req.place_id)?,
        };
        let (now, before) = self.unit_figures(&units, (&from, &to), (&pfrom, &pto))?;
        let goals = self.goals(&units, &now, &month)?;
        let prev_goals = self.goals(&units, &before, &prev_month)?;
        let elapsed = elapsed(&from, &to, &today);
        let pace = (elapsed < 1.0).then_some(elapsed);
        // a grid's scope: the grid, its sections and their workers (the rest only for the
        // fallback of their targets)
        let in_grid: Vec<Id> = units
            .iter()
            .filter_map(|u| match u.kind {
                Kind::Grid(x, big, _) if Some(x) == req.grid_id || big == req.grid_id => Some(x),
                _ => None,
            })
            .collect();
        let kept = |k: &Kind| match (req.grid_id, k) {
            (None, _) => true,
            (Some(_), Kind::Grid(x, ..)) => in_grid.contains(x),
            (Some(_), Kind::Worker(_, gs)) => gs.iter().any(|g| in_grid.contains(g)),
            (Some(_), Kind::Community(_)) => false,
        };
        let mut lines = Vec::new();
        for (i, u) in units.into_iter().enumerate() {
            if !kept(&u.kind) {
                continue;
            }
            let ms = measures(goals[i].0.as_ref(), &now[i], pace);
            let prev = measures(prev_goals[i].0.as_ref(), &before[i], None);
            let (level, place_id, grid_id, person_id) = match u.kind {
                Kind::Community(c) => ("community", Some(c), None, None),
                Kind::Grid(g, ..) => ("grid", None, Some(g), None),
                Kind::Worker(p, _) => ("worker", None, None, Some(p)),
            };
            lines.push(ProgressLine {
                level: level.into(),
                place_id,
                grid_id,
                person_id,
                name: u.name,
                within: u.within,
                source: goals[i].1.into(),
                from_month: goals[i].0.as_ref().and_then(|g| g.from_month.clone()),
                status: overall(ms.iter().map(|m| m.status)),
                score: score(&ms),
                prev_score: score(&prev),
                measures: ms,
            });
        }
        let digest = |l: &ProgressLine| DigestLine {
            level: l.level.clone(),
            name: l.name.clone(),
            within: l.within.clone(),
            status: l.status,
            score: l.score,
            prev_score: l.prev_score,
            change: l
                .score
                .zip(l.prev_score)
                .map(|(a, b)| ((a - b) * 1000.0).round() / 1000.0),
        };
        let mut behind: Vec<DigestLine> = lines
            .iter()
            .filter(|l| l.status == TargetStatus::Red)
            .map(digest)
            .collect();
        behind.sort_by(|a, b| {
            let s = |d: &DigestLine| d.score.unwrap_or(f64::MAX);
            s(a).total_cmp(&s(b)).then_with(|| a.name.cmp(&b.name))
        });
        let mut improved: Vec<DigestLine> = lines
            .iter()
            .map(digest)
            .filter(|d| d.change.is_some_and(|c| c > 0.0))
            .collect();
        improved.sort_by(|a, b| {
            let c = |d: &DigestLine| d.change.unwrap_or(0.0);
            c(b).total_cmp(&c(a)).then_with(|| a.name.cmp(&b.name))
        });
        improved.truncate(IMPROVED);
        Ok(TargetReport {
            scope_name,
            month,
            from,
            to,
            elapsed,
            amber_share: AMBER_SHARE,
            lines,
            behind,
            improved,
        })
    }
}
