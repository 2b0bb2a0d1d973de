//! 今日 and 诉求 in the window (issue 6): log a visit with a member update and a follow-up from
//! Today, see the task on the board, take it through the five lists to rated, and watch the
//! coverage and resolution figures change.

use fantoccini::Locator;

use crate::support::{demo_db, Desktop};

const TITLE: &str = "三楼楼道灯不亮，需报修";
const PHONE: &str = "13905918888";

/// The first number in a figure's text ("已走访 12 户" → 12).
fn number(text: &str) -> u32 {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| panic!("no number in {text:?}"))
        .parse()
        .unwrap()
}

async fn figure(app: &Desktop, css: &str) -> u32 {
    number(&app.wait_for(css).await.text().await.unwrap())
}

/// Waits until the figure reads `want`.
async fn wait_figure(app: &Desktop, css: &str, want: u32) {
    for _ in 0..100 {
        if figure(app, css).await == want {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{css} never read {want}, still {}", figure(app, css).await);
}

async fn select(app: &Desktop, css: &str, value: &str) {
    app.wait_for(css)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("select {value} in {css}: {e}"));
}

#[tokio::test]
async fn a_visit_with_a_follow_up_becomes_a_task_taken_through_to_rated() {
    let (_dir, db) = demo_db();
    let app = Desktop::launch(&db).await;

    // 今日: coverage above the list, never-visited households first
    app.click("#nav-today").await;
    app.wait_for("#due-list").await;
    let visited = figure(&app, "#cov-visited").await;
    let not_visited = figure(&app, "#cov-not-visited").await;
    app.wait_for_text("#due-list tbody tr:first-child", "从未走访")
        .await;
    let household = app
        .wait_for("#due-list tbody tr:first-child .visit-btn")
        .await
        .attr("data-id")
        .await
        .unwrap()
        .expect("the visit button names its household");

    // the not-visited figure opens the households behind it
    app.click("#cov-not-visited").await;
    app.wait_for_text("#coverage-households h2", "近30天未走访的住户")
        .await;
    app.click("#coverage-close").await;

    // the visit form: it says what is wrong while typing
    app.click("#due-list tbody tr:first-child .visit-btn").await;
    app.wait_for("#visit-form").await;
    select(&app, "#visit-kind", "door_knocking").await;
    app.type_into(
        "#visit-findings",
        "户主反映三楼楼道灯坏了一周，老人夜里上下楼不便",
    )
    .await;
    app.type_into(
        "#visit-members tbody tr:first-child .member-phone",
        "1390591",
    )
    .await;
    app.wait_for_text("#phone-0-error", "手机号应为11位数字")
        .await;
    assert!(
        !app.wait_for("#visit-save")
            .await
            .is_enabled()
            .await
            .unwrap(),
        "a wrong phone keeps the form from saving"
    );
    app.type_into("#visit-members tbody tr:first-child .member-phone", PHONE)
        .await;
    app.click("#visit-follow-up").await;
    app.wait_for_text("#title-error", "请填写事项标题").await;
    app.type_into("#visit-task-title", TITLE).await;
    select(&app, "#visit-task-category", "public_matter").await;
    app.screenshot("today-visit-form").await;
    app.click("#visit-save").await;
    app.wait_for_text("#today-notice", &format!("并开了诉求“{TITLE}”"))
        .await;

    // coverage moved: one more household visited, one fewer not
    wait_figure(&app, "#cov-visited", visited + 1).await;
    assert_eq!(figure(&app, "#cov-not-visited").await, not_visited - 1);
    app.screenshot("today-visit-logged").await;

    // 诉求: the task waits to be dispatched
    app.click("#today-to-tasks").await;
    app.wait_for_text("#task-board [data-status=raised]", TITLE)
        .await;
    let raised = figure(&app, "#rate-raised").await;
    let resolved = figure(&app, "#rate-resolved").await;
    let card = app
        .client
        .find(Locator::XPath(&format!(
            "//button[contains(@class,'task-card')][.//span[text()='{TITLE}']]"
        )))
        .await
        .expect("the new task's card");
    card.click().await.unwrap();
    app.wait_for_text("#task-status", "待派单").await;
    app.wait_for_text("#task-events", "点单").await;

    // 派单: to nobody and no team is refused as typed; then to the team, with a due date
    select(&app, "#task-assignee", "").await;
    app.wait_for_text("#task-assignee-error", "请选择接单的人")
        .await;
    app.type_into("#task-team", "红色楼道长队").await;
    app.type_into("#task-due", "2099-13-01").await;
    app.wait_for_text("#task-due-error", "日期应写成").await;
    app.type_into("#task-due", "2099-12-01").await;
    app.click("#task-dispatch").await;
    app.wait_for_text("#task-status", "待接单").await;
    // 接单
    app.click("#task-accept").await;
    app.wait_for_text("#task-status", "办理中").await;
    // 办结
    app.wait_for("#task-result").await;
    app.type_into("#task-result", "已更换楼道灯泡，恢复照明")
        .await;
    app.click("#task-finish").await;
    app.wait_for_text("#task-status", "已办结").await;
    // resolution moved as soon as it is finished
    wait_figure(&app, "#rate-resolved", resolved + 1).await;
    assert_eq!(figure(&app, "#rate-raised").await, raised);
    // 晒单
    app.click("#task-publish").await;
    app.wait_for_text("#task-status", "已晒单").await;
    // 评单
    select(&app, "#task-rating", "5").await;
    app.type_into("#task-comment", "修得很快，谢谢").await;
    app.click("#task-rate").await;
    app.wait_for_text("#task-status", "已评单").await;
    app.wait_for_text("#task-all-done", "已走完五单").await;
    let history = app.wait_for_text("#task-events", "评单").await;
    assert!(history.contains("红色楼道长队"), "{history}");
    app.screenshot("tasks-rated").await;

    // the resolved figure opens its list, and the task is on it
    app.click("#rate-resolved").await;
    app.wait_for_text("#rate-tasks", TITLE).await;
    app.screenshot("tasks-resolved-list").await;
    app.close().await;

    // the file holds the visit, the member's new phone and the task's six events
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (kind, follow): (String, i64) = conn
        .query_row(
            // the visit this test logged is the last one inserted (the demo's own visits may carry later times today)
            "SELECT kind, needs_follow_up FROM visits WHERE household_id = ?1 ORDER BY rowid DESC LIMIT 1",
            [&household],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((kind.as_str(), follow), ("door_knocking", 1));
    let phones: i64 = conn
        .query_row(
            "SELECT count(*) FROM residents WHERE household_id = ?1 AND phone = ?2",
            [&household, PHONE],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(phones, 1, "the member update reached the register");
    let events: Vec<(String, Option<i64>)> = conn
        .prepare(
            "SELECT e.kind, e.rating FROM task_events e JOIN tasks t ON t.id = e.task_id
             WHERE t.title = ?1 AND t.household_id = ?2 ORDER BY e.at, e.rowid",
        )
        .unwrap()
        .query_map([TITLE, &household], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let kinds: Vec<&str> = events.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "raised",
            "dispatched",
            "accepted",
            "finished",
            "published",
            "rated"
        ]
    );
    assert_eq!(events[5].1, Some(5));
}
