//! Erasure and retention (issue 16 item 5) through real processes: a demo laptop syncs through a
//! real `linli serve` on 127.0.0.1; `linli admin erase --resident ID` on the server's database
//! prints what it rewrote, the laptop's next sync rewrites its copy, a laptop signing in
//! afterwards never receives the old values, `linli admin purge --moved-out-before DATE` prints
//! its count, a bad date or an unknown resident is refused, and `linli admin audit` lists both.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::common::{failed, ok, Server};

const PASSWORD: &str = "county-secret";

fn linli() -> Command {
    crate::common::linli(PASSWORD)
}

fn on(db: &Path, args: &[&str]) -> Output {
    linli().arg("--db").arg(db).args(args).output().unwrap()
}

fn export(db: &Path) -> Value {
    serde_json::from_str(&ok(on(db, &["export", "--format", "json", "--reveal"]))).unwrap()
}

#[test]
fn admin_erase_and_purge_print_what_they_changed_and_laptops_follow() {
    let dir = tempfile::tempdir().unwrap();
    let server_db = dir.path().join("server.db");
    ok(on(
        &server_db,
        &[
            "admin",
            "user",
            "add",
            "admin",
            "--role",
            "admin",
            "--county-wide",
        ],
    ));
    let server = Server::start(&server_db, PASSWORD);
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    ok(on(&a, &["demo", "--households", "3"]));
    ok(on(
        &a,
        &["login", "--server", &server.url, "--user", "admin"],
    ));
    ok(on(&a, &["sync", "--quiet"]));
    let residents = export(&a)["residents"].as_array().unwrap().clone();
    let gone = residents
        .iter()
        .find(|r| r["id_number"].as_str().is_some_and(|n| n.len() == 18))
        .expect("a demo resident with an ID number")
        .clone();
    let (id, name, number) = (
        gone["id"].as_str().unwrap().to_owned(),
        gone["name"].as_str().unwrap().to_owned(),
        gone["id_number"].as_str().unwrap().to_owned(),
    );

    let out = ok(on(&server_db, &["admin", "erase", "--resident", &id]));
    assert!(out.contains("已删除 1 位居民的个人信息"), "{out}");
    assert!(out.contains(&format!("residents {id}: ")), "{out}");
    assert!(out.contains("id_number") && out.contains("name"), "{out}");
    let count = |label: &str| -> u64 {
        let line = out.lines().find(|l| l.contains(label)).unwrap();
        line.rsplit(' ').next().unwrap().trim().parse().unwrap()
    };
    assert!(count("(log entries rewritten)") >= 1, "{out}");
    assert!(count("(redactions for laptops)") >= 1, "{out}");
    assert!(!out.contains(&number) && !out.contains(&name), "{out}");

    // the laptop that held her follows at its next sync; one signing in later never had her
    ok(on(&a, &["sync", "--quiet"]));
    ok(on(
        &b,
        &["login", "--server", &server.url, "--user", "admin"],
    ));
    ok(on(&b, &["sync", "--quiet"]));
    for db in [&a, &b] {
        let all = export(db);
        let text = all.to_string();
        assert!(!text.contains(&number), "{}", db.display());
        let her = all["residents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id.as_str())
            .unwrap()
            .clone();
        assert_eq!(her["name"], "已删除", "{her}");
    }

    // purge: nobody of the demo town moved out before 2000
    let out = ok(on(
        &server_db,
        &["admin", "purge", "--moved-out-before", "2000-01-01"],
    ));
    assert!(out.contains("已删除 0 位居民的个人信息"), "{out}");
    let bad = failed(on(
        &server_db,
        &["admin", "purge", "--moved-out-before", "2000-02-30"],
    ));
    assert!(bad.contains("YYYY-MM-DD"), "{bad}");
    let unknown = failed(on(
        &server_db,
        &[
            "admin",
            "erase",
            "--resident",
            "01900000-0000-7000-8000-000000000000",
        ],
    ));
    assert!(unknown.contains("no such resident"), "{unknown}");

    // the audit log holds both, by the operating-system account that ran them
    let audit = ok(on(&server_db, &["admin", "audit"]));
    let erase = audit
        .lines()
        .find(|l| l.contains("\tresident.erase\t"))
        .unwrap_or_else(|| panic!("{audit}"));
    assert!(
        erase.contains(&id) && erase.contains("residents=1"),
        "{erase}"
    );
    let purge = audit
        .lines()
        .find(|l| l.contains("\tresident.purge\t"))
        .unwrap_or_else(|| panic!("{audit}"));
    assert!(
        purge.contains("moved-out-before 2000-01-01") && purge.contains("residents=0"),
        "{purge}"
    );
    assert_eq!(
        audit.lines().filter(|l| l.contains("resident.")).count(),
        2,
        "the refused ones left no row: {audit}"
    );
}
