//! [`AnyDb`]: the backend a database URL names, so `linli serve --db` and the tests pick SQLite or
//! PostgreSQL by the URL's scheme.

use std::path::Path;

use linli_domain::Id;
use linli_protocol::sync::{ChangeResult, PushRequest, Role};

use crate::db::{
    BlobGet, BlobPut, DeviceAuth, DeviceInfo, PullPage, ServerDb, ServerExport, UserRecord,
};
use crate::{PgDb, Result, SqliteDb};

/// One of the server's backends.
#[derive(Debug, Clone)]
pub enum AnyDb {
    Sqlite(SqliteDb),
    Postgres(PgDb),
}

/// Whether `spec` names a PostgreSQL database (`postgres://` or `postgresql://`).
pub fn is_postgres_url(spec: &str) -> bool {
    spec.starts_with("postgres://") || spec.starts_with("postgresql://")
}

impl AnyDb {
    /// Opens `spec`: a `postgres://…` URL, a `sqlite://PATH`, or a plain file path.
    pub async fn open(spec: &str) -> Result<AnyDb> {
        if is_postgres_url(spec) {
            return Ok(AnyDb::Postgres(PgDb::connect(spec).await?));
        }
        let path = spec.strip_prefix("sqlite://").unwrap_or(spec);
        Ok(AnyDb::Sqlite(SqliteDb::open(Path::new(path))?))
    }

    /// The backend's name, for logs and reports.
    pub fn kind(&self) -> &'static str {
        match self {
            AnyDb::Sqlite(_) => "sqlite",
            AnyDb::Postgres(_) => "postgres",
        }
    }
}

macro_rules! each {
    ($self:ident, $db:ident => $e:expr) => {
        match $self {
            AnyDb::Sqlite($db) => $e.await,
            AnyDb::Postgres($db) => $e.await,
        }
    };
}

impl ServerDb for AnyDb {
    async fn authenticate(&self, county: String, token_hash: String) -> Result<Option<DeviceAuth>> {
        each!(self, db => db.authenticate(county, token_hash))
    }

    async fn user_by_name(&self, name: String) -> Result<Option<UserRecord>> {
        each!(self, db => db.user_by_name(name))
    }

    async fn enrol_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> Result<i64> {
        each!(self, db => db.enrol_device(user, device_id, name, token_hash, now_ms))
    }

    async fn add_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> Result<()> {
        each!(self, db => db.add_device(user, device_id, name, token_hash, now_ms))
    }

    async fn push(&self, auth: DeviceAuth, req: PushRequest) -> Result<Vec<ChangeResult>> {
        each!(self, db => db.push(auth, req))
    }

    async fn pull_from(
        &self,
        auth: DeviceAuth,
        after: i64,
        limit: u32,
        own_seq: Option<i64>,
    ) -> Result<PullPage> {
        each!(self, db => db.pull_from(auth, after, limit, own_seq))
    }

    async fn add_user_in(
        &self,
        county: String,
        name: String,
        role: Role,
        password_hash: String,
        grants: Vec<Id>,
    ) -> Result<Id> {
        each!(self, db => db.add_user_in(county, name, role, password_hash, grants))
    }

    async fn set_password(&self, name: String, hash: String) -> Result<()> {
        each!(self, db => db.set_password(name, hash))
    }

    async fn set_county_wide(&self, name: String, on: bool) -> Result<()> {
        each!(self, db => db.set_county_wide(name, on))
    }

    async fn grant(&self, name: String, places: Vec<Id>) -> Result<()> {
        each!(self, db => db.grant(name, places))
    }

    async fn revoke_grants(&self, name: String, places: Vec<Id>) -> Result<()> {
        each!(self, db => db.revoke_grants(name, places))
    }

    async fn list_devices_in(&self, county: String) -> Result<Vec<DeviceInfo>> {
        each!(self, db => db.list_devices_in(county))
    }

    async fn revoke_device_in(&self, county: String, device_id: Id) -> Result<()> {
        each!(self, db => db.revoke_device_in(county, device_id))
    }

    async fn export_in(&self, county: String, grants: Option<Vec<Id>>) -> Result<ServerExport> {
        each!(self, db => db.export_in(county, grants))
    }

    async fn needs_review_in(&self, county: String) -> Result<Vec<(String, Id)>> {
        each!(self, db => db.needs_review_in(county))
    }

    async fn blobs_missing(&self, auth: DeviceAuth, hashes: Vec<String>) -> Result<Vec<String>> {
        each!(self, db => db.blobs_missing(auth, hashes))
    }

    async fn put_blob(&self, auth: DeviceAuth, hash: String, bytes: Vec<u8>) -> Result<BlobPut> {
        each!(self, db => db.put_blob(auth, hash, bytes))
    }

    async fn get_blob(&self, auth: DeviceAuth, hash: String) -> Result<BlobGet> {
        each!(self, db => db.get_blob(auth, hash))
    }
}
