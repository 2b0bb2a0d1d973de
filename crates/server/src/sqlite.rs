//! The embedded SQLite backend of [`ServerDb`]: one connection behind a mutex, every call on
//! tokio's blocking pool, every unit of work in one transaction. The SQL is kept portable
//! (no STRICT tables, no `INSERT OR …`), and every table leads with `county_id`.

use std::path::Path;
use std::sync::{Arc, Mutex};

use linli_domain::merge::{wins, Version, Versioned};
use linli_domain::{Hlc, Id};
use linli_protocol::sync::{Change, ChangeOutcome, ChangeResult, PulledChange, PushRequest, Role};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::db::{
    check_county, BlobGet, BlobPut, DeviceAuth, DeviceInfo, PullPage, ServerDb, ServerExport,
    UserRecord,
};
use crate::scope::{self, Existing, Refusal, Sight, Tree};
use crate::{Error, Result};

/// `PRAGMA application_id` of a Linli server database ('LNLS').
const APPLICATION_ID: i64 = 0x4C4E_4C53;

const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_server.sql"),
    include_str!("../migrations/0002_blobs.sql"),
    include_str!("../migrations/0003_h17_accounts.sql"),
];

/// The server's SQLite database.
#[derive(Clone)]
pub struct SqliteDb {
    conn: Arc<Mutex<Connection>>,
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
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        let tx = conn.transaction()?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
        Ok(SqliteDb {
            conn: Arc::new(Mutex::new(conn)),
        })
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

/// Checks one change; answers the scope place to file it under.
fn check(
    tx: &Transaction<'_>,
    county: &str,
    auth: &DeviceAuth,
    tree: &Tree,
    sight: &Sight,
    c: &Change,
    is_fact: bool,
) -> Result<Result<Id, Refusal>> {
    let existing: Option<(Option<String>, i64)> = tx
        .prepare_cached(
            "SELECT scope_place, fact FROM row_scope WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3",
        )?
        .query_row(params![county, c.table, c.row_id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let existing = existing
        .map(|(scope, fact)| -> Result<Existing> {
            Ok(Existing {
                scope: scope.map(|s| s.parse()).transpose()?,
                fact: fact != 0,
            })
        })
        .transpose()?;
    Ok(scope::check(
        auth,
        tree,
        sight,
        c,
        is_fact,
        existing.as_ref(),
    ))
}

fn push_tx(
    tx: &Transaction<'_>,
    auth: &DeviceAuth,
    req: &PushRequest,
) -> Result<Vec<ChangeResult>> {
    let changes = &req.changes;
    let county = auth.county.as_str();
    let mut tree = load_tree(tx, county)?;
    let mut sight = Sight::new(&tree, auth.role, &auth.grants);
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        let is_fact = req.fact_tables.contains(&c.table);
        // only this device's own log answers a retry; a foreign device id is refused below
        let mine = c.device_id == auth.device_id;
        let done: Option<(i64, i64)> = mine
            .then(|| {
                tx.prepare_cached(
                    "SELECT server_seq, needs_review FROM changes
                 WHERE county_id = ?1 AND device_id = ?2 AND device_seq = ?3",
                )?
                .query_row(
                    params![county, c.device_id.to_string(), c.device_seq],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
            })
            .transpose()?
            .flatten();
        if let Some((server_seq, review)) = done {
            out.push(ChangeResult {
                device_seq: c.device_seq,
                outcome: ChangeOutcome::Accepted {
                    server_seq,
                    needs_review: review != 0,
                },
            });
            continue;
        }
        let scope = match check(tx, county, auth, &tree, &sight, c, is_fact)? {
            Ok(scope) => scope,
            Err((reason, message)) => {
                out.push(ChangeResult {
                    device_seq: c.device_seq,
                    outcome: ChangeOutcome::Refused { reason, message },
                });
                continue;
            }
        };
        let needs_review = match apply(tx, county, c, scope, is_fact)? {
            Ok(review) => review,
            Err((reason, message)) => {
                out.push(ChangeResult {
                    device_seq: c.device_seq,
                    outcome: ChangeOutcome::Refused { reason, message },
                });
                continue;
            }
        };
        let server_seq: i64 = tx.query_row(
            "SELECT coalesce(max(server_seq), 0) + 1 FROM changes WHERE county_id = ?1",
            [county],
            |r| r.get(0),
        )?;
        let mut stored = c.clone();
        stored.author = Some(auth.user_id);
        tx.prepare_cached(
            "INSERT INTO changes (county_id, server_seq, device_id, device_seq, tbl, row_id,
                                  scope_place, needs_review, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            county,
            server_seq,
            c.device_id.to_string(),
            c.device_seq,
            c.table,
            c.row_id.to_string(),
            scope.to_string(),
            i64::from(needs_review),
            serde_json::to_string(&stored)?,
        ])?;
        if c.table == "places" {
            // the tree learns this place's parent as merged; reading the whole tree again after
            // every place made a first push of a town quadratic in its places
            let parent: Option<Option<String>> = tx
                .prepare_cached(
                    "SELECT parent_id FROM place_tree WHERE county_id = ?1 AND place_id = ?2",
                )?
                .query_row(params![county, c.row_id.to_string()], |r| r.get(0))
                .optional()?;
            match parent {
                Some(parent) => {
                    let parent = parent.map(|p| p.parse()).transpose()?;
                    tree.parent.insert(c.row_id, parent);
                }
                None => {
                    tree.parent.remove(&c.row_id);
                }
            }
            sight = Sight::new(&tree, auth.role, &auth.grants);
        }
        out.push(ChangeResult {
            device_seq: c.device_seq,
            outcome: ChangeOutcome::Accepted {
                server_seq,
                needs_review,
            },
        });
    }
    Ok(out)
}

/// Merges one checked change into the row state; answers whether a floor was overdrawn.
fn apply(
    tx: &Transaction<'_>,
    county: &str,
    c: &Change,
    scope: Id,
    is_fact: bool,
) -> Result<Result<bool, Refusal>> {
    let row = c.row_id.to_string();
    let version = Version {
        hlc: c.hlc,
        device: c.device_id,
    };
    let mut review = false;
    if is_fact {
        if let Some(parts) = scope::floor_parts(c) {
            let (account, delta) = match parts {
                Ok(p) => p,
                Err(r) => return Ok(Err(r)),
            };
            let balance: i64 = tx
                .prepare_cached(
                    "SELECT balance FROM balances WHERE county_id = ?1 AND tbl = ?2 AND account = ?3",
                )?
                .query_row(params![county, c.table, account], |r| r.get(0))
                .optional()?
                .unwrap_or(0);
            let after = balance.saturating_add(delta);
            review = delta < 0 && after < 0;
            tx.prepare_cached(
                "INSERT INTO balances (county_id, tbl, account, balance) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (county_id, tbl, account) DO UPDATE SET balance = excluded.balance",
            )?
            .execute(params![county, c.table, account, after])?;
        }
    }
    tx.prepare_cached(
        "INSERT INTO row_scope (county_id, tbl, row_id, scope_place, fact) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (county_id, tbl, row_id) DO UPDATE SET scope_place = excluded.scope_place",
    )?
    .execute(params![county, c.table, row, scope.to_string(), i64::from(is_fact)])?;
    for (field, value) in &c.fields {
        let incoming = Versioned {
            version,
            value: serde_json::to_string(value)?,
        };
        let current: Option<(String, String, String)> = tx
            .prepare_cached(
                "SELECT hlc, device_id, value FROM field_state
                 WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3 AND field = ?4",
            )?
            .query_row(params![county, c.table, row, field], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let current = current
            .map(|(hlc, device, value)| -> Result<Versioned> {
                Ok(Versioned {
                    version: Version {
                        hlc: hlc.parse::<Hlc>()?,
                        device: device.parse()?,
                    },
                    value,
                })
            })
            .transpose()?;
        if wins(&incoming, current.as_ref()) {
            tx.prepare_cached(
                "INSERT INTO field_state (county_id, tbl, row_id, field, hlc, device_id, value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (county_id, tbl, row_id, field) DO UPDATE
                 SET hlc = excluded.hlc, device_id = excluded.device_id, value = excluded.value",
            )?
            .execute(params![
                county,
                c.table,
                row,
                field,
                c.hlc.to_string(),
                c.device_id.to_string(),
                incoming.value
            ])?;
        }
    }
    if c.table == "places" {
        let parent: Option<String> = tx
            .query_row(
                "SELECT value FROM field_state WHERE county_id = ?1 AND tbl = 'places'
                 AND row_id = ?2 AND field = 'parent_id'",
                params![county, row],
                |r| r.get(0),
            )
            .optional()?;
        let parent = scope::parent_of_value(parent.as_deref());
        tx.prepare_cached(
            "INSERT INTO place_tree (county_id, place_id, parent_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (county_id, place_id) DO UPDATE SET parent_id = excluded.parent_id",
        )?
        .execute(params![county, row, parent])?;
    }
    Ok(Ok(review))
}

fn pull_tx(conn: &Connection, auth: &DeviceAuth, after: i64, limit: u32) -> Result<PullPage> {
    let county = auth.county.as_str();
    // an administrator without grants sees everything: no tree to load for every page
    let sight = if Sight::sees_all(auth.role, &auth.grants) {
        None
    } else {
        Some(Sight::new(
            &load_tree(conn, county)?,
            auth.role,
            &auth.grants,
        ))
    };
    let limit = limit.clamp(1, linli_protocol::sync::MAX_PULL_PAGE) as usize;
    let me = auth.device_id.to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT server_seq, device_id, tbl, row_id, scope_place, needs_review, body FROM changes
         WHERE county_id = ?1 AND server_seq > ?2 ORDER BY server_seq LIMIT ?3",
    )?;
    let scan_cap = 50_000usize;
    let mut rows = stmt.query(params![county, after, scan_cap as i64])?;
    let (mut changes, mut next, mut scanned) = (Vec::new(), after, 0usize);
    let mut more = false;
    while let Some(r) = rows.next()? {
        if changes.len() >= limit {
            more = true;
            break;
        }
        scanned += 1;
        let seq: i64 = r.get(0)?;
        next = seq;
        let device: String = r.get(1)?;
        if device == me {
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
        let change: Change = serde_json::from_str(&r.get::<_, String>(6)?)?;
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
    let sight = Sight::new(&tree, auth.role, &auth.grants);
    Ok(named
        .iter()
        .any(|(row, place)| sight.sees_row("attachments", *row, *place)))
}

impl ServerDb for SqliteDb {
    async fn authenticate(&self, county: String, token_hash: String) -> Result<Option<DeviceAuth>> {
        self.call(move |conn| {
            let found: Option<(String, String, i64, String, String)> = conn
                .query_row(
                    "SELECT d.device_id, d.user_id, d.revoked, u.name, u.role
                     FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
                     WHERE d.county_id = ?1 AND d.token_hash = ?2",
                    [&county, &token_hash],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?;
            let Some((device, user, revoked, name, role)) = found else {
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
                revoked: revoked != 0,
            }))
        })
        .await
    }

    async fn user_by_name(&self, name: String) -> Result<Option<UserRecord>> {
        self.call(move |conn| {
            let found: Option<(String, String, String, String)> = conn
                .query_row(
                    "SELECT county_id, user_id, role, password_hash FROM users WHERE name = ?1",
                    [&name],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((county, user, role, hash)) = found else {
                return Ok(None);
            };
            Ok(Some(UserRecord {
                grants: grants_of(conn, &county, &user)?,
                county,
                user_id: user.parse()?,
                name,
                role: role_of(&role),
                password_hash: hash,
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
    ) -> Result<()> {
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
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn push(&self, auth: DeviceAuth, req: PushRequest) -> Result<Vec<ChangeResult>> {
        self.call(move |conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let out = push_tx(&tx, &auth, &req)?;
            tx.execute(
                "UPDATE devices SET last_seen_ms = ?3 WHERE county_id = ?1 AND device_id = ?2",
                params![
                    auth.county,
                    auth.device_id.to_string(),
                    crate::now_ms() as i64
                ],
            )?;
            tx.commit()?;
            Ok(out)
        })
        .await
    }

    async fn pull(&self, auth: DeviceAuth, after: i64, limit: u32) -> Result<PullPage> {
        self.call(move |conn| {
            let tx = conn.transaction()?;
            let page = pull_tx(&tx, &auth, after, limit)?;
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
            let sight = grants.map(|g| Sight::new(&tree, Role::GridWorker, &g));
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
