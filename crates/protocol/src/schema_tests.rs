//! The schema's tests: values against their columns, the tables the server accepts.

use super::*;
use serde_json::json;
use std::collections::BTreeMap;

fn check(table: &str, fields: Value) -> Result<(), String> {
    let f: BTreeMap<String, Value> = serde_json::from_value(fields).unwrap();
    check_fields(server_table(table).unwrap(), f.iter())
}

#[test]
fn values_are_checked_against_their_columns() {
    assert!(check(
        "households",
        json!({"room": "101", "floating": true, "moved_out": null})
    )
    .is_ok());
    assert!(check("households", json!({"deleted": 1})).is_ok());
    let e = check("households", json!({"room": null})).unwrap_err();
    assert!(e.contains("households.room") && e.contains("null"), "{e}");
    let e = check("households", json!({"floating": "很多"})).unwrap_err();
    assert!(
        e.contains("households.floating") && e.contains("whole number"),
        "{e}"
    );
    assert!(check("households", json!({"floating": 1.5})).is_err());
    assert!(check("households", json!({"room": 101})).is_err());
    assert!(check("households", json!({"room": ["a"]})).is_err());
    let e = check("households", json!({"address": "x"})).unwrap_err();
    assert!(e.contains("households") && e.contains("address"), "{e}");
    let e = check(
        "households",
        json!({"notes": "x".repeat(MAX_VALUE_BYTES + 1)}),
    )
    .unwrap_err();
    assert!(e.contains("households.notes"), "{e}");
    assert!(check("test_ledger", json!({"account": "a", "delta": -3})).is_ok());
    assert!(synced_table("test_ledger").is_none());
    assert!(server_table("sqlite_master").is_none());
}

#[test]
fn every_table_is_listed_once_with_columns_named_like_sql() {
    let mut names: Vec<&str> = SYNCED_TABLES.iter().map(|t| t.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), SYNCED_TABLES.len());
    for t in SYNCED_TABLES {
        assert!(t.columns.len() <= MAX_FIELDS, "{}", t.name);
        for c in t.columns {
            assert!(c.name != "id" && c.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        }
    }
}
