//! Sign-in that withstands guessing and accounts over time (issue 17), over real HTTP on
//! 127.0.0.1: guessing is slowed to 429 with a growing `Retry-After` while other users sign in,
//! and the right password works once the wait is over; oversized sign-ins are refused; a disabled
//! user's laptop gets 403 at its next request; a password change makes the user's laptops sign in
//! again; an idle token expires; pulls count as use; request ids do not carry the process id; the
//! database file is private to its owner.

use std::time::Duration;

use linli_domain::Id;
use linli_protocol::sync::{
    EnrolRequest, EnrolResponse, PullRequest, Role, SyncError, VERSION_HEADER,
};
use linli_server::{auth, Accounts, ServerDb, Settings, SqliteDb};
use linli_tests::{Spawn, TestServer};

type Srv = TestServer;

fn start(settings: Settings) -> Srv {
    Spawn::new().settings(settings).start()
}

/// A grid worker with no grants and the password given.
fn user(s: &Srv, name: &str, password: &str) {
    s.user_with(name, password, Role::GridWorker, &[]);
}

/// An answer: status, `Retry-After`, the error (if any) and the body.
struct Answer {
    status: u16,
    retry_after: Option<u64>,
    error: Option<SyncError>,
    body: Vec<u8>,
    request_id: String,
}

