//! Codes a newer laptop wrote that this one does not know (issue 18): a pulled row keeps its code
//! as written, reads as unknown with the code, an edit of another field here does not rewrite it,
//! and an export keeps it.

use crate::common::add;
use linli_domain::register::ResidenceStatus;
use linli_domain::{Hlc, Id, PlaceKind};
use linli_protocol::sync::{PullResponse, PulledChange};
use linli_protocol::*;
use linli_store::{Schema, Store, SyncWrite};

/// A household on laptop A whose residence status a newer Linli set to `abroad`, pulled by
/// laptop B: (B, its folder, the household, B's community).
fn pulled_household_with_a_new_status() -> (Store, tempfile::TempDir, Id, Id) {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path().join("a.db")).unwrap();
    let town = add(&mut a, PlaceKind::Town, "樟城镇", None);
    let community = add(&mut a, PlaceKind::Community, "北门社区", Some(town));
    let compound = add(&mut a, PlaceKind::Compound, "西门新村", Some(community));
    let building = add(&mut a, PlaceKind::Building, "3栋", Some(compound));
    let h = a
        .add_household(&AddHousehold {
            building_id: building,
            unit_id: None,
            room: "301".into(),
            fields: HouseholdFields {
                notes: "老住户".into(),
                ..Default::default()
            },
        })
        .unwrap();
    a.write_row(
        &Schema::default(),
        SyncWrite {
            table: "households".into(),
            row_id: h.id,
            fields: [("residence_status".to_owned(), serde_json::json!("abroad"))].into(),
            scope_community: Some(community),
            scope_grid: None,
            scope_place: Some(building),
        },
        4_000_000_000_000,
    )
    .unwrap();
    let changes: Vec<PulledChange> = a
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
    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    b.apply_pulled(
        &Schema::default(),
        &PullResponse {
            next: changes.len() as i64,
            changes,
            more: false,
            server_time: Hlc::new(4_000_000_000_000, 0),
        },
    )
    .unwrap();
    (b, dir, h.id, community)
}

fn stored_status(store: &Store, id: Id) -> String {
    let path = store.path().unwrap().to_owned();
    let conn = linli_store::connect(&path).unwrap();
    conn.query_row(
        "SELECT residence_status FROM households WHERE id = ?1",
        [id.to_string()],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_pulled_residence_status_this_laptop_does_not_know_is_kept_and_shown_as_unknown() {
    let (mut b, dir, id, community) = pulled_household_with_a_new_status();

    // read as unknown with its code, never as another status
    let h = b.get_household(&GetHousehold { id }).unwrap().household;
    assert_eq!(h.residence_status, ResidenceStatus::Unknown);
    assert_eq!(h.residence_status_code.as_deref(), Some("abroad"));

    // an edit of another field, sending back what was shown, leaves the code as written
    let edited = b
        .edit_household(&EditHousehold {
            id,
            fields: HouseholdFields {
                residence_status: h.residence_status,
                floating: h.floating,
                tags: h.tags.clone(),
                notes: "出租".into(),
                phone: None,
            },
        })
        .unwrap();
    assert_eq!(edited.notes, "出租");
    assert_eq!(stored_status(&b, id), "abroad");

    // an export keeps the code
    let path = dir.path().join("households.csv");
    b.export_list(&ExportList {
        kind: ListKind::Households,
        format: SheetFormat::Csv,
        path: path.display().to_string(),
        reveal: true,
        place_id: Some(community),
        from: None,
        to: None,
    })
    .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("abroad"), "{text}");

    // a status this laptop knows replaces it when chosen
    b.edit_household(&EditHousehold {
        id,
        fields: HouseholdFields {
            residence_status: ResidenceStatus::LivingElsewhere,
            notes: "出租".into(),
            ..Default::default()
        },
    })
    .unwrap();
    assert_eq!(stored_status(&b, id), "living_elsewhere");

    // and `Unknown` is never written over a known status
    let refused = b.edit_household(&EditHousehold {
        id,
        fields: HouseholdFields {
            residence_status: ResidenceStatus::Unknown,
            notes: "出租".into(),
            ..Default::default()
        },
    });
    assert!(refused.is_err());
    assert_eq!(stored_status(&b, id), "living_elsewhere");
}

/// A role a newer laptop wrote, on a person and on an assignment, reads as unknown: never as
/// 专职网格员 (the assignment's role was read as one before), never dropped from the person.
#[test]
fn a_role_this_laptop_does_not_know_reads_as_unknown_never_as_another_role() {
    use linli_domain::register::Role;
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("a.db")).unwrap();
    let town = add(&mut s, PlaceKind::Town, "樟城镇", None);
    let community = add(&mut s, PlaceKind::Community, "北门社区", Some(town));
    let compound = add(&mut s, PlaceKind::Compound, "西门新村", Some(community));
    let building = add(&mut s, PlaceKind::Building, "3栋", Some(compound));
    let p = s
        .add_person(&AddPerson {
            community_id: community,
            name: "李四".into(),
            phone: None,
            roles: vec![Role::BuildingSteward],
        })
        .unwrap();
    let write = |s: &mut Store, table: &str, row: Id, fields: serde_json::Value| {
        s.write_row(
            &Schema::default(),
            SyncWrite {
                table: table.into(),
                row_id: row,
                fields: serde_json::from_value(fields).unwrap(),
                scope_community: Some(community),
                scope_grid: None,
                scope_place: Some(building),
            },
            4_000_000_000_000,
        )
        .unwrap();
    };
    write(
        &mut s,
        "people",
        p.id,
        serde_json::json!({"roles": "[\"building_steward\",\"district_chief\"]"}),
    );
    write(
        &mut s,
        "assignments",
        Id::new(),
        serde_json::json!({
            "person_id": p.id.to_string(), "place_id": building.to_string(),
            "role": "district_chief", "deleted": false
        }),
    );
    let p = s.person(p.id).unwrap();
    assert_eq!(p.roles, vec![Role::BuildingSteward, Role::Unknown]);
    assert_eq!(p.assignments.len(), 1);
    assert_eq!(p.assignments[0].role, Role::Unknown);
    // and this laptop never writes `unknown` as a role
    let refused = s.add_person(&AddPerson {
        community_id: community,
        name: "王五".into(),
        phone: None,
        roles: vec![Role::Unknown],
    });
    assert!(refused.is_err());
}

