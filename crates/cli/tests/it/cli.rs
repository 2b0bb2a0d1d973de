//! The `linli` binary as scripts use it: real processes on real database files.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{linli_fed, ok};
use serde_json::Value;

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn exec_round_trip_answers_each_line_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let input = r#"{"cmd":"add_place","args":{"kind":"town","name":"樟城镇"}}

this is not json
{"cmd":"add_place","args":{"kind":"community","name":"   "}}
{"cmd":"list_places","args":{"kind":"town"}}
{"cmd":"no_such_command","args":{}}
"#;
    let out = linli_fed(&db, &["exec"], input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let replies = lines(&out);
    assert_eq!(
        replies.len(),
        5,
        "one reply per non-blank line: {replies:?}"
    );
    assert_eq!(replies[0]["ok"]["name"], "樟城镇");
    let town_id = replies[0]["ok"]["id"].as_str().unwrap().to_owned();
    assert_eq!(replies[1]["error"]["kind"], "invalid");
    assert!(replies[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("第3行"));
    assert_eq!(replies[2]["error"]["message"], "名称不能为空");
    assert_eq!(replies[2]["error"]["field"], "name");
    assert_eq!(replies[3]["ok"][0]["id"], town_id.as_str());
    assert_eq!(replies[4]["error"]["kind"], "invalid");

    // the community added through exec shows in `communities list`
    let add = format!(
        r#"{{"cmd":"add_place","args":{{"kind":"community","name":"北门社区","parent_id":"{town_id}"}}}}"#
    );
    assert!(lines(&linli_fed(&db, &["exec"], &add))[0]["ok"].is_object());
    let out = linli_fed(&db, &["communities", "list", "--json"], "");
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["name"], "北门社区");
    assert_eq!(list[0]["parent_name"], "樟城镇");
}

#[test]
fn db_option_is_global_and_linli_db_is_the_fallback() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    // --db after the subcommand
    let out = Command::new(env!("CARGO_BIN_EXE_linli"))
        .args(["demo", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // LINLI_DB when no --db
    let out = Command::new(env!("CARGO_BIN_EXE_linli"))
        .args(["communities", "list"])
        .env("LINLI_DB", &db)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("北门社区\t樟城镇"), "{text}");
}

fn assert_refused(db: &Path, expect: &str) {
    let before = std::fs::read(db).ok();
    let out = linli_fed(db, &["communities", "list"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&db.display().to_string()),
        "names the file: {err}"
    );
    assert!(err.contains(expect), "{err}");
    assert_eq!(std::fs::read(db).ok(), before, "the file is left untouched");
}

#[test]
fn unusable_files_get_one_line_exit_2_and_stay_untouched() {
    let dir = tempfile::tempdir().unwrap();

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "这不是数据库\n".repeat(100)).unwrap();
    assert_refused(&text, "不是邻里(Linli)的数据库");

    let newer = dir.path().join("newer.db");
    assert!(linli_fed(&newer, &["demo"], "").status.success());
    {
        let c = mark_as_made_by_a_newer_linli(&newer);
        assert!(c.status.success());
    }
    assert_refused(&newer, "请升级邻里");

    assert_refused(dir.path(), "无法打开数据库");
}

/// Marks a database as made by a newer Linli: patches `user_version` in the SQLite header
/// (offset 60, big-endian) after a clean close has checkpointed the WAL into the main file.
fn mark_as_made_by_a_newer_linli(db: &Path) -> Output {
    // a clean close checkpoints the WAL into the main file
    let out = linli_fed(db, &["communities", "list"], "");
    // the file is encrypted (issue 16): its header's user_version is set through SQLCipher
    let c = linli_store::connect(db).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    c.pragma_update(None, "user_version", v + 1).unwrap();
    c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(c);
    let _ = std::fs::remove_file(db.with_extension("db-wal"));
    out
}

