//! The laptop's defences against a hostile or broken page and a copied file (issue 13): a page
//! never gets stuck on a change it cannot apply, and a new device id loses nothing.

use linli_domain::{Hlc, Id};
use linli_protocol::sync::{
    Change, ChangeOutcome, ChangeResult, PullResponse, PulledChange, PushResponse,
};
use serde_json::json;

use crate::{Schema, Store, SyncWrite};

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

fn pulled(seq: i64, c: Change) -> PulledChange {
    PulledChange {
        server_seq: seq,
        needs_review: false,
        read_only: false,
        change: c,
    }
}

/// `c` as another device wrote it, with other fields.
fn other(c: &Change, table: &str, fields: serde_json::Value) -> Change {
    let mut c = c.clone();
    c.change_id = Id::new();
    c.device_id = Id::new();
    c.row_id = Id::new();
    c.table = table.into();
    c.fields = serde_json::from_value(fields).unwrap();
    c
}

#[test]
fn a_poison_page_is_kept_aside_change_by_change_and_the_rest_commits() {
    let schema = Schema::default();
    let mut source = Store::open_in_memory().unwrap();
    let good = source.write_row(&schema, place("北门"), 1_000).unwrap();
    let mut s = Store::open_in_memory().unwrap();
    let page = PullResponse {
        changes: vec![
            pulled(
                1,
                other(
                    &good,
                    "places",
                    json!({"kind": "community", "name": "南门"}),
                ),
            ),
            pulled(2, other(&good, "households", json!({"room": null}))),
            pulled(3, other(&good, "households", json!({"floating": "很多"}))),
            // a fact without its resident: the schema's NOT NULL refuses the row itself
            pulled(
                4,
                other(
                    &good,
                    "reveals",
                    json!({"field": "phone", "at": "2026-01-01", "device_id": "x"}),
                ),
            ),
            pulled(
                5,
                other(
                    &good,
                    "places",
                    json!({"kind": "community", "name": "东门"}),
                ),
            ),
        ],
        next: 9,
        more: false,
        server_time: Hlc::ZERO,
    };
    let stats = s.apply_pulled(&schema, &page).unwrap();
    assert_eq!((stats.changed, stats.kept_aside), (2, 3), "{stats:?}");
    assert_eq!(
        s.pull_cursor().unwrap(),
        9,
        "the cursor moves past the page"
    );
    assert_eq!(s.export(&schema).unwrap()["places"].len(), 2);
    assert!(s.export(&schema).unwrap()["reveals"].is_empty());
    let unapplied = s.sync_status().unwrap().unapplied;
    let reasons: Vec<(i64, &str)> = unapplied
        .iter()
        .map(|u| (u.server_seq, u.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons[0].1.contains("households.room"), "{reasons:?}");
    assert!(reasons[1].1.contains("households.floating"), "{reasons:?}");
    assert!(reasons[2].1.contains("NOT NULL"), "{reasons:?}");
    assert_eq!(unapplied[0].table, "households");
    // the kept-aside reveal left nothing behind in the journal either
    let journalled: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM journal WHERE tbl = 'reveals'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(journalled, 0);
}

#[test]
fn a_new_device_id_takes_what_the_server_has_not_acknowledged() {
    let schema = Schema::default();
    let mut s = Store::open_in_memory().unwrap();
    let old = s.device_id();
    let a = s.write_row(&schema, place("一"), 1_000).unwrap();
    let b = s.write_row(&schema, place("二"), 1_001).unwrap();
    let c = s.write_row(&schema, place("三"), 1_002).unwrap();
    let sent = s.outbox(10).unwrap();
    // the server took the first; the second's number holds another laptop's change
    s.acknowledge(
        &sent[..1],
        &PushResponse {
            results: vec![ChangeResult {
                device_seq: a.device_seq,
                outcome: ChangeOutcome::Accepted {
                    server_seq: 1,
                    needs_review: false,
                },
            }],
            server_time: Hlc::ZERO,
        },
    )
    .unwrap();
    let new = s.take_new_device_id(&[b.device_seq], a.device_seq).unwrap();
    assert_ne!(new, old);
    assert_eq!(s.device_id(), new);
    let outbox = s.outbox(10).unwrap();
    assert_eq!(outbox.len(), 2);
    assert!(outbox.iter().all(|o| o.device_id == new));
    assert_eq!(
        outbox
            .iter()
            .map(|o| (o.device_seq, o.row_id))
            .collect::<Vec<_>>(),
        vec![(1, b.row_id), (2, c.row_id)]
    );
    assert!(outbox
        .iter()
        .all(|o| o.change_id != b.change_id && o.change_id != c.change_id));
    // the acknowledged change stays under the old id; the next write follows the new one
    let d = s.write_row(&schema, place("四"), 1_003).unwrap();
    assert_eq!((d.device_id, d.device_seq), (new, 3));
    assert_eq!(s.last_device_seq().unwrap(), 3);
    // another connection to the file writes under the new id too
    let ids: Vec<String> = s
        .conn()
        .prepare("SELECT DISTINCT device_id FROM journal ORDER BY device_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids.len(), 2);
}

#[test]
fn a_file_restored_from_a_backup_numbers_after_what_the_server_holds() {
    let schema = Schema::default();
    let mut s = Store::open_in_memory().unwrap();
    let a = s.write_row(&schema, place("一"), 1_000).unwrap();
    assert_eq!(a.device_seq, 1);
    // the server has accepted up to 7 from this device id: the backup is behind
    s.note_server_seq(7).unwrap();
    let b = s.write_row(&schema, place("二"), 1_001).unwrap();
    assert_eq!(b.device_seq, 8);
    // pulls still ask for this id's own changes above what the journal held
    assert_eq!(s.last_device_seq().unwrap(), 8);
    // a server that is behind changes nothing
    s.note_server_seq(3).unwrap();
    assert_eq!(
        s.write_row(&schema, place("三"), 1_002).unwrap().device_seq,
        9
    );
}

#[test]
fn a_pull_leaves_out_only_the_unbroken_run_of_own_sequences() {
    let schema = Schema::default();
    let mut s = Store::open_in_memory().unwrap();
    s.write_row(&schema, place("一"), 1_000).unwrap();
    s.write_row(&schema, place("二"), 1_001).unwrap();
    // no floor: every own sequence up to the last was numbered here
    assert_eq!(s.pull_own_seq().unwrap(), 2);
    // a copy under the same id wrote 3 and the server says so: this file numbers 4 next and
    // holds 1, 2 and 4; the pull must still bring 3
    s.note_server_seq(3).unwrap();
    assert_eq!(
        s.write_row(&schema, place("三"), 1_002).unwrap().device_seq,
        4
    );
    assert_eq!(s.pull_own_seq().unwrap(), 2);
    // a later floor above a held sequence (the copy wrote 5 too) changes nothing below the gap
    s.note_server_seq(5).unwrap();
    assert_eq!(
        s.write_row(&schema, place("四"), 1_003).unwrap().device_seq,
        6
    );
    assert_eq!(s.pull_own_seq().unwrap(), 2);
}

/// Found by the release soak (seed 1685618828342993886): two copies of a file share their clock,
/// so both can stamp an edit of the same row with the same HLC; the tie goes to the greater
/// device id. A copy that moves its edit to a new device id must compare it under that id, as
/// the server will, or it keeps the other copy's value for good.
#[test]
fn an_edit_moved_to_a_new_device_id_keeps_its_version_under_that_id() {
    let schema = Schema::default();
    let mut s = Store::open_in_memory().unwrap();
    let mine = s.write_row(&schema, place("改69"), 1_000).unwrap();
    // another device stamps the same row with the same clock reading; its id sorts after this
    // laptop's old id and before the new one it is about to take
    let mut theirs = other(&mine, "places", json!({"name": "改93"}));
    theirs.row_id = mine.row_id;
    theirs.hlc = mine.hlc;
    let new = s.take_new_device_id(&[mine.device_seq], 0).unwrap();
    assert!(mine.device_id < theirs.device_id && theirs.device_id < new);
    let page = PullResponse {
        changes: vec![pulled(1, theirs)],
        next: 1,
        more: false,
        server_time: mine.hlc,
    };
    s.apply_pulled(&schema, &page).unwrap();
    let name: String = s
        .conn()
        .query_row(
            "SELECT name FROM places WHERE id = ?1",
            [mine.row_id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    // the server holds (hlc, new) > (hlc, theirs): this laptop must agree
    assert_eq!(name, "改69");
}

/// Found by the release soak (seed 17183862076040598806): a file that lost its tail came back
/// with its clock, signed in again, and stamped a new edit with the (HLC, device) of an edit it
/// had lost — one version, two values, merged one way on the server and another on the laptops.
/// A file behind the server's last sequence for its id now takes a new id at sign-in.
#[test]
fn a_file_behind_the_server_takes_a_new_device_id_at_sign_in() {
    let schema = Schema::default();
    let mut s = Store::open_in_memory().unwrap();
    let old = s.device_id();
    let a = s.write_row(&schema, place("一"), 1_000).unwrap();
    let b = s.write_row(&schema, place("二"), 1_001).unwrap();
    assert_eq!((a.device_seq, b.device_seq), (1, 2));
    // level with the server, or ahead of it: nothing changes
    assert_eq!(s.catch_up_with_server(2).unwrap(), None);
    assert_eq!(s.catch_up_with_server(0).unwrap(), None);
    assert_eq!(s.device_id(), old);
    // the server holds 5 under this id: the file is behind
    let new = s.catch_up_with_server(5).unwrap().expect("a new device id");
    assert_ne!(new, old);
    assert_eq!(s.device_id(), new);
    // what the server never acknowledged goes again under the new id, from 1
    let outbox = s.outbox(10).unwrap();
    assert_eq!(
        outbox
            .iter()
            .map(|c| (c.device_id, c.device_seq, c.row_id))
            .collect::<Vec<_>>(),
        vec![(new, 1, a.row_id), (new, 2, b.row_id)]
    );
    assert_eq!(s.pull_cursor().unwrap(), 0, "everything is pulled again");
    let c = s.write_row(&schema, place("三"), 1_002).unwrap();
    assert_eq!((c.device_id, c.device_seq), (new, 3));
}