fn post(url: &str, token: Option<&str>, body: &[u8]) -> Answer {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut r = agent
        .post(url)
        .header(VERSION_HEADER, "1")
        .header("content-encoding", "zstd");
    if let Some(t) = token {
        r = r.header("authorization", format!("Bearer {t}"));
    }
    let mut resp = r.send(body).unwrap();
    let header = |n: &str| {
        resp.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let retry_after = header("retry-after").and_then(|v| v.parse().ok());
    let request_id = header("x-request-id").unwrap_or_default();
    let status = resp.status().as_u16();
    let body = resp.body_mut().read_to_vec().unwrap();
    Answer {
        status,
        retry_after,
        error: serde_json::from_slice(&body).ok(),
        body,
        request_id,
    }
}

fn zstd<T: serde::Serialize>(v: &T) -> Vec<u8> {
    zstd::bulk::compress(&serde_json::to_vec(v).unwrap(), 3).unwrap()
}

fn enrol(s: &Srv, user: &str, password: &str, device: Id) -> Answer {
    post(
        &format!("{}/v1/enrol", s.url),
        None,
        &zstd(&EnrolRequest {
            user: user.into(),
            password: password.into(),
            device_id: device,
            device_name: "t".into(),
        }),
    )
}

fn token(a: &Answer) -> String {
    assert_eq!(a.status, 200, "{:?}", a.error);
    let resp: EnrolResponse =
        serde_json::from_slice(&zstd::stream::decode_all(&a.body[..]).unwrap()).unwrap();
    resp.token
}

fn pull(s: &Srv, token: &str) -> Answer {
    post(
        &format!("{}/v1/pull", s.url),
        Some(token),
        &zstd(&PullRequest {
            after: 0,
            limit: 10,
            own_seq: None,
        }),
    )
}

fn kind(a: &Answer) -> &str {
    a.error.as_ref().map_or("", |e| e.kind.as_str())
}

#[test]
fn guessing_is_slowed_to_429_and_the_right_password_works_after_the_wait() {
    let s = start(Settings {
        free_failures_user: 3,
        backoff: Duration::from_millis(400),
        ..Settings::default()
    });
    user(&s, "wang", "right password");
    user(&s, "li", "li's password");
    let dev = Id::new();
    for _ in 0..4 {
        let a = enrol(&s, "wang", "guess", dev);
        assert_eq!((a.status, kind(&a)), (401, "wrong_password"));
    }
    // the fourth failure made the next attempt wait: even the right password waits
    let a = enrol(&s, "wang", "right password", dev);
    assert_eq!(a.status, 429, "{:?}", a.error);
    assert_eq!(kind(&a), "slow_down");
    assert_eq!(a.retry_after, Some(1));
    let message = a.error.unwrap().message;
    assert!(message.contains("1 秒后再试"), "{message}");
    // another user from the same address is not held up
    token(&enrol(&s, "li", "li's password", Id::new()));

    // the wait passes: the right password works, and starts the count afresh
    std::thread::sleep(Duration::from_millis(450));
    token(&enrol(&s, "wang", "right password", dev));
    let a = enrol(&s, "wang", "guess", dev);
    assert_eq!(a.status, 401);

    // guessing on: each failure past the free ones doubles the wait
    for _ in 0..3 {
        enrol(&s, "wang", "guess", dev);
    }
    let a = enrol(&s, "wang", "guess", dev);
    assert_eq!(a.status, 429);
    std::thread::sleep(Duration::from_millis(450));
    assert_eq!(enrol(&s, "wang", "guess", dev).status, 401);
    let a = enrol(&s, "wang", "guess", dev);
    assert_eq!(a.status, 429, "the wait grew past 400 ms");
}

#[test]
fn oversized_sign_ins_are_refused() {
    let s = start(Settings::default());
    user(&s, "wang", "right password");
    let a = enrol(&s, "wang", &"x".repeat(300), Id::new());
    assert_eq!(a.status, 400);
    assert!(a.error.unwrap().message.contains("256"));
    // a body past 4 KiB (an incompressible device name) is refused before it is read
    let noise: String = (0..6000)
        .map(|i| char::from(b'a' + ((i * 7919 + i / 3) % 26) as u8))
        .collect();
    let a = post(
        &format!("{}/v1/enrol", s.url),
        None,
        &zstd(&EnrolRequest {
            user: "wang".into(),
            password: "right password".into(),
            device_id: Id::new(),
            device_name: noise,
        }),
    );
    assert_eq!(a.status, 413, "{:?}", a.error);
    assert!(a.error.unwrap().message.contains("登录请求太大"));
    assert!(auth::check_new_password("short").is_err());
    assert!(auth::check_new_password("八个字符的密码啊").is_ok());
    assert!(auth::check_new_password(&"x".repeat(257)).is_err());
}

#[test]
fn a_disabled_users_laptop_gets_403_at_its_next_request_and_cannot_enrol() {
    let s = start(Settings::default());
    user(&s, "wang", "right password");
    let t = token(&enrol(&s, "wang", "right password", Id::new()));
    assert_eq!(pull(&s, &t).status, 200);

    s.block_on(s.db().set_user_disabled("wang".into(), true))
        .unwrap();
    let a = pull(&s, &t);
    assert_eq!((a.status, kind(&a)), (403, "disabled"));
    assert!(a.error.unwrap().message.contains("已被管理员停用"));
    let a = enrol(&s, "wang", "right password", Id::new());
    assert_eq!((a.status, kind(&a)), (403, "disabled"));

    s.block_on(s.db().set_user_disabled("wang".into(), false))
        .unwrap();
    assert_eq!(
        pull(&s, &t).status,
        200,
        "enabled again, the same token works"
    );
}

#[test]
fn a_password_change_makes_the_users_laptops_sign_in_again() {
    let s = start(Settings::default());
    user(&s, "wang", "right password");
    user(&s, "li", "li's password");
    let dev = Id::new();
    let t = token(&enrol(&s, "wang", "right password", dev));
    let other = token(&enrol(&s, "li", "li's password", Id::new()));
    let n = s
        .block_on(s.db().revoke_user_tokens("wang".into()))
        .unwrap();
    assert_eq!(n, 1);
    let a = pull(&s, &t);
    assert_eq!(a.status, 401, "{:?}", a.error);
    assert_eq!(pull(&s, &other).status, 200, "other users are untouched");
    // signing in again enrols the same laptop with a new token
    let t2 = token(&enrol(&s, "wang", "right password", dev));
    assert_eq!(pull(&s, &t2).status, 200);
    assert_eq!(pull(&s, &t).status, 401);
}

#[test]
fn an_idle_token_expires_and_pulls_count_as_use() {
    let s = start(Settings {
        token_idle: Duration::from_millis(600),
        ..Settings::default()
    });
    user(&s, "wang", "right password");
    let dev = Id::new();
    let t = token(&enrol(&s, "wang", "right password", dev));
    assert_eq!(pull(&s, &t).status, 200);
    let seen = s.block_on(s.db().list_devices()).unwrap();
    assert!(
        seen[0].last_seen_ms.is_some(),
        "a pull marks the device seen"
    );
    std::thread::sleep(Duration::from_millis(800));
    let a = pull(&s, &t);
    assert_eq!((a.status, kind(&a)), (401, "expired"));
    assert!(a.error.unwrap().message.contains("重新登录"));
    let t = token(&enrol(&s, "wang", "right password", dev));
    assert_eq!(pull(&s, &t).status, 200, "signing in again starts afresh");
}

#[test]
fn request_ids_do_not_carry_the_process_id() {
    let s = start(Settings::default());
    let a = pull(&s, "nobody");
    assert_eq!(a.status, 401);
    let id = u64::from_str_radix(&a.request_id, 16).unwrap();
    assert_ne!(id >> 40, u64::from(std::process::id()), "{}", a.request_id);
}

#[cfg(unix)]
#[test]
fn the_server_database_file_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.db");
    drop(SqliteDb::open(&path).unwrap());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}
