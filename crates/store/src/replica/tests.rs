//! The replica's tests: outbox and acknowledgements, pull pages, checkpointing, the clock
//! shared between connections.

use super::*;
use crate::journal::{now_ms, MAX_OBSERVED_AHEAD_MS};
use crate::{Error, Store, SyncWrite};
use linli_domain::{Hlc, Id};
use linli_protocol::sync::{
    Change, ChangeOutcome, ChangeResult, PullResponse, PulledChange, PushResponse, RefuseReason,
};
use serde_json::{json, Value};

static LEDGER: TableDef = TableDef {
    name: "test_ledger",
    kind: TableKind::Fact,
    columns: &["account", "delta"],
};

fn store() -> (Store, Schema) {
    let s = Store::open_in_memory().unwrap();
    s.conn()
        .execute_batch(
            "CREATE TABLE test_ledger (id TEXT PRIMARY KEY, account TEXT NOT NULL DEFAULT '',
             delta INTEGER NOT NULL DEFAULT 0) STRICT;",
        )
        .unwrap();
    (s, Schema::default().with(&LEDGER))
}

fn place(name: &str) -> SyncWrite {
    SyncWrite {
        table: "places".into(),
        row_id: Id::new(),
        fields: [
            ("kind".to_owned(), json!("community")),
            ("name".to_owned(), json!(name)),
        ]
        .into(),
        scope_community: None,
        scope_grid: None,
        scope_place: None,
    }
}

fn accepted(c: &Change, seq: i64) -> ChangeResult {
    ChangeResult {
        device_seq: c.device_seq,
        outcome: ChangeOutcome::Accepted {
            server_seq: seq,
            needs_review: false,
        },
    }
}

/// A refused change keeps its catalogue code and arguments to the Sync page's status, so the
/// window says it in its language (issue 15 item 7); one from an older server has none.
#[test]
fn a_refusals_code_and_arguments_survive_to_the_sync_status() {
    let (mut s, schema) = store();
    let a = s.write_row(&schema, place("北门"), 1_000).unwrap();
    let b = s.write_row(&schema, place("南门"), 1_000).unwrap();
    let sent = s.outbox(10).unwrap();
    let refusal = |seq, code: Option<&str>, args: &[(&str, &str)]| ChangeResult {
        device_seq: seq,
        outcome: ChangeOutcome::Refused {
            reason: RefuseReason::Invalid,
            message: "数据表“places”没有字段“x” (table places has no field x)".into(),
            code: code.map(str::to_owned),
            args: args
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        },
    };
    let resp = PushResponse {
        results: vec![
            refusal(
                a.device_seq,
                Some("refused_no_such_field"),
                &[("table", "places"), ("field", "x")],
            ),
            refusal(b.device_seq, None, &[]),
        ],
        server_time: Hlc::new(now_ms(), 0),
    };
    s.acknowledge(&sent, &resp).unwrap();
    let status = s.sync_status().unwrap();
    assert_eq!(status.refused.len(), 2);
    assert_eq!(
        status.refused[0].code.as_deref(),
        Some("refused_no_such_field")
    );
    assert_eq!(
        status.refused[0].args,
        [("field", "x"), ("table", "places")]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    );
    assert_eq!(status.refused[1].code, None);
    assert!(status.refused[1].args.is_empty());
    // a refusal kept before the laptop stored codes (NULL columns) reads as one without
    s.conn()
        .execute("UPDATE sync_refusals SET code = NULL, args = NULL", [])
        .unwrap();
    let status = s.sync_status().unwrap();
    assert_eq!(status.refused[0].code, None);
    assert!(status.refused[0].args.is_empty());
    assert!(status.refused[0]
        .message
        .contains("table places has no field x"));
}

