//! 网格 Register in the window: adding a community by typing and clicking.

use crate::desktop::support::{demo_db, Desktop};

fn communities_in_file(db: &std::path::Path) -> Vec<String> {
    let conn = linli_store::connect(db).unwrap();
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

/// A household of the demo town: its full address as people write it, and its head's name.
fn a_household_of(db: &std::path::Path, compound: &str) -> (String, String, String, String) {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT b.name, u.name, h.room,
           (SELECT r.name FROM residents r WHERE r.household_id = h.id AND r.relation = '户主'
              AND r.moved_out IS NULL)
         FROM households h JOIN places b ON b.id = h.building_id JOIN places u ON u.id = h.unit_id
         JOIN places k ON k.id = b.parent_id
         WHERE k.name = ?1 AND h.moved_out IS NULL
           AND EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id AND r.relation = '户主')
         ORDER BY h.id LIMIT 1",
        [compound],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .unwrap()
}

/// Ctrl+K (which selects what the search box holds) and the query typed over it.
async fn search_for(app: &Desktop, query: &str) {
    app.press_ctrl_k().await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(query)
        .await
        .unwrap();
    let started = std::time::Instant::now();
    while app
        .wait_for("#search")
        .await
        .prop("value")
        .await
        .unwrap()
        .as_deref()
        != Some(query)
    {
        assert!(
            started.elapsed().as_secs() < 10,
            "the search box never held {query}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Waits until the number of search hits shown passes `ok`; returns their addresses.
async fn wait_for_hits(
    app: &Desktop,
    ok: impl Fn(usize) -> bool,
) -> Vec<fantoccini::elements::Element> {
    let started = std::time::Instant::now();
    loop {
        let hits = app
            .client
            .find_all(fantoccini::Locator::Css("#search-results .hit-address"))
            .await
            .unwrap();
        if ok(hits.len()) {
            return hits;
        }
        assert!(started.elapsed().as_secs() < 10, "{} hits", hits.len());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Issue 14: "南湖苑1栋1单元502" typed in full (and as "南湖苑1-1-502") finds the household, the hit
/// and the household page carry the full address; the compound alone lists its households.
#[tokio::test]
async fn a_household_is_found_by_its_full_address_in_both_written_forms() {
    use fantoccini::key::Key;
    let (_dir, db) = demo_db();
    let (building, unit, room, head) = a_household_of(&db, "南湖苑");
    let full = format!("南湖苑{building}{unit}{room}");
    let short = |s: &str| linli_domain::address::short_number(s);
    let dashed = format!("南湖苑{}-{}-{room}", short(&building), short(&unit));
    let app = Desktop::launch(&db).await;

    search_for(&app, &full).await;
    let hits = app.wait_for_text("#search-results", &full).await;
    app.screenshot("search-full-address").await;
    assert!(hits.contains(&head), "the head is named: {hits}");
    assert_eq!(
        app.text("#search-results .search-hit mark").await,
        full,
        "the whole address is marked"
    );

    // the compound alone: its households, each with its full address
    search_for(&app, "南湖苑").await;
    let hits = wait_for_hits(&app, |n| n > 3).await;
    let list = app.text("#search-results").await;
    app.screenshot("search-compound").await;
    for h in hits {
        assert!(h.text().await.unwrap().starts_with("南湖苑"), "{list}");
    }

    // "南湖苑1-1-502": the one household at that address in that compound
    search_for(&app, &dashed).await;
    wait_for_hits(&app, |n| n == 1).await;
    app.wait_for_text("#search-results", &full).await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Enter.to_string())
        .await
        .unwrap();
    let address = app.wait_for_text("#household-address", &room).await;
    assert_eq!(address, full, "the household page shows the full address");

    // in English too
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Escape.to_string())
        .await
        .unwrap();
    app.click("#lang-switch").await;
    app.wait_for_text("#nav-register", "Register").await;
    search_for(&app, &dashed).await;
    app.wait_for_text("#search-results", &full).await;
    app.wait_for_text("#search-results", "Household").await;
    app.screenshot("search-full-address-en").await;
    app.close().await;
}
