//! Targets in the window (issue 21 item 3): 北门社区's administrator sets a grid's target in
//! 设置 → 目标 (a refused one first: it says what is wrong and changes nothing), then sees the
//! grids and workers red/amber/green on 工作台 and the same on 统计 with the legend and the
//! digest, each line as the store judges it; then the same pages in English, with no Chinese
//! outside user data. Screenshots in both languages.

use std::time::Duration;

use linli_domain::Id;
use linli_protocol::{SetMe, TargetProgress, TargetReport};

use crate::desktop::english::user_strings;
use crate::desktop::support::{count, demo_db, one, Desktop};

#[tokio::test]
async fn a_target_set_in_settings_shows_red_amber_green_on_home_and_stats() {
    let limit = Duration::from_secs(240);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

/// The statuses of the lines a page shows, in order.
async fn statuses(app: &Desktop, css: &str) -> Vec<String> {
    let v = app
        .client
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.dataset.status)",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn no_chinese_in(app: &Desktop, db: &std::path::Path, css: &str) {
    let mut text: String = app
        .client
        .execute(
            "return document.querySelector(arguments[0]).innerText",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    for s in user_strings(db) {
        text = text.replace(&s, "");
    }
    let han: String = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect();
    assert!(han.is_empty(), "Chinese left in {css}: {han}\n{text}");
}

async fn scroll_to(app: &Desktop, css: &str) {
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' })",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
}

async fn scenario() {
    let (_dir, db) = demo_db();
    let community = one(
        &db,
        "SELECT id FROM places WHERE kind = 'community' AND name = '北门社区'",
    );
    let admin = one(
        &db,
        &format!(
            "SELECT id FROM people WHERE community_id = '{community}'
             AND roles LIKE '%\"admin\"%' ORDER BY id LIMIT 1"
        ),
    );
    let (grid, grid_name) = {
        let conn = linli_store::connect(&db).unwrap();
        conn.query_row(
            &format!(
                "SELECT id, name FROM grids WHERE community_id = '{community}'
                 AND parent_id IS NULL AND name = '第2网格'"
            ),
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .unwrap()
    };
    linli_store::Store::open(&db)
        .unwrap()
        .set_me(&SetMe {
            person_id: Some(admin.parse::<Id>().unwrap()),
        })
        .unwrap();
    let targets = || count(&db, "SELECT count(*) FROM targets");
    let before = targets();
    assert!(before > 0, "the demo sets targets");

    let app = Desktop::launch_home(&db).await;
    app.wait_for("#page-home").await;
    // 设置 → 目标: 第2网格 from this month, a coverage that cannot be, then one out of reach
    app.click("#nav-settings").await;
    app.click("#settings-tab-targets").await;
    app.wait_for_text("#target-settings h2", "每月目标").await;
    app.wait_for(&format!("#targets-grid option[value='{grid}']"))
        .await;
    app.choose("#targets-grid", Some(&grid)).await;
    let month = app
        .client
        .execute(
            "return document.querySelector('#targets-month').value",
            vec![],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(month.len(), 7, "this month is filled in: {month}");
    app.type_into("#targets-visits", "100000").await;
    app.type_into("#targets-coverage", "150").await;
    app.click("#targets-save").await;
    app.wait_for_text("#targets-error", "走访覆盖率应为0至100之间的整数")
        .await;
    assert_eq!(targets(), before, "a refused target changes nothing");
    app.screenshot("targets-settings-refused-zh").await;
    app.client
        .execute(
            "const i = document.querySelector('#targets-coverage'); i.value = '';
             i.dispatchEvent(new InputEvent('input', { bubbles: true }));",
            vec![],
        )
        .await
        .unwrap();
    app.type_into("#targets-coverage", "90").await;
    app.click("#targets-save").await;
    app.wait_for("#targets-saved").await;
    app.wait_for_text("#targets-versions", &month).await;
    app.wait_for_text("#targets-versions", "100000").await;
    assert_eq!(targets(), before + 1);
    app.screenshot("targets-settings-zh").await;

    // what the store says of 北门社区 this month, now
    let expected: TargetReport = linli_store::Store::open(&db)
        .unwrap()
        .target_progress(&TargetProgress {
            month: Some(month.clone()),
            place_id: Some(community.parse().unwrap()),
            grid_id: None,
        })
        .unwrap();
    let line = expected
        .lines
        .iter()
        .find(|l| l.grid_id.map(|g| g.to_string()) == Some(grid.clone()))
        .unwrap();
    assert_eq!(line.source, "own");
    assert_eq!(line.status.code(), "red", "100000 visits are out of reach");
    let want = |level: &str| -> Vec<String> {
        expected
            .lines
            .iter()
            .filter(|l| l.level == level && l.source != "none")
            .map(|l| l.status.code().to_owned())
            .collect()
    };
    for colour in ["red", "amber", "green"] {
        assert!(
            expected.lines.iter().any(|l| l.status.code() == colour),
            "北门社区 shows {colour}"
        );
    }

    // 工作台: the workers and the grids, each in the store's colour
    app.click("#nav-home").await;
    app.wait_for("#home-targets-grids .tgt-chip").await;
    assert_eq!(
        statuses(&app, "#home-targets-grids .tgt-chip").await,
        want("grid")
    );
    assert_eq!(
        statuses(&app, "#home-targets-workers .tgt-chip").await,
        want("worker")
    );
    let red = app
        .text("#home-targets-grids .tgt-chip[data-status='red']")
        .await;
    assert!(!red.is_empty());
    assert!(
        app.text("#home-targets-grids").await.contains(&grid_name),
        "{grid_name} on 工作台"
    );
    assert!(app.text("#targets-legend").await.contains("80%"));
    scroll_to(&app, "#home-targets").await;
    app.screenshot("targets-home-zh").await;

    // 统计: 北门社区 this month, every line as the store judges it, and the digest
    app.click("#nav-stats").await;
    app.wait_for(&format!("#stats-scope option[value='p:{community}']"))
        .await;
    app.choose("#stats-scope", Some(&format!("p:{community}")))
        .await;
    app.choose("#stats-kind", Some("month")).await;
    app.type_into("#stats-which", &month).await;
    app.click("#stats-show").await;
    app.wait_for_text("#targets-month", &format!("北门社区 · {month}"))
        .await;
    let all: Vec<String> = expected
        .lines
        .iter()
        .map(|l| l.status.code().to_owned())
        .collect();
    assert_eq!(statuses(&app, "#targets-table tbody tr").await, all);
    assert_eq!(
        statuses(&app, "#targets-behind li").await.len(),
        expected.behind.len()
    );
    assert!(app.text("#targets-behind").await.contains(&grid_name));
    scroll_to(&app, "#stats-targets").await;
    app.screenshot("targets-stats-zh").await;

    // English: the same colours, no Chinese outside user data
    app.click("#lang-switch").await;
    app.wait_for_text("#stats-targets h2", "Progress against targets")
        .await;
    app.wait_for_text("#targets-legend", "80% of the target")
        .await;
    assert_eq!(statuses(&app, "#targets-table tbody tr").await, all);
    no_chinese_in(&app, &db, "#stats-targets").await;
    scroll_to(&app, "#stats-targets").await;
    app.screenshot("targets-stats-en").await;
    app.click("#nav-home").await;
    app.wait_for_text("#home-targets h2", "This month's targets")
        .await;
    app.wait_for("#home-targets-grids .tgt-chip").await;
    no_chinese_in(&app, &db, "#home-targets").await;
    scroll_to(&app, "#home-targets").await;
    app.screenshot("targets-home-en").await;
    app.click("#nav-settings").await;
    app.click("#settings-tab-targets").await;
    app.wait_for_text("#target-settings h2", "Monthly targets")
        .await;
    app.wait_for("#targets-versions").await;
    no_chinese_in(&app, &db, "#target-settings").await;
    app.screenshot("targets-settings-en").await;
    app.close().await;
}
