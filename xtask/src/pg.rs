//! A throwaway PostgreSQL cluster under target/ for the tests and the load run: Debian's
//! `postgresql` installed when missing, `initdb` into a fresh directory (as the `postgres` system
//! user when we run as root, since PostgreSQL refuses to run as root), listening on 127.0.0.1 on a
//! free port and on a socket directory beside the data. Dropping the [`Cluster`] stops it, also
//! when the tests failed. The cluster serves TLS too (`ssl = on`, a throwaway CA and server
//! certificate made with Debian's `openssl`), and tells the tests how to reach it over TLS
//! (`LINLI_TEST_PG_TLS`): the conformance suite then connects with `sslmode=verify-full`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{install, sh};

/// The environment the tests read: a connection URL, the data directory and the binaries, and
/// the system user to run `pg_ctl` as (empty when not root).
pub const ENV_URL: &str = "LINLI_TEST_PG";
pub const ENV_DATA: &str = "LINLI_TEST_PGDATA";
pub const ENV_BIN: &str = "LINLI_TEST_PGBIN";
pub const ENV_USER: &str = "LINLI_TEST_PGUSER";
/// The URL parameters that make a test connection TLS, verified against the cluster's CA:
/// `sslmode=verify-full&sslrootcert=<ca.pem>`.
pub const ENV_TLS: &str = "LINLI_TEST_PG_TLS";

#[derive(Debug)]
pub struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    log: PathBuf,
    port: u16,
    run_as: Option<&'static str>,
    running: bool,
    /// The CA that signed the cluster's certificate.
    ca: PathBuf,
}

/// The newest `/usr/lib/postgresql/<version>/bin` holding `initdb`.
fn bin_dir() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((v, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, b)| b)
}

fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

impl Cluster {
    /// Installs PostgreSQL when missing and starts a fresh cluster in `dir` (removed first).
    /// `durable` keeps fsync on (the load run); the tests turn it off for speed — a fast shutdown
    /// still writes everything, only a machine crash could lose data.
    pub fn start(dir: &Path, durable: bool) -> Result<Cluster> {
        Self::start_with(dir, durable, "")
    }

    /// Like [`Cluster::start`], with extra `postgresql.conf` lines.
    pub fn start_with(dir: &Path, durable: bool, extra_conf: &str) -> Result<Cluster> {
        let bin = match bin_dir() {
            Some(b) => b,
            None => {
                install::debian(&["postgresql"])?;
                bin_dir().context(
                    "postgresql is installed but no initdb under /usr/lib/postgresql/*/bin",
                )?
            }
        };
        let run_as = install::is_root().then_some("postgres");
        if dir.exists() {
            std::fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
        }
        std::fs::create_dir_all(dir)?;
        let dir = dir.canonicalize()?;
        if let Some(user) = run_as {
            sh::run(sh::cmd("chown").arg(format!("{user}:{user}")).arg(&dir))?;
        }
        let data = dir.join("data");
        let log = dir.join("postgres.log");
        let port = free_port()?;
        let mut cluster = Cluster {
            bin,
            data,
            log,
            port,
            run_as,
            running: false,
            ca: dir.join("tls/ca.pem"),
        };
        sh::run(
            cluster
                .tool("initdb")
                .args([
                    "--auth=trust",
                    "--username=linli",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                    "-D",
                ])
                .arg(&cluster.data)
                .stdout(std::process::Stdio::null()),
        )?;
        let conf = format!(
            "\n# written by cargo xtask\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\nmax_connections = 200\nfsync = {}\nfull_page_writes = {}\nshared_buffers = 128MB\n",
            dir.display(),
            if durable { "on" } else { "off" },
            if durable { "on" } else { "off" },
        );
        let (cert, key) = certificates(&dir.join("tls"), run_as)?;
        let conf = format!(
            "{conf}ssl = on\nssl_cert_file = '{}'\nssl_key_file = '{}'\n",
            cert.display(),
            key.display()
        );
        let conf_path = cluster.data.join("postgresql.conf");
        let mut text = std::fs::read_to_string(&conf_path)?;
        text.push_str(&conf);
        text.push_str(extra_conf);
        std::fs::write(&conf_path, text)?;
        cluster.pg_ctl(&["start", "-w", "-t", "60"])?;
        cluster.running = true;
        println!("PostgreSQL running: {}", cluster.url());
        Ok(cluster)
    }

    /// A command running one of the cluster's binaries, as the `postgres` user when we are root.
    fn tool(&self, name: &str) -> Command {
        let path = self.bin.join(name);
        match self.run_as {
            Some(user) => {
                let mut c = sh::cmd("runuser");
                c.args(["-u", user, "--"]).arg(path);
                c
            }
            None => sh::cmd(path),
        }
    }

    fn pg_ctl(&self, args: &[&str]) -> Result<()> {
        let status = self
            .tool("pg_ctl")
            .arg("-D")
            .arg(&self.data)
            .arg("-l")
            .arg(&self.log)
            .args(args)
            .stdout(std::process::Stdio::null())
            .status()
            .context("running pg_ctl")?;
        if !status.success() {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            bail!("pg_ctl {args:?} failed ({status}); the server's log:\n{log}");
        }
        Ok(())
    }

    pub fn url(&self) -> String {
        format!("postgres://linli@127.0.0.1:{}/postgres", self.port)
    }

    /// The environment that tells the tests where the cluster is.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            (ENV_URL, self.url()),
            (ENV_DATA, self.data.display().to_string()),
            (ENV_BIN, self.bin.display().to_string()),
            (ENV_USER, self.run_as.unwrap_or("").to_owned()),
            (
                ENV_TLS,
                format!("sslmode=verify-full&sslrootcert={}", self.ca.display()),
            ),
        ]
    }

    pub fn stop(&mut self) -> Result<()> {
        if self.running {
            self.running = false;
            self.pg_ctl(&["stop", "-w", "-m", "fast"])?;
            println!("PostgreSQL stopped");
        }
        Ok(())
    }
}

/// A throwaway CA (`ca.pem`) and a certificate for 127.0.0.1 and localhost signed by it, in
/// `dir`; the key is made private to the user the cluster runs as, as PostgreSQL demands.
fn certificates(dir: &Path, run_as: Option<&str>) -> Result<(PathBuf, PathBuf)> {
    std::fs::create_dir_all(dir)?;
    let ext = dir.join("server.ext");
    std::fs::write(
        &ext,
        "subjectAltName = IP:127.0.0.1, DNS:localhost\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\n",
    )?;
    let openssl = |args: &[&str]| -> Result<()> {
        let out = sh::cmd("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .context("running openssl (Debian's openssl package)")?;
        if !out.status.success() {
            bail!(
                "openssl {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    openssl(
        &[
            &["req", "-x509"][..],
            &ec,
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "3",
                "-subj",
                "/CN=linli test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        ]
        .concat(),
    )?;
    openssl(
        &[
            &["req"][..],
            &ec,
            &[
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=127.0.0.1",
            ],
        ]
        .concat(),
    )?;
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "3",
        "-extfile",
        "server.ext",
    ])?;
    let (cert, key) = (dir.join("server.crt"), dir.join("server.key"));
    #[cfg(unix)]
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    if let Some(user) = run_as {
        sh::run(
            sh::cmd("chown")
                .arg(format!("{user}:{user}"))
                .arg(&cert)
                .arg(&key),
        )?;
    }
    Ok((cert, key))
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Err(e) = self.stop() {
            eprintln!("xtask: could not stop PostgreSQL: {e:#}");
        }
    }
}
