use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use linli_domain::{Hlc, Id};
use linli_protocol::sync::{ChangeOutcome, ChangeResult, PullResponse, PushRequest, PushResponse};
use linli_store::{Enrolment, Schema, SyncWrite};

use super::*;
use crate::{Post, Reply as Answer};

/// The machine's time: the fake server's clock, and the wall time of a write in the window.
fn now_ms() -> u64 {
    linli_store::system_now().wall_ms()
}

/// A server that accepts every change and has nothing to hand out, reachable while `online`.
#[derive(Clone, Default)]
struct Fake {
    online: Arc<AtomicBool>,
    seq: Arc<AtomicI64>,
    pushes: Arc<AtomicI64>,
}

impl Transport for Fake {
    fn post(&mut self, req: Post) -> Result<Answer, String> {
        if !self.online.load(Ordering::SeqCst) {
            return Err("connection refused".into());
        }
        let json = zstd::stream::decode_all(&req.body[..]).unwrap();
        let body = match req.path {
            "/v1/push" => {
                self.pushes.fetch_add(1, Ordering::SeqCst);
                let push: PushRequest = serde_json::from_slice(&json).unwrap();
                serde_json::to_vec(&PushResponse {
                    results: push
                        .changes
                        .iter()
                        .map(|c| ChangeResult {
                            device_seq: c.device_seq,
                            outcome: ChangeOutcome::Accepted {
                                server_seq: self.seq.fetch_add(1, Ordering::SeqCst) + 1,
                                needs_review: false,
                            },
                        })
                        .collect(),
                    server_time: Hlc::new(now_ms(), 0),
                })
            }
            "/v1/pull" => serde_json::to_vec(&PullResponse {
                changes: vec![],
                next: self.seq.load(Ordering::SeqCst),
                more: false,
                server_time: Hlc::new(now_ms(), 0),
            }),
            other => panic!("unexpected {other}"),
        }
        .unwrap();
        Ok(Answer {
            status: 200,
            zstd: false,
            body,
            retry_after: None,
        })
    }
}

fn write(store: &mut Store, name: &str) {
    store
        .write_row(
            &Schema::default(),
            SyncWrite {
                table: "places".into(),
                row_id: Id::new(),
                fields: [
                    ("kind".to_owned(), serde_json::json!("community")),
                    ("name".to_owned(), serde_json::json!(name)),
                ]
                .into(),
                scope_community: None,
                scope_grid: None,
                scope_place: None,
            },
            now_ms(),
        )
        .unwrap();
}

fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < Duration::from_secs(10), "never: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn syncs_after_a_write_on_another_connection_and_resumes_after_the_network_returns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    let mut window = Store::open(&path).unwrap();
    window
        .save_enrolment(&Enrolment {
            server: "http://fake".into(),
            user: "张三".into(),
            token: "t".into(),
        })
        .unwrap();
    let fake = Fake::default();
    fake.online.store(true, Ordering::SeqCst);
    let connect: Connect = {
        let fake = fake.clone();
        Arc::new(move |_: &str| Box::new(fake.clone()) as Box<dyn Transport + Send>)
    };
    let cfg = AutoConfig {
        every: Duration::from_secs(3600),
        after_write: Duration::from_millis(100),
        write_max_wait: Duration::from_secs(1),
        offline_first: Duration::from_millis(100),
        offline_max: Duration::from_millis(200),
    };
    let bg = Background::start(Store::open(&path).unwrap(), cfg, connect);
    let window = Mutex::new(window);
    let panel = || SyncStatusQuery {}.carry_out(&bg, &window).unwrap();

    // the sync at start
    wait_until("the first sync", || {
        panel().status.last_success_ms.is_some()
    });

    // a write in the window goes up by itself shortly after
    write(&mut window.lock().unwrap(), "北门社区");
    assert_eq!(panel().status.outbox, 1);
    wait_until("the write is pushed", || panel().status.outbox == 0);
    assert_eq!(fake.pushes.load(Ordering::SeqCst), 1);

    // offline: sync now says so calmly, and the write waits on the laptop
    fake.online.store(false, Ordering::SeqCst);
    write(&mut window.lock().unwrap(), "南门社区");
    let outcome = SyncNow {}.carry_out(&bg, &window).unwrap();
    assert!(
        matches!(outcome, SyncOutcome::Offline { .. }),
        "{outcome:?}"
    );
    assert_eq!(panel().status.outbox, 1);
    assert!(matches!(panel().last, Some(SyncOutcome::Offline { .. })));

    // the network returns: the write goes up with no one pressing anything
    fake.online.store(true, Ordering::SeqCst);
    wait_until("the retry after the network returns", || {
        panel().status.outbox == 0
    });
    wait_until("the outcome is shown", || {
        matches!(panel().last, Some(SyncOutcome::Synced { .. }))
    });
    assert_eq!(fake.pushes.load(Ordering::SeqCst), 2);
    let outcome = SyncNow {}.carry_out(&bg, &window).unwrap();
    assert!(matches!(outcome, SyncOutcome::Synced { .. }), "{outcome:?}");
}

