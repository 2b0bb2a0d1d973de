//! A plain database (made before issue 16) becomes an encrypted one on its first open: the plain
//! file is made whole (its `-wal` folded in), exported into `<file>.encrypting` with the key
//! (`sqlcipher_export`), the copy is checked (integrity, and every table's row count against the
//! plain file's), and only then renamed over the plain file. A crash at any step leaves the plain
//! file as it was (and a stale copy, made again on the next open) or the checked encrypted one.

use std::path::Path;

use rusqlite::Connection;

use crate::key::{self, Key};
use crate::open::{open_keyed, suffixed};
use crate::{Error, Result};

/// Converts the plain database at `path` to one encrypted with `key`, in place.
pub(crate) fn to_encrypted(path: &Path, key: &Key) -> Result<()> {
    let fail = |reason: String| Error::Open {
        path: path.to_owned(),
        reason: format!("加密数据库时出错，原文件未改动：{reason}"),
    };
    let tmp = suffixed(path, ".encrypting");
    // 1. everything in the plain file itself, no -wal beside it
    {
        let plain = Connection::open(path).map_err(|e| fail(e.to_string()))?;
        plain.busy_timeout(std::time::Duration::from_secs(5))?;
        plain.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let mode: String = plain.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(fail(format!("另一个程序正在使用它（{mode}）")));
        }
    }
    crash_point(1)?;
    // 2. a fresh encrypted copy
    for stale in [
        tmp.clone(),
        suffixed(&tmp, "-journal"),
        suffixed(&tmp, "-wal"),
    ] {
        let _ = std::fs::remove_file(stale);
    }
    key::create_private(&tmp).map_err(|e| fail(e.to_string()))?;
    let tables = {
        let plain = Connection::open(path).map_err(|e| fail(e.to_string()))?;
        let page_size: i64 = plain.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let app_id: i64 = plain.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = plain.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        plain.execute(
            "ATTACH DATABASE ?1 AS enc KEY ?2",
            rusqlite::params![tmp.to_string_lossy(), format!("x'{}'", hex::encode(key))],
        )?;
        plain.execute_batch(&format!(
            "PRAGMA enc.cipher_page_size = {page_size};
             SELECT sqlcipher_export('enc');
             PRAGMA enc.user_version = {version};
             PRAGMA enc.application_id = {app_id};
             DETACH DATABASE enc;"
        ))?;
        counts(&plain)?
    };
    crash_point(2)?;
    // 3. the copy opens with the key, is whole and holds every row
    {
        let enc = open_keyed(&tmp, key)?;
        let ok: String = enc.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ok != "ok" {
            let _ = std::fs::remove_file(&tmp);
            return Err(fail(format!("加密副本校验失败：{ok}")));
        }
        let copied = counts(&enc)?;
        if copied != tables {
            let _ = std::fs::remove_file(&tmp);
            return Err(fail("加密副本的行数与原文件不同".into()));
        }
    }
    crash_point(3)?;
    // 4. the checked copy takes the plain file's place (one rename: either file is whole)
    std::fs::rename(&tmp, path).map_err(|e| fail(e.to_string()))?;
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    crash_point(4)?;
    Ok(())
}

/// Every table's name and row count.
fn counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let names: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    names
        .into_iter()
        .map(|n| {
            let c: i64 = conn.query_row(
                &format!("SELECT count(*) FROM main.\"{}\"", n.replace('"', "\"\"")),
                [],
                |r| r.get(0),
            )?;
            Ok((n, c))
        })
        .collect()
}

#[cfg(test)]
thread_local! {
    /// The step after which a test makes the conversion stop as if the process were killed.
    static CRASH_AT: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
fn crash_point(step: u8) -> Result<()> {
    if CRASH_AT.with(|c| c.get()) == step {
        return Err(Error::Open {
            path: Default::default(),
            reason: format!("simulated crash after step {step}"),
        });
    }
    Ok(())
}

#[cfg(not(test))]
fn crash_point(_: u8) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
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
}
