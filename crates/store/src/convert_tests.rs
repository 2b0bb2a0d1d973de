//! Converting a plain file: the demo town, with rows still in its `-wal` and a photo, is encrypted
//! in place, and a crash after any step (or a wrong PIN on the next try) loses nothing.

use super::*;
use crate::{KeySource, Store};

fn pin() -> KeySource {
    KeySource::Device {
        keystore: false,
        pin: Some("482613".into()),
    }
}

/// A plain database as Linli made it before encryption: the demo town, in WAL mode with rows
/// still in its -wal, and a photo under blobs/.
fn plain_town(dir: &Path) -> (std::path::PathBuf, Vec<(String, i64)>) {
    let path = dir.join("linli.db");
    let mut store = Store::open_with(&path, &KeySource::Key([7; 32])).unwrap();
    crate::demo::generate(
        &mut store,
        crate::demo::DemoOptions {
            households: 40,
            seed: 2024,
        },
    )
    .unwrap();
    let counts = counts(store.conn()).unwrap();
    drop(store);
    // decrypt it back into a plain file, as an old Linli left it
    let plain = dir.join("plain.db");
    {
        let c = open_keyed(&path, &[7; 32]).unwrap();
        std::fs::File::create(&plain).unwrap();
        c.execute("ATTACH DATABASE ?1 AS p KEY ''", [plain.to_string_lossy()])
            .unwrap();
        c.execute_batch("SELECT sqlcipher_export('p'); DETACH DATABASE p;")
            .unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        let p = Connection::open(&plain).unwrap();
        p.pragma_update(None, "user_version", v).unwrap();
        p.pragma_update(None, "application_id", 0x4C4E_4C49)
            .unwrap();
        p.pragma_update(None, "journal_mode", "WAL").unwrap();
    }
    std::fs::rename(&plain, &path).unwrap();
    let _ = std::fs::remove_file(key::key_file_path(&path));
    // a last row that is only in the -wal when the old Linli was killed
    let p = Connection::open(&path).unwrap();
    p.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    p.execute(
        "INSERT INTO meta (key, value) VALUES ('in_the_wal', '1')",
        [],
    )
    .unwrap();
    let wal = suffixed(&path, "-wal");
    let (kept, kept_wal) = (dir.join("kept.db"), dir.join("kept.db-wal"));
    std::fs::copy(&path, &kept).unwrap();
    std::fs::copy(&wal, &kept_wal).unwrap();
    drop(p);
    std::fs::rename(&kept, &path).unwrap();
    std::fs::rename(&kept_wal, &wal).unwrap();
    assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    assert_eq!(key::file_state(&path), key::FileState::Plain);
    (path, counts)
}

#[test]
fn a_plain_file_is_encrypted_and_a_crash_at_any_step_loses_nothing() {
    for step in 1..=4u8 {
        let dir = tempfile::tempdir().unwrap();
        let (path, before) = plain_town(dir.path());
        let names: Vec<String> = Connection::open(&path)
            .unwrap()
            .prepare("SELECT name FROM residents ORDER BY id LIMIT 3")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        CRASH_AT.with(|c| c.set(step));
        let err = Store::open_with(&path, &pin()).unwrap_err();
        CRASH_AT.with(|c| c.set(0));
        assert!(err.to_string().contains("simulated crash"), "{err}");
        if step == 2 {
            // killed while writing the copy: half a file
            let tmp = suffixed(&path, ".encrypting");
            let len = std::fs::metadata(&tmp).unwrap().len();
            std::fs::OpenOptions::new()
                .write(true)
                .open(&tmp)
                .unwrap()
                .set_len(len / 2)
                .unwrap();
        }
        // the file is whole, plain or encrypted, never neither
        let state = key::file_state(&path);
        assert_eq!(
            state,
            if step == 4 {
                key::FileState::Other
            } else {
                key::FileState::Plain
            },
            "after step {step}"
        );
        // a wrong PIN on the second try changes nothing either
        let wrong = KeySource::Device {
            keystore: false,
            pin: Some("000000".into()),
        };
        let bytes = std::fs::read(&path).unwrap();
        assert!(matches!(
            Store::open_with(&path, &wrong).unwrap_err(),
            Error::WrongPin { .. }
        ));
        assert_eq!(std::fs::read(&path).unwrap(), bytes);

        let store = Store::open_with(&path, &pin()).unwrap();
        assert_eq!(key::file_state(&path), key::FileState::Other);
        let mut after = counts(store.conn()).unwrap();
        for (t, n) in &mut after {
            if t == "meta" {
                *n -= 1; // the row that was in the -wal
            }
        }
        assert_eq!(after, before, "after a crash at step {step}");
        let in_wal: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM meta WHERE key = 'in_the_wal'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(in_wal, 1);
        let again: Vec<String> = store
            .conn()
            .prepare("SELECT name FROM residents ORDER BY id LIMIT 3")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(again, names);
        assert!(!suffixed(&path, ".encrypting").exists());
        // and nothing of it reads without the key
        let raw = std::fs::read(&path).unwrap();
        assert!(!raw
            .windows(names[0].len())
            .any(|w| w == names[0].as_bytes()));
    }
}
