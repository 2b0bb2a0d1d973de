//! 巡防 and 服务圈 in 统计, on the demo: every figure opens exactly the records it counts
//! (`check`, for last quarter's months and the quarter); a past month's figures are those
//! `linli report patrols`, `linli report circle` and the monthly report's lines count with other
//! code; a quarter's flows are the sum of its months' and its points those open at its end; a
//! town's points and patrols are the sum of its communities' (a joint activity counts once for
//! the town, once for each community taking part); no patrol member's name is listed.

use linli_domain::Id;
use linli_protocol::*;

use super::tests::{bar, bars, check, number, records};
use crate::Store;

fn ask(from: &str, to: &str, place_id: Option<Id>) -> Dashboard {
    Dashboard {
        from: from.into(),
        to: to.into(),
        place_id,
        grid_id: None,
    }
}

/// The flows a period counts (each record once, by a day inside it): a quarter's are its months'.
const FLOWS: [(&str, &str); 9] = [
    ("patrols", "done"),
    ("patrols", "person_times"),
    ("patrols", "due"),
    ("patrols", "kept"),
    ("patrols", "missed"),
    ("patrols", "findings"),
    ("patrols", "requests"),
    ("circle", "activities"),
    ("circle", "participants"),
];

fn monthly(store: &mut Store, month: &str, place_id: Option<Id>) -> Vec<MonthlyFigure> {
    store
        .monthly_report(&MonthlyReport {
            month: month.into(),
            place_id,
            path: None,
            grid_id: None,
        })
        .unwrap()
        .figures
}

