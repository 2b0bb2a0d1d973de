//! A building's floors (issue 15 item 2) on real SQLite files: written with the building in one
//! transaction, a bad count refused with nothing written, changed and cleared later, and carried
//! to another laptop through the synced `place_details` table.

use crate::common::add;
use linli_domain::{Hlc, Id, PlaceKind};
use linli_protocol::sync::{PullResponse, PulledChange};
use linli_protocol::*;
use linli_store::{Error, Store};

fn compound() -> (Store, tempfile::TempDir, Id, Id) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("linli.db")).unwrap();
    let town = add(&mut store, PlaceKind::Town, "樟城镇", None);
    let community = add(&mut store, PlaceKind::Community, "北门社区", Some(town));
    let compound = add(&mut store, PlaceKind::Compound, "西门新村", Some(community));
    (store, dir, community, compound)
}

fn building(compound: Id, name: &str, units: u32, floors: Option<u32>) -> AddBuilding {
    AddBuilding {
        compound_id: compound,
        name: name.into(),
        units,
        floors,
    }
}

fn floors(s: &Store, b: Id) -> Option<u32> {
    s.building_details(&GetBuildingDetails { building_id: b })
        .unwrap()
        .floors
}

#[test]
fn floors_are_written_with_the_building_in_one_transaction() {
    let (mut s, _dir, community, compound) = compound();
    let before = s.journal().unwrap().len();
    let b = s
        .add_building(&building(compound, "7栋", 2, Some(18)))
        .unwrap();
    assert_eq!(floors(&s, b.id), Some(18));
    let journal = s.journal().unwrap();
    assert_eq!(
        journal.len(),
        before + 4,
        "the building, two units, its floors"
    );
    let last = journal.last().unwrap();
    assert_eq!((last.table.as_str(), last.row_id), ("place_details", b.id));
    assert_eq!(last.fields["floors"], 18);
    assert_eq!(last.scope_community, Some(community));

    // without floors: no details row, and none read back
    let b8 = s.add_building(&building(compound, "8栋", 0, None)).unwrap();
    assert_eq!(floors(&s, b8.id), None);
    assert!(s
        .journal()
        .unwrap()
        .iter()
        .all(|c| c.table != "place_details" || c.row_id != b8.id));
}

#[test]
fn a_bad_count_of_floors_is_refused_and_nothing_is_written() {
    let (mut s, _dir, _community, compound) = compound();
    let before = s.journal().unwrap().len();
    for bad in [0, 100, 1000] {
        let err = s
            .add_building(&building(compound, "9栋", 3, Some(bad)))
            .unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err}");
        assert_eq!(err.to_string(), "楼层数应在1到99之间");
    }
    assert_eq!(s.journal().unwrap().len(), before, "no building, no unit");
    let none: Vec<Place> = s
        .list_places(&ListPlaces {
            kind: Some(PlaceKind::Building),
            parent_id: Some(compound),
        })
        .unwrap();
    assert!(none.is_empty());

    // setting them later: the same check, and only a building takes floors
    let b = s
        .add_building(&building(compound, "9栋", 0, Some(6)))
        .unwrap();
    let before = s.journal().unwrap().len();
    let err = s
        .set_building_floors(&SetBuildingFloors {
            building_id: b.id,
            floors: Some(0),
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "楼层数应在1到99之间");
    let err = s
        .set_building_floors(&SetBuildingFloors {
            building_id: compound,
            floors: Some(6),
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "“西门新村”不是楼栋，请选择一栋楼");
    let err = s
        .building_details(&GetBuildingDetails {
            building_id: compound,
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "“西门新村”不是楼栋，请选择一栋楼");
    assert_eq!(s.journal().unwrap().len(), before);
    assert_eq!(floors(&s, b.id), Some(6));
}

#[test]
fn floors_are_changed_and_cleared_later() {
    let (mut s, _dir, _community, compound) = compound();
    let b = s.add_building(&building(compound, "3栋", 2, None)).unwrap();
    let set = |s: &mut Store, f: Option<u32>| {
        s.set_building_floors(&SetBuildingFloors {
            building_id: b.id,
            floors: f,
        })
        .unwrap()
    };
    assert_eq!(set(&mut s, Some(6)).floors, Some(6));
    assert_eq!(set(&mut s, Some(99)).floors, Some(99));
    assert_eq!(floors(&s, b.id), Some(99));
    assert_eq!(set(&mut s, None).floors, None);
    assert_eq!(floors(&s, b.id), None);
    let last = s.journal().unwrap().pop().unwrap();
    assert_eq!(last.table, "place_details");
    assert!(last.fields["floors"].is_null());
}

#[test]
fn floors_reach_another_laptop_through_the_synced_table() {
    let (mut s, _dir, _community, compound) = compound();
    let b = s
        .add_building(&building(compound, "7栋", 1, Some(11)))
        .unwrap();
    s.set_building_floors(&SetBuildingFloors {
        building_id: b.id,
        floors: Some(12),
    })
    .unwrap();
    let changes: Vec<PulledChange> = s
        .journal()
        .unwrap()
        .into_iter()
        .enumerate()
        .map(|(i, change)| PulledChange {
            server_seq: i as i64 + 1,
            needs_review: false,
            read_only: false,
            change,
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut other = Store::open(dir.path().join("b.db")).unwrap();
    other
        .apply_pulled(
            &linli_store::Schema::default(),
            &PullResponse {
                next: changes.last().unwrap().server_seq,
                changes,
                more: false,
                server_time: Hlc::new(4_000_000_000_000, 0),
            },
        )
        .unwrap();
    assert_eq!(floors(&other, b.id), Some(12));
}
