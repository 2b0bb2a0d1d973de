//! Updates from the laptop's own server (issue 22 item 4): the signed manifest and an installer,
//! fetched over the same HTTPS (and the same county CA) as the sync, without a token, and checked
//! by linli-updates before anything is offered or kept. The desktop shell asks after each sync
//! and starts the installer; nothing here installs.

use linli_domain::{args, msg};
use linli_updates::{Installer, Manifest, PublicKey, Refusal, MANIFEST_FILE};

use crate::HttpTransport;

/// Where a server serves its updates folder (`linli serve --updates`).
pub const UPDATES_PATH: &str = "/v1/updates/";

/// The most a manifest may be.
const MAX_MANIFEST: u64 = 1024 * 1024;

fn download_failed(what: &str, reason: impl std::fmt::Display) -> Refusal {
    Refusal::new(
        msg::UPDATE_DOWNLOAD_FAILED,
        args![what = what, reason = reason],
    )
}

/// `GET /v1/updates/{file}` on the server at `base`: `None` when it has no such file (404), the
/// bytes otherwise (at most `limit`).
fn fetch(base: &str, file: &str, limit: u64) -> Result<Option<Vec<u8>>, Refusal> {
    let transport = HttpTransport::new(base);
    let (status, body) = transport
        .get(&format!("{UPDATES_PATH}{file}"), limit)
        .map_err(|e| download_failed(file, e))?;
    match status {
        200 => Ok(Some(body)),
        404 => Ok(None),
        s => Err(download_failed(file, format!("HTTP {s}"))),
    }
}

/// An update this laptop may install: a newer version than `current`, signed by `trusted`, with
/// an installer for `platform`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub server: String,
    pub manifest: Manifest,
    pub installer: Installer,
}

/// Asks the server at `base` for its manifest and checks it: `Ok(None)` when it offers none or
/// nothing newer than `current`; refused when the manifest is not signed by `trusted` or has no
/// installer for `platform`.
pub fn check(
    base: &str,
    trusted: &PublicKey,
    current: &str,
    platform: &str,
) -> Result<Option<Offer>, Refusal> {
    let Some(bytes) = fetch(base, MANIFEST_FILE, MAX_MANIFEST)? else {
        return Ok(None);
    };
    let manifest = linli_updates::verify(&bytes, trusted)?;
    if !linli_updates::newer(&manifest.version, current) {
        return Ok(None);
    }
    let installer = manifest.installer_for(platform)?.clone();
    Ok(Some(Offer {
        server: base.to_owned(),
        manifest,
        installer,
    }))
}

/// Downloads the offer's installer and checks its size and SHA-256 against the signed manifest;
/// the bytes only when both match.
pub fn download(offer: &Offer) -> Result<Vec<u8>, Refusal> {
    let i = &offer.installer;
    // more than announced is read, so a longer file is refused for its size, not as a failure
    let limit = i.size.saturating_mul(2).max(i.size.saturating_add(1 << 20));
    let bytes = fetch(&offer.server, &i.file, limit)?
        .ok_or_else(|| Refusal::new(msg::UPDATE_FILE_NOT_FOUND, args![file = i.file]))?;
    linli_updates::check_installer(&bytes, i)?;
    Ok(bytes)
}
