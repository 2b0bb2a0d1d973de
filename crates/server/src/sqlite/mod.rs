//! The embedded SQLite backend of [`ServerDb`]: one connection behind a mutex, every call on
//! tokio's blocking pool, every unit of work in one transaction. The SQL is kept portable
//! (no STRICT tables, no `INSERT OR …`), and every table leads with `county_id`.

mod blobs;
mod erase;
mod pull;
mod push;
mod users;

use std::path::Path;
use std::sync::{Arc, Mutex};

use linli_domain::Id;
use linli_protocol::sync::{ChangeResult, PushRequest, Role};
use rusqlite::Connection;

use crate::db::{
    check_county, BlobGet, BlobPut, DeviceAuth, DeviceInfo, PullPage, ServerDb, ServerExport,
    UserRecord,
};
use crate::scope::Tree;
use crate::{Error, Result};

/// `PRAGMA application_id` of a Linli server database ('LNLS').
const APPLICATION_ID: i64 = 0x4C4E_4C53;

const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_server.sql"),
    include_str!("../../migrations/0002_blobs.sql"),
    include_str!("../../migrations/0003_county_wide.sql"),
    include_str!("../../migrations/0004_refused_seqs.sql"),
    include_str!("../../migrations/0005_accounts.sql"),
    include_str!("../../migrations/0006_h16erase_erasures.sql"),
    include_str!("../../migrations/0007_h25share_row_shares.sql"),
];

/// The server's SQLite database.
#[derive(Clone)]
pub struct SqliteDb {
    conn: Arc<Mutex<Connection>>,
    /// A second connection for pulls (WAL lets it read while a push commits); the main one for a
    /// database in memory.
    read: Arc<Mutex<Connection>>,
    /// Pushes waiting for the connection: whoever takes it next merges all of them in one
    /// transaction, so that one `fsync` (`synchronous=FULL`) serves every push that queued
    /// behind the last.
    waiting: Arc<Mutex<Vec<Waiting>>>,
}

struct Waiting {
    auth: DeviceAuth,
    req: PushRequest,
    answer: tokio::sync::oneshot::Sender<Result<Vec<ChangeResult>>>,
}

impl std::fmt::Debug for SqliteDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteDb").finish_non_exhaustive()
    }
}

impl SqliteDb {
    /// Opens (or creates) the server database at `path`, refusing another program's file or a
    /// newer schema without touching it.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteDb> {
        let path = path.as_ref();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Invalid(format!("{e}")))?;
        }
        crate::create_private(path)?;
        let conn = Connection::open(path)?;
        let shown = path.display().to_string();
        Self::init(conn, &shown, true)
    }

    /// A database in memory, for tests.
    pub fn open_in_memory() -> Result<SqliteDb> {
        Self::init(Connection::open_in_memory()?, ":memory:", false)
    }

    fn init(mut conn: Connection, shown: &str, file: bool) -> Result<SqliteDb> {
        let read = |sql: &str| -> Result<i64> {
            conn.query_row(sql, [], |r| r.get(0))
                .map_err(|e| match e.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::NotADatabase) => Error::NotOurs {
                        path: shown.to_owned(),
                    },
                    _ => e.into(),
                })
        };
        let objects = read("SELECT count(*) FROM sqlite_master")?;
        let app = read("PRAGMA application_id")?;
        let version = read("PRAGMA user_version")?;
        if !(objects == 0 && app == 0 && version == 0) && app != APPLICATION_ID {
            return Err(Error::NotOurs {
                path: shown.to_owned(),
            });
        }
        if version > MIGRATIONS.len() as i64 {
            return Err(Error::TooNew {
                path: shown.to_owned(),
            });
        }
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        if file {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            // FULL: a push answered "accepted" survives a power cut (NORMAL in WAL mode may lose
            // the last commits, and hand their sequence numbers out again)
            conn.pragma_update(None, "synchronous", "FULL")?;
        }
        let tx = conn.transaction()?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
        let conn = Arc::new(Mutex::new(conn));
        let read = if file {
            let r = Connection::open(shown)?;
            r.busy_timeout(std::time::Duration::from_secs(10))?;
            Arc::new(Mutex::new(r))
        } else {
            conn.clone()
        };
        Ok(SqliteDb {
            conn,
            read,
            waiting: Arc::default(),
        })
    }

    /// [`SqliteDb::call`] on the connection for pulls.
    async fn call_read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let conn = self.read.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut guard)
        })
        .await
        .map_err(|e| Error::Join(e.to_string()))?
    }

    pub(crate) async fn call<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut guard)
        })
        .await
        .map_err(|e| Error::Join(e.to_string()))?
    }
}

