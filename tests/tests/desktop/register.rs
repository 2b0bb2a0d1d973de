//! 网格 Register in the window: adding a community by typing and clicking.

use crate::support::{demo_db, Desktop};

fn communities_in_file(db: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM places WHERE kind = 'community' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test]
async fn adding_a_community_shows_it_in_the_list_and_writes_it_to_the_file() {
    let (_dir, db) = demo_db();
    let before = communities_in_file(&db).len();
    let app = Desktop::launch(&db).await;

    // Chinese by default, on the Register page, listing the demo's communities
    app.wait_for_text("#nav-register", "网格").await;
    app.wait_for_text("#community-list", "北门社区").await;

    app.type_into("#community-name", "测试新区社区").await;
    app.click("#community-add").await;
    app.wait_for_text("#community-notice", "已添加“测试新区社区”")
        .await;
    let list = app.wait_for_text("#community-list", "测试新区社区").await;
    assert!(
        list.contains("樟城镇"),
        "the new community sits under the town: {list}"
    );
    app.screenshot("register-added").await;

    // an empty name is refused in the form and saves nothing
    app.type_into("#community-name", " ").await;
    app.click("#community-add").await;
    app.wait_for_text("#community-error", "名称不能为空").await;
    app.close().await;

    let names = communities_in_file(&db);
    assert!(names.contains(&"测试新区社区".to_owned()), "{names:?}");
    assert_eq!(
        names.len(),
        before + 1,
        "the demo's communities and the new one: {names:?}"
    );
}

#[tokio::test]
async fn the_language_switches_to_english_and_back() {
    let (_dir, db) = demo_db();
    let app = Desktop::launch(&db).await;

    app.wait_for_text("#nav-today", "今日").await;
    app.click("#lang-switch").await;
    for (nav, label) in [
        ("#nav-today", "Today"),
        ("#nav-register", "Register"),
        ("#nav-visits", "Visits"),
        ("#nav-tasks", "Tasks"),
        ("#nav-volunteers", "Volunteers"),
        ("#nav-reports", "Reports"),
        ("#nav-sync", "Sync"),
    ] {
        app.wait_for_text(nav, label).await;
    }
    app.click("#nav-sync").await;
    app.screenshot("sync-page-en").await;
    app.click("#lang-switch").await;
    app.wait_for_text("#nav-sync", "同步").await;
    app.close().await;
}
