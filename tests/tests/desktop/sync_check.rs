//! 同步's 测试连接 (issue 15, item 8) against the real server on 127.0.0.1: the button says in one
//! sentence that the server answers and the sign-in is valid, without syncing; that the server is
//! gone once it stops; that the sign-in is no longer accepted once the device is revoked; and the
//! page keeps showing what waits to be sent and when the last sync succeeded, in both languages.

use linli_protocol::sync::Role;
use linli_server::db::ServerDb;
use linli_store::Store;
use linli_tests::spawn_server;

use crate::desktop::support::{county_of, fresh_demo_db, Desktop};

#[tokio::test]
async fn test_connection_says_what_is_wrong_in_a_sentence_without_syncing() {
    let (_dir, db) = fresh_demo_db();
    let mut server = spawn_server();
    server.user("zhang", Role::Admin, &[county_of(&db)]);
    server.county_wide("zhang");
    let app = Desktop::launch(&db).await;

    app.click("#nav-sync").await;
    app.type_into("#sync-server", &server.url).await;
    app.type_into("#sync-user", "zhang").await;
    app.type_into("#sync-password", "secret").await;
    app.click("#sync-login-submit").await;
    app.wait_for_text("#sync-who", "zhang").await;
    app.wait_text_within(".sync-headline", "同步完成", 60).await;
    app.wait_for_text("#sync-outbox", "0 条").await;
    app.wait_for_text("#sync-last", "刚刚").await;

    // a change waits to be sent; the test leaves it waiting
    app.click("#nav-register").await;
    app.type_into("#community-name", "测试连接社区").await;
    app.click("#community-add").await;
    app.wait_for_text("#community-notice", "已添加").await;
    app.click("#nav-sync").await;
    app.wait_for_text("#sync-outbox", "1 条").await;
    app.click("#sync-test").await;
    let ok = app
        .wait_text_within("#sync-test-result", "连接正常", 20)
        .await;
    assert!(ok.contains(&server.url), "{ok}");
    assert!(ok.contains("没有同步任何数据"), "{ok}");
    app.wait_for_text("#sync-outbox", "1 条").await;
    assert_eq!(Store::open(&db).unwrap().sync_status().unwrap().outbox, 1);
    app.screenshot("sync-test-ok-zh").await;

    // in English, the same answer in English
    app.click("#lang-switch").await;
    app.wait_for_text("#nav-home", "Home").await;
    app.click("#sync-test").await;
    app.wait_text_within("#sync-test-result", "Connection OK", 20)
        .await;
    app.wait_for_text("#sync-refused h2", "Changes the server refused (0)")
        .await;
    app.wait_for_text("#sync-outbox", "1").await;
    app.screenshot("sync-test-ok-en").await;

    // the laptop revoked on the server: its sign-in is no longer accepted
    let device = Store::open(&db).unwrap().current_device_id().unwrap();
    server.block_on(server.db().revoke_device(device)).unwrap();
    app.click("#sync-test").await;
    let out = app
        .wait_text_within("#sync-test-result", "sign in again", 20)
        .await;
    assert!(out.contains("no longer accepts"), "{out}");
    app.screenshot("sync-test-signed-out-en").await;

    // the server gone: unreachable, said as such; the change still waits on the laptop
    server.stop();
    app.click("#lang-switch").await;
    app.wait_for_text("#nav-home", "工作台").await;
    app.click("#sync-test").await;
    app.wait_text_within("#sync-test-result", "连不上", 30)
        .await;
    app.wait_for_text("#sync-outbox", "1 条").await;
    app.screenshot("sync-test-unreachable-zh").await;
    app.close().await;
    assert_eq!(Store::open(&db).unwrap().sync_status().unwrap().outbox, 1);
}
