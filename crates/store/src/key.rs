//! Encryption at rest (issue 16): where the laptop's database key comes from.
//!
//! Every database file is SQLCipher, opened with a random 256-bit raw key made at first start.
//! The key lives in the OS keystore (Secret Service on Linux, Credential Manager on Windows,
//! Keychain on macOS). Where no keystore answers (a headless machine, a desktop without one) it is
//! kept beside the database in `<file>.key`, wrapped (XChaCha20-Poly1305) by an Argon2id key from a
//! PIN the worker sets. A wrong PIN is a clear error and changes nothing. The same key encrypts the
//! attachment files under `blobs/` (`seal`, `open_sealed`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A raw SQLCipher key (and the key of the attachment files).
pub type Key = [u8; 32];

/// The shortest PIN a worker may set.
pub const MIN_PIN_CHARS: usize = 6;

/// The OS keystore's service name.
const SERVICE: &str = "linli";

/// Where a database's key comes from.
#[derive(Clone)]
pub enum KeySource {
    /// A key the caller already holds (tests, benchmarks, tools).
    Key(Key),
    /// This laptop's own key: from the OS keystore (unless `keystore` is false), else unwrapped
    /// from `<file>.key` with `pin`. A new database gets a new key, kept in the keystore when one
    /// answers, else wrapped by `pin` (which must then be given).
    Device { keystore: bool, pin: Option<String> },
    /// No encryption at all: only for benchmarks that compare with and without it (the
    /// `test-support` feature, never a build that ships).
    #[cfg(any(test, feature = "test-support"))]
    Unencrypted,
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::Key(_) => f.write_str("KeySource::Key(…)"),
            #[cfg(any(test, feature = "test-support"))]
            KeySource::Unencrypted => f.write_str("KeySource::Unencrypted"),
            KeySource::Device { keystore, pin } => f
                .debug_struct("KeySource::Device")
                .field("keystore", keystore)
                .field("pin", &pin.as_ref().map(|_| "…"))
                .finish(),
        }
    }
}

impl KeySource {
    /// This laptop's key as the environment says: `LINLI_PIN` (the PIN, for scripts and tests)
    /// and `LINLI_KEYSTORE=off` (never ask the OS keystore).
    pub fn from_env() -> KeySource {
        KeySource::Device {
            keystore: keystore_wanted(),
            pin: std::env::var("LINLI_PIN").ok().filter(|p| !p.is_empty()),
        }
    }

    /// This laptop's key with a PIN the worker typed (the keystore as the environment says).
    pub fn with_pin(pin: impl Into<String>) -> KeySource {
        KeySource::Device {
            keystore: keystore_wanted(),
            pin: Some(pin.into()),
        }
    }
}

fn keystore_wanted() -> bool {
    !matches!(
        std::env::var("LINLI_KEYSTORE").as_deref(),
        Ok("off" | "0" | "no" | "false")
    )
}

/// `<file>.key`: the key wrapped by the PIN, beside the database.
pub fn key_file_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".key");
    db.with_file_name(name)
}

/// What is at `db` before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileState {
    /// Missing or empty: a new database.
    New,
    /// A plain SQLite file (made before issue 16): converted on open.
    Plain,
    /// Anything else: an encrypted database (or not a database at all).
    Other,
}

pub(crate) fn file_state(db: &Path) -> FileState {
    use std::io::Read as _;
    let mut head = [0u8; 16];
    match std::fs::File::open(db) {
        Err(_) => FileState::New,
        Ok(mut f) => match f.read(&mut head) {
            Ok(0) => FileState::New,
            Ok(16) if &head == b"SQLite format 3\0" => FileState::Plain,
            _ => FileState::Other,
        },
    }
}

