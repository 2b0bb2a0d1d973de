//! Every dashboard figure of the demo town opens exactly the records it counts, for everything,
//! a community and a big grid, for a quarter and a month; a month's figures are the monthly
//! report's; a period that does not read is refused.

use linli_domain::Id;
use linli_protocol::{Dashboard, DashboardData, DashboardRecords, MonthlyReport, Slice};

use super::HOUR_HOURS;
use crate::Store;

fn demo() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(&mut store, Default::default()).unwrap();
    store
}

fn id(store: &Store, sql: &str) -> Option<Id> {
    let s: String = store.conn.query_row(sql, [], |r| r.get(0)).unwrap();
    Some(s.parse().unwrap())
}

struct Ask<'a> {
    store: &'a Store,
    req: Dashboard,
}

impl Ask<'_> {
    fn rows(&self, chart: &str, bucket: Option<&str>) -> Vec<Vec<String>> {
        let r = self
            .store
            .dashboard_records(&DashboardRecords {
                from: self.req.from.clone(),
                to: self.req.to.clone(),
                place_id: self.req.place_id,
                grid_id: self.req.grid_id,
                chart: chart.into(),
                bucket: bucket.map(str::to_owned),
            })
            .unwrap_or_else(|e| panic!("{chart} {bucket:?}: {e}"));
        assert!(r.rows.iter().all(|row| row.len() == r.headers.len()));
        r.rows
    }

    fn count(&self, chart: &str, bucket: Option<&str>) -> f64 {
        self.rows(chart, bucket).len() as f64
    }

    fn hours(&self, chart: &str, bucket: Option<&str>) -> f64 {
        self.rows(chart, bucket)
            .iter()
            .map(|r| r[HOUR_HOURS].parse::<f64>().unwrap())
            .sum()
    }

    fn slices_count(&self, chart: &str, slices: &[Slice]) {
        for s in slices {
            assert_eq!(
                self.count(chart, Some(&s.key)),
                s.value,
                "{chart} {}",
                s.key
            );
        }
    }

    fn check(&self) -> DashboardData {
        let d = self.store.dashboard(&self.req).unwrap();
        assert_eq!(self.count("coverage", None), d.coverage.num);
        assert_eq!(self.count("households", None), d.coverage.den);
        assert_eq!(self.count("raised", None), d.resolution.den);
        assert_eq!(self.count("resolution", None), d.resolution.num);
        assert_eq!(self.count("on_time", None), d.on_time.num);
        assert_eq!(d.on_time.den, d.resolution.num);
        assert!(d.trend.len() >= 6, "at least six months of trend");
        for m in &d.trend {
            let b = Some(m.month.as_str());
            assert_eq!(self.count("coverage", b), m.coverage.num, "{}", m.month);
            assert_eq!(self.count("households", b), m.coverage.den, "{}", m.month);
            assert_eq!(self.count("raised", b), m.resolution.den, "{}", m.month);
            assert_eq!(self.count("resolution", b), m.resolution.num, "{}", m.month);
            let open = m.resolution.den - m.resolution.num;
            assert_eq!(self.count("unresolved", b), open, "{}", m.month);
            assert_eq!(self.count("on_time", b), m.on_time.num, "{}", m.month);
        }
        self.slices_count("stage", &d.stages);
        self.slices_count("category", &d.categories);
        self.slices_count("overdue", &d.overdue);
        let total = |s: &[Slice]| s.iter().map(|s| s.value).sum::<f64>();
        assert_eq!(
            total(&d.stages),
            d.resolution.den,
            "every request has a stage"
        );
        assert_eq!(total(&d.categories), d.resolution.den);
        assert_eq!(self.count("overdue", None), total(&d.overdue));
        for (chart, slices) in [
            ("hours_team", &d.hours_by_team),
            ("hours_category", &d.hours_by_category),
        ] {
            for s in slices.iter() {
                let sum = self.hours(chart, Some(&s.key));
                assert!(
                    (sum - s.value).abs() < 1e-6,
                    "{chart} {}: {sum} ≠ {}",
                    s.key,
                    s.value
                );
            }
        }
        let all = self.hours("hours", None);
        assert!((all - total(&d.hours_by_category)).abs() < 1e-6);
        assert!((all - total(&d.hours_by_team)).abs() < 1e-6);
        d
    }
}

/// The first and last days of this quarter and of last month, by the store's clock.
fn periods(store: &Store) -> [(String, String); 2] {
    let today = store.now().today();
    let (y, q) = linli_domain::period::quarter_of(&today).unwrap();
    let quarter = linli_domain::period::quarter_bounds(y, q).unwrap();
    let last = linli_domain::calendar::months_before(&today, 1);
    let month = crate::monthly::month_bounds(&last[..7]).unwrap();
    [quarter, month]
}

#[test]
fn every_figure_opens_the_records_it_counts() {
    let store = demo();
    let community = id(
        &store,
        "SELECT id FROM places WHERE kind = 'community' AND deleted = 0 ORDER BY name LIMIT 1",
    );
    let grid = id(
        &store,
        "SELECT id FROM grids WHERE parent_id IS NULL AND deleted = 0 LIMIT 1",
    );
    // the demo's visits and requests are of the last month, its volunteer hours of 2026's first
    // quarter
    let [quarter, month] = periods(&store);
    let hours_quarter = ("2026-01-01".to_owned(), "2026-03-31".to_owned());
    for (from, to) in [quarter, month, hours_quarter.clone()] {
        let hours_time = (from.clone(), to.clone()) == hours_quarter;
        let mut seen = Vec::new();
        for (place_id, grid_id) in [(None, None), (community, None), (None, grid)] {
            let ask = Ask {
                store: &store,
                req: Dashboard {
                    from: from.clone(),
                    to: to.clone(),
                    place_id,
                    grid_id,
                },
            };
            let d = ask.check();
            seen.push(d.coverage.den);
            if hours_time {
                if grid_id.is_none() {
                    assert!(d.hours_by_category.iter().any(|s| s.value > 0.0));
                    assert!(d.hours_by_team.iter().any(|s| s.value > 0.0));
                }
            } else {
                assert!(d.resolution.den > 0.0, "requests in {from}..{to}");
                assert!(d.coverage.num > 0.0, "visits in {from}..{to}");
                assert!(d.stages.iter().filter(|s| s.value > 0.0).count() > 1);
            }
        }
        assert!(seen[0] > seen[1] && seen[1] > seen[2], "{seen:?}");
    }
}

