//! The PostgreSQL backend of [`ServerDb`]: tokio-postgres behind a deadpool pool, every unit of
//! work in one transaction, the same rules as the SQLite backend (`crate::scope`). Its own numbered
//! migrations live in `migrations/postgres/`, tracked in `linli_schema`. Every table leads with
//! `county_id`, ready for Citus to distribute by it.
//!
//! A push takes its county's row in `counties` (an upsert, which locks it) and stamps server
//! sequences from it, so a county's log is written by one transaction at a time and a sequence
//! never becomes visible after a greater one. The pushes of a county that arrive while one is
//! being written are merged together in the next transaction (see [`Combiner`]), which costs two
//! round trips to PostgreSQL and one WAL flush however many pushes it holds. Pulls take no lock.
//! When PostgreSQL goes away, requests fail fast with [`Error::Unavailable`] (503 with
//! `Retry-After`); the pool drops dead connections and opens new ones once it is back.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{
    GenericClient, Manager, ManagerConfig, Pool, RecyclingMethod, Runtime, Timeouts,
};
use linli_domain::merge::{Version, Versioned};
use linli_domain::{Hlc, Id};
use linli_protocol::sync::{Change, ChangeResult, PulledChange, PushRequest, Role, MAX_PULL_BYTES};
use tokio_postgres::types::ToSql;
use tokio_postgres::NoTls;
use tokio_postgres::Statement;
use uuid::Uuid;

use crate::db::{
    check_county, BlobGet, BlobPut, DeviceAuth, DeviceInfo, PullPage, ServerDb, ServerExport,
    UserRecord, DEVICE_ID_TAKEN, DEVICE_OF_ANOTHER_USER,
};
use crate::merge::{Done, Engine, Keys, Loaded};
use crate::scope::{Existing, Sight, Tree};
use crate::{Error, Result};

const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/postgres/0001_server.sql"),
    include_str!("../migrations/postgres/0002_counties.sql"),
    include_str!("../migrations/postgres/0003_blobs.sql"),
    include_str!("../migrations/postgres/0004_county_wide.sql"),
    include_str!("../migrations/postgres/0005_refused_seqs.sql"),
    include_str!("../migrations/postgres/0006_accounts.sql"),
];

/// The advisory lock that keeps two servers from migrating one database at once ('LNLS').
const MIGRATION_LOCK: i64 = 0x4C4E_4C53;

/// The advisory lock held while a user is added, so that a name stays unique on the whole server
/// ('LNLU'): `users` can only be unique per county, the key a Citus cluster distributes by.
const USER_NAME_LOCK: i64 = 0x4C4E_4C55;

/// Connections kept open at most. Pushes of one county run one group at a time anyway.
pub const POOL_SIZE: usize = 16;

/// The server's PostgreSQL database.
#[derive(Clone)]
pub struct PgDb {
    pub(crate) pool: Pool,
    shown: String,
    /// One combiner per county that has pushed since the server started.
    pushes: Arc<std::sync::Mutex<HashMap<String, Arc<Combiner>>>>,
}

/// A county's pushes waiting to be merged, and the right to merge them. A county's pushes are
/// serialized by its row lock, which is held until the commit has reached the disk; so rather
/// than queue on that lock one by one, the pushes that arrive while one group is being written
/// are merged together in the next transaction, one after the other, and share its two round
/// trips and its commit. Each push's answer is exactly what it would have been alone.
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
        let (url, tls) = crate::tls::pg_url(url)?;
        let config: tokio_postgres::Config = url.parse().map_err(|e| {
            Error::Invalid(format!(
                "PostgreSQL 地址无效 (not a PostgreSQL connection URL): {e}"
            ))
        })?;
        Self::connect_tls(config, tls).await
    }

    /// Like [`PgDb::connect`], from a parsed configuration, without TLS.
    pub async fn connect_with(config: tokio_postgres::Config) -> Result<PgDb> {
        Self::connect_tls(config, None).await
    }

    /// Like [`PgDb::connect_with`], over TLS when `tls` is given (`sslmode=require` and up).
    pub async fn connect_tls(
        config: tokio_postgres::Config,
        tls: Option<tokio_postgres_rustls::MakeRustlsConnect>,
    ) -> Result<PgDb> {
        let shown = format!(
            "postgres database {} on {:?}",
            config.get_dbname().unwrap_or("?"),
            config.get_hosts().first()
        );
        let mc = || ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        };
        let manager = match tls {
            Some(tls) => Manager::from_config(config, tls, mc()),
            None => Manager::from_config(config, NoTls, mc()),
        };
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

