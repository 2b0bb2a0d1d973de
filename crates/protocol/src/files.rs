//! Files the desktop way: the window's own file dialogs and "open the file / its folder" after a
//! save. These are requests to the desktop shell, not to the store (nothing here can be scripted
//! with `linli exec`); the UI calls them through the same `ipc::call` as every other request.

use serde::{Deserialize, Serialize};

use crate::Command;

/// Asks the user for a file with the system's dialog: where to save (`save`) or which file to
/// open. `suggested` is a full path whose folder the dialog starts in (the Downloads folder when
/// none) and, for a save, whose name it proposes. `extensions` ("xlsx", "csv") limit the files
/// shown, under `filter_name`. The answer is the chosen full path, or none when cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickFile {
    pub save: bool,
    #[serde(default)]
    pub suggested: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub filter_name: String,
    #[serde(default)]
    pub extensions: Vec<String>,
}

impl Command for PickFile {
    const NAME: &'static str = "pick_file";
    type Response = Option<String>;
}

/// Opens a file the app wrote with the system's default program (a spreadsheet, a .csv, a .json
/// mapping: nothing else), or with `folder`, shows it in its folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenPath {
    pub path: String,
    #[serde(default)]
    pub folder: bool,
}

impl Command for OpenPath {
    const NAME: &'static str = "open_path";
    type Response = ();
}

/// The kinds of file [`OpenPath`] opens with their default program.
pub const OPENABLE_EXTENSIONS: &[&str] = &["xlsx", "xls", "csv", "json", "pdf"];

/// Every desktop-shell file command name.
pub const FILE_COMMAND_NAMES: &[&str] = &[PickFile::NAME, OpenPath::NAME];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_commands_do_not_clash_with_store_or_sync_commands() {
        for n in FILE_COMMAND_NAMES {
            assert!(!crate::COMMAND_NAMES.contains(n), "{n}");
            assert!(!crate::SYNC_COMMAND_NAMES.contains(n), "{n}");
        }
    }
}
