//! Accounts, grants and devices; migrations on reopening.

use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_server::{auth, Error, ServerDb};
use linli_tests::backends::TestDb;

use crate::conformance::support::*;

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
