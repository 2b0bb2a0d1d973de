//! What the server refuses or marks: malformed changes, facts recorded once, an overdraft.

use linli_domain::Id;
use linli_protocol::sync::{RefuseReason, Role};
use linli_server::ServerDb;
use linli_tests::backends::TestDb;
use serde_json::json;

use crate::conformance::support::*;

pub async fn malformed_changes_are_refused_one_by_one<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let w = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let other = device(db, "w2", Role::GridWorker, &[tr.community]).await;
    let good = change(
        &w,
        1,
        "households",
        Id::new(),
        json!({"floating": 1}),
        Some(tr.b1),
        5_000,
    );
    let foreign = change(
        &other,
        2,
        "households",
        Id::new(),
        json!({"floating": 1}),
        Some(tr.b1),
        5_000,
    );
    let zero = change(
        &w,
        0,
        "households",
        Id::new(),
        json!({"floating": 1}),
        Some(tr.b1),
        5_000,
    );
    let bad_table = change(
        &w,
        3,
        "Households; DROP",
        Id::new(),
        json!({"floating": 1}),
        Some(tr.b1),
        5_000,
    );
    let bad_field = change(
        &w,
        4,
        "households",
        Id::new(),
        json!({"id": 1}),
        Some(tr.b1),
        5_000,
    );
    let no_fields = change(
        &w,
        5,
        "households",
        Id::new(),
        json!({}),
        Some(tr.b1),
        5_000,
    );
    let no_scope = change(
        &w,
        6,
        "households",
        Id::new(),
        json!({"floating": 1}),
        None,
        5_000,
    );
    let bad_parent = change(
        &w,
        7,
        "places",
        Id::new(),
        json!({"parent_id": "nope"}),
        None,
        5_000,
    );
    let no_delta = change(
        &w,
        8,
        LEDGER,
        Id::new(),
        json!({"account": "张三"}),
        Some(tr.b1),
        5_000,
    );
    let r = push(
        db,
        &w,
        vec![
            good, foreign, zero, bad_table, bad_field, no_fields, no_scope, bad_parent, no_delta,
        ],
    )
    .await;
    assert_eq!(refused(&r[0]), None, "{}", T::NAME);
    for (i, x) in r.iter().enumerate().skip(1) {
        assert_eq!(
            refused(x),
            Some(RefuseReason::Invalid),
            "{}: change {i}: {x:?}",
            T::NAME
        );
    }
    // nothing refused reached the log
    assert_eq!(pull_all(db, &tr.admin).await.len(), 1);
}

pub async fn a_fact_is_recorded_once<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let w = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let fact = Id::new();
    accepted(
        &push(
            db,
            &w,
            vec![change(
                &w,
                1,
                LEDGER,
                fact,
                json!({"account": "张三", "delta": 3}),
                Some(tr.b1),
                5_000,
            )],
        )
        .await,
    );
    let r = push(
        db,
        &w,
        vec![change(
            &w,
            2,
            LEDGER,
            fact,
            json!({"account": "张三", "delta": 30}),
            Some(tr.b1),
            6_000,
        )],
    )
    .await;
    assert_eq!(refused(&r[0]), Some(RefuseReason::Invalid), "{}", T::NAME);
    // nor edited as if it were an entity
    let edit = db
        .push(
            w.clone(),
            linli_protocol::sync::PushRequest {
                changes: vec![change(
                    &w,
                    3,
                    LEDGER,
                    fact,
                    json!({"delta": 30}),
                    Some(tr.b1),
                    6_000,
                )],
                fact_tables: vec![],
            },
        )
        .await
        .unwrap();
    assert_eq!(refused(&edit[0]), Some(RefuseReason::Invalid));
    assert_eq!(
        db.export(None).await.unwrap()[LEDGER][&fact]["delta"],
        json!(3)
    );
}

pub async fn an_overdraft_is_kept_and_marked_for_review<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let a = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let b = device(db, "w2", Role::GridWorker, &[tr.community]).await;
    let (earn, spend_a, spend_b, other) = (Id::new(), Id::new(), Id::new(), Id::new());
    accepted(
        &push(
            db,
            &a,
            vec![change(
                &a,
                1,
                LEDGER,
                earn,
                json!({"account": "张三", "delta": 10}),
                Some(tr.b1),
                1_000,
            )],
        )
        .await,
    );
    // two laptops each redeem 6 points offline: the second one the server sees overdraws
    assert_eq!(
        accepted(
            &push(
                db,
                &a,
                vec![change(
                    &a,
                    2,
                    LEDGER,
                    spend_a,
                    json!({"account": "张三", "delta": -6}),
                    Some(tr.b1),
                    2_000
                )]
            )
            .await
        ),
        vec![(5, false)]
    );
    let spend = change(
        &b,
        1,
        LEDGER,
        spend_b,
        json!({"account": "张三", "delta": -6}),
        Some(tr.b2),
        1_500,
    );
    let r = push(
        db,
        &b,
        vec![
            spend.clone(),
            change(
                &b,
                2,
                LEDGER,
                other,
                json!({"account": "李四", "delta": 2}),
                Some(tr.b2),
                1_600,
            ),
        ],
    )
    .await;
    assert_eq!(accepted(&r), vec![(6, true), (7, false)], "{}", T::NAME);
    // kept, marked, listed, and the mark travels with the retry and the pull
    assert_eq!(
        db.needs_review().await.unwrap(),
        vec![(LEDGER.to_owned(), spend_b)]
    );
    assert_eq!(accepted(&push(db, &b, vec![spend]).await), vec![(6, true)]);
    let page = db.pull(a.clone(), 0, 100).await.unwrap();
    let marked: Vec<Id> = page
        .changes
        .iter()
        .filter(|c| c.needs_review)
        .map(|c| c.change.row_id)
        .collect();
    assert_eq!(marked, vec![spend_b]);
    assert!(db.export(None).await.unwrap()[LEDGER].contains_key(&spend_b));
}
