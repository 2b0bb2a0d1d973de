//! The generic tests. Each takes a fresh database of some backend.

use linli_domain::Id;
use linli_protocol::sync::{PushRequest, RefuseReason, Role};
use linli_server::{auth, DeviceAuth, Error, ServerDb};
use linli_tests::backends::TestDb;
use serde_json::json;

use crate::support::*;

pub use crate::accounts::accounts_disable_revoke_expire_and_audit;

pub async fn a_push_is_stamped_in_order_and_pulled_by_others<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let worker = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let rows: Vec<Id> = (0..3).map(|_| Id::new()).collect();
    let r = push(
        db,
        &worker,
        rows.iter()
            .enumerate()
            .map(|(i, id)| {
                change(
                    &worker,
                    i as i64 + 1,
                    "households",
                    *id,
                    json!({"room": format!("{i}号")}),
                    Some(tr.b1),
                    5_000,
                )
            })
            .collect(),
    )
    .await;
    assert_eq!(
        accepted(&r),
        vec![(4, false), (5, false), (6, false)],
        "{}",
        T::NAME
    );
    // the admin sees the worker's three rows after its own three places; the worker does not get
    // its own changes back, only the places
    let seen = pull_all(db, &tr.admin).await;
    assert_eq!(seen.iter().map(|s| s.1).collect::<Vec<_>>(), rows);
    let seen = pull_all(db, &worker).await;
    assert_eq!(
        seen.iter().map(|s| s.1).collect::<Vec<_>>(),
        vec![tr.community, tr.b1, tr.b2]
    );
    // the stored change names its author, the authenticated user
    let page = db.pull(tr.admin.clone(), 3, 10).await.unwrap();
    assert_eq!(page.changes[0].change.author, Some(worker.user_id));
    assert_eq!(page.changes[0].server_seq, 4);
    assert_eq!((page.next, page.more), (6, false));
}

pub async fn a_retried_batch_changes_nothing<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let w = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let batch = vec![
        change(
            &w,
            1,
            "households",
            Id::new(),
            json!({"room": "1号"}),
            Some(tr.b1),
            5_000,
        ),
        change(
            &w,
            2,
            LEDGER,
            Id::new(),
            json!({"account": "张三", "delta": 5}),
            Some(tr.b1),
            5_001,
        ),
    ];
    let first = push(db, &w, batch.clone()).await;
    let before = db.export(None).await.unwrap();
    let again = push(db, &w, batch.clone()).await;
    assert_eq!(
        first,
        again,
        "{}: a retry is answered like the first time",
        T::NAME
    );
    assert_eq!(db.export(None).await.unwrap(), before);
    // the same change twice in one batch, and a retry mixed with a new change
    let third = change(
        &w,
        3,
        "households",
        Id::new(),
        json!({"room": "3号"}),
        Some(tr.b1),
        5_002,
    );
    let r = push(db, &w, vec![batch[1].clone(), third.clone(), third]).await;
    assert_eq!(accepted(&r), vec![(5, false), (6, false), (6, false)]);
    assert_eq!(
        pull_all(db, &tr.admin).await.len(),
        3,
        "nothing doubled in the log"
    );
}

