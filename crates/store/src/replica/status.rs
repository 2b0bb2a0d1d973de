//! What the Sync page shows: refusals, rows to review, changes kept aside, the outbox.

use linli_protocol::sync::{Refusal, RefuseReason, SyncStatus, Unapplied};

use super::LAST_SUCCESS;
use crate::journal::get_meta;
use crate::{Result, Store};

impl Store {
    /// The account this laptop syncs as ([`SyncStatus::user`]) alone: "me" asks for it on every
    /// page and sign-in, and the whole status counts the outbox (a first push's 800,000 changes
    /// made the demo town's programmes take half an hour; issue 24).
    pub(crate) fn sync_user(&self) -> Result<Option<String>> {
        get_meta(&self.conn, "sync_user")
    }

    /// What the Sync page shows.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let mut refused = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT device_seq, tbl, row_id, reason, message, code, args FROM sync_refusals
             ORDER BY device_seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ),
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        for row in rows {
            let ((device_seq, table, row_id, reason, message), code, args) = row?;
            refused.push(Refusal {
                device_seq,
                table,
                row_id: row_id.parse()?,
                reason: match reason.as_str() {
                    "outside_grants" => RefuseReason::OutsideGrants,
                    "seq_conflict" => RefuseReason::SeqConflict,
                    _ => RefuseReason::Invalid,
                },
                message,
                code,
                // a refusal kept before the laptop stored arguments has none
                args: args
                    .and_then(|a| serde_json::from_str(&a).ok())
                    .unwrap_or_default(),
            });
        }
        let mut needs_review = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT tbl, row_id FROM sync_reviews ORDER BY server_seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (t, id) = row?;
            needs_review.push((t, id.parse()?));
        }
        let mut unapplied = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT server_seq, json_extract(change, '$.table'), json_extract(change, '$.row_id'),
                    reason FROM sync_unapplied ORDER BY server_seq LIMIT 200",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (server_seq, table, row_id, reason) = row?;
            unapplied.push(Unapplied {
                server_seq,
                table: table.unwrap_or_default(),
                row_id: row_id.and_then(|r| r.parse().ok()),
                reason,
            });
        }
        Ok(SyncStatus {
            unapplied,
            server: get_meta(&self.conn, "sync_server")?,
            user: self.sync_user()?,
            last_success_ms: get_meta(&self.conn, LAST_SUCCESS)?.and_then(|v| v.parse().ok()),
            outbox: self.outbox_len()?,
            refused,
            needs_review,
        })
    }
}

/// Where this laptop stands with the server, for features that must say how sure a figure is
/// (the time bank's balance): the device id in the file, the last device sequence the server
/// acknowledged (0 before the first sync), and when the last sync succeeded (ms since 1970).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SyncPosition {
    pub device_id: Option<linli_domain::Id>,
    pub acked_seq: i64,
    pub last_success_ms: Option<i64>,
}

/// [`SyncPosition`] read from the file (inside a write transaction too).
pub(crate) fn sync_position(conn: &rusqlite::Connection) -> Result<SyncPosition> {
    Ok(SyncPosition {
        device_id: get_meta(conn, "device_id")?.and_then(|s| s.parse().ok()),
        acked_seq: crate::journal::meta_i64(conn, super::ACKED)?,
        last_success_ms: get_meta(conn, LAST_SUCCESS)?.and_then(|s| s.parse().ok()),
    })
}
