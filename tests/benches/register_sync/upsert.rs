//! SQLite's own bulk upsert of the same rows: the floor any sync into SQLite stands on. Every
//! synced table in a plain file (no encryption, no index but the primary key), the rows already
//! parsed into SQLite values, one prepared `INSERT … ON CONFLICT DO UPDATE` per table, one
//! transaction; only the inserting and the commit are timed.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;
use std::time::{Duration, Instant};

use linli_protocol::schema::{ColType, SYNCED_TABLES};

use crate::common::{cpu_s, fresh, settle};
use crate::data::row_of;

/// What the upsert took.
#[derive(Debug, Clone, Copy)]
pub struct Upsert {
    pub rows: u64,
    pub wall_s: f64,
    pub cpu_s: f64,
}

/// Rows parsed (untimed) and upserted (timed) a chunk at a time, so that a 100,000-household
/// register's rows need not all be in memory at once.
const CHUNK: usize = 50_000;

pub fn run(ndjson: &Path, db: &Path) -> Upsert {
    fresh(db);
    let mut conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        .unwrap();
    for t in SYNCED_TABLES {
        let cols: Vec<String> = t
            .columns
            .iter()
            .map(|c| {
                let ty = match c.ty {
                    ColType::Text => "TEXT",
                    ColType::Int => "INTEGER",
                };
                format!("{} {ty}", c.name)
            })
            .collect();
        conn.execute_batch(&format!(
            "CREATE TABLE {} (id TEXT PRIMARY KEY, {})",
            t.name,
            cols.join(", ")
        ))
        .unwrap();
    }
    let statement = |t: &linli_protocol::schema::SyncedTable| -> String {
        let name = t.name;
        let names: Vec<&str> = t.columns.iter().map(|c| c.name).collect();
        let marks: Vec<String> = (1..=names.len() + 1).map(|i| format!("?{i}")).collect();
        let sets: Vec<String> = names
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        format!(
            "INSERT INTO {} (id, {}) VALUES ({}) ON CONFLICT (id) DO UPDATE SET {}",
            name,
            names.join(", "),
            marks.join(", "),
            sets.join(", ")
        )
    };

    let sql: HashMap<&str, String> = SYNCED_TABLES
        .iter()
        .map(|t| (t.name, statement(t)))
        .collect();
    let mut lines = std::io::BufReader::new(std::fs::File::open(ndjson).unwrap()).lines();
    settle();
    let (mut wall, mut cpu, mut rows) = (Duration::ZERO, 0.0, 0u64);
    let tx = conn.transaction().unwrap();
    loop {
        // parse a chunk: untimed
        let chunk: Vec<(&'static str, Vec<rusqlite::types::Value>)> = lines
            .by_ref()
            .take(CHUNK)
            .map(|l| row_of(&serde_json::from_str(&l.unwrap()).unwrap()))
            .collect();
        if chunk.is_empty() {
            break;
        }
        let (t, c) = (Instant::now(), cpu_s());
        // the rows come table after table: a statement is looked up when the table changes
        let mut current: Option<(&str, rusqlite::CachedStatement<'_>)> = None;
        for (name, row) in &chunk {
            if current.as_ref().map(|(n, _)| n) != Some(name) {
                current = Some((name, tx.prepare_cached(&sql[name]).unwrap()));
            }
            let (_, stmt) = current.as_mut().unwrap();
            stmt.execute(rusqlite::params_from_iter(row)).unwrap();
        }
        drop(current);
        wall += t.elapsed();
        cpu += cpu_s() - c;
        rows += chunk.len() as u64;
    }
    let (t, c) = (Instant::now(), cpu_s());
    tx.commit().unwrap();
    wall += t.elapsed();
    cpu += cpu_s() - c;
    drop(conn);
    fresh(db);
    Upsert {
        rows,
        wall_s: wall.as_secs_f64(),
        cpu_s: cpu,
    }
}
