//! PostgreSQL going away and coming back while the server runs (issue 5): requests fail with 503,
//! `Retry-After` and a sentence in Chinese and English, the pool reconnects by itself, and a
//! restart in the middle of many stations pushing loses and doubles nothing that was
//! acknowledged. These stop the shared test cluster, so they hold [`crate::conformance::CLUSTER`] alone, and
//! they run only when the tests know the cluster's data directory (`cargo xtask test`).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use linli_domain::{Hlc, Id};
use linli_protocol::sync::{
    Change, ChangeOutcome, PullRequest, PullResponse, PushRequest, PushResponse, Role, SyncError,
    VERSION_HEADER,
};
use linli_server::{auth, ServerDb, UserRecord};
use linli_tests::{Spawn, TestServer};
use serde_json::json;

struct Srv {
    server: TestServer,
    url: String,
    admin: UserRecord,
}

/// The server on a fresh database of the test cluster, with a county-wide admin.
fn start() -> Option<Srv> {
    if !linli_tests::pg::can_restart() {
        return None;
    }
    let server = Spawn::new().postgres()?.start();
    server
        .block_on(
            server
                .db()
                .add_user("admin".into(), Role::Admin, "x".into(), vec![]),
        )
        .unwrap();
    server.county_wide("admin");
    let admin = server
        .block_on(server.db().user_by_name("admin".into()))
        .unwrap()
        .unwrap();
    Some(Srv {
        url: server.url.clone(),
        server,
        admin,
    })
}

impl Srv {
    /// A new device of the admin; answers its id and token.
    fn device(&self) -> (Id, String) {
        let (id, token) = (Id::new(), auth::new_token());
        self.server
            .block_on(
                self.server.db().enrol_device(
                    self.admin.clone(),
                    id,
                    "站点".into(),
                    auth::token_hash(&token),
                    // now: a device enrolled long ago has an expired token (issue 17)
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap()
                        .as_millis() as i64,
                ),
            )
            .unwrap();
        (id, token)
    }
}

struct Answer {
    status: u16,
    retry_after: Option<String>,
    body: Vec<u8>,
}

