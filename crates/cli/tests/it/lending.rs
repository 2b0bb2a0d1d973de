//! 米邻驿站 on the command line (issue 19): `linli report lending` and `linli export loans` on a
//! demo database, and the desk's requests through `linli exec` — a basket lent by codes, a
//! renewal refused while a hold waits, saying why.

use std::io::Write;
use std::process::Stdio;

use serde_json::Value;

use crate::common::{failed, linli_at, ok};

#[test]
fn report_lending_and_export_loans_on_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let demo = ok(linli_at(
        &db,
        &["demo", "--households", "300", "--seed", "3"],
    ));
    assert!(demo.contains("米邻驿站物品 25 种 60 件"), "{demo}");

    let f: Value =
        serde_json::from_str(&ok(linli_at(&db, &["report", "lending", "--json"]))).unwrap();
    for key in [
        "month",
        "loans",
        "active_borrowers",
        "overdue_rate",
        "lost",
        "kinds",
    ] {
        assert!(f.get(key).is_some(), "figures have {key}: {f}");
    }
    assert!(f["open"].as_u64().unwrap() > 0, "{f}");
    let text = ok(linli_at(&db, &["report", "lending"]));
    assert!(
        text.contains("借用户数") && text.contains("逾期率"),
        "{text}"
    );
    let e = failed(linli_at(&db, &["report", "lending", "--month", "2026-13"]));
    assert!(e.contains("2026-13"), "{e}");

    let out = dir.path().join("loans.csv");
    let said = ok(linli_at(
        &db,
        &[
            "export",
            "loans",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    assert!(said.contains("已导出借用记录"), "{said}");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("\u{feff}编码,物品,住户"), "{csv}");
    assert!(csv.lines().count() > 40, "every loan of the month");
    let e = failed(linli_at(&db, &["export", "loans", "--format", "xlsx"]));
    assert!(e.contains("CSV"), "{e}");
}

pub(crate) fn exec(db: &std::path::Path, lines: &[Value]) -> Vec<Value> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_linli"))
        .arg("--db")
        .arg(db)
        .arg("exec")
        .env_remove("LINLI_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for l in lines {
            writeln!(stdin, "{l}").unwrap();
        }
    }
    let out = ok(child.wait_with_output().unwrap());
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_desk_through_linli_exec() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let r = exec(
        &db,
        &[json!({"cmd": "add_place", "args": {"kind": "community", "name": "北门社区"}})],
    );
    let community = r[0]["ok"]["id"].clone();
    let r = exec(
        &db,
        &[
            json!({"cmd": "add_place", "args": {"kind": "compound", "name": "西门新村", "parent_id": community}}),
        ],
    );
    let compound = r[0]["ok"]["id"].clone();
    let r = exec(
        &db,
        &[
            json!({"cmd": "add_building", "args": {"compound_id": compound, "name": "3栋", "units": 0}}),
        ],
    );
    let building = r[0]["ok"]["id"].clone();
    let r = exec(
        &db,
        &[
            json!({"cmd": "add_household", "args": {"building_id": building, "room": "101"}}),
            json!({"cmd": "add_household", "args": {"building_id": building, "room": "102"}}),
            json!({"cmd": "add_lend_kind", "args": {"community_id": community, "name": "轮椅", "loan_days": 30}}),
        ],
    );
    let (h1, h2, kind) = (
        r[0]["ok"]["id"].clone(),
        r[1]["ok"]["id"].clone(),
        r[2]["ok"]["id"].clone(),
    );
    let r = exec(
        &db,
        &[
            json!({"cmd": "add_lend_copy", "args": {"kind_id": kind, "code": "wc-01"}}),
            json!({"cmd": "lend", "args": {"community_id": community, "household_id": h1, "codes": ["WC-01"]}}),
            json!({"cmd": "place_hold", "args": {"kind_id": kind, "household_id": h2}}),
        ],
    );
    assert_eq!(r[0]["ok"]["status"], "on_shelf", "{r:?}");
    let loan = r[1]["ok"][0]["id"].clone();
    assert_eq!(r[2]["ok"]["position"], 1, "{r:?}");
    let r = exec(
        &db,
        &[json!({"cmd": "renew_loan", "args": {"loan_id": loan}})],
    );
    let e = &r[0]["error"];
    assert_eq!(e["code"], "renew_hold_waiting", "{r:?}");
    assert_eq!(e["message"], "不能续借：有1户在排队预约“轮椅”，请按时归还");
}
