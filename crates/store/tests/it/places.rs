//! Editing the place tree on real SQLite files (issue 15 item 2): compounds, buildings with their
//! units and units added, renamed and moved through the one write path, with the same checks as
//! adding; a refused edit writes nothing.

use crate::common::add;
use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use linli_store::{Error, Store};

struct Tree {
    store: Store,
    _dir: tempfile::TempDir,
    community: Id,
    compound: Id,
    building: Id,
}

fn tree() -> Tree {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("linli.db")).unwrap();
    let town = add(&mut store, PlaceKind::Town, "樟城镇", None);
    let community = add(&mut store, PlaceKind::Community, "北门社区", Some(town));
    let compound = add(&mut store, PlaceKind::Compound, "西门新村", Some(community));
    let building = add(&mut store, PlaceKind::Building, "3栋", Some(compound));
    Tree {
        store,
        _dir: dir,
        community,
        compound,
        building,
    }
}

fn journal_len(s: &Store) -> usize {
    s.journal().unwrap().len()
}

fn names_under(s: &Store, parent: Id) -> Vec<String> {
    s.place_children(&PlaceChildren {
        parent_id: Some(parent),
    })
    .unwrap()
    .into_iter()
    .map(|n| n.place.name)
    .collect()
}

#[test]
fn a_building_comes_with_its_units_in_one_transaction() {
    let mut t = tree();
    let before = journal_len(&t.store);
    let b = t
        .store
        .add_building(&AddBuilding {
            compound_id: t.compound,
            name: " 7栋 ".into(),
            units: 3,
            floors: None,
        })
        .unwrap();
    assert_eq!((b.name.as_str(), b.kind), ("7栋", PlaceKind::Building));
    assert_eq!(names_under(&t.store, b.id), ["1单元", "2单元", "3单元"]);
    let journal = t.store.journal().unwrap();
    assert_eq!(journal.len(), before + 4, "the building and three units");
    assert!(journal[before..]
        .iter()
        .all(|e| e.scope_community == Some(t.community)));

    // a building under a community, a duplicate or too many units: refused, nothing written
    let before = journal_len(&t.store);
    let wrong_parent = t
        .store
        .add_building(&AddBuilding {
            compound_id: t.community,
            name: "8栋".into(),
            units: 2,
            floors: None,
        })
        .unwrap_err();
    assert_eq!(
        wrong_parent.to_string(),
        "楼栋不能建在社区之下，应属于某个小区"
    );
    let dup = t
        .store
        .add_building(&AddBuilding {
            compound_id: t.compound,
            name: "7栋".into(),
            units: 2,
            floors: None,
        })
        .unwrap_err();
    assert_eq!(dup.to_string(), "西门新村下已有名为“7栋”的楼栋");
    let many = t
        .store
        .add_building(&AddBuilding {
            compound_id: t.compound,
            name: "9栋".into(),
            units: 31,
            floors: None,
        })
        .unwrap_err();
    assert!(matches!(many, Error::Invalid(_)), "{many}");
    assert_eq!(journal_len(&t.store), before);
    assert_eq!(names_under(&t.store, t.compound), ["3栋", "7栋"]);
}

