//! Updates from the county's own server (issue 22 item 4, docs/updates.md), the shell's side:
//! after each successful background sync, [`watch`] asks the server for its signed manifest
//! (linli-sync's `updates`), which must verify against the public key built into this app
//! ([`BUILT_IN_KEY`]) and name a newer version with an installer for this computer; the window
//! then shows a notice (version, what is new, size) through `update_status`, and on consent
//! (`install_update`) the installer is downloaded, its size and SHA-256 checked against the
//! manifest, saved, and handed to [`start_installer`]. A refused manifest (a bad signature,
//! another key) is shown in the notice too; a refused installer is the command's error.
//!
//! The built-in key: `LINLI_UPDATE_PUBKEY` (64 hex digits, `linli admin release keygen`'s
//! `.pub`) read at build time. A debug build without it trusts the development key
//! (`linli_updates::keys::DEV_PUBLIC_KEY`, whose private half is a test fixture); a release
//! build without it trusts no key and never checks.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use linli_domain::msg;
use linli_protocol::{ApiError, ErrorKind, InstallUpdate, UpdateOffer, UpdateState, UpdateStatus};
use linli_sync::updates::Offer;
use linli_updates::{platform, PublicKey, Refusal};
use tauri::{AppHandle, Manager as _, Runtime};

use crate::Backend;

/// This app's version, which an offer must be newer than.
pub const CURRENT: &str = env!("CARGO_PKG_VERSION");

/// The public key updates must be signed with (see the module's note).
pub const BUILT_IN_KEY: Option<&str> = match option_env!("LINLI_UPDATE_PUBKEY") {
    Some(k) => Some(k),
    None if cfg!(debug_assertions) => Some(linli_updates::keys::DEV_PUBLIC_KEY),
    None => None,
};

/// How often the watcher looks whether a sync has ended.
const LOOK: Duration = Duration::from_secs(2);

/// The built-in key, if this build has a usable one.
pub fn trusted_key() -> Option<PublicKey> {
    PublicKey::parse(BUILT_IN_KEY?, "LINLI_UPDATE_PUBKEY").ok()
}

fn api(r: Refusal) -> ApiError {
    ApiError::coded(ErrorKind::Invalid, r.msg, r.args)
}

/// What the shell knows about updates (managed Tauri state).
#[derive(Debug, Default)]
pub struct Updates {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    offer: Option<Offer>,
    problem: Option<ApiError>,
    started: Option<String>,
    /// The sync (its end, in ms) after which the server was last asked.
    checked: Option<u64>,
}

impl Updates {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The window's view.
    pub fn state(&self) -> UpdateState {
        let inner = self.lock();
        UpdateState {
            current: CURRENT.to_owned(),
            offer: inner.offer.as_ref().map(|o| UpdateOffer {
                version: o.manifest.version.clone(),
                notes_zh: o.manifest.notes_zh.clone(),
                notes_en: o.manifest.notes_en.clone(),
                file: o.installer.file.clone(),
                size: o.installer.size,
            }),
            problem: inner.problem.clone(),
            started: inner.started.clone(),
        }
    }

    /// Asks `server` after the sync that ended at `at_ms`, once per sync. An unreachable
    /// server or one offering nothing changes nothing shown; a refused manifest is shown.
    fn after_sync(&self, at_ms: u64, server: &str, trusted: &PublicKey) {
        if self.lock().checked == Some(at_ms) {
            return;
        }
        self.lock().checked = Some(at_ms);
        let Some(platform) = platform::current() else {
            return;
        };
        match linli_sync::updates::check(server, trusted, CURRENT, platform) {
            Ok(offer) => {
                let mut inner = self.lock();
                inner.offer = offer;
                inner.problem = None;
            }
            Err(r) if r.msg == msg::UPDATE_DOWNLOAD_FAILED => {}
            Err(r) => {
                let mut inner = self.lock();
                inner.offer = None;
                inner.problem = Some(api(r));
            }
        }
    }

