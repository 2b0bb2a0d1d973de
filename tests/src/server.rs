//! The real server in process, listening on 127.0.0.1 (issue 18): the one way every test starts
//! it. [`spawn_server`] is the server on a fresh in-memory SQLite; [`Spawn`] picks another
//! database (an SQLite file, a PostgreSQL URL, a fresh PostgreSQL database when `LINLI_TEST_PG`
//! is set), settings, HTTPS with a test CA, or a layer around the router.
//!
//! The server runs on a runtime of its own, so a plain `#[test]` and a `#[tokio::test]` both
//! use it the same way: [`TestServer::block_on`] runs a database call from either.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_server::{AnyDb, AppState, ServerDb, Settings, SqliteDb};

/// The password [`TestServer::user`] gives its users.
pub const PASSWORD: &str = "secret";

/// A layer around the server's router (a gate that answers some requests itself, say).
type Wrap = Box<dyn FnOnce(axum::Router) -> axum::Router + Send>;

/// How to start a [`TestServer`]: `Spawn::new()…start()`.
pub struct Spawn {
    database: Option<String>,
    settings: Settings,
    tls: Option<(PathBuf, PathBuf)>,
    wrap: Option<Wrap>,
    workers: usize,
}

impl Default for Spawn {
    fn default() -> Self {
        Self::new()
    }
}

/// The server on a fresh in-memory SQLite database, over HTTP on 127.0.0.1.
pub fn spawn_server() -> TestServer {
    Spawn::new().start()
}

impl Spawn {
    /// A fresh in-memory SQLite database, default settings, plain HTTP.
    pub fn new() -> Spawn {
        Spawn {
            database: None,
            settings: Settings::default(),
            tls: None,
            wrap: None,
            workers: 2,
        }
    }

    /// The database `linli serve --db` would open: an SQLite file path or a PostgreSQL URL.
    pub fn database(mut self, spec: impl Into<String>) -> Spawn {
        self.database = Some(spec.into());
        self
    }

    /// A fresh database in the test cluster when `LINLI_TEST_PG` is set (`None` when not): the
    /// server as the PostgreSQL conformance runs see it.
    pub fn postgres(self) -> Option<Spawn> {
        let url = crate::pg::fresh_database_url()?;
        Some(self.database(url))
    }

    pub fn settings(mut self, settings: Settings) -> Spawn {
        self.settings = settings;
        self
    }

    /// HTTPS with the certificate of `pki`, at `https://127.0.0.1:PORT`.
    pub fn tls(mut self, pki: &crate::pki::Pki) -> Spawn {
        self.tls = Some((pki.cert.clone(), pki.key.clone()));
        self
    }

    /// Serves `wrap(router)` instead of the router (plain HTTP only).
    pub fn wrap(
        mut self,
        wrap: impl FnOnce(axum::Router) -> axum::Router + Send + 'static,
    ) -> Spawn {
        self.wrap = Some(Box::new(wrap));
        self
    }

    /// The number of the runtime's worker threads (2 unless set).
    pub fn workers(mut self, n: usize) -> Spawn {
        self.workers = n;
        self
    }

    pub fn start(self) -> TestServer {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(self.workers)
            .enable_all()
            .build()
            .unwrap();
        let mut server = TestServer {
            rt: Some(rt),
            url: String::new(),
            state: None,
            spec: self.database.unwrap_or_default(),
            settings: self.settings,
            tls: self.tls,
            wrap: self.wrap,
            stop: None,
            done: None,
            dir: tempfile::tempdir().unwrap(),
        };
        server.open();
        server.listen();
        server
    }
}

/// The server running in process: its URL, its state (database and settings) and a folder for
/// laptops that keep their database on disk. Stopped when dropped.
pub struct TestServer {
    rt: Option<tokio::runtime::Runtime>,
    /// `http://127.0.0.1:PORT` (`https://` with [`Spawn::tls`]); a new port after a restart.
    pub url: String,
    state: Option<Arc<AppState<AnyDb>>>,
    /// The database: an SQLite file path or a PostgreSQL URL; empty for in-memory SQLite.
    pub spec: String,
    settings: Settings,
    tls: Option<(PathBuf, PathBuf)>,
    wrap: Option<Wrap>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    done: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    /// A folder for laptops that keep their database (and its blobs) on disk.
    pub dir: tempfile::TempDir,
}

impl TestServer {
    /// The running server's state: its database is `state().db`.
    pub fn state(&self) -> &Arc<AppState<AnyDb>> {
        self.state.as_ref().expect("the server is running")
    }

