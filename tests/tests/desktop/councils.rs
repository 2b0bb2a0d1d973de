//! 议事 in the window (issue 20 items 2 and 5, h20council): a secretary of 北门社区 takes a
//! resident's suggestion at the desk and makes it a council topic, arranges this month's meeting
//! with its attendees, takes the topic through review, publication, the meeting's vote and its
//! resolution, turns the resolution into a request with an owner and a due date, and finds that
//! request on the 诉求 board; a vote before the topic is put to a meeting is not offered, and a
//! suggestion without its text is refused in a sentence. Screenshots in Chinese and English.

use std::time::Duration;

use linli_domain::calendar::add_days;
use linli_domain::Id;

use crate::desktop::support::{count, demo_db, one, today, Desktop};

#[tokio::test]
async fn a_suggestion_taken_to_a_council_topic_voted_and_its_request_on_the_board() {
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
    let owner = one(
        &db,
        &format!("SELECT id FROM people WHERE community_id = '{community}' ORDER BY id LIMIT 1"),
    );
    let app = Desktop::launch_home(&db).await;
    app.click("#nav-councils").await;
    app.choose("#cnc-community", Some(&community.to_string()))
        .await;

    // a suggestion at the desk; without its text it is refused in a sentence
    app.click("#cnc-sugg-new").await;
    app.type_into("#cnc-sugg-name", "王秀英").await;
    app.click("#cnc-sugg-save").await;
    app.wait_for_text("#cnc-bad", "建议内容").await;
    app.type_into("#cnc-sugg-text", "小区北门电动车乱停，挡住北门出口")
        .await;
    app.screenshot("councils-suggestion-zh").await;
    app.click("#cnc-sugg-save").await;
    app.wait_for_text("#cnc-sugg-list", "挡住北门出口").await;
    let suggestion = one(
        &db,
        "SELECT id FROM council_suggestions WHERE text LIKE '%挡住北门出口%'",
    );
    app.click(&format!("#cnc-handle-{suggestion}")).await;
    app.choose("#cnc-handle-action", Some("topic")).await;
    app.type_into("#cnc-handle-title", "北门电动车停放").await;
    app.choose("#cnc-handle-category", Some("parking")).await;
    app.click(&format!("#cnc-handle-save-{suggestion}")).await;
    app.wait_for_text("#cnc-sugg-list", "已转议题").await;
    app.screenshot("councils-suggestions-zh").await;
    let topic = one(
        &db,
        &format!("SELECT topic_id FROM council_suggestions WHERE id = '{suggestion}'"),
    );

    // this month's meeting, with six present of nine expected
    app.click("#cnc-tab-meetings").await;
    app.click("#cnc-meeting-new").await;
    // the date is today's by default (typing into WebKit's date field goes by its locale)
    app.wait_for_value("#cnc-meeting-date", &today()).await;
    app.type_into("#cnc-meeting-place", "党群服务中心议事厅")
        .await;
    app.type_into("#cnc-meeting-host", "陈书记").await;
    app.type_into("#cnc-meeting-expected", "9").await;
    for name in [
        "陈书记",
        "林代表",
        "黄代表",
        "吴代表",
        "郑代表",
        "物业刘经理",
    ] {
        app.type_into("#cnc-attendee-name", name).await;
        app.click("#cnc-attendee-add").await;
        app.wait_for_text("#cnc-meeting-attendees", name).await;
    }
    app.screenshot("councils-meeting-form-zh").await;
    app.click("#cnc-meeting-save").await;
    app.wait_for_text("#cnc-meeting-quorum", "达到法定人数")
        .await;
    let meeting = one(
        &db,
        &format!(
            "SELECT id FROM council_meetings WHERE host = '陈书记' AND date = '{}'",
            today()
        ),
    );

    // the topic, stage by stage
    app.click("#cnc-tab-topics").await;
    app.click(&format!("#cnc-topic-open-{topic}")).await;
    app.wait_for_text("#cnc-topic-state", "待审核").await;
    app.wait_for_value("#cnc-step", "review").await;
    app.click("#cnc-step-save").await;
    app.wait_for_text("#cnc-topic-state", "已立项").await;
    app.wait_for_value("#cnc-step", "publish").await;
    app.set_field("#cnc-step-until", &add_days(&today(), 7).unwrap())
        .await;
    app.click("#cnc-step-save").await;
    app.wait_for_text("#cnc-topic-state", "公示中").await;
    app.wait_for_value("#cnc-step", "schedule").await;
    app.choose("#cnc-step-meeting", Some(&meeting)).await;
    app.click("#cnc-step-save").await;
    app.wait_for_text("#cnc-topic-state", "待上会").await;
    app.wait_for_value("#cnc-step", "vote").await;
    app.type_into("#cnc-step-for", "5").await;
    app.type_into("#cnc-step-against", "1").await;
    app.type_into("#cnc-step-abstain", "0").await;
    app.click("#cnc-step-save").await;
    app.wait_for_text("#cnc-topic-state", "表决通过").await;
    app.wait_for_value("#cnc-step", "resolution").await;
    app.type_into("#cnc-step-note", "北门外侧施划电动车停放区，通道内禁停")
        .await;
    app.click("#cnc-step-save").await;
    app.wait_for_text("#cnc-topic-state", "决议已公布").await;
    app.wait_for_value("#cnc-step", "request").await;
    app.type_into("#cnc-req-title", "施划北门电动车停放区")
        .await;
    app.choose("#cnc-req-owner", Some(&owner)).await;
    let due = add_days(&today(), 14).unwrap();
    app.set_field("#cnc-req-due", &due).await;
    app.wait_for_value("#cnc-req-title", "施划北门电动车停放区")
        .await;
    app.wait_for_value("#cnc-req-due", &due).await;
    app.screenshot("councils-request-form-zh").await;
    app.click("#cnc-step-save").await;
    app.wait_for_text("#cnc-topic-requests", "施划北门电动车停放区")
        .await;
    app.wait_for_text("#cnc-topic-state", "落实中").await;
    app.wait_for_text("#cnc-topic-history", "赞成5").await;
    app.screenshot("councils-topic-zh").await;
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM council_topic_events WHERE topic_id = '{topic}'")
        ),
        6,
        "review, publish, schedule, vote, resolution, request"
    );

    // the request on the 诉求 board
    let task = one(
        &db,
        &format!(
            "SELECT task_id FROM council_topic_events WHERE topic_id = '{topic}' AND kind = 'request'"
        ),
    );
    app.click("#nav-tasks").await;
    app.choose("#community-picker", Some(&community.to_string()))
        .await;
    app.wait_for_text(
        &format!(".task-card[data-id='{task}']"),
        "施划北门电动车停放区",
    )
    .await;
    app.screenshot("councils-request-on-board-zh").await;

    // the meeting's record, in English too
    app.click("#nav-councils").await;
    app.click("#cnc-tab-meetings").await;
    app.click(&format!("#cnc-meeting-open-{meeting}")).await;
    app.wait_for_text("#cnc-meeting-agenda", "北门电动车停放")
        .await;
    app.screenshot("councils-meeting-zh").await;
    app.click("#lang-switch").await;
    app.wait_for_text("#cnc-meeting-quorum", "Quorate").await;
    app.screenshot("councils-meeting-en").await;
    app.click("#cnc-meeting-back").await;
    app.click("#cnc-tab-topics").await;
    app.wait_for_text("#cnc-topic-list", "being carried out")
        .await;
    app.screenshot("councils-topics-en").await;
    app.click("#cnc-tab-suggestions").await;
    app.wait_for_text("#cnc-sugg-list", "made a topic").await;
    app.screenshot("councils-suggestions-en").await;
    app.close().await;
}
