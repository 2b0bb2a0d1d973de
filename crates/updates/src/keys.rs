//! The release keys: an ed25519 key pair whose private half signs the manifest on the county's
//! (or the project's) signing machine and whose public half is built into the desktop app.
//!
//! A key file is text: `#` comment lines, then one line of hex (64 digits: the 32-byte private
//! seed, or the 32-byte public key). `linli admin release keygen --out FILE` writes FILE (the
//! private key, readable by its owner only) and `FILE.pub`.

use std::path::{Path, PathBuf};

use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use linli_domain::{args, msg};

use crate::Refusal;

/// The development key pair's public half, built into debug builds of the desktop when
/// `LINLI_UPDATE_PUBKEY` was not set at build time. Its private half is NOT SECRET: it lies in
/// this crate's `tests/fixtures/dev-release-key` for the tests. A release build never trusts it.
pub const DEV_PUBLIC_KEY: &str = "839ca8829b40a287eb62674d3a0096c68f5bc9ee938e96ac0fa271bb1915f4b5";

/// An ed25519 public key: what an app trusts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

/// An ed25519 key pair: what signs a manifest.
#[derive(Debug, Clone)]
pub struct KeyPair(SigningKey);

fn unreadable(path: &str, reason: impl std::fmt::Display) -> Refusal {
    Refusal::new(
        msg::UPDATE_KEY_UNREADABLE,
        args![path = path, reason = reason],
    )
}

/// The one line of hex in a key file's text (comments and blank lines skipped), as 32 bytes.
fn key_bytes(text: &str, origin: &str) -> Result<[u8; 32], Refusal> {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let line = lines
        .next()
        .ok_or_else(|| unreadable(origin, "没有密钥 (no key in it)"))?;
    if lines.next().is_some() {
        return Err(unreadable(origin, "多于一行密钥 (more than one key line)"));
    }
    let bytes =
        hex::decode(line).map_err(|_| unreadable(origin, "不是十六进制 (not hexadecimal)"))?;
    bytes
        .try_into()
        .map_err(|_| unreadable(origin, "应为 64 个十六进制数字 (64 hex digits expected)"))
}

impl PublicKey {
    /// A public key from its text (a `.pub` file's contents or the bare hex); `origin` names
    /// where it came from in a refusal.
    pub fn parse(text: &str, origin: &str) -> Result<PublicKey, Refusal> {
        let bytes = key_bytes(text, origin)?;
        VerifyingKey::from_bytes(&bytes)
            .map(PublicKey)
            .map_err(|_| unreadable(origin, "不是 ed25519 公钥 (not an ed25519 public key)"))
    }

    /// Reads a `.pub` file.
    pub fn read(path: &Path) -> Result<PublicKey, Refusal> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| unreadable(&shown, e))?;
        PublicKey::parse(&text, &shown)
    }

    /// The 64 hex digits.
    pub fn hex(&self) -> String {
        hex::encode(self.0.as_bytes())
    }

    /// The first 16 hex digits, as messages show a key.
    pub fn short(&self) -> String {
        self.hex()[..16].to_owned()
    }

    pub(crate) fn verifying(&self) -> &VerifyingKey {
        &self.0
    }
}

impl KeyPair {
    /// A new key pair from the operating system's random numbers.
    pub fn generate() -> Result<KeyPair, Refusal> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| unreadable("getrandom", e))?;
        Ok(KeyPair(SigningKey::from_bytes(&seed)))
    }

    /// A key pair from a private key file's text.
    pub fn parse(text: &str, origin: &str) -> Result<KeyPair, Refusal> {
        Ok(KeyPair(SigningKey::from_bytes(&key_bytes(text, origin)?)))
    }

    /// Reads a private key file.
    pub fn read(path: &Path) -> Result<KeyPair, Refusal> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| unreadable(&shown, e))?;
        KeyPair::parse(&text, &shown)
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    pub(crate) fn sign(&self, bytes: &[u8]) -> [u8; 64] {
        self.0.sign(bytes).to_bytes()
    }

    /// The private key file's text.
    pub fn secret_text(&self) -> String {
        format!(
            "# Linli release signing key (ed25519, private). Keep it secret and offline: whoever\n\
             # holds it can sign updates every laptop built with its public key will install.\n{}\n",
            hex::encode(self.0.to_bytes())
        )
    }

    /// The public key file's text.
    pub fn public_text(&self) -> String {
        format!(
            "# Linli release key (ed25519, public): build the desktop with\n\
             # LINLI_UPDATE_PUBKEY set to the line below.\n{}\n",
            self.public().hex()
        )
    }

    /// Writes a new key pair to `path` (private; its owner alone may read it on Unix) and
    /// `path.pub`; refuses to overwrite either.
    pub fn write_new(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let public = public_path(path);
        for p in [path, public.as_path()] {
            if p.exists() {
                return Err(Refusal::new(
                    msg::UPDATE_KEY_EXISTS,
                    args![path = p.display()],
                ));
            }
        }
        let shown = path.display().to_string();
        write_private(path, self.secret_text().as_bytes()).map_err(|e| unreadable(&shown, e))?;
        std::fs::write(&public, self.public_text())
            .map_err(|e| unreadable(&public.display().to_string(), e))?;
        Ok(public)
    }
}

/// `KEY` → `KEY.pub`.
pub fn public_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".pub");
    PathBuf::from(s)
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)
}