/// A user's county and id by its name, which is unique on the server.
async fn user_id_by_name(c: &impl GenericClient, name: &str) -> Result<(String, Uuid)> {
    c.query_opt(
        "SELECT county_id, user_id FROM users WHERE name = $1",
        &[&name],
    )
    .await?
    .map(|r| (r.get(0), r.get(1)))
    .ok_or_else(|| Error::NotFound(format!("用户“{name}” (no such user)")))
}

async fn load_tree(c: &impl GenericClient, county: &str) -> Result<Tree> {
    let stmt = c.prepare_cached(TREE_SQL).await?;
    let rows = c.query(&stmt, &[&county]).await?;
    Ok(Tree::new(rows.iter().map(|r| {
        (id(r.get(0)), r.get::<_, Option<Uuid>>(1).map(id))
    })))
}

/// The statements of a group of pushes, prepared once per connection (deadpool's statement
/// cache), so that a group costs two round trips to PostgreSQL: one sending `BEGIN`, the county
/// lock and every read, one sending every write and `COMMIT`.
struct PushStatements {
    begin: Statement,
    lock: Statement,
    done: Statement,
    refused: Statement,
    write_refused: Statement,
    scopes: Statement,
    fields: Statement,
    balances: Statement,
    tree: Statement,
    log: Statement,
    write_scopes: Statement,
    write_fields: Statement,
    write_balances: Statement,
    write_places: Statement,
    last_seq: Statement,
    seen: Statement,
    commit: Statement,
}

const TREE_SQL: &str = "SELECT place_id, parent_id FROM place_tree WHERE county_id = $1";

impl PushStatements {
    async fn prepare(c: &deadpool_postgres::Client) -> Result<PushStatements> {
        let (begin, lock, done, scopes, fields, balances, tree, log) = tokio::try_join!(
            c.prepare_cached("BEGIN"),
            // the county's row: one group at a time per county, and its last sequence
            c.prepare_cached(
                "INSERT INTO counties (county_id) VALUES ($1)
                 ON CONFLICT (county_id) DO UPDATE SET last_seq = counties.last_seq
                 RETURNING last_seq",
            ),
            c.prepare_cached(
                "SELECT device_id, device_seq, server_seq, needs_review,
                        (body::json)->>'change_id' FROM changes
                 WHERE county_id = $1
                   AND (device_id, device_seq) IN (SELECT * FROM unnest($2::uuid[], $3::bigint[]))",
            ),
            c.prepare_cached(
                "SELECT tbl, row_id, scope_place, fact FROM row_scope
                 WHERE county_id = $1
                   AND (tbl, row_id) IN (SELECT * FROM unnest($2::text[], $3::uuid[]))",
            ),
            c.prepare_cached(
                "SELECT tbl, row_id, field, hlc, device_id, value FROM field_state
                 WHERE county_id = $1
                   AND (tbl, row_id) IN (SELECT * FROM unnest($2::text[], $3::uuid[]))",
            ),
            c.prepare_cached(
                "SELECT tbl, account, balance FROM balances
                 WHERE county_id = $1
                   AND (tbl, account) IN (SELECT * FROM unnest($2::text[], $3::text[]))",
            ),
            c.prepare_cached(TREE_SQL),
            c.prepare_cached(
                "INSERT INTO changes (county_id, server_seq, device_id, device_seq, tbl, row_id,
                                      scope_place, needs_review, body)
                 SELECT $1, * FROM unnest($2::bigint[], $3::uuid[], $4::bigint[], $5::text[],
                                          $6::uuid[], $7::uuid[], $8::bool[], $9::text[])",
            ),
        )?;
        let (refused, write_refused) = tokio::try_join!(
            c.prepare_cached(
                "SELECT device_id, device_seq, change_id FROM refused_seqs
                 WHERE county_id = $1
                   AND (device_id, device_seq) IN (SELECT * FROM unnest($2::uuid[], $3::bigint[]))",
            ),
            c.prepare_cached(
                "INSERT INTO refused_seqs (county_id, device_id, device_seq, change_id)
                 SELECT $1, * FROM unnest($2::uuid[], $3::bigint[], $4::uuid[])
                 ON CONFLICT (county_id, device_id, device_seq) DO NOTHING",
            ),
        )?;
        let (write_scopes, write_fields, write_balances, write_places, last_seq, seen, commit) = tokio::try_join!(
            c.prepare_cached(
                "INSERT INTO row_scope (county_id, tbl, row_id, scope_place, fact)
                 SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::bool[])
                 ON CONFLICT (county_id, tbl, row_id) DO UPDATE SET scope_place = excluded.scope_place",
            ),
            c.prepare_cached(
                "INSERT INTO field_state (county_id, tbl, row_id, field, hlc, device_id, value)
                 SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[])
                 ON CONFLICT (county_id, tbl, row_id, field) DO UPDATE
                 SET hlc = excluded.hlc, device_id = excluded.device_id, value = excluded.value",
            ),
            c.prepare_cached(
                "INSERT INTO balances (county_id, tbl, account, balance)
                 SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[])
                 ON CONFLICT (county_id, tbl, account) DO UPDATE SET balance = excluded.balance",
            ),
            c.prepare_cached(
                "INSERT INTO place_tree (county_id, place_id, parent_id)
                 SELECT $1, * FROM unnest($2::uuid[], $3::uuid[])
                 ON CONFLICT (county_id, place_id) DO UPDATE SET parent_id = excluded.parent_id",
            ),
            c.prepare_cached("UPDATE counties SET last_seq = $2 WHERE county_id = $1"),
            c.prepare_cached(
                "UPDATE devices SET last_seen_ms = $3 WHERE county_id = $1 AND device_id = ANY($2)",
            ),
            c.prepare_cached("COMMIT"),
        )?;
        Ok(PushStatements {
            begin,
            lock,
            done,
            refused,
            write_refused,
            scopes,
            fields,
            balances,
            tree,
            log,
            write_scopes,
            write_fields,
            write_balances,
            write_places,
            last_seq,
            seen,
            commit,
        })
    }
}

