//! Targets: versions apply from their month on, a grid without its own target falls back to its
//! big grid's or its community's by households, the figures are the dashboard's and the monthly
//! report's, the digest is ordered, and a refused target changes nothing.

use linli_domain::targets::TargetStatus;
use linli_domain::Id;
use linli_protocol::{
    Dashboard, ListTargets, MonthlyReport, ProgressLine, SetMe, SetTarget, TargetProgress,
    TargetReport,
};

use crate::Store;

fn demo() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(
        &mut store,
        crate::demo::DemoOptions {
            households: 400,
            seed: 21,
        },
    )
    .unwrap();
    // the demo sets targets of its own (see `demo.rs`); these tests set theirs
    assert!(
        store
            .conn
            .query_row("SELECT count(*) FROM targets", [], |r| r.get::<_, i64>(0))
            .unwrap()
            > 0
    );
    store.conn.execute("DELETE FROM targets", []).unwrap();
    store
}

fn id(store: &Store, sql: &str) -> Id {
    let s: String = store.conn.query_row(sql, [], |r| r.get(0)).unwrap();
    s.parse().unwrap()
}

fn first_community(store: &Store) -> Id {
    id(
        store,
        "SELECT id FROM places WHERE kind = 'community' AND deleted = 0 ORDER BY name, id LIMIT 1",
    )
}

fn set(place: Option<Id>, grid: Option<Id>, month: &str, v: i64, cov: i64, ot: i64) -> SetTarget {
    SetTarget {
        place_id: place,
        grid_id: grid,
        from_month: month.into(),
        visits: Some(v),
        coverage_pct: Some(cov),
        on_time_pct: Some(ot),
    }
}

fn progress(store: &Store, month: &str, place: Id) -> TargetReport {
    store
        .target_progress(&TargetProgress {
            month: Some(month.into()),
            place_id: Some(place),
            grid_id: None,
        })
        .unwrap()
}

fn line(r: &TargetReport, f: impl Fn(&ProgressLine) -> bool) -> &ProgressLine {
    r.lines.iter().find(|l| f(l)).expect("the line")
}

fn target(l: &ProgressLine, key: &str) -> Option<f64> {
    l.measures.iter().find(|m| m.key == key).unwrap().target
}

#[test]
fn a_target_applies_from_its_month_until_a_later_version() {
    let mut store = demo();
    let c = first_community(&store);
    store
        .set_target(&set(Some(c), None, "2026-03", 100, 90, 80))
        .unwrap();
    store
        .set_target(&set(Some(c), None, "2026-6", 150, 95, 85))
        .unwrap();
    let visits = |store: &Store, m: &str| {
        store
            .goal_of(Some(c), None, m)
            .unwrap()
            .and_then(|g| g.visits)
    };
    assert_eq!(visits(&store, "2026-02"), None, "before the first version");
    assert_eq!(visits(&store, "2026-03"), Some(100.0));
    assert_eq!(visits(&store, "2026-05"), Some(100.0));
    assert_eq!(visits(&store, "2026-06"), Some(150.0));
    assert_eq!(visits(&store, "2027-01"), Some(150.0));
    // March set again: March to May change, June on keeps its own version
    let versions = store
        .set_target(&set(Some(c), None, "2026-03", 120, 90, 80))
        .unwrap();
    assert_eq!(visits(&store, "2026-04"), Some(120.0));
    assert_eq!(visits(&store, "2026-07"), Some(150.0));
    assert_eq!(versions.len(), 3, "every version is kept");
    assert_eq!(versions[0].from_month, "2026-06");
    assert!(!versions[0].replaced);
    assert_eq!(
        versions
            .iter()
            .filter(|v| v.from_month == "2026-03")
            .map(|v| (v.visits, v.replaced))
            .collect::<Vec<_>>(),
        [(Some(120), false), (Some(100), true)]
    );
    // the progress of a month shows the version of that month
    let r = progress(&store, "2026-04", c);
    let l = line(&r, |l| l.place_id == Some(c));
    assert_eq!(target(l, "visits"), Some(120.0));
    assert_eq!(target(l, "coverage"), Some(0.9));
    assert_eq!(l.from_month.as_deref(), Some("2026-03"));
    let r = progress(&store, "2026-02", c);
    let l = line(&r, |l| l.place_id == Some(c));
    assert_eq!((l.source.as_str(), l.status), ("none", TargetStatus::None));
    // listed with the community's grids', newest month first
    let listed = store
        .list_targets(&ListTargets {
            place_id: Some(c),
            grid_id: None,
        })
        .unwrap();
    assert_eq!(listed.len(), 3);
}

