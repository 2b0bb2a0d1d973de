//! The PostgreSQL backend of [`ServerDb`]: tokio-postgres behind a deadpool pool, every unit of
//! work in one transaction, the same rules as the SQLite backend (`crate::scope`). Its own numbered
//! migrations live in `migrations/postgres/`, tracked in `linli_schema`. Every table leads with
//! `county_id`, ready for Citus to distribute by it.
//!
//! A push takes its county's row in `counties` `FOR UPDATE` and stamps server sequences from it, so
//! a county's log is written by one push at a time and a sequence never becomes visible after a
//! greater one. Pulls take no lock. When PostgreSQL goes away, requests fail fast with
//! [`Error::Unavailable`] (503 with `Retry-After`); the pool drops dead connections and opens new
//! ones once it is back.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{
    GenericClient, Manager, ManagerConfig, Pool, RecyclingMethod, Runtime, Timeouts,
};
use linli_domain::merge::{wins, Version, Versioned};
use linli_domain::{Hlc, Id};
use linli_protocol::sync::{Change, ChangeOutcome, ChangeResult, PulledChange, PushRequest, Role};
use tokio_postgres::NoTls;
use uuid::Uuid;

use crate::db::{
    BlobGet, BlobPut, DeviceAuth, DeviceInfo, PullPage, ServerDb, ServerExport, UserRecord,
    DEFAULT_COUNTY,
};
use crate::scope::{self, Existing, Sight, Tree};
use crate::{Error, Result};

const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/postgres/0001_server.sql"),
    include_str!("../migrations/postgres/0002_blobs.sql"),
];

/// The advisory lock that keeps two servers from migrating one database at once ('LNLS').
const MIGRATION_LOCK: i64 = 0x4C4E_4C53;

/// Connections kept open at most. Pushes of one county run one at a time anyway.
pub const POOL_SIZE: usize = 16;

/// The server's PostgreSQL database.
#[derive(Clone)]
pub struct PgDb {
    pool: Pool,
    shown: String,
    pushes: Arc<Combiner>,
}

/// Pushes waiting to be merged, and the right to merge them. A county's pushes are serialized by
/// its row lock, which is held until the commit has reached the disk; so rather than queue on
/// that lock one by one, the pushes that arrive while one is being written are merged together
/// in the next transaction, one after the other, and share its commit. Each push's answer is
/// exactly what it would have been alone.
#[derive(Default)]
struct Combiner {
    waiting: std::sync::Mutex<Vec<Waiting>>,
    leader: tokio::sync::Mutex<()>,
}

struct Waiting {
    auth: DeviceAuth,
    req: PushRequest,
    answer: tokio::sync::oneshot::Sender<Result<Vec<ChangeResult>>>,
}

/// An error of a shared transaction, for each push that was in it.
fn for_each(e: &Error) -> Error {
    match e {
        Error::Unavailable(m) => Error::Unavailable(m.clone()),
        other => Error::Join(other.to_string()),
    }
}

impl std::fmt::Debug for PgDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgDb")
            .field("db", &self.shown)
            .finish_non_exhaustive()
    }
}

fn id(u: Uuid) -> Id {
    Id::from_uuid(u)
}

fn uid(i: &Id) -> Uuid {
    *i.as_uuid()
}

impl PgDb {
    /// Connects to `url` (`postgres://user:password@host:port/dbname`), runs the migrations the
    /// database lacks, and refuses another program's database or a newer schema without touching
    /// it.
    pub async fn connect(url: &str) -> Result<PgDb> {
        let config: tokio_postgres::Config = url.parse().map_err(|e| {
            Error::Invalid(format!(
                "PostgreSQL 地址无效 (not a PostgreSQL connection URL): {e}"
            ))
        })?;
        Self::connect_with(config).await
    }

    /// Like [`PgDb::connect`], from a parsed configuration.
    pub async fn connect_with(config: tokio_postgres::Config) -> Result<PgDb> {
        let shown = format!(
            "postgres database {} on {:?}",
            config.get_dbname().unwrap_or("?"),
            config.get_hosts().first()
        );
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(Runtime::Tokio1)
            .timeouts(Timeouts {
                wait: Some(Duration::from_secs(10)),
                create: Some(Duration::from_secs(3)),
                recycle: Some(Duration::from_secs(3)),
            })
            .build()
            .map_err(|e| Error::Invalid(e.to_string()))?;
        let db = PgDb {
            pool,
            shown,
            pushes: Arc::default(),
        };
        db.migrate().await?;
        Ok(db)
    }

