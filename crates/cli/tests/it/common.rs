//! What the CLI's process tests share: the `linli` binary with a password in its environment or
//! on a database, its output read, and a real `linli serve` on a free port of 127.0.0.1, stopped
//! (SIGTERM) when dropped. This is the binary under test, so the server here is the `linli serve`
//! process, not linli-tests' in-process `spawn_server()`.

/// The test CA and server certificate, the one copy every HTTPS test uses.
pub use linli_tests::pki;

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The `linli` binary, with `LINLI_PASSWORD` set to `password` and no `LINLI_DB` inherited.
pub fn linli(password: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_linli"));
    c.env_remove("LINLI_DB")
        .env("LINLI_PASSWORD", password)
        .env("NO_COLOR", "1");
    c
}

/// `linli --db <db> <args>`, with no `LINLI_DB` inherited: its output.
pub fn linli_at(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_linli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LINLI_DB")
        .output()
        .unwrap()
}

/// The standard output of a command that must succeed (its exit and output shown when it did
/// not).
pub fn ok(out: impl std::borrow::Borrow<Output>) -> String {
    let out = out.borrow();
    assert!(
        out.status.success(),
        "exit {:?}: {}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The standard error of a command that must fail.
pub fn failed(out: Output) -> String {
    assert!(
        !out.status.success(),
        "expected a refusal: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `linli --db <db> <args>` with `stdin` written to it, no `LINLI_DB` inherited: its output.
pub fn linli_fed(db: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_linli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LINLI_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// `linli --db <db> exec` fed `requests`, one JSON line each: its answers, one per line, in
/// order (the process must succeed).
pub fn exec(db: &Path, requests: &[serde_json::Value]) -> Vec<serde_json::Value> {
    let input: String = requests.iter().map(|r| format!("{r}\n")).collect();
    ok(linli_fed(db, &["exec"], &input))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `linli exec` with one request, written as JSON text: its `ok` answer.
pub fn exec_ok(db: &Path, request: &str) -> serde_json::Value {
    let request: serde_json::Value = serde_json::from_str(request).unwrap();
    exec(db, &[request]).remove(0)["ok"].clone()
}

/// `linli serve` on `server_db`, listening on a free port of 127.0.0.1.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub url: String,
}

impl Server {
    /// Starts the server and waits (at most 20 s) until it listens.
    pub fn start(server_db: &Path, password: &str) -> Server {
        Self::start_with(server_db, password, &[])
    }

    /// Like [`Server::start`], with more arguments to `linli serve` (`--tls-cert` …); the URL is
    /// `https://` when they include `--tls-cert`.
    pub fn start_with(server_db: &Path, password: &str, extra: &[&std::ffi::OsStr]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = linli(password)
            .arg("serve")
            .arg("--db")
            .arg(server_db)
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Server {
            child,
            url: if extra.iter().any(|a| *a == "--tls-cert") {
                format!("https://127.0.0.1:{port}")
            } else {
                format!("http://127.0.0.1:{port}")
            },
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "linli serve did not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}