pub async fn fields_merge_last_writer_wins_by_hlc_then_device<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let a = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let b = device(db, "w2", Role::GridWorker, &[tr.community]).await;
    let row = Id::new();
    accepted(
        &push(
            db,
            &a,
            vec![change(
                &a,
                1,
                "households",
                row,
                json!({"room": "a1", "phone": "a1"}),
                Some(tr.b1),
                2_000,
            )],
        )
        .await,
    );
    // b writes the address later and the phone earlier: only the address changes
    accepted(
        &push(
            db,
            &b,
            vec![change(
                &b,
                1,
                "households",
                row,
                json!({"room": "b1", "phone": "b-old"}),
                Some(tr.b1),
                1_000,
            )],
        )
        .await,
    );
    accepted(
        &push(
            db,
            &b,
            vec![change(
                &b,
                2,
                "households",
                row,
                json!({"room": "b2"}),
                Some(tr.b1),
                3_000,
            )],
        )
        .await,
    );
    // a tie on the clock goes to the greater device id
    let winner = if a.device_id > b.device_id {
        "a-tie"
    } else {
        "b-tie"
    };
    accepted(
        &push(
            db,
            &a,
            vec![change(
                &a,
                2,
                "households",
                row,
                json!({"notes": "a-tie"}),
                Some(tr.b1),
                4_000,
            )],
        )
        .await,
    );
    accepted(
        &push(
            db,
            &b,
            vec![change(
                &b,
                3,
                "households",
                row,
                json!({"notes": "b-tie"}),
                Some(tr.b1),
                4_000,
            )],
        )
        .await,
    );
    let all = db.export(None).await.unwrap();
    let got = &all["households"][&row];
    assert_eq!(got["room"], json!("b2"), "{}", T::NAME);
    assert_eq!(got["phone"], json!("a1"));
    assert_eq!(got["notes"], json!(winner));
    // a delete is a field like any other, and later than the edits
    accepted(
        &push(
            db,
            &a,
            vec![change(
                &a,
                3,
                "households",
                row,
                json!({"deleted": true}),
                Some(tr.b1),
                9_000,
            )],
        )
        .await,
    );
    assert_eq!(
        db.export(None).await.unwrap()["households"][&row]["deleted"],
        json!(true)
    );
}

pub async fn pull_pages_follow_the_cursor<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let w = device(db, "w1", Role::GridWorker, &[tr.b1]).await;
    // 30 rows, every third outside the worker's building
    let changes = (0..30)
        .map(|i| {
            let b = if i % 3 == 0 { tr.b2 } else { tr.b1 };
            change(
                &tr.admin,
                4 + i,
                "households",
                Id::new(),
                json!({"floating": i}),
                Some(b),
                6_000,
            )
        })
        .collect();
    accepted(&push(db, &tr.admin, changes).await);
    let mut after = 0;
    let mut got = Vec::new();
    let mut pages = 0;
    loop {
        let page = db.pull(w.clone(), after, 7).await.unwrap();
        assert!(page.changes.len() <= 7);
        assert!(page.next >= after);
        got.extend(page.changes.iter().map(|c| c.server_seq));
        after = page.next;
        pages += 1;
        if !page.more {
            break;
        }
    }
    // two places it sees (its building, read-only the community above), 20 rows of its building
    assert_eq!(got.len(), 22, "{}", T::NAME);
    assert!(got.windows(2).all(|w| w[0] < w[1]));
    assert!(pages >= 4);
    assert_eq!(after, 33);
    let empty = db.pull(w.clone(), after, 7).await.unwrap();
    assert_eq!(
        (empty.changes.len(), empty.next, empty.more),
        (0, 33, false)
    );
}

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

