//! The embedded SQLite backend of [`ServerDb`]: one connection behind a mutex, every call on
//! tokio's blocking pool, every unit of work in one transaction. The SQL is kept portable
//! (no STRICT tables, no `INSERT OR …`), and every table leads with `county_id`.

use std::path::Path;
use std::sync::{Arc, Mutex};

use linli_domain::merge::{Version, Versioned};
use linli_domain::{Hlc, Id};
use linli_protocol::sync::{Change, ChangeResult, PulledChange, PushRequest, Role, MAX_PULL_BYTES};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::db::{
    check_county, BlobGet, BlobPut, DeviceAuth, DeviceInfo, PullPage, ServerDb, ServerExport,
    UserRecord, DEVICE_ID_TAKEN, DEVICE_OF_ANOTHER_USER,
};
use crate::merge::{Done, Engine, Keys, Loaded, Written};
use crate::scope::{Existing, Sight, Tree};
use crate::{Error, Result};

/// `PRAGMA application_id` of a Linli server database ('LNLS').
const APPLICATION_ID: i64 = 0x4C4E_4C53;

const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_server.sql"),
    include_str!("../migrations/0002_blobs.sql"),
    include_str!("../migrations/0003_county_wide.sql"),
    include_str!("../migrations/0004_refused_seqs.sql"),
    include_str!("../migrations/0005_accounts.sql"),
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

fn role_of(code: &str) -> Role {
    Role::from_code(code).unwrap_or(Role::GridWorker)
}

fn grants_of(conn: &Connection, county: &str, user: &str) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare_cached(
        "SELECT place_id FROM grants WHERE county_id = ?1 AND user_id = ?2 ORDER BY place_id",
    )?;
    let rows = stmt.query_map(params![county, user], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r?.parse()?);
    }
    Ok(out)
}

