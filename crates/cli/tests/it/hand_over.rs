//! A register moved between stations with the `linli` binary, as the README tells it (issue 23):
//! `export places` and a revealed `export residents` on one laptop, `import` on another.

use std::path::Path;

use crate::common::{linli_at as linli, ok};
use serde_json::Value;

fn community(db: &Path) -> String {
    let list: Value =
        serde_json::from_str(&ok(linli(db, &["communities", "list", "--json"]))).unwrap();
    list[0]["id"].as_str().unwrap().to_owned()
}

#[test]
fn a_community_moves_to_a_new_laptop_with_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let made = ok(linli(&a, &["demo", "--households", "130", "--seed", "23"]));
    assert!(made.contains("2 个小区"), "{made}");
    let here = community(&a);
    let places = dir.path().join("地点.csv");
    let residents = dir.path().join("居民.xlsx");
    let masked = dir.path().join("居民-打码.xlsx");
    let p = |path: &Path| path.to_str().unwrap().to_owned();
    let said = ok(linli(
        &a,
        &[
            "export",
            "places",
            "--format",
            "csv",
            "--place",
            &here,
            "--out",
            &p(&places),
        ],
    ));
    assert!(said.contains("已导出地点名单"), "{said}");
    for (out, reveal) in [(&residents, true), (&masked, false)] {
        let mut args = vec![
            "export".to_owned(),
            "residents".into(),
            "--format".into(),
            "xlsx".into(),
            "--place".into(),
            here.clone(),
            "--out".into(),
            p(out),
        ];
        if reveal {
            args.push("--reveal".into());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(linli(&a, &args));
    }

    // the places list needs no --into; a register does, and says so. A dry run writes nothing.
    let dry: Value = serde_json::from_str(&ok(linli(
        &b,
        &["import", &p(&places), "--dry-run", "--json"],
    )))
    .unwrap();
    assert!(!dry["created"].as_array().unwrap().is_empty());
    let none: Value =
        serde_json::from_str(&ok(linli(&b, &["communities", "list", "--json"]))).unwrap();
    assert_eq!(none, serde_json::json!([]));
    let built: Value =
        serde_json::from_str(&ok(linli(&b, &["import", &p(&places), "--json"]))).unwrap();
    let kinds: Vec<&str> = built["created"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(&kinds[..3], ["county", "town", "community"]);
    assert_eq!(kinds.iter().filter(|k| **k == "compound").count(), 2);
    let out = linli(&b, &["import", &p(&residents)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--into"));

    let there = community(&b);
    let dry: Value = serde_json::from_str(&ok(linli(
        &b,
        &[
            "import",
            &p(&residents),
            "--into",
            &there,
            "--dry-run",
            "--json",
        ],
    )))
    .unwrap();
    assert_eq!(dry["households"]["created"], 130);
    assert_eq!(dry["refused"].as_array().unwrap().len(), 0);
    let done = ok(linli(&b, &["import", &p(&residents), "--into", &there]));
    assert!(done.contains("住户新建 130 户"), "{done}");
    let again = ok(linli(&b, &["import", &p(&residents), "--into", &there]));
    assert!(
        again.contains("住户新建 0 户、更新 0 户；居民新建 0 人、更新 0 人"),
        "{again}"
    );

    // a masked export is refused row by row, asking for a revealed one
    let refused: Value = serde_json::from_str(&ok(linli(
        &b,
        &[
            "import",
            &p(&masked),
            "--into",
            &there,
            "--dry-run",
            "--json",
        ],
    )))
    .unwrap();
    let rows = refused["refused"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["reason"].as_str().unwrap().contains("--reveal")),
        "{rows:?}"
    );
    assert_eq!(refused["residents"]["created"], 0);
}
