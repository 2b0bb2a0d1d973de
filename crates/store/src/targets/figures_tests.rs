//! Progress reads each month's counts once and sums them per line (`figures.rs`): on the demo
//! town, every line of every community, of a grid's scope and of the town comes out as the
//! dashboard's own functions count it line by line, this month and last; and progress for a
//! community answers well within the time 工作台 can hold the store.

use std::time::Instant;

use linli_domain::calendar;
use linli_protocol::TargetProgress;

use crate::monthly::month_bounds;
use crate::Store;

fn town() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(&mut store, Default::default()).unwrap();
    store
}

#[test]
fn batched_figures_equal_the_dashboards_per_line() {
    let store = town();
    let this = calendar::month_of(&store.now().today()).to_owned();
    let last = calendar::month_of(&calendar::months_before(&format!("{this}-01"), 1)).to_owned();
    let (from, to) = month_bounds(&this).unwrap();
    let (pfrom, pto) = month_bounds(&last).unwrap();
    let (_, town_units) = store.target_units(None).unwrap();
    assert!(town_units.len() >= 3, "the demo's communities");
    let mut scopes = vec![town_units];
    let communities: Vec<String> = store
        .conn
        .prepare("SELECT id FROM places WHERE kind = 'community' AND deleted = 0")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for c in communities {
        scopes.push(store.community_units(c.parse().unwrap()).unwrap());
    }
    let (mut lines, mut nonzero, mut per_line, mut batched) = (0, 0, 0.0, 0.0);
    for units in &scopes {
        let start = Instant::now();
        let (now, before) = store
            .unit_figures(units, (&from, &to), (&pfrom, &pto))
            .unwrap();
        batched += start.elapsed().as_secs_f64();
        let start = Instant::now();
        for (i, u) in units.iter().enumerate() {
            let old_now = store.target_figures(&u.area, &from, &to).unwrap();
            let old_before = store.target_figures(&u.area, &pfrom, &pto).unwrap();
            assert_eq!(now[i], old_now, "{} this month", u.name);
            assert_eq!(before[i], old_before, "{} last month", u.name);
            lines += 1;
            nonzero += usize::from(old_now.visits > 0.0 && old_before.on_time.den > 0.0);
        }
        per_line += start.elapsed().as_secs_f64();
    }
    // the comparison means something: most lines have visits and resolved requests
    assert!(lines > 40 && nonzero * 2 > lines, "{nonzero} of {lines}");
    eprintln!("{lines} lines: line by line {per_line:.2} s, each month read once {batched:.3} s");
}

#[test]
fn progress_for_a_community_is_quick() {
    let store = town();
    let c: String = store
        .conn
        .query_row(
            "SELECT id FROM places WHERE kind = 'community' AND deleted = 0 ORDER BY name LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let ask = |place| TargetProgress {
        month: None,
        place_id: place,
        grid_id: None,
    };
    for place in [Some(c.parse().unwrap()), None] {
        let start = Instant::now();
        let r = store.target_progress(&ask(place)).unwrap();
        let took = start.elapsed();
        eprintln!(
            "progress of {} ({} lines): {took:?}",
            r.scope_name,
            r.lines.len()
        );
        // 工作台 asks on every open; a debug build on a loaded laptop keeps well under this
        assert!(took.as_millis() < 1500, "{took:?}");
    }
}
