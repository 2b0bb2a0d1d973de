//! The volunteer desk in the window (issue 15, item 1), once per language on the demo town: a
//! coordinator creates an activity (a wrong form first says what is wrong), signs three volunteers
//! up and marks them present, credits 2, 2 and 3 hours; her own entries cannot be verified by her;
//! a second coordinator (the community's admin, chosen in 设置) approves two and rejects one; a
//! points figure opens its rule and arithmetic; redemption stays disabled until exactly one
//! volunteer is ticked, and deducts only after the confirmation shows the balance before and after.
//! Then the tab and the ticked volunteers are still there after visiting another page. Screenshots:
//! `desk-<n>-<step>-<zh|en>.png`.

use fantoccini::key::Key;

use crate::desktop::support::{count, demo_db, Desktop};

/// The walk's cast from the demo town: a community with a volunteer coordinator and an admin,
/// three of its volunteers, and its cheapest catalogue item.
struct Cast {
    community: String,
    coordinator: (String, String),
    second: (String, String),
    volunteers: Vec<(String, String)>,
}

fn cast(db: &std::path::Path) -> Cast {
    let conn = linli_store::connect(db).unwrap();
    let person = |role: &str, community: Option<&str>| -> (String, String, String) {
        conn.query_row(
            "SELECT p.id, p.name, p.community_id FROM people p
             WHERE p.deleted = 0 AND p.roles LIKE ?1 AND (?2 IS NULL OR p.community_id = ?2)
               AND (SELECT count(*) FROM volunteers v WHERE v.community_id = p.community_id) >= 3
               AND EXISTS (SELECT 1 FROM catalogue_items c WHERE c.community_id = p.community_id)
             ORDER BY p.community_id, p.id LIMIT 1",
            rusqlite::params![format!("%\"{role}\"%"), community],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap_or_else(|e| panic!("the demo town has a {role}: {e}"))
    };
    let (cid, cname, community) = person("volunteer_coordinator", None);
    let (sid, sname, _) = person("admin", Some(&community));
    let volunteers = conn
        .prepare(
            "SELECT id, name FROM volunteers WHERE community_id = ?1 AND deleted = 0
             ORDER BY name, id LIMIT 3",
        )
        .unwrap()
        .query_map([&community], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    Cast {
        community,
        coordinator: (cid, cname),
        second: (sid, sname),
        volunteers,
    }
}

/// Replaces what a field holds as a user does: select all, type over it.
async fn type_over(app: &Desktop, css: &str, text: &str) {
    let el = app.wait_for(css).await;
    el.click().await.unwrap();
    el.send_keys(&format!(
        "{}a{}{}{text}",
        Key::Control,
        Key::Control,
        Key::Backspace
    ))
    .await
    .unwrap_or_else(|e| panic!("type over {css}: {e}"));
    app.wait_for_value(css, text).await;
}

async fn be(app: &Desktop, community: &str, person: &str) {
    app.choose("#community-picker", Some(community)).await;
    app.wait_for(&format!("#me-person option[value='{person}']"))
        .await;
    app.choose("#me-person", Some(person)).await;
    app.click("#me-save").await;
}

/// Waits until the page says `text` in its notice; an error it says instead fails the test
/// with the error's words.
async fn said(app: &Desktop, text: &str) {
    let started = std::time::Instant::now();
    loop {
        if let Ok(el) = app
            .client
            .find(fantoccini::Locator::Css("#vol-notice"))
            .await
        {
            if el.text().await.is_ok_and(|t| t.contains(text)) {
                return;
            }
        }
        if let Ok(el) = app
            .client
            .find(fantoccini::Locator::Css("#vol-error"))
            .await
        {
            panic!("waiting for {text:?}, the page said {:?}", el.text().await);
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the page never said {text:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Scrolls the element into the middle of the window, for a screenshot of it.
async fn show(app: &Desktop, css: &str) {
    app.wait_for(css).await;
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
}

/// Whether the element is disabled.
async fn disabled(app: &Desktop, css: &str) -> bool {
    app.wait_for(css)
        .await
        .prop("disabled")
        .await
        .unwrap()
        .is_some_and(|v| v == "true")
}

/// The words the walk waits for, in one language.
struct Words {
    lang: &'static str,
    title: &'static str,
    err_title: &'static str,
    saved: &'static str,
    signed_three: &'static str,
    credited: &'static str,
    own: &'static str,
    approved: &'static str,
    rejected: &'static str,
    reason: &'static str,
    err_reason: &'static str,
    present: &'static str,
    calc: &'static str,
    why_many: &'static str,
    before_after: fn(i64, i64) -> String,
    redeemed: &'static str,
    selected_one: &'static str,
    team: &'static str,
    item: &'static str,
}

const ZH: Words = Words {
    lang: "zh",
    title: "周六义诊",
    err_title: "请填写活动名称",
    saved: "已保存",
    signed_three: "已报名 3 人（限 10 人）",
    credited: "已为 3 位志愿者登记共 7 小时",
    own: "您本人登记的",
    approved: "已审核通过",
    rejected: "已退回 1 条记录",
    reason: "当天未到场",
    err_reason: "请填写退回原因",
    present: "已记到场",
    calc: "小时 × 每小时",
    why_many: "现已勾选 2 位",
    before_after: |b, a| format!("余额 {b} 分 → 兑换后 {a} 分"),
    redeemed: "已兑换",
    selected_one: "已选 1 位",
    team: "周末课业辅导队",
    item: "保温杯",
};

const EN: Words = Words {
    lang: "en",
    title: "Saturday clinic",
    err_title: "Enter a title",
    saved: "Saved:",
    signed_three: "3 signed up (limit 10)",
    credited: "Credited 7 hours to 3 volunteers",
    own: "You credited this",
    approved: "Approved:",
    rejected: "Rejected 1 entry",
    reason: "did not come",
    err_reason: "Enter a reason for rejecting",
    present: "marked present",
    calc: "points an hour =",
    why_many: "2 are ticked",
    before_after: |b, a| format!("Balance {b} points → {a} points after"),
    redeemed: "Redeemed",
    selected_one: "1 of",
    team: "Weekend tutors",
    item: "Thermos",
};

fn balance(db: &std::path::Path, volunteer: &str) -> i64 {
    linli_store::Store::open(db)
        .unwrap()
        .points_balance(&linli_protocol::PointsBalance {
            volunteer_id: volunteer.parse().unwrap(),
        })
        .unwrap()
        .balance
}

async fn walk(w: &Words) {
    let (_dir, db) = demo_db();
    let c = cast(&db);
    let shot = |n: u8, step: &str| format!("desk-{n}-{step}-{}", w.lang);
    let today = linli_store::Store::open(&db)
        .unwrap()
        .get_me(&linli_protocol::GetMe {})
        .unwrap()
        .today;
    let app = Desktop::launch_home(&db).await;
    app.wait_for("#page-home").await;
    if w.lang == "en" {
        app.click("#lang-switch").await;
        app.wait_for_text("#nav-home", "Home").await;
    }
    // the coordinator says who she is
    be(&app, &c.community, &c.coordinator.0).await;
    app.wait_for_text("#topbar-me", &c.coordinator.1).await;

    // 1. a new activity; a form missing its title says so and makes nothing
    app.click("#nav-volunteers").await;
    app.choose("#vol-community", Some(&c.community)).await;
    app.click("#tab-activities").await;
    app.wait_for("#activity-form").await;
    let activities_before = count(&db, "SELECT count(*) FROM activities");
    type_over(&app, "#af-time", "9:00").await;
    type_over(&app, "#af-place", "社区广场").await;
    type_over(&app, "#af-capacity", "10").await;
    app.click("#af-save").await;
    app.wait_for_text(
        "#activity-form .field-error[data-for='af-title']",
        w.err_title,
    )
    .await;
    app.screenshot(&shot(1, "activity-form-wrong")).await;
    assert_eq!(
        count(&db, "SELECT count(*) FROM activities"),
        activities_before
    );
    type_over(&app, "#af-title", w.title).await;
    type_over(&app, "#af-date", &today).await;
    type_over(&app, "#af-hours", "2").await;
    app.click("#af-save").await;
    said(&app, w.saved).await;
    let (activity, time, capacity): (String, String, Option<i64>) = linli_store::connect(&db)
        .unwrap()
        .query_row(
            "SELECT id, start_time, capacity FROM activities WHERE title = ?1",
            [w.title],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((time.as_str(), capacity), ("09:00", Some(10)));

    // 2. three volunteers sign up and come
    app.wait_for_value("#act-pick", &activity).await;
    for (id, name) in &c.volunteers {
        app.click(&format!(".roster-row[data-id='{id}'] .signup-btn"))
            .await;
        said(&app, name).await;
        app.wait_for(&format!(".roster-row[data-id='{id}'] .present-btn"))
            .await;
        app.click(&format!(".roster-row[data-id='{id}'] .present-btn"))
            .await;
        said(&app, &format!("{name} {}", w.present)).await;
    }
    app.wait_for_text("#act-signups", w.signed_three).await;
    show(&app, "#act-signups").await;
    app.screenshot(&shot(2, "roster")).await;

    // 3. 2, 2 and 3 hours: the activity's 2 by default, the third changed
    app.click("#tab-overview").await;
    app.wait_for_value("#vol-activity", &activity).await;
    for (id, _) in &c.volunteers {
        app.click(&format!(".vol-pick[data-id='{id}']")).await;
    }
    let third = &c.volunteers[2].0;
    app.wait_for_value(&format!(".credit-hours[data-id='{third}']"), "2")
        .await;
    type_over(&app, &format!(".credit-hours[data-id='{third}']"), "3").await;
    app.screenshot(&shot(3, "credit-each")).await;
    app.click("#vol-credit").await;
    said(&app, w.credited).await;
    let minutes: Vec<i64> = linli_store::connect(&db)
        .unwrap()
        .prepare(
            "SELECT minutes FROM service_hours WHERE activity_id = ?1 AND credited_by = ?2
             ORDER BY minutes",
        )
        .unwrap()
        .query_map([&activity, &c.coordinator.0], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        minutes,
        [120, 120, 180],
        "credited by her, 2, 2 and 3 hours"
    );
    let entry_of = |volunteer: &str| -> String {
        linli_store::connect(&db)
            .unwrap()
            .query_row(
                "SELECT id FROM service_hours WHERE activity_id = ?1 AND volunteer_id = ?2",
                [&activity, volunteer],
                |r| r.get(0),
            )
            .unwrap()
    };
    let entries: Vec<String> = c.volunteers.iter().map(|(v, _)| entry_of(v)).collect();
    // her own entries are marked: she cannot verify them
    for e in &entries {
        app.wait_for_text(&format!(".pending-row[data-id='{e}'] .own-entry"), w.own)
            .await;
    }
    show(&app, "#vol-pending").await;
    app.screenshot(&shot(4, "own-entries")).await;

    // 4. the second coordinator takes over the laptop in 设置
    app.click("#nav-settings").await;
    be(&app, &c.community, &c.second.0).await;
    app.wait_for_text("#topbar-me", &c.second.1).await;
    app.click("#nav-volunteers").await;
    // the tab and the ticked volunteers were kept
    app.wait_for_text(
        ".volunteers .count",
        if w.lang == "zh" {
            "已选 3 位"
        } else {
            "3 of"
        },
    )
    .await;
    for e in &entries {
        app.wait_for_text(
            &format!(".pending-row[data-id='{e}'] .credited-by"),
            &c.coordinator.1,
        )
        .await;
    }
    show(&app, "#vol-pending").await;
    app.screenshot(&shot(5, "pending")).await;
    let before: Vec<i64> = c.volunteers.iter().map(|(v, _)| balance(&db, v)).collect();
    for e in &entries[..2] {
        app.click(&format!(".pending-row[data-id='{e}'] .approve-btn"))
            .await;
        wait_gone(&app, &format!(".pending-row[data-id='{e}']")).await;
        said(&app, w.approved).await;
    }
    let last = &entries[2];
    app.click(&format!(".pending-row[data-id='{last}'] .reject-btn"))
        .await;
    app.click("#reject-ok").await;
    app.wait_for_text(".reject-row .field-error", w.err_reason)
        .await;
    type_over(&app, "#reject-reason", w.reason).await;
    app.screenshot(&shot(6, "reject")).await;
    app.click("#reject-ok").await;
    said(&app, w.rejected).await;
    wait_gone(&app, &format!(".pending-row[data-id='{last}']")).await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM hour_verifications WHERE verified_by = '{}'
                 AND entry_id IN ('{}', '{}')",
                c.second.0, entries[0], entries[1]
            )
        ),
        2
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM hour_rejections WHERE entry_id = '{last}'
                 AND rejected_by = '{}' AND reason = '{}'",
                c.second.0, w.reason
            )
        ),
        1
    );
    let after: Vec<i64> = c.volunteers.iter().map(|(v, _)| balance(&db, v)).collect();
    assert!(
        after[0] > before[0] && after[1] > before[1],
        "{before:?} → {after:?}"
    );
    assert_eq!(after[2], before[2], "the rejected entry earned nothing");

    // 5. a balance opens the rules and its entries; an entry's points open their arithmetic
    let (first, rejected_one) = (&c.volunteers[0].0, &c.volunteers[2].0);
    app.click(&format!(".vol-pick[data-id='{rejected_one}']"))
        .await;
    app.click(&format!(".balance-why[data-id='{first}']")).await;
    app.wait_for("#points-rules").await;
    let earned = format!("#points-entries tr[data-id='{}'] .entry-points", entries[0]);
    app.wait_for(&earned).await;
    show(&app, "#points-why").await;
    app.screenshot(&shot(7, "why-balance")).await;
    app.click(&earned).await;
    app.wait_for_text("#points-calc", w.calc).await;
    app.wait_for("#points-reason").await;
    show(&app, "#points-why").await;
    app.screenshot(&shot(8, "why-entry")).await;
    app.click("#points-why-close").await;
    wait_gone(&app, "#points-why").await;

    // 6. redemption: two ticked → disabled, saying why; one → a confirmation, then it deducts
    app.wait_for_text(
        ".volunteers .count",
        if w.lang == "zh" {
            "已选 2 位"
        } else {
            "2 of"
        },
    )
    .await;
    app.wait_for_text("#vol-redeem-why", w.why_many).await;
    assert!(
        disabled(&app, "#vol-redeem").await,
        "disabled with two ticked"
    );
    show(&app, "#redeem-form").await;
    app.screenshot(&shot(9, "redeem-two-ticked")).await;
    let second = &c.volunteers[1].0;
    app.click(&format!(".vol-pick[data-id='{second}']")).await;
    app.wait_for_text(".volunteers .count", w.selected_one)
        .await;
    assert!(
        !disabled(&app, "#vol-redeem").await,
        "enabled with one ticked"
    );
    let (item, cost): (String, i64) = linli_store::connect(&db)
        .unwrap()
        .query_row(
            "SELECT id, cost FROM catalogue_items WHERE community_id = ?1 AND deleted = 0
             AND (kind = 'class_hours' OR (SELECT coalesce(sum(delta), 0) FROM stock_moves m
                  WHERE m.item_id = catalogue_items.id) > 0)
             ORDER BY cost LIMIT 1",
            [&c.community],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let held = balance(&db, first);
    assert!(
        cost <= held,
        "the cheapest item ({cost}) is within {held} points"
    );
    let ledger_before = count(&db, "SELECT count(*) FROM ledger WHERE kind = 'redeem'");
    app.choose("#vol-item", Some(&item)).await;
    app.click("#vol-redeem").await;
    app.wait_for_text("#vol-redeem-balance", &(w.before_after)(held, held - cost))
        .await;
    assert_eq!(
        count(&db, "SELECT count(*) FROM ledger WHERE kind = 'redeem'"),
        ledger_before,
        "nothing is deducted before the confirmation"
    );
    show(&app, "#vol-redeem-confirm").await;
    app.screenshot(&shot(10, "redeem-confirm")).await;
    app.click("#vol-redeem-ok").await;
    said(&app, w.redeemed).await;
    assert_eq!(balance(&db, first), held - cost);
    app.screenshot(&shot(11, "redeemed")).await;

    // 7. a volunteer from the register: a form without a name says so; a resident found by
    // name is linked and registered
    let (resident, resident_name): (String, String) = linli_store::connect(&db)
        .unwrap()
        .query_row(
            "SELECT r.id, r.name FROM residents r WHERE r.community_id = ?1 AND r.deleted = 0
               AND r.moved_out IS NULL
               AND NOT EXISTS (SELECT 1 FROM volunteers v WHERE v.resident_id = r.id)
               AND (SELECT count(*) FROM residents x WHERE x.name = r.name) = 1
             ORDER BY r.id LIMIT 1",
            [&c.community],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    app.click("#tab-people").await;
    app.click("#vf-save").await;
    app.wait_for("#volunteer-form .field-error[data-for='vf-name']")
        .await;
    app.screenshot(&shot(12, "people-wrong")).await;
    type_over(&app, "#vf-resident-q", &resident_name).await;
    app.click("#vf-resident-find").await;
    app.click(&format!(".vf-hit[data-id='{resident}']")).await;
    app.wait_for_text("#vf-linked", &resident_name).await;
    type_over(&app, "#vf-availability", "周末上午").await;
    app.screenshot(&shot(13, "people-resident")).await;
    app.click("#vf-save").await;
    said(&app, &resident_name).await;
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM volunteers WHERE resident_id = '{resident}'")
        ),
        1
    );

    // 8. a team of one of the six kinds; a catalogue item added and restocked
    app.click("#tab-teams").await;
    app.choose("#team-kind", Some("tutoring")).await;
    type_over(&app, "#team-name", w.team).await;
    app.click("#team-save").await;
    said(&app, w.team).await;
    show(&app, &format!(".team-card[data-name='{}']", w.team)).await;
    app.screenshot(&shot(14, "teams")).await;
    app.click("#tab-items").await;
    type_over(&app, "#if-name", w.item).await;
    type_over(&app, "#if-cost", "abc").await;
    app.click("#if-save").await;
    app.wait_for("#item-form .field-error[data-for='if-cost']")
        .await;
    type_over(&app, "#if-cost", "30").await;
    type_over(&app, "#if-stock", "5").await;
    app.click("#if-save").await;
    said(&app, w.item).await;
    let row = format!(".item-row[data-name='{}']", w.item);
    type_over(&app, &format!("{row} .restock-qty"), "3").await;
    app.click(&format!("{row} .restock-btn")).await;
    app.wait_for_text(&format!("{row} .item-stock"), "8").await;
    show(&app, &row).await;
    app.screenshot(&shot(15, "items")).await;
    app.close().await;
}

/// Waits (up to 10 s) until nothing matches `css`.
async fn wait_gone(app: &Desktop, css: &str) {
    let started = std::time::Instant::now();
    while app.client.find(fantoccini::Locator::Css(css)).await.is_ok() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{css} never went away"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

const LIMIT: std::time::Duration = std::time::Duration::from_secs(240);

#[tokio::test]
async fn a_coordinator_runs_an_activity_from_creation_to_redemption_in_chinese() {
    tokio::time::timeout(LIMIT, walk(&ZH))
        .await
        .expect("the walk finished in time");
}

#[tokio::test]
async fn a_coordinator_runs_an_activity_from_creation_to_redemption_in_english() {
    tokio::time::timeout(LIMIT, walk(&EN))
        .await
        .expect("the walk finished in time");
}
