//! Issue 20's gaps and issue 25 item 1's staff in the window (h20gaps): a secretary of 北门社区
//! takes a suggestion from a resident found in the register (the household is recorded) and
//! makes it a council topic; arranges a meeting under a two-thirds rule, which five of nine
//! present do not meet; finds the topic under this month's theme on 公告; and staffs a new
//! programme with one of the station's people beside a volunteer. Screenshots in Chinese and
//! English.

use std::time::Duration;

use linli_domain::Id;

use crate::desktop::support::{demo_db, one, today, Desktop};

#[tokio::test]
async fn a_suggestion_from_the_register_a_meetings_rule_the_months_topics_and_people_as_staff() {
    let limit = Duration::from_secs(300);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

async fn scenario() {
    let (_dir, db) = demo_db();
    let community: Id = one(
        &db,
        "SELECT id FROM places WHERE kind = 'community' AND name = '北门社区'",
    )
    .parse()
    .unwrap();
    // a resident of the community whose name is the only one of its kind there
    let resident = one(
        &db,
        &format!(
            "SELECT r.id FROM residents r WHERE r.community_id = '{community}' AND r.deleted = 0
             AND r.moved_out IS NULL AND r.name != '' AND (SELECT count(*) FROM residents x
             WHERE x.name = r.name AND x.deleted = 0) = 1 ORDER BY r.id LIMIT 1"
        ),
    );
    let name = one(
        &db,
        &format!("SELECT name FROM residents WHERE id = '{resident}'"),
    );
    let household = one(
        &db,
        &format!("SELECT household_id FROM residents WHERE id = '{resident}'"),
    );
    let app = Desktop::launch_home(&db).await;
    app.click("#nav-councils").await;
    app.choose("#cnc-community", Some(&community.to_string()))
        .await;

    // the suggester found in the register: the household is recorded
    app.click("#cnc-sugg-new").await;
    app.type_into("#cnc-sugg-find-q", &name).await;
    app.click("#cnc-sugg-find-find").await;
    app.click(&format!(
        "#cnc-sugg-find-hits .med-hit[data-id='{resident}']"
    ))
    .await;
    app.wait_for_text("#cnc-sugg-linked", &name).await;
    app.wait_for_value("#cnc-sugg-name", &name).await;
    app.choose("#cnc-sugg-source", Some("phone")).await;
    app.type_into("#cnc-sugg-text", "楼下垃圾桶不够用，建议再加两个")
        .await;
    app.screenshot("council-gaps-suggestion-zh").await;
    app.click("#cnc-sugg-save").await;
    app.wait_for_text("#cnc-sugg-list", "再加两个").await;
    let suggestion = one(
        &db,
        "SELECT id FROM council_suggestions WHERE text LIKE '%再加两个%'",
    );
    assert_eq!(
        one(
            &db,
            &format!("SELECT household_id FROM council_suggestions WHERE id = '{suggestion}'"),
        ),
        household
    );
    app.click(&format!("#cnc-handle-{suggestion}")).await;
    app.choose("#cnc-handle-action", Some("topic")).await;
    app.type_into("#cnc-handle-title", "增设垃圾桶").await;
    app.choose("#cnc-handle-category", Some("environment"))
        .await;
    app.click(&format!("#cnc-handle-save-{suggestion}")).await;
    app.wait_for_text("#cnc-sugg-list", "已转议题").await;

    // a meeting under a two-thirds rule: five of nine present do not make its quorum
    app.click("#cnc-tab-meetings").await;
    app.click("#cnc-meeting-new").await;
    app.wait_for_value("#cnc-meeting-date", &today()).await;
    app.type_into("#cnc-meeting-host", "陈书记").await;
    app.type_into("#cnc-meeting-expected", "9").await;
    app.choose("#cnc-meeting-quorum-rule", Some("two_thirds"))
        .await;
    app.choose("#cnc-meeting-pass-rule", Some("two_thirds"))
        .await;
    for who in ["陈书记", "林代表", "黄代表", "吴代表", "郑代表"] {
        app.type_into("#cnc-attendee-name", who).await;
        app.click("#cnc-attendee-add").await;
        app.wait_for_text("#cnc-meeting-attendees", who).await;
    }
    app.click("#cnc-meeting-save").await;
    app.wait_for_text("#cnc-meeting-quorum", "未达到法定人数")
        .await;
    app.wait_for_text("#cnc-meeting-rule", "三分之二以上到会")
        .await;
    app.screenshot("council-gaps-meeting-rule-zh").await;
    assert_eq!(
        one(
            &db,
            &format!(
                "SELECT quorum || '/' || pass_rule FROM council_meetings WHERE host = '陈书记'
                 AND date = '{}'",
                today()
            ),
        ),
        "two_thirds/two_thirds"
    );

    // the topic under this month's theme
    app.click("#nav-board").await;
    app.choose("#board-community", Some(&community.to_string()))
        .await;
    app.wait_for_text("#board-month", &today()[..7]).await;
    app.wait_for_text("#board-section-topics", "增设垃圾桶")
        .await;
    app.screenshot("council-gaps-theme-topics-zh").await;

    // a programme staffed by a volunteer and one of the station's people
    let person = one(
        &db,
        &format!("SELECT id FROM people WHERE community_id = '{community}' AND deleted = 0 ORDER BY id LIMIT 1"),
    );
    app.click("#nav-programmes").await;
    app.choose("#prog-community", Some(&community.to_string()))
        .await;
    app.click("#prog-new").await;
    app.wait_for("#prog-staff-hours-note").await;
    app.type_into("#prog-name", "周末学吧（党员辅导）").await;
    app.type_into("#prog-room", "党群服务中心三楼").await;
    app.set_field("#prog-term-start", &today()).await;
    app.click(&format!("#prog-staff-p-{person}")).await;
    app.wait_for(&format!("#prog-staff-days-p-{person}")).await;
    app.screenshot("council-gaps-programme-staff-zh").await;
    app.click("#prog-save").await;
    app.wait_for("#prog-back").await;
    let staff = one(
        &db,
        "SELECT staff FROM programmes WHERE name = '周末学吧（党员辅导）'",
    );
    assert!(staff.contains(&person), "{staff}");

    // in English
    app.click("#lang-switch").await;
    app.click("#nav-councils").await;
    app.click("#cnc-tab-meetings").await;
    app.wait_for("#cnc-meeting-list").await;
    app.screenshot("council-gaps-meetings-en").await;
    app.close().await;
}
