//! Every kind of refusal the server answers carries a code of the message catalogue
//! (`linli_domain::msg`) with its arguments beside its bilingual sentence (issue 15): the
//! sentence is the catalogue's Chinese and English filled with those arguments, the English
//! holds no Han character, and the laptop's sync client passes the code through so the window
//! can say it in the chosen language. Over real HTTP on 127.0.0.1, on SQLite and (when
//! `LINLI_TEST_PG` is set) on PostgreSQL.

use std::collections::BTreeMap;
use std::time::Duration;

use linli_domain::{msg, Id};
use linli_protocol::sync::{
    BlobsQuery, ChangeOutcome, EnrolRequest, EnrolResponse, PullRequest, PushRequest, PushResponse,
    Role, SyncError, VERSION_HEADER,
};
use linli_server::{Accounts, Settings};
use linli_tests::{Spawn, TestServer};

struct Answer {
    status: u16,
    error: Option<SyncError>,
    body: Vec<u8>,
}

fn send(method: &str, url: &str, headers: &[(&str, String)], body: Vec<u8>) -> Answer {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut resp = match method {
        "PUT" => {
            let mut r = agent.put(url);
            for (k, v) in headers {
                r = r.header(*k, v.as_str());
            }
            r.send(&body[..]).unwrap()
        }
        "GET" => {
            let mut r = agent.get(url);
            for (k, v) in headers {
                r = r.header(*k, v.as_str());
            }
            r.call().unwrap()
        }
        _ => {
            let mut r = agent.post(url);
            for (k, v) in headers {
                r = r.header(*k, v.as_str());
            }
            r.send(&body[..]).unwrap()
        }
    };
    let status = resp.status().as_u16();
    let body = resp.body_mut().read_to_vec().unwrap();
    Answer {
        status,
        error: serde_json::from_slice(&body).ok(),
        body,
    }
}

fn zstd<T: serde::Serialize>(v: &T) -> Vec<u8> {
    zstd::bulk::compress(&serde_json::to_vec(v).unwrap(), 3).unwrap()
}

/// The usual headers: the protocol version, zstd, and a token if given.
fn usual(token: Option<&str>) -> Vec<(&'static str, String)> {
    let mut h = vec![
        (VERSION_HEADER, "1".to_owned()),
        ("content-encoding", "zstd".to_owned()),
    ];
    if let Some(t) = token {
        h.push(("authorization", format!("Bearer {t}")));
    }
    h
}

fn han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The catalogue's template filled with `args`, as the window fills it (no domain words here).
fn filled(template: &str, args: &BTreeMap<String, String>) -> String {
    let args: Vec<(&str, String)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    msg::fill(template, &args, &|f, v| msg::word_zh(f, v))
}

/// The answer is a refusal with `status`, `kind` and the catalogue's `code`, whose sentence is
/// the catalogue's Chinese and then its English, and whose English has no Han character.
#[track_caller]
fn coded(backend: &str, a: &Answer, status: u16, kind: &str, code: &str) {
    let e = a.error.as_ref().unwrap_or_else(|| {
        panic!(
            "{backend} {code}: no error body: {}",
            String::from_utf8_lossy(&a.body)
        )
    });
    assert_eq!(
        (a.status, e.kind.as_str(), e.code.as_deref()),
        (status, kind, Some(code)),
        "{backend}: {}",
        e.message
    );
    let m = msg::find(code).unwrap_or_else(|| panic!("{code} is not in the catalogue"));
    let (zh, en) = (filled(m.zh, &e.args), filled(m.en, &e.args));
    assert_eq!(e.message, format!("{zh} ({en})"), "{backend} {code}");
    assert!(!han(&en), "{backend} {code}: {en}");
    assert!(
        !en.contains('{'),
        "{backend} {code}: an argument is missing: {en}"
    );
}

