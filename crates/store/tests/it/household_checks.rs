//! Editing residents in place and the household-level checks (issue 14): one 户主, one 配偶 of
//! the head, ages that fit the relation; care tags from the fixed list of needs, 党员 a flag of
//! its own (and the migration that moves existing 党员 tags to it). Real SQLite files.

use linli_domain::{make_resident_id, Gender, Id, PlaceKind};
use linli_protocol::*;
use linli_store::{Error, Store};

struct Home {
    store: Store,
    dir: tempfile::TempDir,
    household: Id,
}

fn home() -> Home {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("linli.db")).unwrap();
    let mut parent = None;
    for (kind, name) in [
        (PlaceKind::Community, "北门社区"),
        (PlaceKind::Compound, "南湖苑"),
        (PlaceKind::Building, "1栋"),
    ] {
        parent = Some(
            s.add_place(&AddPlace {
                kind,
                name: name.into(),
                parent_id: parent,
            })
            .unwrap()
            .id,
        );
    }
    let household = s
        .add_household(&AddHousehold {
            building_id: parent.unwrap(),
            unit_id: None,
            room: "502".into(),
            fields: Default::default(),
        })
        .unwrap()
        .id;
    Home {
        store: s,
        dir,
        household,
    }
}

fn person(name: &str, relation: &str, birth: (u16, u8, u8), seq: u16, g: Gender) -> ResidentFields {
    ResidentFields {
        name: name.into(),
        relation: relation.into(),
        id_number: Some(
            make_resident_id(350102, birth.0, birth.1, birth.2, seq, g)
                .as_str()
                .to_owned(),
        ),
        ..Default::default()
    }
}

fn add(h: &mut Home, f: ResidentFields) -> Result<Resident, Error> {
    h.store.add_resident(&AddResident {
        household_id: h.household,
        fields: f,
    })
}

fn residents(h: &Home) -> i64 {
    h.store
        .conn()
        .query_row("SELECT count(*) FROM residents", [], |r| r.get(0))
        .unwrap()
}

fn field_of(e: &Error) -> Option<&'static str> {
    match e {
        Error::Invalid(d) => Some(d.field()),
        _ => None,
    }
}

#[test]
fn a_second_head_and_a_sixteen_year_old_second_spouse_are_refused() {
    let mut h = home();
    add(
        &mut h,
        person("张建国", "户主", (1970, 5, 1), 11, Gender::Male),
    )
    .unwrap();
    add(
        &mut h,
        person("李梅", "配偶", (1972, 3, 1), 12, Gender::Female),
    )
    .unwrap();
    let before = residents(&h);
    let journal = h.store.journal().unwrap().len();

    let e = add(
        &mut h,
        person("张二", "户主", (1980, 1, 1), 13, Gender::Male),
    )
    .unwrap_err();
    assert!(e.to_string().contains("已有户主（张建国）"), "{e}");
    assert_eq!(field_of(&e), Some("relation"));

    // the case: a 16-year-old accepted as a second 配偶
    let e = add(
        &mut h,
        person("王小", "配偶", (2010, 6, 1), 14, Gender::Female),
    )
    .unwrap_err();
    assert!(e.to_string().contains("一位配偶"), "{e}");
    assert_eq!(residents(&h), before, "nothing written");
    assert_eq!(h.store.journal().unwrap().len(), journal);
}

#[test]
fn a_spouse_under_marriage_age_and_implausible_children_are_refused() {
    let mut h = home();
    add(
        &mut h,
        person("张建国", "户主", (1970, 5, 1), 11, Gender::Male),
    )
    .unwrap();
    let e = add(
        &mut h,
        person("王小", "配偶", (2010, 6, 1), 14, Gender::Female),
    )
    .unwrap_err();
    assert!(e.to_string().contains("未到法定婚龄"), "{e}");
    let e = add(&mut h, person("张大", "子", (1978, 1, 1), 15, Gender::Male)).unwrap_err();
    assert!(e.to_string().contains("至少小14岁"), "{e}");
    let e = add(
        &mut h,
        person("张母", "母亲", (1960, 1, 1), 16, Gender::Female),
    )
    .unwrap_err();
    assert!(e.to_string().contains("至少大14岁"), "{e}");
    add(&mut h, person("张小", "子", (1998, 1, 1), 17, Gender::Male)).unwrap();
    add(
        &mut h,
        person("张母", "母亲", (1945, 1, 1), 18, Gender::Female),
    )
    .unwrap();
    assert_eq!(h.store.members(h.household).unwrap().len(), 3);
}

