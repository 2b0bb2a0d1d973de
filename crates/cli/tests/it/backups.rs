//! `linli backup` and `linli restore` as processes on real files (issue 22): a backup restores
//! byte-identical (`linli export`), onto a new laptop or over the old file (kept aside); a file
//! that is not a backup, a newer Linli's backup or a wrong PIN is refused with its code's
//! sentence and changes nothing.

use std::io::Write as _;
use std::path::Path;

use crate::common::{failed, linli_at, ok};

fn export(db: &Path) -> String {
    ok(linli_at(db, &["export", "--format", "json"]))
}

#[test]
fn a_backup_restores_byte_identical_and_a_bad_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a/linli.db");
    ok(linli_at(&a, &["demo", "--households", "60"]));
    let before = export(&a);
    let backup = dir.path().join("usb/备份.zip");
    let said = ok(linli_at(&a, &["backup", "--out", backup.to_str().unwrap()]));
    assert!(said.contains("已备份到"), "{said}");

    // a new laptop
    let b = dir.path().join("b/linli.db");
    let said = ok(linli_at(&b, &["restore", backup.to_str().unwrap()]));
    assert!(said.contains("新的设备号"), "{said}");
    assert_eq!(export(&b), before, "restored byte-identical");

    // over the laptop's own file: the old one is kept aside
    ok(linli_at(&a, &["restore", backup.to_str().unwrap()]));
    assert_eq!(export(&a), before);
    let aside = std::fs::read_dir(a.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("linli.db.before-restore-"))
        .count();
    assert_eq!(aside, 1);

    // refusals: b stays as it is
    let b_bytes = std::fs::read(&b).unwrap();
    let notes = dir.path().join("notes.zip");
    std::fs::write(&notes, "会议记录").unwrap();
    let err = failed(linli_at(&b, &["restore", notes.to_str().unwrap()]));
    assert!(err.contains("不是邻里的备份文件"), "{err}");
    assert!(err.contains("没有恢复任何内容"), "{err}");
    let newer = dir.path().join("newer.zip");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&newer).unwrap());
        z.start_file("manifest.json", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(br#"{"format":"linli-backup","version":99}"#)
            .unwrap();
        z.finish().unwrap();
    }
    let err = failed(linli_at(&b, &["restore", newer.to_str().unwrap()]));
    assert!(err.contains("较新版本的邻里"), "{err}");
    let wrong = crate::common::linli("x")
        .arg("--db")
        .arg(&b)
        .args(["restore", backup.to_str().unwrap()])
        .env("LINLI_PIN", "not-the-pin")
        .output()
        .unwrap();
    let err = failed(wrong);
    assert!(err.contains("PIN 不对"), "{err}");
    assert_eq!(std::fs::read(&b).unwrap(), b_bytes);
    assert_eq!(export(&b), before);
}