pub async fn accounts_grants_and_devices<T: TestDb>(t: &T) {
    let db = t.db();
    let (p1, p2) = (Id::new(), Id::new());
    let hash = auth::hash_password("pw").unwrap();
    let uid = db
        .add_user("w1".into(), Role::GridWorker, hash.clone(), vec![p1])
        .await
        .unwrap();
    assert!(
        matches!(
            db.add_user("w1".into(), Role::Steward, hash, vec![]).await,
            Err(Error::Conflict(_))
        ),
        "{}",
        T::NAME
    );
    let u = db.user_by_name("w1".into()).await.unwrap().unwrap();
    assert_eq!(
        (u.user_id, u.role, u.grants.clone()),
        (uid, Role::GridWorker, vec![p1])
    );
    assert!(auth::verify_password("pw", &u.password_hash).await);
    db.set_password("w1".into(), auth::hash_password("new").unwrap())
        .await
        .unwrap();
    assert!(
        auth::verify_password(
            "new",
            &db.user_by_name("w1".into())
                .await
                .unwrap()
                .unwrap()
                .password_hash
        )
        .await
    );
    assert!(matches!(
        db.set_password("nobody".into(), "x".into()).await,
        Err(Error::NotFound(_))
    ));
    assert!(db.user_by_name("nobody".into()).await.unwrap().is_none());
    db.grant("w1".into(), vec![p2, p1]).await.unwrap();
    let mut want = vec![p1, p2];
    want.sort();
    let mut got = db.user_by_name("w1".into()).await.unwrap().unwrap().grants;
    got.sort();
    assert_eq!(got, want);
    db.revoke_grants("w1".into(), vec![p1]).await.unwrap();
    assert_eq!(
        db.user_by_name("w1".into()).await.unwrap().unwrap().grants,
        vec![p2]
    );

    // a device, its token, a new token on re-enrolment, revocation
    let user = db.user_by_name("w1".into()).await.unwrap().unwrap();
    let device = Id::new();
    let (t1, t2) = (auth::new_token(), auth::new_token());
    db.enrol_device(
        user.clone(),
        device,
        "笔记本".into(),
        auth::token_hash(&t1),
        100,
    )
    .await
    .unwrap();
    let a = db.by_token(&t1).await.unwrap().unwrap();
    assert_eq!(
        (
            a.device_id,
            a.user_id,
            a.user.as_str(),
            a.revoked,
            a.grants.clone()
        ),
        (device, uid, "w1", false, vec![p2])
    );
    db.enrol_device(
        user.clone(),
        device,
        "笔记本".into(),
        auth::token_hash(&t2),
        200,
    )
    .await
    .unwrap();
    assert!(
        db.by_token(&t1).await.unwrap().is_none(),
        "the old token is gone"
    );
    assert!(db.by_token(&t2).await.unwrap().is_some());
    let list = db.list_devices().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (
            list[0].device_id,
            list[0].user.as_str(),
            list[0].name.as_str(),
            list[0].enrolled_ms,
            list[0].revoked
        ),
        (device, "w1", "笔记本", 100, false)
    );
    db.revoke_device(device).await.unwrap();
    assert!(db.by_token(&t2).await.unwrap().unwrap().revoked);
    assert!(matches!(
        db.enrol_device(
            user,
            device,
            "x".into(),
            auth::token_hash(&auth::new_token()),
            300
        )
        .await,
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        db.revoke_device(Id::new()).await,
        Err(Error::NotFound(_))
    ));
    assert!(db.list_devices().await.unwrap()[0].revoked);
}

pub async fn migrations_reopen_refuse_newer_and_foreign<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    // a restarted server finds everything, and runs no migration twice
    let again = t.reopen().await.unwrap();
    assert_eq!(
        again.export(None).await.unwrap(),
        db.export(None).await.unwrap()
    );
    assert_eq!(pull_all(&again, &tr.admin).await.len(), 0);
    let next = push(
        &again,
        &tr.admin,
        vec![place(&tr.admin, 4, Id::new(), "3栋", Some(tr.community))],
    )
    .await;
    assert_eq!(
        accepted(&next),
        vec![(4, false)],
        "{}: the sequence goes on",
        T::NAME
    );
    drop(again);
    // a schema from a newer Linli is refused, not touched
    t.pretend_newer_schema().await;
    assert!(
        matches!(t.reopen().await, Err(Error::TooNew { .. })),
        "{}",
        T::NAME
    );
    // another program's database is refused
    assert!(
        matches!(t.open_foreign().await, Err(Error::NotOurs { .. })),
        "{}",
        T::NAME
    );
}

