//! Passwords (argon2) and device tokens (32 random bytes; the server keeps their SHA-256). A
//! token names its device's county: `<county>.<hex>`, or bare hex for the default county (every
//! token issued before counties were real), so the server finds it by (county, hash) — on a
//! Citus cluster, in the one shard of that county.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

use crate::db::DEFAULT_COUNTY;
use crate::{Error, Result};

/// A hash of a random password nobody knows, checked against when a user name does not exist so
/// that both answers take as long.
pub(crate) fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&new_token()).unwrap_or_default())
}

/// An argon2id hash of `password` in PHC text form.
pub fn hash_password(password: &str) -> Result<String> {
    let mut raw = [0u8; 16];
    getrandom::fill(&mut raw).map_err(|e| Error::Password(e.to_string()))?;
    let salt = SaltString::encode_b64(&raw).map_err(|e| Error::Password(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Password(e.to_string()))
}

/// The longest password accepted, in bytes: argon2 hashes any length, but a megabyte password
/// is an attack, not a password.
pub const MAX_PASSWORD_BYTES: usize = 256;
/// The shortest password an administrator may set.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Checks a new password before it is hashed: at least [`MIN_PASSWORD_CHARS`] characters, at most
/// [`MAX_PASSWORD_BYTES`] bytes.
pub fn check_new_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::Invalid(format!(
            "密码太短：至少 {MIN_PASSWORD_CHARS} 个字符 (the password needs at least {MIN_PASSWORD_CHARS} characters)"
        )));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(Error::Invalid(format!(
            "密码太长：最多 {MAX_PASSWORD_BYTES} 字节 (the password may be at most {MAX_PASSWORD_BYTES} bytes)"
        )));
    }
    Ok(())
}

/// Argon2 checks allowed at once: one per CPU. Each takes about 19 MiB and a core for a moment;
/// hundreds at once would exhaust a small VM and stall every sync.
fn argon2_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| {
        let cpus = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cpus)
    })
}

/// Whether `password` matches `hash`, checked on the blocking pool, at most one check per CPU at
/// a time.
pub async fn verify_password(password: &str, hash: &str) -> bool {
    let Ok(_slot) = argon2_slots().acquire().await else {
        return false;
    };
    let (password, hash) = (password.to_owned(), hash.to_owned());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

/// A new device token of the default county: 32 random bytes as hex.
pub fn new_token() -> String {
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf).expect("the operating system's random source works");
    hex::encode(buf)
}

/// A new device token for a device of `county`.
pub fn new_token_for(county: &str) -> String {
    if county == DEFAULT_COUNTY {
        new_token()
    } else {
        format!("{county}.{}", new_token())
    }
}

/// The county a token names and the SHA-256 of the whole token: what
/// [`ServerDb::authenticate`](crate::ServerDb::authenticate) looks up.
pub fn token_key(token: &str) -> (String, String) {
    let county = match token.split_once('.') {
        Some((county, _)) => county,
        None => DEFAULT_COUNTY,
    };
    (county.to_owned(), token_hash(token))
}

/// The SHA-256 of a token, as hex: all the server keeps.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The SHA-256 of bytes as lowercase hex: the name an attachment's bytes are kept under.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