#[test]
fn the_outbox_empties_as_the_server_acknowledges_and_refusals_are_kept() {
    let (mut s, schema) = store();
    let a = s.write_row(&schema, place("北门"), 1_000).unwrap();
    let b = s.write_row(&schema, place("南门"), 1_000).unwrap();
    assert_eq!(s.outbox_len().unwrap(), 2);
    let sent = s.outbox(10).unwrap();
    assert_eq!(sent, vec![a.clone(), b.clone()]);
    let resp = PushResponse {
        results: vec![
            accepted(&a, 1),
            ChangeResult {
                device_seq: b.device_seq,
                outcome: ChangeOutcome::Refused {
                    reason: RefuseReason::OutsideGrants,
                    message: "不在你的授权范围内".into(),
                    code: None,
                    args: Default::default(),
                },
            },
        ],
        // an hour ahead of this laptop: within the day a laptop takes from a server
        server_time: Hlc::new(now_ms() + 3_600_000, 0),
    };
    let server_time = resp.server_time;
    // an answer for another batch is not recorded
    assert!(s.acknowledge(&sent[..1], &resp).is_err());
    s.acknowledge(&sent, &resp).unwrap();
    assert_eq!(s.outbox_len().unwrap(), 0);
    let status = s.sync_status().unwrap();
    assert_eq!(status.refused.len(), 1);
    assert_eq!(status.refused[0].row_id, b.row_id);
    // the server's time was observed: the next write sorts after it
    let c = s.write_row(&schema, place("东门"), 2_000).unwrap();
    assert!(c.hlc > server_time);
    // a server in the year 2255 drags the clock no further than a day ahead
    s.observe_server_time(Hlc::new(9_000_000_000_000, 0))
        .unwrap();
    let d = s.write_row(&schema, place("西门"), 2_000).unwrap();
    assert!(d.hlc.ms <= now_ms() + MAX_OBSERVED_AHEAD_MS, "{:?}", d.hlc);
}

fn pulled(seq: i64, c: Change) -> PulledChange {
    PulledChange {
        server_seq: seq,
        needs_review: false,
        read_only: false,
        change: c,
    }
}

#[test]
fn the_checkpointer_copies_the_log_into_the_file_while_the_writer_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let schema = Schema::default();
    let main_file = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().len();
    let write = |s: &mut Store| {
        for _ in 0..20 {
            let rows = (0..200)
                .map(|i| place(&format!("{i}号楼{}", "楼".repeat(100))))
                .collect();
            s.write_rows(&schema, rows, 1_000).unwrap();
        }
    };
    // without it, and without automatic checkpoints, everything stays in the log
    let mut idle = Store::open(dir.path().join("idle.db")).unwrap();
    idle.set_wal_autocheckpoint(0).unwrap();
    let before = main_file("idle.db");
    write(&mut idle);
    assert_eq!(main_file("idle.db"), before);
    // with it, the file takes the rows while the writer is still writing
    let mut busy = Store::open(dir.path().join("busy.db")).unwrap();
    busy.set_wal_autocheckpoint(0).unwrap();
    let before = main_file("busy.db");
    let checkpointer = busy.start_checkpointer().unwrap();
    assert!(checkpointer.is_some());
    write(&mut busy);
    std::thread::sleep(std::time::Duration::from_millis(200));
    drop(checkpointer);
    assert!(main_file("busy.db") > before + 1_000_000, "{before}");
    // a store in memory has no log to copy
    assert!(Store::open_in_memory()
        .unwrap()
        .start_checkpointer()
        .unwrap()
        .is_none());
}

/// The rows the search finds for `q`.
fn found(s: &Store, q: &str) -> Vec<Id> {
    s.search(&linli_protocol::Search {
        query: q.into(),
        limit: 20,
    })
    .unwrap()
    .into_iter()
    .map(|h| h.id)
    .collect()
}

