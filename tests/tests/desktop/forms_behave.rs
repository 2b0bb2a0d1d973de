//! Issue 14, deliverables 1, 3 and 8 where the last session left gaps: forms that show an error
//! only once a field was changed or the step was tried, Esc closing what opened over the page
//! (the staff filter first), the message of a save brought into view beside what caused it; 网格
//! taking a building out of a section and ending an assignment; 设置 saying that the sync account
//! is matched by name and letting the worker choose another person.

use fantoccini::key::Key;
use fantoccini::Locator;
use linli_domain::Id;
use linli_protocol::SetMe;

use crate::desktop::support::{count, demo_db, one, Desktop};

fn set_me(db: &std::path::Path, person: &str) {
    linli_store::Store::open(db)
        .unwrap()
        .set_me(&SetMe {
            person_id: Some(person.parse::<Id>().unwrap()),
        })
        .unwrap();
}

/// 余娜, a grid worker of 北门社区.
fn yu_na(db: &std::path::Path) -> String {
    one(
        db,
        "SELECT p.id FROM people p JOIN places c ON c.id = p.community_id
         WHERE p.name = '余娜' AND c.name = '北门社区'",
    )
}

async fn gone(app: &Desktop, css: &str) -> bool {
    for _ in 0..50 {
        if app.client.find(Locator::Css(css)).await.is_err() {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}

async fn press(app: &Desktop, css: &str, key: Key) {
    app.wait_for(css)
        .await
        .send_keys(&key.to_string())
        .await
        .unwrap_or_else(|e| panic!("{key:?} in {css}: {e}"));
}

/// Whether the element is inside the window (not scrolled away).
async fn in_view(app: &Desktop, css: &str) -> bool {
    app.client
        .execute(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();
             return r.top >= 0 && r.bottom <= window.innerHeight;",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}

#[tokio::test]
async fn errors_wait_for_a_change_or_a_try_and_esc_closes_what_opened() {
    let (_dir, db) = demo_db();
    let me = yu_na(&db);
    set_me(&db, &me);
    let head = one(
        &db,
        "SELECT r.name FROM residents r JOIN households h ON h.id = r.household_id
         JOIN places c ON c.id = h.community_id
         WHERE c.name = '北门社区' AND r.relation = '户主' AND r.deleted = 0 AND h.moved_out IS NULL
           AND (SELECT count(*) FROM residents x WHERE x.name = r.name) = 1
           AND (SELECT count(*) FROM residents m WHERE m.household_id = h.id) >= 3
         ORDER BY h.id LIMIT 1",
    );
    let app = Desktop::launch(&db).await;
    app.press_ctrl_k().await;
    app.type_into("#search", &head).await;
    app.wait_for_text("#search-results .search-hit.active", &head)
        .await;
    press(&app, "#search", Key::Enter).await;
    app.wait_for("#household-page").await;

    // the visit form: Esc in the staff filter clears it first, the next Esc closes the form
    app.click("#household-visit").await;
    app.wait_for("#visit-form").await;
    app.type_into("#visit-visitor-filter", "zzz").await;
    press(&app, "#visit-visitor-filter", Key::Escape).await;
    app.wait_for_value("#visit-visitor-filter", "").await;
    assert!(app.client.find(Locator::Css("#visit-form")).await.is_ok());
    press(&app, "#visit-visitor-filter", Key::Escape).await;
    assert!(gone(&app, "#visit-form").await, "Esc closes the visit form");

    // the request form: nothing red before typing; Esc closes it
    app.click("#household-request").await;
    app.wait_for("#request-form").await;
    assert!(app
        .client
        .find_all(Locator::Css("#request-form .field-error"))
        .await
        .unwrap()
        .is_empty());
    press(&app, "#request-title", Key::Escape).await;
    assert!(
        gone(&app, "#request-form").await,
        "Esc closes the request form"
    );

    // a long visit form saved: its message is in view, beside 登记走访
    app.click("#household-visit").await;
    app.wait_for("#visit-form").await;
    app.type_into("#visit-findings", "楼道堆放杂物").await;
    app.click("#visit-save").await;
    app.wait_for_text("#household-notice", "的走访").await;
    assert!(
        in_view(&app, "#household-notice").await,
        "the message after saving is in sight"
    );

    // a request taken to 办理中: 办结 without a result says so only when tried
    let title = "楼道堆放杂物清理";
    app.click("#household-request").await;
    app.type_into("#request-title", title).await;
    app.click("#request-save").await;
    app.wait_for_text("#household-notice", title).await;
    app.click("#timeline-filter-task").await;
    app.click("#household-timeline li[data-kind=task] .timeline-open")
        .await;
    app.wait_for("#task-panel").await;
    app.choose("#task-assignee", Some(&me)).await;
    app.click("#task-dispatch").await;
    app.wait_for_text("#task-status", "待接单").await;
    app.click("#task-accept").await;
    app.wait_for_text("#task-status", "办理中").await;
    app.wait_for("#task-result").await;
    assert!(
        app.client
            .find(Locator::Css("#task-result-error"))
            .await
            .is_err(),
        "no red before the result was typed"
    );
    app.click("#task-finish").await;
    app.wait_for_text("#task-result-error", "").await;
    app.screenshot("forms-task-result-tried").await;
    press(&app, "#task-result", Key::Escape).await;
    assert!(gone(&app, "#task-panel").await, "Esc closes the task");
    app.close().await;
}

#[tokio::test]
async fn an_administrator_takes_a_building_out_of_a_section_and_ends_an_assignment() {
    let (_dir, db) = demo_db();
    let worker = yu_na(&db);
    let admin = one(
        &db,
        "SELECT p.id FROM people p JOIN places c ON c.id = p.community_id
         WHERE c.name = '北门社区' AND p.roles LIKE '%admin%' LIMIT 1",
    );
    // 余娜's first section, and a building it holds
    let (grid, grid_name) = linli_store::connect(&db)
        .unwrap()
        .query_row(
            &format!(
                "SELECT g.id, g.name FROM grids g JOIN assignments a ON a.grid_id = g.id
                 WHERE a.person_id = '{worker}' AND a.deleted = 0 AND g.kind = 'section'
                   AND EXISTS (SELECT 1 FROM grid_places gp WHERE gp.grid_id = g.id AND gp.deleted = 0)
                 ORDER BY g.name LIMIT 1"
            ),
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .unwrap();
    let place = one(
        &db,
        &format!(
            "SELECT place_id FROM grid_places WHERE grid_id = '{grid}' AND deleted = 0 LIMIT 1"
        ),
    );
    let held = format!("SELECT count(*) FROM grid_places WHERE grid_id = '{grid}' AND deleted = 0");
    let before = count(&db, &held);

    // a grid worker may not: the page says so, and offers no tools
    set_me(&db, &worker);
    let app = Desktop::launch_home(&db).await;
    app.wait_for("#page-home").await;
    app.click("#nav-grids").await;
    app.wait_for("#grids-admin-only").await;
    assert!(app
        .client
        .find_all(Locator::Css(".grid-choose"))
        .await
        .unwrap()
        .is_empty());
    app.close().await;

    set_me(&db, &admin);
    let app = Desktop::launch_home(&db).await;
    app.wait_for("#page-home").await;
    // straight to 网格划分, before the app may know who works here: it shows my community
    app.click("#nav-grids").await;
    app.wait_for_text("#grid-list", "余娜").await;
    app.wait_for_text("#grid-list", &grid_name).await;
    app.screenshot("grids-list-admin-zh").await;
    app.click(&format!("#grid-list tr[data-id='{grid}'] .grid-choose"))
        .await;
    app.wait_for_text("#grid-tools h2", &grid_name).await;
    app.wait_for_text("#grid-staff", "余娜").await;
    let building = app
        .text(&format!("#grid-places li[data-id='{place}'] span"))
        .await;
    assert!(
        building.contains('栋'),
        "the place by its full name: {building}"
    );
    app.screenshot("grids-tools-zh").await;
    app.click(&format!("#grid-places li[data-id='{place}'] .grid-unmap"))
        .await;
    app.wait_for_text("#grids-notice", &format!("移出“{grid_name}”"))
        .await;
    app.click("#grid-staff .grid-person .grid-unassign").await;
    app.wait_for_text("#grids-notice", "不再负责").await;
    app.click("#lang-switch").await;
    app.wait_for_text("#grid-tools", "Buildings and units mapped")
        .await;
    app.screenshot("grids-tools-en").await;
    app.close().await;

    assert_eq!(count(&db, &held), before - 1, "the building is out");
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM grid_places WHERE grid_id = '{grid}' AND place_id = '{place}' AND deleted = 0"
            )
        ),
        0
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM assignments WHERE grid_id = '{grid}' AND person_id = '{worker}' AND deleted = 0"
            )
        ),
        0,
        "余娜 no longer works it"
    );
}