pub async fn concurrent_pushes_get_one_gapless_sequence<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let mut devices = Vec::new();
    for i in 0..8 {
        devices.push(device(db, &format!("w{i}"), Role::GridWorker, &[tr.community]).await);
    }
    // eight laptops push five batches each at the same time, and each retries one batch
    let tasks: Vec<_> = devices
        .into_iter()
        .map(|d| {
            let db = db.clone();
            let b1 = tr.b1;
            tokio::spawn(async move {
                let mut seqs = Vec::new();
                for batch in 0..5i64 {
                    let changes: Vec<_> = (1..=3)
                        .map(|k| {
                            change(
                                &d,
                                batch * 3 + k,
                                LEDGER,
                                Id::new(),
                                json!({"account": d.user.clone(), "delta": 1}),
                                Some(b1),
                                5_000,
                            )
                        })
                        .collect();
                    let first = push(&db, &d, changes.clone()).await;
                    if batch == 2 {
                        assert_eq!(push(&db, &d, changes).await, first);
                    }
                    seqs.extend(accepted(&first).into_iter().map(|(s, _)| s));
                }
                seqs
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    all.sort_unstable();
    assert_eq!(all, (4..4 + 8 * 15).collect::<Vec<i64>>(), "{}", T::NAME);
    assert_eq!(pull_all(db, &tr.admin).await.len(), 8 * 15);
}

/// Pulls everything after `after` in pages: the server sequences seen, and the new cursor.
async fn pull_seqs<D: ServerDb>(db: &D, dev: &DeviceAuth, mut after: i64) -> (Vec<i64>, i64) {
    let mut seqs = Vec::new();
    loop {
        let page = db.pull(dev.clone(), after, 50).await.unwrap();
        seqs.extend(page.changes.iter().map(|c| c.server_seq));
        after = page.next;
        if !page.more {
            return (seqs, after);
        }
    }
}

pub async fn a_pull_during_concurrent_pushes_never_misses_a_change<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let reader = device(db, "reader", Role::Admin, &[]).await;
    let mut devices = Vec::new();
    for i in 0..6 {
        devices.push(device(db, &format!("w{i}"), Role::GridWorker, &[tr.community]).await);
    }
    // two server processes on one database: the pushers alternate between them, so the order of
    // the log is kept by the database, not by one process
    let second = t.reopen().await.unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // a laptop pulling from its cursor as fast as it can while six others push
    let follower = {
        let (db, reader, done) = (db.clone(), reader.clone(), done.clone());
        tokio::spawn(async move {
            let (mut seen, mut cursor) = (Vec::new(), 0);
            loop {
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                let (seqs, next) = pull_seqs(&db, &reader, cursor).await;
                seen.extend(seqs);
                cursor = next;
                if finished {
                    return seen;
                }
                tokio::task::yield_now().await;
            }
        })
    };
    let pushers: Vec<_> = devices
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let (db, second) = (db.clone(), second.clone());
            let b1 = tr.b1;
            tokio::spawn(async move {
                let mut seqs = Vec::new();
                for batch in 0..8i64 {
                    let db = if (i as i64 + batch) % 2 == 0 {
                        &db
                    } else {
                        &second
                    };
                    let changes: Vec<_> = (1..=2)
                        .map(|k| {
                            change(
                                &d,
                                batch * 2 + k,
                                "households",
                                Id::new(),
                                json!({"room": format!("{batch}-{k}")}),
                                Some(b1),
                                6_000,
                            )
                        })
                        .collect();
                    seqs.extend(
                        accepted(&push(db, &d, changes).await)
                            .into_iter()
                            .map(|(s, _)| s),
                    );
                }
                seqs
            })
        })
        .collect();
    let mut pushed = (1..=3).collect::<Vec<i64>>(); // the tree, pushed before
    for p in pushers {
        pushed.extend(p.await.unwrap());
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut seen = follower.await.unwrap();
    pushed.sort_unstable();
    let before = seen.len();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), before, "{}: a change was pulled twice", T::NAME);
    assert_eq!(
        seen,
        pushed,
        "{}: the follower's cursor passed a change that became visible later",
        T::NAME
    );
}

