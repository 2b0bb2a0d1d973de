//! Issue 16 item 2 in the window: a steward's laptop (signed in as a steward: the server withheld
//! the residents' ID numbers and phones, so the laptop holds none) shows 无权查看 ("Not permitted
//! to view") where they would be on the household page, offers no reveal, and its forms say the
//! number may still be written; in Chinese and in English. A grid worker's laptop still shows the
//! masked numbers with a reveal. The household's timeline says 无权查看 for numbers too.

use std::path::Path;

use linli_domain::{make_resident_id, Gender};
use linli_protocol::sync::Role;
use linli_protocol::{AddResident, ResidentFields, SetMe};
use linli_store::Store;
use linli_sync::{Engine, HttpTransport};
use linli_tests::server::PASSWORD;
use linli_tests::spawn_server;
use linli_tests::town::Town;

use crate::desktop::support::{fresh_demo_db, Desktop};

/// The first 南湖苑 household with a head: (building, unit, room, household id).
fn a_household(db: &Path) -> (String, String, String, String) {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT b.name, u.name, h.room, h.id
         FROM households h JOIN places b ON b.id = h.building_id JOIN places u ON u.id = h.unit_id
         JOIN places k ON k.id = b.parent_id
         JOIN residents r ON r.household_id = h.id AND r.relation = '户主' AND r.moved_out IS NULL
         WHERE k.name = '南湖苑' AND h.moved_out IS NULL AND r.id_number IS NOT NULL
         ORDER BY h.id LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .unwrap()
}

