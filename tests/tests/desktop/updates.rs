//! Updates from the county's own server in the window (issue 22 item 4), against the real server
//! on 127.0.0.1 serving an updates folder: after a sync, a manifest signed by another key is
//! refused and the notice says so; signed with the key built into this (debug) build — the
//! development key of linli-updates' test fixtures — the newer version is offered with what is
//! new and its size, in both languages; consenting to a tampered installer is refused for its
//! hash and hands nothing on; consenting to the right one downloads it, checks it, and hands it
//! to the installer, which the shell's test seam (`LINLI_E2E_PICK`) notes instead of starting.

use std::path::{Path, PathBuf};

use linli_protocol::sync::Role;
use linli_server::Settings;
use linli_tests::server::Spawn;
use linli_updates::{describe, platform, KeyPair, Manifest, MANIFEST_FILE, MANIFEST_FORMAT};

use crate::desktop::support::{county_of, fresh_demo_db, Desktop};

const VERSION: &str = "9.9.0";
const INSTALLER: &[u8] = b"the next Linli, as a package for this computer";

/// The development key pair (NOT SECRET; `crates/updates/tests/fixtures`), trusted by debug builds.
fn dev_key() -> KeyPair {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/updates/tests/fixtures/dev-release-key");
    KeyPair::read(&path).unwrap()
}

fn installer_name() -> &'static str {
    match platform::current() {
        Some(platform::WINDOWS_X86_64) => "linli-setup-9.9.0.exe",
        Some(platform::DEBIAN_ARM64) => "linli-desktop_9.9.0_arm64.deb",
        _ => "linli-desktop_9.9.0_amd64.deb",
    }
}

/// Signs `dir`'s installer with `key` into its manifest.json.
fn publish(dir: &Path, key: &KeyPair) {
    let manifest = Manifest {
        format: MANIFEST_FORMAT,
        version: VERSION.into(),
        notes_zh: "走访表可以打印了".into(),
        notes_en: "Visit sheets print now".into(),
        installers: vec![describe(
            platform::current().unwrap(),
            installer_name(),
            INSTALLER,
        )],
    };
    let text = linli_updates::sign(&manifest, key).unwrap();
    std::fs::write(dir.join(MANIFEST_FILE), text).unwrap();
}

#[tokio::test]
async fn an_update_is_offered_after_a_sync_verified_and_handed_to_the_installer() {
    let (dir, db) = fresh_demo_db();
    let updates: PathBuf = dir.path().join("updates");
    std::fs::create_dir_all(&updates).unwrap();
    let file = updates.join(installer_name());
    std::fs::write(&file, INSTALLER).unwrap();
    // first published with a key this app does not trust
    publish(&updates, &KeyPair::generate().unwrap());

    let server = Spawn::new()
        .settings(Settings {
            updates: Some(updates.clone()),
            ..Settings::default()
        })
        .start();
    server.user("zhang", Role::Admin, &[county_of(&db)]);
    server.county_wide("zhang");
    let app = Desktop::launch(&db).await;
    app.client
        .set_window_size(1366, 768)
        .await
        .expect("a 1366×768 window");

    app.click("#nav-sync").await;
    app.type_into("#sync-server", &server.url).await;
    app.type_into("#sync-user", "zhang").await;
    app.type_into("#sync-password", "secret").await;
    app.click("#sync-login-submit").await;
    app.wait_text_within(".sync-headline", "同步完成", 90).await;

    // the manifest of another key: refused, and the notice says so
    let refused = app
        .wait_text_within("#update-problem", "不是用本程序信任的密钥签名的", 30)
        .await;
    assert!(refused.contains("更新被拒绝"), "{refused}");
    assert!(app
        .client
        .find(fantoccini::Locator::Css("#update-install"))
        .await
        .is_err());
    app.screenshot("update-refused-zh").await;

    // signed with the built-in key: after the next sync the version is offered
    publish(&updates, &dev_key());
    app.click("#sync-now").await;
    let offered = app
        .wait_text_within("#update-notice", &format!("有新版本 {VERSION}"), 30)
        .await;
    assert!(
        offered.contains(&format!("（当前 {}）", env!("CARGO_PKG_VERSION"))),
        "{offered}"
    );
    assert!(offered.contains("走访表可以打印了"), "{offered}");
    assert!(
        offered.contains(&format!("安装文件 {} B", INSTALLER.len())),
        "{offered}"
    );
    assert!(app
        .client
        .find(fantoccini::Locator::Css("#update-problem"))
        .await
        .is_err());
    app.screenshot("update-offered-zh").await;

    // in English
    app.click("#lang-switch").await;
    let en = app
        .wait_text_within(
            "#update-notice",
            &format!("Version {VERSION} is available"),
            10,
        )
        .await;
    assert!(en.contains("Visit sheets print now"), "{en}");
    assert!(en.contains("Download and install"), "{en}");
    app.screenshot("update-offered-en").await;
    app.click("#lang-switch").await;
    app.wait_text_within("#update-install", "下载并安装", 10)
        .await;

    // the server's installer tampered with (same size): refused for its hash, nothing handed on
    let mut tampered = INSTALLER.to_vec();
    tampered[4] ^= 1;
    std::fs::write(&file, &tampered).unwrap();
    app.click("#update-install").await;
    let e = app.wait_text_within("#update-error", "校验值", 30).await;
    assert!(e.contains("已拒绝，没有安装"), "{e}");
    assert!(!app.opened().contains("install"), "{}", app.opened());
    app.screenshot("update-bad-hash-zh").await;

    // the right installer: downloaded, checked, saved and handed to the installer
    std::fs::write(&file, INSTALLER).unwrap();
    app.click("#update-install").await;
    app.wait_text_within("#update-started", "安装程序已启动", 30)
        .await;
    let line = app
        .opened()
        .lines()
        .find(|l| l.starts_with("install "))
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("nothing handed to the installer: {}", app.opened()));
    let saved = PathBuf::from(line.trim_start_matches("install "));
    assert!(saved.ends_with(installer_name()), "{}", saved.display());
    assert_eq!(std::fs::read(&saved).unwrap(), INSTALLER);
    app.screenshot("update-started-zh").await;
    app.close().await;
}