fn load_tree(conn: &Connection, county: &str) -> Result<Tree> {
    let mut stmt =
        conn.prepare_cached("SELECT place_id, parent_id FROM place_tree WHERE county_id = ?1")?;
    let rows = stmt.query_map([county], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    let mut pairs = Vec::new();
    for r in rows {
        let (p, pp) = r?;
        pairs.push((p.parse()?, pp.map(|s| s.parse()).transpose()?));
    }
    Ok(Tree::new(pairs))
}

impl ServerDb for SqliteDb {
    async fn authenticate(&self, county: String, token_hash: String) -> Result<Option<DeviceAuth>> {
        self.call(move |conn| users::authenticate(conn, county, token_hash))
            .await
    }

    async fn user_by_name(&self, name: String) -> Result<Option<UserRecord>> {
        self.call(move |conn| users::user_by_name(conn, name)).await
    }

    async fn enrol_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> Result<i64> {
        self.call(move |conn| users::enrol_device(conn, user, device_id, name, token_hash, now_ms))
            .await
    }

    async fn add_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> Result<()> {
        self.call(move |conn| users::add_device(conn, user, device_id, name, token_hash, now_ms))
            .await
    }

    async fn push(&self, auth: DeviceAuth, req: PushRequest) -> Result<Vec<ChangeResult>> {
        let req = crate::erase::on_arrival(self, &auth, req).await?;
        push::push(self, auth, req).await
    }

    async fn pull_from(
        &self,
        auth: DeviceAuth,
        after: i64,
        limit: u32,
        own_seq: Option<i64>,
    ) -> Result<PullPage> {
        self.call_read(move |conn| {
            let tx = conn.transaction()?;
            let page = pull::pull_tx(&tx, &auth, after, limit, own_seq)?;
            tx.commit()?;
            Ok(page)
        })
        .await
    }

    async fn add_user_in(
        &self,
        county: String,
        name: String,
        role: Role,
        password_hash: String,
        grants: Vec<Id>,
    ) -> Result<Id> {
        check_county(&county)?;
        self.call(move |conn| users::add_user_in(conn, county, name, role, password_hash, grants))
            .await
    }

    async fn set_password(&self, name: String, hash: String) -> Result<()> {
        self.call(move |conn| users::set_password(conn, name, hash))
            .await
    }

    async fn set_county_wide(&self, name: String, on: bool) -> Result<()> {
        self.call(move |conn| users::set_county_wide(conn, name, on))
            .await
    }

    async fn grant(&self, name: String, places: Vec<Id>) -> Result<()> {
        self.call(move |conn| users::grant(conn, name, places))
            .await
    }

    async fn revoke_grants(&self, name: String, places: Vec<Id>) -> Result<()> {
        self.call(move |conn| users::revoke_grants(conn, name, places))
            .await
    }

    async fn list_devices_in(&self, county: String) -> Result<Vec<DeviceInfo>> {
        self.call(move |conn| users::list_devices_in(conn, county))
            .await
    }

    async fn revoke_device_in(&self, county: String, device_id: Id) -> Result<()> {
        self.call(move |conn| users::revoke_device_in(conn, county, device_id))
            .await
    }

    async fn export_in(&self, county: String, grants: Option<Vec<Id>>) -> Result<ServerExport> {
        self.call(move |conn| pull::export_in(conn, county, grants))
            .await
    }

    async fn needs_review_in(&self, county: String) -> Result<Vec<(String, Id)>> {
        self.call(move |conn| pull::needs_review_in(conn, county))
            .await
    }

    async fn blobs_missing(&self, auth: DeviceAuth, hashes: Vec<String>) -> Result<Vec<String>> {
        self.call(move |conn| blobs::blobs_missing(conn, auth, hashes))
            .await
    }

    async fn put_blob(&self, auth: DeviceAuth, hash: String, bytes: Vec<u8>) -> Result<BlobPut> {
        self.call(move |conn| blobs::put_blob(conn, auth, hash, bytes))
            .await
    }

    async fn get_blob(&self, auth: DeviceAuth, hash: String) -> Result<BlobGet> {
        self.call(move |conn| blobs::get_blob(conn, auth, hash))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database of the server before row shares (0006) upgrades in place, keeping its log.
    #[test]
    fn an_older_database_upgrades_to_row_shares_keeping_its_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("server.db");
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..6] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 6).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            conn.execute(
                "INSERT INTO changes (county_id, server_seq, device_id, device_seq, tbl, row_id, body)
                 VALUES ('default', 1, 'd', 1, 'circle_points', 'p', '{}')",
                [],
            )
            .unwrap();
        }
        drop(SqliteDb::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        let (log, shares): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM changes), (SELECT count(*) FROM row_shares)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((log, shares), (1, 0));
    }
}