/// A community with one compound, made through `linli exec`; returns the compound's id.
fn compound(db: &Path) -> String {
    let replies = lines(&linli_fed(
        db,
        &["exec"],
        r#"{"cmd":"add_place","args":{"kind":"community","name":"北门社区"}}"#,
    ));
    let community = replies[0]["ok"]["id"].as_str().unwrap().to_owned();
    let add = format!(
        r#"{{"cmd":"add_place","args":{{"kind":"compound","name":"西门新村","parent_id":"{community}"}}}}"#
    );
    lines(&linli_fed(db, &["exec"], &add))[0]["ok"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn import_json_report_has_the_issue_shape_and_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let place = compound(&db);
    let file = dir.path().join("台账.xlsx");
    linli_sheets::synth::write_register(&file, 10).unwrap();
    let file = file.to_str().unwrap();

    let before = ok(linli_fed(&db, &["export", "--format", "json"], ""));
    let dry = ok(linli_fed(
        &db,
        &["import", file, "--into", &place, "--dry-run", "--json"],
        "",
    ));
    let report: Value = serde_json::from_str(&dry).unwrap();
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "columns",
            "created_places",
            "households",
            "refused",
            "residents",
            "warnings"
        ]
    );
    // the building the import would create, in the compound it would stand in (issue 23)
    assert_eq!(
        report["created_places"],
        serde_json::json!([{"kind": "building", "name": "1栋", "parent": "西门新村"}])
    );
    // the header mapping the import used, each column with its field (null: not used)
    let columns = report["columns"].as_array().unwrap();
    assert!(
        columns
            .iter()
            .any(|c| c["header"] == "姓名" && c["field"] == "name" && c["letter"].is_string()),
        "{columns:?}"
    );
    assert_eq!(
        report["households"],
        serde_json::json!({"created": 4, "updated": 0})
    );
    assert_eq!(
        report["residents"],
        serde_json::json!({"created": 10, "updated": 0})
    );
    assert_eq!(report["refused"], serde_json::json!([]));
    assert_eq!(
        ok(linli_fed(&db, &["export", "--format", "json"], "")),
        before,
        "a dry run writes nothing"
    );

    // without --json: a summary in Chinese; then a second import changes nothing
    let text = ok(linli_fed(&db, &["import", file, "--into", &place], ""));
    assert!(
        text.contains("已导入：住户新建 4 户、更新 0 户；居民新建 10 人、更新 0 人"),
        "{text}"
    );
    let again: Value = serde_json::from_str(&ok(linli_fed(
        &db,
        &["import", file, "--into", &place, "--json"],
        "",
    )))
    .unwrap();
    assert_eq!(again["residents"]["created"], 0);
    assert_eq!(again["residents"]["updated"], 0);
}

