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

use std::collections::HashMap;

use linli_domain::Id;
use linli_protocol::Ratio;
use rusqlite::params;

use crate::dashboard::{ratio, Span};
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

/// What a month counts at one place.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    /// Households reached in the month, and on the register.
    reached: u32,
    households: u32,
    /// Visits that count dated in the month.
    visits: u32,
    /// Requests raised in the month and resolved, and of those resolved on time.
    resolved: u32,
    on_time: u32,
}

/// A month's counts for a community (or everything), by where they lie: one entry a place, so
/// each of some forty lines tests a place once (three lists were tested apart, two hash
/// look-ups an entry: a quarter of 工作台's targets at 100,000 households; issue 24).
pub(crate) struct MonthFacts {
    by_place: Vec<(At, Counts)>,
}

/// Whether a count at `at` lies in `area`.
fn within(area: &Area, (community, building, unit): &At) -> bool {
    area.community.is_none_or(|c| *community == Some(c)) && area.holds(*building, *unit)
}

impl MonthFacts {
    /// The figures of one line's area.
    pub(crate) fn figures(&self, area: &Area) -> Figures {
        let mut sum = Counts::default();
        for (at, c) in &self.by_place {
            if within(area, at) {
                sum.reached += c.reached;
                sum.households += c.households;
                sum.visits += c.visits;
                sum.resolved += c.resolved;
                sum.on_time += c.on_time;
            }
        }
        let (reached, total) = (sum.reached as usize, sum.households as usize);
        let (resolved, on_time) = (sum.resolved as usize, sum.on_time as usize);
        let rate = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        Figures {
            visits: f64::from(sum.visits),
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

    /// The counts of two months in a community (everything's when none): its households
    /// reached and requests from `span` (read once for both months of progress), its visits
    /// counted for both in one pass (each month apart read the town's visits twice; issue 24).
    pub(crate) fn month_facts(
        &self,
        span: &Span,
        community: Option<Id>,
        months: [(&str, &str); 2],
    ) -> Result<[MonthFacts; 2]> {
        let mut by_place: [HashMap<At, Counts>; 2] = Default::default();
        for (i, (from, to)) in months.into_iter().enumerate() {
            debug_assert!(span.holds(community, from, to));
            let (counts, facts) = span.period(from, to);
            for (c, b, u, visited, total) in counts {
                let at = by_place[i].entry((c, b, u)).or_default();
                at.reached += visited;
                at.households += total;
            }
            // the requests `rates_of` reads, each where it lies
            for t in facts {
                if t.resolved() {
                    let (b, u) = t.place;
                    let at = by_place[i].entry((t.community_id, b, u)).or_default();
                    at.resolved += 1;
                    at.on_time += u32::from(t.on_time);
                }
            }
        }
        // the visits `visit_rows_in` lists, counted where they lie: from the community's
        // households to their visits of the two months (`visits_by_household`); from the
        // visits of the month, every visit of the town was read (issue 24)
        let [(a1, b1), (a2, b2)] = months;
        let sql = format!(
            "SELECT h.community_id, h.building_id, h.unit_id,
                    sum(substr(v.at, 1, 10) BETWEEN ?4 AND ?5),
                    sum(substr(v.at, 1, 10) BETWEEN ?6 AND ?7)
             FROM households h CROSS JOIN visits v ON v.household_id = h.id
             WHERE {} AND v.at >= ?2 AND v.at < ?3 || '~'
               AND substr(v.at, 1, 10) BETWEEN ?2 AND ?3 AND {EFFECTIVE}
             GROUP BY h.community_id, h.building_id, h.unit_id",
            match community {
                Some(_) => "h.community_id = ?1",
                None => "?1 IS NULL",
            }
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![id_text(community), a1.min(a2), b1.max(b2), a1, b1, a2, b2],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    [r.get::<_, u32>(3)?, r.get::<_, u32>(4)?],
                ))
            },
        )?;
        for row in rows {
            let (c, b, u, n) = row?;
            let at = (parse_id(c)?, parse_id(b)?, parse_id(u)?);
            for (i, n) in n.into_iter().enumerate() {
                if n > 0 {
                    by_place[i].entry(at).or_default().visits += n;
                }
            }
        }
        Ok(by_place.map(|m| MonthFacts {
            by_place: m.into_iter().collect(),
        }))
    }
}