    /// The server's database.
    pub fn db(&self) -> &AnyDb {
        &self.state().db
    }

    fn rt(&self) -> &tokio::runtime::Runtime {
        self.rt
            .as_ref()
            .expect("the runtime lives as long as the server")
    }

    /// Runs `f` (a database call, say) on the server's runtime, from a plain test or from inside
    /// another runtime (a `#[tokio::test]`) alike.
    pub fn block_on<F>(&self, f: F) -> F::Output
    where
        F: Future + Send,
        F::Output: Send,
    {
        let rt = self.rt();
        if tokio::runtime::Handle::try_current().is_ok() {
            std::thread::scope(|s| s.spawn(|| rt.block_on(f)).join().unwrap())
        } else {
            rt.block_on(f)
        }
    }

    /// Adds a user whose password is [`PASSWORD`]; an administrator with no grants is the
    /// county-wide bootstrap administrator (by its flag, never by its empty grants).
    pub fn user(&self, name: &str, role: Role, grants: &[Id]) {
        self.user_with(name, PASSWORD, role, grants);
    }

    /// Like [`TestServer::user`], with the password given.
    pub fn user_with(&self, name: &str, password: &str, role: Role, grants: &[Id]) {
        let hash = cheap_hash(password);
        self.block_on(self.db().add_user(name.into(), role, hash, grants.to_vec()))
            .unwrap();
        if role == Role::Admin && grants.is_empty() {
            self.county_wide(name);
        }
    }

    /// Gives `name` county-wide sight.
    pub fn county_wide(&self, name: &str) {
        self.block_on(self.db().set_county_wide(name.into(), true))
            .unwrap();
    }

    fn open(&mut self) {
        let db = if self.spec.is_empty() {
            AnyDb::Sqlite(SqliteDb::open_in_memory().unwrap())
        } else {
            let spec = self.spec.clone();
            self.block_on(async move { AnyDb::open(&spec).await })
                .unwrap()
        };
        self.state = Some(AppState::with_settings(db, self.settings.clone()));
    }

    fn listen(&mut self) {
        let listener = self
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        self.url = format!("{scheme}://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async {
            let _ = rx.await;
        };
        let state = self.state().clone();
        let serving = match self.wrap.take() {
            Some(wrap) => {
                assert!(self.tls.is_none(), "a wrapped router is served over HTTP");
                let app = wrap(linli_server::router(state));
                self.rt().spawn(async move {
                    axum::serve(listener, app)
                        .with_graceful_shutdown(shutdown)
                        .await
                })
            }
            None => {
                let tls = self
                    .tls
                    .as_ref()
                    .map(|(cert, key)| linli_server::tls::server_config(cert, key).unwrap());
                let _guard = self.rt().enter();
                self.rt()
                    .spawn(linli_server::serve_with(listener, tls, state, shutdown))
            }
        };
        self.done = Some(serving);
        self.stop = Some(tx);
    }

    /// Stops gracefully and waits until the server has finished.
    pub fn stop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(done) = self.done.take() {
            self.block_on(done).unwrap().unwrap();
        }
    }

    /// Stops gracefully and starts again on the same database with a fresh state, on a new port.
    pub fn restart(&mut self) {
        self.stop();
        self.state = None;
        self.open();
        self.listen();
    }

    /// Starts again on the database `spec` (a copy of the files, say) without stopping first, as
    /// after a power loss.
    pub fn restart_on(&mut self, spec: String) {
        self.spec = spec;
        self.restart();
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        // a runtime must not be dropped inside another one (a `#[tokio::test]`)
        if let Some(rt) = self.rt.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                rt.shutdown_background();
            } else {
                drop(rt);
            }
        }
    }
}

/// An argon2id hash of `password` with the smallest parameters argon2 allows (8 KiB, one pass).
/// The server checks a password with the parameters its hash carries, so a test's sign-in costs
/// microseconds instead of the default's 19 MiB and two passes (most of a simulation seed's CPU
/// before). Tests of password hashing itself use `linli_server::auth::hash_password`.
pub fn cheap_hash(password: &str) -> String {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let params = argon2::Params::new(8, 1, 1, None).expect("argon2's smallest parameters");
    let hasher = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let salt = SaltString::encode_b64(b"linli-test-salt").expect("a 15-byte salt");
    hasher
        .hash_password(password.as_bytes(), &salt)
        .expect("hashing with valid parameters")
        .to_string()
}