    /// Consent to `version`: download, check, save and start its installer.
    fn install<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        version: &str,
    ) -> Result<UpdateState, ApiError> {
        let offer = self
            .lock()
            .offer
            .clone()
            .filter(|o| o.manifest.version == version)
            .ok_or_else(|| api(Refusal::new(msg::UPDATE_NOTHING_OFFERED, vec![])))?;
        let bytes = linli_sync::updates::download(&offer).map_err(api)?;
        let path = save(&offer.installer.file, &bytes)?;
        start_installer(app, &path)?;
        self.lock().started = Some(path.display().to_string());
        Ok(self.state())
    }
}

/// Writes the checked installer into the user's cache folder (`linli/updates/`).
fn save(file: &str, bytes: &[u8]) -> Result<PathBuf, ApiError> {
    let dir = dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("linli")
        .join("updates");
    let path = dir.join(file);
    let failed = |e: std::io::Error| {
        api(Refusal::new(
            msg::UPDATE_INSTALL_FAILED,
            linli_domain::args![reason = e, path = path.display()],
        ))
    };
    std::fs::create_dir_all(&dir).map_err(failed)?;
    std::fs::write(&path, bytes).map_err(failed)?;
    Ok(path)
}

/// Starts the verified installer at `path`: the one place that does.
///
/// - Windows: runs the setup program, then Linli quits so the setup can replace its files.
/// - Debian: hands the `.deb` to the desktop's package installer with `xdg-open` (UOS and
///   Deepin's 软件包安装器, GNOME Software, gdebi), which asks for an administrator's password
///   and shows its progress; where there is no `xdg-open`, `pkexec apt-get install -y FILE`.
///   Linli keeps running; the new version starts at the next launch.
/// - With `LINLI_E2E_PICK` set (window tests under Xvfb, see `files.rs`), nothing starts:
///   `install <path>` is noted in that folder's `opened`.
pub fn start_installer<R: Runtime>(app: &AppHandle<R>, path: &Path) -> Result<(), ApiError> {
    if let Some(seam) = crate::files::seam() {
        return crate::files::note(&seam, "opened", &format!("install {}", path.display()));
    }
    let failed = |e: &dyn std::fmt::Display| {
        api(Refusal::new(
            msg::UPDATE_INSTALL_FAILED,
            linli_domain::args![reason = e, path = path.display()],
        ))
    };
    if cfg!(windows) {
        std::process::Command::new(path)
            .spawn()
            .map_err(|e| failed(&e))?;
        app.exit(0);
        return Ok(());
    }
    let _ = app;
    match std::process::Command::new("xdg-open").arg(path).spawn() {
        Ok(_) => Ok(()),
        Err(_) => std::process::Command::new("pkexec")
            .args(["apt-get", "install", "-y"])
            .arg(path)
            .spawn()
            .map(|_| ())
            .map_err(|e| failed(&e)),
    }
}

/// Checks for updates after every successful background sync, on a thread of its own for as
/// long as the app runs (a build without a key never checks).
pub fn watch<R: Runtime>(app: AppHandle<R>) {
    let Some(trusted) = trusted_key() else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("linli-updates".into())
        .spawn(move || loop {
            std::thread::sleep(LOOK);
            let synced = app
                .state::<Backend>()
                .background()
                .and_then(|bg| bg.last_synced());
            if let Some((at_ms, server)) = synced {
                app.state::<Updates>().after_sync(at_ms, &server, &trusted);
            }
        });
}

#[tauri::command]
pub fn update_status(updates: tauri::State<'_, Updates>, req: UpdateStatus) -> UpdateState {
    let UpdateStatus {} = req;
    updates.state()
}

#[tauri::command]
pub async fn install_update<R: Runtime>(
    app: AppHandle<R>,
    req: InstallUpdate,
) -> Result<UpdateState, ApiError> {
    tauri::async_runtime::spawn_blocking(move || app.state::<Updates>().install(&app, &req.version))
        .await
        .map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?
}

/// The two update commands (`linli_protocol::UPDATE_COMMAND_NAMES`).
pub(crate) fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![update_status, install_update]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_debug_build_trusts_the_development_key_unless_told_another() {
        let key = trusted_key().expect("a key in a debug build");
        match option_env!("LINLI_UPDATE_PUBKEY") {
            Some(k) => assert_eq!(key.hex(), k.trim().to_ascii_lowercase()),
            None => assert_eq!(key.hex(), linli_updates::keys::DEV_PUBLIC_KEY),
        }
    }
}
