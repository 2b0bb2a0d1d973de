//! A plain database (made before issue 16) becomes an encrypted one on its first open: the plain
//! file is made whole (its `-wal` folded in), exported into `<file>.encrypting` with the key
//! (`sqlcipher_export`), the copy is checked (integrity, and every table's row count against the
//! plain file's), and only then renamed over the plain file. A crash at any step leaves the plain
//! file as it was (and a stale copy, made again on the next open) or the checked encrypted one.

use std::path::Path;

use rusqlite::Connection;

use crate::key::{self, Key};
use crate::keyed::{open_keyed, suffixed};
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
#[path = "convert_tests.rs"]
mod tests;
