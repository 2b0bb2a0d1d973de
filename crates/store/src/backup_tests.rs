//! Backups: a copy restores byte-identical (the canonical export) with its files, as a restored
//! laptop (a new device id); a foreign, damaged or newer backup, or a wrong PIN, changes nothing.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::*;
use crate::demo::{generate, DemoOptions};

const PIN: &str = "246810";

fn device(pin: &str) -> KeySource {
    KeySource::Device {
        keystore: false,
        pin: Some(pin.into()),
    }
}

fn demo_store(path: &Path) -> Store {
    let mut s = Store::open_with(path, &device(PIN)).unwrap();
    generate(
        &mut s,
        DemoOptions {
            households: 40,
            seed: 7,
        },
    )
    .unwrap();
    s
}

fn code_of(e: &Error) -> String {
    e.code().map(|(c, _)| c.to_owned()).unwrap_or_default()
}

#[test]
fn a_backup_restores_byte_identical_with_its_files_as_a_restored_laptop() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a/linli.db");
    let store = demo_store(&db);
    let photo = b"not really a jpeg, but bytes all the same".to_vec();
    let hash = hex::encode(Sha256::digest(&photo));
    store.save_blob(&hash, &photo).unwrap();
    let before = store.export_canonical().unwrap();
    let out = dir.path().join("usb/linli-backup.zip");
    let manifest = store.backup_to(&out, None).unwrap();
    assert_eq!(manifest.blobs, 1);
    assert_eq!(manifest.device_id, store.device_id());
    // the copy in the archive is encrypted: no Chinese name of the demo town shows through
    let bytes = std::fs::read(&out).unwrap();
    assert!(!bytes.windows(6).any(|w| w == "樟城".as_bytes()));
    assert!(!bytes.windows(15).any(|w| w == b"SQLite format 3"));
    let old_device = store.device_id();
    drop(store);

    // onto another laptop's folder: nothing there yet
    let db2 = dir.path().join("b/linli.db");
    let restored = restore(&db2, &out, Some(PIN)).unwrap();
    assert_eq!(restored.kept_aside, None);
    assert_ne!(
        restored.device_id, old_device,
        "a restored file takes a new device id"
    );
    let back = Store::open_with(&db2, &device(PIN)).unwrap();
    assert_eq!(back.export_canonical().unwrap(), before);
    assert_eq!(back.device_id(), restored.device_id);
    assert_eq!(back.blob_bytes(&hash).unwrap(), photo);
    assert_eq!(back.pull_cursor().unwrap(), 0);
    drop(back);

    // over the laptop's own file: the file that was there is kept aside, untouched
    let before_bytes = std::fs::read(&db).unwrap();
    let restored = restore(&db, &out, Some(PIN)).unwrap();
    let aside = restored.kept_aside.expect("the old file kept aside");
    assert_eq!(std::fs::read(&aside).unwrap(), before_bytes);
    let back = Store::open_with(&db, &device(PIN)).unwrap();
    assert_eq!(back.export_canonical().unwrap(), before);
}

/// Asserts that restoring `file` onto `db` fails with `code` and leaves `db` as it was.
fn refused(db: &Path, file: &Path, pin: Option<&str>, code: &str) {
    let before = std::fs::read(db).unwrap();
    let key_before = std::fs::read(key::key_file_path(db)).unwrap();
    let listing = |d: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let files = listing(db.parent().unwrap());
    let err = restore(db, file, pin).unwrap_err();
    assert_eq!(code_of(&err), code, "{err}");
    assert!(err.to_string().contains("没有恢复任何内容"), "{err}");
    assert_eq!(std::fs::read(db).unwrap(), before);
    assert_eq!(std::fs::read(key::key_file_path(db)).unwrap(), key_before);
    assert_eq!(listing(db.parent().unwrap()), files, "no file left behind");
}

