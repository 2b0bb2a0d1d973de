//! A keyed connection to an encrypted database file (SQLCipher) and the names of the files beside
//! it: what opening a store and converting a plain file both stand on.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::key::{self, FileState, Key};
use crate::{Error, Result};

/// Keys a connection (SQLCipher's raw key: no passphrase derivation, about 4 ms) with the page
/// size its file has.
pub(crate) fn apply_key(conn: &Connection, key: &Key, page_size: i64) -> rusqlite::Result<()> {
    // SQLCipher would print every page that fails to decrypt (a wrong key, a page size tried) to
    // stderr; the error it returns says enough
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", hex::encode(key)))?;
    conn.execute_batch(&format!("PRAGMA cipher_page_size = {page_size};"))
}

/// The page size of a new database file, in bytes.
pub const PAGE_SIZE: i64 = 16_384;

/// The page sizes a file may have: a new one gets [`PAGE_SIZE`]; one converted from a plain file
/// keeps the plain file's (SQLCipher cannot read it from the encrypted header, so it is tried).
const PAGE_SIZES: [i64; 7] = [PAGE_SIZE, 4096, 8192, 32_768, 65_536, 1024, 2048];

/// Opens and keys the encrypted file at `path`, finding its page size; a file that decrypts with
/// none of them is refused (not ours, or another key) without being touched.
pub(crate) fn open_keyed(path: &Path, key: &Key) -> Result<Connection> {
    let open_err = |reason: String| Error::Open {
        path: path.to_owned(),
        reason,
    };
    let new = key::file_state(path) == FileState::New;
    for size in PAGE_SIZES {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_err(e.to_string()))?;
        apply_key(&conn, key, size).map_err(|e| open_err(e.to_string()))?;
        if new {
            return Ok(conn);
        }
        match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        }) {
            Ok(_) => return Ok(conn),
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {}
            Err(e) => return Err(open_err(e.to_string())),
        }
    }
    Err(Error::NotLinli {
        path: path.to_owned(),
    })
}

/// The `-wal` file beside a database.
pub(crate) fn wal_path(db: &Path) -> PathBuf {
    suffixed(db, "-wal")
}

pub(crate) fn shm_path(db: &Path) -> PathBuf {
    suffixed(db, "-shm")
}

pub(crate) fn suffixed(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    db.with_file_name(name)
}
