//! The strings of 设置 → 备份 (h22ops): the backup folder, the daily copy, the backup PIN of a
//! laptop whose key is in the keystore, a backup now, and the last backup's time. `Texts::backup`
//! holds them, Chinese first and English complete.

#[derive(Debug)]
pub struct BackupTexts {
    pub tab: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub folder: &'static str,
    pub folder_hint: &'static str,
    pub daily: &'static str,
    pub pin: &'static str,
    pub pin_hint: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub now: &'static str,
    pub running: &'static str,
    pub last: fn(at: &str) -> String,
    pub last_file: fn(file: &str) -> String,
    pub never: &'static str,
    pub restore_hint: &'static str,
}

pub const ZH: BackupTexts = BackupTexts {
    tab: "备份",
    title: "备份",
    intro: "把这台电脑的数据库和照片等附件复制成一个加密的备份文件，放在另一个文件夹或U盘里。电脑坏了或丢了，可以用备份恢复。",
    folder: "备份文件夹",
    folder_hint: "例如U盘上的一个文件夹，如 /media/u盘/邻里备份 或 E:\\邻里备份",
    daily: "每天自动备份一次（邻里打开时）",
    pin: "备份 PIN",
    pin_hint: "这台电脑的密钥保存在系统钥匙串里：请设置一个至少 6 位的 PIN 来保护备份，恢复时需要输入它。请记好，不要和U盘放在一起。",
    save: "保存设置",
    saved: "已保存",
    now: "立即备份",
    running: "正在备份…",
    last: |at| format!("上次备份：{at}"),
    last_file: |file| format!("备份文件：{file}"),
    never: "还没有备份过",
    restore_hint: "恢复备份：在命令行运行 linli restore 备份文件（原来的数据库会保留在旁边）。",
};

pub const EN: BackupTexts = BackupTexts {
    tab: "Backup",
    title: "Backup",
    intro: "Copy this laptop's database and its attachments (photos) into one encrypted backup file in another folder or on a USB stick. If the laptop breaks or is lost, the backup restores it.",
    folder: "Backup folder",
    folder_hint: "A folder on a USB stick, e.g. /media/usb/linli-backups or E:\\linli-backups",
    daily: "Back up once a day automatically (while Linli is open)",
    pin: "Backup PIN",
    pin_hint: "This laptop's key is kept in the system keystore: set a PIN of at least 6 characters to protect the backups; restoring asks for it. Keep it safe, and not with the USB stick.",
    save: "Save settings",
    saved: "Saved",
    now: "Back up now",
    running: "Backing up…",
    last: |at| format!("Last backup: {at}"),
    last_file: |file| format!("Backup file: {file}"),
    never: "No backup yet",
    restore_hint: "To restore a backup, run linli restore FILE on the command line (the database there is kept beside it).",
};
