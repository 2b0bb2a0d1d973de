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
async fn the_language_switches_to_english_and_unbuilt_pages_say_so() {
    let (_dir, db) = demo_db();
    let app = Desktop::launch(&db).await;

    // 报表 is built now (issue 8); 同步 is not yet
    app.click("#nav-sync").await;
    app.wait_for_text(".not-built", "此页尚未建成").await;
    app.click("#lang-switch").await;
    app.wait_for_text("#nav-register", "Register").await;
    app.wait_for_text(".not-built", "Not built yet").await;
    app.screenshot("sync-not-built-en").await;
    app.close().await;
}
