//! `GET /v1/updates/{file}`: the folder `linli serve --updates DIR` was given, read-only (issue
//! 22 item 4): the signed `manifest.json` and the installers it names.
//!
//! No sign-in is asked: the manifest is signed (a laptop trusts only the key built into it, not
//! this server), the installers are checked against it, neither holds any resident's data, and a
//! laptop being set up can update before it has an account. A name is one plain file name
//! (`linli_updates::safe_file_name`: no `/`, `\`, `..` or leading dot) of a regular file whose
//! real path is inside the folder (a symbolic link out of it is refused); everything else,
//! and everything when no folder was given, is the same 404.

use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use linli_domain::{args, msg};

use crate::db::ServerDb;
use crate::error::ApiError;
use crate::AppState;

fn not_found(file: &str) -> ApiError {
    let shown: String = file.chars().take(80).collect();
    ApiError::said(
        StatusCode::NOT_FOUND,
        "not_found",
        msg::UPDATE_FILE_NOT_FOUND,
        args![file = shown],
    )
}

/// The content type of a served file, by its name.
pub fn content_type(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        "application/json; charset=utf-8"
    } else if lower.ends_with(".exe") {
        "application/vnd.microsoft.portable-executable"
    } else if lower.ends_with(".deb") {
        "application/vnd.debian.binary-package"
    } else if lower.ends_with(".txt") || lower.ends_with(".md") {
        "text/plain; charset=utf-8"
    } else {
        "application/octet-stream"
    }
}

/// The real path of `name` in `dir`, if it is a plain name of a regular file inside it.
fn resolve(dir: &FsPath, name: &str) -> Option<PathBuf> {
    if !linli_updates::safe_file_name(name) {
        return None;
    }
    let root = dir.canonicalize().ok()?;
    let path = root.join(name).canonicalize().ok()?;
    (path.parent() == Some(root.as_path()) && path.is_file()).then_some(path)
}

/// `GET /v1/updates/{file}`.
pub(super) async fn get_update<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    let dir = state
        .settings
        .updates
        .clone()
        .ok_or_else(|| not_found(&file))?;
    let found = {
        let file = file.clone();
        tokio::task::spawn_blocking(move || std::fs::read(resolve(&dir, &file)?).ok())
            .await
            .ok()
            .flatten()
    };
    let Some(bytes) = found else {
        tracing::info!(file = %file.chars().take(80).collect::<String>(), "update file refused or missing");
        return Err(not_found(&file));
    };
    let mut resp = bytes.into_response();
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(&file)),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // the manifest changes when a county publishes; an installer of a name never does
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if file == linli_updates::MANIFEST_FILE {
            "no-cache"
        } else {
            "public, max-age=86400"
        }),
    );
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_files_inside_the_folder_resolve() {
        let root = std::env::temp_dir().join(format!("linli-upd-{}", std::process::id()));
        let dir = root.join("updates");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("manifest.json"), "{}").unwrap();
        std::fs::write(root.join("secret.txt"), "no").unwrap();
        assert!(resolve(&dir, "manifest.json").is_some());
        for bad in [
            "../secret.txt",
            "..",
            "sub",
            "sub/x",
            ".",
            "",
            "missing.exe",
        ] {
            assert!(resolve(&dir, bad).is_none(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("secret.txt"), dir.join("link.txt")).unwrap();
            assert!(resolve(&dir, "link.txt").is_none());
        }
        assert_eq!(
            content_type("a_amd64.deb"),
            "application/vnd.debian.binary-package"
        );
        assert_eq!(
            content_type("Setup.EXE"),
            "application/vnd.microsoft.portable-executable"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
