//! 设置 → 备份 (issue 22): this laptop's backup plan — a folder (or USB stick) and whether a copy
//! is made there every day — and its last backup. A backup is `linli backup`'s file (the encrypted
//! database, its key wrapped by a PIN, the attachment files), named `linli-<date>-<time>.zip`.

use serde::{Deserialize, Serialize};

use crate::Command;

/// The plan and the last backup.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BackupPlan {
    /// The folder backups are written to; none until one is chosen.
    #[serde(default)]
    pub folder: Option<String>,
    /// A copy every day (when the app is open and the last one is a day old).
    #[serde(default)]
    pub daily: bool,
    /// The laptop's key is in the system keystore and no backup PIN is set yet: saving the plan
    /// needs one (it wraps the key inside each backup; restoring asks for it).
    #[serde(default)]
    pub needs_pin: bool,
    /// When the last backup was made, local time `YYYY-MM-DD HH:MM`.
    #[serde(default)]
    pub last_at: Option<String>,
    /// The file the last backup was written to.
    #[serde(default)]
    pub last_file: Option<String>,
}

/// The plan as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GetBackupPlan {}

impl Command for GetBackupPlan {
    const NAME: &'static str = "get_backup_plan";
    type Response = BackupPlan;
}

/// Sets the folder and the daily copy. The folder must exist; `pin` (at least six characters) is
/// needed when the plan says `needs_pin`, and replaces the backup PIN when given.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SetBackupPlan {
    #[serde(default)]
    pub folder: Option<String>,
    #[serde(default)]
    pub daily: bool,
    #[serde(default)]
    pub pin: Option<String>,
}

impl Command for SetBackupPlan {
    const NAME: &'static str = "set_backup_plan";
    type Response = BackupPlan;
}

/// Makes a backup into the plan's folder now.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BackupNow {}

impl Command for BackupNow {
    const NAME: &'static str = "backup_now";
    type Response = BackupPlan;
}

/// Makes a backup when the plan's daily copy is due (the desktop asks every half hour); answers
/// whether it made one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BackupIfDue {}

impl Command for BackupIfDue {
    const NAME: &'static str = "backup_if_due";
    type Response = bool;
}