/// The key of the database at `db` (an absolute or relative path), made when it is new.
pub(crate) fn resolve(db: &Path, source: &KeySource, state: FileState) -> Result<Key> {
    let (keystore, pin) = match source {
        KeySource::Key(k) => return Ok(*k),
        KeySource::Device { keystore, pin } => (*keystore, pin.as_deref()),
        #[cfg(any(test, feature = "test-support"))]
        KeySource::Unencrypted => unreachable!("an unencrypted store has no key"),
    };
    resolve_device(db, keystore, pin, state)
}

fn resolve_device(db: &Path, keystore: bool, pin: Option<&str>, state: FileState) -> Result<Key> {
    let key_file = key_file_path(db);
    if key_file.exists() {
        let pin = pin.ok_or_else(|| Error::PinNeeded {
            path: db.to_owned(),
            first: false,
        })?;
        return unwrap_key_file(db, &key_file, pin);
    }
    let account = account(db);
    if keystore {
        if let Some(k) = keystore_get(&account) {
            return Ok(k);
        }
    }
    if state == FileState::Other {
        // an encrypted file whose key is nowhere here, or not a database at all
        return Err(Error::NotLinli {
            path: db.to_owned(),
        });
    }
    let key: Key = random();
    if keystore && keystore_set(&account, &key) {
        return Ok(key);
    }
    let pin = pin.ok_or_else(|| Error::PinNeeded {
        path: db.to_owned(),
        first: true,
    })?;
    check_new_pin(pin)?;
    write_key_file(&key_file, &key, pin)?;
    Ok(key)
}

/// Refuses a PIN too short to set.
pub fn check_new_pin(pin: &str) -> Result<()> {
    if pin.chars().count() < MIN_PIN_CHARS {
        return Err(linli_domain::DomainError::coded(
            "pin",
            linli_domain::msg::PIN_TOO_SHORT,
            linli_domain::args![min = MIN_PIN_CHARS],
        )
        .into());
    }
    Ok(())
}

/// The keystore's account of a database: its absolute path.
fn account(db: &Path) -> String {
    let abs = std::path::absolute(db).unwrap_or_else(|_| db.to_owned());
    format!("db:{}", abs.display())
}

fn keystore_get(account: &str) -> Option<Key> {
    if !keystore_reachable() {
        return None;
    }
    let entry = keyring::Entry::new(SERVICE, account).ok()?;
    let hexed = entry.get_password().ok()?;
    let bytes = hex::decode(hexed.trim()).ok()?;
    bytes.try_into().ok()
}

/// Keeps a new key in the keystore and reads it back; false when no keystore answers.
fn keystore_set(account: &str, key: &Key) -> bool {
    if !keystore_reachable() {
        return false;
    }
    let Ok(entry) = keyring::Entry::new(SERVICE, account) else {
        return false;
    };
    entry.set_password(&hex::encode(key)).is_ok() && keystore_get(account).as_ref() == Some(key)
}

/// On Linux without a session bus there is no Secret Service; asking would make libdbus try to
/// start one.
fn keystore_reachable() -> bool {
    if cfg!(target_os = "linux") {
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
    } else {
        true
    }
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the OS random number generator");
    b
}

/// The key file: the database key sealed by an Argon2id key from the PIN.
#[derive(Serialize, Deserialize)]
struct KeyFile {
    v: u32,
    kdf: String,
    m_kib: u32,
    t: u32,
    p: u32,
    salt: String,
    nonce: String,
    wrapped: String,
}

const KEY_FILE_AAD: &[u8] = b"linli database key v1";
const M_KIB: u32 = 19_456;
const T: u32 = 2;
const P: u32 = 1;

