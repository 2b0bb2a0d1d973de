//! A grid worker's day in the window (issue 14): the app opens on 工作台 and asks once who works
//! here; a visit logged from a household's page for last night with a photo (a time still to
//! come is refused); a request phoned in, logged from the board, filtered, handed on (转派) and
//! handed back (退单); 今日 on my sections with their names. Screenshots in both languages.

use fantoccini::Locator;
use linli_domain::field::add_days;
use linli_domain::Id;
use linli_protocol::{GetMe, SetMe};

use crate::desktop::support::{count, demo_db, photo, Desktop, PICK_PHOTO};

/// 余娜: a grid worker of 北门社区 with three sections (the demo's first).
fn worker(db: &std::path::Path) -> (Id, Id) {
    let conn = linli_store::connect(db).unwrap();
    let (p, c): (String, String) = conn
        .query_row(
            "SELECT p.id, p.community_id FROM people p JOIN places c ON c.id = p.community_id
             WHERE p.name = '余娜' AND c.name = '北门社区'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    (p.parse().unwrap(), c.parse().unwrap())
}

/// Makes 余娜 the laptop's worker, as the first start would, and returns today's date.
fn be_the_worker(db: &std::path::Path) -> (Id, String) {
    let (me, _) = worker(db);
    let mut s = linli_store::Store::open(db).unwrap();
    s.set_me(&SetMe {
        person_id: Some(me),
    })
    .unwrap();
    (me, s.get_me(&GetMe {}).unwrap().today)
}

/// Replaces what a filled-in field holds as a user does: select all, type over it. (WebDriver's
/// clear empties the field behind the form's back, and the form puts its value back on blur.)
async fn type_over(app: &Desktop, css: &str, text: &str) {
    use fantoccini::key::Key;
    let el = app.wait_for(css).await;
    el.click().await.unwrap();
    el.send_keys(&format!("{}a{}{text}", Key::Control, Key::Control))
        .await
        .unwrap_or_else(|e| panic!("type over {css}: {e}"));
    app.wait_for_value(css, text).await;
}

async fn english(app: &Desktop) {
    app.click("#lang-switch").await;
    app.wait_for_text("#nav-home", "Home").await;
}

async fn chinese(app: &Desktop) {
    app.click("#lang-switch").await;
    app.wait_for_text("#nav-home", "工作台").await;
}

#[tokio::test]
async fn the_app_opens_on_home_and_asks_once_who_works_here() {
    let (_dir, db) = demo_db();
    let (me, community) = worker(&db);
    let app = Desktop::launch_home(&db).await;

    // first start: 工作台 with today's date, asking who I am
    app.wait_for("#page-home").await;
    app.wait_for_text("#welcome", "欢迎使用邻里").await;
    app.wait_for_text("#home-date", "今天是 20").await;
    app.screenshot("home-welcome").await;
    app.choose("#community-picker", Some(&community.to_string()))
        .await;
    // the staff picker finds 余娜 by pinyin initials and shows role and grids
    app.wait_for("#me-person").await;
    app.type_into("#me-person-filter", "yn").await;
    app.wait_for_value("#me-person", &me.to_string()).await;
    let option = app.text(&format!("#me-person option[value='{me}']")).await;
    assert!(
        option.contains("专职网格员") && option.contains("第1楼段"),
        "{option}"
    );
    app.click("#me-save").await;

    // then my day: who I am, my grids, the figures
    app.wait_for_text("#home-me", "余娜 · 专职网格员 · 北门社区")
        .await;
    app.wait_for_text("#home-grids", "第1楼段").await;
    app.wait_for_text("#topbar-me", "余娜").await;
    let due = app.text("#home-due").await;
    assert!(due.contains("待走访"), "{due}");
    app.wait_for_text("#home-sync", "待上传").await;
    // a figure opens its list: the due households, with 登记走访 on each
    app.click("#home-due").await;
    app.wait_for("#home-list").await;
    app.screenshot("home-zh").await;
    english(&app).await;
    app.wait_for_text("#home-me", "full-time grid worker").await;
    app.wait_for_text("#home-date", "Today is").await;
    app.screenshot("home-en").await;
    chinese(&app).await;

    // kept on this laptop only, and never journaled
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM settings WHERE key = 'me' AND value = '{me}'")
        ),
        1
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM journal WHERE tbl = 'settings'"),
        0
    );
    // 设置 shows it and can change it
    app.click("#nav-settings").await;
    app.wait_for_text("#me-current", "余娜").await;
    app.screenshot("settings-zh").await;
    english(&app).await;
    app.wait_for_text("#settings h2", "Who I am").await;
    app.screenshot("settings-en").await;
    app.close().await;

    // the next start goes straight to my day
    let app = Desktop::launch_home(&db).await;
    app.wait_for_text("#home-me", "余娜").await;
    assert!(app.client.find(Locator::Css("#welcome")).await.is_err());
    app.close().await;
}