fn zip_with(path: &Path, entries: &[(&str, &[u8])]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn a_bad_foreign_or_newer_backup_or_a_wrong_pin_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live/linli.db");
    let store = demo_store(&db);
    let good = dir.path().join("good.zip");
    store.backup_to(&good, None).unwrap();
    drop(store);
    let read = |name: &str| {
        let mut z = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut z.by_name(name).unwrap(), &mut b).unwrap();
        b
    };
    let (manifest, copy, key_text) = (read(MANIFEST), read(DB), read(KEY));

    // not a zip at all; a zip of something else
    let text = dir.path().join("notes.zip");
    std::fs::write(&text, "会议记录，不是备份。").unwrap();
    refused(&db, &text, Some(PIN), "backup_not_linli");
    let other = dir.path().join("other.zip");
    zip_with(&other, &[("readme.txt", b"hello")]);
    refused(&db, &other, Some(PIN), "backup_not_linli");
    // a newer backup format; a newer schema
    let mut m: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
    m["version"] = (BACKUP_FORMAT + 1).into();
    let newer = dir.path().join("newer.zip");
    zip_with(
        &newer,
        &[
            (MANIFEST, m.to_string().as_bytes()),
            (DB, &copy),
            (KEY, &key_text),
        ],
    );
    refused(&db, &newer, Some(PIN), "backup_too_new");
    let mut m: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
    m["schema_version"] = (crate::SCHEMA_VERSION + 1).into();
    zip_with(
        &newer,
        &[
            (MANIFEST, m.to_string().as_bytes()),
            (DB, &copy),
            (KEY, &key_text),
        ],
    );
    refused(&db, &newer, Some(PIN), "backup_too_new");
    // a damaged copy: one byte changed
    let mut bad = copy.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x55;
    let damaged_zip = dir.path().join("damaged.zip");
    zip_with(
        &damaged_zip,
        &[(MANIFEST, &manifest), (DB, &bad), (KEY, &key_text)],
    );
    refused(&db, &damaged_zip, Some(PIN), "backup_damaged");
    // a blob whose name is a path
    let mut m: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
    m["blobs"] = 1.into();
    zip_with(
        &damaged_zip,
        &[
            (MANIFEST, m.to_string().as_bytes()),
            (DB, &copy),
            (KEY, &key_text),
            ("blobs/../../evil", b"x"),
        ],
    );
    refused(&db, &damaged_zip, Some(PIN), "backup_damaged");
    // the wrong PIN, or none
    refused(&db, &good, Some("135791"), "backup_wrong_pin");
    refused(&db, &good, None, "backup_wrong_pin");
    // and the good one still restores
    restore(&db, &good, Some(PIN)).unwrap();
}

#[test]
fn a_store_in_memory_cannot_be_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open_in_memory().unwrap();
    let err = s
        .backup_to(&dir.path().join("x.zip"), Some(PIN))
        .unwrap_err();
    assert_eq!(code_of(&err), "backup_in_memory");
    assert!(!dir.path().join("x.zip").exists());
}

#[test]
fn the_plan_backs_up_daily_into_its_folder_and_refuses_what_it_cannot_do() {
    use linli_protocol::{BackupIfDue, BackupNow, GetBackupPlan, SetBackupPlan};
    let dir = tempfile::tempdir().unwrap();
    // a laptop whose key is not in a key file (the keystore's, here a given key): a PIN is needed
    let db = dir.path().join("k/linli.db");
    let mut s = Store::open_with(&db, &KeySource::Key([9; 32])).unwrap();
    let plan = s.get_backup_plan(&GetBackupPlan {}).unwrap();
    assert!(plan.needs_pin && plan.folder.is_none() && plan.last_at.is_none());
    let usb = dir.path().join("usb");
    let set = |folder: &Path, daily: bool, pin: Option<&str>| SetBackupPlan {
        folder: Some(folder.to_string_lossy().into_owned()),
        daily,
        pin: pin.map(str::to_owned),
    };
    let err = s.set_backup_plan(&set(&usb, true, Some(PIN))).unwrap_err();
    assert_eq!(code_of(&err), "backup_folder_not_found", "{err}");
    let err = s
        .set_backup_plan(&SetBackupPlan {
            folder: None,
            daily: true,
            pin: None,
        })
        .unwrap_err();
    assert_eq!(code_of(&err), "backup_folder_missing");
    std::fs::create_dir_all(&usb).unwrap();
    let err = s.set_backup_plan(&set(&usb, true, None)).unwrap_err();
    assert_eq!(code_of(&err), "backup_pin_needed");
    let err = s.set_backup_plan(&set(&usb, true, Some("12"))).unwrap_err();
    assert_eq!(code_of(&err), "pin_too_short");
    assert_eq!(
        s.get_backup_plan(&GetBackupPlan {}).unwrap(),
        plan,
        "nothing changed"
    );
    let err = s.backup_now(&BackupNow {}).unwrap_err();
    assert_eq!(code_of(&err), "backup_folder_missing");

    let plan = s.set_backup_plan(&set(&usb, true, Some(PIN))).unwrap();
    assert!(!plan.needs_pin && plan.daily);
    assert!(
        s.backup_if_due(&BackupIfDue {}).unwrap(),
        "the first is due"
    );
    let plan = s.get_backup_plan(&GetBackupPlan {}).unwrap();
    let file = PathBuf::from(plan.last_file.clone().unwrap());
    assert!(file.starts_with(&usb) && file.is_file());
    assert_eq!(plan.last_at.as_ref().map(|t| t.len()), Some(16), "{plan:?}");
    assert!(
        !s.backup_if_due(&BackupIfDue {}).unwrap(),
        "not again the same day"
    );
    // the backup opens with the backup PIN
    let before = s.export_canonical().unwrap();
    drop(s);
    let other = dir.path().join("other/linli.db");
    restore(&other, &file, Some(PIN)).unwrap();
    let back = Store::open_with(&other, &device(PIN)).unwrap();
    assert_eq!(back.export_canonical().unwrap(), before);
}
