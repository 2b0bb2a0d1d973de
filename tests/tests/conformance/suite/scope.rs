//! Sight: pulls filtered and pushes refused outside the grants, places pushed in a batch.

use linli_domain::Id;
use linli_protocol::sync::{RefuseReason, Role};
use linli_server::ServerDb;
use linli_tests::backends::TestDb;
use serde_json::json;

use crate::conformance::support::*;

pub async fn scope_filters_pulls_and_refuses_pushes_outside_grants<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let steward = device(db, "s", Role::Steward, &[tr.b2]).await;
    let (inside, outside_row) = (Id::new(), Id::new());
    let r = push(
        db,
        &steward,
        vec![
            change(
                &steward,
                1,
                "households",
                inside,
                json!({"room": "2栋1号"}),
                Some(tr.b2),
                5_000,
            ),
            change(
                &steward,
                2,
                "households",
                outside_row,
                json!({"room": "1栋1号"}),
                Some(tr.b1),
                5_000,
            ),
            // renaming the community above its grant
            change(
                &steward,
                3,
                "places",
                tr.community,
                json!({"name": "越权"}),
                None,
                5_000,
            ),
        ],
    )
    .await;
    assert_eq!(refused(&r[0]), None, "{}", T::NAME);
    assert_eq!(refused(&r[1]), Some(RefuseReason::OutsideGrants));
    assert_eq!(refused(&r[2]), Some(RefuseReason::OutsideGrants));
    // an admin row in building 1 is not pulled by the steward; building 2's is
    let (a1, a2) = (Id::new(), Id::new());
    accepted(
        &push(
            db,
            &tr.admin,
            vec![
                change(
                    &tr.admin,
                    4,
                    "households",
                    a1,
                    json!({"floating": 1}),
                    Some(tr.b1),
                    6_000,
                ),
                change(
                    &tr.admin,
                    5,
                    "households",
                    a2,
                    json!({"floating": 2}),
                    Some(tr.b2),
                    6_000,
                ),
            ],
        )
        .await,
    );
    let seen = pull_all(db, &steward).await;
    assert_eq!(
        seen,
        vec![
            ("places".to_owned(), tr.community, true),
            ("places".to_owned(), tr.b2, false),
            ("households".to_owned(), a2, false),
        ]
    );
    // a row first filed in building 1 cannot be pulled into building 2 by its scope
    let moved = push(
        db,
        &steward,
        vec![change(
            &steward,
            5,
            "households",
            a1,
            json!({"floating": 3}),
            Some(tr.b2),
            7_000,
        )],
    )
    .await;
    assert_eq!(refused(&moved[0]), Some(RefuseReason::OutsideGrants));
    let export = db.export(Some(vec![tr.b2])).await.unwrap();
    assert!(export["households"].contains_key(&a2) && !export["households"].contains_key(&a1));
    assert!(export["places"].contains_key(&tr.community) && !export["places"].contains_key(&tr.b1));
}

/// Places a push creates count for the changes after them in the same batch: a steward's new
/// unit under their building takes a household at once, one moved out from under the building in
/// the same batch does not (the server keeps its place tree up to date change by change).
pub async fn places_pushed_in_a_batch_scope_the_changes_after_them<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let steward = device(db, "s", Role::Steward, &[tr.b2]).await;
    let (unit, household, outside_unit, stray) = (Id::new(), Id::new(), Id::new(), Id::new());
    let r = push(
        db,
        &steward,
        vec![
            place(&steward, 1, unit, "1单元", Some(tr.b2)),
            change(
                &steward,
                2,
                "households",
                household,
                json!({"room": "101"}),
                Some(unit),
                5_000,
            ),
            place(&steward, 3, outside_unit, "2单元", Some(tr.b1)),
            change(
                &steward,
                4,
                "households",
                stray,
                json!({"room": "102"}),
                Some(outside_unit),
                5_000,
            ),
        ],
    )
    .await;
    assert_eq!(refused(&r[0]), None, "{}", T::NAME);
    assert_eq!(refused(&r[1]), None, "{}", T::NAME);
    assert_eq!(
        refused(&r[2]),
        Some(RefuseReason::OutsideGrants),
        "{}",
        T::NAME
    );
    assert_eq!(
        refused(&r[3]),
        Some(RefuseReason::OutsideGrants),
        "{}",
        T::NAME
    );
    // the admin moves the unit under building 1 and, in the same batch, files a household in it:
    // the steward no longer sees the unit's new household, and cannot write to the unit
    let later = Id::new();
    accepted(
        &push(
            db,
            &tr.admin,
            vec![
                change(
                    &tr.admin,
                    4,
                    "places",
                    unit,
                    json!({"parent_id": tr.b1.to_string()}),
                    None,
                    6_000,
                ),
                change(
                    &tr.admin,
                    5,
                    "households",
                    later,
                    json!({"room": "201"}),
                    Some(unit),
                    6_000,
                ),
            ],
        )
        .await,
    );
    let again = push(
        db,
        &steward,
        vec![change(
            &steward,
            5,
            "households",
            household,
            json!({"room": "103"}),
            Some(unit),
            7_000,
        )],
    )
    .await;
    assert_eq!(
        refused(&again[0]),
        Some(RefuseReason::OutsideGrants),
        "{}",
        T::NAME
    );
}
