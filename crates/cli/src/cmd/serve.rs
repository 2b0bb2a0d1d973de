//! `linli serve`: the central sync server, on an embedded SQLite file or on PostgreSQL
//! (`--db postgres://…`).

use std::path::PathBuf;

use clap::Args;
use linli_server::{AnyDb, AppState};

use crate::Failure;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:8470", value_name = "ADDR")]
    pub listen: String,
}

/// The server's database from `--db`: a `postgres://` (or `postgresql://`) URL, a `sqlite://PATH`
/// or a file path; the default is `linli-server.db` beside the laptop's database. Call it inside a
/// tokio runtime: PostgreSQL's connection pool lives there.
pub async fn server_db(db: Option<PathBuf>) -> Result<AnyDb, Failure> {
    let path =
        db.unwrap_or_else(|| linli_store::default_db_path().with_file_name("linli-server.db"));
    let spec = path.to_string_lossy();
    AnyDb::open(&spec).await.map_err(|e| Failure {
        code: 2,
        message: e.to_string(),
    })
}

pub fn run(db: Option<PathBuf>, args: ServeArgs) -> Result<(), Failure> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        // colours only on a terminal: logs sent to a file stay plain text
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async move {
        let db = server_db(db).await?;
        tracing::info!(backend = db.kind(), "server database open");
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .map_err(|e| anyhow::anyhow!("无法监听 {}（{e}）(cannot listen)", args.listen))?;
        println!(
            "linli serve: listening on http://{}",
            listener.local_addr()?
        );
        linli_server::serve(listener, AppState::new(db), shutdown()).await?;
        Ok::<(), Failure>(())
    })
}

/// Resolves on ctrl-c or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
