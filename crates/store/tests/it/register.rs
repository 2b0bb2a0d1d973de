//! The grid register on real SQLite files: households and residents through the one write path,
//! validation, duplicates, moving, moving out, search and the recorded reveal.

use crate::common::add;
use linli_domain::register::{GridKind, ResidenceStatus, Role};
use linli_domain::{make_resident_id, Gender, Id, PlaceKind};
use linli_protocol::*;
use linli_store::{Error, Store};

struct Town {
    store: Store,
    _dir: tempfile::TempDir,
    community: Id,
    building3: Id,
    unit2: Id,
    building5: Id,
}

fn town() -> Town {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("linli.db")).unwrap();
    let t = add(&mut store, PlaceKind::Town, "樟城镇", None);
    let community = add(&mut store, PlaceKind::Community, "北门社区", Some(t));
    let compound = add(&mut store, PlaceKind::Compound, "西门新村", Some(community));
    let building3 = add(&mut store, PlaceKind::Building, "3栋", Some(compound));
    let unit2 = add(&mut store, PlaceKind::Unit, "2单元", Some(building3));
    let building5 = add(&mut store, PlaceKind::Building, "5栋", Some(compound));
    Town {
        store,
        _dir: dir,
        community,
        building3,
        unit2,
        building5,
    }
}

fn household(t: &mut Town, room: &str) -> Household {
    t.store
        .add_household(&AddHousehold {
            building_id: t.building3,
            unit_id: Some(t.unit2),
            room: room.into(),
            fields: HouseholdFields {
                phone: Some("0591 8765 4321".into()),
                ..Default::default()
            },
        })
        .unwrap()
}

fn resident(name: &str, id_number: Option<String>, relation: &str) -> ResidentFields {
    ResidentFields {
        name: name.into(),
        id_number,
        phone: Some("+86 139 1234 5678".into()),
        relation: relation.into(),
        care_tags: vec!["独居老人".into()],
        ..Default::default()
    }
}

fn id_number(y: u16, seq: u16, g: Gender) -> String {
    make_resident_id(350125, y, 3, 15, seq, g)
        .as_str()
        .to_owned()
}

fn journal_len(s: &Store) -> usize {
    s.journal().unwrap().len()
}

