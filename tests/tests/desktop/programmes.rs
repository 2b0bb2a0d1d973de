//! 托管 in the window (issue 25 item 1, h25prog): at a community's 四点半学校 a child of the
//! register is enrolled with a guardian typed in, signed in at the desk with the big button and
//! signed out with the collecting guardian; then the same in English for a second child.
//! Screenshots of each screen (`programmes-*-zh`, `programmes-*-en`).

use std::time::Duration;

use linli_domain::calendar::add_days;
use linli_domain::programmes::ProgrammeKind;
use linli_domain::{Gender, Id};
use linli_protocol::*;

use crate::desktop::support::{count, demo_db, today, Desktop};

#[tokio::test]
async fn a_child_enrolled_signed_in_and_collected_by_a_guardian_in_both_languages() {
    let limit = Duration::from_secs(300);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

struct Plan {
    community: Id,
    programme: Id,
}

/// A community, a programme open every day all day (so the desk works whenever the test runs)
/// and two children of the register not yet enrolled.
fn plan(db: &std::path::Path) -> Plan {
    let mut s = linli_store::Store::open(db).unwrap();
    let conn = linli_store::connect(db).unwrap();
    let (community, household): (String, String) = conn
        .query_row(
            "SELECT h.community_id, h.id FROM households h JOIN places p ON p.id = h.community_id
             WHERE h.deleted = 0 ORDER BY p.name, h.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let community: Id = community.parse().unwrap();
    let household: Id = household.parse().unwrap();
    let birth = add_days(&today(), -9 * 365).unwrap();
    for name in ["欧阳晓晨", "欧阳晓雨"] {
        s.add_resident(&AddResident {
            household_id: household,
            fields: ResidentFields {
                name: name.into(),
                gender: Some(Gender::Female),
                birth_date: Some(birth.clone()),
                relation: "孙女".into(),
                ..ResidentFields::default()
            },
        })
        .unwrap();
    }
    // the worker at this laptop (if one is chosen) staffs the programme, so sees the children
    let me = s.get_me(&GetMe {}).unwrap().person.map(|p| p.id);
    let programme = s
        .add_programme(&AddProgramme {
            fields: ProgrammeFields {
                community_id: community,
                kind: ProgrammeKind::AfterSchool,
                name: "测试四点半学校".into(),
                place_id: None,
                room: "二楼活动室".into(),
                weekdays: "1234567".into(),
                opens: "00:00".into(),
                closes: "23:59".into(),
                term_start: add_days(&today(), -30).unwrap(),
                term_end: String::new(),
                capacity: 20,
                age_min: 6,
                age_max: 12,
                staff: me
                    .map(|p| StaffFields {
                        volunteer_id: None,
                        person_id: Some(p),
                        weekdays: String::new(),
                    })
                    .into_iter()
                    .collect(),
                note: String::new(),
            },
        })
        .unwrap()
        .id;
    Plan {
        community,
        programme,
    }
}

fn enrolment_of(db: &std::path::Path, name: &str) -> String {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT e.id FROM programme_enrolments e JOIN residents r ON r.id = e.resident_id
         WHERE r.name = ?1",
        [name],
        |r| r.get(0),
    )
    .unwrap()
}

/// Enrols `child` with `guardian`, signs them in and out with that guardian; `lang` names the
/// screenshots.
async fn enrol_and_collect(app: &Desktop, db: &std::path::Path, p: &Plan, child: &str, lang: &str) {
    app.click(&format!("#prog-open-{}", p.programme)).await;
    app.wait_for("#prog-enrol").await;
    app.type_into("#prog-child-search", child).await;
    let hit = app.wait_for_text("#prog-child-hits", child).await;
    assert!(hit.contains(child), "{hit}");
    app.click("#prog-child-hits button").await;
    app.wait_for_text("#prog-child-chosen", child).await;
    app.type_into("#prog-guardian-name-0", "李娜").await;
    app.type_into("#prog-guardian-relation-0", "母亲").await;
    app.type_into("#prog-guardian-phone-0", "13812345678").await;
    app.screenshot(&format!("programmes-enrol-{lang}")).await;
    app.click("#prog-enrol-save").await;
    app.wait_for_text("#prog-enrolled", child).await;
    app.wait_for_text("#prog-roster", "138****5678").await;
    app.screenshot(&format!("programmes-roster-{lang}")).await;
    let e = enrolment_of(db, child);

    app.click("#prog-tab-desk").await;
    app.click(&format!("#prog-in-{e}")).await;
    app.click(&format!("#prog-out-{e}")).await;
    app.wait_for(&format!("#prog-out-panel-{e}")).await;
    app.screenshot(&format!("programmes-desk-{lang}")).await;
    app.click(&format!("#prog-guardian-{e}-0")).await;
    let by = app.wait_for_text(&format!("#prog-by-{e}"), "李娜").await;
    assert!(by.contains("母亲"), "{by}");
    app.screenshot(&format!("programmes-collected-{lang}"))
        .await;
    assert_eq!(
        count(
            db,
            &format!(
                "SELECT count(*) FROM programme_attendance WHERE enrolment_id = '{e}'
                 AND (act = 'in' OR (act = 'out' AND collector = 'guardian'))"
            )
        ),
        2
    );
    app.click("#prog-back").await;
}

async fn scenario() {
    let (_dir, db) = demo_db();
    let p = plan(&db);
    let app = Desktop::launch_home(&db).await;
    app.click("#nav-programmes").await;
    app.choose("#prog-community", Some(&p.community.to_string()))
        .await;
    app.wait_for_text("#prog-list", "测试四点半学校").await;
    app.screenshot("programmes-list-zh").await;
    enrol_and_collect(&app, &db, &p, "欧阳晓晨", "zh").await;

    app.click("#lang-switch").await;
    app.wait_for_text("#prog-list", "Enrolled / places").await;
    app.screenshot("programmes-list-en").await;
    enrol_and_collect(&app, &db, &p, "欧阳晓雨", "en").await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM programme_enrolments WHERE state = 'enrolled'
                 AND programme_id = '{}'",
                p.programme
            )
        ),
        2
    );
    app.close().await;
}
