//! A fresh, empty database of each backend, for the conformance suite and the simulation.

use std::path::PathBuf;

use linli_server::{Error, PgDb, ServerDb, SqliteDb};

/// A backend under test: a fresh database, a second handle on the same data, and a way to make
/// its schema look newer than this build.
#[allow(async_fn_in_trait)]
pub trait TestDb: Sized {
    type Db: ServerDb + Clone;

    /// The backend's name in messages.
    const NAME: &'static str;

    /// A fresh empty database, or `None` when this backend is not configured here.
    async fn fresh() -> Option<Self>;

    fn db(&self) -> &Self::Db;

    /// Opens the same database again, as a restarted server would.
    async fn reopen(&self) -> Result<Self::Db, Error>;

    /// Marks the schema as made by a newer Linli.
    async fn pretend_newer_schema(&self);

    /// Puts a table of another program into a second, empty database and opens it: the answer
    /// must be a refusal that leaves it alone.
    async fn open_foreign(&self) -> Result<Self::Db, Error>;

    /// Removes what the test made.
    async fn cleanup(self) {}
}

/// An SQLite file in a temporary directory.
pub struct SqliteTest {
    dir: tempfile::TempDir,
    db: SqliteDb,
}

impl SqliteTest {
    fn path(&self) -> PathBuf {
        self.dir.path().join("server.db")
    }
}

impl TestDb for SqliteTest {
    type Db = SqliteDb;
    const NAME: &'static str = "sqlite";

    async fn fresh() -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let db = SqliteDb::open(dir.path().join("server.db")).unwrap();
        Some(SqliteTest { dir, db })
    }

    fn db(&self) -> &SqliteDb {
        &self.db
    }

    async fn reopen(&self) -> Result<SqliteDb, Error> {
        SqliteDb::open(self.path())
    }

    async fn pretend_newer_schema(&self) {
        let conn = rusqlite::Connection::open(self.path()).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }

    async fn open_foreign(&self) -> Result<SqliteDb, Error> {
        let path = self.dir.path().join("other.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT)")
            .unwrap();
        drop(conn);
        SqliteDb::open(path)
    }
}

/// A new database in the cluster `LINLI_TEST_PG` points at, dropped by `cleanup`.
pub struct PgTest {
    admin: tokio_postgres::Config,
    name: String,
    db: PgDb,
}

/// Opens the server's database as `linli serve` would: by URL, over TLS (`sslmode=verify-full`)
/// when the cluster serves it.
async fn connect(config: tokio_postgres::Config) -> Result<PgDb, Error> {
    if crate::pg::tls_params().is_none() {
        return PgDb::connect_with(config).await;
    }
    let host = match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "127.0.0.1".to_owned(),
    };
    let url = format!(
        "postgres://{}@{host}:{}/{}",
        config.get_user().unwrap_or("linli"),
        config.get_ports().first().copied().unwrap_or(5432),
        config.get_dbname().unwrap_or("postgres"),
    );
    PgDb::connect(&crate::pg::server_url(&url)).await
}

async fn admin_client(config: &tokio_postgres::Config) -> tokio_postgres::Client {
    let (client, conn) = config.connect(tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(conn);
    client
}

impl PgTest {
    fn config_for(&self, name: &str) -> tokio_postgres::Config {
        let mut c = self.admin.clone();
        c.dbname(name);
        c
    }

    /// The connection URL of this test's database.
    pub fn url(&self) -> String {
        let base = crate::pg::url().unwrap();
        let (head, _) = base.rsplit_once('/').unwrap();
        format!("{head}/{}", self.name)
    }

    async fn create(admin: &tokio_postgres::Config, name: &str) {
        admin_client(admin)
            .await
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
    }
}

fn unique_name(prefix: &str) -> String {
    format!("{prefix}_{}", linli_domain::Id::new().as_uuid().simple())
}

impl TestDb for PgTest {
    type Db = PgDb;
    const NAME: &'static str = "postgres";

    async fn fresh() -> Option<Self> {
        let admin: tokio_postgres::Config = crate::pg::url()?.parse().unwrap();
        let name = unique_name("linli_t");
        Self::create(&admin, &name).await;
        let mut config = admin.clone();
        config.dbname(&name);
        let db = connect(config).await.unwrap();
        Some(PgTest { admin, name, db })
    }

    fn db(&self) -> &PgDb {
        &self.db
    }

    async fn reopen(&self) -> Result<PgDb, Error> {
        connect(self.config_for(&self.name)).await
    }

    async fn pretend_newer_schema(&self) {
        admin_client(&self.config_for(&self.name))
            .await
            .batch_execute("INSERT INTO linli_schema (version, applied_ms) VALUES (99, 0)")
            .await
            .unwrap();
    }

    async fn open_foreign(&self) -> Result<PgDb, Error> {
        let name = format!("{}_other", self.name);
        Self::create(&self.admin, &name).await;
        admin_client(&self.config_for(&name))
            .await
            .batch_execute("CREATE TABLE notes (body TEXT)")
            .await
            .unwrap();
        connect(self.config_for(&name)).await
    }

    async fn cleanup(self) {
        let PgTest { admin, name, db } = self;
        drop(db);
        let client = admin_client(&admin).await;
        for n in [name.clone(), format!("{name}_other")] {
            let _ = client
                .batch_execute(&format!("DROP DATABASE IF EXISTS {n} WITH (FORCE)"))
                .await;
        }
    }
}
