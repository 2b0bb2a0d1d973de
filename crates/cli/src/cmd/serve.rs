//! `linli serve`: the central sync server, on an embedded SQLite file or on PostgreSQL
//! (`--db postgres://…`), over HTTPS with `--tls-cert`/`--tls-key` or plain HTTP behind a proxy.

use std::path::PathBuf;

use clap::Args;
use linli_server::{AnyDb, AppState, Settings};

use crate::Failure;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The server's settings in a TOML file (listen, database, tls, trusted_proxies,
    /// token_idle_days, max_concurrent, updates); a flag given here wins over the file
    #[arg(long, env = "LINLI_SERVER_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8470]
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// Serve HTTPS with this certificate chain (PEM, the server's certificate first)
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The private key of --tls-cert (PEM)
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// A proxy (nginx) whose X-Forwarded-For names the client, e.g. 127.0.0.1; repeatable
    #[arg(long = "trust-proxy", value_name = "IP")]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Days a laptop may go without syncing before it must sign in again [default: 90]
    #[arg(long, value_name = "DAYS")]
    pub token_idle_days: Option<u64>,
    /// Requests handled at once (more wait, then are told to come back) [default: 256]
    #[arg(long, value_name = "N")]
    pub max_concurrent: Option<usize>,
    /// Serve this folder read-only under /v1/updates/: the signed manifest.json and the
    /// installers `linli admin release sign` described (docs/updates.md)
    #[arg(long, value_name = "DIR")]
    pub updates: Option<PathBuf>,
}

/// What `linli serve` runs with: its flags over its configuration file over the defaults.
struct Resolved {
    db: Option<PathBuf>,
    listen: String,
    tls: Option<(PathBuf, PathBuf)>,
    trusted_proxies: Vec<std::net::IpAddr>,
    token_idle_days: u64,
    max_concurrent: usize,
    updates: Option<PathBuf>,
}

fn resolve(db: Option<PathBuf>, args: ServeArgs) -> Result<Resolved, Failure> {
    let file = args
        .config
        .as_deref()
        .map(super::serve_config::ServerConfig::load)
        .transpose()?
        .unwrap_or_default();
    Ok(Resolved {
        db: super::serve_config::database(db, Some(&file)),
        listen: args
            .listen
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:8470".into()),
        tls: match (args.tls_cert, args.tls_key) {
            (Some(c), Some(k)) => Some((c, k)),
            _ => file.tls.map(|t| (t.cert, t.key)),
        },
        trusted_proxies: if args.trusted_proxies.is_empty() {
            file.trusted_proxies
        } else {
            args.trusted_proxies
        },
        token_idle_days: args.token_idle_days.or(file.token_idle_days).unwrap_or(90),
        max_concurrent: args.max_concurrent.or(file.max_concurrent).unwrap_or(256),
        updates: match args.updates.or(file.updates) {
            Some(dir) if !dir.is_dir() => {
                let m = linli_domain::msg::UPDATES_DIR_MISSING;
                let said = linli_domain::args![dir = dir.display()];
                return Err(Failure {
                    code: 2,
                    message: format!("{} [{}]", m.zh(&said), m.code),
                });
            }
            dir => dir,
        },
    })
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
    let args = resolve(db, args)?;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        // colours only on a terminal: logs sent to a file stay plain text
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        // to stderr, which a systemd service sends to the journal
        .with_writer(std::io::stderr)
        .init();
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async move {
        let tls = match &args.tls {
            Some((cert, key)) => Some(
                linli_server::tls::server_config(cert, key).map_err(|e| Failure {
                    code: 2,
                    message: e.to_string(),
                })?,
            ),
            None => None,
        };
        let db = server_db(args.db).await?;
        tracing::info!(backend = db.kind(), "server database open");
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .map_err(|e| anyhow::anyhow!("无法监听 {}（{e}）(cannot listen)", args.listen))?;
        let addr = listener.local_addr()?;
        if tls.is_some() {
            println!("linli serve: listening on https://{addr}");
        } else {
            println!("linli serve: listening on http://{addr}");
            println!(
                "linli serve: 未加密 (plain HTTP, no TLS): put it behind a TLS proxy, or give --tls-cert and --tls-key"
            );
        }
        if let Some(dir) = &args.updates {
            println!("linli serve: updates from {} at /v1/updates/", dir.display());
        }
        let settings = Settings {
            trusted_proxies: args.trusted_proxies,
            token_idle: std::time::Duration::from_secs(args.token_idle_days.max(1) * 24 * 3600),
            max_concurrent: args.max_concurrent.max(1),
            updates: args.updates,
            ..Settings::default()
        };
        linli_server::serve_with(listener, tls, AppState::with_settings(db, settings), shutdown())
            .await?;
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