#[tokio::test]
async fn last_nights_visit_with_a_photo_is_logged_from_the_household_page() {
    let (_dir, db) = demo_db();
    let (me, today) = be_the_worker(&db);
    let yesterday = add_days(&today, -1).unwrap();
    let tomorrow = add_days(&today, 1).unwrap();
    // a household of 北门社区 with a head, found by the head's name
    let (household, head): (String, String) = linli_store::connect(&db)
        .unwrap()
        .query_row(
            "SELECT h.id, r.name FROM households h JOIN residents r ON r.household_id = h.id
             JOIN places c ON c.id = h.community_id
             WHERE c.name = '北门社区' AND r.relation = '户主' AND r.deleted = 0
               AND (SELECT count(*) FROM residents x WHERE x.name = r.name) = 1
             ORDER BY h.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let visits = format!("SELECT count(*) FROM visits WHERE household_id = '{household}'");
    let before = count(&db, &visits);
    let app = Desktop::launch(&db).await;

    app.press_ctrl_k().await;
    app.type_into("#search", &head).await;
    // the head's name is the register's only one: the first hit is theirs
    app.wait_for_text("#search-results .search-hit.active", &head)
        .await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&fantoccini::key::Key::Enter.to_string())
        .await
        .unwrap();
    app.wait_for("#household-page").await;
    app.click("#household-visit").await;
    app.wait_for("#visit-form").await;
    // me, and now, by default
    app.wait_for_value("#visit-visitor", &me.to_string()).await;
    app.wait_for_value("#visit-day", &today).await;
    // a time still to come is refused, next to the field
    type_over(&app, "#visit-day", &tomorrow).await;
    app.wait_for_text("#day-error", "走访时间不能晚于现在")
        .await;
    app.click("#visit-save").await;
    app.wait_for_text("#visit-failed", "请先改正标红的内容")
        .await;
    assert_eq!(count(&db, &visits), before);
    // last night at 19:40, with a photo
    type_over(&app, "#visit-day", &yesterday).await;
    type_over(&app, "#visit-time", "19:40").await;
    app.type_into("#visit-findings", "老人血压偏高，已提醒按时服药")
        .await;
    let picked = app
        .client
        .execute(
            PICK_PHOTO,
            vec![
                serde_json::json!(photo()),
                serde_json::json!("血压记录.png"),
                serde_json::json!("image/png"),
            ],
        )
        .await
        .unwrap();
    assert_eq!(picked, serde_json::json!(1));
    app.wait_for_text("#visit-photos", "血压记录.png").await;
    app.screenshot("household-visit-form-zh").await;
    english(&app).await;
    app.wait_for_text("#visit-form", "Visit date").await;
    app.screenshot("household-visit-form-en").await;
    chinese(&app).await;
    app.click("#visit-save").await;
    app.wait_for_text("#household-notice", "的走访").await;
    app.wait_for_text("#household-timeline", "老人血压偏高")
        .await;
    app.screenshot("household-visit-logged").await;
    app.close().await;

    let conn = linli_store::connect(&db).unwrap();
    let (id, at, visitor): (String, String, String) = conn
        .query_row(
            "SELECT id, at, visitor_id FROM visits WHERE household_id = ?1 ORDER BY rowid DESC LIMIT 1",
            [&household],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    // kept as one RFC 3339 stamp with the laptop's offset (issue 18), shown as "YYYY-MM-DD HH:MM"
    assert!(at.starts_with(&format!("{yesterday}T19:40:00")), "{at}");
    assert_eq!(visitor, me.to_string());
    assert_eq!(count(&db, &visits), before + 1);
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM attachments WHERE owner_table = 'visits' AND owner_id = '{id}' AND name = '血压记录.png'"
            )
        ),
        1,
        "the photo is attached to the visit"
    );
}

