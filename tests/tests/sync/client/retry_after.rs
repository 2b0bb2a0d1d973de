//! A 503 with `Retry-After` (the server's database is away) is waited out: the engine waits what
//! the server says, capped, asks again, and gives up after a few attempts. Over real HTTP on
//! 127.0.0.1: the real server's router behind a gate that answers the first pulls with 503.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use linli_domain::{Id, PlaceKind};
use linli_protocol::sync::{Role, SyncError};
use linli_store::{Schema, Store, SyncWrite};
use linli_sync::{Engine, Error, HttpTransport, Retry};
use linli_tests::{Spawn, TestServer};
use serde_json::json;

/// Answers the first `fail` pulls with 503 and `Retry-After: secs`; counts every pull.
struct Gate {
    pulls: AtomicUsize,
    fail: usize,
    secs: &'static str,
}

async fn gate(State(g): State<Arc<Gate>>, req: Request, next: Next) -> Response {
    if req.uri().path() == "/v1/pull" && g.pulls.fetch_add(1, Ordering::SeqCst) < g.fail {
        let body = SyncError {
            kind: "unavailable".into(),
            message: "服务器的数据库暂时无法连接 (the server's database is unavailable right now)"
                .into(),
            request_id: String::new(),
            code: None,
            args: Default::default(),
        };
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, g.secs)],
            axum::Json(body),
        )
            .into_response();
    }
    next.run(req).await
}

struct Server {
    url: String,
    gate: Arc<Gate>,
    _srv: TestServer,
}

impl Server {
    fn start(fail: usize, secs: &'static str) -> Server {
        let gate = Arc::new(Gate {
            pulls: AtomicUsize::new(0),
            fail,
            secs,
        });
        let g = gate.clone();
        let srv = Spawn::new()
            .wrap(move |router| router.layer(middleware::from_fn_with_state(g, self::gate)))
            .start();
        srv.user("admin", Role::Admin, &[]);
        Server {
            url: srv.url.clone(),
            gate,
            _srv: srv,
        }
    }

    fn laptop(&self) -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let mut t = HttpTransport::new(&self.url);
        linli_sync::login(&mut s, &mut t, &self.url, "admin", "secret", "test laptop").unwrap();
        s
    }

    fn pulls(&self) -> usize {
        self.gate.pulls.load(Ordering::SeqCst)
    }
}

fn add_place(s: &mut Store, name: &str) -> Id {
    let id = Id::new();
    s.write_row(
        &Schema::default(),
        SyncWrite {
            table: "places".into(),
            row_id: id,
            fields: [
                ("kind".to_owned(), json!(PlaceKind::Community.code())),
                ("name".to_owned(), json!(name)),
                ("parent_id".to_owned(), json!(null)),
            ]
            .into(),
            scope_community: None,
            scope_grid: None,
            scope_place: None,
        },
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64,
    )
    .unwrap();
    id
}

#[test]
fn a_503_with_retry_after_is_waited_out_and_the_sync_goes_on() {
    let server = Server::start(1, "1");
    let mut a = server.laptop();
    add_place(&mut a, "北门社区");
    let t = Instant::now();
    let report = Engine::new(HttpTransport::new(&server.url))
        .sync(&mut a, &mut |_| {})
        .expect("the sync waits out the 503 and finishes");
    let waited = t.elapsed();
    assert_eq!(report.pushed, 1);
    assert_eq!(server.pulls(), 2, "the refused pull is asked again, once");
    assert!(
        waited >= Duration::from_secs(1),
        "waited the second the server asked for, not {waited:?}"
    );
    // the place went up: a second laptop gets it
    let mut b = server.laptop();
    Engine::new(HttpTransport::new(&server.url))
        .sync(&mut b, &mut |_| {})
        .unwrap();
    let names: i64 = b
        .conn()
        .query_row(
            "SELECT count(*) FROM places WHERE name = '北门社区'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(names, 1);
}

#[test]
fn the_wait_is_capped_and_the_engine_gives_up_after_its_attempts() {
    let server = Server::start(usize::MAX, "3600");
    let mut a = server.laptop();
    let cap = Duration::from_millis(300);
    let t = Instant::now();
    let err = Engine::new(HttpTransport::new(&server.url))
        .with_retry(Retry { attempts: 2, cap })
        .sync(&mut a, &mut |_| {})
        .expect_err("the database stays away");
    let waited = t.elapsed();
    match err {
        Error::Server { status, message } => {
            assert_eq!(status, 503);
            assert!(message.contains("暂时无法连接"), "{message}");
        }
        other => panic!("expected the server's 503, got {other:?}"),
    }
    assert_eq!(server.pulls(), 3, "one pull and two retries");
    assert!(
        waited >= cap * 2 && waited < Duration::from_secs(20),
        "waited the cap twice, not the hour the server asked for: {waited:?}"
    );
}