/// Argon2id of a PIN, remembered for the process (a second connection to the same file, tests).
fn derive(pin: &str, salt: &[u8], m_kib: u32, t: u32, p: u32) -> Result<Key> {
    type Derived = HashMap<(String, Vec<u8>, u32, u32, u32), Key>;
    static DERIVED: Mutex<Option<Derived>> = Mutex::new(None);
    let id = (pin.to_owned(), salt.to_vec(), m_kib, t, p);
    if let Some(k) = DERIVED
        .lock()
        .ok()
        .and_then(|m| m.as_ref()?.get(&id).copied())
    {
        return Ok(k);
    }
    let bad = |e: String| Error::KeyFile {
        path: PathBuf::new(),
        reason: e,
    };
    let params = argon2::Params::new(m_kib, t, p, Some(32)).map_err(|e| bad(e.to_string()))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = [0u8; 32];
    argon
        .hash_password_into(pin.as_bytes(), salt, &mut out)
        .map_err(|e| bad(e.to_string()))?;
    if let Ok(mut m) = DERIVED.lock() {
        m.get_or_insert_with(HashMap::new).insert(id, out);
    }
    Ok(out)
}

fn write_key_file(path: &Path, key: &Key, pin: &str) -> Result<()> {
    let text = wrap_key(key, pin)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| key_err(path, e))?;
    }
    write_private_atomic(path, text.as_bytes()).map_err(|e| key_err(path, e))
}

/// The text of a key file: `key` sealed by an Argon2id key from `pin` (a backup carries one).
pub(crate) fn wrap_key(key: &Key, pin: &str) -> Result<String> {
    let salt: [u8; 16] = random();
    let nonce: [u8; 24] = random();
    let wrap = derive(pin, &salt, M_KIB, T, P)?;
    let sealed = XChaCha20Poly1305::new((&wrap).into())
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: key,
                aad: KEY_FILE_AAD,
            },
        )
        .expect("sealing 32 bytes");
    let file = KeyFile {
        v: 1,
        kdf: "argon2id".into(),
        m_kib: M_KIB,
        t: T,
        p: P,
        salt: hex::encode(salt),
        nonce: hex::encode(nonce),
        wrapped: hex::encode(sealed),
    };
    Ok(serde_json::to_string_pretty(&file)?)
}

fn key_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::KeyFile {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

fn unwrap_key_file(db: &Path, path: &Path, pin: &str) -> Result<Key> {
    let text = std::fs::read_to_string(path).map_err(|e| key_err(path, e))?;
    unwrap_key(db, path, &text, pin)
}

/// The key sealed in the text of a key file (`path` names where it came from); a wrong PIN is
/// [`Error::WrongPin`] about `db`.
pub(crate) fn unwrap_key(db: &Path, path: &Path, text: &str, pin: &str) -> Result<Key> {
    let file: KeyFile = serde_json::from_str(text).map_err(|e| key_err(path, e))?;
    if file.v != 1 || file.kdf != "argon2id" {
        return Err(key_err(path, format!("未知的密钥文件格式 {}", file.v)));
    }
    let hexed = |s: &str| hex::decode(s).map_err(|e| key_err(path, e));
    let (salt, nonce, wrapped) = (
        hexed(&file.salt)?,
        hexed(&file.nonce)?,
        hexed(&file.wrapped)?,
    );
    if nonce.len() != 24 {
        return Err(key_err(path, "nonce"));
    }
    let wrap = derive(pin, &salt, file.m_kib, file.t, file.p)?;
    let key = XChaCha20Poly1305::new((&wrap).into())
        .decrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &wrapped,
                aad: KEY_FILE_AAD,
            },
        )
        .map_err(|_| Error::WrongPin {
            path: db.to_owned(),
        })?;
    key.try_into().map_err(|_| key_err(path, "key length"))
}

/// Keeps `key` as the key of the database at `db` in the OS keystore, when one is wanted
/// (`LINLI_KEYSTORE`) and answers; false otherwise (a restored file then gets a key file).
pub(crate) fn keep_in_keystore(db: &Path, key: &Key) -> bool {
    keystore_wanted() && keystore_set(&account(db), key)
}