#[test]
fn a_moved_out_head_leaves_room_for_a_new_one() {
    let mut h = home();
    let old = add(
        &mut h,
        person("张建国", "户主", (1940, 5, 1), 11, Gender::Male),
    )
    .unwrap();
    h.store
        .move_out_resident(&MoveOutResident {
            id: old.id,
            date: "2026-01-01".into(),
        })
        .unwrap();
    add(
        &mut h,
        person("张小", "户主", (1968, 1, 1), 17, Gender::Male),
    )
    .unwrap();
}

#[test]
fn a_resident_is_edited_in_place_with_the_same_checks() {
    let mut h = home();
    let head = add(
        &mut h,
        person("张建国", "户主", (1970, 5, 1), 11, Gender::Male),
    )
    .unwrap();
    let son = add(&mut h, person("张小", "子", (1998, 1, 1), 17, Gender::Male)).unwrap();
    let edit = |h: &mut Home, id: Id, f: ResidentFields, out: Option<&str>| {
        h.store.edit_resident(&EditResident {
            id,
            fields: f,
            moved_out: out.map(str::to_owned),
        })
    };
    // name, phone, tags, notes and the moved-in date; the ID number left empty stays
    let mut f = person("张晓", "子", (1998, 1, 1), 17, Gender::Male);
    f.id_number = None;
    f.phone = Some("13905917788".into());
    f.care_tags = vec!["残疾".into(), "党员".into()];
    f.notes = "右腿不便".into();
    f.moved_in = Some("2015-03-01".into());
    let r = edit(&mut h, son.id, f.clone(), None).unwrap();
    assert_eq!(r.name, "张晓");
    assert_eq!(r.care_tags, ["残疾"], "党员 is not a care tag");
    assert!(r.party_member, "党员 is the flag");
    assert_eq!(r.phone_masked.as_deref(), Some("139****7788"));
    assert_eq!(r.notes, "右腿不便");
    assert_eq!(r.moved_in.as_deref(), Some("2015-03-01"));
    assert_eq!(r.id_number_masked, son.id_number_masked, "kept");

    // the son made a second head: refused, nothing changed
    let mut second = f.clone();
    second.relation = "户主".into();
    let e = edit(&mut h, son.id, second, None).unwrap_err();
    assert!(e.to_string().contains("已有户主"), "{e}");
    assert_eq!(h.store.resident(son.id).unwrap().relation, "子");
    // the head made younger than his son
    let mut young = person("张建国", "户主", (1990, 5, 1), 11, Gender::Male);
    young.id_number = None;
    young.birth_date = Some("1990-05-01".into());
    young.gender = Some(Gender::Male);
    assert!(edit(&mut h, head.id, young, None).is_err());
    // an unknown care tag, a wrong number: refused with the field named
    let mut bad = f.clone();
    bad.care_tags = vec!["爱打麻将".into()];
    let e = edit(&mut h, son.id, bad, None).unwrap_err();
    assert_eq!(field_of(&e), Some("care_tags"));
    let mut bad = f.clone();
    bad.phone = Some("12345".into());
    assert_eq!(
        field_of(&edit(&mut h, son.id, bad, None).unwrap_err()),
        Some("phone")
    );

    // moved out, then back
    let r = edit(&mut h, son.id, f.clone(), Some("2026-10-01")).unwrap();
    assert_eq!(r.moved_out.as_deref(), Some("2026-10-01"));
    let e = edit(&mut h, son.id, f.clone(), Some("2010-01-01")).unwrap_err();
    assert!(e.to_string().contains("迁出日期不能早于迁入日期"), "{e}");
    let r = edit(&mut h, son.id, f.clone(), Some("")).unwrap();
    assert_eq!(r.moved_out, None);
    let journal = h.store.journal().unwrap().len();
    let r = edit(&mut h, son.id, f.clone(), None).unwrap();
    assert_eq!(r.moved_out, None, "absent keeps it");
    assert_eq!(
        h.store.journal().unwrap().len(),
        journal,
        "nothing changed, nothing written"
    );
    f.notes = "已康复".into();
    edit(&mut h, son.id, f, None).unwrap();
    let last = h.store.journal().unwrap().pop().unwrap();
    assert_eq!(
        last.fields.keys().collect::<Vec<_>>(),
        ["notes"],
        "only what differs is written"
    );
}

