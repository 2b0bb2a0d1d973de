//! `linli export visits|tasks|hours` and `linli report monthly`: the lists read back with
//! calamine, and the monthly report's figures are the counts of the lists behind them.

use std::path::Path;

use crate::common::{exec_ok, linli_at as linli, ok};
use calamine::{open_workbook, Data, DataType, Range, Reader, Xlsx};
use serde_json::Value;

fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.worksheet_range(name).unwrap()
}

fn header(r: &Range<Data>) -> Vec<String> {
    r.rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// The rows below the header as text, one map per row.
fn records(r: &Range<Data>) -> Vec<Vec<String>> {
    r.rows()
        .skip(1)
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn col(r: &Range<Data>, name: &str) -> usize {
    header(r).iter().position(|h| h == name).unwrap()
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("linli.db");
    ok(linli(&db, &["demo", "--households", "120", "--seed", "3"]));
    db
}

fn export(db: &Path, out: &Path, kind: &str, extra: &[&str]) -> String {
    let format = if out.extension().unwrap() == "csv" {
        "csv"
    } else {
        "xlsx"
    };
    let mut args = vec![
        "export",
        kind,
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ok(linli(db, &args))
}

#[test]
fn visits_tasks_and_hours_export_with_chinese_headers_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for (kind, sheet_name, first, rows_at_least) in [
        ("visits", "走访名单", "走访时间", 100),
        ("tasks", "诉求名单", "点单时间", 5),
        ("hours", "志愿时长", "日期", 5),
    ] {
        let xlsx = dir.path().join(format!("{kind}.xlsx"));
        let said = export(&db, &xlsx, kind, &[]);
        let r = sheet(&xlsx, sheet_name);
        assert_eq!(header(&r)[0], first, "{kind}");
        let rows = records(&r);
        assert!(rows.len() >= rows_at_least, "{kind}: {} rows", rows.len());
        assert!(said.contains(&format!(" {} 行到", rows.len())), "{said}");
        // the csv holds the same rows, with a BOM for Excel
        let csv = dir.path().join(format!("{kind}.csv"));
        export(&db, &csv, kind, &[]);
        let bytes = std::fs::read(&csv).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text.lines().count(), rows.len() + 1, "{kind}");
        assert!(text.lines().next().unwrap().contains(first));
    }

    // visits: phones masked unless revealed, and --from/--to narrow the list
    let masked = dir.path().join("v.xlsx");
    export(&db, &masked, "visits", &[]);
    let m = sheet(&masked, "走访名单");
    let phone = col(&m, "联系电话");
    let phones: Vec<String> = records(&m).iter().map(|r| r[phone].clone()).collect();
    assert!(phones
        .iter()
        .filter(|p| !p.is_empty())
        .all(|p| p.contains("****")));
    let reveals = |db: &Path| -> Vec<Value> {
        let all: Value =
            serde_json::from_str(&ok(linli(db, &["export", "--format", "json"]))).unwrap();
        all["reveals"].as_array().unwrap().clone()
    };
    let before = reveals(&db).len();
    let revealed = dir.path().join("vr.xlsx");
    export(&db, &revealed, "visits", &["--reveal"]);
    let rv = sheet(&revealed, "走访名单");
    assert!(records(&rv)
        .iter()
        .any(|r| r[phone].len() >= 11 && !r[phone].contains('*')));
    // a revealed export is recorded like a reveal on the household page: the phones it shows
    let after = reveals(&db);
    assert!(
        after.len() > before,
        "a revealed export records who saw the numbers"
    );
    assert!(after[before..].iter().all(|r| r["field"] == "phone"));
    // a masked export records nothing
    export(&db, &dir.path().join("v2.xlsx"), "visits", &[]);
    assert_eq!(reveals(&db).len(), after.len());
    export(&db, &dir.path().join("h.xlsx"), "households", &["--reveal"]);
    let households = reveals(&db);
    assert!(households[after.len()..]
        .iter()
        .any(|r| r["field"] == "id_number"));
    let newest = records(&m)[0][0][..10].to_owned();
    let one_day = dir.path().join("v1.xlsx");
    export(
        &db,
        &one_day,
        "visits",
        &["--from", &newest, "--to", &newest],
    );
    let d = records(&sheet(&one_day, "走访名单"));
    assert!(!d.is_empty() && d.len() < records(&m).len());
    assert!(d.iter().all(|r| r[0].starts_with(&newest)));

    // households take no dates
    let out = linli(
        &db,
        &[
            "export",
            "households",
            "--format",
            "csv",
            "--from",
            "2026-01-01",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_monthly_report_is_written_and_its_figures_are_the_lists_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // the month of the newest visit: the demo's activity is recent
    let visits = dir.path().join("all.xlsx");
    export(&db, &visits, "visits", &[]);
    let month = records(&sheet(&visits, "走访名单"))[0][0][..7].to_owned();
    let year = &month[..4];

    let out = dir.path().join("月报.xlsx");
    let json = ok(linli(
        &db,
        &[
            "report",
            "monthly",
            "--month",
            &month,
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    ));
    let r: Value = serde_json::from_str(&json).unwrap();
    let fig = |key: &str, col: &str| -> f64 {
        r["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == key)
            .unwrap_or_else(|| panic!("{key} in {r}"))[col]
            .as_f64()
            .unwrap()
    };
    assert_eq!(r["cumulative_from"], format!("{year}-01-01"));
    let (from, to) = (r["from"].as_str().unwrap(), r["to"].as_str().unwrap());
    assert_eq!(from, format!("{month}-01"));

    // visits this month = rows of the visit list for the month
    let vm = dir.path().join("vm.xlsx");
    export(&db, &vm, "visits", &["--from", from, "--to", to]);
    let month_visits = records(&sheet(&vm, "走访名单")).len() as f64;
    assert!(month_visits > 0.0);
    assert_eq!(fig("visits", "month"), month_visits);

    // requests resolved year to date = rows marked 已办结 in the year's task list
    let ty = dir.path().join("ty.xlsx");
    export(
        &db,
        &ty,
        "tasks",
        &["--from", &format!("{year}-01-01"), "--to", to],
    );
    let t = sheet(&ty, "诉求名单");
    let (done, wish_cat) = (col(&t, "已办结"), col(&t, "类别"));
    let rows = records(&t);
    assert_eq!(fig("tasks_raised", "cumulative"), rows.len() as f64);
    let resolved = rows.iter().filter(|r| r[done] == "是").count() as f64;
    assert!(resolved > 0.0);
    assert_eq!(fig("tasks_resolved", "cumulative"), resolved);
    let wishes = rows
        .iter()
        .filter(|r| r[done] == "是" && r[wish_cat] == "微心愿")
        .count() as f64;
    assert_eq!(fig("micro_wishes_fulfilled", "cumulative"), wishes);

    // volunteer hours year to date = the counted hours of the year's hour list
    let hy = dir.path().join("hy.xlsx");
    export(
        &db,
        &hy,
        "hours",
        &["--from", &format!("{year}-01-01"), "--to", to],
    );
    let h = sheet(&hy, "志愿时长");
    let (counts, hours) = (col(&h, "计入时长"), col(&h, "时长（小时）"));
    let sum: f64 = h
        .rows()
        .skip(1)
        .filter(|r| r[counts] == "是")
        .map(|r| r[hours].as_f64().unwrap())
        .sum();
    assert!(sum > 0.0);
    assert!((fig("volunteer_hours", "cumulative") - sum).abs() < 1e-9);

    // households = the households list
    let hh = dir.path().join("hh.csv");
    export(&db, &hh, "households", &[]);
    let lines = std::fs::read_to_string(&hh).unwrap().lines().count() as f64;
    assert_eq!(fig("households", "month"), lines - 1.0);

    // the workbook: a title above the header, the figures, rates as fractions
    let w = sheet(&out, "月报");
    let title = w.get_value((0, 0)).unwrap().to_string();
    assert!(
        title.contains("网格工作月报") && title.contains(&month[..4]),
        "{title}"
    );
    let header: Vec<String> = w
        .rows()
        .nth(3)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[..4], ["序号", "项目", "本月", "本年累计"]);
    let visits_row = w.rows().find(|r| r[1] == "走访（户次）").unwrap();
    assert_eq!(visits_row[2].as_f64(), Some(month_visits));
    let rate_row = w.rows().find(|r| r[1] == "走访覆盖率").unwrap();
    let rate = rate_row[2].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&rate));
    assert!(!records(&sheet(&out, "走访覆盖")).is_empty());

    // a bad month is one line in Chinese, exit 1, nothing written
    let bad = dir.path().join("bad.xlsx");
    let o = linli(
        &db,
        &[
            "report",
            "monthly",
            "--month",
            "2026-13",
            "--out",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("月份"));
    assert!(!bad.exists());
}

#[test]
fn the_weekly_agenda_exports_one_row_per_item_grid_by_grid() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let communities = exec_ok(&db, r#"{"cmd":"list_places","args":{"kind":"community"}}"#);
    let community = communities[0]["id"].as_str().unwrap().to_owned();
    let agenda = exec_ok(
        &db,
        &format!(r#"{{"cmd":"weekly_agenda","args":{{"community_id":"{community}"}}}}"#),
    );
    let grids = agenda.as_array().unwrap();
    let items =
        |key: &str| -> usize { grids.iter().map(|g| g[key].as_array().unwrap().len()).sum() };
    let (tasks, visits) = (items("open_tasks"), items("unreviewed"));
    assert!(
        tasks > 0 && visits > 0,
        "the demo has both: {tasks} {visits}"
    );

    let xlsx = dir.path().join("agenda.xlsx");
    let said = export(&db, &xlsx, "agenda", &["--place", &community]);
    let r = sheet(&xlsx, "周会商议程");
    assert_eq!(header(&r)[..3], ["社区", "网格", "事项类型"]);
    let rows = records(&r);
    assert_eq!(rows.len(), tasks + visits, "one row per agenda item");
    assert!(said.contains(&format!(" {} 行到", rows.len())), "{said}");
    let kind = col(&r, "事项类型");
    assert_eq!(rows.iter().filter(|r| r[kind] == "待办诉求").count(), tasks);
    assert_eq!(
        rows.iter().filter(|r| r[kind] == "待研判走访").count(),
        visits
    );
    // grid by grid, in the agenda's order
    let grid = col(&r, "网格");
    let mut order: Vec<&str> = Vec::new();
    for row in &rows {
        if order.last() != Some(&row[grid].as_str()) {
            order.push(&row[grid]);
        }
    }
    let names: Vec<&str> = grids.iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(order, names);

    // every community when no place is given; csv too; --from is refused
    let csv = dir.path().join("agenda.csv");
    export(&db, &csv, "agenda", &[]);
    let all = std::fs::read_to_string(&csv).unwrap().lines().count() - 1;
    assert!(all >= rows.len());
    let out = linli(
        &db,
        &[
            "export",
            "agenda",
            "--format",
            "csv",
            "--from",
            "2026-01-01",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn work_unit_points_and_a_volunteers_statement_export_as_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());

    // the work units as `linli report work-units` gives them, one row each, in the same order
    let units: Value =
        serde_json::from_str(&ok(linli(&db, &["report", "work-units", "--json"]))).unwrap();
    let units = units.as_array().unwrap();
    assert!(!units.is_empty(), "the demo has party members");
    let xlsx = dir.path().join("党员积分.xlsx");
    let said = export(&db, &xlsx, "work-units", &[]);
    assert!(said.contains(&format!("{} 行", units.len())), "{said}");
    let r = sheet(&xlsx, "党员积分");
    assert_eq!(
        header(&r),
        [
            "报到单位",
            "党员人数",
            "服务时长（小时）",
            "获得积分",
            "现有积分"
        ]
    );
    let rows = records(&r);
    assert_eq!(rows.len(), units.len());
    for (row, unit) in rows.iter().zip(units) {
        assert_eq!(row[0], unit["work_unit"].as_str().unwrap());
        assert_eq!(row[3], unit["earned"].to_string());
        assert_eq!(row[4], unit["balance"].to_string());
    }
    let csv = dir.path().join("党员积分.csv");
    export(&db, &csv, "work-units", &[]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), units.len() + 1, "{text}");
    // a date range means nothing for a list of the present
    let dated = linli(
        &db,
        &[
            "export",
            "work-units",
            "--format",
            "csv",
            "--from",
            "2026-01-01",
        ],
    );
    assert_eq!(dated.status.code(), Some(1));

    // a statement: title lines naming the volunteer, then every ledger line with its balance
    let hours: Value =
        serde_json::from_str(&ok(linli(&db, &["report", "hours", "--json"]))).unwrap();
    let volunteer = hours["by_volunteer"][0]["id"].as_str().unwrap().to_owned();
    let st: Value =
        serde_json::from_str(&ok(linli(&db, &["ledger", &volunteer, "--json"]))).unwrap();
    let out = dir.path().join("对账单.xlsx");
    let said = ok(linli(
        &db,
        &["ledger", &volunteer, "--out", out.to_str().unwrap()],
    ));
    assert!(said.contains("已导出积分对账单"), "{said}");
    let r = sheet(&out, "积分对账单");
    let all: Vec<Vec<String>> = r
        .rows()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(all[0][0], "志愿服务积分对账单");
    let name = st["volunteer_name"].as_str().unwrap();
    assert!(all[1][0].contains(name), "{:?}", all[1]);
    assert!(all[2][0].starts_with("期间："), "{:?}", all[2]);
    let head = all.iter().position(|row| row[0] == "日期").unwrap();
    let lines = &all[head + 1..];
    let want = st["lines"].as_array().unwrap();
    assert_eq!(lines.len(), want.len());
    let last = lines.last().unwrap();
    assert_eq!(last[3], st["balance"]["balance"].to_string());
    assert!(all[3][0].contains(&format!("余额：{} 分", st["balance"]["balance"])));
}
