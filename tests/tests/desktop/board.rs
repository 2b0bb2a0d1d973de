//! 公告 in the window (issue 20 items 3, 4, 5a; h20board): a worker of 北门社区 sets next month's
//! theme and sees the month's volunteer activity under it; posts a notice for a building (dates
//! the wrong way round refused in a sentence), prints its poster and copies its WeChat text, and
//! finds it under the month's theme; makes a duty board for the building, marks this week done
//! and prints the board for the stairwell. Screenshots in Chinese and English.

use std::time::Duration;

use linli_domain::board::monday_of;
use linli_domain::Id;
use linli_protocol::*;

use crate::desktop::support::{count, demo_db, today, Desktop};

#[tokio::test]
async fn a_months_theme_a_notice_and_a_duty_board_in_the_window() {
    let limit = Duration::from_secs(300);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

fn next_month(today: &str) -> String {
    let (y, m): (i32, i32) = (today[..4].parse().unwrap(), today[5..7].parse().unwrap());
    let k = y * 12 + m; // (m - 1) + 1
    format!("{:04}-{:02}", k / 12, k % 12 + 1)
}

struct Plan {
    community: Id,
    building: Id,
    first_room: String,
    month: String,
}

/// 北门社区, one of its buildings with at least three households, and a volunteer activity
/// planned for next month.
fn plan(db: &std::path::Path) -> Plan {
    let mut s = linli_store::Store::open(db).unwrap();
    let conn = linli_store::connect(db).unwrap();
    let one = |sql: &str| -> String { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let community: Id = one("SELECT id FROM places WHERE kind = 'community' AND name = '北门社区'")
        .parse()
        .unwrap();
    let building: Id = conn
        .query_row(
            "SELECT h.building_id FROM households h WHERE h.community_id = ?1 AND h.deleted = 0
             AND h.moved_out IS NULL GROUP BY h.building_id HAVING count(*) >= 3
             ORDER BY h.building_id LIMIT 1",
            [community.to_string()],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .parse()
        .unwrap();
    let first_room = s
        .list_households(&ListHouseholds {
            place_id: Some(building),
            ..ListHouseholds::default()
        })
        .unwrap()
        .rows[0]
        .room
        .clone();
    let month = next_month(&today());
    s.add_activity(&AddActivity {
        community_id: community,
        team_id: None,
        title: "平安巡逻进楼栋".into(),
        category: "平安".into(),
        date: format!("{month}-08"),
        hours: 2.0,
        place: "社区广场".into(),
        time: "09:00".into(),
        capacity: None,
    })
    .unwrap();
    Plan {
        community,
        building,
        first_room,
        month,
    }
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

/// A screenshot of what prints (the `@media print` rules switched on for the screen), and back.
async fn paper_shot(app: &Desktop, name: &str) {
    let flip = "const on = arguments[0];
        for (const sheet of document.styleSheets) for (const rule of sheet.cssRules) {
          if (rule.media && rule.media.mediaText === (on ? 'print' : 'all') && (on || rule.__print)) {
            rule.__print = true; rule.media.mediaText = on ? 'all' : 'print';
          }
        }
        window.scrollTo(0, 0);";
    app.client
        .execute(flip, vec![serde_json::json!(true)])
        .await
        .unwrap();
    app.screenshot(name).await;
    app.client
        .execute(flip, vec![serde_json::json!(false)])
        .await
        .unwrap();
}

async fn scenario() {
    let (_dir, db) = demo_db();
    let p = plan(&db);
    let app = Desktop::launch_home(&db).await;
    app.client
        .set_window_size(1366, 768)
        .await
        .expect("a 1366×768 window");
    app.click("#nav-board").await;
    app.choose("#board-community", Some(&p.community.to_string()))
        .await;
    // this month: the demo's theme and what it groups
    app.wait_for("#board-theme-title-shown").await;
    app.wait_for("#board-section-campaign").await;
    app.screenshot("board-theme-zh").await;

    // next month has no theme yet: set one; next month's activity is under it
    app.click("#board-month-next").await;
    app.wait_for_text("#board-month", &p.month).await;
    app.wait_for("#board-theme-none").await;
    app.click("#board-theme-edit").await;
    app.choose("#board-theme-kind", Some("safety")).await;
    app.type_into("#board-theme-title", "平安建设 人人参与")
        .await;
    app.type_into("#board-theme-text", "夜间巡逻，排查楼栋安全隐患")
        .await;
    app.click("#board-theme-save").await;
    app.wait_for_text("#board-theme-title-shown", "平安建设 人人参与")
        .await;
    app.wait_for_text("#board-section-activities", "平安巡逻进楼栋")
        .await;

    // a notice for the building: dates the wrong way round are refused in a sentence
    app.click("#board-tab-notices").await;
    app.click("#board-notice-new").await;
    app.wait_for("#board-notice-form").await;
    app.choose("#board-notice-place", Some(&p.building.to_string()))
        .await;
    app.type_into("#board-notice-title", "停水通知").await;
    app.type_into(
        "#board-notice-text",
        "因供水管道维修，本楼栋当日8:00至17:00停水，请提前储水。",
    )
    .await;
    app.type_into("#board-notice-start", &format!("{}-05", p.month))
        .await;
    app.type_into("#board-notice-end", &format!("{}-03", p.month))
        .await;
    app.click("#board-notice-post").await;
    app.wait_for_text("#board-notice-bad", "结束日期不能早于开始日期")
        .await;
    let posted = format!(
        "SELECT count(*) FROM notices WHERE start_date = '{}-05'",
        p.month
    );
    assert_eq!(count(&db, &posted), 0, "a refused notice writes nothing");
    app.type_into("#board-notice-end", &format!("{}-06", p.month))
        .await;
    app.screenshot("board-notice-form-zh").await;
    app.click("#board-notice-post").await;
    app.wait_for_text("#board-poster", "停水通知").await;
    let wechat = app
        .wait_for("#board-wechat-text")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        wechat.starts_with("【通知】停水通知\n时间：") && wechat.ends_with("北门社区居委会"),
        "{wechat}"
    );
    app.click("#board-copy-wechat").await;
    app.wait_for("#board-copied").await;
    app.screenshot("board-poster-zh").await;
    print(&app, "#board-poster-print").await;
    paper_shot(&app, "board-poster-paper-zh").await;
    assert_eq!(count(&db, &posted), 1);
    app.click("#board-poster-back").await;
    app.wait_for_text("#board-notices", "停水通知").await;
    app.choose("#board-notice-state", Some("upcoming")).await;
    app.wait_for_text("#board-notices", "停水通知").await;
    app.screenshot("board-notices-zh").await;

    // the notice is under next month's theme too
    app.click("#board-tab-theme").await;
    app.wait_for_text("#board-section-notices", "停水通知")
        .await;
    app.screenshot("board-theme-next-zh").await;

    // a duty board for the building, this week marked done, printed for the stairwell
    app.click("#board-tab-duty").await;
    app.wait_for("#board-duty-list").await;
    app.click("#board-duty-new").await;
    app.choose("#board-duty-place", Some(&p.building.to_string()))
        .await;
    app.type_into("#board-duty-chore", "楼道清扫").await;
    for i in 0..3 {
        app.click(&format!("#board-duty-home-{i}")).await;
    }
    app.screenshot("board-duty-form-zh").await;
    app.click("#board-duty-create").await;
    app.wait_for_text("#board-on-duty", &p.first_room).await;
    let monday = monday_of(&today());
    app.click(&format!("#board-mark-done-{monday}")).await;
    app.wait_for_text(&format!("#board-week-{monday}"), "已完成")
        .await;
    app.screenshot("board-duty-zh").await;
    print(&app, "#board-duty-print").await;
    let paper = js(
        &app,
        "return document.querySelector('#board-duty-paper').textContent",
    )
    .await;
    let paper = paper.as_str().unwrap_or_default();
    assert!(
        paper.contains("流动值日牌") && paper.contains("楼道清扫") && paper.contains('✓'),
        "{paper}"
    );
    paper_shot(&app, "board-duty-paper-zh").await;
    let marks = format!(
        "SELECT count(*) FROM duty_marks WHERE done = 1 AND board_id =
         (SELECT id FROM duty_boards WHERE place_id = '{}' ORDER BY id DESC LIMIT 1)",
        p.building
    );
    assert_eq!(count(&db, &marks), 1, "this week's mark is kept");

    // the same screens in English
    app.click("#lang-switch").await;
    app.wait_for_text("#nav-board", "Notices").await;
    app.wait_for_text("#board-weeks", "Done").await;
    app.screenshot("board-duty-en").await;
    app.click("#board-duty-back").await;
    app.wait_for("#board-duty-list").await;
    app.screenshot("board-duty-list-en").await;
    app.click("#board-tab-notices").await;
    app.wait_for("#board-notices").await;
    app.screenshot("board-notices-en").await;
    app.click("#board-tab-theme").await;
    app.wait_for("#board-section-notices").await;
    app.screenshot("board-theme-en").await;
    app.close().await;
}
