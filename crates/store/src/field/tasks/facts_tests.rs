//! The facts the rates count (`facts.rs`) are what reading each request whole gives: on the demo
//! town, for the town, every community and every grid, over this month, the last and the year.

use linli_domain::calendar;
use linli_protocol::Task;

use super::RaisedTask;
use crate::field::Area;
use crate::monthly::month_bounds;
use crate::Store;

/// A request's facts from the request read whole, as the rates counted them before.
fn from_whole(store: &Store, t: &Task) -> RaisedTask {
    let place = match store.task_place(t) {
        Err(crate::Error::NotFound { .. }) => (None, None),
        place => place.unwrap(),
    };
    RaisedTask {
        id: t.id,
        community_id: t.community_id,
        place,
        // where an area finds it: compared through the areas each list is read for
        lies: None,
        // the day a period's read finds it by: compared through the periods each list is read for
        stored_day: String::new(),
        raised_at: t.raised_at.clone(),
        status: t.status,
        category: t.category,
        escalation_level: t.escalation_level,
        on_time: match (&t.due_date, &t.finished_at) {
            (Some(due), Some(done)) => done[..10] <= due[..],
            _ => true,
        },
        due_date: t.due_date.clone(),
        overdue: t.overdue,
        rating: t.rating,
    }
}

fn ids(store: &Store, sql: &str) -> Vec<String> {
    store
        .conn
        .prepare(sql)
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn rates_from_facts_equal_rates_from_whole_tasks() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(&mut store, Default::default()).unwrap();
    // overdue requests go up a level (the shell's timer does it on a laptop)
    store
        .escalate_overdue(&linli_protocol::EscalateOverdue {
            place_id: None,
            today: None,
        })
        .unwrap();
    // escalation found every open request past its deadline from their facts: read whole, none
    // is below the level its days overdue call for, and a second pass has nothing to do
    let today = store.now().today();
    let top = (linli_domain::field::ESCALATION_LEVELS.len() - 1) as u32;
    for t in store.tasks_in(&Area::default(), &today).unwrap() {
        let Some(days) = t
            .due_date
            .as_deref()
            .filter(|_| t.overdue)
            .and_then(|d| linli_domain::field::days_between(d, &today))
        else {
            continue;
        };
        let after = i64::from(store.escalate_after(t.community_id, t.category).unwrap());
        assert!(
            t.escalation_level >= ((days / after) as u32).min(top),
            "{} overdue {days} days at level {}",
            t.title,
            t.escalation_level
        );
    }
    let again = linli_protocol::EscalateOverdue {
        place_id: None,
        today: None,
    };
    assert!(store.escalate_overdue(&again).unwrap().is_empty());
    // a request of a household since gone from the register lies nowhere
    store
        .conn
        .execute(
            "UPDATE households SET deleted = 1 WHERE id = (SELECT household_id FROM tasks
             WHERE household_id IS NOT NULL ORDER BY raised_at DESC LIMIT 1)",
            [],
        )
        .unwrap();
    let this = calendar::month_of(&today).to_owned();
    let last = calendar::month_of(&calendar::months_before(&format!("{this}-01"), 1)).to_owned();
    let mut periods = vec![month_bounds(&this).unwrap(), month_bounds(&last).unwrap()];
    periods.push((calendar::months_before(&today, 12), today.clone()));
    let mut areas = vec![Area::default()];
    for c in ids(
        &store,
        "SELECT id FROM places WHERE kind = 'community' AND deleted = 0",
    ) {
        areas.push(store.area_of_place(Some(c.parse().unwrap())).unwrap());
    }
    for g in ids(&store, "SELECT id FROM grids WHERE deleted = 0") {
        areas.push(store.area_of_grid(g.parse().unwrap()).unwrap());
    }
    let (mut tasks, mut resolved, mut late, mut overdue, mut rated, mut nowhere) =
        (0, 0, 0, 0, 0, 0);
    let mut escalated = 0;
    for area in &areas {
        for (from, to) in &periods {
            let facts: Vec<RaisedTask> = store
                .raised_facts(area, from, to)
                .unwrap()
                .into_iter()
                .map(|f| RaisedTask {
                    lies: None,
                    stored_day: String::new(),
                    ..f
                })
                .collect();
            let whole: Vec<RaisedTask> = store
                .tasks_raised_in(area, to, from, to)
                .unwrap()
                .iter()
                .map(|t| from_whole(&store, t))
                .collect();
            assert_eq!(facts, whole, "{area:?} {from}..={to}");
            for f in &facts {
                tasks += 1;
                resolved += usize::from(f.resolved());
                late += usize::from(f.resolved() && !f.on_time);
                overdue += usize::from(f.overdue);
                rated += usize::from(f.rating.is_some());
                nowhere += usize::from(f.place == (None, None));
                escalated += usize::from(f.escalation_level > 0);
            }
        }
    }
    // the comparison means something: every kind of request is among them
    assert!(
        resolved > 0
            && late > 0
            && overdue > 0
            && rated > 0
            && nowhere > 0
            && escalated > 0
            && tasks > resolved,
        "{tasks} requests: {resolved} resolved, {late} late, {overdue} overdue, {rated} rated, \
         {nowhere} nowhere, {escalated} escalated"
    );
}
