//! `linli admin release`: the county's (or the project's) side of updates (issue 22 item 4,
//! docs/updates.md). `keygen` makes the ed25519 key pair, `sign` writes the signed
//! `manifest.json` for the installers in the updates folder `linli serve --updates` serves, and
//! `verify` checks a folder as a laptop would. No database is opened. The checks themselves are
//! linli-updates', the same the desktop runs.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use linli_domain::{args, msg};
use linli_updates::{describe, platform, KeyPair, Manifest, PublicKey, Refusal, MANIFEST_FILE};

use super::serve_config::ServerConfig;
use crate::Failure;

#[derive(Debug, Subcommand)]
pub enum Action {
    /// Make a new signing key pair: FILE (private: keep it offline) and FILE.pub (build the
    /// desktop with LINLI_UPDATE_PUBKEY set to its key)
    Keygen {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the signed manifest.json for the installers in the updates folder (a Windows .exe,
    /// a Debian _amd64.deb or _arm64.deb: one per platform)
    Sign {
        /// The private key file (`keygen`)
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// The version the installers install, e.g. 0.2.0
        #[arg(id = "release_version", value_name = "VERSION")]
        version: String,
        /// The updates folder [default: the configuration file's `updates`]
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// What is new, in Chinese (shown in the window)
        #[arg(long, value_name = "TEXT", default_value = "")]
        notes: String,
        /// What is new, in English
        #[arg(long, value_name = "TEXT", default_value = "")]
        notes_en: String,
    },
    /// Check the folder's manifest.json and installers against a public key, as a laptop does
    Verify {
        /// The public key file (FILE.pub of `keygen`)
        #[arg(long, value_name = "FILE")]
        public_key: PathBuf,
        /// The updates folder [default: the configuration file's `updates`]
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

fn refused(r: Refusal) -> Failure {
    Failure {
        code: 1,
        message: format!("{r} [{}]", r.code()),
    }
}

fn folder(dir: Option<PathBuf>, config: Option<&ServerConfig>) -> Result<PathBuf, Failure> {
    let dir = dir
        .or_else(|| config.and_then(|c| c.updates.clone()))
        .unwrap_or_else(|| PathBuf::from("."));
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(refused(Refusal::new(
            msg::UPDATES_DIR_MISSING,
            args![dir = dir.display()],
        )))
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()).into())
}

/// The installers in `dir`, by file name, with their platforms.
fn installers(dir: &Path) -> Result<Vec<(String, &'static str)>, Failure> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(p) = platform::of_file(&name).filter(|_| entry.path().is_file()) {
            found.push((name, p));
        }
    }
    found.sort();
    if found.is_empty() {
        return Err(refused(Refusal::new(
            msg::UPDATE_SIGN_NO_INSTALLERS,
            args![dir = dir.display()],
        )));
    }
    Ok(found)
}

pub fn run(action: Action, config: Option<&ServerConfig>) -> Result<(), Failure> {
    match action {
        Action::Keygen { out } => {
            let pair = KeyPair::generate().map_err(refused)?;
            let public = pair.write_new(&out).map_err(refused)?;
            println!(
                "私钥 (private key): {}（请离线保管 keep it offline）",
                out.display()
            );
            println!("公钥 (public key):  {}", public.display());
            println!("LINLI_UPDATE_PUBKEY={}", pair.public().hex());
            Ok(())
        }
        Action::Sign {
            key,
            version,
            dir,
            notes,
            notes_en,
        } => {
            let dir = folder(dir, config)?;
            let key = KeyPair::read(&key).map_err(refused)?;
            linli_updates::parse_version(&version).map_err(refused)?;
            let mut list = Vec::new();
            for (name, platform) in installers(&dir)? {
                list.push(describe(platform, &name, &read(&dir.join(&name))?));
            }
            let manifest = Manifest {
                format: linli_updates::MANIFEST_FORMAT,
                version,
                notes_zh: notes,
                notes_en,
                installers: list,
            };
            let text = linli_updates::sign(&manifest, &key).map_err(refused)?;
            // written beside, then renamed: a laptop never reads half a manifest
            let tmp = dir.join(".manifest.json.tmp");
            std::fs::write(&tmp, text)?;
            std::fs::rename(&tmp, dir.join(MANIFEST_FILE))?;
            println!(
                "已签名 (signed) {} {}，密钥 (key) {}",
                dir.join(MANIFEST_FILE).display(),
                manifest.version,
                key.public().short()
            );
            for i in &manifest.installers {
                println!(
                    "  {}  {}  {} 字节 (bytes)  sha256 {}",
                    i.platform, i.file, i.size, i.sha256
                );
            }
            Ok(())
        }
        Action::Verify { public_key, dir } => {
            let dir = folder(dir, config)?;
            let trusted = PublicKey::read(&public_key).map_err(refused)?;
            let manifest = linli_updates::verify(&read(&dir.join(MANIFEST_FILE))?, &trusted)
                .map_err(refused)?;
            for i in &manifest.installers {
                linli_updates::check_installer(&read(&dir.join(&i.file))?, i).map_err(refused)?;
            }
            println!(
                "清单和 {} 个安装文件都通过了验证 (the manifest and {} installers verify): {}",
                manifest.installers.len(),
                manifest.installers.len(),
                manifest.version
            );
            Ok(())
        }
    }
}
