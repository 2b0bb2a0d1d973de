//! linli-server: the central server many stations sync with — the axum router, accounts and
//! device tokens, scoping by grants, and one `ServerDb` trait with two backends: an embedded
//! SQLite file and PostgreSQL (`AnyDb` picks one by the URL's scheme). The rules both backends
//! apply live once, in `merge` (the push) and `scope` (sight and places); the columns a value is
//! checked against in `linli_protocol::schema`. It serves HTTPS itself when given a certificate
//! (`tls`), bounds what a request may cost (`limits`), and keeps accounts over time — disabled
//! users, expiring tokens, the audit log and the sign-in guard (`accounts`). It must not depend on
//! linli-store (the laptop's schema) nor on tauri. The protocol is described in
//! `docs/sync-protocol.md`.

pub mod accounts;
mod any;
pub mod auth;
pub mod db;
pub mod erase;
mod error;
pub mod http;
pub mod limits;
mod merge;
mod postgres;
mod privacy;
mod scope;
mod sqlite;
pub mod tls;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use linli_domain::{Clock, Hlc};

pub use accounts::{Accounts, AuditEntry, DeviceCheck, RevealEntry, RevealFilter, UserInfo};
pub use any::{is_postgres_url, AnyDb};
pub use db::{
    BlobGet, BlobPut, DeviceAuth, DeviceInfo, PullPage, ServerDb, ServerExport, UserRecord,
};
pub use erase::{Erase, ErasureReport, Which};
pub use error::{ApiError, Error, Result, RETRY_AFTER_SECS};
pub use http::router;
pub use limits::Settings;
pub use postgres::{PgDb, POOL_SIZE};
pub use sqlite::SqliteDb;

/// What every request handler shares: the database, the server's clock, its settings, the
/// request slots and the sign-in guard.
pub struct AppState<D> {
    pub db: D,
    pub settings: Settings,
    clock: Mutex<Clock>,
    requests: AtomicU64,
    /// A random prefix of this run's request ids (not the process id: ids are shown to clients).
    run: u64,
    pub(crate) slots: Arc<tokio::sync::Semaphore>,
    pub(crate) guard: accounts::guard::Guard,
}

impl<D> std::fmt::Debug for AppState<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl<D: ServerDb> AppState<D> {
    pub fn new(db: D) -> Arc<Self> {
        Self::with_settings(db, Settings::default())
    }

    pub fn with_settings(db: D, settings: Settings) -> Arc<Self> {
        let mut run = [0u8; 8];
        let _ = getrandom::fill(&mut run);
        Arc::new(AppState {
            db,
            clock: Mutex::new(Clock::default()),
            requests: AtomicU64::new(0),
            run: u64::from_le_bytes(run) & 0xff_ffff,
            slots: Arc::new(tokio::sync::Semaphore::new(settings.max_concurrent.max(1))),
            guard: accounts::guard::Guard::default(),
            settings,
        })
    }

    /// The server's HLC now, sent back on every answer so laptops adopt it.
    pub fn server_time(&self) -> Hlc {
        self.clock
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .tick(now_ms())
    }

    fn next_request_id(&self) -> u64 {
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        // a random prefix per run keeps ids from two runs apart in one log
        self.run << 40 | (n & 0xff_ffff_ffff)
    }
}

pub(crate) fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Creates `path` readable and writable by its owner only (0600 on Unix) if it does not exist,
/// so the server's database — password hashes, every resident's record — is not world-readable.
/// SQLite gives its `-wal` and `-shm` files the same mode.
pub(crate) fn create_private(path: &std::path::Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::Invalid(format!("{}: {e}", path.display()))),
    }
}

/// Serves `state` over plain HTTP on `listener` until `shutdown` resolves, then finishes the
/// requests in flight (for at most the settings' shutdown deadline).
pub async fn serve<D: ServerDb>(
    listener: tokio::net::TcpListener,
    state: Arc<AppState<D>>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, None, state, shutdown).await
}

/// Serves `state` on `listener`, over HTTPS when `tls` is given, until `shutdown` resolves; then
/// finishes the requests in flight, waiting for them at most [`Settings::shutdown_deadline`].
pub async fn serve_with<D: ServerDb>(
    listener: tokio::net::TcpListener,
    tls: Option<Arc<rustls::ServerConfig>>,
    state: Arc<AppState<D>>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr: Option<SocketAddr> = listener.local_addr().ok();
    let deadline = state.settings.shutdown_deadline;
    let stopping = Arc::new(tokio::sync::Notify::new());
    let signal = {
        let stopping = stopping.clone();
        async move {
            shutdown.await;
            stopping.notify_one();
        }
    };
    let app = router(state).into_make_service_with_connect_info::<limits::ClientAddr>();
    let served = async {
        match tls {
            Some(config) => {
                tracing::info!(?addr, "linli server listening (HTTPS)");
                let listener = tls::TlsListener::new(listener, config)?;
                axum::serve(listener, app)
                    .with_graceful_shutdown(signal)
                    .await
            }
            None => {
                tracing::info!(?addr, "linli server listening (plain HTTP)");
                axum::serve(listener, app)
                    .with_graceful_shutdown(signal)
                    .await
            }
        }
    };
    let overdue = async {
        stopping.notified().await;
        tokio::time::sleep(deadline).await;
    };
    tokio::select! {
        r = served => {
            r?;
            tracing::info!("linli server stopped; requests in flight were finished");
        }
        () = overdue => {
            tracing::warn!(secs = deadline.as_secs(), "linli server stopped; requests still running after the shutdown deadline were cut off");
        }
    }
    Ok(())
}
