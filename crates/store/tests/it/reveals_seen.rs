//! 查看记录 (issue 16 item 3): a reveal made on one laptop, stamped as the server stamps it on
//! arrival (`seen_by`, `seen_name`, `seen_at`) and pulled by another through `apply_pulled`, is
//! listed on the household's reveals with the server's user and time; the revealing laptop lists
//! its own reveal as not yet stamped. Both laptops hold the same demo town.

use linli_protocol::sync::{PullResponse, PulledChange};
use linli_protocol::{HouseholdReveals, Reveal, RevealField};
use linli_store::Store;
use serde_json::json;

fn demo(path: &std::path::Path) -> Store {
    let mut s = Store::open(path).unwrap();
    linli_store::demo::generate(
        &mut s,
        linli_store::demo::DemoOptions {
            households: 3,
            ..Default::default()
        },
    )
    .unwrap();
    s
}

#[test]
fn a_pulled_reveal_shows_the_servers_user_and_time_and_a_local_one_says_unstamped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (
        demo(&dir.path().join("a.db")),
        demo(&dir.path().join("b.db")),
    );
    let (household, head, name): (String, String, String) = a
        .conn()
        .query_row(
            "SELECT household_id, id, name FROM residents
             WHERE relation = '户主' AND id_number IS NOT NULL ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let household = HouseholdReveals {
        household_id: household.parse().unwrap(),
    };
    assert!(a.household_reveals(&household).unwrap().is_empty());

    a.reveal(&Reveal {
        resident_id: head.parse().unwrap(),
        field: RevealField::IdNumber,
    })
    .unwrap();
    let mine = a.household_reveals(&household).unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        (mine[0].stamped, mine[0].by.as_deref(), mine[0].field),
        (false, None, RevealField::IdNumber)
    );
    assert_eq!(mine[0].resident_name, name);

    // the server stamps it on arrival; B pulls it
    let mut c = a
        .journal()
        .unwrap()
        .into_iter()
        .find(|c| c.table == "reveals")
        .unwrap();
    c.fields
        .insert("seen_by".into(), json!(linli_domain::Id::new().to_string()));
    c.fields.insert("seen_name".into(), json!("王网格"));
    c.fields
        .insert("seen_at".into(), json!("2026-12-01T00:05:00+00:00"));
    let hlc = c.hlc;
    b.apply_pulled(
        &linli_store::Schema::default(),
        &PullResponse {
            changes: vec![PulledChange {
                server_seq: 1,
                needs_review: false,
                read_only: false,
                change: c,
            }],
            next: 1,
            more: false,
            server_time: hlc,
        },
    )
    .unwrap();
    let seen = b.household_reveals(&household).unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].stamped);
    assert_eq!(seen[0].by.as_deref(), Some("王网格"));
    assert_eq!(
        seen[0].at,
        linli_domain::now::local_minute_of(
            "2026-12-01T00:05:00+00:00",
            linli_store::local_offset_minutes()
        ),
        "the server's time, at this laptop's offset"
    );
    // an unknown household is refused
    assert!(b
        .household_reveals(&HouseholdReveals {
            household_id: linli_domain::Id::new()
        })
        .is_err());
}
