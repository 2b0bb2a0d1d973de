//! Garbage over real HTTP: malformed, truncated, oversized, wrong-version and unauthenticated
//! requests get a clear 4xx with a JSON message, leave no trace and never bring the server down.

use linli_domain::Id;
use linli_protocol::sync::{EnrolRequest, EnrolResponse, Role, SyncError, VERSION_HEADER};
use linli_server::ServerDb;
use linli_tests::{spawn_server, TestServer};

type Srv = TestServer;

fn start() -> Srv {
    spawn_server()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::bulk::compress(bytes, 3).unwrap()
}

type Answer = (u16, Option<SyncError>, Vec<u8>);

fn try_post(url: &str, headers: &[(&str, &str)], body: &[u8]) -> Result<Answer, ureq::Error> {
    let mut r = agent().post(url);
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    let mut resp = r.send(body)?;
    let status = resp.status().as_u16();
    let body = resp.body_mut().read_to_vec()?;
    Ok((status, serde_json::from_slice(&body).ok(), body))
}

/// POSTs `body` with the given headers; answers the status and the decoded error, if any.
fn post(url: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    try_post(url, headers, body).unwrap()
}

/// Like [`post`], for a body the server refuses by its length before reading it: the server
/// answers and closes, and a client still writing megabytes may find the connection broken before
/// it reads the answer (more often on a busy machine, with the rest of the suite running beside
/// it). Asks again, at most five times, until it reads an answer; the answer is what is checked.
fn post_too_long(url: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut last = None;
    for _ in 0..5 {
        match try_post(url, headers, body) {
            Ok(answer) => return answer,
            Err(e) => last = Some(e),
        }
    }
    panic!("no answer to a too-long body in five tries: {last:?}");
}

fn enrol(s: &Srv) -> String {
    // the bootstrap administrator, county-wide
    s.user_with("admin", "pw", Role::Admin, &[]);
    let req = EnrolRequest {
        user: "admin".into(),
        password: "pw".into(),
        device_id: Id::new(),
        device_name: "t".into(),
    };
    let (status, _, body) = post(
        &format!("{}/v1/enrol", s.url),
        &[(VERSION_HEADER, "1"), ("content-encoding", "zstd")],
        &zstd(&serde_json::to_vec(&req).unwrap()),
    );
    assert_eq!(status, 200);
    let resp: EnrolResponse =
        serde_json::from_slice(&zstd::stream::decode_all(&body[..]).unwrap()).unwrap();
    resp.token
}

#[test]
fn garbage_gets_a_clear_4xx_and_leaves_no_trace() {
    let s = start();
    let token = enrol(&s);
    let bearer = format!("Bearer {token}");
    let push = format!("{}/v1/push", s.url);
    let ok = [
        (VERSION_HEADER, "1"),
        ("content-encoding", "zstd"),
        ("authorization", bearer.as_str()),
    ];
    let valid_json = br#"{"changes":[]}"#;

    // wrong or missing version
    let (st, e, _) = post(&push, &ok[1..], &zstd(valid_json));
    assert_eq!(st, 400);
    assert!(e.unwrap().message.contains("版本"));
    let (st, e, _) = post(
        &push,
        &[(VERSION_HEADER, "0"), ok[1], ok[2]],
        &zstd(valid_json),
    );
    assert_eq!(st, 426);
    let e = e.unwrap();
    assert_eq!(e.kind, "upgrade");
    assert!(e.message.contains("请升级邻里") && e.message.contains("upgrade"));
    assert!(!e.request_id.is_empty());
    let (st, _, _) = post(
        &push,
        &[(VERSION_HEADER, "banana"), ok[1], ok[2]],
        &zstd(valid_json),
    );
    assert_eq!(st, 400);

    // unauthenticated
    let (st, e, _) = post(&push, &ok[..2], &zstd(valid_json));
    assert_eq!(st, 401);
    assert!(e.unwrap().message.contains("linli login"));
    let (st, _, _) = post(
        &push,
        &[ok[0], ok[1], ("authorization", "Bearer nope")],
        &zstd(valid_json),
    );
    assert_eq!(st, 401);

    // not compressed, not zstd, truncated, not JSON, wrong shape
    let (st, _, _) = post(&push, &[ok[0], ok[2]], valid_json);
    assert_eq!(st, 415);
    let (st, _, _) = post(&push, &ok, b"\x00\x01garbage");
    assert_eq!(st, 400);
    let packed = zstd(&br#"{"changes":[]} "#.repeat(200));
    let (st, _, _) = post(&push, &ok, &packed[..packed.len() / 2]);
    assert_eq!(st, 400);
    let (st, _, _) = post(&push, &ok, &zstd(b"{{{{ not json"));
    assert_eq!(st, 400);
    let (st, e, _) = post(&push, &ok, &zstd(br#"{"changes":[{"table":1}]}"#));
    assert_eq!(st, 400);
    assert!(e.unwrap().message.contains("无法解析"));

    // oversized: too many bytes on the wire, and a small body that unpacks huge
    let (st, _, _) = post_too_long(&push, &ok, &vec![b'x'; 9 * 1024 * 1024]);
    assert_eq!(st, 413);
    let bomb = zstd(&vec![b' '; 80 * 1024 * 1024]);
    assert!(bomb.len() < 1024 * 1024);
    let (st, e, _) = post(&push, &ok, &bomb);
    assert_eq!(st, 413);
    assert_eq!(e.unwrap().kind, "too_large");

    // unknown paths and methods
    let (st, _, _) = post(&format!("{}/v1/nothing", s.url), &ok, b"");
    assert_eq!(st, 404);

    // no trace, and still serving
    let export = s.block_on(s.db().export(None)).unwrap();
    assert!(export.is_empty());
    let mut resp = agent().get(format!("{}/health", s.url)).call().unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.body_mut().read_to_string().unwrap().contains("ok"));
}

#[test]
fn invalid_changes_are_refused_one_by_one_and_stored_nowhere() {
    let s = start();
    let token = enrol(&s);
    let devices = s.block_on(s.db().list_devices()).unwrap();
    let me = devices[0].device_id;
    let change = |table: &str, field: &str, device: Id, seq: i64| {
        serde_json::json!({
            "change_id": Id::new(), "device_id": device, "device_seq": seq,
            "hlc": {"ms": 1, "counter": 0}, "author": null, "scope_community": null,
            "scope_grid": null, "table": table, "row_id": Id::new(),
            "fields": {field: "x"}
        })
    };
    let body = serde_json::json!({"changes": [
        change("places; DROP TABLE users", "name", me, 1),
        change("places", "name = 1 --", me, 2),
        change("places", "name", Id::new(), 3),
        change("households", "room", me, 4),
    ]});
    let (st, _, raw) = post(
        &format!("{}/v1/push", s.url),
        &[
            (VERSION_HEADER, "1"),
            ("content-encoding", "zstd"),
            ("authorization", &format!("Bearer {token}")),
        ],
        &zstd(&serde_json::to_vec(&body).unwrap()),
    );
    assert_eq!(st, 200);
    let resp: linli_protocol::sync::PushResponse =
        serde_json::from_slice(&zstd::stream::decode_all(&raw[..]).unwrap()).unwrap();
    assert_eq!(resp.results.len(), 4);
    for r in &resp.results {
        assert!(
            matches!(
                r.outcome,
                linli_protocol::sync::ChangeOutcome::Refused {
                    reason: linli_protocol::sync::RefuseReason::Invalid,
                    ..
                }
            ),
            "{r:?}"
        );
    }
    assert!(s.block_on(s.db().export(None)).unwrap().is_empty());
}
