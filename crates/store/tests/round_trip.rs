//! A register handed from one station to another (issue 23): what Linli exports, revealed, reads
//! back into another laptop as the same register. Demo towns on real SQLite files.

use std::path::{Path, PathBuf};

use linli_domain::{Id, PlaceKind};
use linli_protocol::{AddPlace, ExportList, ImportCommit, ImportSummary, ListKind, SheetFormat};
use linli_store::demo::{generate, DemoOptions, DemoSummary};
use linli_store::Store;

fn add(store: &mut Store, kind: PlaceKind, name: &str, parent: Option<Id>) -> Id {
    store
        .add_place(&AddPlace {
            kind,
            name: name.into(),
            parent_id: parent,
        })
        .unwrap()
        .id
}

fn commit(store: &mut Store, path: &Path, into: Id) -> ImportSummary {
    store
        .import_commit(&ImportCommit {
            path: path.display().to_string(),
            place_id: into,
            sheet: None,
            mapping: None,
            headers: None,
        })
        .unwrap()
}

fn one(store: &Store, sql: &str, arg: &str) -> String {
    store.conn().query_row(sql, [arg], |r| r.get(0)).unwrap()
}

fn names(store: &Store, sql: &str, arg: &str) -> Vec<String> {
    store
        .conn()
        .prepare(sql)
        .unwrap()
        .query_map([arg], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// A demo town of one community and the community's id and name.
fn demo(households: u32, seed: u64) -> (Store, DemoSummary, Id, String) {
    let mut store = Store::open_in_memory().unwrap();
    let sum = generate(&mut store, DemoOptions { households, seed }).unwrap();
    assert_eq!(sum.communities, 1);
    let id = one(&store, "SELECT id FROM places WHERE kind = ?1", "community");
    let name = one(&store, "SELECT name FROM places WHERE id = ?1", &id);
    (store, sum, id.parse().unwrap(), name)
}

fn export(store: &mut Store, kind: ListKind, place: Id, path: PathBuf) -> PathBuf {
    let format = if path.extension().is_some_and(|e| e == "csv") {
        SheetFormat::Csv
    } else {
        SheetFormat::Xlsx
    };
    store
        .export_list(&ExportList {
            kind,
            format,
            path: path.display().to_string(),
            reveal: true,
            place_id: Some(place),
            from: None,
            to: None,
        })
        .unwrap();
    path
}

const COMPOUNDS: &str =
    "SELECT name FROM places WHERE kind = 'compound' AND parent_id = ?1 ORDER BY name";

/// Issue 23: a community of two compounds, exported revealed and imported into the same
/// community on a new laptop, lost its structure — every building the new laptop did not have was
/// refused. The sheet's 小区 column now finds or creates each compound.
#[test]
fn issue_23_a_community_export_imports_into_a_new_community_with_its_compounds() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, sum, community, name) = demo(130, 23);
    assert_eq!(sum.compounds, 2);
    let file = export(
        &mut a,
        ListKind::Residents,
        community,
        dir.path().join("居民.xlsx"),
    );

    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    let target = add(&mut b, PlaceKind::Community, &name, None);
    let s = commit(&mut b, &file, target);
    assert!(s.refused.is_empty(), "{:?}", &s.refused[..s.refused.len().min(3)]);
    assert_eq!(s.households.created, sum.households);
    assert_eq!(s.residents.created, sum.residents);
    assert_eq!(
        names(&b, COMPOUNDS, &target.to_string()),
        names(&a, COMPOUNDS, &community.to_string())
    );
    // the same file again changes nothing
    let again = commit(&mut b, &file, target);
    assert_eq!((again.households, again.residents), Default::default());
}

/// Issue 23: imported into one fresh compound, households at the same building, unit and room in
/// different compounds were merged into one. Rows naming another compound are now refused, each
/// saying so.
#[test]
fn issue_23_into_a_compound_rows_naming_another_compound_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, sum, community, name) = demo(130, 23);
    let file = export(
        &mut a,
        ListKind::Residents,
        community,
        dir.path().join("居民.xlsx"),
    );
    let compounds = names(&a, COMPOUNDS, &community.to_string());
    let count = |store: &Store, sql: &str, arg: &str| -> u32 {
        store.conn().query_row(sql, [arg], |r| r.get(0)).unwrap()
    };
    let in_first = |what: &str| {
        count(
            &a,
            &format!(
                "SELECT count(*) FROM {what} JOIN places b ON b.id = h.building_id
                 JOIN places c ON c.id = b.parent_id WHERE c.name = ?1"
            ),
            &compounds[0],
        )
    };
    let households = in_first("households h");
    let residents = in_first("residents r JOIN households h ON h.id = r.household_id");
    assert!(households < sum.households);

    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    let c = add(&mut b, PlaceKind::Community, &name, None);
    let target = add(&mut b, PlaceKind::Compound, &compounds[0], Some(c));
    let s = commit(&mut b, &file, target);
    assert_eq!(s.households.created, households);
    assert_eq!(s.residents.created, residents);
    assert_eq!(s.refused.len() as u32, sum.residents - residents);
    assert!(
        s.refused.iter().all(|i| i.reason.contains(&compounds[1])),
        "{:?}",
        &s.refused[..3]
    );
}
