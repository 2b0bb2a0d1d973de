//! The register the benchmark syncs: the store benches' demo town, copied so that a run never
//! changes it, and its rows written out as documents for PouchDB and SQLite's upsert.

use std::io::Write;
use std::path::{Path, PathBuf};

use linli_protocol::schema::SYNCED_TABLES;
use linli_store::demo::{open_or_generate, DemoOptions};
use linli_store::{KeySource, Store};
use rusqlite::types::ValueRef;
use serde_json::{Map, Value};

/// `target/bench/register-<households>.db`, the store benches' register (`cargo bench -p
/// linli-store --bench register` or `--bench pages`), made here with their generator when it is
/// missing (about ten minutes at 100,000 households).
pub fn source(households: u32) -> PathBuf {
    let dir = crate::common::root().join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("register-{households}.db"));
    let exists = path.is_file();
    let t = std::time::Instant::now();
    drop(
        open_or_generate(
            &path,
            &KeySource::from_env(),
            DemoOptions {
                households,
                seed: 2024,
            },
        )
        .unwrap(),
    );
    if !exists {
        println!(
            "made {} in {:.0} s",
            path.display(),
            t.elapsed().as_secs_f64()
        );
    }
    path
}

/// Copies the database at `from` (with its write-ahead log and key file, when there) to `to`.
pub fn copy(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm", ".key"] {
        let (f, t) = (
            format!("{}{suffix}", from.display()),
            format!("{}{suffix}", to.display()),
        );
        let _ = std::fs::remove_file(&t);
        if Path::new(&f).is_file() {
            std::fs::copy(&f, &t).unwrap();
        }
    }
}

/// How much a laptop's file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub households: i64,
    pub residents: i64,
    pub visits: i64,
    pub tasks: i64,
}

pub fn counts(store: &Store) -> Counts {
    let count = |table: &str| -> i64 {
        store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    Counts {
        households: count("households"),
        residents: count("residents"),
        visits: count("visits"),
        tasks: count("tasks"),
    }
}

/// Writes every row of every synced table of `store` to `ndjson`, one document a line: `_id`
/// (`<table>:<id>`, ids being unique only within a table), `table`, and each synced column as the
/// wire carries it (text, whole number or null). Answers the number of documents.
pub fn export(store: &Store, ndjson: &Path) -> u64 {
    let mut f = std::io::BufWriter::new(std::fs::File::create(ndjson).unwrap());
    let mut docs = 0;
    for t in SYNCED_TABLES {
        let cols: Vec<&str> = t.columns.iter().map(|c| c.name).collect();
        let sql = format!("SELECT id, {} FROM {} ORDER BY id", cols.join(", "), t.name);
        let mut stmt = store.conn().prepare(&sql).unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let mut doc = Map::new();
            let id: String = r.get(0).unwrap();
            doc.insert("_id".into(), Value::String(format!("{}:{id}", t.name)));
            doc.insert("table".into(), Value::String(t.name.into()));
            for (i, c) in cols.iter().enumerate() {
                doc.insert((*c).into(), json_of(r.get_ref(i + 1).unwrap()));
            }
            serde_json::to_writer(&mut f, &doc).unwrap();
            f.write_all(b"\n").unwrap();
            docs += 1;
        }
    }
    f.flush().unwrap();
    docs
}

fn json_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => n.into(),
        ValueRef::Real(x) => x.into(),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        // no synced column holds bytes; kept as numbers should one ever do
        ValueRef::Blob(b) => Value::Array(b.iter().map(|x| Value::from(*x)).collect()),
    }
}

/// A document of [`export`] as SQLite values: its table and `id` followed by the table's synced
/// columns in order.
pub fn row_of(doc: &Value) -> (&'static str, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value as V;
    let name = doc["table"].as_str().unwrap();
    let t = SYNCED_TABLES.iter().find(|t| t.name == name).unwrap();
    let id = doc["_id"].as_str().unwrap();
    let id = &id[name.len() + 1..];
    let mut row = Vec::with_capacity(t.columns.len() + 1);
    row.push(V::Text(id.to_owned()));
    for c in t.columns {
        row.push(match &doc[c.name] {
            Value::Null => V::Null,
            Value::Bool(b) => V::Integer(i64::from(*b)),
            Value::Number(n) => n
                .as_i64()
                .map_or_else(|| V::Real(n.as_f64().unwrap_or(0.0)), V::Integer),
            Value::String(s) => V::Text(s.clone()),
            other => V::Text(other.to_string()),
        });
    }
    (t.name, row)
}
