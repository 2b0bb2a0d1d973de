//! Accounts over time on every backend (issue 17): disabling and enabling a user, revoking a
//! user's tokens (its devices stay enrolled and can sign in again), idle expiry with last-seen
//! marked by use, and the audit log in order and from a date on. Plus, on PostgreSQL: the
//! connection goes over TLS verified against the cluster's CA when it serves TLS, a wrong CA is
//! refused, and the audit table refuses to be changed.

use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_server::{auth, Accounts, AuditEntry, DeviceCheck, Error, ServerDb};
use linli_tests::backends::TestDb;

const DAY: i64 = 86_400_000;

pub async fn accounts_disable_revoke_expire_and_audit<T: TestDb>(t: &T) {
    let db = t.db();
    db.add_user("w1".into(), Role::GridWorker, "h".into(), vec![])
        .await
        .unwrap();
    let w1 = db.user_by_name("w1".into()).await.unwrap().unwrap();
    let (dev, token) = (Id::new(), auth::new_token_for(&w1.county));
    let now = 1_000 * DAY;
    db.enrol_device(
        w1.clone(),
        dev,
        "laptop".into(),
        auth::token_hash(&token),
        now,
    )
    .await
    .unwrap();
    let county = w1.county.clone();
    let check = |at: i64, idle: i64| db.device_check(county.clone(), dev, at, idle);

    // in use: active, and marked seen
    assert_eq!(
        check(now + DAY, 90 * DAY).await.unwrap(),
        DeviceCheck::Active
    );
    let seen = db.list_devices_in(county.clone()).await.unwrap()[0].last_seen_ms;
    assert_eq!(seen, Some(now + DAY), "{}", T::NAME);
    // idle longer than allowed since it was last seen: expired, and it stays so
    assert_eq!(
        check(now + 92 * DAY, 90 * DAY).await.unwrap(),
        DeviceCheck::Expired
    );
    assert_eq!(
        check(now + 92 * DAY, 90 * DAY).await.unwrap(),
        DeviceCheck::Expired
    );
    // a sign-in marks it used again
    db.mark_seen(county.clone(), dev, now + 92 * DAY)
        .await
        .unwrap();
    assert_eq!(
        check(now + 93 * DAY, 90 * DAY).await.unwrap(),
        DeviceCheck::Active
    );

    // disabled: refused, and enabling lets it back
    assert!(!db.user_disabled("w1".into()).await.unwrap());
    db.set_user_disabled("w1".into(), true).await.unwrap();
    assert!(db.user_disabled("w1".into()).await.unwrap());
    assert_eq!(
        check(now + 93 * DAY, 90 * DAY).await.unwrap(),
        DeviceCheck::Disabled
    );
    db.set_user_disabled("w1".into(), false).await.unwrap();
    assert_eq!(
        check(now + 93 * DAY, 90 * DAY).await.unwrap(),
        DeviceCheck::Active
    );
    assert!(matches!(
        db.set_user_disabled("nobody".into(), true).await,
        Err(Error::NotFound(_))
    ));
    assert!(!db.user_disabled("nobody".into()).await.unwrap());

    // the user's tokens revoked: the token finds nothing, the device is still enrolled and not
    // revoked, and a new sign-in enrols it again
    let (c, h) = auth::token_key(&token);
    assert!(db
        .authenticate(c.clone(), h.clone())
        .await
        .unwrap()
        .is_some());
    assert_eq!(db.revoke_user_tokens("w1".into()).await.unwrap(), 1);
    assert_eq!(
        db.revoke_user_tokens("w1".into()).await.unwrap(),
        0,
        "{}",
        T::NAME
    );
    assert!(db.authenticate(c, h).await.unwrap().is_none());
    let devices = db.list_devices_in(county.clone()).await.unwrap();
    assert_eq!(devices.len(), 1);
    assert!(!devices[0].revoked);
    let again = auth::new_token_for(&w1.county);
    db.enrol_device(w1, dev, "laptop".into(), auth::token_hash(&again), now)
        .await
        .unwrap();
    let (c, h) = auth::token_key(&again);
    assert!(db.authenticate(c, h).await.unwrap().is_some());

    // the audit log: in order, and from a date on
    let entry = |at_ms: i64, action: &str, target: &str| AuditEntry {
        at_ms,
        actor: "root@county-vm".into(),
        action: action.into(),
        county: county.clone(),
        target: target.into(),
        detail: String::new(),
    };
    let rows = vec![
        entry(now, "user.add", "w1"),
        entry(now + DAY, "user.disable", "w1"),
        entry(now + 2 * DAY, "user.enable", "w1"),
    ];
    for r in &rows {
        db.append_audit(r.clone()).await.unwrap();
    }
    assert_eq!(db.audit_log(None).await.unwrap(), rows, "{}", T::NAME);
    assert_eq!(db.audit_log(Some(now + DAY)).await.unwrap(), rows[1..]);
    assert!(db.audit_log(Some(now + 3 * DAY)).await.unwrap().is_empty());
}

/// PostgreSQL only: the server's connections are TLS, verified against the cluster's CA, when
/// the cluster serves TLS; a CA that did not sign its certificate is refused; the audit table
/// cannot be changed.
pub async fn postgres_over_tls_and_an_append_only_audit(url: &str) {
    let db = linli_server::AnyDb::open(&linli_tests::pg::server_url(url))
        .await
        .unwrap();
    db.append_audit(AuditEntry {
        at_ms: 1,
        actor: "a".into(),
        action: "user.add".into(),
        county: "default".into(),
        target: "w".into(),
        detail: String::new(),
    })
    .await
    .unwrap();
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let name = url.rsplit_once('/').unwrap().1;
    if linli_tests::pg::tls_params().is_some() {
        let tls: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
                 WHERE a.datname = $1 AND s.ssl",
                &[&name],
            )
            .await
            .unwrap()
            .get(0);
        assert!(tls > 0, "the server's connections use TLS");
        let dir = tempfile::tempdir().unwrap();
        let wrong = wrong_ca(dir.path());
        let refused = linli_server::PgDb::connect(&format!(
            "{url}?sslmode=verify-full&sslrootcert={}",
            wrong.display()
        ))
        .await;
        assert!(
            refused.is_err(),
            "a CA that did not sign the certificate is refused"
        );
    } else {
        eprintln!("postgres_over_tls: the cluster serves no TLS (LINLI_TEST_PG_TLS unset); checked the audit table only");
    }
    for sql in [
        "UPDATE audit SET actor = 'x'",
        "DELETE FROM audit",
        "TRUNCATE audit",
    ] {
        let err = client.batch_execute(sql).await.unwrap_err();
        let shown = format!("{err:?}");
        assert!(shown.contains("append-only"), "{sql}: {shown}");
    }
    drop(db);
}

/// A fresh self-signed CA (Debian's openssl) that signed nothing of the test cluster's.
fn wrong_ca(dir: &std::path::Path) -> std::path::PathBuf {
    let status = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "wrong.key",
            "-out",
            "wrong.pem",
            "-days",
            "2",
            "-subj",
            "/CN=wrong CA",
        ])
        .current_dir(dir)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("openssl runs");
    assert!(status.success());
    dir.join("wrong.pem")
}
