//! Attachments on the SQLite backend: stored by hash per county, handed only to a device that
//! sees an attachment row naming them.

use linli_domain::Id;
use rusqlite::{params, Connection, OptionalExtension};

use super::load_tree;
use crate::db::{BlobGet, BlobPut, DeviceAuth};
use crate::scope::Sight;
use crate::Result;

/// Whether an attachment row naming `hash` is within the device's sight.
fn blob_in_sight(conn: &Connection, auth: &DeviceAuth, hash: &str) -> Result<bool> {
    let county = auth.county.as_str();
    let mut stmt = conn.prepare_cached(
        "SELECT f.row_id, s.scope_place FROM field_state f
         JOIN row_scope s ON s.county_id = f.county_id AND s.tbl = f.tbl AND s.row_id = f.row_id
         WHERE f.county_id = ?1 AND f.tbl = 'attachments' AND f.field = 'hash' AND f.value = ?2",
    )?;
    let rows = stmt.query_map(params![county, serde_json::to_string(hash)?], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    let mut named = Vec::new();
    for r in rows {
        let (row, place) = r?;
        named.push((row.parse::<Id>()?, place.map(|p| p.parse()).transpose()?));
    }
    if named.is_empty() {
        return Ok(false);
    }
    let tree = load_tree(conn, county)?;
    let sight = Sight::of(&tree, auth);
    Ok(named
        .iter()
        .any(|(row, place)| sight.sees_row("attachments", *row, *place)))
}

pub(super) fn blobs_missing(
    conn: &mut Connection,
    auth: DeviceAuth,
    hashes: Vec<String>,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM blobs WHERE county_id = ?1 AND hash = ?2")?;
    let mut missing = Vec::new();
    for h in hashes {
        if !stmt.exists(params![auth.county, h])? {
            missing.push(h);
        }
    }
    Ok(missing)
}

pub(super) fn put_blob(
    conn: &mut Connection,
    auth: DeviceAuth,
    hash: String,
    bytes: Vec<u8>,
) -> Result<BlobPut> {
    let tx = conn.transaction()?;
    if !blob_in_sight(&tx, &auth, &hash)? {
        return Ok(BlobPut::OutOfScope);
    }
    let n = tx.execute(
        "INSERT INTO blobs (county_id, hash, size, bytes, stored_ms) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (county_id, hash) DO NOTHING",
        params![
            auth.county,
            hash,
            bytes.len() as i64,
            bytes,
            crate::now_ms() as i64
        ],
    )?;
    tx.commit()?;
    Ok(BlobPut::Stored(n > 0))
}

pub(super) fn get_blob(conn: &mut Connection, auth: DeviceAuth, hash: String) -> Result<BlobGet> {
    let tx = conn.transaction()?;
    if !blob_in_sight(&tx, &auth, &hash)? {
        return Ok(BlobGet::OutOfScope);
    }
    let bytes: Option<Vec<u8>> = tx
        .query_row(
            "SELECT bytes FROM blobs WHERE county_id = ?1 AND hash = ?2",
            params![auth.county, hash],
            |r| r.get(0),
        )
        .optional()?;
    Ok(bytes.map_or(BlobGet::NotYet, BlobGet::Found))
}
