//! Issue 14's "Done when", walked in the window once per language: a grid worker opens the app to
//! 工作台 and says who they are, sees their own sections, finds "南湖苑1栋1单元502" by typing it,
//! edits a resident, logs yesterday evening's visit with a photo from the household page, and logs
//! a phoned-in request there. A screenshot of each step: `done-<n>-<step>-<zh|en>.png`.

use fantoccini::key::Key;
use linli_domain::field::add_days;
use linli_protocol::GetMe;

use crate::desktop::support::{count, demo_db, photo, Desktop, PICK_PHOTO};

const ADDRESS: &str = "南湖苑1栋1单元502";

/// What the walk needs from the demo town: the household at [`ADDRESS`], its head, and a grid
/// worker of its community whose sections hold it.
struct Town {
    household: String,
    head: String,
    community: String,
    worker: String,
    worker_name: String,
    section: String,
}

fn town(db: &std::path::Path) -> Town {
    let conn = linli_store::connect(db).unwrap();
    let (household, head, community): (String, String, String) = conn
        .query_row(
            "SELECT h.id, r.name, h.community_id FROM households h
             JOIN places u ON u.id = h.unit_id JOIN places b ON b.id = h.building_id
             JOIN places k ON k.id = b.parent_id
             JOIN residents r ON r.household_id = h.id AND r.relation = '户主' AND r.deleted = 0
             WHERE k.name = '南湖苑' AND b.name = '1栋' AND u.name = '1单元' AND h.room = '502'
               AND h.moved_out IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the demo town has a household at 南湖苑1栋1单元502 with a head");
    let (worker, worker_name, section): (String, String, String) = conn
        .query_row(
            "SELECT p.id, p.name, g.name FROM people p
             JOIN assignments a ON a.person_id = p.id AND a.deleted = 0
             JOIN grids g ON g.id = a.grid_id
             JOIN grid_places gp ON gp.grid_id = g.id AND gp.deleted = 0
             JOIN households h ON gp.place_id IN (h.building_id, h.unit_id)
             WHERE h.id = ?1 AND a.role = 'grid_worker' AND p.deleted = 0
             ORDER BY p.id LIMIT 1",
            [&household],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("a grid worker whose section holds the household");
    Town {
        household,
        head,
        community,
        worker,
        worker_name,
        section,
    }
}

/// Replaces what a filled-in field holds as a user does: select all, type over it.
async fn type_over(app: &Desktop, css: &str, text: &str) {
    let el = app.wait_for(css).await;
    el.click().await.unwrap();
    el.send_keys(&format!("{}a{}{text}", Key::Control, Key::Control))
        .await
        .unwrap_or_else(|e| panic!("type over {css}: {e}"));
    app.wait_for_value(css, text).await;
}

/// The words the walk waits for, in one language.
struct Words {
    lang: &'static str,
    welcome: &'static str,
    household: &'static str,
    edited: fn(&str) -> String,
    visit_logged: &'static str,
    photos: &'static str,
    request_logged: fn(&str) -> String,
    phone: &'static str,
    relation_head: &'static str,
}

const ZH: Words = Words {
    lang: "zh",
    welcome: "欢迎使用邻里",
    household: "住户",
    edited: |n| format!("已保存“{n}”的修改"),
    visit_logged: "的走访",
    photos: "附照片 1 张",
    request_logged: |t| format!("已登记诉求“{t}”"),
    phone: "电话",
    relation_head: "户主",
};

const EN: Words = Words {
    lang: "en",
    welcome: "Welcome to Linli",
    household: "Household",
    edited: |n| format!("Saved the changes to {n}"),
    visit_logged: "Visit to",
    photos: "1 photo attached",
    request_logged: |t| format!("Request “{t}” logged"),
    phone: "Phone",
    relation_head: "Head",
};

async fn walk(w: &Words) {
    let (_dir, db) = demo_db();
    let town = town(&db);
    let today = linli_store::Store::open(&db)
        .unwrap()
        .get_me(&GetMe {})
        .unwrap()
        .today;
    let yesterday = add_days(&today, -1).unwrap();
    let shot = |n: u8, step: &str| format!("done-{n}-{step}-{}", w.lang);
    let app = Desktop::launch_home(&db).await;

    // 1. the app opens on 工作台 and asks once who works here; then my day, my sections
    app.wait_for("#page-home").await;
    if w.lang == "en" {
        app.click("#lang-switch").await;
        app.wait_for_text("#nav-home", "Home").await;
    }
    app.wait_for_text("#welcome", w.welcome).await;
    app.choose("#community-picker", Some(&town.community)).await;
    app.wait_for(&format!("#me-person option[value='{}']", town.worker))
        .await;
    app.choose("#me-person", Some(&town.worker)).await;
    app.click("#me-save").await;
    app.wait_for_text("#home-me", &town.worker_name).await;
    app.wait_for_text("#home-grids", &town.section).await;
    app.wait_for("#home-figures").await;
    app.wait_for_text("#topbar-me", &town.worker_name).await;
    assert!(app
        .client
        .find(fantoccini::Locator::Css("#welcome"))
        .await
        .is_err());
    app.screenshot(&shot(1, "home")).await;

    // 2. "南湖苑1栋1单元502" typed into the search finds the household
    app.press_ctrl_k().await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(ADDRESS)
        .await
        .unwrap();
    app.wait_for_text("#search-results .search-hit.active", ADDRESS)
        .await;
    app.wait_for_text("#search-results", w.household).await;
    app.screenshot(&shot(2, "search")).await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Enter.to_string())
        .await
        .unwrap();
    app.wait_for_text("#household-address", ADDRESS).await;
    let head_row = format!(r#".member-row[data-name="{}"]"#, town.head);
    app.wait_for_text(&head_row, w.relation_head).await;

    // 3. a resident edited in place: the head's phone and notes
    app.click(&format!("{head_row} .edit-member")).await;
    app.wait_for("#member-edit").await;
    app.wait_for_text("#member-edit", w.phone).await;
    app.type_into("#edit-phone", "13905917788").await;
    app.type_into("#edit-notes", "白天在家，晚上七点后方便")
        .await;
    app.screenshot(&shot(3, "edit-resident")).await;
    app.click("#edit-save").await;
    app.wait_for_text("#member-edit-notice", &(w.edited)(&town.head))
        .await;
    app.wait_for_text(&head_row, "139****7788").await;

    // 4. yesterday evening's visit with a photo, from the household page
    app.click("#household-visit").await;
    app.wait_for("#visit-form").await;
    app.wait_for_value("#visit-visitor", &town.worker).await;
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
    // the photo picked, in sight with the day, the time and the findings
    app.client
        .execute(
            "document.getElementById('visit-findings').scrollIntoView({ block: 'start' }); window.scrollTo(0, 0);",
            vec![],
        )
        .await
        .unwrap();
    app.screenshot(&shot(4, "visit-form")).await;
    app.click("#visit-save").await;
    app.wait_for_text("#household-notice", w.visit_logged).await;
    app.wait_for_text("#household-notice", w.photos).await;
    app.wait_for_text("#household-timeline", "老人血压偏高")
        .await;
    app.click("#timeline-filter-visit").await;
    app.wait_for("#household-timeline img.attachment-mini")
        .await;
    app.screenshot(&shot(5, "visit-logged")).await;

    // 5. a request phoned in by the household, logged from its page
    let title = "电话反映：楼道灯不亮";
    app.click("#household-request").await;
    app.wait_for("#request-form").await;
    app.type_into("#request-title", title).await;
    app.choose("#request-source", Some("phone")).await;
    app.wait_for_value("#request-by", &town.worker).await;
    app.screenshot(&shot(6, "request-form")).await;
    app.click("#request-save").await;
    app.wait_for_text("#household-notice", &(w.request_logged)(title))
        .await;
    app.click("#timeline-filter-task").await;
    app.wait_for_text("#household-timeline", title).await;
    app.screenshot(&shot(7, "request-logged")).await;
    app.close().await;

    // the file holds all of it
    let h = &town.household;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM residents WHERE household_id = '{h}' AND name = '{}'
                   AND phone = '13905917788' AND notes = '白天在家，晚上七点后方便'",
                town.head
            )
        ),
        1,
        "the resident edited"
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM visits v JOIN attachments a ON a.owner_table = 'visits'
                   AND a.owner_id = v.id AND a.name = '血压记录.png'
                 WHERE v.household_id = '{h}' AND v.at LIKE '{yesterday}T19:40:00%'
                   AND v.visitor_id = '{}'",
                town.worker
            )
        ),
        1,
        "yesterday evening's visit, by me, with its photo"
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM tasks WHERE household_id = '{h}' AND title = '{title}'
                   AND source = 'phone' AND raised_by = '{}'",
                town.worker
            )
        ),
        1,
        "the phoned-in request, about the household, raised by me"
    );
}

#[tokio::test]
async fn done_when_walked_in_chinese() {
    walk(&ZH).await;
}

#[tokio::test]
async fn done_when_walked_in_english() {
    walk(&EN).await;
}
