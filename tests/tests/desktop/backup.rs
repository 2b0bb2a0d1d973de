//! 设置 → 备份 in the window (issue 22): a folder that is not there is refused next to the form and
//! nothing is saved; a real folder and the daily copy are saved; 立即备份 writes a backup there and
//! the page shows its time; the backup restores byte-identical. Once in Chinese, once in English,
//! with screenshots (`backup-<lang>.png`).

use std::path::Path;

use crate::desktop::support::{demo_db, Desktop};

struct Words {
    never: &'static str,
    not_there: &'static str,
    saved: &'static str,
    last: &'static str,
}

const ZH: Words = Words {
    never: "还没有备份过",
    not_there: "找不到文件夹",
    saved: "已保存",
    last: "上次备份：",
};

const EN: Words = Words {
    never: "No backup yet",
    not_there: "is not there",
    saved: "Saved",
    last: "Last backup: ",
};

fn setting(db: &Path, key: &str) -> Option<String> {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .ok()
}

async fn backup_page(english: bool) {
    let w = if english { &EN } else { &ZH };
    let lang = if english { "en" } else { "zh" };
    let (dir, db) = demo_db();
    let usb = dir.path().join("usb");
    let app = Desktop::launch_home(&db).await;
    if english {
        app.click("#lang-switch").await;
        app.wait_for_text("#nav-register", "Register").await;
    }
    app.click("#nav-settings").await;
    app.click("#settings-tab-backup").await;
    app.wait_for_text("#backup-last", w.never).await;

    // a folder that is not there (the USB stick not plugged in): refused, nothing saved
    app.type_into("#backup-folder", &usb.to_string_lossy())
        .await;
    app.click("#backup-daily").await;
    app.click("#backup-save").await;
    app.wait_for_text("#backup-error", w.not_there).await;
    assert_eq!(setting(&db, "backup_folder"), None);

    std::fs::create_dir_all(&usb).unwrap();
    app.click("#backup-save").await;
    app.wait_for_text("#backup-saved", w.saved).await;
    assert_eq!(
        setting(&db, "backup_folder").as_deref(),
        Some(usb.to_string_lossy().as_ref())
    );
    assert_eq!(setting(&db, "backup_daily").as_deref(), Some("1"));

    app.click("#backup-now").await;
    app.wait_for_text("#backup-last", w.last).await;
    app.wait_for("#backup-last-file").await;
    app.screenshot(&format!("backup-{lang}")).await;
    app.close().await;

    let files: Vec<_> = std::fs::read_dir(&usb)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].to_string_lossy().ends_with(".zip"));
    // the backup restores byte-identical
    let pin = std::env::var("LINLI_PIN").expect("cargo sets LINLI_PIN for the tests");
    let other = dir.path().join("restored/linli.db");
    linli_store::backup::restore(&other, &files[0], Some(&pin)).unwrap();
    let export = |p: &Path| {
        linli_store::Store::open(p)
            .unwrap()
            .export_canonical()
            .unwrap()
    };
    assert_eq!(export(&other), export(&db));
}

#[tokio::test]
async fn backup_settings_in_chinese() {
    backup_page(false).await;
}

#[tokio::test]
async fn backup_settings_in_english() {
    backup_page(true).await;
}
