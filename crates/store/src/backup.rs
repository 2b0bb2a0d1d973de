//! Backups of the laptop's database (issue 22): one file holding an online copy of the database
//! (SQLite's backup API, encrypted with the database's own key), the key wrapped by a PIN, and the
//! attachment files under `blobs/` (already sealed by the same key). A restore checks all of it
//! before it touches anything, keeps the file it replaces beside it, and marks the restored file
//! as restored: it takes a new device id at once, as a copied file does after a `seq_conflict`
//! (`replica/outbox.rs`), so nothing it numbers again collides with what the laptop pushed after
//! the backup, and its pull cursor starts again so those changes come back.
//!
//! The file is a zip archive (stored, not compressed: its contents are encrypted) with
//! `manifest.json`, `linli.db`, `linli.db.key` and `blobs/<xx>/<hash>[.thumb]`.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use linli_domain::{args, msg, DomainError, Id};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::journal::{meta_i64, now_ms, set_meta};
use crate::key::{self, Key, KeySource};
use crate::keyed::{apply_key, open_keyed, suffixed};
use crate::{Error, Result, Store};

/// The format of the backup file this build writes; a newer one is refused.
pub const BACKUP_FORMAT: u32 = 1;
const MAGIC: &str = "linli-backup";
const MANIFEST: &str = "manifest.json";
const DB: &str = "linli.db";
const KEY: &str = "linli.db.key";

/// What a backup file says about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupManifest {
    pub format: String,
    pub version: u32,
    /// The database's schema version (`PRAGMA user_version`).
    pub schema_version: i64,
    /// When the copy was taken, milliseconds since 1970 (UTC).
    pub created_ms: u64,
    /// The device id of the laptop the copy was taken on.
    pub device_id: Id,
    /// The sha256 of `linli.db` in the archive.
    pub db_sha256: String,
    /// How many files under `blobs/` the archive holds.
    pub blobs: usize,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub manifest: BackupManifest,
    /// The device id the restored laptop took (it never numbers changes under the old one again).
    pub device_id: Id,
    /// Where the database file that was there before now is, if there was one.
    pub kept_aside: Option<PathBuf>,
}

