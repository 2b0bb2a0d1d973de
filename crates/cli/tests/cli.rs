//! The `linli` binary as scripts use it: real processes on real database files.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn linli(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_linli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LINLI_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

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
    let out = linli(&db, &["exec"], input);
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
    assert!(lines(&linli(&db, &["exec"], &add))[0]["ok"].is_object());
    let out = linli(&db, &["communities", "list", "--json"], "");
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
    let out = linli(db, &["communities", "list"], "");
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
    assert!(linli(&newer, &["demo"], "").status.success());
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
    let out = linli(db, &["communities", "list"], "");
    let mut bytes = std::fs::read(db).unwrap();
    let v = u32::from_be_bytes(bytes[60..64].try_into().unwrap());
    bytes[60..64].copy_from_slice(&(v + 1).to_be_bytes());
    std::fs::write(db, bytes).unwrap();
    let _ = std::fs::remove_file(db.with_extension("db-wal"));
    out
}
