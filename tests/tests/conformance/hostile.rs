//! What one enrolled device speaking the protocol by hand must not be able to do (issue 13): poison
//! a page with a value no laptop can store, win forever with a clock from the future, take over
//! another user's device, replace an acknowledged change by retrying its sequence, move a place out
//! of sight, file a fact as an entity, or see the county because its grants are empty.

use linli_domain::{Hlc, Id};
use linli_protocol::sync::{ChangeOutcome, ChangeResult, PushRequest, RefuseReason, Role};
use linli_server::{auth, Error, ServerDb};
use linli_tests::backends::TestDb;
use serde_json::{json, Value};

use crate::conformance::support::*;

fn message(r: &ChangeResult) -> String {
    match &r.outcome {
        ChangeOutcome::Refused { message, .. } => message.clone(),
        ChangeOutcome::Accepted { .. } => String::new(),
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// Pushes with the fact tables the client claims.
async fn push_claiming<D: ServerDb>(
    db: &D,
    dev: &linli_server::DeviceAuth,
    changes: Vec<linli_protocol::sync::Change>,
    fact_tables: &[&str],
) -> Vec<ChangeResult> {
    db.push(
        dev.clone(),
        PushRequest {
            changes,
            fact_tables: fact_tables.iter().map(|t| (*t).to_owned()).collect(),
        },
    )
    .await
    .unwrap()
}

pub async fn a_value_no_laptop_can_store_is_refused_naming_table_and_field<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let w = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let hh = |seq: i64, fields: Value| {
        change(&w, seq, "households", Id::new(), fields, Some(tr.b1), 5_000)
    };
    let many: serde_json::Map<String, Value> =
        (0..65).map(|i| (format!("f{i}"), json!(1))).collect();
    let r = push(
        db,
        &w,
        vec![
            hh(1, json!({"room": "101", "floating": true, "tags": "[]"})),
            hh(2, json!({"room": null})),
            hh(3, json!({"floating": "很多"})),
            hh(4, json!({"no_such_field": "x"})),
            change(
                &w,
                5,
                "no_such_table",
                Id::new(),
                json!({"a": "x"}),
                Some(tr.b1),
                5_000,
            ),
            hh(6, Value::Object(many)),
            hh(7, json!({"notes": "长".repeat(30_000)})),
            hh(8, json!({"moved_out": null, "notes": "可以为空的字段"})),
        ],
    )
    .await;
    assert_eq!(refused(&r[0]), None, "{}: {:?}", T::NAME, r[0]);
    assert_eq!(refused(&r[7]), None, "{}: {:?}", T::NAME, r[7]);
    for (i, want) in [
        (1, "room"),
        (2, "floating"),
        (3, "no_such_field"),
        (4, "no_such_table"),
        (5, "64"),
        (6, "notes"),
    ] {
        assert_eq!(
            refused(&r[i]),
            Some(RefuseReason::Invalid),
            "{}: change {i}: {:?}",
            T::NAME,
            r[i]
        );
        assert!(
            message(&r[i]).contains(want),
            "{}: change {i} names {want}: {}",
            T::NAME,
            message(&r[i])
        );
    }
    assert_eq!(pull_all(db, &tr.admin).await.len(), 2, "{}", T::NAME);
}

pub async fn a_clock_from_the_future_is_refused<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let w = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let row = Id::new();
    let ten_years = now_ms() + 10 * 365 * 86_400_000;
    let mut far = change(
        &w,
        1,
        "households",
        row,
        json!({"room": "未来"}),
        Some(tr.b1),
        0,
    );
    far.hlc = Hlc::new(ten_years, 0);
    let mut overflow = change(
        &w,
        2,
        "households",
        row,
        json!({"room": "溢出"}),
        Some(tr.b1),
        0,
    );
    overflow.hlc = Hlc::new(u64::MAX, u32::MAX);
    let mut soon = change(
        &w,
        3,
        "households",
        row,
        json!({"room": "101"}),
        Some(tr.b1),
        0,
    );
    soon.hlc = Hlc::new(now_ms() + 3_600_000, 0);
    let r = push(db, &w, vec![far, overflow, soon]).await;
    assert_eq!(refused(&r[0]), Some(RefuseReason::Invalid), "{}", T::NAME);
    assert!(message(&r[0]).contains("clock"), "{}", message(&r[0]));
    assert_eq!(refused(&r[1]), Some(RefuseReason::Invalid), "{}", T::NAME);
    assert_eq!(refused(&r[2]), None, "{}: an hour ahead is fine", T::NAME);
    // an administrator's correction a moment later wins
    let fix = change(
        &tr.admin,
        4,
        "households",
        row,
        json!({"room": "102"}),
        Some(tr.b1),
        now_ms() + 3_600_001,
    );
    accepted(&push(db, &tr.admin, vec![fix]).await);
    assert_eq!(
        db.export(None).await.unwrap()["households"][&row]["room"],
        json!("102"),
        "{}",
        T::NAME
    );
}

