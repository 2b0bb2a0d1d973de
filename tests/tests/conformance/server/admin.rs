//! The admin API (管理, issue 22) over real HTTP on 127.0.0.1, on SQLite and (when
//! `LINLI_TEST_PG` is set) on PostgreSQL: an administrator of community A lists and manages only
//! A's users and devices — creates a grid worker with a grant under A, disables and enables,
//! resets a password, revokes a grant and a laptop — and every action is in the audit; a county-
//! wide administrator sees the whole county. Hostile requests change nothing: a non-admin token
//! (403), a user, device or place outside the grants (403), a place the server does not know, bad
//! names and passwords, malformed JSON (400), no token (401).

use linli_domain::{msg, Id};
use linli_protocol::admin::{AdminAct, AdminAction, AdminOverview, AdminOverviewQuery};
use linli_protocol::sync::{EnrolRequest, EnrolResponse, Role, SyncError, VERSION_HEADER};
use linli_server::{Accounts, ServerDb};
use linli_tests::server::{cheap_hash, PASSWORD};
use linli_tests::{Spawn, TestServer};

struct Answer {
    status: u16,
    error: Option<SyncError>,
    body: Vec<u8>,
}

fn post(url: &str, token: Option<&str>, body: Vec<u8>) -> Answer {
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
    let mut resp = r.send(&body[..]).unwrap();
    let status = resp.status().as_u16();
    let body = resp.body_mut().read_to_vec().unwrap();
    Answer {
        status,
        error: serde_json::from_slice(&body).ok(),
        body,
    }
}

fn zstd_json(json: &[u8]) -> Vec<u8> {
    zstd::bulk::compress(json, 3).unwrap()
}

fn zstd<T: serde::Serialize>(v: &T) -> Vec<u8> {
    zstd_json(&serde_json::to_vec(v).unwrap())
}

fn unpack(a: &Answer) -> Vec<u8> {
    zstd::stream::decode_all(&a.body[..]).unwrap_or_else(|_| a.body.clone())
}

/// Signs in over HTTP; the token, or the refusal's status.
fn enrol(s: &TestServer, user: &str, password: &str) -> Result<String, u16> {
    enrol_on(s, user, password, Id::new())
}

/// Signs in from the laptop `device`.
fn enrol_on(s: &TestServer, user: &str, password: &str, device: Id) -> Result<String, u16> {
    let a = post(
        &format!("{}/v1/enrol", s.url),
        None,
        zstd(&EnrolRequest {
            user: user.into(),
            password: password.into(),
            device_id: device,
            device_name: format!("{user}-laptop"),
        }),
    );
    if a.status != 200 {
        return Err(a.status);
    }
    let r: EnrolResponse = serde_json::from_slice(&unpack(&a)).unwrap();
    Ok(r.token)
}

fn overview(s: &TestServer, token: &str) -> AdminOverview {
    let a = post(
        &format!("{}/v1/admin/overview", s.url),
        Some(token),
        zstd(&AdminOverviewQuery {}),
    );
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    serde_json::from_slice(&unpack(&a)).unwrap()
}

fn act(s: &TestServer, token: Option<&str>, action: AdminAction) -> Answer {
    post(
        &format!("{}/v1/admin/act", s.url),
        token,
        zstd(&AdminAct { action }),
    )
}

#[track_caller]
fn refused(b: &str, a: &Answer, status: u16, code: &str) {
    let e = a
        .error
        .as_ref()
        .unwrap_or_else(|| panic!("{b}: {} {}", a.status, String::from_utf8_lossy(&a.body)));
    assert_eq!(
        (a.status, e.code.as_deref()),
        (status, Some(code)),
        "{b}: {}",
        e.message
    );
}

#[track_caller]
fn ok(b: &str, a: &Answer) -> AdminOverview {
    assert_eq!(
        a.status,
        200,
        "{b}: {}",
        String::from_utf8_lossy(&unpack(a))
    );
    serde_json::from_slice(&unpack(a)).unwrap()
}

