//! The demo's targets (`linli demo`): each community gets a version from last month and one from
//! this month, set from its own figures (visits: the month's carried to its end at their pace;
//! the rates: last month's)
//! so that the pages show all three colours — the first community's a little under its figures
//! (green), the second's a little over them (amber), the third's well over (red) — and its first
//! big grid a target of its own; the other grids and the workers fall back to their community's
//! by households, and come out in all three colours around it.

use linli_domain::{calendar, Id};
use linli_protocol::SetTarget;

use crate::monthly::month_bounds;
use crate::{Result, Store};

/// A round target near `v`: whole tens from 50 up, whole numbers below.
fn round(v: f64) -> i64 {
    if v >= 50.0 {
        ((v / 10.0).round() * 10.0) as i64
    } else {
        v.round() as i64
    }
}

/// Sets the demo's targets; answers how many versions it set.
pub(crate) fn generate(store: &mut Store, communities: &[Id], today: &str) -> Result<u32> {
    let this = calendar::month_of(today).to_owned();
    let last = calendar::month_of(&calendar::months_before(&format!("{this}-01"), 1)).to_owned();
    let mut n = 0;
    for (i, &c) in communities.iter().enumerate() {
        let area = store.area_of_place(Some(c))?;
        // green: under the figures; amber: they are 90 % of it; red: they are 70 %
        let factor = [0.9, 1.0 / 0.9, 1.0 / 0.7][i % 3];
        let (lfrom, lto) = month_bounds(&last)?;
        let before = store.target_figures(&area, &lfrom, &lto)?;
        for month in [&last, &this] {
            let (from, to) = month_bounds(month)?;
            let f = store.target_figures(&area, &from, &to)?;
            // visits: the month's at the pace so far; the rates: last month's
            let pace = super::progress::elapsed(&from, &to, today).max(0.05);
            let pct = |r: f64| ((r * 100.0 * factor).round() as i64).clamp(50, 100);
            store.set_target(&SetTarget {
                place_id: Some(c),
                grid_id: None,
                from_month: month.clone(),
                visits: Some(round(f.visits / pace * factor).max(1)),
                coverage_pct: Some(pct(before.coverage.rate)),
                on_time_pct: Some(pct(before.on_time.rate)),
            })?;
            n += 1;
        }
        let big: Option<String> = store
            .conn
            .prepare_cached(
                "SELECT id FROM grids WHERE community_id = ?1 AND parent_id IS NULL
                 AND deleted = 0 ORDER BY name, id LIMIT 1",
            )?
            .query_map([c.to_string()], |r| r.get(0))?
            .next()
            .transpose()?;
        if let Some(g) = big {
            let g: Id = g.parse()?;
            let (from, to) = month_bounds(&this)?;
            let f = store.target_figures(&store.area_of_grid(g)?, &from, &to)?;
            let (lfrom, lto) = month_bounds(&last)?;
            let before = store.target_figures(&store.area_of_grid(g)?, &lfrom, &lto)?;
            let pace = super::progress::elapsed(&from, &to, today).max(0.05);
            store.set_target(&SetTarget {
                place_id: None,
                grid_id: Some(g),
                from_month: this.clone(),
                visits: Some(round(f.visits / pace).max(1)),
                coverage_pct: Some(((before.coverage.rate * 100.0).round() as i64).clamp(1, 100)),
                on_time_pct: None,
            })?;
            n += 1;
        }
    }
    Ok(n)
}
