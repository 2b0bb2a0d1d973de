//! Files the desktop way: the system's file dialog (tauri-plugin-dialog) for every open and save,
//! starting in the Downloads folder, and "open the file / show it in its folder"
//! (tauri-plugin-opener) after a save. The UI reaches them through these two commands only (see
//! `linli_protocol::files`), so the window needs none of the plugins' own permissions.
//!
//! A test seam: with `LINLI_E2E_PICK` naming a folder, no dialog opens and nothing is launched.
//! A dialog is answered with the path written in `<folder>/answer` (used once; none = cancelled)
//! and noted in `<folder>/asked` (the folder it would start in and the name it proposes); an open
//! is noted in `<folder>/opened` (`file <path>` or `folder <path>`). Window tests under Xvfb
//! cannot drive a native GTK dialog.

use std::io::Write;
use std::path::{Path, PathBuf};

use linli_protocol::{ApiError, ErrorKind, OpenPath, PickFile, OPENABLE_EXTENSIONS};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorKind::Internal, e.to_string())
}

/// The folder a dialog starts in and the name it proposes.
pub fn start_of(suggested: Option<&str>, save: bool) -> (Option<PathBuf>, Option<String>) {
    let downloads = || dirs::download_dir().filter(|d| d.is_dir());
    let Some(s) = suggested.map(str::trim).filter(|s| !s.is_empty()) else {
        return (downloads(), None);
    };
    let p = Path::new(s);
    let dir = p
        .parent()
        .filter(|d| d.is_dir())
        .map(Path::to_path_buf)
        .or_else(downloads);
    let name = p
        .file_name()
        .filter(|_| save)
        .map(|n| n.to_string_lossy().into_owned());
    (dir, name)
}

pub(crate) fn seam() -> Option<PathBuf> {
    std::env::var_os("LINLI_E2E_PICK").map(PathBuf::from)
}

pub(crate) fn note(dir: &Path, file: &str, line: &str) -> Result<(), ApiError> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(file))
        .map_err(internal)?;
    writeln!(f, "{line}").map_err(internal)
}

#[tauri::command]
pub async fn pick_file<R: Runtime>(
    app: AppHandle<R>,
    req: PickFile,
) -> Result<Option<String>, ApiError> {
    let (dir, name) = start_of(req.suggested.as_deref(), req.save);
    if let Some(seam) = seam() {
        let shown = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
        note(
            &seam,
            "asked",
            &format!(
                "{} {} {}",
                if req.save { "save" } else { "open" },
                shown(&dir).unwrap_or_default(),
                name.unwrap_or_default()
            ),
        )?;
        let answer = seam.join("answer");
        let picked = std::fs::read_to_string(&answer).ok();
        let _ = std::fs::remove_file(&answer);
        return Ok(picked
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty()));
    }
    let mut dialog = app.dialog().file();
    if !req.title.is_empty() {
        dialog = dialog.set_title(req.title);
    }
    if let Some(dir) = dir {
        dialog = dialog.set_directory(dir);
    }
    if let Some(name) = name {
        dialog = dialog.set_file_name(name);
    }
    if !req.extensions.is_empty() {
        let exts: Vec<&str> = req.extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(req.filter_name, &exts);
    }
    let save = req.save;
    let picked = tauri::async_runtime::spawn_blocking(move || {
        if save {
            dialog.blocking_save_file()
        } else {
            dialog.blocking_pick_file()
        }
    })
    .await
    .map_err(internal)?;
    picked
        .map(|p| p.into_path().map(|p| p.display().to_string()))
        .transpose()
        .map_err(internal)
}

/// Whether the app opens this file with its default program: only the kinds it writes.
pub fn openable(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| OPENABLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[tauri::command]
pub async fn open_path<R: Runtime>(app: AppHandle<R>, req: OpenPath) -> Result<(), ApiError> {
    let path = PathBuf::from(req.path.trim());
    if !path.is_file() {
        return Err(ApiError::new(
            ErrorKind::NotFound,
            format!("找不到文件 {}", path.display()),
        ));
    }
    if !req.folder && !openable(&path) {
        return Err(ApiError::new(
            ErrorKind::Invalid,
            "只能打开邻里写出的表格（.xlsx、.xls、.csv）、映射文件（.json）和PDF（.pdf）",
        ));
    }
    if let Some(seam) = seam() {
        let what = if req.folder { "folder" } else { "file" };
        return note(&seam, "opened", &format!("{what} {}", path.display()));
    }
    let opener = app.opener();
    if req.folder {
        opener.reveal_item_in_dir(&path).map_err(internal)
    } else {
        opener
            .open_path(path.display().to_string(), None::<&str>)
            .map_err(internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialog_starts_in_the_suggested_folder_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("月报-2026-03.xlsx");
        let (d, n) = start_of(file.to_str(), true);
        assert_eq!(d.as_deref(), Some(dir.path()));
        assert_eq!(n.as_deref(), Some("月报-2026-03.xlsx"));
        // opening proposes no name
        assert_eq!(start_of(file.to_str(), false).1, None);
    }

    #[test]
    fn only_the_files_the_app_writes_open_with_their_program() {
        assert!(openable(Path::new("/a/月报.xlsx")));
        assert!(openable(Path::new("/a/走访.CSV")));
        assert!(openable(Path::new("/a/月报.pdf")));
        assert!(!openable(Path::new("/a/run.sh")));
        assert!(!openable(Path::new("/a/noext")));
    }
}
