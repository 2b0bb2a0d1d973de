//! 设置 → 备份 (issue 22): the backup plan in the laptop's own `settings` table (never synced) —
//! the folder, the daily copy, the key wrapped by the backup PIN when the laptop's key is in the
//! keystore — and the backups made by it ([`crate::backup`]).

use std::path::{Path, PathBuf};

use linli_domain::{args, msg, DomainError};
use linli_protocol::{BackupIfDue, BackupNow, BackupPlan, GetBackupPlan, SetBackupPlan};
use rusqlite::{params, OptionalExtension};

use crate::journal::now_ms;
use crate::key;
use crate::{Result, Store};

const FOLDER: &str = "backup_folder";
const DAILY: &str = "backup_daily";
const WRAPPED_KEY: &str = "backup_wrapped_key";
const LAST_MS: &str = "backup_last_ms";
const LAST_FILE: &str = "backup_last_file";
const DAY_MS: u64 = 24 * 3600 * 1000;

impl Store {
    fn plan_setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    fn set_plan_setting(&self, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(v) => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, v],
            )?,
            None => self
                .conn
                .execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
        Ok(())
    }

    /// Whether this laptop's key is wrapped by a PIN in a key file beside the database (a backup
    /// carries that file); else it is in the keystore and a backup PIN wraps it.
    fn has_key_file(&self) -> bool {
        self.path()
            .map(key::key_file_path)
            .is_some_and(|k| k.exists())
    }

    /// The plan and the last backup.
    pub fn get_backup_plan(&self, _req: &GetBackupPlan) -> Result<BackupPlan> {
        let last_ms: Option<u64> = self.plan_setting(LAST_MS)?.and_then(|v| v.parse().ok());
        Ok(BackupPlan {
            folder: self.plan_setting(FOLDER)?,
            daily: self.plan_setting(DAILY)?.as_deref() == Some("1"),
            needs_pin: !self.has_key_file() && self.plan_setting(WRAPPED_KEY)?.is_none(),
            last_at: last_ms.map(local_minute),
            last_file: self.plan_setting(LAST_FILE)?,
        })
    }

    /// Sets the folder (which must exist) and the daily copy; a PIN wraps the key for the
    /// backups of a laptop whose key is in the keystore. Refused as a whole, changing nothing.
    pub fn set_backup_plan(&mut self, req: &SetBackupPlan) -> Result<BackupPlan> {
        let folder = req
            .folder
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty());
        if let Some(f) = folder {
            if !Path::new(f).is_dir() {
                return Err(DomainError::coded(
                    "folder",
                    msg::BACKUP_FOLDER_NOT_FOUND,
                    args![folder = f],
                )
                .into());
            }
        } else if req.daily {
            return Err(DomainError::coded("folder", msg::BACKUP_FOLDER_MISSING, vec![]).into());
        }
        let pin = req.pin.as_deref().filter(|p| !p.is_empty());
        let wrapped = match (pin, self.key) {
            (Some(p), Some(k)) if !self.has_key_file() => {
                key::check_new_pin(p)?;
                Some(key::wrap_key(&k, p)?)
            }
            _ => None,
        };
        if folder.is_some()
            && wrapped.is_none()
            && !self.has_key_file()
            && self.key.is_some()
            && self.plan_setting(WRAPPED_KEY)?.is_none()
        {
            return Err(DomainError::coded(
                "pin",
                msg::BACKUP_PIN_NEEDED,
                args![min = key::MIN_PIN_CHARS],
            )
            .into());
        }
        self.set_plan_setting(FOLDER, folder)?;
        self.set_plan_setting(DAILY, req.daily.then_some("1"))?;
        if let Some(w) = &wrapped {
            self.set_plan_setting(WRAPPED_KEY, Some(w))?;
        }
        self.get_backup_plan(&GetBackupPlan {})
    }

    /// Makes a backup into the plan's folder now: `linli-<date>-<time>.zip`.
    pub fn backup_now(&mut self, _req: &BackupNow) -> Result<BackupPlan> {
        let folder = self
            .plan_setting(FOLDER)?
            .ok_or_else(|| DomainError::coded("folder", msg::BACKUP_FOLDER_MISSING, vec![]))?;
        if !Path::new(&folder).is_dir() {
            return Err(DomainError::coded(
                "folder",
                msg::BACKUP_FOLDER_NOT_FOUND,
                args![folder = &folder],
            )
            .into());
        }
        let now = now_ms();
        let stamp = chrono::DateTime::from_timestamp_millis(now as i64)
            .unwrap_or_default()
            .with_timezone(&offset())
            .format("%Y%m%d-%H%M%S");
        let out: PathBuf = Path::new(&folder).join(format!("linli-{stamp}.zip"));
        let wrapped = self.plan_setting(WRAPPED_KEY)?;
        self.backup_with_key_text(&out, wrapped)?;
        self.set_plan_setting(LAST_MS, Some(&now.to_string()))?;
        self.set_plan_setting(LAST_FILE, Some(&out.to_string_lossy()))?;
        self.get_backup_plan(&GetBackupPlan {})
    }

    /// Makes a backup when the daily copy is due: the plan says daily, has a folder, and the last
    /// backup is a day old (or there is none).
    pub fn backup_if_due(&mut self, _req: &BackupIfDue) -> Result<bool> {
        let plan = self.get_backup_plan(&GetBackupPlan {})?;
        let last: Option<u64> = self.plan_setting(LAST_MS)?.and_then(|v| v.parse().ok());
        let due = plan.daily
            && plan.folder.is_some()
            && last.is_none_or(|l| now_ms().saturating_sub(l) >= DAY_MS);
        if due {
            self.backup_now(&BackupNow {})?;
        }
        Ok(due)
    }
}

fn offset() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(crate::local_offset_minutes() * 60)
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC"))
}

/// `YYYY-MM-DD HH:MM` in local time.
fn local_minute(ms: u64) -> String {
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .unwrap_or_default()
        .with_timezone(&offset())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
