//! Issue 15 item 3 in the window: 设置 → 社区规则. A coordinator sets the station's name, a visit
//! interval (a bad one is refused next to the field first), an escalation day count and points
//! per hour with a cap; each lands in the database file as a synced write; the volunteer
//! statement's print view then carries the station's name and the 签字/盖章 lines. Once in
//! Chinese, once in English.

use std::path::Path;

use crate::support::{demo_db, Desktop};

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
    let conn = rusqlite::Connection::open(db).unwrap();
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