#[tokio::test]
async fn settings_say_the_sync_account_is_matched_by_name_and_another_person_can_be_chosen() {
    let (_dir, db) = demo_db();
    let worker = yu_na(&db);
    let other = one(
        &db,
        &format!(
            "SELECT p.id FROM people p WHERE p.community_id =
               (SELECT community_id FROM people WHERE id = '{worker}')
             AND p.id <> '{worker}' AND p.roles LIKE '%grid_worker%' ORDER BY p.name LIMIT 1"
        ),
    );
    let other_name = one(
        &db,
        &format!("SELECT name FROM people WHERE id = '{other}'"),
    );
    // signed in through sync as "余娜" (the account carries a name, not a person id)
    linli_store::connect(&db)
        .unwrap()
        .execute(
            "INSERT INTO meta (key, value) VALUES ('sync_user', '余娜')",
            [],
        )
        .unwrap();
    let app = Desktop::launch_home(&db).await;
    app.wait_for_text("#home-me", "余娜").await;
    app.click("#nav-settings").await;
    app.wait_for_text("#me-current", "余娜").await;
    app.wait_for_text("#me-via", "按姓名对应").await;
    app.screenshot("settings-sync-match-zh").await;
    // another person chosen here wins over the name match
    app.wait_for(&format!("#me-person option[value='{other}']"))
        .await;
    app.choose("#me-person", Some(&other)).await;
    app.click("#me-save").await;
    app.wait_for_text("#me-current", &other_name).await;
    app.wait_for_text("#me-via", "本机的选择优先").await;
    app.wait_for_text("#topbar-me", &other_name).await;
    app.click("#lang-switch").await;
    app.wait_for_text("#me-via", "wins over the match by name")
        .await;
    app.screenshot("settings-chosen-over-sync-en").await;
    // and back to the sync account's namesake
    app.click("#me-use-sync").await;
    app.wait_for_text("#me-current", "余娜").await;
    app.close().await;
    assert_eq!(
        count(&db, "SELECT count(*) FROM settings WHERE key = 'me'"),
        0
    );
}