pub async fn two_counties_on_one_server_see_nothing_of_each_other<T: TestDb>(t: &T) {
    let db = t.db();
    let hash = auth::hash_password("pw").unwrap();
    let (a, b) = ("350125".to_owned(), "350102".to_owned());
    // a county id is checked; a refused one adds nothing
    for bad in ["", "a.b", "县", "has space", &"x".repeat(33)] {
        assert!(
            matches!(
                db.add_user_in(
                    bad.into(),
                    "nobody".into(),
                    Role::Admin,
                    hash.clone(),
                    vec![]
                )
                .await,
                Err(Error::Invalid(_))
            ),
            "{}: county {bad:?}",
            T::NAME
        );
    }
    assert!(db.user_by_name("nobody".into()).await.unwrap().is_none());
    // an admin and a grid worker in each county; a name is unique on the server
    for (county, admin, worker) in [(&a, "admin_a", "worker_a"), (&b, "admin_b", "worker_b")] {
        db.add_user_in(
            county.clone(),
            admin.into(),
            Role::Admin,
            hash.clone(),
            vec![],
        )
        .await
        .unwrap();
        db.add_user_in(
            county.clone(),
            worker.into(),
            Role::GridWorker,
            hash.clone(),
            vec![],
        )
        .await
        .unwrap();
    }
    assert!(
        matches!(
            db.add_user_in(
                b.clone(),
                "admin_a".into(),
                Role::Admin,
                hash.clone(),
                vec![]
            )
            .await,
            Err(Error::Conflict(_))
        ),
        "{}",
        T::NAME
    );
    assert_eq!(
        db.user_by_name("admin_a".into())
            .await
            .unwrap()
            .unwrap()
            .county,
        a
    );
    let admin_a = device(db, "admin_a", Role::Admin, &[]).await;
    let admin_b = device(db, "admin_b", Role::Admin, &[]).await;
    assert_eq!(
        (admin_a.county.as_str(), admin_b.county.as_str()),
        (a.as_str(), b.as_str())
    );

    // each county's tree, made at the same time; one place id is used in both
    let shared = Id::new();
    let (ca, cb) = (Id::new(), Id::new());
    let (ra, rb) = tokio::join!(
        db.push(
            admin_a.clone(),
            PushRequest {
                changes: vec![
                    place(&admin_a, 1, ca, "永泰县城关社区", None),
                    place(&admin_a, 2, shared, "A 1栋", Some(ca)),
                ],
                fact_tables: vec![LEDGER.into()],
            }
        ),
        db.push(
            admin_b.clone(),
            PushRequest {
                changes: vec![
                    place(&admin_b, 1, cb, "鼓楼区东街社区", None),
                    place(&admin_b, 2, shared, "B 1栋", Some(cb)),
                ],
                fact_tables: vec![LEDGER.into()],
            }
        ),
    );
    // every county has its own sequence, from 1
    assert_eq!(
        accepted(&ra.unwrap()),
        vec![(1, false), (2, false)],
        "{}",
        T::NAME
    );
    assert_eq!(
        accepted(&rb.unwrap()),
        vec![(1, false), (2, false)],
        "{}",
        T::NAME
    );
    db.grant("worker_a".into(), vec![ca]).await.unwrap();
    db.grant("worker_b".into(), vec![cb]).await.unwrap();
    let worker_a = device(db, "worker_a", Role::GridWorker, &[]).await;
    let worker_b = device(db, "worker_b", Role::GridWorker, &[]).await;
    assert_eq!(worker_a.grants, vec![ca]);

    // the same household row and the same ledger account in both counties
    let house = Id::new();
    let ledger = |dev: &DeviceAuth, seq: i64, delta: i64| {
        change(
            dev,
            seq,
            LEDGER,
            Id::new(),
            json!({"account": "志愿者甲", "delta": delta}),
            Some(shared),
            8_000 + seq as u64,
        )
    };
    let r = push(
        db,
        &worker_a,
        vec![
            change(
                &worker_a,
                1,
                "households",
                house,
                json!({"room": "A 县 1 号"}),
                Some(shared),
                7_000,
            ),
            ledger(&worker_a, 2, -1),
        ],
    )
    .await;
    assert_eq!(
        accepted(&r),
        vec![(3, false), (4, true)],
        "{}: A's overdraft",
        T::NAME
    );
    let r = push(
        db,
        &worker_b,
        vec![
            change(
                &worker_b,
                1,
                "households",
                house,
                json!({"room": "B 县 1 号"}),
                Some(shared),
                7_000,
            ),
            ledger(&worker_b, 2, 5),
            ledger(&worker_b, 3, -3),
        ],
    )
    .await;
    assert_eq!(
        accepted(&r),
        vec![(3, false), (4, false), (5, false)],
        "{}: B's balance is its own",
        T::NAME
    );
    // a worker of A naming B's community is refused: there is no such place in county A
    let r = push(
        db,
        &worker_a,
        vec![change(
            &worker_a,
            3,
            "households",
            Id::new(),
            json!({"room": "越界"}),
            Some(cb),
            7_100,
        )],
    )
    .await;
    assert_eq!(
        refused(&r[0]),
        Some(RefuseReason::OutsideGrants),
        "{}",
        T::NAME
    );

    // pulls: each sees its own county only
    let addresses = |export: &linli_server::ServerExport| {
        export
            .get("households")
            .map(|rows| {
                rows.values()
                    .map(|f| f["room"].as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    for (admin, own, other) in [
        (&admin_a, "A 县 1 号", "B 县 1 号"),
        (&admin_b, "B 县 1 号", "A 县 1 号"),
    ] {
        let page = db.pull(admin.clone(), 0, 1000).await.unwrap();
        let bodies: Vec<String> = page
            .changes
            .iter()
            .map(|c| serde_json::to_string(&c.change.fields).unwrap())
            .collect();
        assert!(bodies.iter().any(|b| b.contains(own)), "{}", T::NAME);
        assert!(
            !bodies.iter().any(|b| b.contains(other)),
            "{}: {bodies:?}",
            T::NAME
        );
        assert!(page.changes.iter().all(|c| c.server_seq <= 5));
    }
    let (ea, eb) = (
        db.export_in(a.clone(), None).await.unwrap(),
        db.export_in(b.clone(), None).await.unwrap(),
    );
    assert_eq!(addresses(&ea), vec!["A 县 1 号"], "{}", T::NAME);
    assert_eq!(addresses(&eb), vec!["B 县 1 号"], "{}", T::NAME);
    assert_eq!(ea["places"][&shared]["name"], json!("A 1栋"));
    assert_eq!(eb["places"][&shared]["name"], json!("B 1栋"));
    assert!(
        db.export(None).await.unwrap().is_empty(),
        "{}: the default county is empty",
        T::NAME
    );
    assert_eq!(
        db.needs_review_in(a.clone()).await.unwrap().len(),
        1,
        "{}",
        T::NAME
    );
    assert!(
        db.needs_review_in(b.clone()).await.unwrap().is_empty(),
        "{}",
        T::NAME
    );

    // tokens: a county's token names it; it is not found under another county
    let user = db.user_by_name("worker_b".into()).await.unwrap().unwrap();
    let laptop = Id::new();
    let token = auth::new_token_for(&user.county);
    assert!(token.starts_with("350102."), "{token}");
    db.enrol_device(
        user,
        laptop,
        "B 的笔记本".into(),
        auth::token_hash(&token),
        1,
    )
    .await
    .unwrap();
    let found = db.by_token(&token).await.unwrap().unwrap();
    assert_eq!(
        (found.device_id, found.county.as_str()),
        (laptop, b.as_str())
    );
    assert!(db
        .authenticate(a.clone(), auth::token_hash(&token))
        .await
        .unwrap()
        .is_none());
    // devices are listed and revoked per county
    let listed = |v: Vec<linli_server::DeviceInfo>| {
        let mut names: Vec<String> = v.into_iter().map(|d| d.user).collect();
        names.sort();
        names
    };
    assert_eq!(
        listed(db.list_devices_in(a.clone()).await.unwrap()),
        ["admin_a", "worker_a"]
    );
    assert_eq!(
        listed(db.list_devices_in(b.clone()).await.unwrap()),
        ["admin_b", "worker_b", "worker_b"]
    );
    assert!(db.list_devices().await.unwrap().is_empty());
    assert!(matches!(
        db.revoke_device_in(a.clone(), laptop).await,
        Err(Error::NotFound(_))
    ));
    assert!(!db.by_token(&token).await.unwrap().unwrap().revoked);
    db.revoke_device_in(b.clone(), laptop).await.unwrap();
    assert!(db.by_token(&token).await.unwrap().unwrap().revoked);
}

pub async fn blobs_are_kept_once_and_handed_out_within_scope<T: TestDb>(t: &T) {
    use linli_server::{BlobGet, BlobPut};
    let db = t.db();
    let tr = tree(db).await;
    let w1 = device(db, "w1", Role::GridWorker, &[tr.b1]).await;
    let w2 = device(db, "w2", Role::Steward, &[tr.b2]).await;
    let photo = b"\x89PNG\r\n\x1a\n a photo of the mended stair light".to_vec();
    let hash = auth::sha256_hex(&photo);
    let other = auth::sha256_hex(b"another photo");
    let r = push(
        db,
        &w1,
        vec![change(
            &w1,
            1,
            "attachments",
            Id::new(),
            json!({"owner_table": "tasks", "owner_id": Id::new().to_string(), "hash": hash,
                   "size": photo.len(), "mime": "image/png", "name": "after.png"}),
            Some(tr.b1),
            5_000,
        )],
    )
    .await;
    assert_eq!(accepted(&r).len(), 1, "{}", T::NAME);

    // nothing held yet; the row is there but its bytes are not
    let both = vec![hash.clone(), other.clone()];
    assert_eq!(
        db.blobs_missing(w1.clone(), both.clone()).await.unwrap(),
        both
    );
    assert_eq!(
        db.get_blob(w1.clone(), hash.clone()).await.unwrap(),
        BlobGet::NotYet
    );
    // another building's steward may not upload it, and bytes no row names are not kept
    assert_eq!(
        db.put_blob(w2.clone(), hash.clone(), photo.clone())
            .await
            .unwrap(),
        BlobPut::OutOfScope,
        "{}",
        T::NAME
    );
    assert_eq!(
        db.put_blob(w1.clone(), other.clone(), b"another photo".to_vec())
            .await
            .unwrap(),
        BlobPut::OutOfScope
    );
    assert_eq!(
        db.blobs_missing(w1.clone(), both.clone()).await.unwrap(),
        both
    );

    // stored once; a second upload is a no-op
    assert_eq!(
        db.put_blob(w1.clone(), hash.clone(), photo.clone())
            .await
            .unwrap(),
        BlobPut::Stored(true)
    );
    assert_eq!(
        db.put_blob(w1.clone(), hash.clone(), photo.clone())
            .await
            .unwrap(),
        BlobPut::Stored(false)
    );
    assert_eq!(
        db.blobs_missing(w1.clone(), both.clone()).await.unwrap(),
        vec![other.clone()]
    );

    // handed out byte-identical within scope (the county admin sees all), not outside it
    for dev in [&w1, &tr.admin] {
        assert_eq!(
            db.get_blob(dev.clone(), hash.clone()).await.unwrap(),
            BlobGet::Found(photo.clone()),
            "{}",
            T::NAME
        );
    }
    assert_eq!(
        db.get_blob(w2.clone(), hash.clone()).await.unwrap(),
        BlobGet::OutOfScope,
        "{}",
        T::NAME
    );

    // a restarted server still has it
    let again = t.reopen().await.unwrap();
    assert_eq!(
        again.get_blob(w1.clone(), hash.clone()).await.unwrap(),
        BlobGet::Found(photo)
    );
}
