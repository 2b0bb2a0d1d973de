//! Updates in the window (issue 22 item 4): what the desktop shell found on the server after a
//! sync, and the consent to install it. Requests to the shell, not to the store (nothing here can
//! be scripted with `linli exec`); the checks are linli-updates' and the fetching linli-sync's.

use serde::{Deserialize, Serialize};

use crate::{ApiError, Command};

/// What the shell knows about updates now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateStatus {}

impl Command for UpdateStatus {
    const NAME: &'static str = "update_status";
    type Response = UpdateState;
}

/// Consent: download the offered `version`'s installer, check its size and SHA-256 against the
/// signed manifest, and start it (Windows: the setup program, and Linli quits; Debian: the
/// system's package installer). A refusal says why (`update_bad_hash`, `update_bad_size`…) and
/// installs nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallUpdate {
    pub version: String,
}

impl Command for InstallUpdate {
    const NAME: &'static str = "install_update";
    type Response = UpdateState;
}

/// The shell's view of updates: this app's version, the update on offer (a newer version whose
/// signed manifest verified), why the last check was refused (a bad signature, another key: shown
/// in the window), and the installer started, if one was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateState {
    pub current: String,
    #[serde(default)]
    pub offer: Option<UpdateOffer>,
    #[serde(default)]
    pub problem: Option<ApiError>,
    #[serde(default)]
    pub started: Option<String>,
}

/// A verified update: its version, what is new, and its installer's name and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateOffer {
    pub version: String,
    #[serde(default)]
    pub notes_zh: String,
    #[serde(default)]
    pub notes_en: String,
    pub file: String,
    pub size: u64,
}

/// Every desktop-shell update command name.
pub const UPDATE_COMMAND_NAMES: &[&str] = &[UpdateStatus::NAME, InstallUpdate::NAME];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_commands_do_not_clash_with_the_others() {
        for n in UPDATE_COMMAND_NAMES {
            assert!(!crate::COMMAND_NAMES.contains(n), "{n}");
            assert!(!crate::SYNC_COMMAND_NAMES.contains(n), "{n}");
            assert!(!crate::FILE_COMMAND_NAMES.contains(n), "{n}");
        }
    }
}
