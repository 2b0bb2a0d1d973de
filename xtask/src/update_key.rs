//! The county's public release key in `cargo xtask package` (issue 22 item 4, docs/updates.md).
//!
//! The desktop reads `LINLI_UPDATE_PUBKEY` at compile time (src-tauri/src/updates.rs); a release
//! build without it trusts no key, so a package built without one never offers an update. The
//! key comes from `--update-key FILE` (the `FILE.pub` that `linli admin release keygen --out FILE`
//! writes: `#` comment lines, then one line of 64 hex digits) or from `LINLI_UPDATE_PUBKEY` in the
//! environment (the same text, or the bare hex); both at once must agree. It is checked here
//! (the format; never the private key file, which has the same shape), then by the release
//! `linli` itself (an ed25519 public key), passed to every cargo build of the packages in its
//! canonical form (lower-case hex), and found again in the built desktop binaries.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};

use crate::sh;

/// The variable src-tauri reads with `option_env!`.
pub const ENV: &str = "LINLI_UPDATE_PUBKEY";

/// The development key (`linli_updates::keys::DEV_PUBLIC_KEY`), whose private half is published
/// in crates/updates/tests/fixtures: anyone could sign an update a package trusting it installs.
const DEV_PUBLIC_KEY: &str = "839ca8829b40a287eb62674d3a0096c68f5bc9ee938e96ac0fa271bb1915f4b5";

/// The 64 hex digits of a key file's text (`#` comments and blank lines skipped), lower-cased.
pub fn parse(text: &str, origin: &str) -> Result<String> {
    let mut comments = text.lines().map(str::trim).filter(|l| l.starts_with('#'));
    ensure!(
        !comments.any(|l| l.to_ascii_lowercase().contains("private")),
        "{origin} is a PRIVATE release key (its comment says so): the desktop is built with the \
         public one, FILE.pub; the private key must never go into a program"
    );
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let line = lines
        .next()
        .with_context(|| format!("{origin} holds no key"))?;
    ensure!(
        lines.next().is_none(),
        "{origin} holds more than one key line"
    );
    ensure!(
        line.len() == 64 && line.bytes().all(|b| b.is_ascii_hexdigit()),
        "{origin}: a public release key is 64 hex digits, not `{line}`"
    );
    let key = line.to_ascii_lowercase();
    ensure!(
        key != DEV_PUBLIC_KEY,
        "{origin} is the development key, whose private half is published with the tests: \
         a package must trust the county's own key (linli admin release keygen)"
    );
    Ok(key)
}

/// The key to build with: `--update-key FILE` and/or `LINLI_UPDATE_PUBKEY`, or None (and a
/// warning line saying what that means).
pub fn resolve(file: Option<&Path>) -> Result<Option<String>> {
    let from_file = match file {
        Some(f) => {
            let shown = f.display().to_string();
            // keygen writes FILE (private) and FILE.pub: FILE next to FILE.pub is the private one
            let mut public = f.as_os_str().to_owned();
            public.push(".pub");
            ensure!(
                !Path::new(&public).exists(),
                "{shown} has a {shown}.pub beside it, so it is the PRIVATE release key: pass \
                 --update-key {shown}.pub"
            );
            let text = std::fs::read_to_string(f).with_context(|| format!("reading {shown}"))?;
            Some(parse(&text, &shown)?)
        }
        None => None,
    };
    let from_env = match std::env::var(ENV) {
        Ok(v) if !v.trim().is_empty() => Some(parse(&v, ENV)?),
        Ok(_) | Err(std::env::VarError::NotPresent) => None,
        Err(e) => bail!("{ENV}: {e}"),
    };
    let key = match (from_file, from_env) {
        (Some(a), Some(b)) if a != b => {
            bail!("--update-key names the key {a} but {ENV} holds {b}: which one?")
        }
        (a, b) => a.or(b),
    };
    match &key {
        Some(k) => println!("update key: {k} (the packaged desktop trusts updates signed with it)"),
        None => println!(
            "warning: built WITHOUT an update key (neither --update-key FILE.pub nor {ENV}): \
             the packaged desktop trusts no key and will never offer an update (docs/updates.md)"
        ),
    }
    Ok(key)
}

/// Sets (or clears) the variable for a cargo build, so what is built holds exactly `key`.
pub fn apply<'a>(c: &'a mut Command, key: Option<&str>) -> &'a mut Command {
    match key {
        Some(k) => c.env(ENV, k),
        None => c.env_remove(ENV),
    }
}

/// The release `linli` reads the key as the desktop will (an ed25519 public key, not just hex):
/// `linli admin release verify` reads the key before it looks for a manifest, so with an empty
/// folder a usable key fails only for the missing manifest.
pub fn check_with(linli: &Path, key: &str, tmp: &Path) -> Result<()> {
    std::fs::create_dir_all(tmp)?;
    let file = tmp.join("update-key.pub");
    std::fs::write(&file, format!("{key}\n"))?;
    let empty = tmp.join("empty");
    std::fs::create_dir_all(&empty)?;
    let out = sh::cmd(linli)
        .args(["admin", "release", "verify", "--public-key"])
        .arg(&file)
        .arg("--dir")
        .arg(&empty)
        .output()?;
    let err = String::from_utf8_lossy(&out.stderr);
    std::fs::remove_dir_all(tmp)?;
    ensure!(
        !out.status.success() && err.contains("manifest.json") && !err.contains("update_key"),
        "the update key {key} is not an ed25519 public key: {err}"
    );
    Ok(())
}

/// The built desktop binary holds the key (its `option_env!` string).
pub fn check_built(binary: &Path, key: &str) -> Result<()> {
    let bytes = std::fs::read(binary).with_context(|| format!("reading {}", binary.display()))?;
    ensure!(
        bytes.windows(key.len()).any(|w| w == key.as_bytes()),
        "{} was not built with the update key {key}",
        binary.display()
    );
    println!("{} holds the update key", binary.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "5c1e6f4a0e8b6e2b9a3d1c7f00112233445566778899aabbccddeeff00112233";

    #[test]
    fn a_public_key_file_is_read() {
        let text = format!(
            "# Linli release key (ed25519, public): build the desktop with\n\
             # LINLI_UPDATE_PUBKEY set to the line below.\n{}\n",
            KEY.to_ascii_uppercase()
        );
        assert_eq!(parse(&text, "k.pub").unwrap(), KEY);
        assert_eq!(parse(KEY, ENV).unwrap(), KEY);
    }

    #[test]
    fn the_private_key_file_and_bad_text_are_refused() {
        let private = format!(
            "# Linli release signing key (ed25519, private). Keep it secret and offline: whoever\n\
             # holds it can sign updates every laptop built with its public key will install.\n{KEY}\n"
        );
        assert!(format!("{:#}", parse(&private, "k").unwrap_err()).contains("PRIVATE"));
        assert!(parse("", "k").is_err());
        assert!(parse(&format!("{KEY}\n{KEY}"), "k").is_err());
        assert!(parse(&KEY[..62], "k").is_err());
        assert!(parse(&format!("{}zz", &KEY[..62]), "k").is_err());
    }

    #[test]
    fn the_development_key_is_refused_and_is_the_one_linli_updates_has() {
        let err = parse(&format!("# dev\n{DEV_PUBLIC_KEY}\n"), "dev.pub").unwrap_err();
        assert!(format!("{err:#}").contains("development key"));
        let keys = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/updates/src/keys.rs"),
        )
        .unwrap();
        assert!(keys.contains(&format!("DEV_PUBLIC_KEY: &str = \"{DEV_PUBLIC_KEY}\"")));
    }
}
