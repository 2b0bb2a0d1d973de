//! How the window trusts the server (issue 17): plain `http://` to another machine is refused on
//! the 同步 page before anything is sent, and a box to confirm appears with the refusal; a laptop
//! enrolled over plain HTTP (allowed once) keeps a warning in view. No request leaves 127.0.0.1.

use linli_store::{Enrolment, Store};

use crate::desktop::support::{fresh_demo_db, Desktop};

#[tokio::test]
async fn plain_http_elsewhere_asks_for_confirmation_and_an_insecure_enrolment_keeps_warning() {
    let (_dir, db) = fresh_demo_db();
    let app = Desktop::launch(&db).await;
    app.click("#nav-sync").await;
    app.wait_for_text("#page-sync h1", "同步").await;
    app.wait_for("#sync-ca").await;
    // an address of the documentation range: refused by the app itself, nothing is sent
    app.type_into("#sync-server", "http://192.0.2.10:8470")
        .await;
    app.type_into("#sync-user", "zhang").await;
    app.type_into("#sync-password", "secret").await;
    app.click("#sync-login-submit").await;
    let refusal = app.wait_for_text("#sync-login-error", "不安全的连接").await;
    assert!(refusal.contains("https://"), "{refusal}");
    app.wait_for("#sync-insecure").await;
    app.screenshot("sync-insecure-confirm").await;
    assert!(Store::open(&db).unwrap().enrolment().unwrap().is_none());
    app.close().await;

    // enrolled over plain HTTP (here to a closed port of this machine): the warning stays
    {
        let mut s = Store::open(&db).unwrap();
        s.save_enrolment(&Enrolment {
            server: "http://127.0.0.1:9".into(),
            user: "zhang".into(),
            token: "not-a-real-token".into(),
        })
        .unwrap();
        s.save_server_trust(None, true).unwrap();
    }
    let app = Desktop::launch(&db).await;
    app.click("#nav-sync").await;
    let warning = app.wait_for_text("#sync-insecure-warning", "未加密").await;
    assert!(warning.contains("https://"), "{warning}");
    app.screenshot("sync-insecure-warning").await;
    app.close().await;
}
