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
