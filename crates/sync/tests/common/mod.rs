//! The real server on an in-memory SQLite, listening on 127.0.0.1, for the engine's tests. Each
//! test file adds its own laptops (`trait Laptops`) on top.

#![allow(dead_code)]

use std::sync::Arc;

use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_server::{auth, AppState, ServerDb, SqliteDb};

pub struct Server {
    pub rt: tokio::runtime::Runtime,
    pub url: String,
    pub state: Arc<AppState<SqliteDb>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    /// A folder for laptops that keep their database (and its blobs) on disk.
    pub dir: tempfile::TempDir,
}

impl Server {
    pub fn start() -> Server {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let state = AppState::new(SqliteDb::open_in_memory().unwrap());
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        rt.spawn(linli_server::serve(listener, state.clone(), async {
            let _ = rx.await;
        }));
        Server {
            rt,
            url,
            state,
            stop: Some(tx),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Adds a user whose password is "secret".
    pub fn user(&self, name: &str, role: Role, grants: &[Id]) {
        let hash = auth::hash_password("secret").unwrap();
        self.rt
            .block_on(
                self.state
                    .db
                    .add_user(name.into(), role, hash, grants.to_vec()),
            )
            .unwrap();
        // the bootstrap administrator: county-wide by its flag, never by its empty grants
        if role == Role::Admin && grants.is_empty() {
            self.rt
                .block_on(self.state.db.set_county_wide(name.into(), true))
                .unwrap();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}
