//! Two counties on one `linli serve` (issue 5), through real processes over 127.0.0.1: users added
//! with `linli admin user add … --county`, laptops that sign in by name and sync. A laptop of one
//! county never receives the other's data; `admin device list --county` shows each county's
//! laptops; a bad county id or a name taken in another county is refused and adds nothing.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{failed, ok, Server};

fn linli() -> Command {
    crate::common::linli("county-secret")
}

fn run(c: &mut Command) -> Output {
    c.output().unwrap()
}

fn admin(server_db: &Path, args: &[&str]) -> Output {
    run(linli().arg("--db").arg(server_db).arg("admin").args(args))
}

fn households(db: &Path) -> usize {
    let json = ok(run(linli()
        .arg("--db")
        .arg(db)
        .args(["export", "--format", "json"])));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["households"].as_array().map_or(0, Vec::len)
}

#[test]
fn two_counties_share_a_server_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let server_db = dir.path().join("server.db");
    ok(admin(
        &server_db,
        &[
            "user",
            "add",
            "yongtai",
            "--role",
            "admin",
            "--county-wide",
            "--county",
            "350125",
        ],
    ));
    ok(admin(
        &server_db,
        &[
            "user",
            "add",
            "gulou",
            "--role",
            "admin",
            "--county-wide",
            "--county",
            "350102",
        ],
    ));
    // refused, and nothing added
    let bad = failed(admin(
        &server_db,
        &["user", "add", "x", "--role", "admin", "--county", "永泰县"],
    ));
    assert!(bad.contains("county"), "{bad}");
    let taken = failed(admin(
        &server_db,
        &[
            "user", "add", "gulou", "--role", "admin", "--county", "350125",
        ],
    ));
    assert!(taken.contains("350102"), "{taken}");
    assert!(failed(admin(&server_db, &["user", "passwd", "x"])).contains("no such user"));

    let server = Server::start(&server_db, "county-secret");
    let url = server.url.clone();

    // 永泰 registers a town on one laptop and syncs it; a second 永泰 laptop gets it all, the
    // 鼓楼 laptop gets nothing of it
    let (a1, a2, b) = (
        dir.path().join("a1.db"),
        dir.path().join("a2.db"),
        dir.path().join("b.db"),
    );
    ok(run(linli().arg("--db").arg(&a1).args([
        "demo",
        "--households",
        "60",
    ])));
    let registered = households(&a1);
    assert!(registered > 0);
    for (db, user) in [(&a1, "yongtai"), (&a2, "yongtai"), (&b, "gulou")] {
        ok(run(linli()
            .arg("--db")
            .arg(db)
            .args(["login", "--server", &url, "--user", user])));
    }
    for db in [&a1, &a2, &b] {
        ok(run(linli().arg("--db").arg(db).arg("sync")));
    }
    assert_eq!(
        households(&a2),
        registered,
        "the second 永泰 laptop has the town"
    );
    assert_eq!(households(&b), 0, "the 鼓楼 laptop sees nothing of 永泰");

    // each county lists its own laptops
    let listed = |county: &str| {
        ok(admin(&server_db, &["device", "list", "--county", county]))
            .lines()
            .map(|l| l.split('\t').nth(1).unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(listed("350125"), ["yongtai", "yongtai"]);
    assert_eq!(listed("350102"), ["gulou"]);
    assert!(ok(admin(&server_db, &["device", "list"])).trim().is_empty());
    drop(server);
}
