//! `linli report dashboard`: the 统计 page's figures and ranking on the command line, checked
//! against the lists `linli export` writes for the same period, and refusals of a period that
//! does not read.

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;

use crate::common::{linli_at as linli, ok};

/// The rows of an exported list (below its header), as text.
fn exported(db: &Path, dir: &Path, kind: &str, from: &str, to: &str) -> Vec<Vec<String>> {
    let out = dir.join(format!("{kind}.xlsx"));
    let path = out.to_str().unwrap();
    ok(linli(
        db,
        &[
            "export", kind, "--format", "xlsx", "--out", path, "--from", from, "--to", to,
        ],
    ));
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .skip(1)
        .map(|r| r.iter().map(|c: &Data| c.to_string()).collect())
        .collect()
}

fn col(headers: &[String], name: &str) -> usize {
    headers.iter().position(|h| h == name).unwrap()
}

fn headers(db: &Path, dir: &Path, kind: &str) -> Vec<String> {
    let out = dir.join(format!("{kind}-h.xlsx"));
    ok(linli(
        db,
        &[
            "export",
            kind,
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn the_dashboard_counts_what_the_lists_hold_and_ranks_the_communities() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    ok(linli(&db, &["demo", "--households", "120", "--seed", "3"]));

    // the demo's volunteer hours are of 2026's first quarter, its visits and requests recent
    for (from, to) in [("2026-01-01", "2026-03-31"), ("2026-06-01", "2026-12-31")] {
        let json = ok(linli(
            &db,
            &["report", "dashboard", "--from", from, "--to", to, "--json"],
        ));
        let d: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (d["from"].as_str(), d["to"].as_str()),
            (Some(from), Some(to))
        );

        let tasks = exported(&db, dir.path(), "tasks", from, to);
        let th = headers(&db, dir.path(), "tasks");
        let yes = |rows: &[Vec<String>], c: usize| rows.iter().filter(|r| r[c] == "是").count();
        assert_eq!(d["resolution"]["den"].as_f64(), Some(tasks.len() as f64));
        assert_eq!(
            d["resolution"]["num"].as_f64(),
            Some(yes(&tasks, col(&th, "已办结")) as f64)
        );
        assert_eq!(
            d["on_time"]["num"].as_f64(),
            Some(yes(&tasks, col(&th, "按时办结")) as f64)
        );
        let sum = |key: &str| -> f64 {
            d[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["value"].as_f64().unwrap())
                .sum()
        };
        assert_eq!(sum("stages"), tasks.len() as f64);
        assert_eq!(sum("overdue"), yes(&tasks, col(&th, "逾期")) as f64);

        let hours = exported(&db, dir.path(), "hours", from, to);
        let hh = headers(&db, dir.path(), "hours");
        let counted: f64 = hours
            .iter()
            .filter(|r| r[col(&hh, "计入时长")] == "是")
            .map(|r| r[col(&hh, "时长（小时）")].parse::<f64>().unwrap())
            .sum();
        assert!(
            (sum("hours_by_category") - counted).abs() < 1e-6,
            "{counted}"
        );
        assert!((sum("hours_by_team") - counted).abs() < 1e-6, "{counted}");
        assert!(
            tasks.len() + hours.len() > 0,
            "the demo has work in {from}..{to}"
        );

        let rows = d["ranking"]["rows"].as_array().unwrap();
        assert_eq!(d["ranking"]["level"], "community");
        assert!(!rows.is_empty(), "every community is ranked");
        assert_eq!(rows[0]["rank"], 1);
        assert!(rows
            .iter()
            .all(|r| r["values"].as_array().unwrap().len() == 5));
    }

    // the text: the figures, the ranking with each column's formula and the change
    let text = ok(linli(
        &db,
        &[
            "report",
            "dashboard",
            "--from",
            "2026-01-01",
            "--to",
            "2026-03-31",
        ],
    ));
    for needle in [
        "统计　2026-01-01 至 2026-03-31（上期 2025-10-01 至 2025-12-31）",
        "走访覆盖率",
        "社区排名（晾晒）",
        "每百户逾期诉求＝本期受理诉求中期末逾期的件数 ÷ 在册住户 × 100（越低越好）",
        "较上期",
        "志愿时长（按服务类别，小时）",
    ] {
        assert!(text.contains(needle), "{needle} in\n{text}");
    }
    // a month, and last month by default
    let month = ok(linli(
        &db,
        &["report", "dashboard", "--month", "2026-03", "--json"],
    ));
    let m: Value = serde_json::from_str(&month).unwrap();
    assert_eq!(m["prev_from"], "2026-02-01");
    assert!(m["trend"].as_array().unwrap().len() >= 6);
    ok(linli(&db, &["report", "dashboard"]));
}

#[test]
fn a_period_that_does_not_read_is_refused_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    ok(linli(&db, &["demo", "--households", "30", "--seed", "1"]));
    let bad = linli(
        &db,
        &[
            "report",
            "dashboard",
            "--from",
            "2026-03-31",
            "--to",
            "2026-03-01",
        ],
    );
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("开始日期不晚于结束日期"), "{err}");
    let bad = linli(&db, &["report", "dashboard", "--month", "2026-13"]);
    assert!(!bad.status.success());
    // a month and dates together is a usage error
    let both = linli(
        &db,
        &[
            "report",
            "dashboard",
            "--month",
            "2026-03",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
        ],
    );
    assert!(!both.status.success());
}

