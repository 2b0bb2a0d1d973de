//! Reveals the county can audit (issue 16 item 3), through real processes: two administrators'
//! laptops reveal numbers and sync through a real `linli serve` on 127.0.0.1; `linli admin reveals`
//! on the server's database lists them with the signed-in user the server authenticated and its
//! own time, filtered by `--since`, `--user` and `--resident`, as a table or `--json`; the other
//! administrator's laptop receives the server's stamps.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

use crate::common::{failed, ok, Server};

const PASSWORD: &str = "county-secret";

fn linli() -> Command {
    crate::common::linli(PASSWORD)
}

fn on(db: &Path, args: &[&str]) -> Output {
    linli().arg("--db").arg(db).args(args).output().unwrap()
}

fn reveals(server_db: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["admin", "reveals", "--json"];
    args.extend_from_slice(extra);
    ok(on(server_db, &args))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn export(db: &Path) -> Value {
    serde_json::from_str(&ok(on(db, &["export", "--format", "json"]))).unwrap()
}

/// Reveals one number of a resident with `linli exec`, as the household page does.
fn reveal(db: &Path, resident: &str, field: &str) {
    let mut child = linli()
        .arg("--db")
        .arg(db)
        .arg("exec")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let req = json!({"cmd": "reveal", "args": {"resident_id": resident, "field": field}});
    writeln!(child.stdin.take().unwrap(), "{req}").unwrap();
    let out = child.wait_with_output().unwrap();
    let reply: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(reply.get("ok").is_some(), "{reply}");
}

#[test]
fn admin_reveals_lists_what_the_server_stamped_by_date_user_and_resident() {
    let dir = tempfile::tempdir().unwrap();
    let server_db = dir.path().join("server.db");
    for user in ["admin", "zhao"] {
        ok(on(
            &server_db,
            &[
                "admin",
                "user",
                "add",
                user,
                "--role",
                "admin",
                "--county-wide",
            ],
        ));
    }
    let server = Server::start(&server_db, PASSWORD);
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    ok(on(&a, &["demo", "--households", "3"]));
    for (db, user) in [(&a, "admin"), (&b, "zhao")] {
        ok(on(db, &["login", "--server", &server.url, "--user", user]));
        ok(on(db, &["sync", "--quiet"]));
    }
    ok(on(&b, &["sync", "--quiet"]));
    let residents = export(&b)["residents"].as_array().unwrap().clone();
    assert!(residents.len() >= 2, "the demo town has residents");
    let id = |i: usize| residents[i]["id"].as_str().unwrap().to_owned();
    let (r1, r2) = (id(0), id(1));

    assert!(reveals(&server_db, &[]).is_empty(), "nothing revealed yet");
    reveal(&a, &r1, "id_number");
    reveal(&b, &r2, "phone");
    for db in [&a, &b, &a] {
        ok(on(db, &["sync", "--quiet"]));
    }

    let all = reveals(&server_db, &[]);
    assert_eq!(all.len(), 2, "{all:?}");
    let by = |user: &str| all.iter().find(|e| e["user"] == user).unwrap().clone();
    let (ra, rb) = (by("admin"), by("zhao"));
    assert_eq!(
        (ra["resident_id"].as_str(), ra["field"].as_str()),
        (Some(r1.as_str()), Some("id_number"))
    );
    assert_eq!(
        (rb["resident_id"].as_str(), rb["field"].as_str()),
        (Some(r2.as_str()), Some("phone"))
    );
    for e in [&ra, &rb] {
        let at = e["received_at"].as_str().unwrap();
        assert!(at > "2026-01-01" && at.ends_with("+00:00"), "{e}");
        assert_eq!(e["county"], "default");
    }

    // the filters
    let zhao = reveals(&server_db, &["--user", "zhao"]);
    assert_eq!(zhao.len(), 1);
    assert_eq!(zhao[0]["resident_id"].as_str(), Some(r2.as_str()));
    let of_r1 = reveals(&server_db, &["--resident", &r1]);
    assert_eq!(of_r1.len(), 1);
    assert_eq!(of_r1[0]["user"], "admin");
    assert!(reveals(&server_db, &["--user", "nobody"]).is_empty());
    assert_eq!(reveals(&server_db, &["--since", "2000-01-01"]).len(), 2);
    assert!(reveals(&server_db, &["--since", "2099-01-01"]).is_empty());
    let bad = failed(on(
        &server_db,
        &["admin", "reveals", "--since", "yesterday"],
    ));
    assert!(bad.contains("YYYY-MM-DD"), "{bad}");
    let bad = failed(on(&server_db, &["admin", "reveals", "--resident", "张三"]));
    assert!(!bad.is_empty());

    // the table: one line each, the user by name and the number in words
    let table = ok(on(&server_db, &["admin", "reveals"]));
    assert_eq!(table.lines().count(), 2, "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.contains("\tadmin\tdefault\t") && l.contains("身份证号")),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.contains("\tzhao\t") && l.contains("电话")),
        "{table}"
    );

    // the administrator's laptop received zhao's reveal with the server's stamp
    let on_a = export(&a)["reveals"].as_array().unwrap().clone();
    let zhaos = on_a
        .iter()
        .find(|r| r["resident_id"].as_str() == Some(r2.as_str()))
        .expect("zhao's reveal reached the admin's laptop");
    assert_eq!(zhaos["seen_by"], rb["user_id"]);
    assert_eq!(zhaos["seen_name"], "zhao");
    assert_eq!(zhaos["seen_at"], rb["received_at"]);
    drop(server);
}

#[test]
fn export_json_masks_numbers_unless_revealed_and_a_reveal_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("laptop.db");
    ok(on(&db, &["demo", "--households", "3"]));
    let count = |v: &Value, t: &str| v[t].as_array().unwrap().len();

    let masked = export(&db);
    let residents = masked["residents"].as_array().unwrap();
    let ids: Vec<&str> = residents
        .iter()
        .filter_map(|r| r["id_number"].as_str())
        .collect();
    let phones: Vec<&str> = residents
        .iter()
        .filter_map(|r| r["phone"].as_str())
        .collect();
    assert!(
        !ids.is_empty() && !phones.is_empty(),
        "the demo town has numbers"
    );
    for id in &ids {
        assert!(id.len() == 18 && id.contains("**********"), "{id}");
    }
    for t in ["residents", "households", "people", "volunteers"] {
        for row in masked[t].as_array().unwrap() {
            if let Some(p) = row["phone"].as_str() {
                assert!(p.contains("****"), "{t}: {p}");
            }
        }
    }
    assert_eq!(
        count(&masked, "reveals"),
        0,
        "a masked export records nothing"
    );
    // written to a file the same
    let file = dir.path().join("all.json");
    ok(on(
        &db,
        &[
            "export",
            "--format",
            "json",
            "--out",
            file.to_str().unwrap(),
        ],
    ));
    assert_eq!(
        serde_json::from_str::<Value>(&std::fs::read_to_string(&file).unwrap()).unwrap(),
        masked
    );

    // --reveal: the numbers in full, and a reveal recorded per resident and number shown
    let full: Value =
        serde_json::from_str(&ok(on(&db, &["export", "--format", "json", "--reveal"]))).unwrap();
    let clear: Vec<&str> = full["residents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id_number"].as_str())
        .collect();
    assert_eq!(clear.len(), ids.len());
    for (c, m) in clear.iter().zip(&ids) {
        assert!(!c.contains('*'), "{c}");
        assert_eq!(
            (&c[..4], &c[14..]),
            (&m[..4], &m[14..]),
            "the same number, masked"
        );
    }
    let after = export(&db);
    let reveals = after["reveals"].as_array().unwrap();
    assert_eq!(reveals.len(), ids.len() + phones.len(), "{reveals:?}");
    let of = |field: &str| reveals.iter().filter(|r| r["field"] == field).count();
    assert_eq!((of("id_number"), of("phone")), (ids.len(), phones.len()));
    // the masked export after it still masks, and records nothing more
    assert_eq!(count(&export(&db), "reveals"), reveals.len());

    // the other flags stay refused with json
    let bad = failed(on(&db, &["export", "households", "--format", "json"]));
    assert!(bad.contains("--format json"), "{bad}");
}