#[tokio::test]
async fn a_phoned_in_request_is_logged_on_the_board_handed_on_and_handed_back() {
    let (_dir, db) = demo_db();
    let (me, _) = be_the_worker(&db);
    let title = "电话反映：楼顶水箱溢水";
    let app = Desktop::launch(&db).await;
    app.click("#nav-tasks").await;
    app.wait_for("#task-board").await;
    app.click("#new-request").await;
    app.wait_for("#request-form").await;
    // nothing red before typing; saving empty says what is missing
    assert!(app
        .client
        .find(Locator::Css("#request-title-error"))
        .await
        .is_err());
    app.click("#request-save").await;
    app.wait_for_text("#request-title-error", "请填写事项标题")
        .await;
    app.wait_for_text("#request-where-error", "请选择一户或一个地点")
        .await;
    app.type_into("#request-title", title).await;
    // the household, found by its head's name
    let (household, head): (String, String) = linli_store::connect(&db)
        .unwrap()
        .query_row(
            "SELECT h.id, r.name FROM households h JOIN residents r ON r.household_id = h.id
             JOIN places c ON c.id = h.community_id
             WHERE c.name = '北门社区' AND r.relation = '户主' AND r.deleted = 0
               AND (SELECT count(*) FROM residents x WHERE x.name = r.name) = 1
             ORDER BY h.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    app.type_into("#request-household-search", &head).await;
    app.click(&format!(".request-hit[data-id='{household}']"))
        .await;
    app.wait_for_text("#request-household-chosen", "已选").await;
    app.wait_for_value("#request-source", "phone").await;
    app.wait_for_value("#request-by", &me.to_string()).await;
    app.screenshot("request-form-zh").await;
    english(&app).await;
    app.wait_for_text("#request-form", "New request").await;
    app.screenshot("request-form-en").await;
    chinese(&app).await;
    app.click("#request-save").await;
    app.wait_for_text("#task-notice", &format!("已登记诉求“{title}”"))
        .await;
    app.wait_for_text("#task-board [data-status=raised]", title)
        .await;
    let task: String = linli_store::connect(&db)
        .unwrap()
        .query_row(
            "SELECT id FROM tasks WHERE title = ?1 AND source = 'phone' AND raised_by = ?2 AND household_id = ?3",
            [title, &me.to_string(), &household],
            |r| r.get(0),
        )
        .expect("the request, from the phone, by me, about the household");

    // the filters: mine holds it; words of another title do not
    app.click("#filter-mine").await;
    app.type_into("#filter-query", "水箱溢水").await;
    app.wait_for_text("#board-count", "共 1 件").await;
    app.screenshot("tasks-filtered-zh").await;
    english(&app).await;
    app.wait_for_text("#board-count", "1 request").await;
    app.screenshot("tasks-filtered-en").await;
    chinese(&app).await;
    app.type_into("#filter-query", "没有这样的诉求标题").await;
    app.wait_for_text("#board-count", "共 0 件").await;
    app.type_into("#filter-query", "水箱 溢水").await;
    app.wait_for_text("#board-count", "共 1 件").await;

    // 派单 to me: the card and the history name me
    let card = format!(".task-card[data-id='{task}']");
    app.click(&card).await;
    app.wait_for_text("#task-status", "待派单").await;
    app.choose("#task-assignee", Some(&me.to_string())).await;
    app.type_into("#task-due", "2099-12-01").await;
    app.click("#task-dispatch").await;
    app.wait_for_text("#task-status", "待接单").await;
    app.wait_for_text("#task-events", "派给余娜").await;
    app.wait_for_text(&card, "派给余娜").await;
    // 转派 to a team, with a reason; then 退单 needs a reason
    app.click("#task-redispatch-open").await;
    app.type_into("#task-redispatch-team", "党员先锋队").await;
    app.type_into("#task-reason", "需要水电工").await;
    app.click("#task-redispatch").await;
    app.wait_for_text("#task-events", "转派").await;
    app.wait_for_text("#task-events", "需要水电工").await;
    app.click("#task-return-open").await;
    app.click("#task-return").await;
    app.wait_for_text("#task-reason-error", "请写明原因").await;
    app.type_into("#task-reason", "属物业维修范围").await;
    app.screenshot("task-return-zh").await;
    app.click("#task-return").await;
    app.wait_for_text("#task-status", "待派单").await;
    app.wait_for_text("#task-events", "退单").await;
    app.screenshot("task-returned-zh").await;
    english(&app).await;
    app.wait_for_text("#task-events", "returned").await;
    app.screenshot("task-returned-en").await;
    chinese(&app).await;

    // dispatched again and done; the resident rates by phone, so the worker rates for them
    app.choose("#task-assignee", Some(&me.to_string())).await;
    app.click("#task-dispatch").await;
    app.wait_for_text("#task-status", "待接单").await;
    app.click("#task-accept").await;
    app.wait_for_text("#task-status", "办理中").await;
    app.type_into("#task-result", "物业已更换浮球阀").await;
    app.click("#task-finish").await;
    app.wait_for_text("#task-status", "已办结").await;
    app.click("#task-publish").await;
    app.wait_for_text("#task-status", "已晒单").await;
    app.choose("#task-rater", Some("worker")).await;
    app.wait_for_value("#task-by", &me.to_string()).await;
    app.choose("#task-rating", Some("4")).await;
    app.click("#task-rate").await;
    app.wait_for_text("#task-status", "已评单").await;
    app.wait_for_text("#task-events", "网格员代评").await;
    app.screenshot("task-rated-for-resident-zh").await;
    app.close().await;

    let kinds: Vec<String> = {
        let conn = linli_store::connect(&db).unwrap();
        let mut stmt = conn
            .prepare("SELECT kind FROM task_events WHERE task_id = ?1 ORDER BY at, id")
            .unwrap();
        stmt.query_map([&task], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(
        kinds,
        [
            "raised",
            "dispatched",
            "redispatched",
            "returned",
            "dispatched",
            "accepted",
            "finished",
            "published",
            "rated"
        ]
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM task_events WHERE task_id = '{task}' AND kind = 'rated'
                 AND by_id = '{me}' AND result = 'worker' AND rating = 4"
            )
        ),
        1,
        "the rating says a worker gave it for the resident"
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM journal WHERE tbl = 'task_events' AND fields LIKE '%{task}%'"
            )
        ),
        9,
        "each step is a journaled fact that syncs"
    );
}

