//! linli-updates: updates from the county's own server (issue 22 item 4), the part that decides
//! whether an update may be trusted. It owns the signed manifest ([`Manifest`], [`Signed`]: which
//! version, what is new, and per platform one installer with its size and SHA-256, signed with
//! ed25519), signing it ([`sign`]), checking it against the public key an app trusts
//! ([`verify`]), checking a downloaded installer against it ([`check_installer`]), the key files
//! `linli admin release keygen` writes ([`keys`]) and the order of versions ([`newer`]).
//!
//! It does no HTTP and touches no file but those it is handed: `linli serve --updates` serves the
//! folder (linli-server), `linli admin release` writes it (the CLI), linli-sync fetches it and the
//! desktop shell offers and starts the installer. Every refusal is a message of the catalogue
//! (`linli_domain::msg`, section `msg_h22upd.rs`), in Chinese and English.

pub mod keys;
mod manifest;

use linli_domain::msg::{Args, Msg};

pub use keys::{KeyPair, PublicKey};
pub use manifest::{
    check_installer, describe, newer, parse_version, safe_file_name, sha256_hex, sign, verify,
    Installer, Manifest, Signed, MANIFEST_FILE, MANIFEST_FORMAT,
};

/// Why an update, a manifest or a key was refused: a catalogue message and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub msg: Msg,
    pub args: Args,
}

impl Refusal {
    pub fn new(msg: Msg, args: Args) -> Refusal {
        Refusal { msg, args }
    }

    /// The catalogue code (`update_bad_signature`…).
    pub fn code(&self) -> &'static str {
        self.msg.code
    }

    /// The sentence in English.
    pub fn en(&self) -> String {
        linli_domain::msg::fill(self.msg.en, &self.args, &|_, _| None)
    }
}

/// The Chinese sentence, as the CLI prints it.
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg.zh(&self.args))
    }
}

impl std::error::Error for Refusal {}

/// The platform names a manifest's installers are listed under, and how `linli admin release
/// sign` tells them from a file's name.
pub mod platform {
    pub const WINDOWS_X86_64: &str = "windows-x86_64";
    pub const DEBIAN_AMD64: &str = "debian-amd64";
    pub const DEBIAN_ARM64: &str = "debian-arm64";

    /// The platform of an installer by its file name: a Windows setup `.exe`, a Debian package
    /// `…_amd64.deb` or `…_arm64.deb`; `None` for anything else.
    pub fn of_file(name: &str) -> Option<&'static str> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".exe") {
            Some(WINDOWS_X86_64)
        } else if lower.ends_with("_amd64.deb") {
            Some(DEBIAN_AMD64)
        } else if lower.ends_with("_arm64.deb") {
            Some(DEBIAN_ARM64)
        } else {
            None
        }
    }

    /// The platform this program was built for, if updates know it.
    pub fn current() -> Option<&'static str> {
        if cfg!(all(windows, target_arch = "x86_64")) {
            Some(WINDOWS_X86_64)
        } else if cfg!(all(target_os = "linux", target_arch = "x86_64")) {
            Some(DEBIAN_AMD64)
        } else if cfg!(all(target_os = "linux", target_arch = "aarch64")) {
            Some(DEBIAN_ARM64)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests;