pub async fn a_device_of_another_user_is_not_taken_over<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let owner = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    accepted(
        &push(
            db,
            &owner,
            vec![change(
                &owner,
                1,
                "households",
                Id::new(),
                json!({"room": "1"}),
                Some(tr.b1),
                5_000,
            )],
        )
        .await,
    );
    db.add_user(
        "mallory".into(),
        Role::GridWorker,
        "x".into(),
        vec![tr.community],
    )
    .await
    .unwrap();
    let mallory = db.user_by_name("mallory".into()).await.unwrap().unwrap();
    let stolen = db
        .enrol_device(
            mallory,
            owner.device_id,
            "not mine".into(),
            auth::token_hash(&auth::new_token()),
            2,
        )
        .await;
    match stolen {
        Err(Error::Conflict(m)) => assert!(m.contains("another user"), "{}: {m}", T::NAME),
        other => panic!("{}: enrolling another user's device: {other:?}", T::NAME),
    }
    // the owner still syncs, and re-enrolling the owner's own device answers its last sequence
    accepted(
        &push(
            db,
            &owner,
            vec![change(
                &owner,
                2,
                "households",
                Id::new(),
                json!({"room": "2"}),
                Some(tr.b1),
                5_001,
            )],
        )
        .await,
    );
    let me = db.user_by_name("w1".into()).await.unwrap().unwrap();
    let last = db
        .enrol_device(
            me,
            owner.device_id,
            "mine".into(),
            auth::token_hash(&auth::new_token()),
            3,
        )
        .await
        .unwrap();
    assert_eq!(last, 2, "{}", T::NAME);
}

pub async fn a_sequence_retried_with_another_change_is_a_conflict<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let w = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let first = change(
        &w,
        1,
        "households",
        Id::new(),
        json!({"room": "1"}),
        Some(tr.b1),
        5_000,
    );
    let a = accepted(&push(db, &w, vec![first.clone()]).await);
    // the same (device, seq), another change: a copied laptop file, or a restored backup
    let other = change(
        &w,
        1,
        "households",
        Id::new(),
        json!({"room": "2"}),
        Some(tr.b1),
        6_000,
    );
    let r = push(db, &w, vec![other.clone(), first.clone()]).await;
    assert_eq!(
        refused(&r[0]),
        Some(RefuseReason::SeqConflict),
        "{}",
        T::NAME
    );
    assert_eq!(
        accepted(&r[1..]),
        a,
        "{}: a true retry is still answered",
        T::NAME
    );
    // within one batch too
    let (x, mut y) = (
        change(
            &w,
            2,
            "households",
            Id::new(),
            json!({"room": "3"}),
            Some(tr.b1),
            7_000,
        ),
        change(
            &w,
            2,
            "households",
            Id::new(),
            json!({"room": "4"}),
            Some(tr.b1),
            7_000,
        ),
    );
    y.device_seq = 2;
    let r = push(db, &w, vec![x, y]).await;
    assert_eq!(refused(&r[0]), None, "{}", T::NAME);
    assert_eq!(
        refused(&r[1]),
        Some(RefuseReason::SeqConflict),
        "{}",
        T::NAME
    );
    // a refused change's number is taken too: the other copy cannot slip a change in under it
    let poison = change(
        &w,
        3,
        "households",
        Id::new(),
        json!({"room": null}),
        Some(tr.b1),
        8_000,
    );
    let mut slipped = poison.clone();
    slipped.change_id = Id::new();
    slipped.fields = [("room".to_owned(), json!("5"))].into();
    assert_eq!(
        refused(&push(db, &w, vec![poison]).await[0]),
        Some(RefuseReason::Invalid)
    );
    assert_eq!(
        refused(&push(db, &w, vec![slipped]).await[0]),
        Some(RefuseReason::SeqConflict),
        "{}",
        T::NAME
    );
    let export = db.export(None).await.unwrap();
    assert!(
        !export["households"].contains_key(&other.row_id),
        "{}",
        T::NAME
    );
}