#[tokio::test]
async fn today_starts_on_my_sections_names_them_and_prints_as_a_walking_list() {
    let (_dir, db) = demo_db();
    be_the_worker(&db);
    let app = Desktop::launch(&db).await;
    app.click("#nav-today").await;
    app.wait_for_value("#today-scope-select", "mine").await;
    let list = app.wait_for_text("#due-list", "第").await;
    for row in list.lines().skip(1) {
        assert!(
            ["第1楼段", "第2楼段", "第3楼段"]
                .iter()
                .any(|s| row.contains(s)),
            "only my sections: {row}"
        );
    }
    app.wait_for_text("#today-print", "打印走访单").await;
    app.screenshot("today-my-sections-zh").await;
    english(&app).await;
    app.wait_for_text("#today-print", "Print walking list")
        .await;
    app.screenshot("today-my-sections-en").await;
    chinese(&app).await;
    // the whole community is longer
    let mine = app.text("#due-count").await;
    app.choose("#today-scope-select", Some("community")).await;
    app.wait_for(".household-lines").await;
    let mut all = app.text("#due-count").await;
    for _ in 0..50 {
        if all != mine {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        all = app.text("#due-count").await;
    }
    assert_ne!(all, mine, "the community holds more than my sections");
    // the 未走访 list logs a visit too
    app.click("#cov-not-visited").await;
    app.click("#coverage-list tbody tr:first-child .visit-btn")
        .await;
    app.wait_for("#visit-form").await;
    app.click("#visit-cancel").await;
    app.wait_for("#due-list").await;
    app.close().await;
}

#[tokio::test]
async fn an_administrator_adds_a_section_maps_a_building_and_assigns_a_steward() {
    let (_dir, db) = demo_db();
    let (worker, _) = worker(&db);
    let conn = linli_store::connect(&db).unwrap();
    let one = |sql: &str| -> String { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let admin = one(
        "SELECT p.id FROM people p JOIN places c ON c.id = p.community_id
         WHERE c.name = '北门社区' AND p.roles LIKE '%admin%' LIMIT 1",
    );
    let community = one("SELECT id FROM places WHERE name = '北门社区'");
    let town = one(&format!(
        "SELECT parent_id FROM places WHERE id = '{community}'"
    ));
    let top = one(&format!("SELECT parent_id FROM places WHERE id = '{town}'"));
    let (compound, building) = conn
        .query_row(
            &format!(
                "SELECT k.id, b.id FROM places b JOIN places k ON k.id = b.parent_id
                 WHERE k.parent_id = '{community}' AND b.kind = 'building' ORDER BY k.name, b.name LIMIT 1"
            ),
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .unwrap();
    let big = one(&format!(
        "SELECT id FROM grids WHERE community_id = '{community}' AND kind = 'big' ORDER BY name LIMIT 1"
    ));
    drop(conn);
    linli_store::Store::open(&db)
        .unwrap()
        .set_me(&SetMe {
            person_id: Some(admin.parse().unwrap()),
        })
        .unwrap();

    let app = Desktop::launch_home(&db).await;
    // an administrator's 工作台 is a community's, picked
    app.wait_for_text("#home-me", "社区管理员").await;
    app.wait_for(".home-admin #community-picker").await;
    app.wait_for("#home-figures").await;
    app.screenshot("home-admin-zh").await;
    app.click("#nav-grids").await;
    app.wait_for_text("#grid-list", "第1楼段").await;
    app.wait_for_text("#grid-list", "余娜").await;
    // a new section under the first big grid
    app.choose("#grid-add-parent", Some(&big)).await;
    app.type_into("#grid-add-name", "第99楼段").await;
    app.click("#grid-add-save").await;
    app.wait_for_text("#grids-notice", "已添加“第99楼段”").await;
    app.wait_for_text("#grid-tools h2", "第99楼段").await;
    // a building mapped to it, down the place tree
    for (level, id) in [&top, &town, &community, &compound, &building]
        .into_iter()
        .enumerate()
    {
        app.choose(&format!("#grid-map-place-{level}"), Some(id))
            .await;
        if level < 4 {
            app.wait_for(&format!("#grid-map-place-{}", level + 1))
                .await;
        }
    }
    app.click("#grid-map-save").await;
    app.wait_for_text("#grids-notice", "已划入“第99楼段”").await;
    // 余娜 as its building steward
    app.choose("#grid-assign-person", Some(&worker.to_string()))
        .await;
    app.choose("#grid-assign-role", Some("building_steward"))
        .await;
    app.click("#grid-assign-save").await;
    app.wait_for_text("#grids-notice", "已将余娜分配到“第99楼段”")
        .await;
    let row = app.wait_for_text("#grid-list tr.selected", "余娜").await;
    assert!(row.contains("1 处楼栋或单元"), "{row}");
    app.screenshot("grids-zh").await;
    english(&app).await;
    app.wait_for_text("#grid-list", "Grid workers").await;
    app.screenshot("grids-en").await;
    app.close().await;

    let grid = count(
        &db,
        &format!(
            "SELECT count(*) FROM grids g JOIN grid_places gp ON gp.grid_id = g.id
             WHERE g.name = '第99楼段' AND g.kind = 'section' AND g.parent_id = '{big}'
               AND gp.place_id = '{building}'"
        ),
    );
    assert_eq!(grid, 1, "the section holds the building");
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM assignments a JOIN grids g ON g.id = a.grid_id
                 WHERE g.name = '第99楼段' AND a.person_id = '{worker}' AND a.role = 'building_steward'"
            ),
        ),
        1
    );
}
