//! 巡防 in the window (issue 25 item 2, h25patrol): a team of the community with its 片警 and a
//! rota whose past slots were missed; the coordinator sees the missed slots on 排班, logs one of
//! them with a finding, and makes the finding a request in one step from 巡防记录, choosing its
//! owner (the request is dispatched to them: checked in the database); then the same in English
//! for the other missed slot, with no owner (the request waits, undispatched). Screenshots of each screen (`patrols-*-zh`,
//! `patrols-*-en`).

use std::time::Duration;

use linli_domain::calendar::add_days;
use linli_domain::patrols::MemberRole;
use linli_domain::Id;
use linli_protocol::*;

use crate::desktop::support::{count, demo_db, one, today, Desktop};

#[tokio::test]
async fn log_a_patrol_with_a_finding_that_becomes_a_request() {
    let limit = Duration::from_secs(300);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

struct Plan {
    community: Id,
    /// a person of the community, to own the first request
    owner: String,
    /// two missed slots, three and two days ago
    slots: [Id; 2],
}

/// A community's own test team with a resident-less pair (the 片警 and a guard) and a rota on
/// every weekday of the last three days (two slots past and missed, whatever the hour).
fn plan(db: &std::path::Path) -> Plan {
    let mut s = linli_store::Store::open(db).unwrap();
    let conn = linli_store::connect(db).unwrap();
    let community: String = conn
        .query_row(
            "SELECT id FROM places WHERE kind = 'community' AND deleted = 0 ORDER BY name, id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let owner: String = conn
        .query_row(
            "SELECT id FROM people WHERE community_id = ?1 AND deleted = 0 ORDER BY name, id LIMIT 1",
            [&community],
            |r| r.get(0),
        )
        .unwrap();
    let community: Id = community.parse().unwrap();
    let team = s
        .save_patrol_team(&SavePatrolTeam {
            id: None,
            fields: PatrolTeamFields {
                community_id: community,
                name: "测试巡防队".into(),
                area: "南门—北门".into(),
                note: String::new(),
            },
        })
        .unwrap()
        .id;
    let mut members = Vec::new();
    for (name, role) in [
        ("赵警官", MemberRole::Police),
        ("孙师傅", MemberRole::Guard),
    ] {
        let t = s
            .save_patrol_member(&SavePatrolMember {
                id: None,
                team_id: team,
                resident_id: None,
                name: name.into(),
                phone: "13905910110".into(),
                role,
            })
            .unwrap();
        members.push(t.members.iter().find(|m| m.name == name).unwrap().id);
    }
    let made = s
        .generate_patrol_rota(&GeneratePatrolRota {
            team_id: team,
            weekdays: "1234567".into(),
            starts: "08:00".into(),
            ends: "09:00".into(),
            from: add_days(&today(), -3).unwrap(),
            to: add_days(&today(), -2).unwrap(),
            members,
        })
        .unwrap();
    assert_eq!(made.len(), 2);
    Plan {
        community,
        owner,
        slots: [made[0].id, made[1].id],
    }
}

fn finding_of(db: &std::path::Path, description: &str) -> String {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT id FROM patrol_findings WHERE description = ?1",
        [description],
        |r| r.get(0),
    )
    .unwrap()
}

/// Logs the missed `slot` from 排班 with a finding, then makes it a request from 巡防记录, for
/// `owner` (a person's id) when one is given.
async fn log_and_request(
    app: &Desktop,
    db: &std::path::Path,
    (slot, owner): (Id, Option<&str>),
    finding: &str,
    lang: &str,
) {
    app.click("#patrol-tab-rota").await;
    app.wait_for(&format!("#patrol-missed #patrol-slot-log-{slot}"))
        .await;
    app.screenshot(&format!("patrols-rota-{lang}")).await;
    app.click(&format!("#patrol-missed #patrol-slot-log-{slot}"))
        .await;
    app.wait_for_value("#patrol-log-slot", &slot.to_string())
        .await;
    app.click("#patrol-add-finding").await;
    app.type_into("#patrol-finding-place-0", "5号楼").await;
    app.type_into("#patrol-finding-description-0", finding)
        .await;
    app.screenshot(&format!("patrols-log-form-{lang}")).await;
    app.click("#patrol-log-save").await;
    app.wait_for_text("#patrol-logs", finding).await;
    let f = finding_of(db, finding);
    app.click(&format!("#patrol-make-request-{f}")).await;
    app.wait_for(&format!("#patrol-request-form-{f}")).await;
    if let Some(owner) = owner {
        app.choose("#patrol-request-owner", Some(owner)).await;
        app.wait_for_value("#patrol-request-owner", owner).await;
        app.screenshot(&format!("patrols-request-owner-{lang}"))
            .await;
    }
    app.click("#patrol-request-go").await;
    let shown = app
        .wait_for_text(&format!("#patrol-request-{f}"), finding)
        .await;
    assert!(shown.contains("5号楼"), "{shown}");
    app.screenshot(&format!("patrols-logs-{lang}")).await;
    assert_eq!(
        count(
            db,
            &format!(
                "SELECT count(*) FROM patrol_findings f JOIN tasks t ON t.id = f.task_id
                 WHERE f.id = '{f}'"
            )
        ),
        1
    );
    // dispatched to the owner chosen, or not dispatched at all
    let dispatched = format!(
        "FROM task_events e JOIN patrol_findings f ON f.task_id = e.task_id
         WHERE f.id = '{f}' AND e.kind = 'dispatched'"
    );
    match owner {
        Some(owner) => assert_eq!(
            one(db, &format!("SELECT e.assignee_id {dispatched}")),
            owner,
            "the request's owner"
        ),
        None => assert_eq!(count(db, &format!("SELECT count(*) {dispatched}")), 0),
    }
}

async fn scenario() {
    let (_dir, db) = demo_db();
    let p = plan(&db);
    let app = Desktop::launch_home(&db).await;
    app.click("#nav-patrols").await;
    app.choose("#patrol-community", Some(&p.community.to_string()))
        .await;
    app.click("#patrol-tab-teams").await;
    app.wait_for_text(".patrol-teams", "赵警官").await;
    let teams = app.text(".patrol-teams").await;
    assert!(
        teams.contains("片警") && teams.contains("139****0110"),
        "{teams}"
    );
    app.screenshot("patrols-teams-zh").await;
    log_and_request(
        &app,
        &db,
        (p.slots[0], Some(&p.owner)),
        "楼道堆放纸箱，堵塞消防通道",
        "zh",
    )
    .await;

    app.click("#lang-switch").await;
    app.wait_for_text("#patrol-tab-rota", "Rota").await;
    log_and_request(&app, &db, (p.slots[1], None), "路灯不亮", "en").await;
    app.click("#patrol-tab-teams").await;
    app.wait_for_text(".patrol-teams", "community police officer")
        .await;
    app.screenshot("patrols-teams-en").await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM patrol_logs WHERE slot_id IN ('{}', '{}')",
                p.slots[0], p.slots[1]
            )
        ),
        2
    );
    app.close().await;
}