#[test]
fn sync_now_before_login_says_to_log_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    let window = Mutex::new(Store::open(&path).unwrap());
    let bg = Background::start(
        Store::open(&path).unwrap(),
        AutoConfig::default(),
        Arc::new(|_: &str| Box::new(Fake::default()) as Box<dyn Transport + Send>),
    );
    let err = SyncNow {}.carry_out(&bg, &window).unwrap_err();
    assert!(err.message.contains("登录"), "{}", err.message);
    let panel = SyncStatusQuery {}.carry_out(&bg, &window).unwrap();
    assert!(!panel.enrolled);
    assert_eq!(panel.next_auto_ms, None);
    // plain http:// to another machine: refused until the person confirms (issue 17)
    let err = bg
        .login(SyncLogin {
            server: "10.0.0.1:8470".into(),
            user: "张三".into(),
            password: "x".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("insecure"));
    assert!(err.message.contains("不安全的连接"), "{}", err.message);
    // a CA that is no certificate points at its field
    let err = bg
        .login(SyncLogin {
            server: "https://10.0.0.1:8470".into(),
            user: "张三".into(),
            password: "x".into(),
            ca_pem: Some("not a certificate".into()),
            insecure: false,
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("ca"), "{err:?}");
    // an unreachable server at login points at the address
    let err = bg
        .login(SyncLogin {
            server: "10.0.0.1:8470".into(),
            user: "张三".into(),
            password: "x".into(),
            ca_pem: None,
            insecure: true,
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("server"));
    assert!(
        err.message.contains("http://10.0.0.1:8470"),
        "{}",
        err.message
    );
}

#[test]
fn server_addresses_get_a_scheme() {
    assert_eq!(
        normalize_server(" 192.168.1.10:8470/ ").as_deref(),
        Some("http://192.168.1.10:8470")
    );
    assert_eq!(
        normalize_server("https://sync.example").as_deref(),
        Some("https://sync.example")
    );
    assert_eq!(normalize_server("  "), None);
}

/// The time a sync is said to have ended (the panel's last success, the outcome's `at_ms`) comes
/// from the store's one clock, like every other stamp it writes: a pinned clock (the demo, a test)
/// is the one shown, not the machine's.
#[test]
fn a_sync_is_stamped_by_the_store_clock() {
    const PINNED: u64 = 1_900_000_000_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    let mut window = Store::open(&path).unwrap();
    window
        .save_enrolment(&Enrolment {
            server: "http://fake".into(),
            user: "张三".into(),
            token: "t".into(),
        })
        .unwrap();
    let fake = Fake::default();
    fake.online.store(true, Ordering::SeqCst);
    let connect: Connect = {
        let fake = fake.clone();
        Arc::new(move |_: &str| Box::new(fake.clone()) as Box<dyn Transport + Send>)
    };
    let mut store = Store::open(&path).unwrap();
    store.pin_now(linli_domain::Now::at(PINNED, 480));
    let bg = Background::start_with(store, Policy::manual(Instant::now()), connect);
    let window = Mutex::new(window);
    let outcome = SyncNow {}.carry_out(&bg, &window).unwrap();
    match outcome {
        SyncOutcome::Synced { at_ms, .. } => assert_eq!(at_ms, PINNED),
        other => panic!("{other:?}"),
    }
    let panel = SyncStatusQuery {}.carry_out(&bg, &window).unwrap();
    assert_eq!(panel.status.last_success_ms, Some(PINNED));
}

/// Issue 24: no page escalates overdue tasks any more; a sync does, on the background's own
/// connection, once per level (a second sync adds nothing).
#[test]
fn a_sync_escalates_the_overdue_tasks_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    let mut window = Store::open(&path).unwrap();
    linli_store::demo::generate(&mut window, Default::default()).unwrap();
    window
        .save_enrolment(&Enrolment {
            server: "http://fake".into(),
            user: "张三".into(),
            token: "t".into(),
        })
        .unwrap();
    let fake = Fake::default();
    fake.online.store(true, Ordering::SeqCst);
    let connect: Connect = {
        let fake = fake.clone();
        Arc::new(move |_: &str| Box::new(fake.clone()) as Box<dyn Transport + Send>)
    };
    let escalations = || -> i64 {
        linli_store::connect(&path)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM task_events WHERE kind = 'escalated'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = escalations();
    let bg = Background::start_with(
        Store::open(&path).unwrap(),
        Policy::manual(Instant::now()),
        connect,
    );
    let window = Mutex::new(window);
    let outcome = SyncNow {}.carry_out(&bg, &window).unwrap();
    assert!(matches!(outcome, SyncOutcome::Synced { .. }), "{outcome:?}");
    let after = escalations();
    assert!(
        after > before,
        "the sync escalated the demo's overdue tasks"
    );
    let again = SyncNow {}.carry_out(&bg, &window).unwrap();
    assert!(matches!(again, SyncOutcome::Synced { .. }), "{again:?}");
    assert_eq!(escalations(), after, "a second sync escalates nothing more");
    let left = window
        .lock()
        .unwrap()
        .escalate_overdue(&linli_protocol::EscalateOverdue {
            place_id: None,
            today: None,
        })
        .unwrap();
    assert!(left.is_empty(), "nothing left to escalate: {left:?}");
}
