//! The real server on an in-memory SQLite, listening on 127.0.0.1, for the engine's tests. Each
//! test file adds its own laptops (`trait Laptops`) on top.

#![allow(dead_code)]

pub mod pki;

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
        Self::start_with(None)
    }

    /// The server over HTTPS with the certificate of `pki`, at `https://127.0.0.1:PORT`.
    pub fn start_tls(pki: &pki::Pki) -> Server {
        Self::start_with(Some((pki.cert.clone(), pki.key.clone())))
    }

    fn start_with(tls: Option<(std::path::PathBuf, std::path::PathBuf)>) -> Server {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let state = AppState::new(SqliteDb::open_in_memory().unwrap());
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let url = format!("{scheme}://{}", listener.local_addr().unwrap());
        let tls = tls.map(|(cert, key)| linli_server::tls::server_config(&cert, &key).unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let _guard = rt.enter();
        rt.spawn(linli_server::serve_with(
            listener,
            tls,
            state.clone(),
            async {
                let _ = rx.await;
            },
        ));
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
