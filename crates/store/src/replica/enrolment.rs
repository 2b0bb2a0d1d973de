//! Where this laptop syncs to and how it trusts that server, kept in `meta` by `linli login`;
//! the device id the token was issued for; and the marks the Sync page reads.

use linli_domain::Id;

use super::{ACKED, CURSOR, LAST_SUCCESS, TOKEN_DEVICE};
use crate::journal::{get_meta, set_meta};
use crate::{Result, Store};

/// Where this laptop syncs to: kept in `meta` by `linli login`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub server: String,
    pub user: String,
    pub token: String,
}

impl Store {
    /// The device id the stored token was issued for, if the enrolment recorded it.
    pub fn token_device(&self) -> Result<Option<Id>> {
        Ok(get_meta(&self.conn, TOKEN_DEVICE)?.and_then(|s| s.parse().ok()))
    }

    /// The device id in the file, which another connection may have changed.
    pub fn current_device_id(&self) -> Result<Id> {
        Ok(get_meta(&self.conn, "device_id")?
            .and_then(|s| s.parse().ok())
            .unwrap_or(self.device_id))
    }

    /// Notes that a sync pushed and pulled everything, for the Sync page.
    pub fn mark_synced(&mut self, at_ms: u64) -> Result<()> {
        set_meta(&self.conn, LAST_SUCCESS, &at_ms.to_string())
    }

    /// The server, user and device token `linli login` stored, if any.
    pub fn enrolment(&self) -> Result<Option<Enrolment>> {
        let (server, user, token) = (
            get_meta(&self.conn, "sync_server")?,
            get_meta(&self.conn, "sync_user")?,
            get_meta(&self.conn, "sync_token")?,
        );
        Ok(match (server, user, token) {
            (Some(server), Some(user), Some(token)) => Some(Enrolment {
                server,
                user,
                token,
            }),
            _ => None,
        })
    }

    /// Stores an enrolment. Enrolling with another server starts its cursor and outbox afresh.
    pub fn save_enrolment(&mut self, e: &Enrolment) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let before = get_meta(&tx, "sync_server")?;
        if before.as_deref().is_some_and(|s| s != e.server) {
            for key in [CURSOR, ACKED, LAST_SUCCESS] {
                tx.execute("DELETE FROM meta WHERE key = ?1", [key])?;
            }
        }
        set_meta(&tx, "sync_server", &e.server)?;
        set_meta(&tx, "sync_user", &e.user)?;
        set_meta(&tx, "sync_token", &e.token)?;
        // the device id the token was issued for: a new device id taken since (a seq_conflict)
        // must be enrolled before anything is pushed under it
        let device = get_meta(&tx, "device_id")?.unwrap_or_else(|| self.device_id.to_string());
        set_meta(&tx, TOKEN_DEVICE, &device)?;
        tx.commit()?;
        Ok(())
    }

    /// How this laptop trusts its server (issue 17), kept beside the enrolment: the county CA
    /// (PEM text, so moving the file it came from breaks nothing) and whether plain `http://` to
    /// another machine was allowed. `(None, false)` when never set.
    pub fn server_trust(&self) -> Result<(Option<String>, bool)> {
        Ok((
            get_meta(&self.conn, "sync_ca")?,
            get_meta(&self.conn, "sync_insecure")?.as_deref() == Some("1"),
        ))
    }

    /// Stores how this laptop trusts its server; `None` forgets a CA set before.
    pub fn save_server_trust(&mut self, ca_pem: Option<&str>, insecure: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        match ca_pem {
            Some(pem) => set_meta(&tx, "sync_ca", pem)?,
            None => {
                tx.execute("DELETE FROM meta WHERE key = 'sync_ca'", [])?;
            }
        }
        set_meta(&tx, "sync_insecure", if insecure { "1" } else { "0" })?;
        tx.commit()?;
        Ok(())
    }

    /// A number that changes whenever another connection commits to this file (SQLite's
    /// `PRAGMA data_version`): the desktop's background sync notices the window's writes by it.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}
