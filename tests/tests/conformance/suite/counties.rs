//! Two counties on one server see nothing of each other.

use linli_domain::Id;
use linli_protocol::sync::{PushRequest, RefuseReason, Role};
use linli_server::{auth, DeviceAuth, Error, ServerDb};
use linli_tests::backends::TestDb;
use serde_json::json;

use crate::conformance::support::*;

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