type Param<'a> = &'a (dyn ToSql + Sync);

/// A query's rows with the crate's error, so that `try_join!` can mix it with ours.
async fn q(
    f: impl std::future::Future<Output = Result<Vec<tokio_postgres::Row>, tokio_postgres::Error>>,
) -> Result<Vec<tokio_postgres::Row>> {
    Ok(f.await?)
}

/// A connection inside a transaction of ours. If it is dropped before the transaction ended (the
/// task was cancelled or panicked), the connection is closed rather than handed back to the pool
/// with a transaction open.
struct InTx {
    client: Option<deadpool_postgres::Client>,
    open: bool,
}

impl InTx {
    fn client(&self) -> &deadpool_postgres::Client {
        self.client
            .as_ref()
            .expect("the connection is held until drop")
    }

    /// Ends a failed transaction; a connection that cannot even do that is closed on drop.
    async fn roll_back(&mut self) {
        if self.client().batch_execute("ROLLBACK").await.is_ok() {
            self.open = false;
        }
    }
}

impl Drop for InTx {
    fn drop(&mut self) {
        if self.open {
            if let Some(c) = self.client.take() {
                drop(deadpool_postgres::Object::take(c));
            }
        }
    }
}

/// The state a group of pushes reads, from the rows of the round trip that took the county's lock.
#[allow(clippy::too_many_arguments)]
fn loaded(
    last_seq: i64,
    done: &[tokio_postgres::Row],
    refused: &[tokio_postgres::Row],
    scopes: &[tokio_postgres::Row],
    fields: &[tokio_postgres::Row],
    balances: &[tokio_postgres::Row],
    tree: &[tokio_postgres::Row],
) -> Result<Loaded> {
    let mut l = Loaded {
        last_seq,
        done: done
            .iter()
            .map(|r| {
                (
                    (id(r.get(0)), r.get(1)),
                    Done {
                        server_seq: r.get(2),
                        needs_review: r.get(3),
                        change_id: r.get::<_, Option<&str>>(4).and_then(|s| s.parse().ok()),
                    },
                )
            })
            .collect(),
        refused: refused
            .iter()
            .map(|r| ((id(r.get(0)), r.get(1)), id(r.get(2))))
            .collect(),
        scopes: scopes
            .iter()
            .map(|r| {
                (
                    (r.get(0), id(r.get(1))),
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
        tree: Tree::new(
            tree.iter()
                .map(|r| (id(r.get(0)), r.get::<_, Option<Uuid>>(1).map(id))),
        ),
    };
    for r in fields {
        l.fields.insert(
            (r.get(0), id(r.get(1)), r.get(2)),
            Versioned {
                version: Version {
                    hlc: r.get::<_, &str>(3).parse::<Hlc>()?,
                    device: id(r.get(4)),
                },
                value: r.get(5),
            },
        );
    }
    Ok(l)
}

impl PgDb {
    /// Merges pushes of one county in one transaction, each in turn, in two round trips: `BEGIN`,
    /// the county's lock and every read pipelined; then every write, the devices' last-seen time
    /// and `COMMIT` pipelined. The county's row lock is held from the first to the commit, so the
    /// group's server sequences become visible together and after every smaller one.
    async fn merge_together(&self, group: &[Waiting]) -> Result<Vec<Vec<ChangeResult>>> {
        let county = group[0].auth.county.as_str();
        let client = self.pool.get().await?;
        let s = PushStatements::prepare(&client).await?;
        let mut tx = InTx {
            client: Some(client),
            open: true,
        };
        let answers = merge_in(&tx, &s, county, group).await;
        match answers {
            Ok(a) => {
                tx.open = false;
                Ok(a)
            }
            Err(e) => {
                tx.roll_back().await;
                Err(e)
            }
        }
    }
}

/// Runs a statement when `run`, sending it on the first poll (so `try_join!` pipelines it).
async fn exec_if(
    c: &deadpool_postgres::Client,
    stmt: &Statement,
    p: &[Param<'_>],
    run: bool,
) -> Result<()> {
    if run {
        c.execute(stmt, p).await?;
    }
    Ok(())
}

/// The two round trips of [`PgDb::merge_together`].
async fn merge_in(
    tx: &InTx,
    s: &PushStatements,
    county: &str,
    group: &[Waiting],
) -> Result<Vec<Vec<ChangeResult>>> {
    let c = tx.client();
    let k = Keys::of(group.iter().map(|w| (&w.auth, &w.req)));
    let dev: Vec<Uuid> = k.seqs.iter().map(|(d, _)| uid(d)).collect();
    let dev_seq: Vec<i64> = k.seqs.iter().map(|(_, s)| *s).collect();
    let tbl: Vec<&str> = k.rows.iter().map(|(t, _)| t.as_str()).collect();
    let row: Vec<Uuid> = k.rows.iter().map(|(_, r)| uid(r)).collect();
    let floor_tbl: Vec<&str> = k.accounts.iter().map(|(t, _)| t.as_str()).collect();
    let floor_account: Vec<&str> = k.accounts.iter().map(|(_, a)| a.as_str()).collect();
    let p_done: &[Param] = &[&county, &dev, &dev_seq];
    let p_rows: &[Param] = &[&county, &tbl, &row];
    let p_floors: &[Param] = &[&county, &floor_tbl, &floor_account];
    let p_county: &[Param] = &[&county];
    // sent in this order and run by PostgreSQL in this order: the reads see the county as it is
    // once its lock is ours
    let (_, first, done, refused, scopes, fields, balances, tree) = tokio::try_join!(
        exec_if(c, &s.begin, &[], true),
        async { Ok::<_, Error>(c.query_one(&s.lock, &[&county]).await?) },
        q(c.query(&s.done, p_done)),
        q(c.query(&s.refused, p_done)),
        q(c.query(&s.scopes, p_rows)),
        q(c.query(&s.fields, p_rows)),
        q(c.query(&s.balances, p_floors)),
        q(c.query(&s.tree, p_county)),
    )?;
    let first_seq: i64 = first.get(0);
    let mut engine = Engine::new(
        loaded(
            first_seq, &done, &refused, &scopes, &fields, &balances, &tree,
        )?,
        crate::now_ms(),
    );
    let answers: Vec<Vec<ChangeResult>> =
        group.iter().map(|w| engine.push(&w.auth, &w.req)).collect();
    let d = engine.finish();
    let last_seq = d.last_seq;
    let seq: Vec<i64> = d.log.iter().map(|e| e.server_seq).collect();
    let device: Vec<Uuid> = d.log.iter().map(|e| uid(&e.device_id)).collect();
    let dseq: Vec<i64> = d.log.iter().map(|e| e.device_seq).collect();
    let tbl: Vec<&str> = d.log.iter().map(|e| e.table.as_str()).collect();
    let row: Vec<Uuid> = d.log.iter().map(|e| uid(&e.row_id)).collect();
    let place: Vec<Uuid> = d.log.iter().map(|e| uid(&e.scope_place)).collect();
    let review: Vec<bool> = d.log.iter().map(|e| e.needs_review).collect();
    let body: Vec<&str> = d.log.iter().map(|e| e.body.as_str()).collect();
    let s_tbl: Vec<&str> = d.scopes.keys().map(|(t, _)| t.as_str()).collect();
    let s_row: Vec<Uuid> = d.scopes.keys().map(|(_, r)| uid(r)).collect();
    let s_place: Vec<Uuid> = d.scopes.values().map(|(p, _)| uid(p)).collect();
    let s_fact: Vec<bool> = d.scopes.values().map(|(_, f)| *f).collect();
    let f_tbl: Vec<&str> = d.fields.keys().map(|(t, _, _)| t.as_str()).collect();
    let f_row: Vec<Uuid> = d.fields.keys().map(|(_, r, _)| uid(r)).collect();
    let f_field: Vec<&str> = d.fields.keys().map(|(_, _, f)| f.as_str()).collect();
    let f_hlc: Vec<String> = d
        .fields
        .values()
        .map(|v| v.version.hlc.to_string())
        .collect();
    let f_dev: Vec<Uuid> = d.fields.values().map(|v| uid(&v.version.device)).collect();
    let f_val: Vec<&str> = d.fields.values().map(|v| v.value.as_str()).collect();
    let (b_tbl, b_acc, b_bal): (Vec<&str>, Vec<&str>, Vec<i64>) = (
        d.balances.keys().map(|(t, _)| t.as_str()).collect(),
        d.balances.keys().map(|(_, a)| a.as_str()).collect(),
        d.balances.values().copied().collect(),
    );
    let r_dev: Vec<Uuid> = d.refused.iter().map(|(dv, _, _)| uid(dv)).collect();
    let r_seq: Vec<i64> = d.refused.iter().map(|(_, sq, _)| *sq).collect();
    let r_change: Vec<Uuid> = d.refused.iter().map(|(_, _, ch)| uid(ch)).collect();
    let p_id: Vec<Uuid> = d.places.keys().map(uid).collect();
    let p_parent: Vec<Option<Uuid>> = d.places.values().map(|p| p.as_ref().map(uid)).collect();
    let mut seen: Vec<Uuid> = group.iter().map(|w| uid(&w.auth.device_id)).collect();
    seen.sort_unstable();
    seen.dedup();
    let now = crate::now_ms() as i64;
    let p_log: &[Param] = &[
        &county, &seq, &device, &dseq, &tbl, &row, &place, &review, &body,
    ];
    let p_scopes: &[Param] = &[&county, &s_tbl, &s_row, &s_place, &s_fact];
    let p_fields: &[Param] = &[&county, &f_tbl, &f_row, &f_field, &f_hlc, &f_dev, &f_val];
    let p_balances: &[Param] = &[&county, &b_tbl, &b_acc, &b_bal];
    let p_places: &[Param] = &[&county, &p_id, &p_parent];
    let p_refused: &[Param] = &[&county, &r_dev, &r_seq, &r_change];
    let p_last: &[Param] = &[&county, &last_seq];
    let p_seen: &[Param] = &[&county, &seen, &now];
    let wrote = d.stamped();
    // an empty write is skipped: a group of retries and refusals writes nothing but the
    // devices' last-seen time
    tokio::try_join!(
        exec_if(c, &s.log, p_log, wrote),
        exec_if(c, &s.write_scopes, p_scopes, wrote),
        exec_if(c, &s.write_fields, p_fields, !f_tbl.is_empty()),
        exec_if(c, &s.write_balances, p_balances, !b_tbl.is_empty()),
        exec_if(c, &s.write_places, p_places, !p_id.is_empty()),
        exec_if(c, &s.write_refused, p_refused, !r_dev.is_empty()),
        exec_if(c, &s.last_seq, p_last, wrote),
        exec_if(c, &s.seen, p_seen, true),
        // sent behind the writes: if one of them failed, PostgreSQL ends the transaction with a
        // rollback instead, and the error above is what try_join! answers
        exec_if(c, &s.commit, &[], true),
    )?;
    Ok(answers)
}

/// A pull's page in one statement: the county's last sequence and, after the cursor, the next
/// changes the device may see, filtered in SQL exactly as [`Sight::on_pull`] would (the places
/// under the grants and the places above them; every row for an admin without grants), never the
/// device's own, and at most [`PULL_SCAN`] sequences past the cursor. The place lists are joined as
/// hashed sets, so a coordinator seeing thousands of places costs no more per row.
const PULL_SQL: &str = "
    WITH last AS (SELECT coalesce(max(server_seq), 0) AS seq FROM changes WHERE county_id = $1)
    SELECT last.seq, p.server_seq, p.tbl, p.row_id, p.scope_place, p.needs_review, p.body
    FROM last LEFT JOIN LATERAL (
        SELECT server_seq, tbl, row_id, scope_place, needs_review, body FROM changes
        WHERE county_id = $1 AND server_seq > $2 AND server_seq <= $2 + $8
          AND (device_id <> $3 OR device_seq > $9)
          AND ($4
               OR (tbl = 'places' AND (row_id IN (SELECT unnest($5::uuid[]))
                                       OR row_id IN (SELECT unnest($6::uuid[]))))
               OR (tbl <> 'places' AND scope_place IN (SELECT unnest($5::uuid[]))))
        ORDER BY server_seq LIMIT $7
    ) p ON true
    ORDER BY p.server_seq";

/// How many sequences past its cursor one pull looks at, at most: a device that sees little of
/// a long log is answered in bounded time, with `more` set.
const PULL_SCAN: i64 = 50_000;

async fn pull_page(
    c: &deadpool_postgres::Client,
    auth: &DeviceAuth,
    after: i64,
    limit: u32,
    own_seq: Option<i64>,
) -> Result<PullPage> {
    let own_seq = own_seq.unwrap_or(i64::MAX);
    let county = auth.county.as_str();
    let limit = limit.clamp(1, linli_protocol::sync::MAX_PULL_PAGE) as usize;
    let me = uid(&auth.device_id);
    let (tree_stmt, stmt) =
        tokio::try_join!(c.prepare_cached(TREE_SQL), c.prepare_cached(PULL_SQL))?;
    let tree = c.query(&tree_stmt, &[&county]).await?;
    let tree = Tree::new(
        tree.iter()
            .map(|r| (id(r.get(0)), r.get::<_, Option<Uuid>>(1).map(id))),
    );
    let sight = Sight::of(&tree, auth);
    let below: Vec<Uuid> = sight.below.iter().map(uid).collect();
    let above: Vec<Uuid> = sight.above.iter().map(uid).collect();
    // one more than a page, to know whether another follows
    let fetch = limit as i64 + 1;
    let rows = c
        .query(
            &stmt,
            &[
                &county, &after, &me, &sight.all, &below, &above, &fetch, &PULL_SCAN, &own_seq,
            ],
        )
        .await?;
    let last: i64 = rows.first().map_or(after, |r| r.get(0));
    let mut changes = Vec::with_capacity(rows.len().min(limit));
    let mut more = false;
    let mut next = last.min(after + PULL_SCAN).max(after);
    let mut bytes = 0usize;
    for r in &rows {
        let Some(seq) = r.get::<_, Option<i64>>(1) else {
            break; // no change after the cursor: only the county's last sequence
        };
        if changes.len() == limit {
            more = true;
            next = changes
                .last()
                .map_or(after, |c: &PulledChange| c.server_seq);
            break;
        }
        let table: String = r.get(2);
        let row = id(r.get(3));
        let place = r.get::<_, Option<Uuid>>(4).map(id);
        // the SQL filter is the same rule; this keeps the read-only mark in one place
        let Some(read_only) = sight.on_pull(&table, row, place) else {
            continue;
        };
        let body: &str = r.get(6);
        if !changes.is_empty() && bytes + body.len() > MAX_PULL_BYTES {
            // the page is full in bytes: this change starts the next one
            more = true;
            next = changes
                .last()
                .map_or(after, |c: &PulledChange| c.server_seq);
            break;
        }
        bytes += body.len();
        let change: Change = serde_json::from_str(body)?;
        changes.push(PulledChange {
            server_seq: seq,
            needs_review: r.get(5),
            read_only,
            change,
        });
    }
    if !more && next < last {
        more = true; // the scan stopped PULL_SCAN sequences past the cursor
    }
    Ok(PullPage {
        changes,
        next,
        more,
    })
}

impl PgDb {
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

impl PgDb {
    /// The combiner of `county`'s pushes.
    fn combiner(&self, county: &str) -> Arc<Combiner> {
        let mut all = self.pushes.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = all.get(county) {
            return c.clone();
        }
        let c = Arc::new(Combiner::default());
        all.insert(county.to_owned(), c.clone());
        c
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
    let sight = Sight::of(&tree, auth);
    Ok(rows.iter().any(|r| {
        sight.sees_row(
            "attachments",
            id(r.get(0)),
            r.get::<_, Option<Uuid>>(1).map(id),
        )
    }))
}

impl ServerDb for PgDb {
    async fn authenticate(&self, county: String, token_hash: String) -> Result<Option<DeviceAuth>> {
        let client = self.pool.get().await?;
        // one round trip: the device, its user and the user's grants
        let stmt = client
            .prepare_cached(
                "SELECT d.device_id, d.user_id, d.revoked, u.name, u.role, u.county_wide,
                        ARRAY(SELECT g.place_id FROM grants g
                              WHERE g.county_id = d.county_id AND g.user_id = d.user_id
                              ORDER BY g.place_id)
                 FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
                 WHERE d.county_id = $1 AND d.token_hash = $2",
            )
            .await?;
        let Some(r) = client.query_opt(&stmt, &[&county, &token_hash]).await? else {
            return Ok(None);
        };
        Ok(Some(DeviceAuth {
            device_id: id(r.get(0)),
            user_id: id(r.get(1)),
            revoked: r.get(2),
            user: r.get(3),
            role: role_of(r.get(4)),
            grants: r.get::<_, Vec<Uuid>>(6).into_iter().map(id).collect(),
            county_wide: r.get(5),
            county,
        }))
    }

    async fn user_by_name(&self, name: String) -> Result<Option<UserRecord>> {
        let client = self.pool.get().await?;
        let Some(r) = client
            .query_opt(
                "SELECT county_id, user_id, role, password_hash, county_wide FROM users WHERE name = $1",
                &[&name],
            )
            .await?
        else {
            return Ok(None);
        };
        let county: String = r.get(0);
        let user: Uuid = r.get(1);
        Ok(Some(UserRecord {
            grants: grants_of(&client, &county, user).await?,
            county,
            user_id: id(user),
            name,
            role: role_of(r.get(2)),
            password_hash: r.get(3),
            county_wide: r.get(4),
        }))
    }

    async fn enrol_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> Result<i64> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let owner = tx
            .query_opt(
                "SELECT revoked, user_id FROM devices WHERE county_id = $1 AND device_id = $2 FOR UPDATE",
                &[&user.county, &uid(&device_id)],
            )
            .await?;
        if owner
            .as_ref()
            .is_some_and(|r| r.get::<_, Uuid>(1) != uid(&user.user_id))
        {
            return Err(Error::Conflict(DEVICE_OF_ANOTHER_USER.into()));
        }
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
        let last: i64 = tx
            .query_one(
                "SELECT coalesce(max(device_seq), 0) FROM changes WHERE county_id = $1 AND device_id = $2",
                &[&user.county, &uid(&device_id)],
            )
            .await?
            .get(0);
        tx.commit().await?;
        Ok(last)
    }

    async fn add_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> Result<()> {
        let client = self.pool.get().await?;
        let n = client
            .execute(
                "INSERT INTO devices (county_id, device_id, user_id, name, token_hash, enrolled_ms, revoked)
                 VALUES ($1, $2, $3, $4, $5, $6, false) ON CONFLICT (county_id, device_id) DO NOTHING",
                &[&user.county, &uid(&device_id), &uid(&user.user_id), &name, &token_hash, &now_ms],
            )
            .await?;
        if n == 0 {
            return Err(Error::Conflict(DEVICE_ID_TAKEN.into()));
        }
        Ok(())
    }

    async fn push(&self, auth: DeviceAuth, req: PushRequest) -> Result<Vec<ChangeResult>> {
        let combiner = self.combiner(&auth.county);
        let (answer, mine) = tokio::sync::oneshot::channel();
        combiner
            .waiting
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Waiting { auth, req, answer });
        // the merge runs on a task of its own, so a request that goes away (its laptop hung up)
        // cannot cancel a group holding other laptops' pushes
        let db = self.clone();
        tokio::spawn(async move {
            let _leader = combiner.leader.lock().await;
            let group =
                std::mem::take(&mut *combiner.waiting.lock().unwrap_or_else(|p| p.into_inner()));
            if !group.is_empty() {
                db.merge_group(group).await;
            }
        });
        // answered by this task or one before it
        mine.await.unwrap_or_else(|_| {
            Err(Error::Unavailable(
                "the push was interrupted before it was committed".into(),
            ))
        })
    }

    async fn pull_from(
        &self,
        auth: DeviceAuth,
        after: i64,
        limit: u32,
        own_seq: Option<i64>,
    ) -> Result<PullPage> {
        let client = self.pool.get().await?;
        pull_page(&client, &auth, after, limit, own_seq).await
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
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // names are unique on the whole server: one user is added at a time
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&USER_NAME_LOCK])
            .await?;
        let taken = tx
            .query_opt("SELECT county_id FROM users WHERE name = $1", &[&name])
            .await?;
        if let Some(r) = taken {
            let other: String = r.get(0);
            return Err(Error::Conflict(if other == county {
                format!("用户“{name}”已存在 (user exists)")
            } else {
                format!("用户“{name}”已存在于县（区）{other} (the name is taken in county {other}; user names are unique on the server)")
            }));
        }
        let user = Id::new();
        tx.execute(
            "INSERT INTO users (county_id, user_id, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)",
            &[&county, &uid(&user), &name, &role.code(), &password_hash],
        )
        .await?;
        let places: Vec<Uuid> = grants.iter().map(uid).collect();
        tx.execute(
            "INSERT INTO grants (county_id, user_id, place_id) SELECT $1, $2, * FROM unnest($3::uuid[])
             ON CONFLICT DO NOTHING",
            &[&county, &uid(&user), &places],
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn set_password(&self, name: String, hash: String) -> Result<()> {
        let client = self.pool.get().await?;
        let (county, user) = user_id_by_name(&client, &name).await?;
        client
            .execute(
                "UPDATE users SET password_hash = $3 WHERE county_id = $1 AND user_id = $2",
                &[&county, &user, &hash],
            )
            .await?;
        Ok(())
    }

    async fn set_county_wide(&self, name: String, on: bool) -> Result<()> {
        let client = self.pool.get().await?;
        let (county, user) = user_id_by_name(&client, &name).await?;
        client
            .execute(
                "UPDATE users SET county_wide = $3 WHERE county_id = $1 AND user_id = $2",
                &[&county, &user, &on],
            )
            .await?;
        Ok(())
    }

    async fn grant(&self, name: String, places: Vec<Id>) -> Result<()> {
        let client = self.pool.get().await?;
        let (county, user) = user_id_by_name(&client, &name).await?;
        let places: Vec<Uuid> = places.iter().map(uid).collect();
        client
            .execute(
                "INSERT INTO grants (county_id, user_id, place_id) SELECT $1, $2, * FROM unnest($3::uuid[])
                 ON CONFLICT DO NOTHING",
                &[&county, &user, &places],
            )
            .await?;
        Ok(())
    }

    async fn revoke_grants(&self, name: String, places: Vec<Id>) -> Result<()> {
        let client = self.pool.get().await?;
        let (county, user) = user_id_by_name(&client, &name).await?;
        let places: Vec<Uuid> = places.iter().map(uid).collect();
        client
            .execute(
                "DELETE FROM grants WHERE county_id = $1 AND user_id = $2 AND place_id = ANY($3)",
                &[&county, &user, &places],
            )
            .await?;
        Ok(())
    }

    async fn list_devices_in(&self, county: String) -> Result<Vec<DeviceInfo>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT d.device_id, u.name, d.name, d.enrolled_ms, d.last_seen_ms, d.revoked
                 FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
                 WHERE d.county_id = $1 ORDER BY u.name, d.enrolled_ms",
                &[&county],
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

    async fn revoke_device_in(&self, county: String, device_id: Id) -> Result<()> {
        let client = self.pool.get().await?;
        let n = client
            .execute(
                "UPDATE devices SET revoked = true WHERE county_id = $1 AND device_id = $2",
                &[&county, &uid(&device_id)],
            )
            .await?;
        if n == 0 {
            return Err(Error::NotFound(format!(
                "设备 {device_id} (no such device)"
            )));
        }
        Ok(())
    }

    async fn export_in(&self, county: String, grants: Option<Vec<Id>>) -> Result<ServerExport> {
        let mut client = self.pool.get().await?;
        // one snapshot for the tree and the rows
        let tx = client
            .build_transaction()
            .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let tree = load_tree(&tx, &county).await?;
        let sight = grants.map(|g| Sight::new(&tree, false, &g));
        let rows = tx
            .query(
                "SELECT f.tbl, f.row_id, f.field, f.value, s.scope_place FROM field_state f
                 JOIN row_scope s ON s.county_id = f.county_id AND s.tbl = f.tbl AND s.row_id = f.row_id
                 WHERE f.county_id = $1",
                &[&county],
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

    async fn needs_review_in(&self, county: String) -> Result<Vec<(String, Id)>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT tbl, row_id FROM changes WHERE county_id = $1 AND needs_review ORDER BY server_seq",
                &[&county],
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
