//! 议事, 公告 and 托管 in 统计, on the demo's year: every figure opens exactly the records it
//! counts (`check`, for each scope and period); a month's figures are those the registers' own
//! reports count with other code (`linli report council`, `suggestions`, `programmes`, the
//! monthly report's board lines); a quarter's flows are the sum of its months'; a town's the sum
//! of its communities'; and a child's name never reaches a role without the programme grant.

use linli_domain::Id;
use linli_protocol::*;

use super::programmes::WITHHELD;
use super::tests::{bars, check, number, records};
use crate::Store;

/// The sections' figures without opening each (`check` opens every figure and bar: the quarter
/// and its months are checked so; the wider spans below only add up).
fn figures(store: &Store, req: &Dashboard) -> Vec<RegisterFigures> {
    store.dashboard(req).unwrap().registers
}

fn ask(from: &str, to: &str, place_id: Option<Id>) -> Dashboard {
    Dashboard {
        from: from.into(),
        to: to.into(),
        place_id,
        grid_id: None,
    }
}

/// The flows a period counts (each record once, by a day inside it): a quarter's are its months'.
const FLOWS: [(&str, &str); 12] = [
    ("councils", "suggestions"),
    ("councils", "answered"),
    ("councils", "to_topic"),
    ("councils", "to_request"),
    ("councils", "topics"),
    ("councils", "resolutions"),
    ("councils", "requests"),
    ("councils", "meetings"),
    ("board", "notices"),
    ("board", "duty_weeks"),
    ("programmes", "attendance"),
    ("programmes", "shifts"),
];

