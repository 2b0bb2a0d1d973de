//! The message catalogue, one section: running Linli (issue 22): backups, restores and the
//! server's configuration file.

use super::Msg;

catalogue! {
    // backups and restores (`linli backup`, `linli restore`, 设置 → 备份)
    BACKUP_IN_MEMORY = "backup_in_memory" {
        zh: "这个数据库不在文件里，无法备份",
        en: "This database is not kept in a file and cannot be backed up",
    }
    BACKUP_PIN_NEEDED = "backup_pin_needed" {
        zh: "这台电脑的数据库密钥在系统钥匙串里：备份需要一个至少 {min} 位的 PIN 来保护备份里的密钥（LINLI_PIN），恢复时要输入它",
        en: "This laptop's database key is in the system keystore: a backup needs a PIN of at least {min} characters to protect the key inside it (LINLI_PIN), to be typed again when restoring",
    }
    BACKUP_WRITE_FAILED = "backup_write_failed" {
        zh: "备份没有写成 {file}：{reason}",
        en: "The backup could not be written to {file}: {reason}",
    }
    BACKUP_NOT_LINLI = "backup_not_linli" {
        zh: "{file} 不是邻里的备份文件，没有恢复任何内容",
        en: "{file} is not a Linli backup file; nothing was restored",
    }
    BACKUP_TOO_NEW = "backup_too_new" {
        zh: "{file} 是较新版本的邻里做的备份（格式 {found}，本程序只认到 {supported}），没有恢复任何内容：请先升级邻里",
        en: "{file} was made by a newer Linli (format {found}, this program knows up to {supported}); nothing was restored: upgrade Linli first",
    }
    BACKUP_DAMAGED = "backup_damaged" {
        zh: "备份文件 {file} 已损坏（{reason}），没有恢复任何内容",
        en: "The backup file {file} is damaged ({reason}); nothing was restored",
    }
    BACKUP_WRONG_PIN = "backup_wrong_pin" {
        zh: "PIN 不对，打不开备份 {file}，没有恢复任何内容",
        en: "Wrong PIN: the backup {file} does not open; nothing was restored",
    }
    BACKUP_FOLDER_MISSING = "backup_folder_missing" {
        zh: "请先选择备份文件夹（例如U盘上的一个文件夹）",
        en: "Choose a folder for the backups first (e.g. a folder on a USB stick)",
    }
    BACKUP_FOLDER_NOT_FOUND = "backup_folder_not_found" {
        zh: "找不到文件夹 {folder}：U盘插好了吗？",
        en: "The folder {folder} is not there: is the USB stick plugged in?",
    }
    RESTORE_FAILED = "restore_failed" {
        zh: "恢复到 {file} 没有完成：{reason}",
        en: "Restoring to {file} did not finish: {reason}",
    }
    // the server's configuration file (`linli serve --config FILE`)
    CONFIG_UNREADABLE = "config_unreadable" {
        zh: "读不了配置文件 {file}：{reason}",
        en: "Cannot read the configuration file {file}: {reason}",
    }
    CONFIG_INVALID = "config_invalid" {
        zh: "配置文件 {file} 有误：{reason}",
        en: "The configuration file {file} is wrong: {reason}",
    }
}