#[test]
fn the_demo_patrols_and_service_circle_open_what_they_count() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(&mut store, Default::default()).unwrap();
    let today = store.now().today();
    // the community the demo's patrol team is in (its circle has points too)
    let first: Id = store
        .conn
        .query_row("SELECT community_id FROM patrol_teams LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let town: Id = store
        .conn
        .query_row(
            "SELECT parent_id FROM places WHERE id = ?1",
            [first.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    let communities: Vec<Id> = store
        .conn
        .prepare(
            "SELECT id FROM places WHERE parent_id = ?1 AND kind = 'community' AND deleted = 0",
        )
        .unwrap()
        .query_map([town.to_string()], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let c = Some(first);
    let m = linli_domain::calendar::months_before(&today, 1);
    let (y, q) = linli_domain::period::quarter_of(&m).unwrap();
    let (qfrom, qto) = linli_domain::period::quarter_bounds(y, q).unwrap();
    let quarter = check(&store, &ask(&qfrom, &qto, c));
    let mut months = vec![0.0; FLOWS.len()];
    let mut last_points = 0.0;
    for k in 0..3 {
        let first_day = linli_domain::calendar::months_before(&qfrom, -k);
        let month = &first_day[..7];
        let (from, to) = crate::monthly::month_bounds(month).unwrap();
        let s = check(&store, &ask(&from, &to, c));
        for (i, (reg, key)) in FLOWS.iter().enumerate() {
            months[i] += number(&s, reg, key);
        }
        let n = |reg, key| number(&s, reg, key);
        last_points = n("circle", "points");
        assert_eq!(
            n("patrols", "kept") + n("patrols", "missed"),
            n("patrols", "due")
        );
        assert_eq!(bars(&s, "patrols", "by_team"), n("patrols", "done"));
        assert_eq!(bars(&s, "patrols", "by_community"), n("patrols", "done"));
        assert_eq!(
            bars(&s, "patrols", "missed_by_team"),
            n("patrols", "missed")
        );
        assert_eq!(bars(&s, "patrols", "by_category"), n("patrols", "findings"));
        assert_eq!(
            n("patrols", "requests_done") + n("patrols", "requests_open"),
            n("patrols", "requests")
        );
        assert_eq!(bars(&s, "circle", "by_kind"), n("circle", "points"));
        assert_eq!(bars(&s, "circle", "by_community"), n("circle", "points"));
        if to > today {
            continue;
        }
        // a past month's are the registers' own reports' and the monthly report's
        let pf = store
            .patrols_report(&PatrolsReport {
                month: Some(month.into()),
                place_id: c,
            })
            .unwrap();
        assert_eq!(n("patrols", "done"), f64::from(pf.done), "{month}");
        assert_eq!(n("patrols", "missed"), f64::from(pf.missed), "{month}");
        assert_eq!(n("patrols", "findings"), f64::from(pf.findings), "{month}");
        assert_eq!(n("patrols", "requests"), f64::from(pf.requests), "{month}");
        for cat in &pf.by_category {
            let bar = bar(&s, "patrols", "by_category", &cat.code);
            assert_eq!(bar, f64::from(cat.n), "{month} {}", cat.code);
        }
        let cf = store
            .circle_report(&CircleReport {
                month: Some(month.into()),
                place_id: c,
            })
            .unwrap();
        assert_eq!(n("circle", "points"), f64::from(cf.points), "{month}");
        assert_eq!(n("circle", "shared"), f64::from(cf.shared_points));
        assert_eq!(n("circle", "activities"), f64::from(cf.activities));
        assert_eq!(n("circle", "participants"), f64::from(cf.participants));
        for kind in &cf.by_kind {
            let bar = bar(&s, "circle", "by_kind", &kind.code);
            assert_eq!(bar, f64::from(kind.n), "{month} {}", kind.code);
        }
        let lines = monthly(&mut store, month, c);
        let line = |k: &str| lines.iter().find(|f| f.key == k).map_or(0.0, |f| f.month);
        for (key, reg, mine) in [
            ("patrol_done", "patrols", "done"),
            ("patrol_missed", "patrols", "missed"),
            ("patrol_findings", "patrols", "findings"),
            ("patrol_requests", "patrols", "requests"),
            ("circle_points", "circle", "points"),
            ("circle_activities", "circle", "activities"),
        ] {
            assert_eq!(
                line(key),
                n(reg, mine),
                "{month}: the monthly report's {key}"
            );
        }
    }
    for (i, (reg, key)) in FLOWS.iter().enumerate() {
        assert_eq!(
            number(&quarter, reg, key),
            months[i],
            "{reg}.{key}: a quarter is its months"
        );
    }
    assert_eq!(
        number(&quarter, "circle", "points"),
        last_points,
        "a quarter's points are those open at its end"
    );
    // the demo has something in each
    let span = (
        linli_domain::calendar::months_before(&today, 2),
        today.clone(),
    );
    let wide = check(&store, &ask(&span.0, &span.1, c));
    for (reg, key) in [
        ("patrols", "done"),
        ("patrols", "person_times"),
        ("patrols", "missed"),
        ("patrols", "findings"),
        ("patrols", "requests"),
        ("circle", "points"),
        ("circle", "shared"),
        ("circle", "activities"),
        ("circle", "participants"),
    ] {
        assert!(
            number(&wide, reg, key) > 0.0,
            "{reg}.{key}: the demo holds some"
        );
    }
    // no member's name in the patrols' records
    let names: Vec<String> = store
        .conn
        .prepare(
            "SELECT r.name FROM patrol_members m JOIN residents r ON r.id = m.resident_id
             WHERE m.resident_id IS NOT NULL",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(!names.is_empty());
    let req = ask(&span.0, &span.1, c);
    for chart in ["patrols.done", "patrols.missed", "patrols.findings"] {
        let r = records(&store, &req, chart, None);
        for row in &r.rows {
            assert!(
                !names
                    .iter()
                    .any(|n| row.iter().any(|cell| cell.contains(n.as_str()))),
                "{chart}: no member's name in {row:?}"
            );
        }
    }
    // a town's are the sum of its communities' (a joint activity once for the town)
    let t = check(&store, &req_for(&span, Some(town)));
    let parts: Vec<_> = communities
        .iter()
        .map(|c| {
            store
                .dashboard(&req_for(&span, Some(*c)))
                .unwrap()
                .registers
        })
        .collect();
    for (reg, key) in [
        ("patrols", "done"),
        ("patrols", "person_times"),
        ("patrols", "missed"),
        ("patrols", "findings"),
        ("circle", "points"),
        ("circle", "shared"),
    ] {
        let sum: f64 = parts.iter().map(|p| number(p, reg, key)).sum();
        assert_eq!(number(&t, reg, key), sum, "{reg}.{key}");
    }
    let sum: f64 = parts
        .iter()
        .map(|p| number(p, "circle", "activities"))
        .sum();
    let town_activities = number(&t, "circle", "activities");
    assert!(town_activities > 0.0 && town_activities <= sum);
    assert_eq!(
        bars(&t, "circle", "activities_by_community"),
        sum,
        "each community's bar counts its joint activities"
    );
}

fn req_for(span: &(String, String), place: Option<Id>) -> Dashboard {
    ask(&span.0, &span.1, place)
}
