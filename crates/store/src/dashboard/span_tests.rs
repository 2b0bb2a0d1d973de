//! A span read once answers for every period within as that period read apart would: the
//! coverage counts as SQLite counted them before spans (one `EXISTS` per household and period),
//! the requests as `community_raised_facts` reads them (overdue as of each period's last day).

use linli_domain::{calendar, Id};
use rusqlite::params;

use crate::field::coverage::CoverageCount;
use crate::field::visits::EFFECTIVE;
use crate::register::{id_text, parse_id};
use crate::Store;

/// The coverage counts of `from..=to` as the store counted them before spans (issue 24's
/// `coverage_counts`), sorted.
fn counts_read_apart(
    store: &Store,
    community: Option<Id>,
    from: &str,
    to: &str,
) -> Vec<CoverageCount> {
    let sql = format!(
        "SELECT h.community_id, h.building_id, h.unit_id,
            sum(EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id
                AND v.at >= ?2 AND v.at < ?3 || '~' AND substr(v.at, 1, 10) BETWEEN ?2 AND ?3
                AND v.outcome != 'nobody_home' AND {EFFECTIVE})) AS visited,
            count(*) AS total
         FROM households h
         WHERE h.deleted = 0 AND h.moved_out IS NULL AND (?1 IS NULL OR h.community_id = ?1)
         GROUP BY h.community_id, h.building_id, h.unit_id"
    );
    let mut stmt = store.conn.prepare(&sql).unwrap();
    let mut out: Vec<CoverageCount> = stmt
        .query_map(params![id_text(community), from, to], |r| {
            Ok((
                parse_id(r.get(0)?).unwrap(),
                parse_id(r.get(1)?).unwrap(),
                parse_id(r.get(2)?).unwrap(),
                r.get(3)?,
                r.get(4)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    out.sort();
    out
}

#[test]
fn a_span_answers_as_each_period_read_apart() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(&mut store, Default::default()).unwrap();
    let today = store.now().today();
    let first = calendar::months_before(&format!("{}-01", &today[..7]), 13);
    let mut periods = vec![
        (first.clone(), today.clone()),
        (today.clone(), today.clone()),
    ];
    for back in 0..13 {
        let month = calendar::months_before(&format!("{}-01", &today[..7]), back);
        periods.push(calendar::month_bounds(&month[..7]).unwrap());
    }
    // periods that cut months and weeks
    for (a, b) in [(40, 3), (95, 61), (17, 17), (200, 150)] {
        let day = |n: i64| calendar::add_days(&today, -n).unwrap();
        periods.push((day(a), day(b)));
    }
    let mut communities: Vec<Option<Id>> = vec![None];
    let mut stmt = store
        .conn
        .prepare("SELECT id FROM places WHERE kind = 'community' AND deleted = 0")
        .unwrap();
    let ids: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    drop(stmt);
    communities.extend(ids.iter().map(|c| Some(c.parse().unwrap())));
    let (mut reached, mut tasks, mut overdue, mut overdue_later) = (0, 0, 0, 0);
    for community in communities {
        let span = store.span(community, &first, &today).unwrap();
        for (from, to) in &periods {
            let (mut counts, facts) = span.period(from, to);
            counts.sort();
            assert_eq!(
                counts,
                counts_read_apart(&store, community, from, to),
                "coverage of {community:?} {from}..={to}"
            );
            assert_eq!(
                facts,
                store.community_raised_facts(community, from, to).unwrap(),
                "requests of {community:?} {from}..={to}"
            );
            reached += counts.iter().map(|c| c.3).sum::<u32>();
            tasks += facts.len();
            overdue += facts.iter().filter(|t| t.overdue).count();
            // a request overdue by today that was not by its period's end
            overdue_later += facts
                .iter()
                .filter(|t| !t.overdue && !t.resolved())
                .filter(|t| t.due_date.as_deref().is_some_and(|d| d < today.as_str()))
                .count();
        }
    }
    // the comparison means something: households reached, requests raised, some overdue as of
    // one period's end and not of another's
    assert!(
        reached > 0 && tasks > 0 && overdue > 0 && overdue_later > 0,
        "{reached} reached, {tasks} requests, {overdue} overdue, {overdue_later} overdue later"
    );
}

#[test]
fn a_kept_span_is_read_again_once_the_data_changes() {
    use linli_domain::field::{VisitKind, VisitOutcome};
    use linli_protocol::{Dashboard, LogVisit};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    let mut store = Store::open(&path).unwrap();
    crate::demo::generate(
        &mut store,
        crate::demo::DemoOptions {
            households: 300,
            seed: 7,
        },
    )
    .unwrap();
    let mut other = Store::open(&path).unwrap();
    let today = store.now().today();
    let from = format!("{}01", &today[..8]);
    let reached = |store: &Store| {
        store
            .dashboard(&Dashboard {
                from: from.clone(),
                to: today.clone(),
                place_id: None,
                grid_id: None,
            })
            .unwrap()
            .coverage
            .num
    };
    let unreached: Vec<Id> = {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT h.id FROM households h WHERE h.deleted = 0 AND h.moved_out IS NULL
                 AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id
                                 AND v.at >= ?1) LIMIT 2",
            )
            .unwrap();
        stmt.query_map([&from], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|id| id.unwrap().parse().unwrap())
            .collect()
    };
    let visitor: Id = store
        .conn
        .query_row("SELECT id FROM people WHERE deleted = 0 LIMIT 1", [], |r| {
            r.get::<_, String>(0)
        })
        .unwrap()
        .parse()
        .unwrap();
    let visit = |household: Id| LogVisit {
        household_id: household,
        visitor_id: visitor,
        at: None,
        kind: VisitKind::Routine,
        outcome: VisitOutcome::Met,
        findings: String::new(),
        member_updates: vec![],
        follow_up: None,
    };

    let before = reached(&store);
    // kept: a period within the last span read is answered from it
    let kept = store.span(None, &from, &today).unwrap();
    assert!(std::sync::Arc::ptr_eq(
        &kept,
        &store.span(None, &today, &today).unwrap()
    ));
    // and still after a community's own (工作台's, between two openings of 统计)
    let community: Id = store
        .conn
        .query_row(
            "SELECT id FROM places WHERE kind = 'community' AND deleted = 0 LIMIT 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .parse()
        .unwrap();
    let theirs = store.span(Some(community), &from, &today).unwrap();
    assert!(!std::sync::Arc::ptr_eq(&kept, &theirs));
    assert!(std::sync::Arc::ptr_eq(
        &kept,
        &store.span(None, &from, &today).unwrap()
    ));
    assert_eq!(reached(&store), before);
    // another connection's visit (the background sync's, say) is counted
    other.log_visit(&visit(unreached[0])).unwrap();
    assert_eq!(reached(&store), before + 1.0);
    // and this connection's own
    store.log_visit(&visit(unreached[1])).unwrap();
    assert_eq!(reached(&store), before + 2.0);
}