#[test]
fn the_migration_moves_party_tags_to_the_flag() {
    let h = home();
    let mut h = h;
    let r = add(
        &mut h,
        person("张建国", "户主", (1970, 5, 1), 11, Gender::Male),
    )
    .unwrap();
    let path = h.dir.path().join("linli.db");
    drop(h.store);
    // the file as the schema before 0010 left it: 党员 among the care tags, no flag (and
    // without what 0012 added, which cannot be added twice)
    {
        let c = linli_store::connect(&path).unwrap();
        c.execute_batch(&format!(
            "UPDATE residents SET care_tags = '[\"低保\",\"党员\",\"残疾\"]' WHERE id = '{}';
             ALTER TABLE residents DROP COLUMN party_member;
             ALTER TABLE service_hours DROP COLUMN credited_by;
             ALTER TABLE activities DROP COLUMN start_time;
             ALTER TABLE activities DROP COLUMN capacity;
             DROP TABLE hour_rejections;
             ALTER TABLE reveals DROP COLUMN seen_by; ALTER TABLE reveals DROP COLUMN seen_name;
             ALTER TABLE reveals DROP COLUMN seen_at;
             ALTER TABLE sync_refusals DROP COLUMN code; ALTER TABLE sync_refusals DROP COLUMN args; ALTER TABLE council_meetings DROP COLUMN quorum; ALTER TABLE council_meetings DROP COLUMN pass_rule;
                 ALTER TABLE circle_points DROP COLUMN opened_on; ALTER TABLE circle_points DROP COLUMN closed_on;
             PRAGMA user_version = 9;",
            r.id
        ))
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    let r = s.resident(r.id).unwrap();
    assert!(r.party_member);
    assert_eq!(
        r.care_tags,
        ["低保", "残疾"],
        "the other tags kept in order"
    );
}

/// 党员 is never a reason to visit: a household whose only member is a party member is not due
/// for a care visit a week after the last one; one with a care need is.
#[test]
fn party_membership_is_never_a_reason_to_visit() {
    let mut h = home();
    let party = h.household;
    let mut f = person("张建国", "户主", (1950, 5, 1), 11, Gender::Male);
    f.care_tags = vec!["党员".into()];
    let r = add(&mut h, f).unwrap();
    assert!(r.party_member && r.care_tags.is_empty());
    let building = h.store.household(party).unwrap().building_id.unwrap();
    let needy = h
        .store
        .add_household(&AddHousehold {
            building_id: building,
            unit_id: None,
            room: "503".into(),
            fields: Default::default(),
        })
        .unwrap()
        .id;
    let mut f = person("李阿婆", "户主", (1940, 1, 1), 12, Gender::Female);
    f.care_tags = vec!["独居老人".into()];
    h.store
        .add_resident(&AddResident {
            household_id: needy,
            fields: f,
        })
        .unwrap();
    let community = h.store.household(party).unwrap().community_id.unwrap();
    let worker = h
        .store
        .add_person(&AddPerson {
            community_id: community,
            name: "陈网格".into(),
            phone: None,
            roles: vec![linli_domain::register::Role::GridWorker],
        })
        .unwrap()
        .id;
    for household in [party, needy] {
        let visit: LogVisit = serde_json::from_value(serde_json::json!({
            "household_id": household,
            "visitor_id": worker,
            "at": "2026-03-01 10:00",
            "kind": "routine",
            "outcome": "met",
        }))
        .unwrap();
        h.store.log_visit(&visit).unwrap();
    }
    let due = h
        .store
        .today(&Today {
            person_id: None,
            place_id: Some(building),
            today: Some("2026-03-12".into()),
            grid_id: None,
        })
        .unwrap();
    let due: Vec<(&str, DueReason)> = due.iter().map(|l| (l.room.as_str(), l.due)).collect();
    assert_eq!(
        due,
        [("503", DueReason::Care)],
        "the party member is not due"
    );
}
