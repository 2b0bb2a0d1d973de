//! Issue 16 item 3 in the window: 查看记录 on an administrator's household page. The laptop holds
//! a reveal another user made, as an administrator's laptop pulls it (the server's stamp: the user
//! it authenticated and its time), and one made here, not yet synced; the page lists both, newest
//! first, in Chinese and in English. A grid worker's laptop shows no 查看记录.

use std::path::Path;

use linli_domain::Id;
use linli_protocol::{Reveal, RevealField, SetMe};

use crate::desktop::support::{demo_db, Desktop};

/// The first 南湖苑 household with a head: (building, unit, room, head id, head name).
fn a_household(db: &Path) -> (String, String, String, String, String) {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT b.name, u.name, h.room, r.id, r.name
         FROM households h JOIN places b ON b.id = h.building_id JOIN places u ON u.id = h.unit_id
         JOIN places k ON k.id = b.parent_id
         JOIN residents r ON r.household_id = h.id AND r.relation = '户主' AND r.moved_out IS NULL
         WHERE k.name = '南湖苑' AND h.moved_out IS NULL AND r.id_number IS NOT NULL
         ORDER BY h.id LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
    .unwrap()
}

/// Me: the first person of the demo town holding `role`.
fn set_me(db: &Path, role: &str) {
    let person: String = linli_store::connect(db)
        .unwrap()
        .query_row(
            "SELECT id FROM people WHERE roles LIKE ?1 ORDER BY id LIMIT 1",
            [format!("%\"{role}\"%")],
            |r| r.get(0),
        )
        .unwrap();
    let mut store = linli_store::Store::open(db).unwrap();
    store
        .set_me(&SetMe {
            person_id: Some(person.parse().unwrap()),
        })
        .unwrap();
}

async fn open_household(app: &Desktop, address: &str) {
    app.press_ctrl_k().await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(address)
        .await
        .unwrap();
    app.wait_for("#search-results .search-hit").await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&fantoccini::key::Key::Enter.to_string())
        .await
        .unwrap();
    app.wait_for("#household-page #household-address").await;
}

async fn scroll_to(app: &Desktop, css: &str) {
    app.wait_for(css).await;
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'});",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn an_administrators_household_page_shows_who_saw_which_number_when() {
    let (_dir, db) = demo_db();
    let (building, unit, room, head, name) = a_household(&db);
    set_me(&db, "admin");
    // a reveal another user made, as this administrator's laptop pulled it with the server's stamp
    linli_store::connect(&db)
        .unwrap()
        .execute(
            "INSERT INTO reveals (id, resident_id, field, at, device_id, author, seen_by, seen_name, seen_at)
             VALUES (?1, ?2, 'phone', '2026-12-01T08:00:00+08:00', ?3, NULL, ?4, '王网格',
                     '2026-12-01T00:05:00+00:00')",
            [
                Id::new().to_string(),
                head.clone(),
                Id::new().to_string(),
                Id::new().to_string(),
            ],
        )
        .unwrap();
    // and one made on this laptop, not yet synced
    linli_store::Store::open(&db)
        .unwrap()
        .reveal(&Reveal {
            resident_id: head.parse().unwrap(),
            field: RevealField::IdNumber,
        })
        .unwrap();
    let address = format!("南湖苑{building}{unit}{room}");

    let app = Desktop::launch(&db).await;
    open_household(&app, &address).await;
    let log = app.wait_for_text("#reveal-log", "查看记录").await;
    let rows = app.wait_for_text("#reveal-log-list", "王网格").await;
    assert!(log.contains("服务器"), "{log}");
    let lines: Vec<&str> = rows.lines().collect();
    assert!(rows.contains(&name), "{rows}");
    // newest first: this laptop's reveal (now) above the stamped one of 2026-12-01
    let mine = rows.find("本机（尚未同步）").expect("this laptop's reveal");
    let theirs = rows.find("王网格").unwrap();
    assert!(mine < theirs, "newest first: {lines:?}");
    assert!(rows.contains("身份证号") && rows.contains("电话"), "{rows}");
    // the server's time, shown at the laptop's offset
    let shown = linli_domain::now::local_minute_of(
        "2026-12-01T00:05:00+00:00",
        linli_store::local_offset_minutes(),
    );
    assert!(rows.contains(&shown), "{shown} in {rows}");
    scroll_to(&app, "#reveal-log").await;
    app.screenshot("reveal-log-zh").await;

    app.click("#lang-switch").await;
    app.wait_for_text("#reveal-log", "Who saw the numbers")
        .await;
    let rows = app
        .wait_for_text("#reveal-log-list", "This laptop (not yet synced)")
        .await;
    assert!(
        rows.contains("ID number") && rows.contains("Phone"),
        "{rows}"
    );
    assert!(rows.contains("王网格") && rows.contains(&name), "{rows}");
    let head_text = app.text("#reveal-log").await;
    assert!(
        !head_text
            .replace("王网格", "")
            .replace(&name, "")
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "no Chinese but the user's own names: {head_text}"
    );
    scroll_to(&app, "#reveal-log").await;
    app.screenshot("reveal-log-en").await;
    app.close().await;

    // a grid worker's laptop: no 查看记录
    set_me(&db, "grid_worker");
    let app = Desktop::launch(&db).await;
    open_household(&app, &address).await;
    app.wait_for("#household-history").await;
    assert!(
        app.client
            .find_all(fantoccini::Locator::Css("#reveal-log"))
            .await
            .unwrap()
            .is_empty(),
        "only an administrator sees 查看记录"
    );
    app.close().await;
}
