//! The client engine against the real server over HTTP on 127.0.0.1: round trips between
//! laptops, idempotent retries, scope in both directions, the ledger floor, revocation and being
//! offline.

use linli_tests::{spawn_server, TestServer as Server};

use linli_domain::{Id, PlaceKind};
use linli_protocol::sync::{ChangeOutcome, PushRequest, PushResponse, RefuseReason, Role};
use linli_server::ServerDb;
use linli_store::tables::{TableDef, TableKind};
use linli_store::{Schema, Store, SyncWrite};
use linli_sync::{Engine, Error, HttpTransport, Post, Transport};
use serde_json::{json, Value};

static LEDGER: TableDef = TableDef {
    name: "test_ledger",
    kind: TableKind::Fact,
    columns: &["account", "delta"],
};

fn schema() -> Schema {
    Schema::default().with(&LEDGER)
}

trait Laptops {
    fn laptop(&self, user: &str) -> Store;
    fn sync(&self, s: &mut Store) -> Result<linli_sync::Report, Error>;
}

/// A laptop's store with the test ledger's table, enrolled as `user`.
fn enrolled(mut s: Store, url: &str, user: &str) -> Store {
    s.conn()
        .execute_batch(
            "CREATE TABLE test_ledger (id TEXT PRIMARY KEY, account TEXT NOT NULL DEFAULT '',
             delta INTEGER NOT NULL DEFAULT 0) STRICT;",
        )
        .unwrap();
    let mut t = HttpTransport::new(url);
    linli_sync::login(&mut s, &mut t, url, user, "secret", "test laptop").unwrap();
    s
}

impl Laptops for Server {
    fn laptop(&self, user: &str) -> Store {
        enrolled(Store::open_in_memory().unwrap(), &self.url, user)
    }

    fn sync(&self, s: &mut Store) -> Result<linli_sync::Report, Error> {
        Engine::new(HttpTransport::new(&self.url))
            .with_schema(schema())
            .with_sizes(3, 4)
            .sync(s, &mut |_| {})
    }
}

fn place(s: &mut Store, kind: PlaceKind, name: &str, parent: Option<Id>) -> Id {
    let id = Id::new();
    let mut fields = std::collections::BTreeMap::new();
    fields.insert("kind".to_owned(), json!(kind.code()));
    fields.insert("name".to_owned(), json!(name));
    fields.insert("parent_id".to_owned(), json!(parent.map(|p| p.to_string())));
    s.write_row(
        &schema(),
        SyncWrite {
            table: "places".into(),
            row_id: id,
            fields,
            scope_community: None,
            scope_grid: None,
            scope_place: None,
        },
        now(),
    )
    .unwrap();
    id
}

fn rename(s: &mut Store, id: Id, name: &str) {
    s.write_row(
        &schema(),
        SyncWrite {
            table: "places".into(),
            row_id: id,
            fields: [("name".to_owned(), json!(name))].into(),
            scope_community: None,
            scope_grid: None,
            scope_place: None,
        },
        now(),
    )
    .unwrap();
}