/// A number of a register's section in the JSON.
fn register_number(d: &Value, register: &str, key: &str) -> f64 {
    let section = d["registers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == register)
        .unwrap_or_else(|| panic!("{register} in {d}"));
    section["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["key"] == key)
        .unwrap_or_else(|| panic!("{register}.{key}"))["value"]
        .as_f64()
        .unwrap()
}

#[test]
fn the_dashboard_shows_the_stations_and_the_committees_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    ok(linli(&db, &["demo", "--households", "120", "--seed", "5"]));
    // last month, as the page opens: the demo's desk lent then
    let d: Value =
        serde_json::from_str(&ok(linli(&db, &["report", "dashboard", "--json"]))).unwrap();
    let month = d["from"].as_str().unwrap()[..7].to_owned();
    let f: Value = serde_json::from_str(&ok(linli(
        &db,
        &["report", "lending", "--month", &month, "--json"],
    )))
    .unwrap();
    assert!(f["loans"].as_f64().unwrap() > 0.0, "{f}");
    for (key, theirs) in [
        ("loans", "loans"),
        ("out", "open"),
        ("overdue", "overdue"),
        ("holds", "holds_placed"),
    ] {
        assert_eq!(
            Some(register_number(&d, "lending", key)),
            f[theirs].as_f64(),
            "{key}"
        );
    }
    assert_eq!(register_number(&d, "mediation", "received"), 0.0);
    let text = ok(linli(&db, &["report", "dashboard", "--month", &month]));
    for needle in [
        "借还：借出（件次）",
        "逾期率",
        "借还·借出·按物品：",
        "人民调解：受理（件） 0",
        "调解成功率 0.0%（0/0）",
        "人民调解·受理·按纠纷类型：无",
        "议事协商：居民建议受理（条）",
        "决议诉求办结率",
        "公告值日：发布通知公告（则）",
        "值日完成率",
        "儿童托管：在册儿童（人次）",
        "志愿服务时长（小时）",
        "治安巡防：巡防（次）",
        "排班完成率",
        "巡防·按巡防队：",
        "服务圈：服务点（期末在用，个）",
        "联建活动参加人次",
        "服务点·按类型：",
    ] {
        assert!(text.contains(needle), "{needle} in\n{text}");
    }
    // 议事 and 托管 are the registers' own reports' for the month
    let s: Value = serde_json::from_str(&ok(linli(
        &db,
        &["report", "suggestions", "--month", &month, "--json"],
    )))
    .unwrap();
    assert_eq!(
        Some(register_number(&d, "councils", "suggestions")),
        s["received"].as_f64()
    );
    assert_eq!(
        Some(register_number(&d, "councils", "answered")),
        s["answered"].as_f64()
    );
    let p: Value = serde_json::from_str(&ok(linli(
        &db,
        &["report", "programmes", "--month", &month, "--json"],
    )))
    .unwrap();
    for (key, theirs) in [
        ("attendance", "attendance_days"),
        ("shifts", "shifts"),
        ("waiting", "waiting"),
    ] {
        assert_eq!(
            Some(register_number(&d, "programmes", key)),
            p[theirs].as_f64(),
            "{key}"
        );
    }
    // 巡防 and 服务圈 are the registers' own reports' for the month
    let p: Value = serde_json::from_str(&ok(linli(
        &db,
        &["report", "patrols", "--month", &month, "--json"],
    )))
    .unwrap();
    for key in ["done", "missed", "findings", "requests"] {
        assert_eq!(
            Some(register_number(&d, "patrols", key)),
            p[key].as_f64(),
            "patrols.{key}"
        );
    }
    let c: Value = serde_json::from_str(&ok(linli(
        &db,
        &["report", "circle", "--month", &month, "--json"],
    )))
    .unwrap();
    assert!(c["points"].as_f64().unwrap() > 0.0, "{c}");
    for (key, theirs) in [
        ("points", "points"),
        ("shared", "shared_points"),
        ("activities", "activities"),
        ("participants", "participants"),
    ] {
        assert_eq!(
            Some(register_number(&d, "circle", key)),
            c[theirs].as_f64(),
            "circle.{key}"
        );
    }
}
