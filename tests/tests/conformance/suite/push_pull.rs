//! Pushes stamped in order and pulled by others, retried batches, last writer wins, pages.

use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_server::ServerDb;
use linli_tests::backends::TestDb;
use serde_json::json;

use crate::conformance::support::*;

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