#[test]
fn pulled_households_are_found_by_address_whatever_order_their_places_arrive_in() {
    // laptop A registers 3栋 2单元 with rooms 301 and 302, then 303
    let (mut a, schema) = store();
    let community = a.write_row(&schema, place("北门"), 1_000).unwrap().row_id;
    let sub = |kind: &str, name: &str, parent: Id| SyncWrite {
        table: "places".into(),
        row_id: Id::new(),
        fields: [
            ("kind".to_owned(), json!(kind)),
            ("name".to_owned(), json!(name)),
            ("parent_id".to_owned(), json!(parent.to_string())),
        ]
        .into(),
        scope_community: Some(community),
        scope_grid: None,
        scope_place: None,
    };
    let building = a
        .write_row(&schema, sub("building", "3栋", community), 1_000)
        .unwrap();
    let unit = a
        .write_row(&schema, sub("unit", "2单元", building.row_id), 1_000)
        .unwrap();
    let household = |room: &str, phone: &str| SyncWrite {
        table: "households".into(),
        row_id: Id::new(),
        fields: [
            ("community_id", json!(community.to_string())),
            ("building_id", json!(building.row_id.to_string())),
            ("unit_id", json!(unit.row_id.to_string())),
            ("room", json!(room)),
            ("phone", json!(phone)),
            ("residence_status", json!("consistent")),
            ("floating", json!(false)),
            ("tags", json!("[]")),
            ("notes", json!("")),
            ("moved_out", Value::Null),
            ("deleted", json!(false)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
        scope_community: Some(community),
        scope_grid: None,
        scope_place: Some(unit.row_id),
    };
    let h1 = a
        .write_row(&schema, household("301", "13900000001"), 1_000)
        .unwrap();
    let h2 = a
        .write_row(&schema, household("302", "13900000002"), 1_000)
        .unwrap();
    let h3 = a
        .write_row(&schema, household("303", "13900000003"), 1_000)
        .unwrap();
    let renamed = |c: &Change, name: &str, ms: u64| {
        let mut c = c.clone();
        c.change_id = Id::new();
        c.device_seq += 1_000;
        c.hlc = Hlc::new(c.hlc.ms + ms, 0);
        c.fields = [("name".to_owned(), json!(name))].into();
        c
    };
    let community_change = a.journal().unwrap().remove(0);

    // laptop B: the first household arrives before its building and unit, in one page
    let (mut b, schema) = store();
    let page = |changes: Vec<Change>, next: i64| PullResponse {
        changes: changes
            .into_iter()
            .enumerate()
            .map(|(i, c)| pulled(next - 9 + i as i64, c))
            .collect(),
        next,
        more: false,
        server_time: Hlc::new(2_000, 0),
    };
    b.apply_pulled(
        &schema,
        &page(
            vec![
                community_change,
                h1.clone(),
                building.clone(),
                unit.clone(),
                h2.clone(),
            ],
            10,
        ),
    )
    .unwrap();
    assert_eq!(found(&b, "3-2-301"), [h1.row_id]);
    assert_eq!(found(&b, "3栋2单元302"), [h2.row_id]);
    assert_eq!(found(&b, "0002"), [h2.row_id]);

    // the building is renamed after a household of the same page was indexed, the unit
    // before one: both keys follow
    b.apply_pulled(
        &schema,
        &page(
            vec![
                h3.clone(),
                renamed(&building, "5栋", 10),
                renamed(&unit, "1单元", 10),
            ],
            20,
        ),
    )
    .unwrap();
    for (room, h) in [("301", &h1), ("302", &h2), ("303", &h3)] {
        assert_eq!(found(&b, &format!("5-1-{room}")), [h.row_id], "{room}");
        assert!(found(&b, &format!("3-2-{room}")).is_empty(), "{room}");
    }

    // a later page renames it again: the households of earlier pages follow too
    b.apply_pulled(&schema, &page(vec![renamed(&building, "7栋", 20)], 30))
        .unwrap();
    assert_eq!(found(&b, "7-1-302"), [h2.row_id]);
    assert!(found(&b, "5-1-302").is_empty());
}

#[test]
fn pulled_changes_merge_per_field_and_facts_land_once() {
    let (mut a, schema) = store();
    let (mut b, _) = store();
    let w = place("北门");
    let id = w.row_id;
    let created = a.write_row(&schema, w, 1_000).unwrap();
    let page = PullResponse {
        changes: vec![pulled(1, created.clone())],
        next: 1,
        more: false,
        server_time: Hlc::new(1_000, 0),
    };
    assert_eq!(b.apply_pulled(&schema, &page).unwrap().changed, 1);
    // b renames later; a's older rename arrives after it and loses
    let mut rename = place("新北门");
    rename.row_id = id;
    rename.fields.remove("kind");
    let newer = b.write_row(&schema, rename.clone(), 5_000).unwrap();
    rename.fields.insert("name".into(), json!("旧北门"));
    let older = a.write_row(&schema, rename, 2_000).unwrap();
    assert!(older.hlc < newer.hlc);
    let page = PullResponse {
        changes: vec![pulled(2, older)],
        next: 2,
        more: false,
        server_time: Hlc::new(1_000, 0),
    };
    assert_eq!(b.apply_pulled(&schema, &page).unwrap().unchanged, 1);
    assert_eq!(b.pull_cursor().unwrap(), 2);
    let export = b.export(&schema).unwrap();
    assert_eq!(export["places"][&id]["name"], json!("新北门"));

    // a fact arrives twice (a duplicated page): inserted once
    let fact = SyncWrite {
        table: "test_ledger".into(),
        row_id: Id::new(),
        fields: [
            ("account".to_owned(), json!("张三")),
            ("delta".to_owned(), json!(5)),
        ]
        .into(),
        scope_community: Some(id),
        scope_grid: None,
        scope_place: None,
    };
    let f = a.write_row(&schema, fact.clone(), 3_000).unwrap();
    assert!(matches!(
        a.write_row(&schema, fact, 3_000),
        Err(Error::Conflict { .. })
    ));
    let page = PullResponse {
        changes: vec![pulled(3, f.clone()), pulled(4, f)],
        next: 4,
        more: false,
        server_time: Hlc::new(1_000, 0),
    };
    let stats = b.apply_pulled(&schema, &page).unwrap();
    assert_eq!((stats.changed, stats.unchanged), (1, 1));
    let n: i64 = b
        .conn()
        .query_row("SELECT count(*) FROM test_ledger", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    // once a sees b's rename, both agree
    let page = PullResponse {
        changes: vec![pulled(5, newer)],
        next: 5,
        more: false,
        server_time: Hlc::new(1_000, 0),
    };
    a.apply_pulled(&schema, &page).unwrap();
    assert_eq!(a.export(&schema).unwrap(), b.export(&schema).unwrap());
}

#[test]
fn unknown_tables_and_fields_from_the_wire_are_kept_aside_not_interpolated() {
    let (mut s, schema) = store();
    let mut c = s.write_row(&schema, place("北门"), 1_000).unwrap();
    c.device_id = Id::new();
    let mut evil = c.clone();
    evil.table = "places; DROP TABLE places".into();
    let mut odd = c.clone();
    odd.fields.insert("name = 'x' --".into(), json!(1));
    let page = PullResponse {
        changes: vec![pulled(1, evil), pulled(2, odd)],
        next: 2,
        more: false,
        server_time: Hlc::ZERO,
    };
    let stats = s.apply_pulled(&schema, &page).unwrap();
    assert_eq!(stats.kept_aside, 2);
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM sync_unapplied", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    assert_eq!(s.export(&schema).unwrap()["places"].len(), 1);
}

#[test]
fn a_second_connection_to_the_file_never_stamps_below_the_time_the_first_has_seen() {
    // the desktop's background sync pulls on its own connection while the window writes on another
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    let mut window = Store::open(&path).unwrap();
    let mut background = Store::open(&path).unwrap();
    let now = now_ms();
    let first = window
        .write_row(&Schema::default(), place("北门社区"), now)
        .unwrap();
    // the server's clock is a day ahead; the background connection observes it
    let ahead = Hlc::new(now + 86_400_000, 0);
    background.observe_server_time(ahead).unwrap();
    let second = window
        .write_row(&Schema::default(), place("南门社区"), now)
        .unwrap();
    assert!(first.hlc < ahead);
    assert!(second.hlc > ahead, "{} is not after {ahead}", second.hlc);
    // and the background's own bookkeeping does not move the stored time back
    background.observe_server_time(Hlc::new(now, 0)).unwrap();
    let reopened = Store::open(&path).unwrap();
    let stored: String = reopened
        .conn()
        .query_row("SELECT value FROM meta WHERE key = 'hlc'", [], |r| r.get(0))
        .unwrap();
    assert!(stored.parse::<Hlc>().unwrap() > second.hlc);
}

#[test]
fn a_bulk_pull_lets_commits_skip_the_disk_and_sets_everything_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("bulk.db")).unwrap();
    let pragma = |s: &Store, p: &str| -> i64 {
        s.conn()
            .query_row(&format!("PRAGMA {p}"), [], |r| r.get(0))
            .unwrap()
    };
    // FULL (2) and SQLite's automatic checkpoint every 1,000 pages outside a bulk pull
    assert_eq!(
        (pragma(&s, "synchronous"), pragma(&s, "wal_autocheckpoint")),
        (2, 1000)
    );
    let bulk = s.bulk_pull().unwrap();
    assert_eq!(
        (
            pragma(&bulk, "synchronous"),
            pragma(&bulk, "wal_autocheckpoint")
        ),
        (1, 0)
    );
    bulk.finish().unwrap();
    assert_eq!(
        (pragma(&s, "synchronous"), pragma(&s, "wal_autocheckpoint")),
        (2, 1000)
    );
    // a guard dropped without finishing (an error mid-pull) sets them back too
    drop(s.bulk_pull().unwrap());
    assert_eq!(
        (pragma(&s, "synchronous"), pragma(&s, "wal_autocheckpoint")),
        (2, 1000)
    );
    // a store in memory has no log: nothing changes
    let mut m = Store::open_in_memory().unwrap();
    let before = pragma(&m, "synchronous");
    let bulk = m.bulk_pull().unwrap();
    assert_eq!(pragma(&bulk, "synchronous"), before);
}
