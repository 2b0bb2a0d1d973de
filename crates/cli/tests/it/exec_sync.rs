//! `linli exec` carries out the Sync page's requests (`sync_status`, `sync_login`, `sync_now`)
//! beside the store's, with the same request and answer types as the desktop: two laptops log in
//! and sync through a real `linli serve` on 127.0.0.1, each driven only by `linli exec`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::Server;
use serde_json::{json, Value};

fn linli() -> Command {
    crate::common::linli("station-secret")
}

fn serve(dir: &Path) -> (Server, String) {
    let db = dir.join("server.db");
    let out = linli()
        .arg("admin")
        .arg("--db")
        .arg(&db)
        .args(["user", "add", "admin", "--role", "admin", "--county-wide"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let server = Server::start(&db, "station-secret");
    let url = server.url.clone();
    (server, url)
}

/// Runs `linli exec` on `db` with one request per line; returns the replies.
fn exec(db: &Path, requests: &[Value]) -> Vec<Value> {
    let mut child = linli()
        .arg("--db")
        .arg(db)
        .arg("exec")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for r in requests {
            writeln!(stdin, "{r}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let replies: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(replies.len(), requests.len(), "one reply per request");
    replies
}

fn login(url: &str, password: &str) -> Value {
    json!({"cmd": "sync_login", "args": {"server": url, "user": "admin", "password": password}})
}

#[test]
fn exec_logs_in_and_syncs_with_the_sync_page_requests() {
    let dir = tempfile::tempdir().unwrap();
    let (server, url) = serve(dir.path());
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));

    let r = exec(
        &a,
        &[
            json!({"cmd": "sync_status", "args": {}}),
            json!({"cmd": "sync_login", "args": {"server": "", "user": "admin", "password": "x"}}),
            login(&url, "wrong"),
            login(&url, "station-secret"),
            json!({"cmd": "add_place", "args": {"kind": "community", "name": "北门社区"}}),
            json!({"cmd": "sync_now", "args": {}}),
            json!({"cmd": "sync_status", "args": {}}),
            json!({"cmd": "sync_login", "args": {"server": 5}}),
        ],
    );
    assert_eq!(r[0]["ok"]["enrolled"], false, "{}", r[0]);
    assert_eq!(r[1]["error"]["field"], "server", "{}", r[1]);
    assert_eq!(r[2]["error"]["field"], "password", "{}", r[2]);
    assert_eq!(r[3]["ok"]["role"], "admin", "{}", r[3]);
    assert_eq!(r[3]["ok"]["server"], url.as_str());
    assert!(r[4]["ok"]["id"].is_string(), "{}", r[4]);
    assert_eq!(r[5]["ok"]["outcome"], "synced", "{}", r[5]);
    assert_eq!(r[6]["ok"]["enrolled"], true, "{}", r[6]);
    assert_eq!(
        r[6]["ok"]["status"]["outbox"], 0,
        "everything went up: {}",
        r[6]
    );
    assert_eq!(r[6]["ok"]["last"]["outcome"], "synced", "{}", r[6]);
    assert!(r[6]["ok"]["running"].is_null(), "{}", r[6]);
    assert!(
        r[6]["ok"]["next_auto_ms"].is_null(),
        "exec syncs only when asked: {}",
        r[6]
    );
    assert_eq!(r[7]["error"]["kind"], "invalid", "{}", r[7]);

    // a second laptop, driven the same way, gets the community
    let r = exec(
        &b,
        &[
            login(&url, "station-secret"),
            json!({"cmd": "sync_now", "args": {}}),
            json!({"cmd": "list_places", "args": {"kind": "community"}}),
        ],
    );
    assert_eq!(r[1]["ok"]["outcome"], "synced", "{}", r[1]);
    let names: Vec<&str> = r[2]["ok"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["北门社区"]);
    drop(server);
}
