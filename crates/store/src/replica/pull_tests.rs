//! The pull's speed-ups lose nothing. A first pull sets aside the indexes only pages and search
//! read: they are made again when it ends, or at the next open when it was cut short; a later
//! pull keeps them. A later pull refreshes a row's search entry only when its change touches
//! what the entry is made from, and the entry is right either way.

use super::set_aside::{pending, SET_ASIDE};
use super::Schema;
use crate::{Store, SyncWrite};
use linli_domain::{Hlc, Id};
use linli_protocol::sync::{PullResponse, PulledChange};
use linli_protocol::{MatchOn, Search};
use serde_json::json;

fn indexes(s: &Store) -> Vec<String> {
    let mut stmt = s
        .conn()
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// A page of one household (with its building and unit) written by another laptop.
fn page(from: i64, more: bool) -> PullResponse {
    let mut other = Store::open_in_memory().unwrap();
    page_from(&mut other, from, more).0
}

/// [`page`] written by `other`, and the household's id.
fn page_from(other: &mut Store, from: i64, more: bool) -> (PullResponse, Id) {
    let schema = Schema::default();
    let place = |kind: &str, name: &str, parent: Option<Id>| {
        let mut fields = std::collections::BTreeMap::from([
            ("kind".to_owned(), json!(kind)),
            ("name".to_owned(), json!(name)),
        ]);
        if let Some(p) = parent {
            fields.insert("parent_id".to_owned(), json!(p.to_string()));
        }
        SyncWrite {
            table: "places".into(),
            row_id: Id::new(),
            fields,
            scope_community: None,
            scope_grid: None,
            scope_place: None,
        }
    };
    let community = place("community", "北门社区", None);
    let building = place("building", "3栋", Some(community.row_id));
    let unit = place("unit", "2单元", Some(building.row_id));
    let household = SyncWrite {
        table: "households".into(),
        row_id: Id::new(),
        fields: std::collections::BTreeMap::from([
            (
                "community_id".to_owned(),
                json!(community.row_id.to_string()),
            ),
            ("building_id".to_owned(), json!(building.row_id.to_string())),
            ("unit_id".to_owned(), json!(unit.row_id.to_string())),
            ("room".to_owned(), json!("301")),
            ("phone".to_owned(), json!("13912345678")),
        ]),
        scope_community: Some(community.row_id),
        scope_grid: None,
        scope_place: Some(unit.row_id),
    };
    let household_id = household.row_id;
    let changes: Vec<_> = [community, building, unit, household]
        .into_iter()
        .map(|w| other.write_row(&schema, w, 1_000).unwrap())
        .collect();
    let page = PullResponse {
        changes: changes
            .into_iter()
            .enumerate()
            .map(|(i, change)| PulledChange {
                server_seq: from + i as i64,
                needs_review: false,
                read_only: false,
                change,
            })
            .collect(),
        next: from + 3,
        more,
        server_time: Hlc::new(2_000, 0),
    };
    (page, household_id)
}

fn found_by_phone(s: &Store) -> usize {
    s.search(&Search {
        query: "5678".into(),
        limit: 10,
    })
    .unwrap()
    .into_iter()
    .filter(|h| h.matched == MatchOn::Phone)
    .count()
}

#[test]
fn a_first_pull_sets_the_page_indexes_aside_and_makes_them_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("first.db")).unwrap();
    let before = indexes(&s);
    for name in SET_ASIDE {
        assert!(
            before.iter().any(|i| i == name),
            "{name} is an index of a new file"
        );
    }
    let mut bulk = s.bulk_pull().unwrap();
    let during = indexes(&bulk);
    for name in SET_ASIDE {
        assert!(
            !during.iter().any(|i| i == name),
            "{name} set aside during a first pull"
        );
    }
    assert_eq!(pending(bulk.conn()).unwrap().len(), SET_ASIDE.len());
    bulk.apply_pulled(&Schema::default(), &page(1, true))
        .unwrap();
    bulk.finish().unwrap();
    assert_eq!(indexes(&s), before, "every index is back");
    assert!(pending(s.conn()).unwrap().is_empty());
    // what was pulled meanwhile is found through them
    assert_eq!(found_by_phone(&s), 1);
    // a later pull (the cursor moved) keeps them
    let bulk = s.bulk_pull().unwrap();
    assert_eq!(indexes(&bulk), before);
    drop(bulk);
}

#[test]
fn a_first_pull_cut_short_leaves_its_indexes_to_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.db");
    let mut s = Store::open(&path).unwrap();
    let before = indexes(&s);
    // the process dies mid-pull, after a page: what a first pull's guard left, without its end
    super::set_aside::set_aside(&mut s.conn).unwrap();
    s.apply_pulled(&Schema::default(), &page(1, true)).unwrap();
    assert!(!indexes(&s).iter().any(|i| i == "search_by_phone"));
    drop(s);
    let s = Store::open(&path).unwrap();
    assert_eq!(indexes(&s), before, "the next open made them again");
    assert!(pending(s.conn()).unwrap().is_empty());
    assert_eq!(found_by_phone(&s), 1);
}

fn found(s: &Store, query: &str) -> Vec<MatchOn> {
    s.search(&Search {
        query: query.into(),
        limit: 10,
    })
    .unwrap()
    .into_iter()
    .map(|h| h.matched)
    .collect()
}

#[test]
fn a_later_pull_keeps_the_search_entry_right_whichever_fields_it_changes() {
    let mut a = Store::open_in_memory().unwrap();
    let mut b = Store::open_in_memory().unwrap();
    let schema = Schema::default();
    let (first, household) = page_from(&mut a, 1, false);
    b.apply_pulled(&schema, &first).unwrap();
    assert_eq!(found(&b, "5678"), [MatchOn::Phone]);
    let edit = |a: &mut Store, field: &str, value: &str, seq: i64| {
        let change = a
            .write_row(
                &schema,
                SyncWrite {
                    table: "households".into(),
                    row_id: household,
                    fields: [(field.to_owned(), json!(value))].into(),
                    scope_community: None,
                    scope_grid: None,
                    scope_place: None,
                },
                5_000 + seq as u64,
            )
            .unwrap();
        PullResponse {
            changes: vec![PulledChange {
                server_seq: seq,
                needs_review: false,
                read_only: false,
                change,
            }],
            next: seq,
            more: false,
            server_time: Hlc::new(9_000, 0),
        }
    };
    // the notes are no part of the entry: it stays as it was
    let stats = b
        .apply_pulled(&schema, &edit(&mut a, "notes", "已走访", 10))
        .unwrap();
    assert_eq!(stats.changed, 1);
    assert_eq!(found(&b, "5678"), [MatchOn::Phone]);
    assert_eq!(found(&b, "3-2-301"), [MatchOn::Address]);
    // the phone is: the old digits find nothing, the new ones find it
    b.apply_pulled(&schema, &edit(&mut a, "phone", "13800001111", 11))
        .unwrap();
    assert!(found(&b, "5678").is_empty());
    assert_eq!(found(&b, "1111"), [MatchOn::Phone]);
    // and so is the room
    b.apply_pulled(&schema, &edit(&mut a, "room", "502", 12))
        .unwrap();
    assert!(found(&b, "3-2-301").is_empty());
    assert_eq!(found(&b, "3-2-502"), [MatchOn::Address]);
}