fn names(o: &AdminOverview) -> Vec<&str> {
    o.users.iter().map(|u| u.name.as_str()).collect()
}

/// What a refused request must leave as it was: users with grants and flags, devices, audit.
fn state(s: &TestServer) -> String {
    let db = s.db();
    let users = s.block_on(db.list_users_in("default".into())).unwrap();
    let devices = s.block_on(db.list_devices_in("default".into())).unwrap();
    let audit = s.block_on(db.audit_log(None)).unwrap();
    format!("{users:?}\n{devices:?}\n{}", audit.len())
}

/// The county → town → communities A and B, pushed by the bootstrap administrator's laptop.
fn places(s: &TestServer) -> (Id, Id) {
    let (county, town, a, b) = (Id::new(), Id::new(), Id::new(), Id::new());
    let db = s.db();
    s.block_on(async {
        let dev = crate::conformance::support::device(db, "boss", Role::Admin, &[]).await;
        let changes = vec![
            crate::conformance::support::place(&dev, 1, county, "县", None),
            crate::conformance::support::place(&dev, 2, town, "樟城镇", Some(county)),
            crate::conformance::support::place(&dev, 3, a, "北门社区", Some(town)),
            crate::conformance::support::place(&dev, 4, b, "南门社区", Some(town)),
        ];
        crate::conformance::support::push(db, &dev, changes).await;
    });
    (a, b)
}

