//! Two real `linli` processes syncing through a real `linli serve` over 127.0.0.1, one of them
//! killed with SIGKILL in the middle of its sync: after both sync again, their canonical exports
//! are identical, and the killed sync's second run pushes only what the server had not yet taken.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{ok, Server};

fn linli() -> Command {
    crate::common::linli("station-secret")
}

fn export(db: &Path) -> String {
    ok(linli()
        .arg("--db")
        .arg(db)
        .args(["export", "--format", "json"])
        .output()
        .unwrap())
}

/// "上传 N/TOTAL" progress lines, as `linli sync` writes them to stderr.
fn pushed_so_far(stderr: &str) -> Option<(u64, u64)> {
    let last = stderr.rsplit('\r').find(|l| l.contains("上传"))?;
    let nums = last.trim().trim_start_matches("上传").trim();
    let (sent, total) = nums.split_once('/')?;
    Some((sent.trim().parse().ok()?, total.trim().parse().ok()?))
}

#[test]
fn a_laptop_killed_mid_sync_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server_db = dir.path().join("server.db");
    ok(linli()
        .arg("admin")
        .arg("--db")
        .arg(&server_db)
        .args(["user", "add", "admin", "--role", "admin", "--county-wide"])
        .output()
        .unwrap());

    let server = Server::start(&server_db, "station-secret");
    let url = server.url.clone();

    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    ok(linli()
        .arg("--db")
        .arg(&a)
        .args(["demo", "--households", "1500"])
        .output()
        .unwrap());
    for db in [&a, &b] {
        ok(linli()
            .arg("--db")
            .arg(db)
            .args(["login", "--server", &url, "--user", "admin"])
            .output()
            .unwrap());
    }

    // A starts pushing thousands of changes; kill it once the server has taken some but not all
    let mut sync = linli()
        .arg("--db")
        .arg(&a)
        .arg("sync")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = sync.stderr.take().unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 256];
    let (sent, total) = loop {
        let n = stderr.read(&mut buf).unwrap();
        assert!(n > 0, "sync ended before it could be killed: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        if let Some((sent, total)) = pushed_so_far(&seen) {
            if sent > 0 && sent < total {
                break (sent, total);
            }
        }
    };
    sync.kill().unwrap(); // SIGKILL
    sync.wait().unwrap();
    assert!(sent < total);

    // run again: only what was not acknowledged goes up
    let again = linli().arg("--db").arg(&a).arg("sync").output().unwrap();
    let err = String::from_utf8_lossy(&again.stderr).into_owned();
    ok(again);
    let (_, rest) = pushed_so_far(&err).expect("the second sync pushed");
    assert!(rest < total, "the second sync pushed {rest} of {total}: the first run's acknowledged batches stay acknowledged");

    ok(linli().arg("--db").arg(&b).arg("sync").output().unwrap());
    ok(linli().arg("--db").arg(&a).arg("sync").output().unwrap());
    let (ea, eb) = (export(&a), export(&b));
    assert!(ea.contains("\"households\""));
    assert_eq!(ea, eb, "both laptops hold the same data");
    drop(server);
}
