//! What the sync benchmarks share (`sync`, the thin households, and `register_sync`, the real
//! register): laptops on disk signed in to the in-process server, a transport that counts the
//! bytes on the wire, CPU seconds from /proc, the load average, a quiet machine before each timed
//! step, `perf` control, and where PouchDB was installed.

// each benchmark uses a part of this
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use linli_store::{KeySource, Store};
use linli_sync::{Engine, HttpTransport, Post, Reply, Transport};

/// Counts the bytes of every request and response body (compressed, as they cross the wire).
/// Also times the requests (a pull fetches the next page while it applies one, so their time
/// overlaps the applying).
pub struct Counting {
    pub inner: HttpTransport,
    pub bytes: u64,
    pub waited: Duration,
}

impl Transport for Counting {
    fn post(&mut self, req: Post) -> Result<Reply, String> {
        self.bytes += req.body.len() as u64;
        let t = Instant::now();
        let reply = self.inner.post(req)?;
        self.waited += t.elapsed();
        self.bytes += reply.body.len() as u64;
        Ok(reply)
    }
}

/// A sync engine talking to `url` through a [`Counting`] transport.
pub fn engine(url: &str) -> Engine<Counting> {
    Engine::new(Counting {
        inner: HttpTransport::new(url),
        bytes: 0,
        waited: Duration::ZERO,
    })
}

/// Removes the SQLite file at `path` with its write-ahead log.
pub fn fresh(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// The laptop whose file is `path` (new or not), signed in to the server at `url` as
/// `admin` (the server's county-wide administrator) under the device name `name`.
pub fn sign_in(path: &Path, name: &str, url: &str, key: &KeySource) -> Store {
    let mut s = Store::open_with(path, key).unwrap();
    let mut t = HttpTransport::new(url);
    linli_sync::login(&mut s, &mut t, url, "admin", "secret", name).unwrap();
    s
}

/// An empty laptop `dir/name.db`, signed in to the server at `url`.
pub fn laptop_with(dir: &Path, name: &str, url: &str, key: &KeySource) -> Store {
    let path = dir.join(format!("{name}.db"));
    fresh(&path);
    sign_in(&path, name, url, key)
}

/// Lets the machine settle before a timed run: `sync` (the files the steps before wrote, hundreds
/// of megabytes, would otherwise be written back by the kernel during it), then 5 s more (with
/// half a second, a full pull right after the 12 s push ran 0.1–0.2 s slower than after a pause;
/// with 5 s it did not), so that each side, Linli's pull, SQLite's upsert and PouchDB's
/// replication, starts from the same quiet machine.
pub fn settle() {
    let _ = std::process::Command::new("sync").status();
    std::thread::sleep(Duration::from_millis(5000));
}

/// Starts or stops `perf record` at a timed step when the bench runs under it with a control
/// fifo (`perf record -D -1 --control fifo:CTL` and `LINLI_PERF_CTL=CTL`), so that a profile holds
/// that step alone.
pub fn perf(what: &str) {
    if let Some(ctl) = std::env::var_os("LINLI_PERF_CTL") {
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(ctl) {
            let _ = writeln!(f, "{what}");
        }
    }
}

/// Under `perf record --switch-output=signal` with `LINLI_PERF_SWITCH` set, asks perf (this
/// process's parent) to start a new output file, so that each recorded step has its own profile.
pub fn perf_switch() {
    if std::env::var_os("LINLI_PERF_SWITCH").is_none() {
        return;
    }
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // the parent's pid is field 4, the second after the command name in parentheses
    if let Some(ppid) = stat
        .rsplit_once(')')
        .and_then(|(_, r)| r.split_whitespace().nth(1))
    {
        let _ = std::process::Command::new("kill")
            .args(["-USR2", ppid])
            .status();
    }
}

/// User and system CPU seconds from a `/proc/<pid>/stat` line: the process's own (`utime`,
/// `stime`) and, with `children`, those of its children it has waited for (`cutime`, `cstime`).
fn stat_cpu_s(stat: &str, children: bool) -> f64 {
    // after the command name in parentheses: state is field 3, utime 14, stime 15, cutime 16,
    // cstime 17, in clock ticks (100 a second on Linux)
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    let at = |i: usize| f.get(i).copied().unwrap_or(0.0);
    let own = at(11) + at(12);
    (if children { own + at(13) + at(14) } else { own }) / 100.0
}

/// CPU seconds this process (server and laptop threads alike) and the children it has waited
/// for have used so far, from /proc/self/stat: a figure that a busy machine distorts less than
/// the wall clock.
pub fn cpu_s() -> f64 {
    stat_cpu_s(
        &std::fs::read_to_string("/proc/self/stat").unwrap_or_default(),
        true,
    )
}

/// CPU seconds the running process `pid` (a child: PouchDB's server) has used so far.
pub fn cpu_of(pid: u32) -> f64 {
    stat_cpu_s(
        &std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default(),
        false,
    )
}

/// The load average over 1, 5 and 15 minutes, as /proc/loadavg says.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

/// The workspace's root.
pub fn root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::canonicalize(&root).unwrap_or(root)
}

/// Where PouchDB's packages and scripts are: `LINLI_POUCHDB_DIR` (xtask installs them under the
/// target directory's `pouchdb/` and says so), `target/pouchdb` otherwise. A relative
/// `LINLI_POUCHDB_DIR` is read from the workspace's root, where `cargo xtask bench` and
/// `cargo bench` are run from: cargo runs a benchmark in its package's folder (`tests/`), where
/// it used to be looked for and not found.
pub fn pouchdb_dir() -> PathBuf {
    let root = root();
    match std::env::var_os("LINLI_POUCHDB_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => {
            let from_root = root.join(&dir);
            if from_root.exists() || !dir.exists() {
                from_root
            } else {
                std::path::absolute(&dir).unwrap_or(dir)
            }
        }
        None => root.join("target/pouchdb"),
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// `met` or `NOT met`.
pub fn met(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}
