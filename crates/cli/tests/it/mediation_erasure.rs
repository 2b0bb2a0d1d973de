//! Erasure reaches the mediation register (issue 20 item 1, issue 16 item 5): `linli admin erase
//! --party ID` on the server replaces an outsider party's name, gender, age, phone, address and
//! unit with tombstones, and the laptop follows at its next sync; a resident party follows the
//! resident's own erasure (`--resident`): the case then shows the erased name. An unknown party
//! is refused and leaves no audit row.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};

use crate::common::{exec, failed, ok, Server};

const PASSWORD: &str = "county-secret";

fn on(db: &Path, args: &[&str]) -> Output {
    let mut c: Command = crate::common::linli(PASSWORD);
    c.arg("--db").arg(db).args(args).output().unwrap()
}

fn parties(db: &Path) -> Vec<Value> {
    let all: Value =
        serde_json::from_str(&ok(on(db, &["export", "--format", "json", "--reveal"]))).unwrap();
    all["mediation_parties"]
        .as_array()
        .unwrap_or_else(|| panic!("no mediation_parties in the export"))
        .clone()
}

#[test]
fn an_outsider_party_is_erased_when_asked_and_a_resident_party_follows_its_resident() {
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
    let a = dir.path().join("a.db");
    ok(on(&a, &["demo", "--households", "80"]));
    ok(on(
        &a,
        &["login", "--server", &server.url, "--user", "admin"],
    ));
    ok(on(&a, &["sync", "--quiet"]));
    let all = parties(&a);
    let outsider = all
        .iter()
        .find(|p| p["resident_id"].is_null() && p["phone"].as_str().is_some_and(|s| s.len() > 6))
        .unwrap_or_else(|| panic!("the demo has an outsider party: {all:?}"))
        .clone();
    let resident_party = all
        .iter()
        .find(|p| p["resident_id"].is_string())
        .expect("the demo has a resident party")
        .clone();
    let (pid, name, phone) = (
        outsider["id"].as_str().unwrap().to_owned(),
        outsider["name"].as_str().unwrap().to_owned(),
        outsider["phone"].as_str().unwrap().to_owned(),
    );

    let out = ok(on(&server_db, &["admin", "erase", "--party", &pid]));
    assert!(out.contains("已删除 1 名调解当事人的个人信息"), "{out}");
    assert!(out.contains(&format!("mediation_parties {pid}: ")), "{out}");
    assert!(out.contains("phone") && out.contains("name"), "{out}");
    assert!(!out.contains(&phone) && !out.contains(&name), "{out}");

    // the resident party's resident
    let rid = resident_party["resident_id"].as_str().unwrap().to_owned();
    let out = ok(on(&server_db, &["admin", "erase", "--resident", &rid]));
    assert!(out.contains("已删除 1 位居民的个人信息"), "{out}");

    ok(on(&a, &["sync", "--quiet"]));
    let after = parties(&a);
    let row = after.iter().find(|p| p["id"] == pid.as_str()).unwrap();
    assert_eq!(row["name"], "已删除", "{row}");
    assert_eq!(row["phone"], "", "{row}");
    assert_eq!(row["address"], "", "{row}");
    assert_eq!(row["unit"], "", "{row}");
    assert!(row["age"].is_null() && row["gender"].is_null(), "{row}");
    assert!(
        !serde_json::to_string(&after).unwrap().contains(&phone),
        "the phone is nowhere in the register's parties"
    );
    // the case shows the resident party under the erased name, read from the register
    let case = exec(
        &a,
        &[json!({"cmd": "mediation_case", "args": {"id": resident_party["case_id"]}})],
    );
    let shown = case[0]["ok"]["parties"]
        .as_array()
        .unwrap_or_else(|| panic!("{case:?}"))
        .iter()
        .find(|p| p["id"] == resident_party["id"])
        .unwrap()
        .clone();
    assert_eq!(shown["name"], "已删除", "{shown}");
    assert_eq!(shown["phone"], "", "{shown}");

    let unknown = failed(on(
        &server_db,
        &[
            "admin",
            "erase",
            "--party",
            "01900000-0000-7000-8000-000000000000",
        ],
    ));
    assert!(unknown.contains("no such mediation party"), "{unknown}");
    let audit = ok(on(&server_db, &["admin", "audit"]));
    assert_eq!(
        audit
            .lines()
            .filter(|l| l.contains("\tmediation_party.erase\t"))
            .count(),
        1,
        "{audit}"
    );
}
