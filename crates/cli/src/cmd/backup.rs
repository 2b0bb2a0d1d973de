//! `linli backup --out FILE` and `linli restore FILE` (issue 22): one file holding the encrypted
//! database, its key wrapped by a PIN, and the attachment files (see `linli_store::backup`).

use std::path::PathBuf;

use clap::Args;
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write (a zip holding the encrypted database, its key wrapped by a PIN,
    /// and blobs/); written under a temporary name first
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    // The help is written out (not taken from a doc comment): clap shows a doc comment's
    // backticks as they are, and rustdoc reads a bare <name> as an HTML tag.
    #[arg(
        value_name = "FILE",
        help = "The backup file linli backup wrote. The database at --db is kept aside as \
                NAME.before-restore-MS (MS: the time in milliseconds); the restored laptop \
                takes a new device id"
    )]
    file: PathBuf,
}

/// The PIN from `LINLI_PIN`, else typed on a terminal.
fn pin(prompt: &str) -> Result<Option<String>, Failure> {
    use std::io::IsTerminal as _;
    if let Some(p) = std::env::var("LINLI_PIN").ok().filter(|p| !p.is_empty()) {
        return Ok(Some(p));
    }
    if std::io::stdin().is_terminal() {
        return Ok(Some(rpassword::prompt_password(prompt)?));
    }
    Ok(None)
}

pub fn run(store: &mut Store, args: BackupArgs) -> Result<(), Failure> {
    let key_file = store
        .path()
        .map(linli_store::key::key_file_path)
        .is_some_and(|k| k.exists());
    // a laptop with a key file puts it in as it is; a keystore key is wrapped by a PIN
    let pin = if key_file {
        None
    } else {
        pin("保护备份的 PIN (a PIN for the backup): ")?
    };
    let m = store.backup_to(&args.out, pin.as_deref())?;
    println!(
        "已备份到 {}：数据库（格式 {}）和 {} 个附件文件 (backed up: the database and {} files)",
        args.out.display(),
        m.schema_version,
        m.blobs,
        m.blobs
    );
    Ok(())
}

pub fn run_restore(db: Option<PathBuf>, args: RestoreArgs) -> Result<(), Failure> {
    let path = db.unwrap_or_else(linli_store::default_db_path);
    let pin = pin("备份的 PIN (the backup's PIN): ")?;
    let r = linli_store::backup::restore(&path, &args.file, pin.as_deref())?;
    println!(
        "已从 {} 恢复到 {}；这台电脑换用新的设备号 {}，下次同步会取回备份之后上传过的内容 (restored; new device id, the next sync brings back what was pushed after the backup)",
        args.file.display(),
        path.display(),
        r.device_id
    );
    if let Some(aside) = r.kept_aside {
        println!("原来的数据库保留在 {} (the previous file)", aside.display());
    }
    Ok(())
}
