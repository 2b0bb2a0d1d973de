//! The whitelist's own tests: unknown tables and columns refused, the shared column list and
//! the schema agree, what the app writes passes the value check.

use super::*;

#[test]
fn unknown_tables_and_columns_are_refused() {
    let e = TableKind::Entity;
    assert!(check_write("places", e, ["name", "kind"].into_iter()).is_ok());
    assert!(check_write("places", TableKind::Fact, ["name"].into_iter()).is_err());
    assert!(check_write("sqlite_master", e, ["name"].into_iter()).is_err());
    let err = check_write("places", e, ["name; DROP TABLE places"].into_iter()).unwrap_err();
    assert!(err.to_string().contains("没有字段"));
}

/// The laptop's tables are the shared list's (names, kinds, columns in order), and each
/// column's SQL type and NOT NULL are what the list says the server lets through.
#[test]
fn the_shared_column_list_is_this_schema() {
    use linli_protocol::schema::{ColType, TableKind as Kind, SYNCED_TABLES};
    assert_eq!(TABLES.len(), SYNCED_TABLES.len());
    let s = crate::Store::open_in_memory().unwrap();
    for (t, shared) in TABLES.iter().zip(SYNCED_TABLES) {
        assert_eq!(t.name, shared.name);
        assert_eq!(
            t.kind == TableKind::Fact,
            shared.kind == Kind::Fact,
            "{}",
            t.name
        );
        let names: Vec<&str> = shared.columns.iter().map(|c| c.name).collect();
        assert_eq!(t.columns, names.as_slice(), "{}", t.name);
        for c in shared.columns {
            let (ty, notnull): (String, i64) = s
                .conn()
                .query_row(
                    "SELECT type, \"notnull\" FROM pragma_table_info(?1) WHERE name = ?2",
                    [t.name, c.name],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap_or_else(|e| panic!("{}.{}: {e}", t.name, c.name));
            let want = match c.ty {
                ColType::Int => "INTEGER",
                ColType::Text => "TEXT",
            };
            assert_eq!(ty, want, "{}.{}", t.name, c.name);
            assert_eq!(notnull == 1, !c.nullable, "{}.{}", t.name, c.name);
        }
    }
}

/// Every change the app itself writes (the demo county: every register, field-work and
/// volunteer table) passes the server's check of values against the shared list.
#[test]
fn what_the_app_writes_passes_the_value_check() {
    let mut s = crate::Store::open_in_memory().unwrap();
    crate::demo::generate(
        &mut s,
        crate::demo::DemoOptions {
            households: 60,
            seed: 7,
        },
    )
    .unwrap();
    let journal = s.journal().unwrap();
    let mut tables = std::collections::BTreeSet::new();
    for c in &journal {
        let t = linli_protocol::schema::synced_table(&c.table).unwrap();
        linli_protocol::schema::check_fields(t, c.fields.iter())
            .unwrap_or_else(|e| panic!("{e}: {c:?}"));
        tables.insert(c.table.clone());
    }
    assert!(tables.len() > 10, "{tables:?}");
}

#[test]
fn every_listed_column_exists_in_the_schema() {
    let s = crate::Store::open_in_memory().unwrap();
    for t in TABLES.iter() {
        for c in t.columns {
            s.conn()
                .prepare(&format!("SELECT id, {c} FROM {}", t.name))
                .unwrap_or_else(|e| panic!("{}.{c}: {e}", t.name));
        }
    }
}