/// town ─ community 1 ─ building 1 ─ …; town ─ community 2 ─ building 2. The worker has community 1.
pub async fn places_move_only_within_sight<T: TestDb>(t: &T) {
    let db = t.db();
    let admin = device(db, "admin", Role::Admin, &[]).await;
    let (town, c1, c2, b1, b2, b1b) = (
        Id::new(),
        Id::new(),
        Id::new(),
        Id::new(),
        Id::new(),
        Id::new(),
    );
    accepted(
        &push(
            db,
            &admin,
            vec![
                place(&admin, 1, town, "城关镇", None),
                place(&admin, 2, c1, "北门社区", Some(town)),
                place(&admin, 3, c2, "南门社区", Some(town)),
                place(&admin, 4, b1, "1栋", Some(c1)),
                place(&admin, 5, b2, "2栋", Some(c2)),
                place(&admin, 6, b1b, "3栋", Some(c1)),
            ],
        )
        .await,
    );
    let w = device(db, "w1", Role::GridWorker, &[c1]).await;
    let unit = Id::new();
    accepted(&push(db, &w, vec![place(&w, 1, unit, "1单元", Some(b1))]).await);
    let mv = |seq: i64, row: Id, parent: Value| {
        change(
            &w,
            seq,
            "places",
            row,
            json!({ "parent_id": parent }),
            None,
            9_000 + seq as u64,
        )
    };
    let r = push(
        db,
        &w,
        vec![
            mv(2, c1, Value::Null),                  // out from under the town
            mv(3, c1, json!(Id::new().to_string())), // under a place nobody knows
            mv(4, c1, json!(c2.to_string())),        // a granted root under another's
            mv(5, unit, json!(b2.to_string())),      // into another community's building
            mv(6, b1, json!(unit.to_string())),      // under its own child
            mv(7, b1, json!(b1.to_string())),        // under itself
            mv(8, unit, json!(b1b.to_string())),     // within sight: fine
        ],
    )
    .await;
    for (i, x) in r.iter().enumerate().take(6) {
        assert!(
            refused(x).is_some(),
            "{}: move {i} accepted: {x:?}",
            T::NAME
        );
    }
    assert_eq!(refused(&r[6]), None, "{}: {:?}", T::NAME, r[6]);
    let places = &db.export(None).await.unwrap()["places"];
    assert_eq!(
        places[&c1]["parent_id"],
        json!(town.to_string()),
        "{}",
        T::NAME
    );
    assert_eq!(
        places[&b1]["parent_id"],
        json!(c1.to_string()),
        "{}",
        T::NAME
    );
    assert_eq!(
        places[&unit]["parent_id"],
        json!(b1b.to_string()),
        "{}",
        T::NAME
    );
    // the community administrator still sees community 1 and everything the worker made in it
    let seen: Vec<Id> = pull_all(db, &device(db, "ca", Role::Admin, &[town]).await)
        .await
        .into_iter()
        .map(|s| s.1)
        .collect();
    assert!(seen.contains(&c1) && seen.contains(&unit), "{}", T::NAME);
    // a county-wide administrator may move a community to the top
    accepted(
        &push(
            db,
            &admin,
            vec![change(
                &admin,
                7,
                "places",
                c2,
                json!({"parent_id": null}),
                None,
                9_100,
            )],
        )
        .await,
    );
}

pub async fn the_server_decides_what_is_a_fact<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let w = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let visit = Id::new();
    let fields = json!({"household_id": Id::new().to_string(), "at": "2026-01-01T10:00:00", "findings": "好"});
    // `visits` left out of fact_tables, then `households` claimed as a fact
    let r = push_claiming(
        db,
        &w,
        vec![
            change(&w, 1, "visits", visit, fields.clone(), Some(tr.b1), 5_000),
            change(
                &w,
                2,
                "households",
                Id::new(),
                json!({"room": "1"}),
                Some(tr.b1),
                5_000,
            ),
        ],
        &["households"],
    )
    .await;
    assert_eq!(refused(&r[0]), Some(RefuseReason::Invalid), "{}", T::NAME);
    assert_eq!(refused(&r[1]), Some(RefuseReason::Invalid), "{}", T::NAME);
    assert!(message(&r[0]).contains("visits"), "{}", message(&r[0]));
    // said right, it is a fact: recorded once, never rewritten
    accepted(
        &push_claiming(
            db,
            &w,
            vec![change(&w, 3, "visits", visit, fields, Some(tr.b1), 5_000)],
            &["visits"],
        )
        .await,
    );
    let r = push_claiming(
        db,
        &w,
        vec![change(
            &w,
            4,
            "visits",
            visit,
            json!({"findings": "改了"}),
            Some(tr.b1),
            6_000,
        )],
        &[],
    )
    .await;
    assert_eq!(refused(&r[0]), Some(RefuseReason::Invalid), "{}", T::NAME);
    assert_eq!(
        db.export(None).await.unwrap()["visits"][&visit]["findings"],
        json!("好"),
        "{}",
        T::NAME
    );
}