fn backends() -> Vec<(&'static str, Spawn)> {
    let settings = || Settings {
        free_failures_user: 1,
        backoff: Duration::from_secs(30),
        ..Settings::default()
    };
    let mut out = vec![("sqlite", Spawn::new().settings(settings()))];
    match Spawn::new().postgres() {
        Some(pg) => out.push(("postgres", pg.settings(settings()))),
        None => linli_tests::pg::skipped("every_server_refusal_carries_a_catalogue_code"),
    }
    out
}

fn enrol(s: &TestServer, user: &str, password: &str) -> Answer {
    enrol_as(s, user, password, Id::new())
}

fn enrol_as(s: &TestServer, user: &str, password: &str, device: Id) -> Answer {
    send(
        "POST",
        &format!("{}/v1/enrol", s.url),
        &usual(None),
        zstd(&EnrolRequest {
            user: user.into(),
            password: password.into(),
            device_id: device,
            device_name: "网格站".into(),
        }),
    )
}

#[test]
fn every_server_refusal_carries_a_catalogue_code_whose_english_is_used() {
    for (backend, spawn) in backends() {
        let s = spawn.start();
        let b = backend;
        let community = Id::new();
        s.user("wang", Role::GridWorker, &[community]);
        s.user("li", Role::GridWorker, &[]);
        let device = Id::new();
        let ok = enrol_as(&s, "wang", linli_tests::server::PASSWORD, device);
        assert_eq!(ok.status, 200, "{b}");
        let token =
            serde_json::from_slice::<EnrolResponse>(&linli_sync::decode_reply(&ok.body).unwrap())
                .unwrap()
                .token;
        let url = |p: &str| format!("{}{p}", s.url);

        // sign-in: a wrong password, then guessing slowed down
        coded(
            b,
            &enrol(&s, "li", "guess"),
            401,
            "wrong_password",
            "server_wrong_password",
        );
        let mut slowed = enrol(&s, "li", "guess");
        for _ in 0..5 {
            if slowed.status == 429 {
                break;
            }
            coded(b, &slowed, 401, "wrong_password", "server_wrong_password");
            slowed = enrol(&s, "li", "guess");
        }
        coded(b, &slowed, 429, "slow_down", "server_slow_down");
        assert!(slowed.error.unwrap().args.contains_key("secs"));
        // a password past the limit, a sign-in too large to read
        coded(
            b,
            &enrol(
                &s,
                "wang",
                &"x".repeat(linli_server::auth::MAX_PASSWORD_BYTES + 1),
            ),
            400,
            "bad_request",
            "server_password_too_long",
        );
        let big = vec![b'x'; 8 * 1024];
        coded(
            b,
            &send("POST", &url("/v1/enrol"), &usual(None), big),
            413,
            "too_large",
            "server_enrol_too_large",
        );

        // hostile or broken requests: no token, wrong versions, no zstd, bad zstd, not a request
        let pull = zstd(&PullRequest {
            after: 0,
            limit: 10,
            own_seq: None,
        });
        coded(
            b,
            &send(
                "POST",
                &url("/v1/pull"),
                &usual(Some("forged")),
                pull.clone(),
            ),
            401,
            "unauthenticated",
            "server_unauthenticated",
        );
        let versioned = |v: &str| {
            vec![
                (VERSION_HEADER, v.to_owned()),
                ("content-encoding", "zstd".to_owned()),
                ("authorization", format!("Bearer {token}")),
            ]
        };
        coded(
            b,
            &send("POST", &url("/v1/pull"), &versioned("0"), pull.clone()),
            426,
            "upgrade",
            "server_upgrade",
        );
        coded(
            b,
            &send("POST", &url("/v1/pull"), &versioned("99"), pull.clone()),
            400,
            "bad_request",
            "server_too_old",
        );
        coded(
            b,
            &send("POST", &url("/v1/pull"), &versioned("one"), pull.clone()),
            400,
            "bad_request",
            "server_bad_version",
        );
        let no_version = vec![("content-encoding", "zstd".to_owned())];
        coded(
            b,
            &send("POST", &url("/v1/pull"), &no_version, pull.clone()),
            400,
            "bad_request",
            "server_no_version",
        );
        let plain = vec![
            (VERSION_HEADER, "1".to_owned()),
            ("authorization", format!("Bearer {token}")),
        ];
        coded(
            b,
            &send("POST", &url("/v1/pull"), &plain, b"{}".to_vec()),
            415,
            "bad_encoding",
            "server_not_zstd",
        );
        coded(
            b,
            &send(
                "POST",
                &url("/v1/pull"),
                &usual(Some(&token)),
                b"not zstd".to_vec(),
            ),
            400,
            "bad_request",
            "server_bad_zstd",
        );
        coded(
            b,
            &send(
                "POST",
                &url("/v1/pull"),
                &usual(Some(&token)),
                zstd(&serde_json::json!({"after": "soon"})),
            ),
            400,
            "bad_request",
            "server_bad_request_body",
        );
        let negative = zstd(&PullRequest {
            after: -1,
            limit: 10,
            own_seq: None,
        });
        coded(
            b,
            &send("POST", &url("/v1/pull"), &usual(Some(&token)), negative),
            400,
            "bad_request",
            "server_cursor_negative",
        );
        coded(
            b,
            &send(
                "POST",
                &url("/v1/nothing"),
                &usual(Some(&token)),
                pull.clone(),
            ),
            404,
            "not_found",
            "server_no_endpoint",
        );

        // blobs: a bad checksum, too many asked about, one nobody within sight names
        let auth = vec![
            (VERSION_HEADER, "1".to_owned()),
            ("authorization", format!("Bearer {token}")),
        ];
        coded(
            b,
            &send(
                "PUT",
                &url("/v1/blobs/not-a-hash"),
                &auth,
                b"bytes".to_vec(),
            ),
            400,
            "bad_request",
            "server_bad_hash",
        );
        let many = BlobsQuery {
            hashes: vec!["0".repeat(64); linli_protocol::sync::MAX_BLOB_QUERY + 1],
        };
        coded(
            b,
            &send(
                "POST",
                &url("/v1/blobs/missing"),
                &usual(Some(&token)),
                zstd(&many),
            ),
            413,
            "too_large",
            "server_blob_query_too_many",
        );
        let hash = linli_server::auth::sha256_hex(b"a photo");
        coded(
            b,
            &send("GET", &url(&format!("/v1/blobs/{hash}")), &auth, Vec::new()),
            403,
            "outside_grants",
            "server_blob_outside",
        );

        // a change outside the user's grants is refused with the catalogue's sentence
        let outside = linli_protocol::sync::Change {
            change_id: Id::new(),
            table: "households".into(),
            row_id: Id::new(),
            device_id: device,
            device_seq: 1,
            hlc: linli_domain::Hlc { ms: 1, counter: 0 },
            author: None,
            scope_community: Some(Id::new()),
            scope_grid: None,
            scope_place: Some(Id::new()),
            fields: serde_json::from_value(serde_json::json!({"room": "301"})).unwrap(),
        };
        let pushed = send(
            "POST",
            &url("/v1/push"),
            &usual(Some(&token)),
            zstd(&PushRequest {
                changes: vec![outside],
                fact_tables: Vec::new(),
            }),
        );
        assert_eq!(pushed.status, 200, "{b}");
        let resp: PushResponse =
            serde_json::from_slice(&linli_sync::decode_reply(&pushed.body).unwrap()).unwrap();
        match &resp.results[0].outcome {
            ChangeOutcome::Refused { message, .. } => {
                let m = msg::SERVER_OUTSIDE_GRANTS;
                assert_eq!(message, &format!("{} ({})", m.zh, m.en), "{b}");
            }
            other => panic!("{b}: {other:?}"),
        }

        // a disabled account
        s.block_on(s.db().set_user_disabled("wang".into(), true))
            .unwrap();
        coded(
            b,
            &send("POST", &url("/v1/pull"), &usual(Some(&token)), pull.clone()),
            403,
            "disabled",
            "server_disabled",
        );

        // the laptop's sync client passes the code and its arguments through
        let mut laptop = linli_store::Store::open_in_memory().unwrap();
        let mut t = linli_sync::HttpTransport::new(&s.url);
        match linli_sync::login(&mut laptop, &mut t, &s.url, "li", "wrong", "网格站") {
            Err(linli_sync::Error::Server {
                status: 429,
                message,
            }) => {
                assert_eq!(message.code.as_deref(), Some("server_slow_down"), "{b}");
                assert!(message.args.contains_key("secs"), "{b}");
                assert!(message.args.contains_key("request_id"), "{b}");
            }
            other => panic!("{b}: expected the server's 429, got {other:?}"),
        }
        s.user("zhao", Role::GridWorker, &[]);
        match linli_sync::login(&mut laptop, &mut t, &s.url, "zhao", "wrong", "网格站") {
            Err(linli_sync::Error::Unauthenticated(said)) => {
                assert_eq!(said.code.as_deref(), Some("server_wrong_password"), "{b}");
                assert!(said.message.starts_with("用户名或密码不对"), "{b}");
            }
            other => panic!("{b}: expected the server's 401, got {other:?}"),
        }
    }
}

