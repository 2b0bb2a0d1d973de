//! `linli serve --config FILE` and `linli admin --config FILE` (issue 22 item 5): one TOML file
//! names the database both use and the server's settings; a flag wins over the file; an unknown
//! key or a bad value is refused before anything starts, with its catalogue code.

use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{failed, ok};

fn linli() -> Command {
    crate::common::linli("config-secret")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `linli serve` with `args`, stopped (SIGTERM) when dropped.
struct Serve(std::process::Child);

impl Serve {
    fn start(args: &[&str], port: u16) -> Serve {
        let child = linli()
            .arg("serve")
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "not listening");
            std::thread::sleep(Duration::from_millis(50));
        }
        Serve(child)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

fn health(port: u16) -> String {
    ureq_get(&format!("http://127.0.0.1:{port}/health"))
}

fn ureq_get(url: &str) -> String {
    use std::io::{Read as _, Write as _};
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_once('/').unwrap();
    let mut s = TcpStream::connect(host).unwrap();
    write!(
        s,
        "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_and_admin_read_one_file_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    let etc = dir.path().join("etc");
    std::fs::create_dir_all(&etc).unwrap();
    let port = free_port();
    let cfg = etc.join("server.toml");
    std::fs::write(
        &cfg,
        format!(
            "# the county's server\nlisten = \"127.0.0.1:{port}\"\ndatabase = \"data/linli-server.db\"\ntrusted_proxies = [\"127.0.0.1\"]\ntoken_idle_days = 30\nmax_concurrent = 64\n"
        ),
    )
    .unwrap();
    std::fs::create_dir_all(etc.join("data")).unwrap();
    // the administrator is added to the file's database (relative to the file's folder)
    ok(linli()
        .arg("admin")
        .arg("--config")
        .arg(&cfg)
        .args(["user", "add", "admin", "--role", "admin", "--county-wide"])
        .output()
        .unwrap());
    assert!(etc.join("data/linli-server.db").is_file());
    let users = ok(linli()
        .arg("admin")
        .arg("--config")
        .arg(&cfg)
        .arg("audit")
        .output()
        .unwrap());
    assert!(users.contains("admin"), "{users}");

    // the server listens where the file says, on the same database: a laptop signs in
    {
        let _srv = Serve::start(&["--config", cfg.to_str().unwrap()], port);
        assert!(health(port).starts_with("HTTP/1.1 200"));
        let laptop = dir.path().join("laptop.db");
        ok(linli()
            .arg("--db")
            .arg(&laptop)
            .args([
                "login",
                "--server",
                &format!("http://127.0.0.1:{port}"),
                "--user",
                "admin",
            ])
            .output()
            .unwrap());
    }
    // a flag wins over the file
    let other = free_port();
    let _srv = Serve::start(
        &[
            "--config",
            cfg.to_str().unwrap(),
            "--listen",
            &format!("127.0.0.1:{other}"),
        ],
        other,
    );
    assert!(health(other).starts_with("HTTP/1.1 200"));
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}

fn refused(dir: &Path, text: &str, says: &[&str]) {
    let cfg = dir.join("bad.toml");
    std::fs::write(&cfg, text).unwrap();
    let before: Vec<_> = std::fs::read_dir(dir).unwrap().collect();
    for cmd in [vec!["serve"], vec!["admin", "audit"]] {
        let mut c = linli();
        c.arg(cmd[0]).arg("--config").arg(&cfg).args(&cmd[1..]);
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = failed(out);
        assert!(err.contains("bad.toml"), "{err}");
        for s in says {
            assert!(err.contains(s), "{text}: {err}");
        }
    }
    assert_eq!(
        std::fs::read_dir(dir).unwrap().count(),
        before.len(),
        "no database made"
    );
}

#[test]
fn unknown_keys_and_bad_values_are_refused_before_anything_starts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let invalid = ["配置文件", "有误", "config_invalid"];
    refused(
        d,
        "listen = \"127.0.0.1:8470\"\nlisten_port = 8470\n",
        &[&invalid[..], &["listen_port"]].concat(),
    );
    refused(
        d,
        "listen = \"8470\"\n",
        &[&invalid[..], &["IP:端口"]].concat(),
    );
    refused(
        d,
        "token_idle_days = 0\n",
        &[&invalid[..], &["token_idle_days"]].concat(),
    );
    refused(
        d,
        "token_idle_days = \"ninety\"\n",
        &[&invalid[..], &["line 1"]].concat(),
    );
    refused(
        d,
        "trusted_proxies = [\"nginx\"]\n",
        &[&invalid[..]].concat(),
    );
    refused(
        d,
        "[tls]\ncert = \"server.crt\"\n",
        &[&invalid[..], &["key"]].concat(),
    );
    refused(
        d,
        "[tls]\ncert = \"server.crt\"\nkey = \"server.key\"\n",
        &[&invalid[..], &["tls.cert", "没有这个文件"]].concat(),
    );
    let missing = d.join("nowhere.toml");
    let out = linli()
        .args(["serve", "--config"])
        .arg(&missing)
        .output()
        .unwrap();
    let err = failed(out);
    assert!(err.contains("读不了配置文件"), "{err}");
    assert!(err.contains("config_unreadable"), "{err}");
}