fn coded(m: linli_domain::msg::Msg, a: Vec<(&'static str, String)>) -> Error {
    DomainError::coded("file", m, a).into()
}

fn write_failed(file: &Path, e: impl std::fmt::Display) -> Error {
    coded(
        msg::BACKUP_WRITE_FAILED,
        args![file = file.display(), reason = e],
    )
}

fn damaged(file: &Path, e: impl std::fmt::Display) -> Error {
    coded(
        msg::BACKUP_DAMAGED,
        args![file = file.display(), reason = e],
    )
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The text of the key file a backup carries: the laptop's own key file when it has one (wrapped
/// by the worker's PIN), else the key wrapped by `pin` (a key kept in the OS keystore).
fn wrapped_key(db: &Path, key: &Key, pin: Option<&str>) -> Result<String> {
    let kf = key::key_file_path(db);
    if kf.exists() {
        return std::fs::read_to_string(&kf).map_err(|e| write_failed(&kf, e));
    }
    let pin = pin
        .filter(|p| p.chars().count() >= key::MIN_PIN_CHARS)
        .ok_or_else(|| coded(msg::BACKUP_PIN_NEEDED, args![min = key::MIN_PIN_CHARS]))?;
    key::wrap_key(key, pin)
}

impl Store {
    /// Writes a backup of this database and its attachment files to `out` (a temporary name
    /// first, renamed when complete). `pin` protects the key inside it when the key is kept in
    /// the OS keystore; a laptop with a key file puts that file in as it is.
    pub fn backup_to(&self, out: &Path, pin: Option<&str>) -> Result<BackupManifest> {
        let (Some(db), Some(key)) = (self.path(), self.key) else {
            return Err(coded(msg::BACKUP_IN_MEMORY, vec![]));
        };
        let key_text = wrapped_key(db, &key, pin)?;
        self.write_backup_file(out, &key, key_text)
    }

    /// A backup with the key wrapped as `wrapped` says (the plan's backup PIN), or as the key file
    /// beside the database has it.
    pub(crate) fn backup_with_key_text(
        &self,
        out: &Path,
        wrapped: Option<String>,
    ) -> Result<BackupManifest> {
        let (Some(db), Some(key)) = (self.path(), self.key) else {
            return Err(coded(msg::BACKUP_IN_MEMORY, vec![]));
        };
        let kf = key::key_file_path(db);
        let key_text = match wrapped {
            Some(w) if !kf.exists() => w,
            _ => wrapped_key(db, &key, None)?,
        };
        self.write_backup_file(out, &key, key_text)
    }

    fn write_backup_file(&self, out: &Path, key: &Key, key_text: String) -> Result<BackupManifest> {
        let part = suffixed(out, &format!(".{}.part", Id::new()));
        let copy = suffixed(out, &format!(".{}.db.part", Id::new()));
        let written = self.write_backup(out, &part, &copy, key, key_text);
        for f in [&copy, &suffixed(&copy, "-journal"), &part] {
            let _ = std::fs::remove_file(f);
        }
        written
    }

    fn write_backup(
        &self,
        out: &Path,
        part: &Path,
        copy: &Path,
        key: &Key,
        key_text: String,
    ) -> Result<BackupManifest> {
        let failed = |e: &dyn std::fmt::Display| write_failed(out, e);
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| failed(&e))?;
        }
        // the online copy, page by page, keyed like the database (SQLCipher copies encrypted
        // pages between two databases with the same key and page size)
        let page_size: i64 = self
            .conn
            .query_row("PRAGMA page_size", [], |r| r.get::<_, String>(0))?
            .parse()
            .map_err(|e| failed(&e))?;
        {
            key::create_private(copy).map_err(|e| failed(&e))?;
            let mut dest = rusqlite::Connection::open(copy).map_err(|e| failed(&e))?;
            apply_key(&dest, key, page_size).map_err(|e| failed(&e))?;
            dest.pragma_update(None, "page_size", page_size)?;
            let b = rusqlite::backup::Backup::new(&self.conn, &mut dest)?;
            b.run_to_completion(1024, std::time::Duration::from_millis(5), None)?;
            drop(b);
            dest.pragma_update(None, "journal_mode", "DELETE")?;
        }
        let check = open_keyed(copy, key)?;
        let ok: String = check.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(failed(&ok));
        }
        let schema_version: i64 = check.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        drop(check);
        let db_bytes = std::fs::read(copy).map_err(|e| failed(&e))?;
        let blobs = self.blob_files()?;
        let manifest = BackupManifest {
            format: MAGIC.into(),
            version: BACKUP_FORMAT,
            schema_version,
            created_ms: now_ms(),
            device_id: self.device_id(),
            db_sha256: sha256_hex(&db_bytes),
            blobs: blobs.len(),
        };
        let file = key::create_private(part).map_err(|e| failed(&e))?;
        let mut zip = zip::ZipWriter::new(file);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(db_bytes.len() as u64 >= u32::MAX as u64);
        let small = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let mut put = |name: &str, bytes: &[u8], o| -> Result<()> {
            zip.start_file(name, o).map_err(|e| failed(&e))?;
            zip.write_all(bytes).map_err(|e| failed(&e))
        };
        put(
            MANIFEST,
            serde_json::to_string_pretty(&manifest)?.as_bytes(),
            small,
        )?;
        put(DB, &db_bytes, opts)?;
        put(KEY, key_text.as_bytes(), small)?;
        for (name, path) in &blobs {
            let bytes = std::fs::read(path).map_err(|e| failed(&e))?;
            put(&format!("blobs/{name}"), &bytes, small)?;
        }
        let file = zip.finish().map_err(|e| failed(&e))?;
        file.sync_all().map_err(|e| failed(&e))?;
        drop(file);
        std::fs::rename(part, out).map_err(|e| failed(&e))?;
        Ok(manifest)
    }

    /// The attachment files under `blobs/`: (`<xx>/<name>`, path), sorted.
    fn blob_files(&self) -> Result<Vec<(String, PathBuf)>> {
        let dir = self.blob_dir()?;
        let mut out = Vec::new();
        let Ok(subs) = std::fs::read_dir(&dir) else {
            return Ok(out);
        };
        for sub in subs.flatten() {
            let sub_name = sub.file_name().to_string_lossy().into_owned();
            if sub_name.len() != 2 || !sub.path().is_dir() {
                continue;
            }
            for f in std::fs::read_dir(sub.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let name = f.file_name().to_string_lossy().into_owned();
                if f.path().is_file() && safe_blob_name(&name) {
                    out.push((format!("{sub_name}/{name}"), f.path()));
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Marks this file as restored from a backup: a new device id (the journal entries the
    /// server has not acknowledged move to it, numbered again), the pull cursor back to the
    /// start, and when it was restored.
    fn mark_restored(&mut self, manifest: &BackupManifest) -> Result<Id> {
        let acked = meta_i64(&self.conn, crate::replica::ACKED)?;
        let new = self.take_new_device_id(&[], acked)?;
        set_meta(&self.conn, "restored_at_ms", &now_ms().to_string())?;
        set_meta(
            &self.conn,
            "restored_from_backup_ms",
            &manifest.created_ms.to_string(),
        )?;
        Ok(new)
    }
}

/// A blob's file name: its hash, or its hash and `.thumb`; never a path.
fn safe_blob_name(name: &str) -> bool {
    let hash = name.strip_suffix(".thumb").unwrap_or(name);
    hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit())
}

/// A backup file read and checked: its manifest, key, key file's text and blobs.
struct Opened {
    manifest: BackupManifest,
    key: Key,
    key_text: String,
    blobs: Vec<(String, Vec<u8>)>,
}

/// Reads and checks a backup file: its manifest, its database (hash, key, schema, integrity,
/// written to `scratch`) and its blob names.
fn open_backup(file: &Path, pin: Option<&str>, scratch: &Path) -> Result<Opened> {
    let not_ours = || coded(msg::BACKUP_NOT_LINLI, args![file = file.display()]);
    let f = std::fs::File::open(file).map_err(|e| damaged(file, e))?;
    let mut zip = zip::ZipArchive::new(f).map_err(|_| not_ours())?;
    let mut read = |name: &str| -> Option<std::io::Result<Vec<u8>>> {
        let mut entry = zip.by_name(name).ok()?;
        let mut bytes = Vec::new();
        Some(entry.read_to_end(&mut bytes).map(|_| bytes))
    };
    let manifest = read(MANIFEST)
        .ok_or_else(not_ours)?
        .map_err(|e| damaged(file, e))?;
    let v: serde_json::Value = serde_json::from_slice(&manifest).map_err(|_| not_ours())?;
    if v.get("format").and_then(|f| f.as_str()) != Some(MAGIC) {
        return Err(not_ours());
    }
    let version = v.get("version").and_then(|x| x.as_u64()).unwrap_or(0);
    if version > BACKUP_FORMAT as u64 {
        return Err(too_new(file, version as i64, BACKUP_FORMAT as i64));
    }
    let manifest: BackupManifest = serde_json::from_value(v).map_err(|e| damaged(file, e))?;
    if manifest.schema_version > crate::SCHEMA_VERSION {
        return Err(too_new(
            file,
            manifest.schema_version,
            crate::SCHEMA_VERSION,
        ));
    }
    let missing = |n: &str| damaged(file, format!("missing {n}"));
    let db = read(DB)
        .ok_or_else(|| missing(DB))?
        .map_err(|e| damaged(file, e))?;
    if sha256_hex(&db) != manifest.db_sha256 {
        return Err(damaged(file, "sha256"));
    }
    let key_bytes = read(KEY)
        .ok_or_else(|| missing(KEY))?
        .map_err(|e| damaged(file, e))?;
    let key_text = String::from_utf8(key_bytes).map_err(|e| damaged(file, e))?;
    let wrong_pin = || coded(msg::BACKUP_WRONG_PIN, args![file = file.display()]);
    let pin = pin.ok_or_else(wrong_pin)?;
    let key = match key::unwrap_key(file, file, &key_text, pin) {
        Ok(k) => k,
        Err(Error::WrongPin { .. }) => return Err(wrong_pin()),
        Err(e) => return Err(damaged(file, e)),
    };
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    let mut blobs = Vec::new();
    for name in names {
        let Some(rest) = name.strip_prefix("blobs/") else {
            continue;
        };
        let ok = rest
            .split_once('/')
            .is_some_and(|(d, n)| d.len() == 2 && safe_blob_name(n) && n.starts_with(d));
        if !ok {
            return Err(damaged(file, &name));
        }
        let mut entry = zip.by_name(&name).map_err(|e| damaged(file, e))?;
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(file, e))?;
        blobs.push((rest.to_owned(), bytes));
    }
    if blobs.len() != manifest.blobs {
        return Err(damaged(file, "blobs"));
    }
    // the database opens with the key, is Linli's, no newer than this build, and whole
    key::write_private_atomic(scratch, &db).map_err(|e| damaged(file, e))?;
    let conn = open_keyed(scratch, &key).map_err(|_| damaged(file, "key"))?;
    let (app_id, user_version, ok) = (|| -> rusqlite::Result<(i64, i64, String)> {
        Ok((
            conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
            conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
            conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?,
        ))
    })()
    .map_err(|e| damaged(file, e))?;
    drop(conn);
    if app_id != crate::open::APPLICATION_ID {
        return Err(not_ours());
    }
    if user_version > crate::SCHEMA_VERSION {
        return Err(too_new(file, user_version, crate::SCHEMA_VERSION));
    }
    if ok != "ok" || user_version != manifest.schema_version {
        return Err(damaged(file, ok));
    }
    Ok(Opened {
        manifest,
        key,
        key_text,
        blobs,
    })
}

fn too_new(file: &Path, found: i64, supported: i64) -> Error {
    coded(
        msg::BACKUP_TOO_NEW,
        args![file = file.display(), found = found, supported = supported],
    )
}

/// Restores the backup `file` as the database at `db`. Everything in the backup is checked first
/// (a foreign, damaged or newer file, or a wrong `pin`, changes nothing); then a database already
/// at `db` (with its `-wal`, `-shm` and key file) is kept aside under `<name>.before-restore-<ms>`,
/// the backup's database takes its place, its attachment files are written under `blobs/`, its
/// key goes to the OS keystore (or beside it as `<name>.key`, wrapped by the same PIN), and it is
/// marked restored (a new device id: see the module's note).
pub fn restore(db: &Path, file: &Path, pin: Option<&str>) -> Result<Restored> {
    let dir = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_owned();
    std::fs::create_dir_all(&dir).map_err(|e| restore_failed(db, e))?;
    let scratch = suffixed(db, &format!(".{}.restore", Id::new()));
    let opened = open_backup(file, pin, &scratch);
    let opened = match opened {
        Ok(o) => o,
        Err(e) => {
            let _ = std::fs::remove_file(&scratch);
            return Err(e);
        }
    };
    let done = put_in_place(db, &scratch, &opened);
    let _ = std::fs::remove_file(&scratch);
    done
}

fn restore_failed(db: &Path, e: impl std::fmt::Display) -> Error {
    coded(msg::RESTORE_FAILED, args![file = db.display(), reason = e])
}

fn put_in_place(db: &Path, scratch: &Path, o: &Opened) -> Result<Restored> {
    let failed = |e: &dyn std::fmt::Display| restore_failed(db, e);
    // the new device id is taken in the scratch copy, before it takes the database's name
    let device_id = {
        let mut store = Store::open_with(scratch, &KeySource::Key(o.key))?;
        store.mark_restored(&o.manifest)?
    };
    let mut kept_aside = None;
    let key_file = key::key_file_path(db);
    if db.exists() || key_file.exists() {
        let stamp = format!(".before-restore-{}", now_ms());
        for f in [
            db.to_owned(),
            suffixed(db, "-wal"),
            suffixed(db, "-shm"),
            key_file.clone(),
        ] {
            if f.exists() {
                std::fs::rename(&f, suffixed(&f, &stamp)).map_err(|e| failed(&e))?;
            }
        }
        kept_aside = Some(suffixed(db, &stamp));
    }
    std::fs::rename(scratch, db).map_err(|e| failed(&e))?;
    if !key::keep_in_keystore(db, &o.key) {
        key::write_private_atomic(&key_file, o.key_text.as_bytes()).map_err(|e| failed(&e))?;
    }
    let blobs = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("blobs");
    for (name, bytes) in &o.blobs {
        let path = blobs.join(name);
        if let Some(d) = path.parent() {
            std::fs::create_dir_all(d).map_err(|e| failed(&e))?;
            key::make_private(d);
        }
        key::write_private_atomic(&path, bytes).map_err(|e| failed(&e))?;
    }
    key::make_private(&blobs);
    Ok(Restored {
        manifest: o.manifest.clone(),
        device_id,
        kept_aside,
    })
}

#[cfg(test)]
#[path = "backup_tests.rs"]
mod tests;
