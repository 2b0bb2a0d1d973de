//! `linli serve --config FILE` and `linli admin --config FILE` (issue 22 item 5): the server's
//! settings in one TOML file, as a packaged server keeps them in `/etc/linli/server.toml`.
//!
//! ```toml
//! listen = "127.0.0.1:8470"
//! database = "/var/lib/linli/linli-server.db"   # or postgres://user@host/linli
//! trusted_proxies = ["127.0.0.1"]
//! token_idle_days = 90
//! max_concurrent = 256
//! updates = "/var/lib/linli/updates"            # the signed manifest and installers (docs/updates.md)
//!
//! [tls]
//! cert = "/etc/linli/tls/server.crt"
//! key = "/etc/linli/tls/server.key"
//! ```
//!
//! Every key is optional; a flag given on the command line wins over the file, the file over the
//! built-in default. Relative paths are taken from the file's folder. An unknown key, a value of
//! the wrong type, an address without a port, a zero, half a TLS pair or a TLS file that is not
//! there is refused before anything starts (catalogue codes `config_unreadable`,
//! `config_invalid`).

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use linli_domain::{args, msg};
use serde::Deserialize;

use crate::Failure;

/// The server's configuration file, as written.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    pub listen: Option<String>,
    /// A file path, `sqlite://PATH` or a `postgres://` URL.
    pub database: Option<String>,
    #[serde(default)]
    pub trusted_proxies: Vec<IpAddr>,
    pub token_idle_days: Option<u64>,
    pub max_concurrent: Option<usize>,
    pub tls: Option<TlsFiles>,
    /// The folder served under `/v1/updates/` (`linli serve --updates`).
    pub updates: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

fn invalid(file: &Path, reason: impl std::fmt::Display) -> Failure {
    coded(msg::CONFIG_INVALID, file, reason)
}

fn coded(m: msg::Msg, file: &Path, reason: impl std::fmt::Display) -> Failure {
    let a = args![file = file.display(), reason = reason];
    Failure {
        code: 2,
        message: format!("{} [{}]", m.zh(&a), m.code),
    }
}

impl ServerConfig {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<ServerConfig, Failure> {
        let text =
            std::fs::read_to_string(path).map_err(|e| coded(msg::CONFIG_UNREADABLE, path, e))?;
        let mut c: ServerConfig = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(n) => invalid(path, format!("第 {n} 行 (line {n}): {}", e.message())),
                None => invalid(path, e.message()),
            }
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        if let Some(listen) = &c.listen {
            listen.parse::<SocketAddr>().map_err(|_| {
                invalid(
                    path,
                    format!("listen = \"{listen}\" 不是 IP:端口 (not an IP:port)"),
                )
            })?;
        }
        if c.token_idle_days == Some(0) {
            return Err(invalid(path, "token_idle_days 至少为 1 (at least 1)"));
        }
        if c.max_concurrent == Some(0) {
            return Err(invalid(path, "max_concurrent 至少为 1 (at least 1)"));
        }
        if let Some(db) = &mut c.database {
            if db.trim().is_empty() {
                return Err(invalid(path, "database 是空的 (empty)"));
            }
            let is_url = db.starts_with("postgres://")
                || db.starts_with("postgresql://")
                || db.starts_with("sqlite://");
            if !is_url && Path::new(db.as_str()).is_relative() {
                *db = base.join(db.as_str()).to_string_lossy().into_owned();
            }
        }
        if let Some(dir) = &mut c.updates {
            if dir.is_relative() {
                *dir = base.join(&*dir);
            }
            if !dir.is_dir() {
                return Err(invalid(
                    path,
                    format!(
                        "updates = {}: 没有这个文件夹 (no such folder)",
                        dir.display()
                    ),
                ));
            }
        }
        if let Some(tls) = &mut c.tls {
            for (name, f) in [("cert", &mut tls.cert), ("key", &mut tls.key)] {
                if f.is_relative() {
                    *f = base.join(&*f);
                }
                if !f.is_file() {
                    return Err(invalid(
                        path,
                        format!("tls.{name} = {}: 没有这个文件 (no such file)", f.display()),
                    ));
                }
            }
        }
        Ok(c)
    }
}

/// The database of `--db` if given, else of the configuration file if one is given.
pub fn database(db: Option<PathBuf>, config: Option<&ServerConfig>) -> Option<PathBuf> {
    db.or_else(|| config.and_then(|c| c.database.clone()).map(PathBuf::from))
}