pub async fn county_wide_sight_is_explicit<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let row = Id::new();
    accepted(
        &push(
            db,
            &tr.admin,
            vec![change(
                &tr.admin,
                4,
                "households",
                row,
                json!({"room": "1"}),
                Some(tr.b1),
                5_000,
            )],
        )
        .await,
    );
    // an administrator without grants and without the flag sees and writes nothing
    db.add_user("plain".into(), Role::Admin, "x".into(), vec![])
        .await
        .unwrap();
    let plain = enrolled(db, "plain").await;
    assert!(!plain.county_wide, "{}", T::NAME);
    assert!(pull_all(db, &plain).await.is_empty(), "{}", T::NAME);
    let r = push(
        db,
        &plain,
        vec![change(
            &plain,
            1,
            "households",
            row,
            json!({"room": "2"}),
            Some(tr.b1),
            6_000,
        )],
    )
    .await;
    assert_eq!(
        refused(&r[0]),
        Some(RefuseReason::OutsideGrants),
        "{}",
        T::NAME
    );
    // the flag is kept on the user
    db.set_county_wide("plain".into(), true).await.unwrap();
    let wide = enrolled(db, "plain").await;
    assert!(wide.county_wide, "{}", T::NAME);
    assert_eq!(pull_all(db, &wide).await.len(), 4, "{}", T::NAME);
    // revoking a worker's last grant leaves nothing
    let w = device(db, "w1", Role::GridWorker, &[tr.b1]).await;
    assert!(!pull_all(db, &w).await.is_empty());
    db.revoke_grants("w1".into(), vec![tr.b1]).await.unwrap();
    let w = enrolled(db, "w1").await;
    assert!(pull_all(db, &w).await.is_empty(), "{}", T::NAME);
    db.add_user("admin2".into(), Role::Admin, "x".into(), vec![tr.b2])
        .await
        .unwrap();
    db.revoke_grants("admin2".into(), vec![tr.b2])
        .await
        .unwrap();
    let a2 = enrolled(db, "admin2").await;
    assert!(
        pull_all(db, &a2).await.is_empty(),
        "{}: no grants is not the county",
        T::NAME
    );
}

/// A fresh device of an existing user, as the server authenticates it.
async fn enrolled<D: ServerDb>(db: &D, user: &str) -> linli_server::DeviceAuth {
    let record = db.user_by_name(user.into()).await.unwrap().unwrap();
    let token = auth::new_token_for(&record.county);
    db.enrol_device(record, Id::new(), "x".into(), auth::token_hash(&token), 1)
        .await
        .unwrap();
    db.by_token(&token).await.unwrap().unwrap()
}

/// A laptop that took a new device id after a `seq_conflict` re-sends, under the new id, the
/// changes the server had accepted under the old one (the answer was lost: it could not know).
/// A fact sent again unchanged is accepted and counted once; with another value it is refused.
pub async fn a_fact_sent_again_unchanged_is_accepted_and_counted_once<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let old = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let new = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let fact = Id::new();
    let body = json!({"account": "张三", "delta": 5});
    accepted(
        &push(
            db,
            &old,
            vec![change(
                &old,
                1,
                LEDGER,
                fact,
                body.clone(),
                Some(tr.b1),
                5_000,
            )],
        )
        .await,
    );
    let again = push(
        db,
        &new,
        vec![
            change(&new, 1, LEDGER, fact, body, Some(tr.b1), 6_000),
            change(
                &new,
                2,
                LEDGER,
                fact,
                json!({"account": "张三", "delta": 50}),
                Some(tr.b1),
                6_001,
            ),
        ],
    )
    .await;
    assert_eq!(
        again.iter().map(refused).collect::<Vec<_>>(),
        [None, Some(RefuseReason::Invalid)],
        "{}: {again:?}",
        T::NAME
    );
    // the account holds 5, not 10: an entry of -7 overdraws it and is marked for review
    let marks = accepted(
        &push(
            db,
            &new,
            vec![change(
                &new,
                3,
                LEDGER,
                Id::new(),
                json!({"account": "张三", "delta": -7}),
                Some(tr.b1),
                6_002,
            )],
        )
        .await,
    );
    assert!(
        marks[0].1,
        "{}: the resent entry was counted twice",
        T::NAME
    );
}