/// A gender a newer laptop wrote reads as no known gender with its code beside it (the window
/// shows it as unknown rather than blank), an edit of another field keeps it as written, and a
/// gender this laptop knows replaces it only when chosen.
#[test]
fn a_gender_this_laptop_does_not_know_is_kept_and_shown_as_unknown() {
    let (mut b, _dir, household, community) = pulled_household_with_a_new_status();
    let r = b
        .add_resident(&AddResident {
            household_id: household,
            fields: ResidentFields {
                name: "方秀兰".into(),
                relation: "户主".into(),
                ..Default::default()
            },
        })
        .unwrap();
    b.write_row(
        &Schema::default(),
        SyncWrite {
            table: "residents".into(),
            row_id: r.id,
            fields: [("gender".to_owned(), serde_json::json!("nonbinary"))].into(),
            scope_community: Some(community),
            scope_grid: None,
            scope_place: None,
        },
        4_000_000_000_001,
    )
    .unwrap();
    let gender = |b: &Store| -> Option<String> {
        let conn = linli_store::connect(b.path().unwrap()).unwrap();
        conn.query_row(
            "SELECT gender FROM residents WHERE id = ?1",
            [r.id.to_string()],
            |row| row.get(0),
        )
        .unwrap()
    };

    let shown = b.members(household).unwrap().remove(0);
    assert_eq!(shown.gender, None);
    assert_eq!(shown.gender_code.as_deref(), Some("nonbinary"));

    // the edit form sends back no gender (it has none to show): the code stays as written
    let edited = b
        .edit_resident(&EditResident {
            id: r.id,
            fields: ResidentFields {
                name: "方秀兰".into(),
                relation: "户主".into(),
                notes: "独居".into(),
                ..Default::default()
            },
            moved_out: None,
        })
        .unwrap();
    assert_eq!(edited.notes, "独居");
    assert_eq!(edited.gender_code.as_deref(), Some("nonbinary"));
    assert_eq!(gender(&b).as_deref(), Some("nonbinary"));

    // a gender this laptop knows replaces it when chosen
    b.edit_resident(&EditResident {
        id: r.id,
        fields: ResidentFields {
            name: "方秀兰".into(),
            relation: "户主".into(),
            gender: Some(linli_domain::Gender::Female),
            notes: "独居".into(),
            ..Default::default()
        },
        moved_out: None,
    })
    .unwrap();
    assert_eq!(gender(&b).as_deref(), Some("female"));
}