/// A user's county and id by its name, which is unique on the server.
fn user_id_by_name(conn: &Connection, name: &str) -> Result<(String, String)> {
    conn.query_row(
        "SELECT county_id, user_id FROM users WHERE name = ?1",
        [name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("用户“{name}” (no such user)")))
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

/// Reads what a batch touches: the county's last sequence and place tree, and the log entries,
/// rows and floor accounts its keys name.
fn load(tx: &Transaction<'_>, county: &str, keys: &Keys) -> Result<Loaded> {
    let mut l = Loaded {
        last_seq: tx.query_row(
            "SELECT coalesce(max(server_seq), 0) FROM changes WHERE county_id = ?1",
            [county],
            |r| r.get(0),
        )?,
        tree: load_tree(tx, county)?,
        ..Loaded::default()
    };
    let mut done = tx.prepare_cached(
        "SELECT server_seq, needs_review, json_extract(body, '$.change_id') FROM changes
         WHERE county_id = ?1 AND device_id = ?2 AND device_seq = ?3",
    )?;
    for (device, seq) in &keys.seqs {
        let found: Option<(i64, i64, Option<String>)> = done
            .query_row(params![county, device.to_string(), seq], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        if let Some((server_seq, review, change_id)) = found {
            l.done.insert(
                (*device, *seq),
                Done {
                    server_seq,
                    needs_review: review != 0,
                    change_id: change_id.and_then(|s| s.parse().ok()),
                },
            );
        }
    }
    let mut refused = tx.prepare_cached(
        "SELECT change_id FROM refused_seqs WHERE county_id = ?1 AND device_id = ?2 AND device_seq = ?3",
    )?;
    for (device, seq) in &keys.seqs {
        let found: Option<String> = refused
            .query_row(params![county, device.to_string(), seq], |r| r.get(0))
            .optional()?;
        if let Some(id) = found.and_then(|s| s.parse().ok()) {
            l.refused.insert((*device, *seq), id);
        }
    }
    let mut scope = tx.prepare_cached(
        "SELECT scope_place, fact FROM row_scope WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3",
    )?;
    let mut fields = tx.prepare_cached(
        "SELECT field, hlc, device_id, value FROM field_state
         WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3",
    )?;
    for (table, row) in &keys.rows {
        let key = (table.clone(), *row);
        if l.scopes.contains_key(&key) {
            continue;
        }
        let found: Option<(Option<String>, i64)> = scope
            .query_row(params![county, table, row.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let Some((place, fact)) = found else {
            continue;
        };
        l.scopes.insert(
            key,
            Existing {
                scope: place.map(|s| s.parse()).transpose()?,
                fact: fact != 0,
            },
        );
        let rows = fields.query_map(params![county, table, row.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for f in rows {
            let (field, hlc, device, value) = f?;
            l.fields.insert(
                (table.clone(), *row, field),
                Versioned {
                    version: Version {
                        hlc: hlc.parse::<Hlc>()?,
                        device: device.parse()?,
                    },
                    value,
                },
            );
        }
    }
    let mut balance = tx.prepare_cached(
        "SELECT balance FROM balances WHERE county_id = ?1 AND tbl = ?2 AND account = ?3",
    )?;
    for (table, account) in &keys.accounts {
        if let Some(b) = balance
            .query_row(params![county, table, account], |r| r.get::<_, i64>(0))
            .optional()?
        {
            l.balances.insert((table.clone(), account.clone()), b);
        }
    }
    Ok(l)
}

/// Writes what a batch merged.
fn write(tx: &Transaction<'_>, county: &str, w: &Written) -> Result<()> {
    let mut log = tx.prepare_cached(
        "INSERT INTO changes (county_id, server_seq, device_id, device_seq, tbl, row_id,
                              scope_place, needs_review, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for e in &w.log {
        log.execute(params![
            county,
            e.server_seq,
            e.device_id.to_string(),
            e.device_seq,
            e.table,
            e.row_id.to_string(),
            e.scope_place.to_string(),
            i64::from(e.needs_review),
            e.body,
        ])?;
    }
    let mut refused = tx.prepare_cached(
        "INSERT INTO refused_seqs (county_id, device_id, device_seq, change_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (county_id, device_id, device_seq) DO NOTHING",
    )?;
    for (device, seq, change) in &w.refused {
        refused.execute(params![county, device.to_string(), seq, change.to_string()])?;
    }
    let mut scope = tx.prepare_cached(
        "INSERT INTO row_scope (county_id, tbl, row_id, scope_place, fact) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (county_id, tbl, row_id) DO UPDATE SET scope_place = excluded.scope_place",
    )?;
    for ((table, row), (place, fact)) in &w.scopes {
        scope.execute(params![
            county,
            table,
            row.to_string(),
            place.to_string(),
            i64::from(*fact)
        ])?;
    }
    let mut field = tx.prepare_cached(
        "INSERT INTO field_state (county_id, tbl, row_id, field, hlc, device_id, value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (county_id, tbl, row_id, field) DO UPDATE
         SET hlc = excluded.hlc, device_id = excluded.device_id, value = excluded.value",
    )?;
    for ((table, row, name), v) in &w.fields {
        field.execute(params![
            county,
            table,
            row.to_string(),
            name,
            v.version.hlc.to_string(),
            v.version.device.to_string(),
            v.value
        ])?;
    }
    let mut balance = tx.prepare_cached(
        "INSERT INTO balances (county_id, tbl, account, balance) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (county_id, tbl, account) DO UPDATE SET balance = excluded.balance",
    )?;
    for ((table, account), b) in &w.balances {
        balance.execute(params![county, table, account, b])?;
    }
    let mut place = tx.prepare_cached(
        "INSERT INTO place_tree (county_id, place_id, parent_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (county_id, place_id) DO UPDATE SET parent_id = excluded.parent_id",
    )?;
    for (id, parent) in &w.places {
        place.execute(params![
            county,
            id.to_string(),
            parent.map(|p| p.to_string())
        ])?;
    }
    Ok(())
}

/// Pushes in one transaction: per county, load what they touch, merge them one after the other
/// with the one engine (each answered as if alone after those before it), write the result, and
/// note the devices' last-seen time.
fn push_group(conn: &mut Connection, group: &[&Waiting]) -> Result<Vec<Vec<ChangeResult>>> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut answers: Vec<Option<Vec<ChangeResult>>> = vec![None; group.len()];
    let mut counties: Vec<&str> = group.iter().map(|w| w.auth.county.as_str()).collect();
    counties.dedup();
    counties.sort_unstable();
    counties.dedup();
    let now = crate::now_ms();
    for county in counties {
        let mine: Vec<usize> = (0..group.len())
            .filter(|i| group[*i].auth.county == county)
            .collect();
        let keys = Keys::of(mine.iter().map(|i| (&group[*i].auth, &group[*i].req)));
        let mut engine = Engine::new(load(&tx, county, &keys)?, now);
        for i in &mine {
            answers[*i] = Some(engine.push(&group[*i].auth, &group[*i].req));
        }
        write(&tx, county, &engine.finish())?;
    }
    let mut seen = tx.prepare_cached(
        "UPDATE devices SET last_seen_ms = ?3 WHERE county_id = ?1 AND device_id = ?2",
    )?;
    for w in group {
        seen.execute(params![
            w.auth.county,
            w.auth.device_id.to_string(),
            now as i64
        ])?;
    }
    drop(seen);
    tx.commit()?;
    Ok(answers.into_iter().map(Option::unwrap_or_default).collect())
}

fn pull_tx(
    conn: &Connection,
    auth: &DeviceAuth,
    after: i64,
    limit: u32,
    own_seq: Option<i64>,
) -> Result<PullPage> {
    let county = auth.county.as_str();
    // a county-wide user sees everything: no tree to load for every page
    let sight = if auth.county_wide {
        None
    } else {
        Some(Sight::of(&load_tree(conn, county)?, auth))
    };
    let limit = limit.clamp(1, linli_protocol::sync::MAX_PULL_PAGE) as usize;
    let me = auth.device_id.to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT server_seq, device_id, tbl, row_id, scope_place, needs_review, body, device_seq FROM changes
         WHERE county_id = ?1 AND server_seq > ?2 ORDER BY server_seq LIMIT ?3",
    )?;
    let scan_cap = 50_000usize;
    let mut rows = stmt.query(params![county, after, scan_cap as i64])?;
    let (mut changes, mut next, mut scanned, mut bytes) = (Vec::new(), after, 0usize, 0usize);
    let mut more = false;
    while let Some(r) = rows.next()? {
        if changes.len() >= limit {
            more = true;
            break;
        }
        scanned += 1;
        let seq: i64 = r.get(0)?;
        let before = next;
        next = seq;
        let device: String = r.get(1)?;
        // the device's own changes, but for those a copy of its file made under its id
        if device == me && own_seq.is_none_or(|k| r.get::<_, i64>(7).is_ok_and(|s| s <= k)) {
            continue;
        }
        let read_only = match &sight {
            None => false,
            Some(sight) => {
                let table: String = r.get(2)?;
                let row: Id = r.get::<_, String>(3)?.parse()?;
                let scope: Option<String> = r.get(4)?;
                let scope: Option<Id> = scope.map(|s| s.parse()).transpose()?;
                let Some(read_only) = sight.on_pull(&table, row, scope) else {
                    continue;
                };
                read_only
            }
        };
        let body: String = r.get(6)?;
        if !changes.is_empty() && bytes + body.len() > MAX_PULL_BYTES {
            // the page is full in bytes: this change starts the next one
            next = before;
            more = true;
            break;
        }
        bytes += body.len();
        let change: Change = serde_json::from_str(&body)?;
        changes.push(PulledChange {
            server_seq: seq,
            needs_review: r.get::<_, i64>(5)? != 0,
            read_only,
            change,
        });
    }
    if scanned >= scan_cap {
        more = true;
    }
    Ok(PullPage {
        changes,
        next,
        more,
    })
}

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

impl ServerDb for SqliteDb {
    async fn authenticate(&self, county: String, token_hash: String) -> Result<Option<DeviceAuth>> {
        self.call(move |conn| {
            let found: Option<(String, String, i64, String, String, i64)> = conn
                .query_row(
                    "SELECT d.device_id, d.user_id, d.revoked, u.name, u.role, u.county_wide
                     FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
                     WHERE d.county_id = ?1 AND d.token_hash = ?2",
                    [&county, &token_hash],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
                )
                .optional()?;
            let Some((device, user, revoked, name, role, wide)) = found else {
                return Ok(None);
            };
            let grants = grants_of(conn, &county, &user)?;
            Ok(Some(DeviceAuth {
                county,
                device_id: device.parse()?,
                user_id: user.parse()?,
                user: name,
                role: role_of(&role),
                grants,
                county_wide: wide != 0,
                revoked: revoked != 0,
            }))
        })
        .await
    }

    async fn user_by_name(&self, name: String) -> Result<Option<UserRecord>> {
        self.call(move |conn| {
            let found: Option<(String, String, String, String, i64)> = conn
                .query_row(
                    "SELECT county_id, user_id, role, password_hash, county_wide FROM users WHERE name = ?1",
                    [&name],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?;
            let Some((county, user, role, hash, wide)) = found else {
                return Ok(None);
            };
            Ok(Some(UserRecord {
                grants: grants_of(conn, &county, &user)?,
                county,
                user_id: user.parse()?,
                name,
                role: role_of(&role),
                password_hash: hash,
                county_wide: wide != 0,
            }))
        })
        .await
    }

    async fn enrol_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> Result<i64> {
        self.call(move |conn| {
            let tx = conn.transaction()?;
            let owner: Option<(String, i64)> = tx
                .query_row(
                    "SELECT user_id, revoked FROM devices WHERE county_id = ?1 AND device_id = ?2",
                    params![user.county, device_id.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match owner {
                Some((owner, _)) if owner != user.user_id.to_string() => {
                    return Err(Error::Conflict(DEVICE_OF_ANOTHER_USER.into()))
                }
                Some((_, revoked)) if revoked != 0 => {
                    return Err(Error::Conflict(
                        "这台设备已被管理员停用，不能再登录 (this device was revoked by the administrator)".into(),
                    ))
                }
                Some(_) => {
                    tx.execute(
                        "UPDATE devices SET user_id = ?3, name = ?4, token_hash = ?5
                         WHERE county_id = ?1 AND device_id = ?2",
                        params![user.county, device_id.to_string(), user.user_id.to_string(), name, token_hash],
                    )?;
                }
                None => {
                    tx.execute(
                        "INSERT INTO devices (county_id, device_id, user_id, name, token_hash, enrolled_ms, revoked)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
                        params![user.county, device_id.to_string(), user.user_id.to_string(), name, token_hash, now_ms],
                    )?;
                }
            }
            let last: i64 = tx.query_row(
                "SELECT coalesce(max(device_seq), 0) FROM changes WHERE county_id = ?1 AND device_id = ?2",
                params![user.county, device_id.to_string()],
                |r| r.get(0),
            )?;
            tx.commit()?;
            Ok(last)
        })
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
        self.call(move |conn| {
            let n = conn.execute(
                "INSERT INTO devices (county_id, device_id, user_id, name, token_hash, enrolled_ms, revoked)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0) ON CONFLICT (county_id, device_id) DO NOTHING",
                params![user.county, device_id.to_string(), user.user_id.to_string(), name, token_hash, now_ms],
            )?;
            if n == 0 {
                return Err(Error::Conflict(DEVICE_ID_TAKEN.into()));
            }
            Ok(())
        })
        .await
    }

    async fn push(&self, auth: DeviceAuth, req: PushRequest) -> Result<Vec<ChangeResult>> {
        let (answer, mine) = tokio::sync::oneshot::channel();
        self.waiting
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Waiting { auth, req, answer });
        let (conn, waiting) = (self.conn.clone(), self.waiting.clone());
        // on a blocking thread of its own, so a laptop that hangs up cannot cancel a group
        // holding other laptops' pushes
        tokio::task::spawn_blocking(move || {
            let mut conn = conn.lock().unwrap_or_else(|p| p.into_inner());
            let group = std::mem::take(&mut *waiting.lock().unwrap_or_else(|p| p.into_inner()));
            if group.is_empty() {
                return; // an earlier task merged this one's push with its own
            }
            let all: Vec<&Waiting> = group.iter().collect();
            match push_group(&mut conn, &all) {
                Ok(answers) => {
                    for (w, a) in group.into_iter().zip(answers) {
                        let _ = w.answer.send(Ok(a));
                    }
                }
                // one bad push must not hold up the others: each is tried alone
                Err(_) if group.len() > 1 => {
                    for w in group {
                        let alone = push_group(&mut conn, &[&w]).map(|mut a| a.remove(0));
                        let _ = w.answer.send(alone);
                    }
                }
                Err(e) => {
                    for w in group {
                        let _ = w.answer.send(Err(Error::Join(e.to_string())));
                    }
                }
            }
        });
        mine.await
            .unwrap_or_else(|_| Err(Error::Join("the push was interrupted".into())))
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
            let page = pull_tx(&tx, &auth, after, limit, own_seq)?;
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
        self.call(move |conn| {
            let tx = conn.transaction()?;
            // names are unique on the whole server (one writer: no race)
            let taken: Option<String> = tx
                .query_row("SELECT county_id FROM users WHERE name = ?1", [&name], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(other) = taken {
                return Err(Error::Conflict(if other == county {
                    format!("用户“{name}”已存在 (user exists)")
                } else {
                    format!("用户“{name}”已存在于县（区）{other} (the name is taken in county {other}; user names are unique on the server)")
                }));
            }
            let id = Id::new();
            tx.execute(
                "INSERT INTO users (county_id, user_id, name, role, password_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![county, id.to_string(), name, role.code(), password_hash],
            )?;
            for g in grants {
                tx.execute(
                    "INSERT INTO grants (county_id, user_id, place_id) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO NOTHING",
                    params![county, id.to_string(), g.to_string()],
                )?;
            }
            tx.commit()?;
            Ok(id)
        })
        .await
    }

    async fn set_password(&self, name: String, hash: String) -> Result<()> {
        self.call(move |conn| {
            let (county, user) = user_id_by_name(conn, &name)?;
            conn.execute(
                "UPDATE users SET password_hash = ?3 WHERE county_id = ?1 AND user_id = ?2",
                params![county, user, hash],
            )?;
            Ok(())
        })
        .await
    }

    async fn set_county_wide(&self, name: String, on: bool) -> Result<()> {
        self.call(move |conn| {
            let (county, user) = user_id_by_name(conn, &name)?;
            conn.execute(
                "UPDATE users SET county_wide = ?3 WHERE county_id = ?1 AND user_id = ?2",
                params![county, user, i64::from(on)],
            )?;
            Ok(())
        })
        .await
    }

    async fn grant(&self, name: String, places: Vec<Id>) -> Result<()> {
        self.call(move |conn| {
            let tx = conn.transaction()?;
            let (county, user) = user_id_by_name(&tx, &name)?;
            for g in places {
                tx.execute(
                    "INSERT INTO grants (county_id, user_id, place_id) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO NOTHING",
                    params![county, user, g.to_string()],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn revoke_grants(&self, name: String, places: Vec<Id>) -> Result<()> {
        self.call(move |conn| {
            let tx = conn.transaction()?;
            let (county, user) = user_id_by_name(&tx, &name)?;
            for g in places {
                tx.execute(
                    "DELETE FROM grants WHERE county_id = ?1 AND user_id = ?2 AND place_id = ?3",
                    params![county, user, g.to_string()],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn list_devices_in(&self, county: String) -> Result<Vec<DeviceInfo>> {
        self.call(move |conn| {
            let mut stmt = conn.prepare(
                "SELECT d.device_id, u.name, d.name, d.enrolled_ms, d.last_seen_ms, d.revoked
                 FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
                 WHERE d.county_id = ?1 ORDER BY u.name, d.enrolled_ms",
            )?;
            let rows = stmt.query_map([&county], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })?;
            let mut out = Vec::new();
            for r in rows {
                let (id, user, name, enrolled_ms, last_seen_ms, revoked) = r?;
                out.push(DeviceInfo {
                    device_id: id.parse()?,
                    user,
                    name,
                    enrolled_ms,
                    last_seen_ms,
                    revoked: revoked != 0,
                });
            }
            Ok(out)
        })
        .await
    }

    async fn revoke_device_in(&self, county: String, device_id: Id) -> Result<()> {
        self.call(move |conn| {
            let n = conn.execute(
                "UPDATE devices SET revoked = 1 WHERE county_id = ?1 AND device_id = ?2",
                params![county, device_id.to_string()],
            )?;
            if n == 0 {
                return Err(Error::NotFound(format!(
                    "设备 {device_id} (no such device)"
                )));
            }
            Ok(())
        })
        .await
    }

    async fn export_in(&self, county: String, grants: Option<Vec<Id>>) -> Result<ServerExport> {
        self.call(move |conn| {
            let tree = load_tree(conn, &county)?;
            let sight = grants.map(|g| Sight::new(&tree, false, &g));
            let mut stmt = conn.prepare(
                "SELECT f.tbl, f.row_id, f.field, f.value, s.scope_place FROM field_state f
                 JOIN row_scope s ON s.county_id = f.county_id AND s.tbl = f.tbl AND s.row_id = f.row_id
                 WHERE f.county_id = ?1",
            )?;
            let rows = stmt.query_map([&county], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?;
            let mut out = ServerExport::new();
            for r in rows {
                let (table, row, field, value, scope) = r?;
                let row: Id = row.parse()?;
                if let Some(sight) = &sight {
                    let scope: Option<Id> = scope.map(|s| s.parse()).transpose()?;
                    let visible = sight.in_export(&table, row, scope);
                    if !visible {
                        continue;
                    }
                }
                out.entry(table)
                    .or_default()
                    .entry(row)
                    .or_default()
                    .insert(field, serde_json::from_str(&value)?);
            }
            Ok(out)
        })
        .await
    }

    async fn needs_review_in(&self, county: String) -> Result<Vec<(String, Id)>> {
        self.call(move |conn| {
            let mut stmt = conn.prepare(
                "SELECT tbl, row_id FROM changes WHERE county_id = ?1 AND needs_review = 1 ORDER BY server_seq",
            )?;
            let rows = stmt.query_map([&county], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            let mut out = Vec::new();
            for r in rows {
                let (t, id) = r?;
                out.push((t, id.parse()?));
            }
            Ok(out)
        })
        .await
    }

    async fn blobs_missing(&self, auth: DeviceAuth, hashes: Vec<String>) -> Result<Vec<String>> {
        self.call(move |conn| {
            let mut stmt =
                conn.prepare_cached("SELECT 1 FROM blobs WHERE county_id = ?1 AND hash = ?2")?;
            let mut missing = Vec::new();
            for h in hashes {
                if !stmt.exists(params![auth.county, h])? {
                    missing.push(h);
                }
            }
            Ok(missing)
        })
        .await
    }

    async fn put_blob(&self, auth: DeviceAuth, hash: String, bytes: Vec<u8>) -> Result<BlobPut> {
        self.call(move |conn| {
            let tx = conn.transaction()?;
            if !blob_in_sight(&tx, &auth, &hash)? {
                return Ok(BlobPut::OutOfScope);
            }
            let n = tx.execute(
                "INSERT INTO blobs (county_id, hash, size, bytes, stored_ms) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (county_id, hash) DO NOTHING",
                params![auth.county, hash, bytes.len() as i64, bytes, crate::now_ms() as i64],
            )?;
            tx.commit()?;
            Ok(BlobPut::Stored(n > 0))
        })
        .await
    }

    async fn get_blob(&self, auth: DeviceAuth, hash: String) -> Result<BlobGet> {
        self.call(move |conn| {
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
        })
        .await
    }
}