/// Writes a file readable by its owner only, under a temporary name first, fsynced, then renamed.
pub(crate) fn write_private_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let tmp = path.with_file_name(format!(
        "{}.{}.part",
        path.file_name().unwrap_or_default().to_string_lossy(),
        hex::encode(random::<8>())
    ));
    let written = (|| {
        let mut f = create_private(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Creates (truncating) a file with mode 0600 on unix.
pub(crate) fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        o.mode(0o600);
    }
    o.open(path)
}

/// Sets a file's mode to 0600, or a folder's to 0700 (unix; nothing elsewhere).
pub(crate) fn make_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = if path.is_dir() { 0o700 } else { 0o600 };
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o777 != mode {
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The first bytes of an encrypted attachment file.
const SEALED_MAGIC: &[u8; 8] = b"LNLIenc1";

/// Encrypts an attachment file's bytes; `name` (its hash, or hash and `.thumb`) is bound to them.
pub(crate) fn seal(key: &Key, name: &str, plain: &[u8]) -> Vec<u8> {
    let nonce: [u8; 24] = random();
    let sealed = XChaCha20Poly1305::new(key.into())
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plain,
                aad: name.as_bytes(),
            },
        )
        .expect("sealing an attachment");
    let mut out = Vec::with_capacity(SEALED_MAGIC.len() + nonce.len() + sealed.len());
    out.extend_from_slice(SEALED_MAGIC);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

/// Whether the bytes of a file are encrypted by [`seal`].
pub(crate) fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(SEALED_MAGIC)
}

/// The plain bytes of an attachment file: decrypted, or as they are when the file was kept before
/// files were encrypted. `None` when the file does not decrypt with this key.
pub(crate) fn open_sealed(key: &Key, name: &str, bytes: Vec<u8>) -> Option<Vec<u8>> {
    if !is_sealed(&bytes) {
        return Some(bytes);
    }
    let rest = &bytes[SEALED_MAGIC.len()..];
    if rest.len() < 24 {
        return None;
    }
    let (nonce, sealed) = rest.split_at(24);
    XChaCha20Poly1305::new(key.into())
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: name.as_bytes(),
            },
        )
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_only_with_its_key_and_name() {
        let key: Key = random();
        let sealed = seal(&key, "ab", b"photo bytes");
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(5).any(|w| w == b"photo"));
        assert_eq!(
            open_sealed(&key, "ab", sealed.clone()).unwrap(),
            b"photo bytes"
        );
        assert_eq!(open_sealed(&key, "cd", sealed.clone()), None);
        assert_eq!(open_sealed(&random(), "ab", sealed), None);
        // a file kept before encryption reads as it is
        assert_eq!(open_sealed(&key, "ab", b"old".to_vec()).unwrap(), b"old");
    }

    #[test]
    fn a_key_file_opens_with_its_pin_only() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("linli.db");
        let src = KeySource::Device {
            keystore: false,
            pin: Some("246810".into()),
        };
        let key = resolve(&db, &src, FileState::New).unwrap();
        let kf = key_file_path(&db);
        assert!(kf.ends_with("linli.db.key"));
        let before = std::fs::read(&kf).unwrap();
        assert_eq!(resolve(&db, &src, FileState::Other).unwrap(), key);
        let wrong = KeySource::Device {
            keystore: false,
            pin: Some("135791".into()),
        };
        let err = resolve(&db, &wrong, FileState::Other).unwrap_err();
        assert!(matches!(err, Error::WrongPin { .. }), "{err}");
        assert!(err.to_string().contains("PIN"), "{err}");
        let none = KeySource::Device {
            keystore: false,
            pin: None,
        };
        assert!(matches!(
            resolve(&db, &none, FileState::Other).unwrap_err(),
            Error::PinNeeded { first: false, .. }
        ));
        assert_eq!(std::fs::read(&kf).unwrap(), before, "nothing changed");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&kf).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // a new database needs a PIN long enough when no keystore answers
        let other = dir.path().join("b.db");
        let short = KeySource::Device {
            keystore: false,
            pin: Some("12".into()),
        };
        assert!(resolve(&other, &short, FileState::New).is_err());
        assert!(!key_file_path(&other).exists());
    }
}