#[test]
fn import_refused_rows_still_exit_0_and_an_unreadable_file_is_one_line_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let place = compound(&db);
    let csv = dir.path().join("台账.csv");
    std::fs::write(
        &csv,
        "姓名,身份证号,楼栋,门牌号,与户主关系\r\n林建国,35010219500102001X,3,101,户主\r\n,,3,102,户主\r\n",
    )
    .unwrap();
    let out = linli_fed(
        &db,
        &["import", csv.to_str().unwrap(), "--into", &place, "--json"],
        "",
    );
    let report: Value = serde_json::from_str(&ok(&out)).unwrap();
    let refused = report["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 2, "{report}");
    assert_eq!(refused[0]["row"], 2);
    assert!(refused[0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("身份证号"));
    assert_eq!(refused[1]["row"], 3);
    assert_eq!(refused[1]["reason"], "缺少姓名");

    let missing = dir.path().join("没有这个文件.xlsx");
    let out = linli_fed(
        &db,
        &["import", missing.to_str().unwrap(), "--into", &place],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("没有这个文件.xlsx"), "{err}");
}

#[test]
fn exported_households_read_back_masked_unless_revealed() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let place = compound(&db);
    let file = dir.path().join("台账.xlsx");
    linli_sheets::synth::write_register(&file, 10).unwrap();
    ok(linli_fed(
        &db,
        &["import", file.to_str().unwrap(), "--into", &place],
        "",
    ));
    let head_id = linli_sheets::read_register(&file, &Default::default())
        .unwrap()
        .residents[0]
        .id_number
        .clone()
        .unwrap();

    let read = |reveal: bool| {
        let out = dir.path().join(format!("住户-{reveal}.xlsx"));
        let mut args = vec![
            "export",
            "households",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ];
        if reveal {
            args.push("--reveal");
        }
        let text = ok(linli_fed(&db, &args, ""));
        assert!(text.contains("已导出住户名单 4 行"), "{text}");
        let mut book: Xlsx<_> = open_workbook(&out).unwrap();
        book.worksheet_range("住户名单").unwrap()
    };
    let masked = read(false);
    let header: Vec<String> = masked
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "小区",
            "楼栋",
            "单元",
            "门牌号",
            "户主姓名",
            "户主身份证号",
            "人数",
            "联系电话",
            "人户状态",
            "标签",
            "备注"
        ]
    );
    let first: Vec<&Data> = masked.rows().nth(1).unwrap().iter().collect();
    assert_eq!(first[0], &Data::String("西门新村".into()));
    assert_eq!(first[1], &Data::String("1栋".into()));
    assert_eq!(first[3], &Data::String("101".into()));
    assert_eq!(
        first[5],
        &Data::String(format!("{}**********{}", &head_id[..4], &head_id[14..]))
    );
    assert!(first[7].to_string().contains("****"), "{:?}", first[7]);
    let revealed = read(true);
    assert_eq!(
        revealed.rows().nth(1).unwrap()[5],
        Data::String(head_id.clone())
    );

    // json stays the canonical export and takes no KIND; xlsx needs one
    let out = linli_fed(&db, &["export", "households", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(1));
    let out = linli_fed(&db, &["export", "--format", "csv"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("households|residents"));
}

#[test]
fn report_gives_the_stores_coverage_and_task_figures_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    ok(linli_fed(
        &db,
        &["demo", "--households", "120", "--seed", "3"],
        "",
    ));
    let out = linli_fed(&db, &["report", "coverage", "--json"], "");
    let cov: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert!(cov["from"].as_str().unwrap() < cov["to"].as_str().unwrap());
    let c = &cov["communities"][0];
    assert_eq!(c["level"], "community");
    assert_eq!(c["total"], 120);
    assert!(c["visited"].as_u64().unwrap() > 0);
    assert!(cov["grids"].as_array().unwrap().len() > 1);
    assert_eq!(cov["buildings"][0]["level"], "building");
    // --place narrows to one building; the figure is the one the store gives
    let building = cov["buildings"][0]["id"].as_str().unwrap().to_owned();
    let out = linli_fed(
        &db,
        &["report", "coverage", "--place", &building, "--json"],
        "",
    );
    let one: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(one["buildings"].as_array().unwrap().len(), 1);
    assert_eq!(one["buildings"][0], cov["buildings"][0]);

    let out = linli_fed(&db, &["report", "tasks", "--json"], "");
    let t: Value = serde_json::from_str(&ok(&out)).unwrap();
    let raised = t["raised"].as_array().unwrap().len();
    let resolved = t["resolved"].as_array().unwrap().len();
    assert!(raised > 0 && resolved > 0, "{t}");
    let rate = t["resolution_rate"].as_f64().unwrap();
    assert!((rate - resolved as f64 / raised as f64).abs() < 1e-9);
    let by_status: u64 = t["by_status"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_status as usize, raised);
    for key in [
        "on_time",
        "on_time_rate",
        "overdue",
        "average_rating",
        "from",
        "to",
    ] {
        assert!(t.get(key).is_some(), "{key} in {t}");
    }
    // the table, and a bad date said in Chinese with exit 1
    let out = linli_fed(
        &db,
        &[
            "report",
            "tasks",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ],
        "",
    );
    assert!(ok(&out).contains("办结率"));
    let out = linli_fed(&db, &["report", "coverage", "--from", "2026-02-30"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("日期“2026-02-30”无效"));
}

/// Issue 14: `linli search --json` and exec's `search` find a household by its full address
/// ("西门新村3栋1单元502", "西门新村3-1-502") and carry it, with the community.
#[test]
fn search_finds_and_carries_the_full_address() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let compound = compound(&db);
    let building = lines(&linli_fed(
        &db,
        &["exec"],
        &format!(
            r#"{{"cmd":"add_place","args":{{"kind":"building","name":"3栋","parent_id":"{compound}"}}}}"#
        ),
    ))[0]["ok"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let unit = lines(&linli_fed(
        &db,
        &["exec"],
        &format!(
            r#"{{"cmd":"add_place","args":{{"kind":"unit","name":"1单元","parent_id":"{building}"}}}}"#
        ),
    ))[0]["ok"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let added = lines(&linli_fed(
        &db,
        &["exec"],
        &format!(
            r#"{{"cmd":"add_household","args":{{"building_id":"{building}","unit_id":"{unit}","room":"502"}}}}
{{"cmd":"search","args":{{"query":"西门新村3-1-502"}}}}"#
        ),
    ));
    assert_eq!(added[0]["ok"]["address"], "西门新村3栋1单元502");
    assert_eq!(
        added[1]["ok"][0]["address"], "西门新村3栋1单元502",
        "{added:?}"
    );
    assert_eq!(added[1]["ok"][0]["community"], "北门社区");

    let hits: Value = serde_json::from_str(&ok(linli_fed(
        &db,
        &["search", "--json", "西门新村3栋1单元502"],
        "",
    )))
    .unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1, "{hits}");
    assert_eq!(hits[0]["address"], "西门新村3栋1单元502");
    assert_eq!(hits[0]["kind"], "household");
    let table = ok(linli_fed(&db, &["search", "西门新村"], ""));
    assert!(table.contains("西门新村3栋1单元502"), "{table}");
}
