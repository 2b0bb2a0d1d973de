//! 服务圈 in the window (issue 25 item 3, h25circle): in the demo town's 北门社区 a resident's
//! service is found — 量血压 at 北门's own canteen and at 南门's clinic, which serves 北门 too and
//! is read-only there (no 修改 or 删除: it is kept in 南门's circle) — a point with no service
//! refused by the form, then added with one, and the community's list printed with its title;
//! 西门's closed clinic off its list until 显示已停用 shows it marked; then the search again in
//! English. Screenshots `circle-*-zh`, `circle-*-en`.

use std::time::Duration;

use linli_domain::Id;

use crate::desktop::support::{count, demo_db, one, today, Desktop};

#[tokio::test]
async fn a_service_point_found_by_service_and_the_list_printed_in_both_languages() {
    let limit = Duration::from_secs(300);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

fn community(db: &std::path::Path, name: &str) -> Id {
    let conn = linli_store::connect(db).unwrap();
    let id: String = conn
        .query_row(
            "SELECT id FROM places WHERE kind = 'community' AND name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap();
    id.parse().unwrap()
}

fn point(db: &std::path::Path, name: &str) -> Id {
    let conn = linli_store::connect(db).unwrap();
    let id: String = conn
        .query_row(
            "SELECT id FROM circle_points WHERE name = ?1 AND deleted = 0",
            [name],
            |r| r.get(0),
        )
        .unwrap();
    id.parse().unwrap()
}

async fn js(app: &Desktop, script: &str) -> serde_json::Value {
    app.client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Clicks a print button with the print dialog left out (`window.print` counted instead).
async fn print(app: &Desktop, button: &str) {
    js(
        app,
        "window.__printed = 0; window.print = () => { window.__printed += 1; };",
    )
    .await;
    app.click(button).await;
    assert_eq!(js(app, "return window.__printed").await, 1, "{button}");
}

async fn scenario() {
    let (_dir, db) = demo_db();
    let north = community(&db, "北门社区");
    let app = Desktop::launch_home(&db).await;
    app.click("#nav-circle").await;
    app.choose("#circle-community", Some(&north.to_string()))
        .await;
    app.wait_for_text("#circle-points", "北门社区党群服务中心")
        .await;
    app.screenshot("circle-list-zh").await;

    // a resident asks where to have their blood pressure taken
    app.type_into("#circle-find", "血压").await;
    app.wait_for_text("#circle-found", "找到 2 个服务点").await;
    let found = app.text("#circle-points").await;
    assert!(
        found.contains("北门长者食堂") && found.contains("南门社区卫生服务站"),
        "{found}"
    );
    assert!(!found.contains("北门米邻驿站"), "{found}");
    assert!(found.contains("邻近社区"), "{found}");
    // 南门's clinic is a neighbour's point: read-only here (kept in 南门's own circle)
    let own = js(
        &app,
        &format!(
            "return [document.getElementById('circle-edit-{}') !== null, document.getElementById('circle-edit-{}') !== null, document.getElementById('circle-remove-{}') !== null]",
            point(&db, "北门长者食堂"),
            point(&db, "南门社区卫生服务站"),
            point(&db, "南门社区卫生服务站"),
        ),
    )
    .await;
    assert_eq!(
        own,
        serde_json::json!([true, false, false]),
        "修改 only on 北门's own point"
    );
    app.screenshot("circle-find-zh").await;
    // nothing offers it: said so
    app.type_into("#circle-find", "修自行车").await;
    app.wait_for_text("#circle-none", "修自行车").await;
    app.set_field("#circle-find", "").await;

    // a new point: refused with no service, saved with one
    app.click("#circle-new").await;
    app.choose("#circle-kind", Some("sharing")).await;
    app.type_into("#circle-name", "北门修车铺共享站").await;
    app.type_into("#circle-hours", "每天 08:00-18:00").await;
    app.click("#circle-save").await;
    app.wait_for_text("#circle-form-problem", "至少").await;
    app.screenshot("circle-form-zh").await;
    app.click("#circle-service-工具借用").await;
    app.type_into("#circle-services-more", "修自行车").await;
    app.click("#circle-save").await;
    app.wait_for_text("#circle-points", "北门修车铺共享站")
        .await;
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM circle_points WHERE name = '北门修车铺共享站'
             AND services LIKE '%修自行车%' AND deleted = 0"
        ),
        1
    );
    assert_eq!(
        one(
            &db,
            "SELECT opened_on FROM circle_points WHERE name = '北门修车铺共享站'"
        ),
        today(),
        "a new point opens today unless told otherwise"
    );

    // the community's list printed, under its title
    print(&app, "#circle-print").await;
    let title = js(
        &app,
        "return document.getElementById('circle-print-title').textContent",
    )
    .await;
    assert!(
        title.as_str().unwrap_or_default().contains("北门社区"),
        "{title}"
    );

    // 西门's clinic closed three weeks ago: off the list until asked for, then marked
    let west = community(&db, "西门社区");
    let closed = one(
        &db,
        "SELECT id FROM circle_points WHERE name = '西门仁心诊所'",
    );
    app.choose("#circle-community", Some(&west.to_string()))
        .await;
    app.wait_for_text("#circle-points", "西门老年助餐点").await;
    assert!(!app.text("#circle-points").await.contains("西门仁心诊所"));
    app.click("#circle-show-closed").await;
    let mark = app
        .wait_for_text(&format!("#circle-closed-{closed}"), "已停用")
        .await;
    assert!(mark.contains('-'), "the closing date: {mark}");
    app.screenshot("circle-closed-zh").await;
    app.click("#circle-show-closed").await;
    app.wait_gone(&format!("#circle-closed-{closed}")).await;
    app.choose("#circle-community", Some(&north.to_string()))
        .await;
    app.wait_for_text("#circle-points", "北门社区党群服务中心")
        .await;

    app.click("#lang-switch").await;
    app.wait_for_text("#circle-found", "service point(s) found")
        .await;
    app.type_into("#circle-find", "blood pressure").await;
    app.wait_for_text("#circle-found", "2 service point(s) found")
        .await;
    let found = app.text("#circle-points").await;
    assert!(
        found.contains("Health station or clinic") || found.contains("health station"),
        "{found}"
    );
    app.screenshot("circle-find-en").await;
    app.set_field("#circle-find", "").await;
    print(&app, "#circle-print").await;
    app.click("#circle-tab-activities").await;
    app.wait_for_text("#circle-act-counts", "activities").await;
    app.screenshot("circle-activities-en").await;
    app.close().await;
}
