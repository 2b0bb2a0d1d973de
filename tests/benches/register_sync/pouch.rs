//! PouchDB replicating the same rows as documents, its server and its laptop in two node
//! processes (`bench/pouchdb/server.js`, `pull.js`, installed with their packages by
//! `cargo xtask bench`): the server is seeded untimed, then the laptop's full pull is timed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::{cpu_of, pouchdb_dir, settle};

/// What PouchDB's full pull took.
#[derive(Debug, Clone, Copy)]
pub struct Pouch {
    pub docs: u64,
    pub seed_s: f64,
    /// The replication by the wall clock, as the laptop's process timed it.
    pub wall_s: f64,
    /// The laptop's process during the replication.
    pub client_cpu_s: f64,
    /// The server's process meanwhile (from its /proc, before the laptop started and after it
    /// ended: the server does nothing else).
    pub server_cpu_s: f64,
    /// Every HTTP body both ways, as the server counted them.
    pub bytes: u64,
}

impl Pouch {
    pub fn cpu_s(&self) -> f64 {
        self.client_cpu_s + self.server_cpu_s
    }
}

/// Stops PouchDB's server when dropped: closing its standard input ends it; killed if it lingers.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.0.stdin.take());
        for _ in 0..50 {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn run(ndjson: &Path, work: &Path) -> Result<Pouch, String> {
    let dir = pouchdb_dir();
    let mut server = Server(
        Command::new("node")
            .arg(dir.join("server.js"))
            .arg(ndjson)
            .arg(work.join("server"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run node {}: {e}", dir.join("server.js").display()))?,
    );
    let mut first = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut first)
        .map_err(|e| e.to_string())?;
    let ready: Value = serde_json::from_str(&first)
        .map_err(|e| format!("PouchDB's server did not start ({e}): {first:?}"))?;
    let url = ready["url"].as_str().ok_or("no url")?.to_owned();
    let pid = server.0.id();

    settle();
    let server_before = cpu_of(pid);
    let out = Command::new("node")
        .arg(dir.join("pull.js"))
        .arg(&url)
        .arg(work.join("laptop"))
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    let server_cpu_s = cpu_of(pid) - server_before;
    drop(server);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let p: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("{e}: {}", String::from_utf8_lossy(&out.stdout)))?;
    let _ = std::fs::remove_dir_all(work);
    Ok(Pouch {
        docs: p["docs_written"].as_u64().unwrap_or(0),
        seed_s: ready["seed_ms"].as_f64().unwrap_or(f64::NAN) / 1000.0,
        wall_s: p["full_pull_ms"].as_f64().unwrap_or(f64::NAN) / 1000.0,
        client_cpu_s: p["full_pull_cpu_s"].as_f64().unwrap_or(f64::NAN),
        server_cpu_s,
        bytes: p["bytes"].as_u64().unwrap_or(0),
    })
}
