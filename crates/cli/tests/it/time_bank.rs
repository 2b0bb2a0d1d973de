//! `linli report hours` and `linli ledger` on a demo database: the JSON shapes scripts rely on,
//! and the same figures as the store gives the window.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn linli(db: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_linli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LINLI_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "linli {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn report_hours_and_ledger_print_json_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let demo = linli(&db, &["demo", "--households", "300", "--seed", "3"]);
    assert!(String::from_utf8_lossy(&demo.stdout).contains("志愿者"));

    let report = json(&linli(&db, &["report", "hours", "--json"]));
    for key in [
        "from",
        "to",
        "total_hours",
        "entries",
        "volunteers",
        "pending_entries",
        "by_volunteer",
        "by_team",
        "by_category",
        "by_month",
    ] {
        assert!(report.get(key).is_some(), "report has {key}: {report}");
    }
    let total = report["total_hours"].as_f64().unwrap();
    assert!(total > 0.0);
    let by_month: f64 = report["by_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["hours"].as_f64().unwrap())
        .sum();
    assert!(
        (by_month - total).abs() < 1e-9,
        "the months add up to the total"
    );
    let row = &report["by_volunteer"][0];
    for key in ["id", "name", "hours", "entries", "volunteers"] {
        assert!(row.get(key).is_some(), "row has {key}: {row}");
    }

    let march = json(&linli(
        &db,
        &[
            "report",
            "hours",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--json",
        ],
    ));
    assert_eq!(march["from"], "2026-03-01");
    assert!(march["total_hours"].as_f64().unwrap() < total);
    let text = String::from_utf8(linli(&db, &["report", "hours"]).stdout).unwrap();
    assert!(text.contains("按服务队") && text.contains("小时"), "{text}");

    let volunteer = row["id"].as_str().unwrap();
    let st = json(&linli(&db, &["ledger", volunteer, "--json"]));
    assert_eq!(st["volunteer_id"], volunteer);
    let lines = st["lines"].as_array().unwrap();
    assert!(!lines.is_empty());
    let last = &lines[lines.len() - 1];
    assert_eq!(last["running"], st["balance"]["balance"]);
    for key in [
        "balance",
        "pending_here",
        "expired",
        "certain",
        "note",
        "open_reviews",
    ] {
        assert!(st["balance"].get(key).is_some(), "balance has {key}");
    }
    assert_eq!(
        st["balance"]["certain"], false,
        "a demo laptop never synced"
    );
    let text = String::from_utf8(linli(&db, &["ledger", volunteer]).stdout).unwrap();
    assert!(
        text.contains("积分对账单") && text.contains("余额："),
        "{text}"
    );

    let units = json(&linli(&db, &["report", "work-units", "--json"]));
    let units = units.as_array().unwrap();
    assert!(!units.is_empty());
    for key in ["work_unit", "members", "hours", "earned", "balance"] {
        assert!(units[0].get(key).is_some(), "work unit row has {key}");
    }

    let bad = Command::new(env!("CARGO_BIN_EXE_linli"))
        .arg("--db")
        .arg(&db)
        .args(["ledger", "01900000-0000-7000-8000-000000000001"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("找不到志愿者"));
}
