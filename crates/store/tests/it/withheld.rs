//! Fields by role on the laptop (issue 16 item 2): a steward's or a volunteer coordinator's
//! laptop exports no ID number or phone, masked or full (无权查看 in their place), refuses a
//! reveal and an export with `reveal`, and finds nobody by a number. A grid worker's laptop
//! exports them as before.

use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_protocol::{ExportList, ListKind, Reveal, RevealField, Search, SheetFormat};
use linli_store::demo::{generate, DemoOptions};
use linli_store::Store;

fn export(store: &mut Store, kind: ListKind, path: &std::path::Path, reveal: bool) -> String {
    store
        .export_list(&ExportList {
            kind,
            format: SheetFormat::Csv,
            path: path.display().to_string(),
            reveal,
            place_id: None,
            from: None,
            to: None,
        })
        .map(|_| std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| format!("refused: {e}"))
}

#[test]
fn a_stewards_laptop_exports_no_number_and_reveals_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_in_memory().unwrap();
    generate(
        &mut s,
        DemoOptions {
            households: 30,
            seed: 16,
        },
    )
    .unwrap();
    let numbers: Vec<(String, String, String)> = s
        .conn()
        .prepare(
            "SELECT id, id_number, phone FROM residents
             WHERE id_number IS NOT NULL AND phone IS NOT NULL ORDER BY id LIMIT 20",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(numbers.len() >= 10);
    let resident: Id = numbers[0].0.parse().unwrap();
    let (id_number, phone) = (numbers[0].1.clone(), numbers[0].2.clone());
    let path = dir.path().join("list.csv");

    // a grid worker's laptop: the numbers, as before
    s.save_sync_role(Role::GridWorker).unwrap();
    let text = export(&mut s, ListKind::Residents, &path, true);
    assert!(text.contains(&id_number) && text.contains(&phone), "{text}");
    let count = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM reveals", [], |r| r.get(0))
            .unwrap()
    };
    let revealed = count(&s);
    assert!(
        revealed > 0,
        "the grid worker's export with its numbers is recorded"
    );

    for role in [Role::Steward, Role::Coordinator] {
        s.save_sync_role(role).unwrap();
        for kind in [ListKind::Residents, ListKind::Households, ListKind::Visits] {
            let text = export(&mut s, kind, &path, false);
            assert!(!text.starts_with("refused"), "{role:?} {kind:?}: {text}");
            for (_, id_number, phone) in &numbers {
                assert!(
                    !text.contains(id_number.as_str()),
                    "{role:?} {kind:?}: {id_number}"
                );
                assert!(!text.contains(phone.as_str()), "{role:?} {kind:?}: {phone}");
            }
            // nor masked
            assert!(!text.contains("****"), "{role:?} {kind:?}: a masked number");
            if kind != ListKind::Visits {
                assert!(text.contains("无权查看"), "{role:?} {kind:?}");
            }
        }
        let text = export(&mut s, ListKind::Residents, &path, true);
        assert!(
            text.starts_with("refused") && text.contains("无权查看"),
            "{text}"
        );
        let json = s.export_masked().unwrap();
        assert!(json.contains("无权查看"));
        for (_, id_number, phone) in &numbers {
            assert!(!json.contains(id_number.as_str()) && !json.contains(phone.as_str()));
        }
        assert!(s.export_canonical().is_err(), "json --reveal");
        let e = s
            .reveal(&Reveal {
                resident_id: resident,
                field: RevealField::IdNumber,
            })
            .unwrap_err();
        assert!(e.to_string().contains("无权查看"), "{e}");
        let hits = s
            .search(&Search {
                query: phone[phone.len() - 4..].to_owned(),
                limit: 20,
            })
            .unwrap();
        assert!(
            hits.is_empty(),
            "{role:?} found someone by a number: {hits:?}"
        );
    }
    // the refusals recorded no reveal
    assert_eq!(count(&s), revealed);
}
