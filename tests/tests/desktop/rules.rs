//! Issue 15 item 3 in the window: 设置 → 社区规则. A coordinator sets the station's name, a visit
//! interval (a bad one is refused next to the field first), an escalation day count and points
//! per hour with a cap; each lands in the database file as a synced write; the volunteer
//! statement's print view then carries the station's name and the 签字/盖章 lines. Once in
//! Chinese, once in English.

use std::path::Path;

use crate::desktop::support::{demo_db, Desktop};

const STATION: &str = "城关志愿服务站";

struct Words {
    bad_days: &'static str,
    saved: &'static str,
    station: &'static str,
    signature: &'static str,
    stamp: &'static str,
}

const ZH: Words = Words {
    bad_days: "请填写1到365之间的天数",
    saved: "已保存",
    station: "服务站点：",
    signature: "签字",
    stamp: "盖章",
};

const EN: Words = Words {
    bad_days: "Enter a number of days from 1 to 365",
    saved: "Saved",
    station: "Station: ",
    signature: "signature",
    stamp: "(stamp)",
};

fn one<T: rusqlite::types::FromSql>(db: &Path, sql: &str, community: &str) -> T {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(sql, [community], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn value(app: &Desktop, css: &str) -> String {
    app.wait_for(css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
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

async fn rules_then_statement(english: bool) {
    let w = if english { &EN } else { &ZH };
    let lang = if english { "en" } else { "zh" };
    let (_dir, db) = demo_db();
    let app = Desktop::launch_home(&db).await;
    if english {
        app.click("#lang-switch").await;
        app.wait_for_text("#nav-register", "Register").await;
    }
    app.click("#nav-settings").await;
    app.click("#settings-tab-rules").await;
    app.wait_for("#rules-station-name").await;
    let community = value(&app, "#community-rules #community-picker").await;

    app.type_into("#rules-station-name", STATION).await;
    app.click("#rules-station-save").await;
    app.wait_for_text("#rules-station-saved", w.saved).await;

    // a bad interval is refused by the form, then a good one saved
    app.type_into("#rules-care-days", "14").await;
    app.type_into("#rules-everyone-days", "0").await;
    app.click("#rules-visit-save").await;
    app.wait_for_text("#rules-visit-error", w.bad_days).await;
    app.screenshot(&format!("rules-refused-{lang}")).await;
    app.type_into("#rules-everyone-days", "60").await;
    app.click("#rules-visit-save").await;
    app.wait_for_text("#rules-visit-saved", w.saved).await;

    scroll_to(&app, "#rules-tasks").await;
    app.type_into("#rules-task-civic_matter", "5").await;
    app.click("#rules-tasks-save").await;
    app.wait_for_text("#rules-tasks-saved", w.saved).await;

    scroll_to(&app, "#rules-points").await;
    app.type_into("#rules-default-rate", "12").await;
    app.type_into("input[data-category='护学']", "15").await;
    app.type_into("#rules-entry-cap", "40").await;
    app.click("#rules-points-save").await;
    app.wait_for_text("#rules-points-saved", w.saved).await;
    app.screenshot(&format!("rules-points-{lang}")).await;

    // every rule is in the file, each a journalled (synced) write
    let station: String = one(
        &db,
        "SELECT station_name FROM community_settings WHERE id = ?1",
        &community,
    );
    assert_eq!(station, STATION);
    let days: (i64, i64) = (
        one(
            &db,
            "SELECT care_days FROM visit_rules WHERE id = ?1",
            &community,
        ),
        one(
            &db,
            "SELECT everyone_days FROM visit_rules WHERE id = ?1",
            &community,
        ),
    );
    assert_eq!(days, (14, 60));
    let escalate: i64 = one(
        &db,
        "SELECT escalate_after_days FROM task_rules WHERE community_id = ?1 AND category = 'civic_matter'",
        &community,
    );
    assert_eq!(escalate, 5);
    let points: (i64, i64, String) = (
        one(
            &db,
            "SELECT default_rate FROM points_rules WHERE id = ?1",
            &community,
        ),
        one(
            &db,
            "SELECT entry_cap FROM points_rules WHERE id = ?1",
            &community,
        ),
        one(
            &db,
            "SELECT rates FROM points_rules WHERE id = ?1",
            &community,
        ),
    );
    assert_eq!((points.0, points.1), (12, 40));
    assert!(points.2.contains("\"护学\":15"), "{}", points.2);
    let journalled: i64 = one(
        &db,
        "SELECT count(*) FROM journal WHERE scope_community = ?1
         AND tbl IN ('community_settings', 'visit_rules', 'task_rules', 'points_rules')",
        &community,
    );
    assert!(journalled >= 4, "{journalled} rule writes journalled");

    // the statement of a volunteer of that community, printed with the station and the lines
    let who: String = one(
        &db,
        "SELECT v.id FROM volunteers v JOIN ledger l ON l.volunteer_id = v.id
         WHERE v.community_id = ?1 AND v.deleted = 0 GROUP BY v.id ORDER BY v.id LIMIT 1",
        &community,
    );
    app.click("#nav-volunteers").await;
    app.wait_for("#volunteer-list").await;
    app.choose("#vol-community", Some(&community)).await;
    app.click(&format!(".vol-pick[data-id='{who}']")).await;
    app.click("#vol-print-view").await;
    app.wait_for_text("#statement-station", &format!("{}{STATION}", w.station))
        .await;
    let sign = app.wait_for_text("#statement-sign", w.signature).await;
    assert!(sign.contains(w.stamp), "{sign}");
    scroll_to(&app, "#statement-print").await;
    app.screenshot(&format!("rules-statement-print-{lang}"))
        .await;
    app.close().await;
}

#[tokio::test]
async fn the_communitys_rules_are_set_and_the_statement_prints_the_station_in_chinese() {
    rules_then_statement(false).await;
}

#[tokio::test]
async fn the_communitys_rules_are_set_and_the_statement_prints_the_station_in_english() {
    rules_then_statement(true).await;
}

/// The first community of the demo town by name (the one 社区规则 opens on when nobody is chosen).
fn first_community(db: &Path) -> String {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT id FROM places WHERE kind = 'community' AND deleted = 0 ORDER BY name LIMIT 1",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// A household of `community` headed by 欧阳测试 (a name no one else in the demo bears).
fn a_household_in(db: &Path, community: &str) {
    use linli_protocol::{AddHousehold, AddResident, ResidentFields};
    let building: String = linli_store::connect(db)
        .unwrap()
        .query_row(
            "SELECT b.id FROM places b JOIN places k ON k.id = b.parent_id
             WHERE b.kind = 'building' AND k.parent_id = ?1 ORDER BY b.id LIMIT 1",
            [community],
            |r| r.get(0),
        )
        .unwrap();
    let mut store = linli_store::Store::open(db).unwrap();
    let h = store
        .add_household(&AddHousehold {
            building_id: building.parse().unwrap(),
            unit_id: None,
            room: "808".into(),
            fields: Default::default(),
        })
        .unwrap();
    store
        .add_resident(&AddResident {
            household_id: h.id,
            fields: ResidentFields {
                name: "欧阳测试".into(),
                relation: "户主".into(),
                ..Default::default()
            },
        })
        .unwrap();
}

/// The care tags set in 社区规则 are what the household's resident form offers.
#[tokio::test]
async fn the_resident_form_offers_the_care_tags_the_community_uses() {
    let (_dir, db) = demo_db();
    let community = first_community(&db);
    a_household_in(&db, &community);
    let app = Desktop::launch_home(&db).await;
    app.click("#nav-settings").await;
    app.click("#settings-tab-rules").await;
    app.wait_for("#rules-care").await;
    assert_eq!(
        value(&app, "#community-rules #community-picker").await,
        community
    );
    // none left is refused; then all but 低保
    for tag in linli_domain::register::KNOWN_CARE_TAGS {
        app.click(&format!(".rules-care[data-tag='{tag}']")).await;
    }
    app.click("#rules-care-save").await;
    app.wait_for_text("#rules-care-error", "请至少选择一个关爱标签")
        .await;
    for tag in linli_domain::register::KNOWN_CARE_TAGS {
        if *tag != "低保" {
            app.click(&format!(".rules-care[data-tag='{tag}']")).await;
        }
    }
    app.click("#rules-care-save").await;
    app.wait_for_text("#rules-care-saved", "已保存").await;
    let kept: String = one(
        &db,
        "SELECT care_tags FROM community_settings WHERE id = ?1",
        &community,
    );
    assert!(!kept.contains("低保") && kept.contains("残疾"), "{kept}");

    app.press_ctrl_k().await;
    app.type_into("#search", "欧阳测试").await;
    app.wait_for_text("#search-results", "欧阳测试").await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&fantoccini::key::Key::Enter.to_string())
        .await
        .unwrap();
    app.wait_for_text("#household-address", "808").await;
    app.wait_for(r#"#member-care-tags button[data-tag="残疾"]"#)
        .await;
    // until the community's rules are read the form offers every known tag; then 低保 goes
    app.wait_gone(r#"#member-care-tags button[data-tag="低保"]"#)
        .await;
    scroll_to(&app, "#member-care-tags").await;
    app.screenshot("rules-care-tags-offered").await;
    app.close().await;
}

/// Only an administrator changes rules: a grid worker's save is refused beside the section, in
/// the page's language, and nothing is written.
#[tokio::test]
async fn a_grid_worker_is_refused_in_chinese_and_in_english() {
    let (_dir, db) = demo_db();
    let community = first_community(&db);
    {
        let mut store = linli_store::Store::open(&db).unwrap();
        let p = store
            .add_person(&linli_protocol::AddPerson {
                community_id: community.parse().unwrap(),
                name: "欧阳网格".into(),
                phone: None,
                roles: vec![linli_domain::register::Role::GridWorker],
            })
            .unwrap();
        store
            .set_me(&linli_protocol::SetMe {
                person_id: Some(p.id),
            })
            .unwrap();
    }
    let app = Desktop::launch_home(&db).await;
    app.click("#nav-settings").await;
    app.click("#settings-tab-rules").await;
    app.type_into("#rules-station-name", STATION).await;
    app.click("#rules-station-save").await;
    app.wait_for_text("#rules-station-error", "只有社区管理员可以修改社区规则")
        .await;
    app.click("#lang-switch").await;
    app.wait_for_text("#settings-tab-rules", "Community rules")
        .await;
    app.click("#rules-station-save").await;
    app.wait_for_text(
        "#rules-station-error",
        "Only a community administrator can change the community's rules",
    )
    .await;
    app.screenshot("rules-refused-worker-en").await;
    app.close().await;
    let written: i64 = one(
        &db,
        "SELECT count(*) FROM community_settings WHERE id = ?1",
        &community,
    );
    assert_eq!(written, 0);
}