/// This laptop as a user of `role` keeps it: me is the first person of the demo town holding
/// `person_role`, and the laptop signed in as `role`.
fn sign_in_as(db: &Path, person_role: &str, role: Role) {
    let person: String = linli_store::connect(db)
        .unwrap()
        .query_row(
            "SELECT id FROM people WHERE roles LIKE ?1 ORDER BY id LIMIT 1",
            [format!("%\"{person_role}\"%")],
            |r| r.get(0),
        )
        .unwrap();
    let mut store = linli_store::Store::open(db).unwrap();
    store
        .set_me(&SetMe {
            person_id: Some(person.parse().unwrap()),
        })
        .unwrap();
    store.save_sync_role(role).unwrap();
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

async fn reveal_buttons(app: &Desktop) -> usize {
    app.client
        .find_all(fantoccini::Locator::Css("#member-list .reveal"))
        .await
        .unwrap()
        .len()
}

async fn placeholder(app: &Desktop, css: &str) -> String {
    app.wait_for(css)
        .await
        .attr("placeholder")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_stewards_household_page_shows_not_permitted_where_numbers_would_be() {
    let (_dir, db) = fresh_demo_db();
    let (building, unit, room, household) = a_household(&db);
    let address = format!("南湖苑{building}{unit}{room}");

    // a grid worker's laptop: masked numbers with a reveal, as before
    sign_in_as(&db, "grid_worker", Role::GridWorker);
    let app = Desktop::launch(&db).await;
    open_household(&app, &address).await;
    let ids = app.wait_for_text("#member-list .member-id", "*").await;
    assert!(!ids.contains("无权查看"), "{ids}");
    assert!(reveal_buttons(&app).await > 0, "a grid worker reveals");
    app.close().await;

    // a steward's laptop: the server withheld the numbers, so the laptop holds none
    sign_in_as(&db, "building_steward", Role::Steward);
    let conn = linli_store::connect(&db).unwrap();
    conn.execute(
        "UPDATE residents SET id_number = NULL, phone = NULL WHERE household_id = ?1",
        [&household],
    )
    .unwrap();
    conn.execute(
        "UPDATE households SET phone = NULL WHERE id = ?1",
        [&household],
    )
    .unwrap();
    drop(conn);
    let app = Desktop::launch(&db).await;
    open_household(&app, &address).await;
    let ids = app
        .wait_for_text("#member-list .member-id", "无权查看")
        .await;
    let phones = app.text("#member-list .member-phone").await;
    assert!(phones.contains("无权查看"), "{phones}");
    assert!(
        !ids.contains('*') && !phones.contains('*'),
        "{ids} {phones}"
    );
    assert_eq!(
        reveal_buttons(&app).await,
        0,
        "no reveal of a withheld number"
    );
    // the timeline of the register's changes: no number, masked or not (this test's laptop
    // made the demo town itself, so its journal holds them; a steward's laptop would not)
    let timeline = app.wait_for_text("#timeline-list", "无权查看").await;
    assert!(!timeline.contains("****"), "{timeline}");
    assert!(
        placeholder(&app, "#facts-phone").await.contains("无权查看"),
        "the household's phone: write-only"
    );
    app.screenshot("roles-steward-household-zh").await;
    app.click("#member-list .edit-member").await;
    assert!(placeholder(&app, "#edit-phone").await.contains("无权查看"));
    assert!(placeholder(&app, "#edit-id-number")
        .await
        .contains("无权查看"));
    // a sensitive care tag is neither shown set nor unset: marked, with the reason under the tags
    app.wait_for_text("#edit-care-tags + .care-withheld-hint", "无权查看")
        .await;
    let chip = app
        .wait_for(r#"#edit-care-tags button[data-tag="低保"]"#)
        .await;
    let class = chip.attr("class").await.unwrap().unwrap_or_default();
    assert!(class.contains("chip-withheld"), "{class}");
    assert!(chip.text().await.unwrap().starts_with('？'));
    let chip = app
        .wait_for(r#"#edit-care-tags button[data-tag="独居老人"]"#)
        .await;
    let class = chip.attr("class").await.unwrap().unwrap_or_default();
    assert!(!class.contains("chip-withheld"), "{class}");
    app.screenshot("roles-steward-member-form-zh").await;

    app.click("#lang-switch").await;
    app.wait_for_text("#member-list .member-id", "Not permitted to view")
        .await;
    let phones = app.text("#member-list .member-phone").await;
    assert!(phones.contains("Not permitted to view"), "{phones}");
    assert!(placeholder(&app, "#edit-phone")
        .await
        .contains("Not permitted to view"));
    app.screenshot("roles-steward-household-en").await;

    // the household list: the steward's laptop holds no phone
    app.click("#nav-register").await;
    app.click(r#"li[data-name="北门社区"] > .tree-row .tree-label"#)
        .await;
    app.wait_for("#household-list").await;
    let row = app
        .wait_for_text("#household-list", "Not permitted to view")
        .await;
    assert!(!row.contains("****"), "{row}");
    app.screenshot("roles-steward-list-en").await;
    app.click("#lang-switch").await;
    let row = app.wait_for_text("#household-list", "无权查看").await;
    assert!(!row.contains("****"), "{row}");
    app.screenshot("roles-steward-list-zh").await;
    app.close().await;
}

/// End to end over the real server on 127.0.0.1: a grid worker's laptop registers a household
/// with a head's ID number, phone and care tags and syncs; a steward's laptop signs in and
/// pulls; its file holds no ID number, phone or sensitive care tag, and its window shows
/// 无权查看 where they would be.
#[tokio::test]
async fn a_steward_who_pulled_from_the_server_holds_and_shows_no_number() {
    let dir = tempfile::tempdir().unwrap();
    let server = spawn_server();
    let mut worker = Store::open(dir.path().join("worker.db")).unwrap();
    let town = Town::new("樟城镇")
        .community("北门社区")
        .compound("幸福小区")
        .building("1栋")
        .household("101")
        .build(&mut worker);
    // the worker made the town on its laptop, from the top: county-wide
    town.worker(&server, "wang", Role::GridWorker, &["北门社区"]);
    server.county_wide("wang");
    town.worker(&server, "li", Role::Steward, &["1栋"]);
    let id_number = make_resident_id(350102, 1956, 4, 12, 77, Gender::Male).into_string();
    worker
        .add_resident(&AddResident {
            household_id: town.household("1栋", "101"),
            fields: ResidentFields {
                name: "张建国".into(),
                id_number: Some(id_number.clone()),
                phone: Some("13812345678".into()),
                relation: "户主".into(),
                care_tags: vec!["低保".into(), "独居老人".into()],
                ..Default::default()
            },
        })
        .unwrap();
    let sync = |s: &mut Store, user: &str| {
        let mut t = HttpTransport::new(&server.url);
        linli_sync::login(s, &mut t, &server.url, user, PASSWORD, user).unwrap();
        Engine::new(HttpTransport::new(&server.url))
            .sync(s, &mut |_| {})
            .unwrap();
    };
    sync(&mut worker, "wang");
    drop(worker);

    let db = dir.path().join("steward").join("linli.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let mut steward = Store::open(&db).unwrap();
    sync(&mut steward, "li");
    let (name, id, phone, tags): (String, Option<String>, Option<String>, String) = steward
        .conn()
        .query_row(
            "SELECT name, id_number, phone, care_tags FROM residents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(name, "张建国");
    assert_eq!(
        (id, phone),
        (None, None),
        "the steward's laptop holds no number"
    );
    assert_eq!(tags, "[\"独居老人\"]");
    let journal = serde_json::to_string(&steward.journal().unwrap()).unwrap();
    assert!(!journal.contains(&id_number) && !journal.contains("13812345678"));
    assert!(!journal.contains("低保"));
    assert_eq!(steward.sync_role().unwrap(), Some(Role::Steward));
    drop(steward);

    let app = Desktop::launch(&db).await;
    open_household(&app, "幸福小区1栋101").await;
    let ids = app
        .wait_for_text("#member-list .member-id", "无权查看")
        .await;
    let phones = app.text("#member-list .member-phone").await;
    assert!(
        ids.contains("无权查看") && phones.contains("无权查看"),
        "{phones}"
    );
    assert_eq!(reveal_buttons(&app).await, 0);
    let row = app.text("#member-list").await;
    assert!(row.contains("独居老人") && !row.contains("低保"), "{row}");
    app.screenshot("roles-steward-pulled-zh").await;
    app.close().await;
}