#[test]
fn a_grid_without_its_own_target_takes_its_share_of_the_community_s() {
    let mut store = demo();
    let c = first_community(&store);
    let month = store.now().today()[..7].to_owned();
    store
        .set_target(&set(Some(c), None, &month, 300, 90, 80))
        .unwrap();
    let big = id(
        &store,
        &format!(
            "SELECT id FROM grids WHERE community_id = '{c}' AND parent_id IS NULL
             ORDER BY name, id LIMIT 1"
        ),
    );
    let r = progress(&store, &month, c);
    let cl = line(&r, |l| l.place_id == Some(c));
    let bl = line(&r, |l| l.grid_id == Some(big));
    let households = |l: &ProgressLine| l.measures[1].ratio.unwrap().den;
    assert_eq!(bl.source, "community");
    assert_eq!(
        target(bl, "visits"),
        Some((300.0 * households(bl) / households(cl)).round())
    );
    assert_eq!(target(bl, "coverage"), Some(0.9));
    assert_eq!(target(bl, "on_time"), Some(0.8));
    // the big grid's own target, and a section under it without one takes its share of that
    store
        .set_target(&set(None, Some(big), &month, 100, 70, 60))
        .unwrap();
    let r = progress(&store, &month, c);
    let bl = line(&r, |l| l.grid_id == Some(big));
    assert_eq!(
        (bl.source.as_str(), target(bl, "visits")),
        ("own", Some(100.0))
    );
    let section = r
        .lines
        .iter()
        .find(|l| l.level == "grid" && l.within == bl.name && households(l) > 0.0)
        .expect("a section of the big grid");
    assert_eq!(section.source, "grid");
    assert_eq!(
        target(section, "visits"),
        Some((100.0 * households(section) / households(bl)).round())
    );
    assert_eq!(target(section, "coverage"), Some(0.7));
    // a worker's is their sections' together
    let worker = r
        .lines
        .iter()
        .find(|l| l.level == "worker" && l.within.contains(&section.name))
        .expect("the section's worker");
    assert_eq!(worker.source, "grids");
    assert!(target(worker, "visits").unwrap() >= target(section, "visits").unwrap());
    // a big grid's scope: itself, its sections and their workers, with the same targets
    let g = store
        .target_progress(&TargetProgress {
            month: Some(month.clone()),
            place_id: None,
            grid_id: Some(big),
        })
        .unwrap();
    assert_eq!(g.lines[0].grid_id, Some(big));
    assert!(g
        .lines
        .iter()
        .any(|l| l.grid_id == Some(section.grid_id.unwrap())));
    assert!(g.lines.iter().any(|l| l.person_id == worker.person_id));
    assert!(g
        .lines
        .iter()
        .all(|l| l.level == "worker" || l.grid_id == Some(big) || l.within == bl.name));
    assert_eq!(
        target(line(&g, |l| l.grid_id == section.grid_id), "visits"),
        target(section, "visits")
    );
    // a town shows its communities only
    let town = id(&store, "SELECT id FROM places WHERE kind = 'town' LIMIT 1");
    let r = progress(&store, &month, town);
    assert!(r.lines.iter().all(|l| l.level == "community"));
    let communities: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM places WHERE kind = 'community' AND parent_id = ?1",
            [town.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(r.lines.len() as i64, communities);
    assert!(r.lines.iter().any(|l| l.place_id == Some(c)));
}

#[test]
fn the_figures_are_the_dashboard_s_and_the_monthly_report_s() {
    let mut store = demo();
    let c = first_community(&store);
    let month = store.now().today()[..7].to_owned();
    store
        .set_target(&set(Some(c), None, &month, 50, 60, 70))
        .unwrap();
    let r = progress(&store, &month, c);
    let mut checked = 0;
    for l in r.lines.iter().filter(|l| l.level != "worker") {
        let d = store
            .dashboard(&Dashboard {
                from: r.from.clone(),
                to: r.to.clone(),
                place_id: l.place_id,
                grid_id: l.grid_id,
            })
            .unwrap();
        assert_eq!(l.measures[1].ratio, Some(d.coverage), "{}", l.name);
        assert_eq!(l.measures[1].actual, d.coverage.rate);
        assert_eq!(l.measures[2].ratio, Some(d.on_time), "{}", l.name);
        let m = store
            .monthly_report(&MonthlyReport {
                month: month.clone(),
                place_id: l.place_id,
                path: None,
                grid_id: l.grid_id,
            })
            .unwrap();
        let visits = m.figures.iter().find(|f| f.key == "visits").unwrap().month;
        assert_eq!(l.measures[0].actual, visits, "{}", l.name);
        checked += 1;
    }
    assert!(checked > 3);
    // the demo's month has visits and resolved requests to judge
    let cl = line(&r, |l| l.place_id == Some(c));
    assert!(cl.measures[0].actual > 0.0);
    assert_ne!(cl.status, TargetStatus::None);
}

#[test]
fn the_digest_names_the_red_lines_worst_first_and_the_most_improved() {
    let mut store = demo();
    let c = first_community(&store);
    let month = store.now().today()[..7].to_owned();
    let prev = linli_domain::calendar::months_before(&format!("{month}-01"), 1)[..7].to_owned();
    // last month's targets far out of reach, this month's within it: everyone improves
    store
        .set_target(&set(Some(c), None, &prev, 100_000, 100, 100))
        .unwrap();
    store
        .set_target(&set(Some(c), None, &month, 200, 100, 100))
        .unwrap();
    let r = progress(&store, &month, c);
    assert!(!r.behind.is_empty(), "{:?}", r.lines);
    assert!(r.behind.iter().all(|d| d.status == TargetStatus::Red));
    assert_eq!(
        r.behind.len(),
        r.lines
            .iter()
            .filter(|l| l.status == TargetStatus::Red)
            .count()
    );
    for w in r.behind.windows(2) {
        assert!(w[0].score.unwrap_or(f64::MAX) <= w[1].score.unwrap_or(f64::MAX));
    }
    assert!(!r.improved.is_empty());
    for w in r.improved.windows(2) {
        assert!(w[0].change.unwrap() >= w[1].change.unwrap());
    }
    assert!(r.improved.iter().all(|d| d.change.unwrap() > 0.0));
}

#[test]
fn a_refused_target_changes_nothing() {
    let mut store = demo();
    let c = first_community(&store);
    let grid = id(&store, "SELECT id FROM grids ORDER BY id LIMIT 1");
    let building = id(
        &store,
        "SELECT id FROM places WHERE kind = 'building' LIMIT 1",
    );
    let count = |s: &Store| -> (i64, i64) {
        (
            s.conn
                .query_row("SELECT count(*) FROM targets", [], |r| r.get(0))
                .unwrap(),
            s.conn
                .query_row("SELECT count(*) FROM journal", [], |r| r.get(0))
                .unwrap(),
        )
    };
    let before = count(&store);
    let ok = set(Some(c), None, "2026-05", 10, 50, 50);
    let cases: Vec<(SetTarget, &str)> = vec![
        (
            SetTarget {
                from_month: "2026-13".into(),
                ..ok.clone()
            },
            "target_bad_month",
        ),
        (
            SetTarget {
                from_month: "May".into(),
                ..ok.clone()
            },
            "target_bad_month",
        ),
        (
            SetTarget {
                coverage_pct: Some(-1),
                ..ok.clone()
            },
            "target_bad_coverage",
        ),
        (
            SetTarget {
                coverage_pct: Some(101),
                ..ok.clone()
            },
            "target_bad_coverage",
        ),
        (
            SetTarget {
                on_time_pct: Some(120),
                ..ok.clone()
            },
            "target_bad_on_time",
        ),
        (
            SetTarget {
                visits: Some(-5),
                ..ok.clone()
            },
            "target_bad_visits",
        ),
        (
            SetTarget {
                place_id: None,
                ..ok.clone()
            },
            "target_no_place",
        ),
        (
            SetTarget {
                grid_id: Some(grid),
                ..ok.clone()
            },
            "target_no_place",
        ),
        (
            SetTarget {
                place_id: Some(building),
                ..ok.clone()
            },
            "target_not_community",
        ),
        (
            SetTarget {
                place_id: Some(Id::new()),
                ..ok.clone()
            },
            "target_unknown_place",
        ),
        (
            SetTarget {
                place_id: None,
                grid_id: Some(Id::new()),
                ..ok.clone()
            },
            "target_unknown_place",
        ),
    ];
    for (req, code) in cases {
        let e = store.set_target(&req).unwrap_err();
        assert_eq!(
            linli_protocol::ApiError::from(e).code.as_deref(),
            Some(code),
            "{req:?}"
        );
        assert_eq!(count(&store), before, "{req:?}");
    }
    // a grid worker at this laptop may not set targets
    let worker = id(
        &store,
        "SELECT id FROM people WHERE roles LIKE '%grid_worker%' ORDER BY id LIMIT 1",
    );
    store
        .set_me(&SetMe {
            person_id: Some(worker),
        })
        .unwrap();
    let e = store.set_target(&ok).unwrap_err();
    assert_eq!(
        linli_protocol::ApiError::from(e).code.as_deref(),
        Some("target_admin_only")
    );
    assert_eq!(count(&store), before);
    // an administrator may
    let admin = id(
        &store,
        &format!(
            "SELECT id FROM people WHERE roles LIKE '%\"admin\"%' AND community_id = '{c}' LIMIT 1"
        ),
    );
    store
        .set_me(&SetMe {
            person_id: Some(admin),
        })
        .unwrap();
    store.set_target(&ok).unwrap();
    assert_eq!(count(&store).0, before.0 + 1);
    assert!(count(&store).1 > before.1, "journaled, so it syncs");
}