#[test]
fn renaming_checks_the_name_and_the_siblings() {
    let mut t = tree();
    let other = add(&mut t.store, PlaceKind::Building, "5栋", Some(t.compound));
    let before = journal_len(&t.store);

    let empty = t
        .store
        .rename_place(&RenamePlace {
            id: t.building,
            name: "  ".into(),
        })
        .unwrap_err();
    assert_eq!(empty.to_string(), "名称不能为空");
    let dup = t
        .store
        .rename_place(&RenamePlace {
            id: t.building,
            name: "5栋".into(),
        })
        .unwrap_err();
    assert_eq!(dup.to_string(), "西门新村下已有名为“5栋”的楼栋");
    let missing = t
        .store
        .rename_place(&RenamePlace {
            id: Id::new(),
            name: "6栋".into(),
        })
        .unwrap_err();
    assert!(matches!(missing, Error::NotFound { .. }), "{missing}");
    // the same name again: nothing to write
    t.store
        .rename_place(&RenamePlace {
            id: other,
            name: "5栋".into(),
        })
        .unwrap();
    assert_eq!(
        journal_len(&t.store),
        before,
        "refused or unchanged: no write"
    );

    let renamed = t
        .store
        .rename_place(&RenamePlace {
            id: t.building,
            name: "3号楼".into(),
        })
        .unwrap();
    assert_eq!(renamed.name, "3号楼");
    let journal = t.store.journal().unwrap();
    assert_eq!(journal.len(), before + 1);
    let last = journal.last().unwrap();
    assert_eq!((last.table.as_str(), last.row_id), ("places", t.building));
    assert_eq!(last.fields.len(), 1, "only the name: {:?}", last.fields);
    assert_eq!(last.fields["name"], "3号楼");
    assert_eq!(last.scope_community, Some(t.community));
    assert_eq!(names_under(&t.store, t.compound), ["3号楼", "5栋"]);
}

#[test]
fn moving_refuses_a_wrong_level_itself_and_a_name_taken_there() {
    let mut t = tree();
    let unit = add(&mut t.store, PlaceKind::Unit, "1单元", Some(t.building));
    let east = add(
        &mut t.store,
        PlaceKind::Compound,
        "东湖苑",
        Some(t.community),
    );
    add(&mut t.store, PlaceKind::Building, "3栋", Some(east));
    let b9 = add(&mut t.store, PlaceKind::Building, "9栋", Some(t.compound));
    let before = journal_len(&t.store);

    let wrong = t
        .store
        .move_place(&MovePlace {
            id: unit,
            parent_id: t.compound,
        })
        .unwrap_err();
    assert_eq!(wrong.to_string(), "单元不能建在小区之下，应属于某个楼栋");
    let taken = t
        .store
        .move_place(&MovePlace {
            id: t.building,
            parent_id: east,
        })
        .unwrap_err();
    assert_eq!(taken.to_string(), "东湖苑下已有名为“3栋”的楼栋");
    let itself = t
        .store
        .move_place(&MovePlace {
            id: t.building,
            parent_id: t.building,
        })
        .unwrap_err();
    assert!(matches!(itself, Error::Invalid(_)), "{itself}");
    assert_eq!(journal_len(&t.store), before);

    let moved = t
        .store
        .move_place(&MovePlace {
            id: b9,
            parent_id: east,
        })
        .unwrap();
    assert_eq!(moved.parent_name.as_deref(), Some("东湖苑"));
    assert_eq!(names_under(&t.store, east), ["3栋", "9栋"]);
    assert_eq!(names_under(&t.store, t.compound), ["3栋"]);
    assert_eq!(journal_len(&t.store), before + 1);
}

#[test]
fn a_compound_and_a_unit_are_added_under_the_right_level_only() {
    let mut t = tree();
    let c = t
        .store
        .add_place(&AddPlace {
            kind: PlaceKind::Compound,
            name: "南湖苑".into(),
            parent_id: Some(t.community),
        })
        .unwrap();
    assert_eq!(c.parent_name.as_deref(), Some("北门社区"));
    let err = t
        .store
        .add_place(&AddPlace {
            kind: PlaceKind::Compound,
            name: "南湖苑".into(),
            parent_id: Some(t.community),
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "北门社区下已有名为“南湖苑”的小区");
    let err = t
        .store
        .add_place(&AddPlace {
            kind: PlaceKind::Unit,
            name: "1单元".into(),
            parent_id: Some(c.id),
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "单元不能建在小区之下，应属于某个楼栋");
    t.store
        .add_place(&AddPlace {
            kind: PlaceKind::Unit,
            name: "1单元".into(),
            parent_id: Some(t.building),
        })
        .unwrap();
    assert_eq!(names_under(&t.store, t.building), ["1单元"]);
}
