//! The `meta` table: the store's own key-value bookkeeping (device id, clock, sync cursor and
//! enrolment), read and written by the journal and the replica only.

use rusqlite::{params, OptionalExtension};

use crate::Result;

/// The number below which this device id's sequences are taken on the server.
pub(crate) const SEQ_FLOOR: &str = "sync_seq_floor";

pub(crate) fn get_meta(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set_meta(conn: &rusqlite::Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub(crate) fn meta_i64(conn: &rusqlite::Connection, key: &str) -> Result<i64> {
    Ok(get_meta(conn, key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}
