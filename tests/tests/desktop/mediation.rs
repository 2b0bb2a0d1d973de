//! 调解 in the window (issue 20 item 1, h20med): a mediator of 北门社区 registers a neighbours'
//! dispute between two parties, records the 告知 and a session, a written agreement with how and
//! by when it is carried out, and prints the agreement (协议书) with its signature lines; a
//! session before 告知 is refused with the catalogue's sentence. Screenshots of each screen.

use std::time::Duration;

use linli_domain::calendar::add_days;
use linli_domain::volunteers::TeamKind;
use linli_domain::Id;
use linli_protocol::*;

use crate::desktop::support::{count, demo_db, Desktop};

#[tokio::test]
async fn a_neighbours_dispute_registered_mediated_and_its_agreement_printed() {
    let limit = Duration::from_secs(240);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

/// The case this test registers (the demo town has a year of its own).
const THIS: &str =
    "SELECT id FROM mediation_cases WHERE brief LIKE '楼上卫生间漏水，楼下天花板受损%'";

pub(crate) use crate::desktop::support::today;

/// 北门社区 and one member of its mediation team (made if the demo has none).
pub(crate) fn plan(db: &std::path::Path) -> (Id, Id) {
    let mut s = linli_store::Store::open(db).unwrap();
    let conn = linli_store::connect(db).unwrap();
    let community: Id = conn
        .query_row(
            "SELECT id FROM places WHERE kind = 'community' AND name = '北门社区'",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .parse()
        .unwrap();
    let team = s
        .list_mediators(&ListMediators {
            community_id: community,
        })
        .unwrap();
    if let Some(m) = team.first() {
        return (community, m.id);
    }
    let team = s
        .add_team(&AddTeam {
            community_id: community,
            kind: TeamKind::Mediation,
            name: "北门调解队".into(),
        })
        .unwrap()
        .id;
    let v = s
        .add_volunteer(&AddVolunteer {
            community_id: community,
            resident_id: None,
            name: "林调解".into(),
            phone: None,
            skills: vec![],
            availability: String::new(),
        })
        .unwrap()
        .id;
    s.set_team_member(&SetTeamMember {
        team_id: team,
        volunteer_id: v,
        leader: false,
        remove: false,
    })
    .unwrap();
    (community, v)
}

async fn scenario() {
    let (_dir, db) = demo_db();
    let (community, mediator) = plan(&db);
    let app = Desktop::launch_home(&db).await;
    app.click("#nav-mediation").await;
    app.choose("#med-community", Some(&community.to_string()))
        .await;
    app.click("#med-new").await;
    app.wait_for("#med-register").await;
    app.choose("#med-kind", Some("neighbours")).await;
    app.type_into(
        "#med-brief",
        "楼上卫生间漏水，楼下天花板受损，双方就赔偿争执",
    )
    .await;
    app.click(&format!("#med-mediator-{mediator}")).await;
    app.type_into("#med-party-0-name", "王秀英").await;
    app.type_into("#med-party-0-age", "56").await;
    app.type_into("#med-party-0-phone", "13812345678").await;
    app.type_into("#med-party-1-name", "赵建国").await;
    app.type_into("#med-party-1-unit", "城关装修队").await;
    app.screenshot("mediation-register-zh").await;
    app.click("#med-register-submit").await;
    let number = app.wait_for_text("#med-case-number", "人调字第").await;
    assert!(number.starts_with('（'), "{number}");
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM mediation_parties WHERE case_id = ({THIS})")
        ),
        2,
        "both parties registered"
    );

    // a session before 告知 is refused in a sentence
    app.choose("#med-step-kind", Some("session")).await;
    app.type_into("#med-step-time", "09:30").await;
    app.type_into("#med-step-place", "社区调解室").await;
    app.type_into("#med-step-present", "王秀英、赵建国、调解员")
        .await;
    app.type_into("#med-step-text", "双方陈述").await;
    app.click("#med-step-save").await;
    app.wait_for_text("#med-step-error", "告知").await;

    app.choose("#med-step-kind", Some("notice")).await;
    app.click("#med-step-save").await;
    app.wait_for_text("#med-events", "权利义务告知").await;

    // the form now offers a session
    app.wait_for_value("#med-step-kind", "session").await;
    app.type_into("#med-step-time", "09:30").await;
    app.type_into("#med-step-place", "社区调解室").await;
    app.type_into("#med-step-present", "王秀英、赵建国、调解员")
        .await;
    app.type_into("#med-step-text", "双方陈述，查看漏水处，赵建国同意修复")
        .await;
    app.click("#med-step-save").await;
    app.wait_for_text("#med-events", "社区调解室").await;

    let by = add_days(&today(), 10).unwrap();
    app.choose("#med-step-kind", Some("outcome")).await;
    app.choose("#med-step-outcome", Some("written")).await;
    app.type_into("#med-step-text", "赵建国修复防水层并赔偿王秀英800元")
        .await;
    app.type_into("#med-step-carry-how", "现金一次付清").await;
    app.type_into("#med-step-carry-where", "社区调解室").await;
    app.type_into("#med-step-carry-by", &by).await;
    app.screenshot("mediation-outcome-zh").await;
    app.click("#med-step-save").await;
    app.wait_for_text("#med-case-state", "调解成功").await;
    app.screenshot("mediation-case-zh").await;

    app.click("#med-print-agreement").await;
    let paper = app
        .wait_for_text("#med-paper-agreement", "赔偿王秀英800元")
        .await;
    assert!(paper.contains("人民调解协议书"), "{paper}");
    assert!(paper.contains("申请人（签名）"), "{paper}");
    assert!(paper.contains("被申请人（签名）"), "{paper}");
    assert!(paper.contains(&by), "{paper}");
    assert!(paper.contains(&number), "{paper}");
    app.screenshot("mediation-agreement-zh").await;
    app.click("#med-paper-back").await;
    app.click("#med-back").await;
    app.wait_for_text("#med-list", "王秀英").await;
    app.screenshot("mediation-list-zh").await;
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM mediation_events WHERE case_id = ({THIS})")
        ),
        3
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM mediation_events WHERE case_id = ({THIS}) AND kind = 'outcome' AND outcome = 'written'")
        ),
        1
    );
    app.close().await;
}
