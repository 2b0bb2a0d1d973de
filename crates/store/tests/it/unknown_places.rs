//! A place of a kind a newer laptop wrote (a 片区 between community and compound, say), pulled
//! here (issue 18): the tree still loads, the place reads as unknown with its code, the places
//! export keeps it and the places under it, and it is never written back as another kind.

use crate::common::add;
use linli_domain::{Hlc, Id, PlaceKind};
use linli_protocol::sync::{PullResponse, PulledChange};
use linli_protocol::*;
use linli_store::{Schema, Store, SyncWrite};

/// A new place row as laptop A's newer Linli would write it.
fn write_place(a: &mut Store, kind: &str, name: &str, parent: Id, community: Id) -> Id {
    let id = Id::new();
    a.write_row(
        &Schema::default(),
        SyncWrite {
            table: "places".into(),
            row_id: id,
            fields: [
                ("kind".to_owned(), serde_json::json!(kind)),
                ("name".to_owned(), serde_json::json!(name)),
                (
                    "parent_id".to_owned(),
                    serde_json::json!(parent.to_string()),
                ),
                ("deleted".to_owned(), serde_json::json!(false)),
            ]
            .into(),
            scope_community: Some(community),
            scope_grid: None,
            scope_place: Some(id),
        },
        4_000_000_000_000,
    )
    .unwrap();
    id
}

/// Laptop B after pulling A's tree: community 北门社区 → 片区一 (kind `district`, unknown here)
/// → compound 西门新村. Returns (B, its folder, community, district, compound).
fn pulled_tree_with_a_new_kind() -> (Store, tempfile::TempDir, Id, Id, Id) {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path().join("a.db")).unwrap();
    let town = add(&mut a, PlaceKind::Town, "樟城镇", None);
    let community = add(&mut a, PlaceKind::Community, "北门社区", Some(town));
    let district = write_place(&mut a, "district", "片区一", community, community);
    let compound = write_place(&mut a, "compound", "西门新村", district, community);
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
    (b, dir, community, district, compound)
}

fn stored_kind(store: &Store, id: Id) -> String {
    let path = store.path().unwrap().to_owned();
    let conn = linli_store::connect(&path).unwrap();
    conn.query_row(
        "SELECT kind FROM places WHERE id = ?1",
        [id.to_string()],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_place_of_a_kind_this_laptop_does_not_know_keeps_the_tree_loading_and_is_exported() {
    let (mut b, dir, community, district, compound) = pulled_tree_with_a_new_kind();

    // the tree loads: the community's child is the new place, shown as unknown with its code
    let kids = b
        .place_children(&PlaceChildren {
            parent_id: Some(community),
        })
        .unwrap();
    assert_eq!(kids.len(), 1);
    assert_eq!(kids[0].place.name, "片区一");
    assert_eq!(kids[0].place.id, district);
    assert_eq!(kids[0].place.kind, PlaceKind::Unknown);
    assert_eq!(kids[0].place.kind_code.as_deref(), Some("district"));
    let under = b
        .place_children(&PlaceChildren {
            parent_id: Some(district),
        })
        .unwrap();
    assert_eq!(under.len(), 1);
    assert_eq!(under[0].place.id, compound);
    assert_eq!(under[0].place.kind, PlaceKind::Compound);
    assert_eq!(under[0].place.kind_code, None);
    assert_eq!(b.list_places(&ListPlaces::default()).unwrap().len(), 4);

    // the export keeps the new place and the compound under it keeps its community
    let path = dir.path().join("places.csv");
    b.export_places(&ExportPlaces {
        format: SheetFormat::Csv,
        path: path.display().to_string(),
        place_id: None,
    })
    .unwrap();
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(csv.contains("片区一"), "{csv}");
    assert!(csv.contains("district"), "its code is kept: {csv}");
    let compound_row = csv.lines().find(|l| l.contains("西门新村")).unwrap();
    assert!(compound_row.contains("北门社区"), "{csv}");
    assert_eq!(stored_kind(&b, district), "district");

    // renamed here, it keeps its level as written; it is never moved or given children here
    b.rename_place(&RenamePlace {
        id: district,
        name: "片区甲".into(),
    })
    .unwrap();
    assert_eq!(stored_kind(&b, district), "district");
    let town = b
        .list_places(&ListPlaces {
            kind: Some(PlaceKind::Town),
            parent_id: None,
        })
        .unwrap()[0]
        .id;
    assert!(b
        .move_place(&MovePlace {
            id: district,
            parent_id: town,
        })
        .is_err());
    assert!(b
        .add_place(&AddPlace {
            kind: PlaceKind::Compound,
            name: "东门新村".into(),
            parent_id: Some(district),
        })
        .is_err());
    assert_eq!(stored_kind(&b, district), "district");
}
