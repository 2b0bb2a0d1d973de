//! A target line's figures over a month: visits that count, households reached of those on the
//! register, requests resolved on time of those resolved.
//!
//! [`Store::target_figures`] counts one area by the dashboard's and the monthly report's own
//! functions (`visit_rows_in`, `coverage_ratio`, `rates_of`). Progress has some forty lines (a
//! community, its grids and sections, its workers) over two months, and counting each line
//! that way read the community's households, visits and requests some 160 times (8–9.5 s
//! for a demo-town community in a debug build on a busy machine, the desktop's store held). So
//! [`MonthFacts`] reads a month once — households and visits counted by SQLite per building and
//! unit, the requests raised with where they are — and each line sums the parts in its area.
//! The store test `batched_figures_equal_the_dashboards_per_line` holds the two equal.

use linli_domain::Id;
use linli_protocol::{Ratio, Task};
use rusqlite::params;

use crate::dashboard::ratio;
use crate::field::visits::EFFECTIVE;
use crate::field::Area;
use crate::register::{id_text, parse_id};
use crate::{Result, Store};

/// A line's figures over a month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Figures {
    pub visits: f64,
    pub coverage: Ratio,
    pub on_time: Ratio,
}

/// Where a count lies: community, building, unit.
type At = (Option<Id>, Option<Id>, Option<Id>);

/// A month's counts for a community (or everything), by where they lie.
pub(crate) struct MonthFacts {
    /// Households reached in the month and on the register, per building and unit.
    households: Vec<(At, u32, u32)>,
    /// Visits that count dated in the month, per building and unit.
    visits: Vec<(At, u32)>,
    /// The requests raised in the month: whether resolved, and resolved on time.
    tasks: Vec<(At, bool, bool)>,
}

/// Whether a count at `at` lies in `area`.
fn within(area: &Area, (community, building, unit): &At) -> bool {
    area.community.is_none_or(|c| *community == Some(c)) && area.holds(*building, *unit)
}

impl MonthFacts {
    /// The figures of one line's area.
    pub(crate) fn figures(&self, area: &Area) -> Figures {
        let (mut reached, mut total) = (0usize, 0usize);
        for (at, v, t) in &self.households {
            if within(area, at) {
                reached += *v as usize;
                total += *t as usize;
            }
        }
        let visits: u32 = self
            .visits
            .iter()
            .filter(|(at, _)| within(area, at))
            .map(|(_, n)| n)
            .sum();
        let (mut resolved, mut on_time) = (0usize, 0usize);
        for (at, r, o) in &self.tasks {
            if within(area, at) && *r {
                resolved += 1;
                on_time += usize::from(*o);
            }
        }
        let rate = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        Figures {
            visits: f64::from(visits),
            coverage: ratio(reached, total, rate(reached, total)),
            on_time: ratio(on_time, resolved, rate(on_time, resolved)),
        }
    }
}

impl Store {
    /// A line's figures over `from..=to`, by the dashboard's and the monthly report's functions.
    pub(crate) fn target_figures(&self, area: &Area, from: &str, to: &str) -> Result<Figures> {
        let visits = self.visit_rows_in(area, Some(from), Some(to), false)?.len() as f64;
        let coverage = self.coverage_ratio(area, from, to)?;
        let r = self.rates_of(area, from, to)?;
        Ok(Figures {
            visits,
            coverage,
            on_time: ratio(r.on_time.len(), r.resolved.len(), r.on_time_rate),
        })
    }

    /// The counts of `from..=to` in a community (everything's when none), read once.
    pub(crate) fn month_facts(
        &self,
        community: Option<Id>,
        from: &str,
        to: &str,
    ) -> Result<MonthFacts> {
        let whole = Area {
            community,
            places: None,
        };
        let households = self
            .coverage_counts(&whole, from, to)?
            .into_iter()
            .map(|(c, b, u, visited, total)| ((c, b, u), visited, total))
            .collect();
        // the visits `visit_rows_in` lists, counted where they lie
        let sql = format!(
            "SELECT h.community_id, h.building_id, h.unit_id, count(*)
             FROM visits v JOIN households h ON h.id = v.household_id
             WHERE {EFFECTIVE} AND (?1 IS NULL OR h.community_id = ?1)
               AND substr(v.at, 1, 10) BETWEEN ?2 AND ?3
             GROUP BY h.community_id, h.building_id, h.unit_id"
        );
        let mut visits = Vec::new();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![id_text(community), from, to], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, u32>(3)?,
            ))
        })?;
        for row in rows {
            let (c, b, u, n) = row?;
            visits.push(((parse_id(c)?, parse_id(b)?, parse_id(u)?), n));
        }
        // the requests `rates_of` reads, each with where it lies
        let mut tasks = Vec::new();
        for t in self.tasks_raised_in(&whole, to, from, to)? {
            // a request of a household since deleted counts where the community's do
            let (b, u) = match self.task_place(&t) {
                Err(crate::Error::NotFound { .. }) => (None, None),
                place => place?,
            };
            let resolved = t.status.resolved();
            tasks.push(((t.community_id, b, u), resolved, resolved && on_time(&t)));
        }
        Ok(MonthFacts {
            households,
            visits,
            tasks,
        })
    }
}

/// Whether a resolved request was finished by its due date (as `task_rates_in` counts it).
pub(crate) fn on_time(t: &Task) -> bool {
    match (&t.due_date, &t.finished_at) {
        (Some(due), Some(done)) => done[..10] <= due[..],
        _ => true,
    }
}