/// Every kind of refusal a push can answer for one change carries its catalogue code and
/// arguments beside the bilingual sentence made from them (issue 15 item 7), on both backends.
#[test]
fn every_refused_change_of_a_push_carries_a_catalogue_code() {
    use serde_json::json;
    for (backend, spawn) in backends() {
        let s = spawn.start();
        let b = backend;
        let community = Id::new();
        s.user("wang", Role::GridWorker, &[community]);
        let device = Id::new();
        let ok = enrol_as(&s, "wang", linli_tests::server::PASSWORD, device);
        assert_eq!(ok.status, 200, "{b}");
        let token =
            serde_json::from_slice::<EnrolResponse>(&linli_sync::decode_reply(&ok.body).unwrap())
                .unwrap()
                .token;
        let push = |changes: Vec<linli_protocol::sync::Change>, fact_tables: Vec<String>| {
            let a = send(
                "POST",
                &format!("{}/v1/push", s.url),
                &usual(Some(&token)),
                zstd(&PushRequest {
                    changes,
                    fact_tables,
                }),
            );
            assert_eq!(a.status, 200, "{b}: {}", String::from_utf8_lossy(&a.body));
            serde_json::from_slice::<PushResponse>(&linli_sync::decode_reply(&a.body).unwrap())
                .unwrap()
                .results
        };
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        let mut seq = 0;
        let mut change = |table: &str, fields: serde_json::Value| {
            seq += 1;
            linli_protocol::sync::Change {
                change_id: Id::new(),
                table: table.into(),
                row_id: Id::new(),
                device_id: device,
                device_seq: seq,
                hlc: linli_domain::Hlc {
                    ms: now,
                    counter: 0,
                },
                author: None,
                scope_community: Some(community),
                scope_grid: None,
                scope_place: Some(community),
                fields: serde_json::from_value(fields).unwrap(),
            }
        };
        let mut cases: Vec<(linli_protocol::sync::Change, &str)> = Vec::new();
        let mut ahead = change("households", json!({"room": "301"}));
        ahead.hlc.ms = now + 2 * 86_400_000;
        cases.push((ahead, "refused_clock_ahead"));
        cases.push((
            change("no_such_table", json!({"a": "1"})),
            "refused_not_synced_table",
        ));
        cases.push((change("households", json!({})), "refused_no_fields"));
        let many: serde_json::Map<String, serde_json::Value> =
            (0..70).map(|i| (format!("f{i}"), json!("x"))).collect();
        cases.push((
            change("households", serde_json::Value::Object(many)),
            "refused_too_many_fields",
        ));
        cases.push((
            change("households", json!({"nope": "x"})),
            "refused_no_such_field",
        ));
        cases.push((
            change("households", json!({"room": null})),
            "refused_field_null",
        ));
        cases.push((
            change("households", json!({"room": 5})),
            "refused_field_text",
        ));
        cases.push((
            change("households", json!({"floating": "很多"})),
            "refused_field_int",
        ));
        cases.push((
            change("households", json!({"room": "x".repeat(70_000)})),
            "refused_field_too_long",
        ));
        let mut other = change("households", json!({"room": "301"}));
        other.device_id = Id::new();
        cases.push((other, "refused_device_mismatch"));
        let mut zero = change("households", json!({"room": "301"}));
        zero.device_seq = 0;
        cases.push((zero, "refused_seq_start"));
        let mut nowhere = change("households", json!({"room": "301"}));
        (nowhere.scope_community, nowhere.scope_place) = (None, None);
        cases.push((nowhere, "refused_no_place"));
        let mut outside = change("households", json!({"room": "301"}));
        outside.scope_place = Some(Id::new());
        cases.push((outside, "server_outside_grants"));
        cases.push((
            change("places", json!({"name": "北门", "parent_id": "abc"})),
            "refused_parent_not_id",
        ));
        let mut itself = change("places", json!({"name": "北门"}));
        itself
            .fields
            .insert("parent_id".into(), json!(itself.row_id));
        cases.push((itself, "refused_place_under_itself"));
        cases.push((
            change("places", json!({"name": "北门", "parent_id": Id::new()})),
            "refused_no_parent",
        ));
        cases.push((
            change("test_ledger", json!({"delta": 1})),
            "refused_no_account",
        ));
        cases.push((
            change("test_ledger", json!({"account": "a"})),
            "refused_no_delta",
        ));
        // a fact once stored, then another change to its row
        let fact = change("test_ledger", json!({"account": "a", "delta": 1}));
        let mut again = change("test_ledger", json!({"account": "a", "delta": 2}));
        again.row_id = fact.row_id;
        let fact_seq = fact.device_seq;
        cases.push((fact, ""));
        cases.push((again, "refused_fact_exists"));
        let (changes, codes): (Vec<_>, Vec<_>) = cases.into_iter().unzip();
        let results = push(changes, vec!["test_ledger".into()]);
        assert_eq!(results.len(), codes.len(), "{b}");
        for (r, want) in results.iter().zip(&codes) {
            check_refused(b, &r.outcome, want);
        }
        // a fact table the laptop calls an entity table, and the other way round
        let r = push(
            vec![change("test_ledger", json!({"account": "a", "delta": 1}))],
            Vec::new(),
        );
        check_refused(b, &r[0].outcome, "refused_fact_as_entity");
        let r = push(
            vec![change("households", json!({"room": "301"}))],
            vec!["households".into()],
        );
        check_refused(b, &r[0].outcome, "refused_entity_as_fact");

        // the same device number for another change, then the rest of that batch
        let mut taken = change("households", json!({"room": "302"}));
        // (a number whose change was accepted)
        taken.device_seq = fact_seq;
        let next = change("households", json!({"room": "303"}));
        let late = push(vec![taken, next], Vec::new());
        check_refused(b, &late[0].outcome, "refused_seq_taken");
        check_refused(b, &late[1].outcome, "refused_seq_earlier");
    }
}

/// `outcome` is a refusal with the catalogue's `code` (accepted when `code` is empty), whose
/// sentence is the catalogue's Chinese and then its English filled with its arguments.
#[track_caller]
fn check_refused(b: &str, outcome: &ChangeOutcome, code: &str) {
    match outcome {
        ChangeOutcome::Accepted { .. } if code.is_empty() => {}
        ChangeOutcome::Refused {
            message,
            code: Some(got),
            args,
            ..
        } if got == code => {
            let m = msg::find(code).unwrap_or_else(|| panic!("{code} is not in the catalogue"));
            let (zh, en) = (filled(m.zh, args), filled(m.en, args));
            assert_eq!(message, &format!("{zh} ({en})"), "{b} {code}");
            assert!(!han(&en), "{b} {code}: {en}");
            assert!(
                !en.contains('{'),
                "{b} {code}: an argument is missing: {en}"
            );
        }
        other => panic!("{b}: expected {code:?}, got {other:?}"),
    }
}
