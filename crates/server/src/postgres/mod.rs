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

mod blobs;
mod erase;
mod pull;
mod push;
mod users;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{
    GenericClient, Manager, ManagerConfig, Pool, RecyclingMethod, Runtime, Timeouts,
};
use linli_domain::Id;
use linli_protocol::sync::{ChangeResult, PushRequest, Role};
use tokio_postgres::NoTls;
use uuid::Uuid;

use crate::db::{
    BlobGet, BlobPut, DeviceAuth, DeviceInfo, PullPage, ServerDb, ServerExport, UserRecord,
};
use crate::scope::Tree;
use crate::{Error, Result};
use push::Combiner;

const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/postgres/0001_server.sql"),
    include_str!("../../migrations/postgres/0002_counties.sql"),
    include_str!("../../migrations/postgres/0003_blobs.sql"),
    include_str!("../../migrations/postgres/0004_county_wide.sql"),
    include_str!("../../migrations/postgres/0005_refused_seqs.sql"),
    include_str!("../../migrations/postgres/0006_accounts.sql"),
    include_str!("../../migrations/postgres/0007_h16erase_erasures.sql"),
    include_str!("../../migrations/postgres/0008_h25share_row_shares.sql"),
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

async fn load_tree(c: &impl GenericClient, county: &str) -> Result<Tree> {
    let stmt = c.prepare_cached(TREE_SQL).await?;
    let rows = c.query(&stmt, &[&county]).await?;
    Ok(Tree::new(rows.iter().map(|r| {
        (id(r.get(0)), r.get::<_, Option<Uuid>>(1).map(id))
    })))
}

const TREE_SQL: &str = "SELECT place_id, parent_id FROM place_tree WHERE county_id = $1";

impl ServerDb for PgDb {
    async fn authenticate(&self, county: String, token_hash: String) -> Result<Option<DeviceAuth>> {
        users::authenticate(self, county, token_hash).await
    }

    async fn user_by_name(&self, name: String) -> Result<Option<UserRecord>> {
        users::user_by_name(self, name).await
    }

    async fn enrol_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> Result<i64> {
        users::enrol_device(self, user, device_id, name, token_hash, now_ms).await
    }

    async fn add_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> Result<()> {
        users::add_device(self, user, device_id, name, token_hash, now_ms).await
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
        let client = self.pool.get().await?;
        pull::pull_page(&client, &auth, after, limit, own_seq).await
    }

    async fn add_user_in(
        &self,
        county: String,
        name: String,
        role: Role,
        password_hash: String,
        grants: Vec<Id>,
    ) -> Result<Id> {
        users::add_user_in(self, county, name, role, password_hash, grants).await
    }

    async fn set_password(&self, name: String, hash: String) -> Result<()> {
        users::set_password(self, name, hash).await
    }

    async fn set_county_wide(&self, name: String, on: bool) -> Result<()> {
        users::set_county_wide(self, name, on).await
    }

    async fn grant(&self, name: String, places: Vec<Id>) -> Result<()> {
        users::grant(self, name, places).await
    }

    async fn revoke_grants(&self, name: String, places: Vec<Id>) -> Result<()> {
        users::revoke_grants(self, name, places).await
    }

    async fn list_devices_in(&self, county: String) -> Result<Vec<DeviceInfo>> {
        users::list_devices_in(self, county).await
    }

    async fn revoke_device_in(&self, county: String, device_id: Id) -> Result<()> {
        users::revoke_device_in(self, county, device_id).await
    }

    async fn export_in(&self, county: String, grants: Option<Vec<Id>>) -> Result<ServerExport> {
        pull::export_in(self, county, grants).await
    }

    async fn needs_review_in(&self, county: String) -> Result<Vec<(String, Id)>> {
        pull::needs_review_in(self, county).await
    }

    async fn blobs_missing(&self, auth: DeviceAuth, hashes: Vec<String>) -> Result<Vec<String>> {
        blobs::blobs_missing(self, auth, hashes).await
    }

    async fn put_blob(&self, auth: DeviceAuth, hash: String, bytes: Vec<u8>) -> Result<BlobPut> {
        blobs::put_blob(self, auth, hash, bytes).await
    }

    async fn get_blob(&self, auth: DeviceAuth, hash: String) -> Result<BlobGet> {
        blobs::get_blob(self, auth, hash).await
    }
}
