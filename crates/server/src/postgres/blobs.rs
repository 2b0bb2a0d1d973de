//! Attachments on the PostgreSQL backend: stored by hash per county, handed only to a device
//! that sees an attachment row naming them.

use deadpool_postgres::GenericClient;
use uuid::Uuid;

use super::{id, load_tree, PgDb};
use crate::db::{BlobGet, BlobPut, DeviceAuth};
use crate::scope::Sight;
use crate::Result;

/// Whether an attachment row naming `hash` is within the device's sight.
async fn blob_in_sight(c: &impl GenericClient, auth: &DeviceAuth, hash: &str) -> Result<bool> {
    let county = auth.county.as_str();
    let rows = c
        .query(
            "SELECT f.row_id, s.scope_place FROM field_state f
             JOIN row_scope s ON s.county_id = f.county_id AND s.tbl = f.tbl AND s.row_id = f.row_id
             WHERE f.county_id = $1 AND f.tbl = 'attachments' AND f.field = 'hash' AND f.value = $2",
            &[&county, &serde_json::to_string(hash)?],
        )
        .await?;
    if rows.is_empty() {
        return Ok(false);
    }
    let tree = load_tree(c, county).await?;
    let sight = Sight::of(&tree, auth);
    Ok(rows.iter().any(|r| {
        sight.sees_row(
            "attachments",
            id(r.get(0)),
            r.get::<_, Option<Uuid>>(1).map(id),
        )
    }))
}

pub(super) async fn blobs_missing(
    db: &PgDb,
    auth: DeviceAuth,
    hashes: Vec<String>,
) -> Result<Vec<String>> {
    let client = db.pool.get().await?;
    let rows = client
        .query(
            "SELECT hash FROM blobs WHERE county_id = $1 AND hash = ANY($2)",
            &[&auth.county, &hashes],
        )
        .await?;
    let held: std::collections::HashSet<String> = rows.iter().map(|r| r.get(0)).collect();
    Ok(hashes.into_iter().filter(|h| !held.contains(h)).collect())
}

pub(super) async fn put_blob(
    db: &PgDb,
    auth: DeviceAuth,
    hash: String,
    bytes: Vec<u8>,
) -> Result<BlobPut> {
    let mut client = db.pool.get().await?;
    let tx = client.transaction().await?;
    if !blob_in_sight(&tx, &auth, &hash).await? {
        return Ok(BlobPut::OutOfScope);
    }
    let n = tx
        .execute(
            "INSERT INTO blobs (county_id, hash, size, bytes, stored_ms) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (county_id, hash) DO NOTHING",
            &[
                &auth.county,
                &hash,
                &(bytes.len() as i64),
                &bytes,
                &(crate::now_ms() as i64),
            ],
        )
        .await?;
    tx.commit().await?;
    Ok(BlobPut::Stored(n > 0))
}

pub(super) async fn get_blob(db: &PgDb, auth: DeviceAuth, hash: String) -> Result<BlobGet> {
    let client = db.pool.get().await?;
    if !blob_in_sight(&client, &auth, &hash).await? {
        return Ok(BlobGet::OutOfScope);
    }
    let row = client
        .query_opt(
            "SELECT bytes FROM blobs WHERE county_id = $1 AND hash = $2",
            &[&auth.county, &hash],
        )
        .await?;
    Ok(row.map_or(BlobGet::NotYet, |r| BlobGet::Found(r.get(0))))
}
