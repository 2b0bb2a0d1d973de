//! Handing a laptop over to another user (issue 16, item 4). Signing in as someone else than the
//! enrolled user replaces the laptop's copy of the community's data by the new user's: once the
//! previous user's outbox is on the server (or discarded on purpose, linli-sync decides), every
//! synced table, the journal and every other table of rows, the attachment files under `blobs/`,
//! the pull cursor and the sync bookkeeping, and the previous user's "me" are cleared before the
//! new user's first pull. What belongs to the laptop stays: the database key (and its PIN), the
//! server's trust (CA), the clock, and every other setting.
//!
//! Crash safety: the new enrolment is written together with a marker (`handover_pending`) in one
//! transaction (step 1); the rows are cleared in a second (step 2), the files removed (step 3),
//! and only then is the marker removed (step 4). Opening a file that still holds the marker
//! finishes the clearing before anything reads it, so no start shows the two users' data mixed.

use linli_domain::Id;

use super::{Enrolment, TOKEN_DEVICE};
use crate::journal::{get_meta, set_meta};
use crate::settings::{ME, ME_UNDER};
use crate::{Result, Store};

/// Set while a handover has not finished clearing; its value is the new user's name.
const PENDING: &str = "handover_pending";

/// The `meta` keys of sync that survive a handover: the new enrolment (written in step 1) and how
/// the laptop trusts its server. Every other `sync_*` key (cursor, acknowledged sequence, last
/// success, sequence floor, and any added later) is the previous user's and goes.
const KEPT_SYNC_KEYS: [&str; 6] = [
    "sync_server",
    "sync_user",
    "sync_token",
    TOKEN_DEVICE,
    "sync_ca",
    "sync_insecure",
];

/// The tables that hold the laptop's own bookkeeping rather than rows of the community: kept
/// (`meta` and `settings` lose only the previous user's keys).
const KEPT_TABLES: [&str; 2] = ["meta", "settings"];

impl Store {
    /// The enrolment signing in as `user` would replace: `Some` when the laptop is enrolled as
    /// another user (a handover), `None` when it is not enrolled or already this user's.
    pub fn handover_from(&self, user: &str) -> Result<Option<Enrolment>> {
        Ok(self.enrolment()?.filter(|e| e.user.trim() != user.trim()))
    }

    /// Whether a handover was interrupted and has not finished clearing (the file is reopened to
    /// finish it).
    pub fn handover_pending(&self) -> Result<Option<String>> {
        get_meta(&self.conn, PENDING)
    }

    /// Hands this laptop over to `next`, whose token was issued for the new device id `device`:
    /// the previous user's rows, journal, files, cursor, bookkeeping and "me" are cleared and the
    /// new enrolment stored. The caller has pushed (or knowingly discarded) the previous user's
    /// outbox first. Safe to interrupt at any point (see the module's note).
    pub fn hand_over(&mut self, next: &Enrolment, device: Id) -> Result<()> {
        // step 1: the new enrolment and the marker, in one transaction
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        set_meta(&tx, PENDING, &next.user)?;
        set_meta(&tx, "device_id", &device.to_string())?;
        set_meta(&tx, "sync_server", &next.server)?;
        set_meta(&tx, "sync_user", &next.user)?;
        set_meta(&tx, "sync_token", &next.token)?;
        set_meta(&tx, TOKEN_DEVICE, &device.to_string())?;
        tx.commit()?;
        self.device_id = device;
        crash_point(1)?;
        self.finish_handover().map(|_| ())
    }

    /// Finishes a handover whose marker is still set (steps 2–4); does nothing when none is.
    /// Runs at every open of a file, before anything reads it. Answers whether it cleared.
    pub(crate) fn finish_handover(&mut self) -> Result<bool> {
        if get_meta(&self.conn, PENDING)?.is_none() {
            return Ok(false);
        }
        // step 2: every row of the community, one transaction
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // rows refer to each other: the references are checked once, at the commit, when all
        // of them are gone
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        let tables: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT name FROM pragma_table_list
                 WHERE schema = 'main' AND type IN ('table', 'virtual')
                   AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
            )?;
            let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
            names.collect::<rusqlite::Result<_>>()?
        };
        for t in tables.iter().filter(|t| !KEPT_TABLES.contains(&t.as_str())) {
            tx.execute(&format!("DELETE FROM \"{}\"", t.replace('"', "\"\"")), [])?;
        }
        let sync_keys: Vec<String> = {
            let mut stmt =
                tx.prepare("SELECT key FROM meta WHERE key LIKE 'sync\\_%' ESCAPE '\\'")?;
            let keys = stmt.query_map([], |r| r.get::<_, String>(0))?;
            keys.collect::<rusqlite::Result<_>>()?
        };
        for key in sync_keys
            .iter()
            .filter(|k| !KEPT_SYNC_KEYS.contains(&k.as_str()))
        {
            tx.execute("DELETE FROM meta WHERE key = ?1", [key])?;
        }
        tx.execute("DELETE FROM settings WHERE key IN (?1, ?2)", [ME, ME_UNDER])?;
        tx.commit()?;
        *self.tree_counts.borrow_mut() = None;
        self.kept_spans.borrow_mut().clear();
        crash_point(2)?;
        // step 3: the attachment files (and their thumbnails)
        if self.path().is_some() {
            let dir = self.blob_dir()?;
            match std::fs::remove_dir_all(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(crate::Error::Open {
                        path: dir,
                        reason: e.to_string(),
                    })
                }
            }
        }
        crash_point(3)?;
        // step 4: done
        self.conn
            .execute("DELETE FROM meta WHERE key = ?1", [PENDING])?;
        Ok(true)
    }
}

#[cfg(test)]
thread_local! {
    /// The step after which a test makes the handover stop as if the process were killed.
    static CRASH_AT: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
fn crash_point(step: u8) -> Result<()> {
    if CRASH_AT.with(|c| c.get()) == step {
        return Err(crate::Error::Open {
            path: Default::default(),
            reason: format!("simulated crash after step {step}"),
        });
    }
    Ok(())
}

#[cfg(not(test))]
fn crash_point(_: u8) -> Result<()> {
    Ok(())
}

#[cfg(test)]
#[path = "handover_tests.rs"]
mod tests;