    /// The schema version the database is at.
    pub async fn schema_version(&self) -> Result<i64> {
        let client = self.pool.get().await?;
        let row = client
            .query_one("SELECT coalesce(max(version), 0) FROM linli_schema", &[])
            .await?;
        Ok(row.get::<_, i32>(0).into())
    }

    /// The number of migrations this build knows.
    pub fn known_version() -> i64 {
        MIGRATIONS.len() as i64
    }

    async fn migrate(&self) -> Result<()> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        let ours: bool = tx
            .query_one("SELECT to_regclass('linli_schema') IS NOT NULL", &[])
            .await?
            .get(0);
        let version: i64 = if ours {
            tx.query_one("SELECT coalesce(max(version), 0) FROM linli_schema", &[])
                .await?
                .get::<_, i32>(0)
                .into()
        } else {
            let others: i64 = tx
                .query_one(
                    "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
                    &[],
                )
                .await?
                .get(0);
            if others > 0 {
                return Err(Error::NotOurs {
                    path: self.shown.clone(),
                });
            }
            tx.batch_execute(
                "CREATE TABLE linli_schema (version INTEGER NOT NULL PRIMARY KEY, applied_ms BIGINT NOT NULL)",
            )
            .await?;
            0
        };
        if version > Self::known_version() {
            return Err(Error::TooNew {
                path: self.shown.clone(),
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.batch_execute(sql).await?;
            tx.execute(
                "INSERT INTO linli_schema (version, applied_ms) VALUES ($1, $2)",
                &[&(i as i32 + 1), &(crate::now_ms() as i64)],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

fn role_of(code: &str) -> Role {
    Role::from_code(code).unwrap_or(Role::GridWorker)
}

async fn grants_of(c: &impl GenericClient, county: &str, user: Uuid) -> Result<Vec<Id>> {
    let stmt = c
        .prepare_cached(
            "SELECT place_id FROM grants WHERE county_id = $1 AND user_id = $2 ORDER BY place_id",
        )
        .await?;
    let rows = c.query(&stmt, &[&county, &user]).await?;
    Ok(rows.iter().map(|r| id(r.get(0))).collect())
}

async fn user_id_by_name(c: &impl GenericClient, name: &str) -> Result<Uuid> {
    c.query_opt(
        "SELECT user_id FROM users WHERE county_id = $1 AND name = $2",
        &[&DEFAULT_COUNTY, &name],
    )
    .await?
    .map(|r| r.get(0))
    .ok_or_else(|| Error::NotFound(format!("用户“{name}” (no such user)")))
}

async fn load_tree(c: &impl GenericClient, county: &str) -> Result<Tree> {
    let stmt = c
        .prepare_cached("SELECT place_id, parent_id FROM place_tree WHERE county_id = $1")
        .await?;
    let rows = c.query(&stmt, &[&county]).await?;
    Ok(Tree::new(rows.iter().map(|r| {
        (id(r.get(0)), r.get::<_, Option<Uuid>>(1).map(id))
    })))
}

/// What a push reads before it merges: everything the batch's rows, devices and accounts have in
/// the database, fetched in one pipelined round trip, then changed in memory and written back in
/// another. The county's row is locked first, so nothing read here changes underneath.
struct Loaded {
    done: HashMap<i64, (i64, bool)>,
    scopes: HashMap<(String, Uuid), Existing>,
    fields: HashMap<(String, Uuid, String), Versioned>,
    balances: HashMap<(String, String), i64>,
    tree: Tree,
}

/// A log entry to insert: server seq, device, device seq, table, row, scope place, review mark,
/// body.
type Logged = (i64, Uuid, i64, String, Uuid, Uuid, bool, String);

/// What a push writes back, each keyed so that one statement touches a row once.
#[derive(Default)]
struct Dirty {
    scopes: HashMap<(String, Uuid), (Uuid, bool)>,
    fields: HashMap<(String, Uuid, String), Versioned>,
    balances: HashMap<(String, String), i64>,
    places: HashMap<Uuid, Option<Uuid>>,
    log: Vec<Logged>,
}

/// A query's rows with the crate's error, so that `try_join!` can mix it with ours.
async fn q(
    f: impl std::future::Future<Output = Result<Vec<tokio_postgres::Row>, tokio_postgres::Error>>,
) -> Result<Vec<tokio_postgres::Row>> {
    Ok(f.await?)
}

async fn load(
    tx: &deadpool_postgres::Transaction<'_>,
    auth: &DeviceAuth,
    req: &PushRequest,
) -> Result<Loaded> {
    let county = auth.county.as_str();
    let seqs: Vec<i64> = req
        .changes
        .iter()
        .filter(|c| c.device_id == auth.device_id)
        .map(|c| c.device_seq)
        .collect();
    // (table, row) pairs, matching the primary keys' order so the lookups use them
    let tables: Vec<&str> = req.changes.iter().map(|c| c.table.as_str()).collect();
    let rows: Vec<Uuid> = req.changes.iter().map(|c| uid(&c.row_id)).collect();
    let (floor_tables, floor_accounts): (Vec<String>, Vec<String>) = req
        .changes
        .iter()
        .filter_map(|c| match scope::floor_parts(c) {
            Some(Ok((account, _))) => Some((c.table.clone(), account)),
            _ => None,
        })
        .unzip();
    let device = uid(&auth.device_id);
    let l0: &[&(dyn tokio_postgres::types::ToSql + Sync)] = &[&county, &device, &seqs];
    let l1: &[&(dyn tokio_postgres::types::ToSql + Sync)] = &[&county, &tables, &rows];
    let l3: &[&(dyn tokio_postgres::types::ToSql + Sync)] =
        &[&county, &floor_tables, &floor_accounts];
    let (done, scopes, fields, balances, tree) = tokio::try_join!(
        q(tx.query(
            "SELECT device_seq, server_seq, needs_review FROM changes
             WHERE county_id = $1 AND device_id = $2 AND device_seq = ANY($3)",
            l0,
        )),
        q(tx.query(
            "SELECT tbl, row_id, scope_place, fact FROM row_scope
             WHERE county_id = $1
               AND (tbl, row_id) IN (SELECT * FROM unnest($2::text[], $3::uuid[]))",
            l1,
        )),
        q(tx.query(
            "SELECT tbl, row_id, field, hlc, device_id, value FROM field_state
             WHERE county_id = $1
               AND (tbl, row_id) IN (SELECT * FROM unnest($2::text[], $3::uuid[]))",
            l1,
        )),
        q(tx.query(
            "SELECT tbl, account, balance FROM balances
             WHERE county_id = $1 AND (tbl, account) IN (SELECT * FROM unnest($2::text[], $3::text[]))",
            l3,
        )),
        load_tree(tx, county),
    )?;
    let mut loaded = Loaded {
        done: done
            .iter()
            .map(|r| (r.get(0), (r.get(1), r.get(2))))
            .collect(),
        scopes: scopes
            .iter()
            .map(|r| {
                (
                    (r.get(0), r.get(1)),
                    Existing {
                        scope: r.get::<_, Option<Uuid>>(2).map(id),
                        fact: r.get(3),
                    },
                )
            })
            .collect(),
        fields: HashMap::with_capacity(fields.len()),
        balances: balances
            .iter()
            .map(|r| ((r.get(0), r.get(1)), r.get(2)))
            .collect(),
        tree,
    };
    for r in &fields {
        loaded.fields.insert(
            (r.get(0), r.get(1), r.get(2)),
            Versioned {
                version: Version {
                    hlc: r.get::<_, &str>(3).parse::<Hlc>()?,
                    device: id(r.get(4)),
                },
                value: r.get(5),
            },
        );
    }
    Ok(loaded)
}

async fn push_tx(
    tx: &deadpool_postgres::Transaction<'_>,
    auth: &DeviceAuth,
    req: &PushRequest,
) -> Result<Vec<ChangeResult>> {
    let county = auth.county.as_str();
    // the county's row: one push at a time per county, and its last sequence
    let first_seq: i64 = tx
        .query_one(
            "INSERT INTO counties (county_id) VALUES ($1)
             ON CONFLICT (county_id) DO UPDATE SET last_seq = counties.last_seq
             RETURNING last_seq",
            &[&county],
        )
        .await?
        .get(0);
    let mut last_seq = first_seq;
    let Loaded {
        done,
        mut scopes,
        mut fields,
        mut balances,
        mut tree,
    } = load(tx, auth, req).await?;
    let mut sight = Sight::new(&tree, auth.role, &auth.grants);
    let mut dirty = Dirty::default();
    let mut out = Vec::with_capacity(req.changes.len());
    // a batch may hold the same (device, seq) twice: the second is answered like a retry
    let mut stamped: HashMap<i64, (i64, bool)> = HashMap::new();
    for c in &req.changes {
        let is_fact = req.fact_tables.contains(&c.table);
        let known = if c.device_id == auth.device_id {
            done.get(&c.device_seq)
                .or_else(|| stamped.get(&c.device_seq))
                .copied()
        } else {
            None
        };
        if let Some((server_seq, needs_review)) = known {
            out.push(ChangeResult {
                device_seq: c.device_seq,
                outcome: ChangeOutcome::Accepted {
                    server_seq,
                    needs_review,
                },
            });
            continue;
        }
        let row = uid(&c.row_id);
        let key = (c.table.clone(), row);
        let checked = scope::check(auth, &tree, &sight, c, is_fact, scopes.get(&key));
        let floor = if is_fact { scope::floor_parts(c) } else { None };
        let place = match (checked, floor) {
            (Err((reason, message)), _) | (Ok(_), Some(Err((reason, message)))) => {
                out.push(ChangeResult {
                    device_seq: c.device_seq,
                    outcome: ChangeOutcome::Refused { reason, message },
                });
                continue;
            }
            (Ok(place), floor) => {
                let mut review = false;
                if let Some(Ok((account, delta))) = floor {
                    let k = (c.table.clone(), account);
                    let after = balances.get(&k).copied().unwrap_or(0).saturating_add(delta);
                    review = delta < 0 && after < 0;
                    balances.insert(k.clone(), after);
                    dirty.balances.insert(k, after);
                }
                (place, review)
            }
        };
        let (place, needs_review) = place;
        // the row's scope: a new row is filed here; a stored one keeps its fact flag
        let fact = scopes.get(&key).map_or(is_fact, |e| e.fact);
        scopes.insert(
            key.clone(),
            Existing {
                scope: Some(place),
                fact,
            },
        );
        dirty.scopes.insert(key, (uid(&place), fact));
        let version = Version {
            hlc: c.hlc,
            device: c.device_id,
        };
        for (field, value) in &c.fields {
            let incoming = Versioned {
                version,
                value: serde_json::to_string(value)?,
            };
            let k = (c.table.clone(), row, field.clone());
            if wins(&incoming, fields.get(&k)) {
                fields.insert(k.clone(), incoming.clone());
                dirty.fields.insert(k, incoming);
            }
        }
        if c.table == "places" {
            let merged = fields.get(&(c.table.clone(), row, "parent_id".to_owned()));
            let parent = scope::parent_of_value(merged.map(|v| v.value.as_str()))
                .and_then(|p| p.parse::<Id>().ok());
            tree.parent.insert(c.row_id, parent);
            dirty.places.insert(row, parent.as_ref().map(uid));
            sight = Sight::new(&tree, auth.role, &auth.grants);
        }
        last_seq += 1;
        let mut stored = c.clone();
        stored.author = Some(auth.user_id);
        dirty.log.push((
            last_seq,
            uid(&c.device_id),
            c.device_seq,
            c.table.clone(),
            row,
            uid(&place),
            needs_review,
            serde_json::to_string(&stored)?,
        ));
        stamped.insert(c.device_seq, (last_seq, needs_review));
        out.push(ChangeResult {
            device_seq: c.device_seq,
            outcome: ChangeOutcome::Accepted {
                server_seq: last_seq,
                needs_review,
            },
        });
    }
    if last_seq != first_seq {
        write(tx, county, dirty, last_seq).await?;
    }
    Ok(out)
}

/// Writes a push's changes back in one pipelined round trip: one statement per table, rows passed
/// as arrays.
async fn write(
    tx: &deadpool_postgres::Transaction<'_>,
    county: &str,
    d: Dirty,
    last_seq: i64,
) -> Result<()> {
    macro_rules! cols {
        ($v:expr, $($i:tt),+) => {
            ($($v.iter().map(|x| x.$i.clone()).collect::<Vec<_>>(),)+)
        };
    }
    let (seq, device, dseq, tbl, row, place, review, body) = cols!(d.log, 0, 1, 2, 3, 4, 5, 6, 7);
    let scopes: Vec<_> = d.scopes.into_iter().collect();
    let (s_tbl, s_row, s_place, s_fact): (Vec<String>, Vec<Uuid>, Vec<Uuid>, Vec<bool>) = (
        scopes.iter().map(|((t, _), _)| t.clone()).collect(),
        scopes.iter().map(|((_, r), _)| *r).collect(),
        scopes.iter().map(|(_, (p, _))| *p).collect(),
        scopes.iter().map(|(_, (_, f))| *f).collect(),
    );
    let fields: Vec<_> = d.fields.into_iter().collect();
    let f_tbl: Vec<&str> = fields.iter().map(|((t, _, _), _)| t.as_str()).collect();
    let f_row: Vec<Uuid> = fields.iter().map(|((_, r, _), _)| *r).collect();
    let f_field: Vec<&str> = fields.iter().map(|((_, _, f), _)| f.as_str()).collect();
    let f_hlc: Vec<String> = fields
        .iter()
        .map(|(_, v)| v.version.hlc.to_string())
        .collect();
    let f_dev: Vec<Uuid> = fields.iter().map(|(_, v)| uid(&v.version.device)).collect();
    let f_val: Vec<&str> = fields.iter().map(|(_, v)| v.value.as_str()).collect();
    let (b_tbl, b_acc, b_bal): (Vec<&str>, Vec<&str>, Vec<i64>) = (
        d.balances.keys().map(|(t, _)| t.as_str()).collect(),
        d.balances.keys().map(|(_, a)| a.as_str()).collect(),
        d.balances.values().copied().collect(),
    );
    let (p_id, p_parent): (Vec<Uuid>, Vec<Option<Uuid>>) = d.places.into_iter().unzip();
    let p_log: &[&(dyn tokio_postgres::types::ToSql + Sync)] = &[
        &county, &seq, &device, &dseq, &tbl, &row, &place, &review, &body,
    ];
    let p_scopes: &[&(dyn tokio_postgres::types::ToSql + Sync)] =
        &[&county, &s_tbl, &s_row, &s_place, &s_fact];
    let p_fields: &[&(dyn tokio_postgres::types::ToSql + Sync)] =
        &[&county, &f_tbl, &f_row, &f_field, &f_hlc, &f_dev, &f_val];
    let p_balances: &[&(dyn tokio_postgres::types::ToSql + Sync)] =
        &[&county, &b_tbl, &b_acc, &b_bal];
    let p_places: &[&(dyn tokio_postgres::types::ToSql + Sync)] = &[&county, &p_id, &p_parent];
    let p_county: &[&(dyn tokio_postgres::types::ToSql + Sync)] = &[&county, &last_seq];
    tokio::try_join!(
        tx.execute(
            "INSERT INTO changes (county_id, server_seq, device_id, device_seq, tbl, row_id,
                                  scope_place, needs_review, body)
             SELECT $1, * FROM unnest($2::bigint[], $3::uuid[], $4::bigint[], $5::text[],
                                      $6::uuid[], $7::uuid[], $8::bool[], $9::text[])",
            p_log,
        ),
        tx.execute(
            "INSERT INTO row_scope (county_id, tbl, row_id, scope_place, fact)
             SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::bool[])
             ON CONFLICT (county_id, tbl, row_id) DO UPDATE SET scope_place = excluded.scope_place",
            p_scopes,
        ),
        tx.execute(
            "INSERT INTO field_state (county_id, tbl, row_id, field, hlc, device_id, value)
             SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[])
             ON CONFLICT (county_id, tbl, row_id, field) DO UPDATE
             SET hlc = excluded.hlc, device_id = excluded.device_id, value = excluded.value",
            p_fields,
        ),
        tx.execute(
            "INSERT INTO balances (county_id, tbl, account, balance)
             SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[])
             ON CONFLICT (county_id, tbl, account) DO UPDATE SET balance = excluded.balance",
            p_balances,
        ),
        tx.execute(
            "INSERT INTO place_tree (county_id, place_id, parent_id)
             SELECT $1, * FROM unnest($2::uuid[], $3::uuid[])
             ON CONFLICT (county_id, place_id) DO UPDATE SET parent_id = excluded.parent_id",
            p_places,
        ),
        tx.execute(
            "UPDATE counties SET last_seq = $2 WHERE county_id = $1",
            p_county,
        ),
    )?;
    Ok(())
}

async fn pull_page(
    c: &impl GenericClient,
    auth: &DeviceAuth,
    after: i64,
    limit: u32,
) -> Result<PullPage> {
    let county = auth.county.as_str();
    let tree = load_tree(c, county).await?;
    let sight = Sight::new(&tree, auth.role, &auth.grants);
    let limit = limit.clamp(1, linli_protocol::sync::MAX_PULL_PAGE) as usize;
    let me = uid(&auth.device_id);
    let scan_cap = 50_000usize;
    let chunk = (limit * 2).clamp(256, 5_000);
    let stmt = c
        .prepare_cached(
            "SELECT server_seq, device_id, tbl, row_id, scope_place, needs_review, body FROM changes
             WHERE county_id = $1 AND server_seq > $2 ORDER BY server_seq LIMIT $3",
        )
        .await?;
    let (mut changes, mut next, mut scanned) = (Vec::new(), after, 0usize);
    let mut more = false;
    'scan: loop {
        let want = chunk.min(scan_cap - scanned);
        if want == 0 {
            break;
        }
        let rows = c.query(&stmt, &[&county, &next, &(want as i64)]).await?;
        for r in &rows {
            if changes.len() >= limit {
                more = true;
                break 'scan;
            }
            scanned += 1;
            let seq: i64 = r.get(0);
            next = seq;
            if r.get::<_, Uuid>(1) == me {
                continue;
            }
            let table: String = r.get(2);
            let row = id(r.get(3));
            let place = r.get::<_, Option<Uuid>>(4).map(id);
            let Some(read_only) = sight.on_pull(&table, row, place) else {
                continue;
            };
            let change: Change = serde_json::from_str(r.get::<_, &str>(6))?;
            changes.push(PulledChange {
                server_seq: seq,
                needs_review: r.get(5),
                read_only,
                change,
            });
        }
        if rows.len() < want {
            break;
        }
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

impl PgDb {
    /// Merges pushes of one county in one transaction, each in turn.
    async fn merge_together(&self, group: &[Waiting]) -> Result<Vec<Vec<ChangeResult>>> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let mut answers = Vec::with_capacity(group.len());
        for w in group {
            answers.push(push_tx(&tx, &w.auth, &w.req).await?);
            tx.execute(
                "UPDATE devices SET last_seen_ms = $3 WHERE county_id = $1 AND device_id = $2",
                &[
                    &w.auth.county,
                    &uid(&w.auth.device_id),
                    &(crate::now_ms() as i64),
                ],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(answers)
    }

    /// Merges a group and answers each push. When a shared transaction fails for another reason
    /// than the database being away, each push is tried alone, so one bad push cannot hold up the
    /// others.
    async fn merge_group(&self, group: Vec<Waiting>) {
        match self.merge_together(&group).await {
            Ok(answers) => {
                for (w, a) in group.into_iter().zip(answers) {
                    let _ = w.answer.send(Ok(a));
                }
            }
            Err(e) if group.len() > 1 && !matches!(e, Error::Unavailable(_)) => {
                tracing::warn!(pushes = group.len(), error = %e, "a shared push transaction failed; trying each alone");
                for w in group {
                    let alone = self.merge_together(std::slice::from_ref(&w)).await;
                    let _ = w.answer.send(alone.map(|mut a| a.remove(0)));
                }
            }
            Err(e) => {
                for w in group {
                    let _ = w.answer.send(Err(for_each(&e)));
                }
            }
        }
    }
}

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
    let sight = Sight::new(&tree, auth.role, &auth.grants);
    Ok(rows.iter().any(|r| {
        sight.sees_row(
            "attachments",
            id(r.get(0)),
            r.get::<_, Option<Uuid>>(1).map(id),
        )
    }))
}

impl ServerDb for PgDb {
    async fn authenticate(&self, token_hash: String) -> Result<Option<DeviceAuth>> {
        let client = self.pool.get().await?;
        let stmt = client
            .prepare_cached(
                "SELECT d.county_id, d.device_id, d.user_id, d.revoked, u.name, u.role
                 FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
                 WHERE d.token_hash = $1",
            )
            .await?;
        let Some(r) = client.query_opt(&stmt, &[&token_hash]).await? else {
            return Ok(None);
        };
        let county: String = r.get(0);
        let user: Uuid = r.get(2);
        let grants = grants_of(&client, &county, user).await?;
        Ok(Some(DeviceAuth {
            device_id: id(r.get(1)),
            user_id: id(user),
            revoked: r.get(3),
            user: r.get(4),
            role: role_of(r.get(5)),
            grants,
            county,
        }))
    }

    async fn user_by_name(&self, name: String) -> Result<Option<UserRecord>> {
        let client = self.pool.get().await?;
        let Some(r) = client
            .query_opt(
                "SELECT user_id, role, password_hash FROM users WHERE county_id = $1 AND name = $2",
                &[&DEFAULT_COUNTY, &name],
            )
            .await?
        else {
            return Ok(None);
        };
        let user: Uuid = r.get(0);
        Ok(Some(UserRecord {
            county: DEFAULT_COUNTY.to_owned(),
            grants: grants_of(&client, DEFAULT_COUNTY, user).await?,
            user_id: id(user),
            name,
            role: role_of(r.get(1)),
            password_hash: r.get(2),
        }))
    }

    async fn enrol_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> Result<()> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let owner = tx
            .query_opt(
                "SELECT revoked FROM devices WHERE county_id = $1 AND device_id = $2 FOR UPDATE",
                &[&user.county, &uid(&device_id)],
            )
            .await?;
        match owner.map(|r| r.get::<_, bool>(0)) {
            Some(true) => return Err(Error::Conflict(
                "这台设备已被管理员停用，不能再登录 (this device was revoked by the administrator)"
                    .into(),
            )),
            Some(false) => {
                tx.execute(
                    "UPDATE devices SET user_id = $3, name = $4, token_hash = $5
                     WHERE county_id = $1 AND device_id = $2",
                    &[
                        &user.county,
                        &uid(&device_id),
                        &uid(&user.user_id),
                        &name,
                        &token_hash,
                    ],
                )
                .await?;
            }
            None => {
                tx.execute(
                    "INSERT INTO devices (county_id, device_id, user_id, name, token_hash, enrolled_ms, revoked)
                     VALUES ($1, $2, $3, $4, $5, $6, false)",
                    &[&user.county, &uid(&device_id), &uid(&user.user_id), &name, &token_hash, &now_ms],
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn push(&self, auth: DeviceAuth, req: PushRequest) -> Result<Vec<ChangeResult>> {
        let (answer, mine) = tokio::sync::oneshot::channel();
        self.pushes
            .waiting
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Waiting { auth, req, answer });
        {
            let _leader = self.pushes.leader.lock().await;
            let group: Vec<Waiting> = {
                let mut waiting = self
                    .pushes
                    .waiting
                    .lock()
                    .unwrap_or_else(|p| p.into_inner());
                // one county per transaction: the others wait for the next leader
                let county = waiting.first().map(|w| w.auth.county.clone());
                let (same, rest) = std::mem::take(&mut *waiting)
                    .into_iter()
                    .partition(|w| Some(&w.auth.county) == county.as_ref());
                *waiting = rest;
                same
            };
            if !group.is_empty() {
                self.merge_group(group).await;
            }
        }
        // answered by this leader or an earlier one; a leader cancelled mid-way (its client went
        // away) rolled back, and the laptop simply pushes again
        mine.await.unwrap_or_else(|_| {
            Err(Error::Unavailable(
                "the push was interrupted before it was committed".into(),
            ))
        })
    }

    async fn pull(&self, auth: DeviceAuth, after: i64, limit: u32) -> Result<PullPage> {
        let client = self.pool.get().await?;
        pull_page(&client, &auth, after, limit).await
    }

    async fn add_user(
        &self,
        name: String,
        role: Role,
        password_hash: String,
        grants: Vec<Id>,
    ) -> Result<Id> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let taken = tx
            .query_opt(
                "SELECT 1 FROM users WHERE county_id = $1 AND name = $2",
                &[&DEFAULT_COUNTY, &name],
            )
            .await?;
        if taken.is_some() {
            return Err(Error::Conflict(format!("用户“{name}”已存在 (user exists)")));
        }
        let user = Id::new();
        tx.execute(
            "INSERT INTO users (county_id, user_id, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)",
            &[&DEFAULT_COUNTY, &uid(&user), &name, &role.code(), &password_hash],
        )
        .await?;
        for g in grants {
            tx.execute(
                "INSERT INTO grants (county_id, user_id, place_id) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
                &[&DEFAULT_COUNTY, &uid(&user), &uid(&g)],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(user)
    }

    async fn set_password(&self, name: String, hash: String) -> Result<()> {
        let client = self.pool.get().await?;
        let user = user_id_by_name(&client, &name).await?;
        client
            .execute(
                "UPDATE users SET password_hash = $3 WHERE county_id = $1 AND user_id = $2",
                &[&DEFAULT_COUNTY, &user, &hash],
            )
            .await?;
        Ok(())
    }

    async fn grant(&self, name: String, places: Vec<Id>) -> Result<()> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let user = user_id_by_name(&tx, &name).await?;
        for g in places {
            tx.execute(
                "INSERT INTO grants (county_id, user_id, place_id) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
                &[&DEFAULT_COUNTY, &user, &uid(&g)],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn revoke_grants(&self, name: String, places: Vec<Id>) -> Result<()> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let user = user_id_by_name(&tx, &name).await?;
        for g in places {
            tx.execute(
                "DELETE FROM grants WHERE county_id = $1 AND user_id = $2 AND place_id = $3",
                &[&DEFAULT_COUNTY, &user, &uid(&g)],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn list_devices(&self) -> Result<Vec<DeviceInfo>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT d.device_id, u.name, d.name, d.enrolled_ms, d.last_seen_ms, d.revoked
                 FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
                 WHERE d.county_id = $1 ORDER BY u.name, d.enrolled_ms",
                &[&DEFAULT_COUNTY],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| DeviceInfo {
                device_id: id(r.get(0)),
                user: r.get(1),
                name: r.get(2),
                enrolled_ms: r.get(3),
                last_seen_ms: r.get(4),
                revoked: r.get(5),
            })
            .collect())
    }

    async fn revoke_device(&self, device_id: Id) -> Result<()> {
        let client = self.pool.get().await?;
        let n = client
            .execute(
                "UPDATE devices SET revoked = true WHERE county_id = $1 AND device_id = $2",
                &[&DEFAULT_COUNTY, &uid(&device_id)],
            )
            .await?;
        if n == 0 {
            return Err(Error::NotFound(format!(
                "设备 {device_id} (no such device)"
            )));
        }
        Ok(())
    }

    async fn export(&self, grants: Option<Vec<Id>>) -> Result<ServerExport> {
        let mut client = self.pool.get().await?;
        // one snapshot for the tree and the rows
        let tx = client
            .build_transaction()
            .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let tree = load_tree(&tx, DEFAULT_COUNTY).await?;
        let sight = grants.map(|g| Sight::new(&tree, Role::GridWorker, &g));
        let rows = tx
            .query(
                "SELECT f.tbl, f.row_id, f.field, f.value, s.scope_place FROM field_state f
                 JOIN row_scope s ON s.county_id = f.county_id AND s.tbl = f.tbl AND s.row_id = f.row_id
                 WHERE f.county_id = $1",
                &[&DEFAULT_COUNTY],
            )
            .await?;
        let mut out = ServerExport::new();
        for r in &rows {
            let table: String = r.get(0);
            let row = id(r.get(1));
            if let Some(sight) = &sight {
                let place = r.get::<_, Option<Uuid>>(4).map(id);
                if !sight.in_export(&table, row, place) {
                    continue;
                }
            }
            out.entry(table)
                .or_default()
                .entry(row)
                .or_default()
                .insert(r.get(2), serde_json::from_str(r.get::<_, &str>(3))?);
        }
        tx.commit().await?;
        Ok(out)
    }

    async fn needs_review(&self) -> Result<Vec<(String, Id)>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT tbl, row_id FROM changes WHERE county_id = $1 AND needs_review ORDER BY server_seq",
                &[&DEFAULT_COUNTY],
            )
            .await?;
        Ok(rows.iter().map(|r| (r.get(0), id(r.get(1)))).collect())
    }

    async fn blobs_missing(&self, auth: DeviceAuth, hashes: Vec<String>) -> Result<Vec<String>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT hash FROM blobs WHERE county_id = $1 AND hash = ANY($2)",
                &[&auth.county, &hashes],
            )
            .await?;
        let held: std::collections::HashSet<String> = rows.iter().map(|r| r.get(0)).collect();
        Ok(hashes.into_iter().filter(|h| !held.contains(h)).collect())
    }

    async fn put_blob(&self, auth: DeviceAuth, hash: String, bytes: Vec<u8>) -> Result<BlobPut> {
        let mut client = self.pool.get().await?;
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

    async fn get_blob(&self, auth: DeviceAuth, hash: String) -> Result<BlobGet> {
        let client = self.pool.get().await?;
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
}
