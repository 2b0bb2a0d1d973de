//! linli-server: the central server many stations sync with — the axum router, accounts and
//! device tokens, scoping by grants, and one `ServerDb` trait with two backends: an embedded
//! SQLite file and PostgreSQL (`AnyDb` picks one by the URL's scheme). The rules both backends
//! apply live once, in `merge` (the push) and `scope` (sight and places); the columns a value is
//! checked against in `linli_protocol::schema`. It must not depend on linli-store (the laptop's
//! schema) nor on tauri. The protocol is described in `docs/sync-protocol.md`.

mod any;
pub mod auth;
pub mod db;
mod error;
pub mod http;
mod merge;
mod postgres;
mod scope;
mod sqlite;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use linli_domain::{Clock, Hlc};

pub use any::{is_postgres_url, AnyDb};
pub use db::{
    BlobGet, BlobPut, DeviceAuth, DeviceInfo, PullPage, ServerDb, ServerExport, UserRecord,
};
pub use error::{ApiError, Error, Result, RETRY_AFTER_SECS};
pub use http::router;
pub use postgres::{PgDb, POOL_SIZE};
pub use sqlite::SqliteDb;

/// What every request handler shares: the database and the server's clock.
pub struct AppState<D> {
    pub db: D,
    clock: Mutex<Clock>,
    requests: AtomicU64,
}

impl<D> std::fmt::Debug for AppState<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl<D: ServerDb> AppState<D> {
    pub fn new(db: D) -> Arc<Self> {
        Arc::new(AppState {
            db,
            clock: Mutex::new(Clock::default()),
            requests: AtomicU64::new(0),
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
        // a per-process random prefix keeps ids from two runs apart in one log
        (std::process::id() as u64) << 40 | n
    }
}

pub(crate) fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Serves `state` on `listener` until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve<D: ServerDb>(
    listener: tokio::net::TcpListener,
    state: Arc<AppState<D>>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr: Option<SocketAddr> = listener.local_addr().ok();
    tracing::info!(?addr, "linli server listening");
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await?;
    tracing::info!("linli server stopped; requests in flight were finished");
    Ok(())
}