#[test]
fn a_month_on_the_dashboard_is_the_monthly_report() {
    let store = demo();
    let [_, (from, to)] = periods(&store);
    let community = id(
        &store,
        "SELECT id FROM places WHERE kind = 'community' AND deleted = 0 ORDER BY name LIMIT 1",
    );
    for place_id in [None, community] {
        let d = store
            .dashboard(&Dashboard {
                from: from.clone(),
                to: to.clone(),
                place_id,
                grid_id: None,
            })
            .unwrap();
        let r = store
            .monthly_report(&MonthlyReport {
                month: from[..7].into(),
                place_id,
                path: None,
                grid_id: None,
            })
            .unwrap();
        let fig = |k: &str| r.figures.iter().find(|f| f.key == k).unwrap().month;
        assert_eq!(d.coverage.num, fig("visited_households"));
        assert_eq!(d.coverage.rate, fig("coverage_rate"));
        assert_eq!(d.resolution.den, fig("tasks_raised"));
        assert_eq!(d.resolution.num, fig("tasks_resolved"));
        assert_eq!(d.on_time.num, fig("tasks_on_time"));
        assert_eq!(d.on_time.rate, fig("on_time_rate"));
        let hours: f64 = d.hours_by_category.iter().map(|s| s.value).sum();
        assert!((hours - fig("volunteer_hours")).abs() < 1e-6);
        // the last trend month is the month itself
        let last = d.trend.last().unwrap();
        assert_eq!(
            (last.from.as_str(), last.to.as_str()),
            (from.as_str(), to.as_str())
        );
        assert_eq!(last.coverage, d.coverage);
    }
}

#[test]
fn the_ranking_lines_are_each_places_own_dashboard() {
    let store = demo();
    let [(from, to), _] = periods(&store);
    let d = store
        .dashboard(&Dashboard {
            from: from.clone(),
            to: to.clone(),
            place_id: None,
            grid_id: None,
        })
        .unwrap();
    let r = &d.ranking;
    assert_eq!(r.level, "community");
    assert!(
        r.rows.len() >= 2,
        "the demo town has communities to compare"
    );
    assert_eq!(r.columns.len(), 5);
    assert!(r.columns.iter().all(|c| c.formula.contains('÷')));
    assert_eq!(r.rows[0].rank, 1);
    assert!(r.rows.windows(2).all(|w| w[0].score >= w[1].score));
    for row in &r.rows {
        let own = store
            .dashboard(&Dashboard {
                from: from.clone(),
                to: to.clone(),
                place_id: row.place_id,
                grid_id: None,
            })
            .unwrap();
        assert_eq!(row.values[0], Some(own.coverage.rate), "{}", row.name);
        assert_eq!(row.values.len(), 5);
        assert!(
            row.values[4].is_some(),
            "a community has residents and hours"
        );
        assert!(row
            .scores
            .iter()
            .flatten()
            .all(|s| (0.0..=100.0).contains(s)));
        assert!(row.prev_rank >= 1);
        // a community ranks its big grids, whose hours are not their own
        assert_eq!(own.ranking.level, "grid");
        assert!(own.ranking.rows.iter().all(|g| g.values[4].is_none()));
    }
    assert!(
        d.ranking.rows.iter().any(|r| !r.prev_values.is_empty()),
        "the period before is there"
    );
    assert_eq!(
        (d.prev_from.as_str(), d.prev_to.as_str()),
        linli_domain::period::previous(&from, &to)
            .as_ref()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .unwrap()
    );
}

#[test]
fn a_period_that_does_not_read_or_an_unknown_figure_is_refused() {
    let store = demo();
    let ask = |from: &str, to: &str| {
        store.dashboard(&Dashboard {
            from: from.into(),
            to: to.into(),
            place_id: None,
            grid_id: None,
        })
    };
    let code =
        |r: crate::Result<DashboardData>| linli_protocol::ApiError::from(r.unwrap_err()).code;
    assert_eq!(
        code(ask("2026-03-31", "2026-03-01")),
        Some("stats_bad_period".into())
    );
    assert_eq!(
        code(ask("2026-13-01", "2026-12-31")),
        Some("stats_bad_period".into())
    );
    assert_eq!(
        code(ask("2020-01-01", "2026-12-31")),
        Some("stats_period_too_long".into())
    );
    for (chart, bucket) in [
        ("nonsense", None),
        ("stage", Some("flying")),
        ("coverage", Some("1999-01")),
    ] {
        let e = store
            .dashboard_records(&DashboardRecords {
                from: "2026-01-01".into(),
                to: "2026-03-31".into(),
                place_id: None,
                grid_id: None,
                chart: chart.into(),
                bucket: bucket.map(str::to_owned),
            })
            .unwrap_err();
        assert_eq!(
            linli_protocol::ApiError::from(e).code,
            Some("stats_no_chart".into())
        );
    }
}
