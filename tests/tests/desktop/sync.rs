//! 同步 Sync in the window, against the real server on 127.0.0.1: log in through the page, watch
//! the first sync carry the demo's thousands of changes up, make a change and press 立即同步, and
//! see the page stay calm when the server goes away.

use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_store::Store;
use linli_tests::{spawn_server, TestServer};

use crate::desktop::support::{county_of, fresh_demo_db, Desktop};

/// The real server with one administrator granted `grant`, password "secret".
fn server(user: &str, grant: Id) -> TestServer {
    let server = spawn_server();
    server.user(user, Role::Admin, &[grant]);
    // the laptop's demo town is a root place made on the laptop: only a county-wide
    // administrator may place a root (issue 13's place rules)
    server.county_wide(user);
    server
}

#[tokio::test]
async fn logging_in_and_syncing_from_the_sync_page_sends_everything_and_stays_calm_offline() {
    let (_dir, db) = fresh_demo_db();
    let waiting = Store::open(&db).unwrap().sync_status().unwrap().outbox;
    assert!(waiting > 1000, "the demo waits to be sent: {waiting}");
    let journal = || {
        linli_store::connect(&db)
            .unwrap()
            .query_row("SELECT count(*) FROM journal", [], |r| r.get::<_, i64>(0))
            .unwrap()
    };
    let written_before = journal();
    let mut server = server("zhang", county_of(&db));
    let app = Desktop::launch(&db).await;

    app.click("#nav-sync").await;
    app.wait_for_text("#page-sync h1", "同步").await;
    app.type_into("#sync-server", &server.url).await;
    app.type_into("#sync-user", "zhang").await;
    app.type_into("#sync-password", "secret").await;
    app.screenshot("sync-login").await;
    app.click("#sync-login-submit").await;

    // the first sync follows the login by itself and sends the whole demo
    app.wait_for_text("#sync-who", "zhang").await;
    let done = app.wait_text_within(".sync-headline", "同步完成", 60).await;
    // and what the sync itself wrote: the overdue tasks it escalated after the pull (issue 24)
    // go up in the same sync
    let sent = waiting + (journal() - written_before) as u64;
    assert!(
        done.contains(&format!("上传 {sent} 条")),
        "{done} (expected {sent} sent: {waiting} waiting, the rest escalations)"
    );
    app.wait_for_text("#sync-outbox", "0 条").await;
    app.wait_for_text("#sync-last", "刚刚").await;

    // a change in the Register, then 立即同步
    app.click("#nav-register").await;
    app.type_into("#community-name", "同步测试社区").await;
    app.click("#community-add").await;
    app.wait_for_text("#community-notice", "已添加").await;
    app.click("#nav-sync").await;
    app.wait_for_text("#sync-outbox", "1 条").await;
    app.click("#sync-now").await;
    let counts = app.wait_text_within("#sync-progress", "上传 1/1", 60).await;
    assert!(counts.contains("下载"), "{counts}");
    app.wait_for_text(".sync-headline", "同步完成：上传 1 条")
        .await;
    app.wait_for_text("#sync-outbox", "0 条").await;
    app.wait_for_text("#sync-refused", "没有被拒绝的更改").await;
    app.screenshot("sync-done").await;

    // the server goes away: offline is an ordinary state, and the data waits on the laptop
    server.stop();
    app.click("#nav-register").await;
    app.type_into("#community-name", "离线新增社区").await;
    app.click("#community-add").await;
    app.wait_for_text("#community-notice", "已添加").await;
    app.click("#nav-sync").await;
    app.click("#sync-now").await;
    app.wait_for_text("#sync-offline", "离线，数据已保存在本机")
        .await;
    app.wait_for_text("#sync-outbox", "1 条").await;
    app.screenshot("sync-offline").await;
    app.close().await;

    let status = Store::open(&db).unwrap().sync_status().unwrap();
    assert_eq!(status.outbox, 1, "the offline change waits to be sent");
    assert!(status.refused.is_empty(), "{:?}", status.refused);
    assert!(status.last_success_ms.is_some());
}
