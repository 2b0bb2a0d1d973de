//! The manifest: what a county's server offers, signed. The file served (`manifest.json`) is a
//! [`Signed`] envelope holding the manifest's JSON text exactly as it was signed, so a reader
//! checks the signature over those bytes before it parses anything, and an older app reading a
//! newer manifest with more fields still checks the same bytes.

use ed25519_dalek::Signature;
use linli_domain::{args, msg};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::keys::{KeyPair, PublicKey};
use crate::Refusal;

/// The manifest's name in the updates folder (and in its URL).
pub const MANIFEST_FILE: &str = "manifest.json";

/// The manifest format this code writes and reads; a newer one is refused as unreadable.
pub const MANIFEST_FORMAT: u32 = 1;

/// Which version is offered, what is new in it, and one installer per platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// Dot-separated numbers, e.g. `0.2.0` ([`parse_version`]).
    pub version: String,
    /// What is new, in Chinese and in English (either may be empty).
    #[serde(default)]
    pub notes_zh: String,
    #[serde(default)]
    pub notes_en: String,
    pub installers: Vec<Installer>,
}

/// One installer: for which platform (`crate::platform`), its file name in the updates folder,
/// its size in bytes and its SHA-256 (64 lowercase hex digits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installer {
    pub platform: String,
    pub file: String,
    pub size: u64,
    pub sha256: String,
}

/// `manifest.json`: the manifest's JSON text, the public key that signed it (a hint for the
/// message when it is not the trusted one; never trusted itself) and the ed25519 signature of
/// the text's UTF-8 bytes, in hex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signed {
    pub manifest: String,
    pub key: String,
    pub signature: String,
}

fn unreadable(reason: impl std::fmt::Display) -> Refusal {
    Refusal::new(msg::UPDATE_MANIFEST_UNREADABLE, args![reason = reason])
}

/// A version's numbers: `0.2.10` → `[0, 2, 10]`; anything else is refused.
pub fn parse_version(v: &str) -> Result<Vec<u64>, Refusal> {
    let bad = || Refusal::new(msg::UPDATE_SIGN_BAD_VERSION, args![version = v]);
    if v.is_empty() || v.len() > 32 {
        return Err(bad());
    }
    v.split('.')
        .map(|p| {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                Err(bad())
            } else {
                p.parse().map_err(|_| bad())
            }
        })
        .collect()
}

/// Whether `candidate` is a later version than `current` (`0.10.0` after `0.9.1`; `1.0` and
/// `1.0.0` are the same). A version that does not parse is never newer.
pub fn newer(candidate: &str, current: &str) -> bool {
    let (Ok(mut a), Ok(mut b)) = (parse_version(candidate), parse_version(current)) else {
        return false;
    };
    let n = a.len().max(b.len());
    a.resize(n, 0);
    b.resize(n, 0);
    a > b
}

/// A name an installer may have: one plain file name in the updates folder, nothing that
/// climbs out of it or hides (no `/`, `\`, `..`, leading dot, control characters or `:`).
pub fn safe_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '+' | '~'))
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl Manifest {
    /// Checks what a signer could get wrong: the version, the file names, the hashes, one
    /// installer per platform.
    pub fn check(&self) -> Result<(), Refusal> {
        parse_version(&self.version)?;
        let mut seen: Vec<&Installer> = Vec::new();
        for i in &self.installers {
            if !safe_file_name(&i.file) || !is_sha256(&i.sha256) {
                return Err(unreadable(format!("installer {:?}", i.file)));
            }
            if let Some(first) = seen.iter().find(|s| s.platform == i.platform) {
                return Err(Refusal::new(
                    msg::UPDATE_SIGN_TWO_INSTALLERS,
                    args![platform = i.platform, first = first.file, second = i.file],
                ));
            }
            seen.push(i);
        }
        Ok(())
    }

    /// The installer for `platform`, or the refusal saying this version has none.
    pub fn installer_for(&self, platform: &str) -> Result<&Installer, Refusal> {
        self.installers
            .iter()
            .find(|i| i.platform == platform)
            .ok_or_else(|| {
                Refusal::new(
                    msg::UPDATE_NO_INSTALLER,
                    args![version = self.version, platform = platform],
                )
            })
    }
}

/// `manifest.json`'s text for `manifest`, signed with `key`.
pub fn sign(manifest: &Manifest, key: &KeyPair) -> Result<String, Refusal> {
    manifest.check()?;
    let text = serde_json::to_string_pretty(manifest).map_err(unreadable)?;
    let signed = Signed {
        signature: hex::encode(key.sign(text.as_bytes())),
        key: key.public().hex(),
        manifest: text,
    };
    let mut out = serde_json::to_string_pretty(&signed).map_err(unreadable)?;
    out.push('\n');
    Ok(out)
}

/// The manifest in `bytes` (a `manifest.json`), if it is signed by `trusted` and reads as a
/// manifest of a format this code knows. Refused: not JSON or not an envelope
/// (`update_manifest_unreadable`), signed by another key (`update_wrong_key`), a signature that
/// does not match its text (`update_bad_signature`).
pub fn verify(bytes: &[u8], trusted: &PublicKey) -> Result<Manifest, Refusal> {
    let signed: Signed = serde_json::from_slice(bytes).map_err(unreadable)?;
    let signer = signed.key.trim();
    if !signer.eq_ignore_ascii_case(&trusted.hex()) {
        let shown: String = signer.chars().take(16).collect();
        return Err(Refusal::new(
            msg::UPDATE_WRONG_KEY,
            args![trusted = trusted.short(), signer = shown],
        ));
    }
    let bad = || Refusal::new(msg::UPDATE_BAD_SIGNATURE, vec![]);
    let sig: [u8; 64] = hex::decode(signed.signature.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(bad)?;
    trusted
        .verifying()
        .verify_strict(signed.manifest.as_bytes(), &Signature::from_bytes(&sig))
        .map_err(|_| bad())?;
    let manifest: Manifest = serde_json::from_str(&signed.manifest).map_err(unreadable)?;
    if manifest.format > MANIFEST_FORMAT {
        return Err(unreadable(format!(
            "format {} (this app reads {MANIFEST_FORMAT})",
            manifest.format
        )));
    }
    manifest.check()?;
    Ok(manifest)
}

/// The SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Checks a downloaded installer against its line of the manifest: its size
/// (`update_bad_size`), then its SHA-256 (`update_bad_hash`).
pub fn check_installer(bytes: &[u8], installer: &Installer) -> Result<(), Refusal> {
    if bytes.len() as u64 != installer.size {
        return Err(Refusal::new(
            msg::UPDATE_BAD_SIZE,
            args![
                file = installer.file,
                expected = installer.size,
                got = bytes.len()
            ],
        ));
    }
    if sha256_hex(bytes) != installer.sha256 {
        return Err(Refusal::new(
            msg::UPDATE_BAD_HASH,
            args![file = installer.file],
        ));
    }
    Ok(())
}

/// The manifest line of an installer file's bytes.
pub fn describe(platform: &str, file: &str, bytes: &[u8]) -> Installer {
    Installer {
        platform: platform.to_owned(),
        file: file.to_owned(),
        size: bytes.len() as u64,
        sha256: sha256_hex(bytes),
    }
}