fn ledger(s: &mut Store, building: Id, account: &str, delta: i64) -> Id {
    let id = Id::new();
    s.write_row(
        &schema(),
        SyncWrite {
            table: "test_ledger".into(),
            row_id: id,
            fields: [
                ("account".to_owned(), json!(account)),
                ("delta".to_owned(), json!(delta)),
            ]
            .into(),
            scope_community: None,
            scope_grid: None,
            scope_place: Some(building),
        },
        now(),
    )
    .unwrap();
    id
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

fn name_of(s: &Store, id: Id) -> Option<Value> {
    s.export(&schema()).unwrap()["places"]
        .get(&id)
        .map(|r| r["name"].clone())
}

/// The demo tree: county → town → community → compounds K1, K2 → buildings B1, B2.
struct Tree {
    county: Id,
    community: Id,
    k1: Id,
    b1: Id,
    k2: Id,
    b2: Id,
}

fn tree(admin: &mut Store) -> Tree {
    let county = place(admin, PlaceKind::County, "永泰县", None);
    let town = place(admin, PlaceKind::Town, "樟城镇", Some(county));
    let community = place(admin, PlaceKind::Community, "北门社区", Some(town));
    let k1 = place(admin, PlaceKind::Compound, "幸福小区", Some(community));
    let b1 = place(admin, PlaceKind::Building, "1栋", Some(k1));
    let k2 = place(admin, PlaceKind::Compound, "和平小区", Some(community));
    let b2 = place(admin, PlaceKind::Building, "2栋", Some(k2));
    Tree {
        county,
        community,
        k1,
        b1,
        k2,
        b2,
    }
}

#[test]
fn two_laptops_converge_through_the_server() {
    let srv = spawn_server();
    srv.user("admin", Role::Admin, &[]);
    let mut a = srv.laptop("admin");
    let mut b = srv.laptop("admin");
    let t = tree(&mut a);
    let r = srv.sync(&mut a).unwrap();
    assert_eq!((r.pushed, r.accepted), (7, 7));
    assert_eq!(a.sync_status().unwrap().outbox, 0);
    let r = srv.sync(&mut b).unwrap();
    assert_eq!(r.pulled, 7);
    rename(&mut b, t.b1, "一号楼");
    srv.sync(&mut b).unwrap();
    srv.sync(&mut a).unwrap();
    assert_eq!(name_of(&a, t.b1), Some(json!("一号楼")));
    assert_eq!(a.export(&schema()).unwrap(), b.export(&schema()).unwrap());
    let server = srv.block_on(srv.db().export(None)).unwrap();
    assert_eq!(server["places"].len(), 7);
    assert!(a.sync_status().unwrap().last_success_ms.is_some());
}

#[test]
fn a_retried_push_changes_nothing_and_answers_the_same() {
    let srv = spawn_server();
    srv.user("admin", Role::Admin, &[]);
    let mut a = srv.laptop("admin");
    tree(&mut a);
    let token = a.enrolment().unwrap().unwrap().token;
    let batch = a.outbox(100).unwrap();
    let mut t = HttpTransport::new(&srv.url);
    let mut push = || -> PushResponse {
        let reply = t
            .post(Post {
                path: "/v1/push",
                token: Some(token.clone()),
                body: linli_sync::encode(&PushRequest {
                    changes: batch.clone(),
                    fact_tables: schema().fact_tables(),
                }),
            })
            .unwrap();
        assert_eq!(reply.status, 200);
        serde_json::from_slice(&zstd::stream::decode_all(&reply.body[..]).unwrap()).unwrap()
    };
    let first = push();
    let before = srv.block_on(srv.db().export(None)).unwrap();
    let again = push();
    assert_eq!(first.results, again.results);
    assert_eq!(srv.block_on(srv.db().export(None)).unwrap(), before);
    // and the client that lost the first answer pushes again: same outcome, nothing doubled
    srv.sync(&mut a).unwrap();
    let mut b = srv.laptop("admin");
    let r = srv.sync(&mut b).unwrap();
    assert_eq!(r.pulled, 7);
}

#[test]
fn a_steward_sees_only_their_building_and_cannot_write_outside_it() {
    let srv = spawn_server();
    srv.user("admin", Role::Admin, &[]);
    let mut admin = srv.laptop("admin");
    let t = tree(&mut admin);
    ledger(&mut admin, t.b1, "张三", 10);
    ledger(&mut admin, t.b2, "李四", 10);
    srv.sync(&mut admin).unwrap();

    srv.user("wang", Role::Steward, &[t.b1]);
    let mut steward = srv.laptop("wang");
    srv.sync(&mut steward).unwrap();
    let export = steward.export(&schema()).unwrap();
    // their building, and the places above it for context; not the other compound
    assert!(export["places"].contains_key(&t.b1));
    assert!(export["places"].contains_key(&t.k1));
    assert!(export["places"].contains_key(&t.community));
    assert!(export["places"].contains_key(&t.county));
    assert!(!export["places"].contains_key(&t.k2));
    assert!(!export["places"].contains_key(&t.b2));
    let accounts: Vec<_> = export["test_ledger"]
        .values()
        .map(|r| r["account"].clone())
        .collect();
    assert_eq!(accounts, [json!("张三")]);

    // writes: inside is accepted; the compound above and the other building are refused
    rename(&mut steward, t.b1, "一号楼");
    rename(&mut steward, t.k1, "改名小区");
    let outside = ledger(&mut steward, t.b2, "李四", -5);
    let r = srv.sync(&mut steward).unwrap();
    assert_eq!((r.accepted, r.refused), (1, 2));
    let status = steward.sync_status().unwrap();
    assert_eq!(status.refused.len(), 2);
    assert!(status
        .refused
        .iter()
        .all(|x| x.reason == RefuseReason::OutsideGrants && x.message.contains("授权范围")));
    assert!(status.refused.iter().any(|x| x.row_id == outside));
    assert_eq!(status.outbox, 0);

    srv.sync(&mut admin).unwrap();
    assert_eq!(name_of(&admin, t.b1), Some(json!("一号楼")));
    assert_eq!(name_of(&admin, t.k1), Some(json!("幸福小区")));
    assert!(!admin.export(&schema()).unwrap()["test_ledger"].contains_key(&outside));
}

#[test]
fn an_overdrawing_fact_is_kept_and_both_laptops_see_it_marked() {
    let srv = spawn_server();
    srv.user("admin", Role::Admin, &[]);
    let mut a = srv.laptop("admin");
    let mut b = srv.laptop("admin");
    let t = tree(&mut a);
    ledger(&mut a, t.b1, "张三", 10);
    srv.sync(&mut a).unwrap();
    srv.sync(&mut b).unwrap();
    // both redeem 8 points offline; the second to reach the server overdraws
    let first = ledger(&mut a, t.b1, "张三", -8);
    let second = ledger(&mut b, t.b1, "张三", -8);
    assert_eq!(srv.sync(&mut a).unwrap().needs_review, 0);
    assert_eq!(srv.sync(&mut b).unwrap().needs_review, 1);
    srv.sync(&mut a).unwrap();
    for laptop in [&a, &b] {
        let status = laptop.sync_status().unwrap();
        assert_eq!(
            status.needs_review,
            vec![("test_ledger".to_owned(), second)]
        );
        let rows = &laptop.export(&schema()).unwrap()["test_ledger"];
        assert!(rows.contains_key(&first) && rows.contains_key(&second));
    }
    let marked = srv.block_on(srv.db().needs_review()).unwrap();
    assert_eq!(marked, vec![("test_ledger".to_owned(), second)]);
}

#[test]
fn a_revoked_device_is_told_so() {
    let srv = spawn_server();
    srv.user("admin", Role::Admin, &[]);
    let mut a = srv.laptop("admin");
    srv.sync(&mut a).unwrap();
    srv.block_on(srv.db().revoke_device(a.device_id())).unwrap();
    let err = srv.sync(&mut a).unwrap_err();
    assert!(matches!(err, Error::Revoked(_)), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("停用") && msg.contains("revoked"), "{msg}");
    let devices = srv.block_on(srv.db().list_devices()).unwrap();
    assert!(devices[0].revoked);
}

#[test]
fn a_wrong_password_enrols_nothing() {
    let srv = spawn_server();
    srv.user("admin", Role::Admin, &[]);
    let mut s = Store::open_in_memory().unwrap();
    let mut t = HttpTransport::new(&srv.url);
    let err = linli_sync::login(&mut s, &mut t, &srv.url, "admin", "nope", "x").unwrap_err();
    assert!(err.to_string().contains("密码"), "{err}");
    let err = linli_sync::login(&mut s, &mut t, &srv.url, "nobody", "secret", "x").unwrap_err();
    assert!(err.to_string().contains("密码"), "{err}");
    assert!(s.enrolment().unwrap().is_none());
    assert!(srv.block_on(srv.db().list_devices()).unwrap().is_empty());
}

#[test]
fn being_offline_is_a_calm_error_and_loses_nothing() {
    let srv = spawn_server();
    srv.user("admin", Role::Admin, &[]);
    let mut a = srv.laptop("admin");
    tree(&mut a);
    let mut engine = Engine::new(HttpTransport::new("http://127.0.0.1:9")).with_schema(schema());
    let err = engine.sync(&mut a, &mut |_| {}).unwrap_err();
    assert!(matches!(err, Error::Offline(_)), "{err}");
    assert!(err.to_string().contains("离线"));
    assert_eq!(a.outbox_len().unwrap(), 7);
    srv.sync(&mut a).unwrap();
    assert_eq!(a.outbox_len().unwrap(), 0);
}

#[test]
fn accepted_outcomes_carry_server_sequences_in_order() {
    let srv = spawn_server();
    srv.user("admin", Role::Admin, &[]);
    let mut a = srv.laptop("admin");
    tree(&mut a);
    let token = a.enrolment().unwrap().unwrap().token;
    let batch = a.outbox(100).unwrap();
    let reply = HttpTransport::new(&srv.url)
        .post(Post {
            path: "/v1/push",
            token: Some(token),
            body: linli_sync::encode(&PushRequest {
                changes: batch,
                fact_tables: vec![],
            }),
        })
        .unwrap();
    let resp: PushResponse =
        serde_json::from_slice(&zstd::stream::decode_all(&reply.body[..]).unwrap()).unwrap();
    let seqs: Vec<i64> = resp
        .results
        .iter()
        .map(|r| match r.outcome {
            ChangeOutcome::Accepted { server_seq, .. } => server_seq,
            ChangeOutcome::Refused { .. } => panic!("refused: {r:?}"),
        })
        .collect();
    assert_eq!(seqs, (1..=7).collect::<Vec<_>>());
}

#[test]
fn a_long_pull_into_a_file_arrives_whole_and_leaves_the_log_copied_into_the_file() {
    let srv = spawn_server();
    srv.user("admin", Role::Admin, &[]);
    let mut a = srv.laptop("admin");
    let t = tree(&mut a);
    for i in 0..300 {
        place(&mut a, PlaceKind::Building, &format!("{i}栋"), Some(t.k1));
    }
    srv.sync(&mut a).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    let mut b = enrolled(Store::open(&path).unwrap(), &srv.url, "admin");
    // pages of 20: the pull is long, so the copying runs on a thread of its own
    let r = Engine::new(HttpTransport::new(&srv.url))
        .with_schema(schema())
        .with_sizes(50, 20)
        .sync(&mut b, &mut |_| {})
        .unwrap();
    assert_eq!(r.pulled, 307);
    assert_eq!(a.export(&schema()).unwrap(), b.export(&schema()).unwrap());
    // everything the pull wrote is in the file itself, not only in its log: a copy of the file
    // without the log holds every place
    let copy = dir.path().join("copy.db");
    std::fs::copy(&path, &copy).unwrap();
    // the key goes with it (the file is encrypted: issue 16)
    std::fs::copy(
        linli_store::key::key_file_path(&path),
        linli_store::key::key_file_path(&copy),
    )
    .unwrap();
    let places: i64 = linli_store::connect(&copy)
        .unwrap()
        .query_row("SELECT count(*) FROM places", [], |r| r.get(0))
        .unwrap();
    assert_eq!(places, 307);
    // and automatic checkpoints are back on
    let auto: i64 = b
        .conn()
        .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
        .unwrap();
    assert_eq!(auto, 1000);
    drop(b);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(
        reopened.export(&schema()).unwrap(),
        a.export(&schema()).unwrap()
    );
}
