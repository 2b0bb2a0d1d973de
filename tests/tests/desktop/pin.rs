//! The PIN screen (issue 16): where no OS keystore holds the database's key, the window asks for
//! the PIN before the app loads; a wrong PIN says so and changes nothing; a new laptop sets one.

use std::path::Path;

use linli_store::{KeySource, Store};

use crate::desktop::support::{demo_db, Desktop};

/// The database's files, byte for byte.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn the_window_asks_for_the_pin_and_a_wrong_one_changes_nothing() {
    // the demo town, its key wrapped by the PIN the tests run with (cargo's LINLI_PIN)
    let (dir, db) = demo_db();
    let pin = std::env::var("LINLI_PIN").expect("cargo sets LINLI_PIN for the tests");
    let before = files(dir.path());
    let app = Desktop::launch_locked(&db).await;
    app.wait_for_text("#pin-screen h1", "输入 PIN 解锁").await;
    assert!(
        app.client
            .find(fantoccini::Locator::Css("#nav-register"))
            .await
            .is_err(),
        "the app is not loaded before the PIN"
    );
    app.screenshot("pin-zh").await;
    app.type_into("#pin-input", "999999").await;
    app.click("#pin-submit").await;
    app.wait_for_text("#pin-error", "PIN 不对").await;
    assert_eq!(files(dir.path()), before, "a wrong PIN changes nothing");
    // in English too
    app.click("#pin-lang").await;
    app.wait_for_text("#pin-screen h1", "Enter your PIN").await;
    app.type_into("#pin-input", "123456").await;
    app.click("#pin-submit").await;
    app.wait_for_text("#pin-error", "Wrong PIN").await;
    app.screenshot("pin-en").await;
    // the right one opens the town
    app.type_into("#pin-input", &pin).await;
    app.click("#pin-submit").await;
    app.wait_for("#nav-register").await;
    app.wait_for("#page-home").await;
    app.close().await;
}

#[tokio::test]
async fn a_new_laptop_sets_its_pin_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let app = Desktop::launch_first(&db, false).await;
    // no database yet: the first-start page first (issue 22), then the PIN for the new one
    app.click("#first-new").await;
    app.wait_for_text("#pin-screen h1", "设置 PIN").await;
    app.type_into("#pin-input", "1234").await;
    app.type_into("#pin-again", "1234").await;
    app.click("#pin-submit").await;
    app.wait_for_text("#pin-error", "至少 6 位").await;
    app.type_into("#pin-input", "24680135").await;
    app.type_into("#pin-again", "24680136").await;
    app.click("#pin-submit").await;
    app.wait_for_text("#pin-error", "不一致").await;
    assert!(!db.exists(), "nothing is written before the PIN is set");
    app.screenshot("pin-set-zh").await;
    app.type_into("#pin-again", "24680135").await;
    app.click("#pin-submit").await;
    app.wait_for("#first-new-form").await;
    app.close().await;
    // the key is wrapped by that PIN beside the database, and by no other
    assert!(linli_store::key::key_file_path(&db).is_file());
    assert!(Store::open_with(&db, &KeySource::with_pin("24680135")).is_ok());
    assert!(matches!(
        Store::open_with(&db, &KeySource::with_pin("24680136")).unwrap_err(),
        linli_store::Error::WrongPin { .. }
    ));
}
