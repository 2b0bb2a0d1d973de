//! The demo as a whole: the default is the town of the county reports, no two residents share an ID
//! number, and a new user opens the app onto a lived-in month.

use super::*;
use linli_domain::PlaceKind;
use linli_protocol::ListPlaces;

#[test]
fn the_default_is_the_town_of_the_reports() {
    let mut s = Store::open_in_memory().unwrap();
    let sum = generate(&mut s, DemoOptions::default()).unwrap();
    assert_eq!(sum.households, 1550);
    assert_eq!(sum.big_grids, 34);
    assert_eq!(sum.sections, 110);
    assert_eq!(sum.grid_workers, 49);
    assert!((4300..5100).contains(&sum.residents), "{sum:?}");
    let communities = s
        .list_places(&ListPlaces {
            kind: Some(PlaceKind::Community),
            parent_id: None,
        })
        .unwrap();
    assert_eq!(communities.len() as u32, sum.communities);
    let count = |sql: &str| -> u32 { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM households"), 1550);
    assert_eq!(count("SELECT count(*) FROM residents"), sum.residents);
    // every resident's ID number is valid and unique
    assert_eq!(
        count("SELECT count(DISTINCT id_number) FROM residents"),
        sum.residents
    );
    // a working time bank in every community
    let tb = sum.time_bank;
    assert_eq!(tb.teams, 6 * sum.communities);
    assert!(tb.volunteers >= 10 * sum.communities, "{tb:?}");
    assert!(tb.activities >= 8 * sum.communities, "{tb:?}");
    assert!(tb.redemptions >= sum.communities, "{tb:?}");
    let verified = count("SELECT count(*) FROM hour_verifications");
    assert!(
        verified > 0 && verified < tb.hour_entries,
        "most hours verified, some waiting"
    );
    let negative = count(
        "SELECT count(*) FROM (SELECT volunteer_id FROM ledger GROUP BY volunteer_id HAVING sum(points) < 0)",
    );
    assert_eq!(negative, 0, "no demo balance is overdrawn");
    assert!(generate(&mut s, DemoOptions::default()).is_err());
}

/// Seed 505220 made twins of the same sex with one ID number (the round-trip property test
/// found it: the import refused the second as a duplicate). Red before the demo kept its
/// numbers apart.
#[test]
fn no_two_demo_residents_share_an_id_number() {
    let mut s = Store::open_in_memory().unwrap();
    let sum = generate(
        &mut s,
        DemoOptions {
            households: 114,
            seed: 505220,
        },
    )
    .unwrap();
    let distinct: u32 = s
        .conn()
        .query_row("SELECT count(DISTINCT id_number) FROM residents", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(distinct, sum.residents);
}

#[test]
fn a_new_user_sees_a_lived_in_month() {
    use linli_domain::field::{add_days, TaskStatus};
    use linli_protocol::{Coverage, TaskBoard, TaskRates, Today};
    let mut s = Store::open_in_memory().unwrap();
    let sum = generate(
        &mut s,
        DemoOptions {
            households: 300,
            seed: 5,
        },
    )
    .unwrap();
    let today = s.now().today();
    let month_ago = add_days(&today, -29).unwrap();
    assert!(sum.visits > 200, "{sum:?}");
    let (first, last): (String, String) = s
        .conn()
        .query_row(
            "SELECT min(substr(at, 1, 10)), max(substr(at, 1, 10)) FROM visits",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(first >= month_ago && last <= today, "{first}..{last}");
    let cov = s.coverage(&Coverage::default()).unwrap();
    let rate = cov.communities[0].rate;
    assert!((0.5..0.95).contains(&rate), "coverage {rate}");
    let board = s.task_board(&TaskBoard::default()).unwrap();
    let n = |st: TaskStatus| board.iter().find(|c| c.status == st).unwrap().tasks.len();
    assert!(
        n(TaskStatus::Accepted) + n(TaskStatus::Dispatched) > 0,
        "open tasks"
    );
    assert!(
        n(TaskStatus::Finished) + n(TaskStatus::Published) > 0,
        "finished tasks"
    );
    assert!(n(TaskStatus::Rated) > 0, "rated tasks");
    let rates = s.task_rates(&TaskRates::default()).unwrap();
    assert!(!rates.overdue.is_empty(), "overdue tasks");
    assert!(
        rates.resolution_rate > 0.3 && rates.resolution_rate < 1.0,
        "{rates:?}"
    );
    let today_list = s.today(&Today::default()).unwrap();
    assert!(!today_list.is_empty());
    // walking order keeps each compound together ("1栋" stands in several)
    let never: Vec<_> = today_list
        .iter()
        .take_while(|l| l.last_visit.is_none())
        .collect();
    assert!(never.len() > 1);
    assert!(never.windows(2).all(|w| w[0].compound <= w[1].compound));
}