fn run(b: &str, s: &TestServer) {
    let (a, other) = places(s);
    s.block_on(s.db().set_password("boss".into(), cheap_hash(PASSWORD)))
        .unwrap();
    s.user("admin_a", Role::Admin, &[a]);
    s.user("wa", Role::GridWorker, &[a]);
    s.user("wb", Role::GridWorker, &[other]);
    let boss = enrol(s, "boss", PASSWORD).unwrap();
    let admin = enrol(s, "admin_a", PASSWORD).unwrap();
    let wa = enrol(s, "wa", PASSWORD).unwrap();
    let _wb = enrol(s, "wb", PASSWORD).unwrap();

    // the county-wide administrator sees everyone; community A's only A's users and devices
    let all = overview(s, &boss);
    assert_eq!(names(&all), ["admin_a", "boss", "wa", "wb"], "{b}");
    assert!(all.county_wide);
    let mine = overview(s, &admin);
    assert_eq!(names(&mine), ["admin_a", "wa"], "{b}");
    assert_eq!(
        (mine.me.as_str(), mine.grants.clone()),
        ("admin_a", vec![a])
    );
    assert!(mine
        .devices
        .iter()
        .all(|d| d.user == "admin_a" || d.user == "wa"));
    assert_eq!(mine.devices.len(), 2, "{b}");
    let wb_device = all
        .devices
        .iter()
        .find(|d| d.user == "wb")
        .unwrap()
        .device_id;

    // hostile requests change nothing
    let before = state(s);
    let add = |name: &str, password: &str, grants: Vec<Id>| AdminAction::AddUser {
        name: name.into(),
        role: Role::GridWorker,
        password: password.into(),
        grants,
    };
    // a worker's token is not an administrator's
    let a1 = post(
        &format!("{}/v1/admin/overview", s.url),
        Some(&wa),
        zstd(&AdminOverviewQuery {}),
    );
    refused(b, &a1, 403, msg::ADMIN_NOT_ADMIN.code);
    refused(
        b,
        &act(s, Some(&wa), add("x1", "longenough", vec![a])),
        403,
        msg::ADMIN_NOT_ADMIN.code,
    );
    // no token
    assert_eq!(act(s, None, add("x2", "longenough", vec![a])).status, 401);
    // community B's user, device and place are out of A's administrator's reach
    let out = msg::ADMIN_USER_OUT_OF_GRANTS.code;
    let hostile = [
        AdminAction::SetDisabled {
            name: "wb".into(),
            disabled: true,
        },
        AdminAction::ResetPassword {
            name: "wb".into(),
            password: "takenover1".into(),
        },
        AdminAction::Grant {
            name: "wb".into(),
            places: vec![a],
        },
        AdminAction::RevokeGrants {
            name: "wb".into(),
            places: vec![other],
        },
        // the county-wide administrator is out of reach too, and an unknown name reads the same
        AdminAction::SetDisabled {
            name: "boss".into(),
            disabled: true,
        },
        AdminAction::SetDisabled {
            name: "nobody".into(),
            disabled: true,
        },
    ];
    for h in hostile {
        refused(b, &act(s, Some(&admin), h), 403, out);
    }
    refused(
        b,
        &act(
            s,
            Some(&admin),
            AdminAction::RevokeDevice {
                device_id: wb_device,
            },
        ),
        403,
        msg::ADMIN_DEVICE_OUT_OF_GRANTS.code,
    );
    refused(
        b,
        &act(s, Some(&admin), add("x3", "longenough", vec![other])),
        403,
        msg::ADMIN_PLACE_OUT_OF_GRANTS.code,
    );
    refused(
        b,
        &act(
            s,
            Some(&admin),
            AdminAction::Grant {
                name: "wa".into(),
                places: vec![other],
            },
        ),
        403,
        msg::ADMIN_PLACE_OUT_OF_GRANTS.code,
    );
    // bad input
    let cases = [
        (
            add("x4", "longenough", vec![Id::new()]),
            400,
            msg::ADMIN_PLACE_UNKNOWN,
        ),
        (add("  ", "longenough", vec![a]), 400, msg::ADMIN_NAME_EMPTY),
        (
            add("two words", "longenough", vec![a]),
            400,
            msg::ADMIN_NAME_BAD,
        ),
        (add("x5", "short", vec![a]), 400, msg::ADMIN_PASSWORD_SHORT),
        (add("x6", "longenough", vec![]), 400, msg::ADMIN_NO_GRANTS),
        (add("wb", "longenough", vec![a]), 409, msg::ADMIN_NAME_TAKEN),
        (
            AdminAction::SetDisabled {
                name: "admin_a".into(),
                disabled: true,
            },
            400,
            msg::ADMIN_NOT_YOURSELF,
        ),
        (
            AdminAction::RevokeGrants {
                name: "wa".into(),
                places: vec![a],
            },
            400,
            msg::ADMIN_LAST_GRANT,
        ),
    ];
    for (action, status, m) in cases {
        refused(b, &act(s, Some(&admin), action), status, m.code);
    }
    // malformed JSON, and a body that is not zstd
    for body in [
        zstd_json(br#"{"action":{"action":"add_user","name":"x7""#),
        zstd_json(br#"{"action":{"action":"drop_tables"}}"#),
        br#"{"action":{"action":"set_disabled","name":"wb","disabled":true}}"#.to_vec(),
    ] {
        let r = post(&format!("{}/v1/admin/act", s.url), Some(&admin), body);
        assert_eq!(r.status, 400, "{b}: {}", String::from_utf8_lossy(&r.body));
    }
    assert_eq!(state(s), before, "{b}: a refused request changed something");
    assert!(enrol(s, "wb", PASSWORD).is_ok(), "{b}");

    // A's administrator creates a grid worker with a grant under A, who signs in
    let after = ok(
        b,
        &act(s, Some(&admin), add("grid1", "grid1-password", vec![a])),
    );
    let g = after.users.iter().find(|u| u.name == "grid1").unwrap();
    assert_eq!(
        (g.role, g.grants.clone(), g.disabled),
        (Role::GridWorker, vec![a], false)
    );
    let g_laptop = Id::new();
    let g_token = enrol_on(s, "grid1", "grid1-password", g_laptop).unwrap();
    let g_device = overview(s, &admin)
        .devices
        .into_iter()
        .find(|d| d.user == "grid1")
        .unwrap();
    assert_eq!(g_device.device_id, g_laptop);
    assert!(g_device.last_seen_ms.is_some(), "{b}");

    // disabled: its laptop is refused and it cannot sign in; enabled: it can again
    let o = ok(
        b,
        &act(
            s,
            Some(&admin),
            AdminAction::SetDisabled {
                name: "grid1".into(),
                disabled: true,
            },
        ),
    );
    assert!(o.users.iter().any(|u| u.name == "grid1" && u.disabled));
    assert_eq!(enrol(s, "grid1", "grid1-password"), Err(403), "{b}");
    let still = post(
        &format!("{}/v1/blobs/missing", s.url),
        Some(&g_token),
        zstd(&serde_json::json!({"hashes": []})),
    );
    assert_eq!(still.status, 403, "{b}");
    ok(
        b,
        &act(
            s,
            Some(&admin),
            AdminAction::SetDisabled {
                name: "grid1".into(),
                disabled: false,
            },
        ),
    );
    // a new password: the old one and the old token stop working
    ok(
        b,
        &act(
            s,
            Some(&admin),
            AdminAction::ResetPassword {
                name: "grid1".into(),
                password: "brand-new-pass".into(),
            },
        ),
    );
    assert_eq!(enrol(s, "grid1", "grid1-password"), Err(401), "{b}");
    let again = enrol_on(s, "grid1", "brand-new-pass", g_laptop).unwrap();
    // a second place under A would be granted; revoking one of two is allowed
    ok(
        b,
        &act(
            s,
            Some(&admin),
            AdminAction::Grant {
                name: "wa".into(),
                places: vec![a],
            },
        ),
    );
    // the laptop revoked: its next request is refused
    let o = ok(
        b,
        &act(
            s,
            Some(&admin),
            AdminAction::RevokeDevice {
                device_id: g_device.device_id,
            },
        ),
    );
    assert!(o
        .devices
        .iter()
        .any(|d| d.device_id == g_device.device_id && d.revoked));
    let revoked = post(
        &format!("{}/v1/blobs/missing", s.url),
        Some(&again),
        zstd(&serde_json::json!({"hashes": []})),
    );
    assert_eq!(revoked.status, 403, "{b}");

    // the audit: every action, newest first, by the administrator on this laptop; A's
    // administrator does not see what the county's did to B's worker
    ok(
        b,
        &act(
            s,
            Some(&boss),
            AdminAction::SetDisabled {
                name: "wb".into(),
                disabled: true,
            },
        ),
    );
    let audit: Vec<(String, String)> = overview(s, &admin)
        .audit
        .into_iter()
        .map(|e| {
            assert!(e.actor.starts_with("admin_a@app:"), "{b}: {}", e.actor);
            (e.action, e.target)
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("device.revoke", g_device.device_id.to_string()),
        ("user.grant", "wa".into()),
        ("user.passwd", "grid1".into()),
        ("user.enable", "grid1".into()),
        ("user.disable", "grid1".into()),
        ("user.add", "grid1".into()),
    ]
    .into_iter()
    .map(|(a, t)| (a.to_owned(), t))
    .collect();
    assert_eq!(audit, want, "{b}");
    let county_audit = overview(s, &boss).audit;
    assert_eq!(county_audit.len(), want.len() + 1, "{b}");
    assert_eq!(
        (
            county_audit[0].action.as_str(),
            county_audit[0].target.as_str()
        ),
        ("user.disable", "wb")
    );
}

#[test]
fn an_administrator_manages_only_the_users_within_their_grants_over_http() {
    run("sqlite", &Spawn::new().start());
    match Spawn::new().postgres() {
        Some(pg) => run("postgres", &pg.start()),
        None => linli_tests::pg::skipped(
            "an_administrator_manages_only_the_users_within_their_grants_over_http",
        ),
    }
}
