//! `linli serve` as a process of its own, and what it costs in CPU and memory.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::client::agent;

/// The server process and its memory.
pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
}

impl Server {
    pub(crate) fn start(
        bin: &str,
        spec: &str,
        tls: Option<&(String, std::path::PathBuf, std::path::PathBuf)>,
    ) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut cmd = Command::new(bin);
        cmd.args([
            "--db",
            spec,
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ]);
        if let Some((_, cert, key)) = tls {
            cmd.arg("--tls-cert").arg(cert).arg("--tls-key").arg(key);
        }
        let child = cmd
            // the guesser's failed sign-ins are logged as warnings; keep the report readable
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("LINLI_BIN starts");
        let scheme = if tls.is_some() { "https" } else { "http" };
        let base = format!("{scheme}://127.0.0.1:{port}");
        let t = Instant::now();
        let a = agent();
        while a.get(format!("{base}/health")).call().is_err() {
            assert!(
                t.elapsed() < Duration::from_secs(30),
                "the server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, base }
    }

    /// CPU seconds the server has used (user + system).
    pub(crate) fn cpu_secs(&self) -> f64 {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
        let f: Vec<u64> = after
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        // after the command name: state, then numbers; utime and stime are fields 14 and 15
        let ticks = f.get(10).copied().unwrap_or(0) + f.get(11).copied().unwrap_or(0);
        ticks as f64 / 100.0
    }

    pub(crate) fn rss_kib(&self) -> u64 {
        let mut s = String::new();
        let _ = std::fs::File::open(format!("/proc/{}/status", self.child.id()))
            .and_then(|mut f| f.read_to_string(&mut s));
        s.lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
