//! `linli login` as another user hands the laptop over (issue 16 item 4), through real processes
//! on 127.0.0.1: with the previous user's laptop revoked, signing in as someone else refuses,
//! printing how many changes would be lost, and loses nothing; `--discard-unsent` goes through and
//! the laptop is the new user's. With the previous token working, the outbox goes up first.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{failed, ok, Server};

const PASSWORD: &str = "county-secret";

fn linli() -> Command {
    crate::common::linli(PASSWORD)
}

fn admin(server_db: &Path, args: &[&str]) -> String {
    ok(linli()
        .arg("--db")
        .arg(server_db)
        .arg("admin")
        .args(args)
        .output()
        .unwrap())
}

fn login(laptop: &Path, url: &str, user: &str, extra: &[&str]) -> Output {
    linli()
        .arg("--db")
        .arg(laptop)
        .args(["login", "--server", url, "--user", user])
        .args(extra)
        .output()
        .unwrap()
}

/// A community added through `linli exec`: one change in the outbox.
fn add_community(laptop: &Path, name: &str) {
    use std::io::Write;
    let mut child = linli()
        .arg("--db")
        .arg(laptop)
        .arg("exec")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(
        child.stdin.take().unwrap(),
        "{}",
        serde_json::json!({"cmd": "add_place", "args": {"kind": "community", "name": name}})
    )
    .unwrap();
    let out = ok(child.wait_with_output().unwrap());
    assert!(out.contains("\"ok\""), "{out}");
}

fn rows(laptop: &Path, sql: &str) -> i64 {
    linli_store::connect(laptop)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn another_user_refuses_while_the_previous_changes_cannot_go_unless_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let server_db = dir.path().join("server.db");
    admin(
        &server_db,
        &["user", "add", "wang", "--role", "admin", "--county-wide"],
    );
    admin(
        &server_db,
        &["user", "add", "li", "--role", "admin", "--county-wide"],
    );
    let server = Server::start(&server_db, PASSWORD);
    let laptop = dir.path().join("laptop.db");
    ok(login(&laptop, &server.url, "wang", &[]));
    add_community(&laptop, "北门社区");
    ok(linli()
        .arg("--db")
        .arg(&laptop)
        .args(["sync", "--quiet"])
        .output()
        .unwrap());
    add_community(&laptop, "南门社区");
    let journal = "SELECT count(*) FROM journal";
    assert_eq!(rows(&laptop, journal), 2);

    let list = admin(&server_db, &["device", "list"]);
    let device = list.split('\t').next().unwrap().to_owned();
    admin(&server_db, &["device", "revoke", &device]);

    let refused = failed(login(&laptop, &server.url, "li", &[]));
    assert!(
        refused.contains("wang还有1条修改没能上传"),
        "the count and the previous user: {refused}"
    );
    assert!(refused.contains("--discard-unsent"), "{refused}");
    // nothing lost
    assert_eq!(rows(&laptop, journal), 2);
    assert_eq!(rows(&laptop, "SELECT count(*) FROM places"), 2);
    assert_eq!(
        rows(
            &laptop,
            "SELECT count(*) FROM meta WHERE key = 'sync_user' AND value = 'wang'"
        ),
        1
    );

    let out = ok(login(&laptop, &server.url, "li", &["--discard-unsent"]));
    assert!(out.contains("已交接"), "{out}");
    assert_eq!(rows(&laptop, journal), 0);
    assert_eq!(rows(&laptop, "SELECT count(*) FROM places"), 0);
    // li's first pull: the community wang sent, not the one discarded
    ok(linli()
        .arg("--db")
        .arg(&laptop)
        .args(["sync", "--quiet"])
        .output()
        .unwrap());
    assert_eq!(
        rows(
            &laptop,
            "SELECT count(*) FROM places WHERE name = '北门社区'"
        ),
        1
    );
    assert_eq!(
        rows(
            &laptop,
            "SELECT count(*) FROM places WHERE name = '南门社区'"
        ),
        0
    );
    drop(server);
}