/// Deliverable 7 from 工作台: a request logged there (about a household found by its head's name),
/// then given a later due date with a reason (申请延期) on the board; the step is a synced event.
#[tokio::test]
async fn a_request_from_home_is_given_a_later_due_date_with_a_reason() {
    let (_dir, db) = demo_db();
    let me = yu_na(&db);
    set_me(&db, &me);
    let (household, head): (String, String) = linli_store::connect(&db)
        .unwrap()
        .query_row(
            "SELECT h.id, r.name FROM households h JOIN residents r ON r.household_id = h.id
             JOIN places c ON c.id = h.community_id
             WHERE c.name = '北门社区' AND r.relation = '户主' AND r.deleted = 0
               AND (SELECT count(*) FROM residents x WHERE x.name = r.name) = 1
             ORDER BY h.id LIMIT 1 OFFSET 3",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let title = "来访反映：单元门禁损坏";
    let app = Desktop::launch_home(&db).await;
    app.click("#home-new-request").await;
    app.wait_for("#request-form").await;
    app.type_into("#request-title", title).await;
    app.choose("#request-source", Some("walk_in")).await;
    app.type_into("#request-household-search", &head).await;
    app.click(&format!(".request-hit[data-id='{household}']"))
        .await;
    app.click("#request-save").await;
    app.wait_for_text("#home-notice", title).await;
    let task = one(
        &db,
        &format!("SELECT id FROM tasks WHERE title = '{title}' AND household_id = '{household}'"),
    );

    app.click("#nav-tasks").await;
    let card = format!(".task-card[data-id='{task}']");
    app.click(&card).await;
    app.wait_for_text("#task-status", "待派单").await;
    app.choose("#task-assignee", Some(&me)).await;
    app.type_into("#task-due", "2099-12-01").await;
    app.click("#task-dispatch").await;
    app.wait_for_text("#task-status", "待接单").await;
    // 申请延期: a reason is needed, then the later day is the due date
    app.click("#task-extend-open").await;
    // the form opens holding the current deadline; typed until the field holds the new one (once,
    // in a full run at load, the extension never showed; the cause is not known, and this rules
    // out a day or reason lost to a drawing between the clear and the typing)
    app.replace_text("#task-other-due", "2099-12-20").await;
    app.click("#task-extend").await;
    app.wait_for_text("#task-reason-error", "").await;
    app.replace_text("#task-reason", "门禁配件需厂家寄送").await;
    // the form has drawn the typed reason (its error is gone) before the click: the click sends
    // the step of the last drawing, and under load a click could come before it
    assert!(
        gone(&app, "#task-reason-error").await,
        "the reason's error stays after typing one"
    );
    app.click("#task-extend").await;
    app.wait_for_text("#task-events", "申请延期").await;
    app.wait_for_text("#task-events", "门禁配件需厂家寄送")
        .await;
    app.screenshot("task-extended-zh").await;
    app.click("#lang-switch").await;
    app.wait_for_text("#task-events", "xtended").await;
    app.screenshot("task-extended-en").await;
    app.close().await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM task_events WHERE task_id = '{task}' AND kind = 'extended'
                   AND due_date = '2099-12-20' AND by_id = '{me}'"
            )
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM tasks WHERE id = '{task}' AND source = 'walk_in'")
        ),
        1,
        "来访, from 工作台"
    );
}