#[test]
fn the_demo_councils_boards_and_programmes_open_what_they_count() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(&mut store, Default::default()).unwrap();
    let today = store.now().today();
    let communities: Vec<Id> = store
        .conn
        .prepare("SELECT id FROM places WHERE kind = 'community' AND deleted = 0 ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    // the community the demo runs its programmes in
    let first: Id = store
        .conn
        .query_row(
            "SELECT community_id FROM programme_enrolments ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let town: Id = store
        .conn
        .query_row(
            "SELECT parent_id FROM places WHERE id = ?1",
            [first.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    let (c, m) = (
        Some(first),
        linli_domain::calendar::months_before(&today, 1),
    );
    let (y, q) = linli_domain::period::quarter_of(&m).unwrap();
    let (qfrom, qto) = linli_domain::period::quarter_bounds(y, q).unwrap();
    let quarter = check(&store, &ask(&qfrom, &qto, c));
    let mut months = vec![0.0; FLOWS.len()];
    let mut seen = vec![0.0; FLOWS.len()];
    for k in 0..3 {
        let first = linli_domain::calendar::months_before(&qfrom, -k);
        let month = &first[..7];
        let (from, to) = crate::monthly::month_bounds(month).unwrap();
        let s = check(&store, &ask(&from, &to, c));
        for (i, (reg, key)) in FLOWS.iter().enumerate() {
            months[i] += number(&s, reg, key);
        }
        if to > today {
            continue;
        }
        // a past month's are the registers' own reports'
        let n = |reg, key| number(&s, reg, key);
        let cf = store
            .council_report(&CouncilReport {
                month: Some(month.into()),
                place_id: c,
            })
            .unwrap();
        assert_eq!(n("councils", "topics"), f64::from(cf.topics), "{month}");
        assert_eq!(n("councils", "meetings"), f64::from(cf.meetings));
        assert_eq!(n("councils", "resolutions"), f64::from(cf.resolutions));
        assert_eq!(n("councils", "requests"), f64::from(cf.requests));
        let sf = store
            .suggestion_report(&SuggestionReport {
                month: Some(month.into()),
                place_id: c,
            })
            .unwrap();
        assert_eq!(n("councils", "suggestions"), f64::from(sf.received));
        assert_eq!(n("councils", "answered"), f64::from(sf.answered));
        assert_eq!(n("councils", "to_topic"), f64::from(sf.to_topic));
        assert_eq!(n("councils", "to_request"), f64::from(sf.to_request));
        assert_eq!(bars(&s, "councils", "by_source"), f64::from(sf.received));
        assert_eq!(bars(&s, "councils", "by_state"), f64::from(cf.topics));
        let pf = store
            .programmes_report(&ProgrammesReport {
                month: Some(month.into()),
                place_id: c,
            })
            .unwrap();
        assert_eq!(n("programmes", "new"), f64::from(pf.new_enrolments));
        assert_eq!(n("programmes", "waiting"), f64::from(pf.waiting));
        assert_eq!(n("programmes", "attendance"), f64::from(pf.attendance_days));
        assert_eq!(
            n("programmes", "not_collected"),
            f64::from(pf.not_collected)
        );
        assert_eq!(n("programmes", "shifts"), f64::from(pf.shifts));
        assert!((n("programmes", "hours") - pf.volunteer_hours).abs() < 1e-9);
        let board =
            crate::board::board_figures(&store.conn, c, (&from, &from, &to), false).unwrap();
        for (key, mine) in [
            ("board_notices", "notices"),
            ("board_duty_done", "duty_done"),
            ("board_duty_not_done", "duty_not_done"),
            ("board_themes", "themes"),
        ] {
            let want = board.iter().find(|f| f.key == key).unwrap().month;
            assert_eq!(n("board", mine), want, "{month} {key}");
        }
        let done = n("board", "duty_done");
        assert_eq!(done + n("board", "duty_not_done"), n("board", "duty_weeks"));
        assert_eq!(bars(&s, "board", "by_scope"), n("board", "notices"));
        assert_eq!(bars(&s, "board", "by_audience"), n("board", "notices"));
    }
    for (i, (reg, key)) in FLOWS.iter().enumerate() {
        assert_eq!(
            number(&quarter, reg, key),
            months[i],
            "{reg}.{key}: a quarter is its months"
        );
        seen[i] = number(&quarter, reg, key);
    }
    // the demo's year has something in every section
    let year = figures(&store, &ask(&format!("{}-01-01", &today[..4]), &today, c));
    let lasty = figures(
        &store,
        &ask(
            &linli_domain::calendar::months_before(&today, 12),
            &today,
            c,
        ),
    );
    for (reg, key) in [
        ("councils", "suggestions"),
        ("councils", "topics"),
        ("councils", "meetings"),
        ("board", "notices"),
        ("board", "duty_weeks"),
        ("board", "themes"),
        ("programmes", "enrolled"),
        ("programmes", "attendance"),
        ("programmes", "hours"),
    ] {
        assert!(
            number(&lasty, reg, key) > 0.0,
            "{reg}.{key}: the demo's last year holds some ({seen:?}, {})",
            number(&year, reg, key)
        );
    }
    // a town's are the sum of its communities'
    let span = (
        linli_domain::calendar::months_before(&today, 12),
        today.clone(),
    );
    let t = figures(&store, &ask(&span.0, &span.1, Some(town)));
    let parts: Vec<_> = communities
        .iter()
        .map(|c| figures(&store, &ask(&span.0, &span.1, Some(*c))))
        .collect();
    for (reg, key) in FLOWS {
        let sum: f64 = parts.iter().map(|p| number(p, reg, key)).sum();
        assert_eq!(number(&t, reg, key), sum, "{reg}.{key}");
    }
    // children's names: shown with the grant, withheld without it — the rows and figures stay
    let req = ask(&span.0, &span.1, c);
    let child_col = |r: &FigureRecords| r.headers.iter().position(|h| h == "儿童").unwrap();
    let shown = records(&store, &req, "programmes.enrolled", None);
    assert!(!shown.rows.is_empty());
    assert!(shown.rows.iter().all(|r| r[child_col(&shown)] != WITHHELD));
    store
        .save_sync_role(linli_protocol::sync::Role::GridWorker)
        .unwrap();
    for key in ["enrolled", "attendance"] {
        let chart = format!("programmes.{key}");
        let hid = records(&store, &req, &chart, None);
        assert!(!hid.rows.is_empty(), "{key}");
        assert!(
            hid.rows.iter().all(|r| r[child_col(&hid)] == WITHHELD),
            "{key}: no child's name without the programme grant"
        );
    }
    let w = figures(&store, &req);
    assert_eq!(
        number(&w, "programmes", "enrolled"),
        shown.rows.len() as f64
    );
    store
        .save_sync_role(linli_protocol::sync::Role::Admin)
        .unwrap();
    let again = records(&store, &req, "programmes.enrolled", None);
    assert_eq!(again.rows, shown.rows);
}