fn post(
    agent: &ureq::Agent,
    url: &str,
    token: &str,
    body: &impl serde::Serialize,
) -> Result<Answer, String> {
    let packed = zstd::bulk::compress(&serde_json::to_vec(body).unwrap(), 3).unwrap();
    let mut resp = agent
        .post(url)
        .header(VERSION_HEADER, "1")
        .header("content-encoding", "zstd")
        .header("authorization", &format!("Bearer {token}"))
        .send(&packed[..])
        .map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let raw = resp.body_mut().read_to_vec().map_err(|e| e.to_string())?;
    let body = if status == 200 {
        zstd::stream::decode_all(&raw[..]).map_err(|e| e.to_string())?
    } else {
        raw
    };
    Ok(Answer {
        status,
        retry_after,
        body,
    })
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn pull(agent: &ureq::Agent, srv: &Srv, token: &str, after: i64) -> Answer {
    post(
        agent,
        &format!("{}/v1/pull", srv.url),
        token,
        &PullRequest {
            after,
            limit: 1000,
            own_seq: None,
        },
    )
    .unwrap()
}

#[test]
fn postgres_going_away_answers_503_with_retry_after_and_recovers() {
    let _alone = crate::conformance::CLUSTER.blocking_write();
    let Some(srv) = start() else {
        linli_tests::pg::skipped("postgres_going_away_answers_503_with_retry_after_and_recovers");
        return;
    };
    let (_, token) = srv.device();
    let agent = agent();
    assert_eq!(pull(&agent, &srv, &token, 0).status, 200);

    linli_tests::pg::pg_ctl(&["stop", "-w", "-m", "fast"]);
    let down = pull(&agent, &srv, &token, 0);
    linli_tests::pg::pg_ctl(&["start", "-w", "-t", "60"]);
    assert_eq!(down.status, 503);
    assert_eq!(down.retry_after.as_deref(), Some("5"));
    let err: SyncError = serde_json::from_slice(&down.body).unwrap();
    assert_eq!(err.kind, "unavailable");
    assert!(
        err.message.contains("数据库暂时无法连接")
            && err.message.contains("sync again in 5 seconds"),
        "{}",
        err.message
    );
    assert!(!err.request_id.is_empty());

    // the server comes back by itself: no restart of linli, the pool opens new connections
    let t = Instant::now();
    loop {
        let a = pull(&agent, &srv, &token, 0);
        if a.status == 200 {
            break;
        }
        assert_eq!(a.status, 503, "only 503 while the database comes back");
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "the server did not recover"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_postgres_restart_under_load_loses_no_acknowledged_change() {
    let _alone = crate::conformance::CLUSTER.blocking_write();
    let Some(srv) = start() else {
        linli_tests::pg::skipped("a_postgres_restart_under_load_loses_no_acknowledged_change");
        return;
    };
    let place = Id::new();
    let stations: Vec<(Id, String)> = (0..16).map(|_| srv.device()).collect();
    let unavailable = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let push_url = format!("{}/v1/push", srv.url);
    let threads: Vec<_> = stations
        .into_iter()
        .map(|(device, token)| {
            let (unavailable, push_url) = (unavailable.clone(), push_url.clone());
            std::thread::spawn(move || {
                let agent = agent();
                let mut acked: Vec<(Id, i64)> = Vec::new();
                let mut seq = 0i64;
                let mut n = 0u64;
                while started.elapsed() < Duration::from_millis(3_500) {
                    let batch: Vec<Change> = (0..1 + n % 4)
                        .map(|_| {
                            seq += 1;
                            Change {
                                change_id: Id::new(),
                                device_id: device,
                                device_seq: seq,
                                hlc: Hlc::new(1_000 + seq as u64, 0),
                                author: None,
                                scope_community: None,
                                scope_grid: None,
                                scope_place: Some(place),
                                table: "test_ledger".into(),
                                row_id: Id::new(),
                                fields: [
                                    ("account".to_owned(), json!("张三")),
                                    ("delta".to_owned(), json!(1)),
                                ]
                                .into(),
                            }
                        })
                        .collect();
                    n += 1;
                    let req = PushRequest {
                        changes: batch.clone(),
                        fact_tables: vec!["test_ledger".into()],
                    };
                    // like a laptop: the same batch again until it is acknowledged
                    let deadline = Instant::now() + Duration::from_secs(60);
                    let answer: PushResponse = loop {
                        assert!(Instant::now() < deadline, "never acknowledged");
                        match post(&agent, &push_url, &token, &req) {
                            Ok(a) if a.status == 200 => {
                                break serde_json::from_slice(&a.body).unwrap()
                            }
                            Ok(a) => {
                                assert_eq!(a.status, 503, "{}", String::from_utf8_lossy(&a.body));
                                assert!(a.retry_after.is_some());
                                unavailable.fetch_add(1, Ordering::Relaxed);
                            }
                            Err(_) => {}
                        }
                        std::thread::sleep(Duration::from_millis(100));
                    };
                    for (c, r) in batch.iter().zip(&answer.results) {
                        match r.outcome {
                            ChangeOutcome::Accepted { server_seq, .. } => {
                                acked.push((c.row_id, server_seq))
                            }
                            ChangeOutcome::Refused { ref message, .. } => {
                                panic!("refused: {message}")
                            }
                        }
                    }
                }
                acked
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1_200));
    linli_tests::pg::pg_ctl(&["stop", "-w", "-m", "fast"]);
    std::thread::sleep(Duration::from_millis(800));
    linli_tests::pg::pg_ctl(&["start", "-w", "-t", "60"]);
    let acked: Vec<(Id, i64)> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert!(
        unavailable.load(Ordering::Relaxed) > 0,
        "the restart was not noticed"
    );
    assert!(
        acked.len() > 100,
        "only {} changes acknowledged",
        acked.len()
    );

    // every acknowledged change is in the log once, at the sequence it was acknowledged with,
    // and the log holds nothing else and has no gaps
    let (_, reader) = srv.device();
    let agent = agent();
    let mut log: BTreeMap<i64, Id> = BTreeMap::new();
    let mut after = 0;
    loop {
        let a = pull(&agent, &srv, &reader, after);
        assert_eq!(a.status, 200);
        let page: PullResponse = serde_json::from_slice(&a.body).unwrap();
        for c in &page.changes {
            assert!(log.insert(c.server_seq, c.change.row_id).is_none());
        }
        after = page.next;
        if !page.more {
            break;
        }
    }
    let want: BTreeMap<i64, Id> = acked.iter().map(|(id, seq)| (*seq, *id)).collect();
    assert_eq!(
        want.len(),
        acked.len(),
        "two changes acknowledged with one sequence"
    );
    assert_eq!(log, want);
    assert_eq!(
        log.keys().copied().collect::<Vec<_>>(),
        (1..=acked.len() as i64).collect::<Vec<_>>()
    );
    let export = srv.server.block_on(srv.server.db().export(None)).unwrap();
    assert_eq!(export["test_ledger"].len(), acked.len());
}