#[test]
fn a_household_with_two_residents_reads_back_masked_with_derived_fields() {
    let mut t = town();
    let h = household(&mut t, "301");
    assert_eq!(h.address, "西门新村3栋2单元301", "the full address");
    assert_eq!(h.phone_masked.as_deref(), Some("0591-****4321"));
    let head = t
        .store
        .add_resident(&AddResident {
            household_id: h.id,
            fields: resident("张三", Some(id_number(1958, 11, Gender::Male)), "户主"),
        })
        .unwrap();
    assert_eq!(head.gender, Some(Gender::Male), "taken from the ID number");
    assert_eq!(head.birth_date.as_deref(), Some("1958-03-15"));
    let masked = head.id_number_masked.clone().unwrap();
    assert!(
        masked.starts_with("3501") && masked.contains("**********"),
        "{masked}"
    );
    assert_eq!(head.phone_masked.as_deref(), Some("139****5678"));
    t.store
        .add_resident(&AddResident {
            household_id: h.id,
            fields: resident("李四", Some(id_number(1960, 12, Gender::Female)), "配偶"),
        })
        .unwrap();

    let detail = t.store.get_household(&GetHousehold { id: h.id }).unwrap();
    assert_eq!(detail.household.head_name.as_deref(), Some("张三"));
    assert_eq!(detail.household.members, 2);
    assert_eq!(detail.members[0].name, "张三", "the head first");
    // the history never shows clear numbers
    let text = serde_json::to_string(&detail.history).unwrap();
    assert!(!text.contains("13912345678") && !text.contains(&id_number(1958, 11, Gender::Male)));

    let page = t
        .store
        .list_households(&ListHouseholds {
            place_id: Some(t.community),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
}

#[test]
fn invalid_input_is_refused_and_writes_nothing() {
    let mut t = town();
    let h = household(&mut t, "301");
    let before = journal_len(&t.store);
    let mut bad = id_number(1958, 11, Gender::Male);
    let last = bad.pop().unwrap();
    bad.push(if last == '0' { '1' } else { '0' });
    let err = t
        .store
        .add_resident(&AddResident {
            household_id: h.id,
            fields: resident("张三", Some(bad), "户主"),
        })
        .unwrap_err();
    assert!(err.to_string().contains("校验位"), "{err}");

    let mut f = resident("张三", Some(id_number(1958, 11, Gender::Male)), "户主");
    f.gender = Some(Gender::Female);
    let err = t
        .store
        .add_resident(&AddResident {
            household_id: h.id,
            fields: f,
        })
        .unwrap_err();
    assert!(err.to_string().contains("性别与身份证号不符"), "{err}");

    let mut f = resident("张三", None, "户主");
    f.phone = Some("12345".into());
    assert!(t
        .store
        .add_resident(&AddResident {
            household_id: h.id,
            fields: f
        })
        .is_err());
    assert!(t
        .store
        .add_resident(&AddResident {
            household_id: h.id,
            fields: resident("", None, "户主")
        })
        .is_err());
    let err = t
        .store
        .add_household(&AddHousehold {
            building_id: t.unit2,
            unit_id: None,
            room: "101".into(),
            fields: Default::default(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("不是楼栋"), "{err}");
    assert_eq!(journal_len(&t.store), before, "nothing was written");
    assert_eq!(t.store.members(h.id).unwrap().len(), 0);
}

#[test]
fn duplicates_are_refused_or_warned() {
    let mut t = town();
    let h1 = household(&mut t, "301");
    let h2 = household(&mut t, "302");
    let number = id_number(1958, 11, Gender::Male);
    t.store
        .add_resident(&AddResident {
            household_id: h1.id,
            fields: resident("张三", Some(number.clone()), "户主"),
        })
        .unwrap();

    // the same ID number in the community: refused, naming the existing record
    let err = t
        .store
        .add_resident(&AddResident {
            household_id: h2.id,
            fields: resident("张叁", Some(number), "户主"),
        })
        .unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }));
    assert!(
        err.to_string().contains("张三（西门新村3栋2单元301）"),
        "{err}"
    );

    // same name and birth date, no ID number: a warning the user may accept
    let mut f = resident("张三", None, "户主");
    f.birth_date = Some("1958-03-15".into());
    f.gender = Some(Gender::Male);
    let err = t
        .store
        .add_resident(&AddResident {
            household_id: h2.id,
            fields: f.clone(),
        })
        .unwrap_err();
    assert!(matches!(err, Error::PossibleDuplicate { .. }), "{err}");
    let api: ApiError = err.into();
    assert_eq!(api.kind, ErrorKind::PossibleDuplicate);
    f.accept_possible_duplicate = true;
    t.store
        .add_resident(&AddResident {
            household_id: h2.id,
            fields: f,
        })
        .unwrap();
}

#[test]
fn moving_keeps_history_and_moving_out_keeps_the_record() {
    let mut t = town();
    let h = household(&mut t, "301");
    let r = t
        .store
        .add_resident(&AddResident {
            household_id: h.id,
            fields: resident("王五", None, "户主"),
        })
        .unwrap();
    let moved = t
        .store
        .move_household(&MoveHousehold {
            id: h.id,
            building_id: t.building5,
            unit_id: None,
            room: "101".into(),
        })
        .unwrap();
    assert_eq!(moved.address, "西门新村5栋101");
    let history = t.store.row_history("households", h.id).unwrap();
    assert!(history
        .iter()
        .any(|c| c.fields.get("building_id") == Some(&serde_json::json!(t.building3.to_string()))));
    assert!(history
        .iter()
        .any(|c| c.fields.get("building_id") == Some(&serde_json::json!(t.building5.to_string()))));

    let out = t
        .store
        .move_out_resident(&MoveOutResident {
            id: r.id,
            date: "2026-11-01".into(),
        })
        .unwrap();
    assert_eq!(out.moved_out.as_deref(), Some("2026-11-01"));
    assert_eq!(
        t.store.resident(r.id).unwrap().name,
        "王五",
        "kept, not deleted"
    );
    let out = t
        .store
        .move_out_household(&MoveOutHousehold {
            id: h.id,
            date: "2026-11-02".into(),
        })
        .unwrap();
    assert_eq!(out.moved_out.as_deref(), Some("2026-11-02"));
    let page = t.store.list_households(&ListHouseholds::default()).unwrap();
    assert_eq!(page.total, 0, "moved-out households leave the default list");
    let page = t
        .store
        .list_households(&ListHouseholds {
            include_moved_out: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
}

#[test]
fn search_finds_by_name_pinyin_digits_and_address() {
    let mut t = town();
    let h = household(&mut t, "301");
    let number = id_number(1958, 11, Gender::Male);
    t.store
        .add_resident(&AddResident {
            household_id: h.id,
            fields: resident("张三", Some(number.clone()), "户主"),
        })
        .unwrap();
    let h2 = household(&mut t, "402");
    let mut f = resident("李张华", None, "户主");
    f.phone = Some("13800001111".into());
    t.store
        .add_resident(&AddResident {
            household_id: h2.id,
            fields: f,
        })
        .unwrap();

    let find = |s: &Store, q: &str| {
        s.search(&Search {
            query: q.into(),
            limit: 10,
        })
        .unwrap()
    };
    let hits = find(&t.store, "张");
    assert_eq!(
        hits[0].name, "张三",
        "a name prefix ranks before a match inside a name"
    );
    assert!(hits
        .iter()
        .any(|h| h.name == "李张华" && h.highlight == (1, 1)));
    assert_eq!(find(&t.store, "zhangsan")[0].name, "张三");
    let zs = find(&t.store, "zs");
    assert_eq!(zs[0].name, "张三");
    assert_eq!(zs[0].matched, MatchOn::Initials);
    assert_eq!(zs[0].highlight, (0, 2));
    let tail = &number[number.len() - 6..];
    let by_id = find(&t.store, tail);
    assert_eq!(by_id[0].name, "张三");
    assert_eq!(by_id[0].matched, MatchOn::IdNumber);
    assert!(
        !by_id[0].detail.as_ref().unwrap().contains(&number[6..14]),
        "masked"
    );
    assert_eq!(find(&t.store, "1111")[0].name, "李张华");
    for q in ["3栋2单元301", "3-2-301", "3号楼2单元301室"] {
        let hits = find(&t.store, q);
        assert_eq!(hits.len(), 1, "{q}");
        assert_eq!(hits[0].kind, HitKind::Household);
        assert_eq!(hits[0].name, "张三", "{q}: the head's name");
        assert_eq!(hits[0].address, "西门新村3栋2单元301", "the full address");
    }
    assert!(find(&t.store, "赵").is_empty());
    // a renamed resident is found by the new name only
    let r = t.store.members(h.id).unwrap().remove(0);
    let mut f = resident("章山", None, "户主");
    f.phone = None;
    t.store
        .edit_resident(&EditResident {
            id: r.id,
            fields: f,
            moved_out: None,
        })
        .unwrap();
    assert!(find(&t.store, "张三").is_empty());
    assert_eq!(find(&t.store, "zs")[0].name, "章山");
}

#[test]
fn editing_keeps_a_masked_number_and_reveal_is_recorded() {
    let mut t = town();
    let h = household(&mut t, "301");
    let number = id_number(1958, 11, Gender::Male);
    let r = t
        .store
        .add_resident(&AddResident {
            household_id: h.id,
            fields: resident("张三", Some(number.clone()), "户主"),
        })
        .unwrap();
    let mut f = resident("张三", None, "户主");
    f.phone = None;
    f.notes = "腿脚不便".into();
    let edited = t
        .store
        .edit_resident(&EditResident {
            id: r.id,
            fields: f,
            moved_out: None,
        })
        .unwrap();
    assert_eq!(
        edited.id_number_masked, r.id_number_masked,
        "an empty number keeps the one on record"
    );
    assert_eq!(edited.notes, "腿脚不便");

    let clear = t
        .store
        .reveal(&Reveal {
            resident_id: r.id,
            field: RevealField::IdNumber,
        })
        .unwrap();
    assert_eq!(clear, number);
    let (n, field): (i64, String) = t
        .store
        .conn()
        .query_row(
            "SELECT count(*), max(field) FROM reveals WHERE resident_id = ?1",
            [r.id.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!((n, field.as_str()), (1, "id_number"));
    assert!(
        t.store
            .journal()
            .unwrap()
            .iter()
            .any(|c| c.table == "reveals"),
        "the reveal syncs"
    );
}

#[test]
fn grids_and_people_are_registered_and_assigned() {
    let mut t = town();
    let big = t
        .store
        .add_grid(&AddGrid {
            community_id: t.community,
            kind: GridKind::Big,
            name: "第1网格".into(),
            parent_id: None,
        })
        .unwrap();
    let section = t
        .store
        .add_grid(&AddGrid {
            community_id: t.community,
            kind: GridKind::Section,
            name: "第1楼段".into(),
            parent_id: Some(big.id),
        })
        .unwrap();
    assert!(t
        .store
        .add_grid(&AddGrid {
            community_id: t.community,
            kind: GridKind::Section,
            name: "无主楼段".into(),
            parent_id: None
        })
        .is_err());
    let section = t
        .store
        .map_grid(&MapGrid {
            grid_id: section.id,
            place_ids: vec![t.unit2, t.building5],
        })
        .unwrap();
    assert_eq!(section.place_ids.len(), 2);
    assert!(t
        .store
        .map_grid(&MapGrid {
            grid_id: section.id,
            place_ids: vec![t.community]
        })
        .is_err());

    let worker = t
        .store
        .add_person(&AddPerson {
            community_id: t.community,
            name: "陈网格".into(),
            phone: Some("13900001111".into()),
            roles: vec![Role::GridWorker],
        })
        .unwrap();
    let worker = t
        .store
        .assign(&Assign {
            person_id: worker.id,
            role: Role::GridWorker,
            grid_id: Some(section.id),
            place_id: None,
        })
        .unwrap();
    assert_eq!(worker.assignments[0].target_name, "第1楼段");
    let steward = t
        .store
        .add_person(&AddPerson {
            community_id: t.community,
            name: "林楼长".into(),
            phone: None,
            roles: vec![Role::BuildingSteward],
        })
        .unwrap();
    t.store
        .assign(&Assign {
            person_id: steward.id,
            role: Role::BuildingSteward,
            grid_id: None,
            place_id: Some(t.building3),
        })
        .unwrap();
    let grids = t
        .store
        .list_grids(&ListGrids {
            community_id: t.community,
        })
        .unwrap();
    assert_eq!(grids.len(), 2);
    assert_eq!(grids[1].workers, ["陈网格"]);

    // a household in the mapped unit carries the section in its journal scope
    let h = household(&mut t, "501");
    let last = t
        .store
        .row_history("households", h.id)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.scope_grid, Some(section.id));
    assert_eq!(last.scope_community, Some(t.community));
    assert_eq!(last.scope_place, Some(t.unit2));
    let _ = ResidenceStatus::Consistent;
}

#[test]
fn the_tree_counts_households_under_each_place() {
    let mut t = town();
    household(&mut t, "301");
    household(&mut t, "302");
    let h = household(&mut t, "401");
    t.store
        .move_out_household(&MoveOutHousehold {
            id: h.id,
            date: "2026-11-01".into(),
        })
        .unwrap();
    let top = t.store.place_children(&PlaceChildren::default()).unwrap();
    assert_eq!(
        (
            top[0].place.name.as_str(),
            top[0].children,
            top[0].households
        ),
        ("樟城镇", 1, 2)
    );
    let compound = t
        .store
        .place_children(&PlaceChildren {
            parent_id: Some(t.community),
        })
        .unwrap();
    let buildings = t
        .store
        .place_children(&PlaceChildren {
            parent_id: Some(compound[0].place.id),
        })
        .unwrap();
    let names: Vec<_> = buildings
        .iter()
        .map(|b| (b.place.name.as_str(), b.households))
        .collect();
    assert_eq!(names, [("3栋", 2), ("5栋", 0)]);
    let by_unit = t
        .store
        .list_households(&ListHouseholds {
            place_id: Some(t.unit2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        by_unit
            .rows
            .iter()
            .map(|h| h.room.as_str())
            .collect::<Vec<_>>(),
        ["301", "302"]
    );
    let by_town = t
        .store
        .list_households(&ListHouseholds {
            place_id: Some(top[0].place.id),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_town.total, 2);
}

#[test]
fn units_count_their_households_in_the_tree() {
    let mut t = town();
    household(&mut t, "301");
    household(&mut t, "302");
    let units = t
        .store
        .place_children(&PlaceChildren {
            parent_id: Some(t.building3),
        })
        .unwrap();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].place.id, t.unit2);
    assert_eq!(units[0].households, 2, "the unit's own households");
    let compound = t
        .store
        .place_children(&PlaceChildren {
            parent_id: Some(t.community),
        })
        .unwrap()[0]
        .place
        .id;
    let buildings = t
        .store
        .place_children(&PlaceChildren {
            parent_id: Some(compound),
        })
        .unwrap();
    let b3 = buildings
        .iter()
        .find(|b| b.place.id == t.building3)
        .unwrap();
    assert_eq!(
        b3.households, 2,
        "counted once for the building, not again for its unit"
    );
}

#[test]
fn editing_a_household_with_an_empty_phone_keeps_the_phone() {
    let mut t = town();
    let h = household(&mut t, "301");
    let edited = t
        .store
        .edit_household(&EditHousehold {
            id: h.id,
            fields: HouseholdFields {
                phone: None,
                notes: "出租".into(),
                ..Default::default()
            },
        })
        .unwrap();
    assert_eq!(edited.notes, "出租");
    assert_eq!(
        edited.phone_masked, h.phone_masked,
        "the phone on record stays"
    );
}

/// A pull refreshes the search keys once per page for the rows the page changed: a household, its
/// head and a later rename of its building, pulled in one page or one change per page, are found
/// by the new address and the head's name, and not by the old address.
#[test]
fn pulled_pages_keep_the_search_keys_of_what_they_changed() {
    use linli_domain::Hlc;
    use linli_protocol::sync::{PullResponse, PulledChange};
    let mut t = town();
    let h = household(&mut t, "301");
    t.store
        .add_resident(&AddResident {
            household_id: h.id,
            fields: resident("张三", None, "户主"),
        })
        .unwrap();
    t.store
        .write_row(
            &linli_store::Schema::default(),
            linli_store::SyncWrite {
                table: "places".into(),
                row_id: t.building3,
                fields: [("name".to_owned(), serde_json::json!("7栋"))].into(),
                scope_community: Some(t.community),
                scope_grid: None,
                scope_place: Some(t.building3),
            },
            4_000_000_000_000,
        )
        .unwrap();
    let changes = t.store.journal().unwrap();
    let pulled: Vec<PulledChange> = changes
        .into_iter()
        .enumerate()
        .map(|(i, change)| PulledChange {
            server_seq: i as i64 + 1,
            needs_review: false,
            read_only: false,
            change,
        })
        .collect();
    let find = |s: &Store, q: &str| {
        s.search(&Search {
            query: q.into(),
            limit: 10,
        })
        .unwrap()
    };
    for per_page in [pulled.len(), 1] {
        let dir = tempfile::tempdir().unwrap();
        let mut b = Store::open(dir.path().join("b.db")).unwrap();
        for page in pulled.chunks(per_page) {
            b.apply_pulled(
                &linli_store::Schema::default(),
                &PullResponse {
                    changes: page.to_vec(),
                    next: page.last().unwrap().server_seq,
                    more: false,
                    server_time: Hlc::new(4_000_000_000_000, 0),
                },
            )
            .unwrap();
        }
        let hits = find(&b, "7栋2单元301");
        assert_eq!(hits.len(), 1, "{per_page} per page");
        assert_eq!(hits[0].address, "西门新村7栋2单元301");
        assert_eq!(hits[0].name, "张三");
        assert!(find(&b, "3栋2单元301").is_empty(), "{per_page} per page");
        assert_eq!(find(&b, "张三")[0].household_id, h.id);
    }
}

/// The window's reads go to a second connection that only reads (issue 24): it answers what
/// the writer has committed, reads the place tree's counts again once the writer changes the
/// data, and refuses a write without changing anything.
#[test]
fn a_reader_answers_what_the_writer_committed_and_writes_nothing() {
    let mut t = town();
    household(&mut t, "301");
    let mut reader = t.store.open_reader().unwrap().expect("a file has a reader");
    let count = |s: &Store| s.place_children(&PlaceChildren::default()).unwrap()[0].households;
    assert_eq!(count(&reader), 1);
    // written after the reader opened, and after it kept its counts
    household(&mut t, "302");
    assert_eq!(count(&reader), 2);
    let refused = reader
        .add_household(&AddHousehold {
            building_id: t.building3,
            unit_id: Some(t.unit2),
            room: "303".into(),
            fields: HouseholdFields::default(),
        })
        .unwrap_err();
    assert!(refused.is_read_only(), "{refused}");
    assert_eq!((count(&t.store), count(&reader)), (2, 2));
    // the writer still writes after the reader's refusal
    household(&mut t, "304");
    assert_eq!(count(&reader), 3);
    assert!(Store::open_in_memory()
        .unwrap()
        .open_reader()
        .unwrap()
        .is_none());
}
