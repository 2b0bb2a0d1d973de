//! 调解 in the window, to the end of a case (issue 20 item 1, h20med2): a resident of the
//! register chosen as a party by the search, an outsider party corrected after registration (a
//! bad phone refused in the catalogue's sentence first), an oral agreement, the 回访 and the
//! 结案, and the closing report (结案报告) on paper; then two laptops numbering offline give one
//! number twice, and after they sync the window shows the clash on the later case until a person
//! renumbers it (改号). Screenshots of each screen.

use std::time::Duration;

use linli_domain::mediation::{CaseSource, DisputeKind, PartySide};
use linli_domain::Id;
use linli_protocol::sync::{PullResponse, PulledChange};
use linli_protocol::*;
use linli_store::Store;

use crate::desktop::mediation::plan;
use crate::desktop::support::{count, demo_db, Desktop};

#[tokio::test]
async fn a_case_visited_closed_and_its_closing_report_printed() {
    let limit = Duration::from_secs(300);
    tokio::time::timeout(limit, close_scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

#[tokio::test]
async fn a_number_given_twice_offline_is_renumbered_in_the_window() {
    let limit = Duration::from_secs(300);
    tokio::time::timeout(limit, clash_scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

/// A resident of the community who is not a party of any case yet: id and name.
fn a_resident(db: &std::path::Path, community: Id) -> (Id, String) {
    let conn = linli_store::connect(db).unwrap();
    let (id, name): (String, String) = conn
        .query_row(
            "SELECT r.id, r.name FROM residents r WHERE r.community_id = ?1 AND r.deleted = 0
             AND r.moved_out IS NULL AND length(r.name) >= 3
             AND r.id NOT IN (SELECT resident_id FROM mediation_parties WHERE resident_id IS NOT NULL)
             AND (SELECT count(*) FROM residents o WHERE o.name = r.name) = 1
             ORDER BY r.id LIMIT 1",
            [community.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    (id.parse().unwrap(), name)
}

const BRIEF: &str = "楼下烧烤油烟飘进楼上住户，双方多次争吵";

async fn close_scenario() {
    let (_dir, db) = demo_db();
    let (community, mediator) = plan(&db);
    let (resident, name) = a_resident(&db, community);
    let app = Desktop::launch_home(&db).await;
    app.client.set_window_size(1366, 768).await.unwrap();
    app.click("#nav-mediation").await;
    app.choose("#med-community", Some(&community.to_string()))
        .await;
    app.click("#med-new").await;
    app.wait_for("#med-register").await;
    app.type_into("#med-brief", BRIEF).await;
    app.click(&format!("#med-mediator-{mediator}")).await;
    // the applicant is a resident of the register, found by name
    app.click("#med-party-0-pick").await;
    app.type_into("#med-party-0-q", &name).await;
    app.click("#med-party-0-find").await;
    app.click(&format!(".med-hit[data-id='{resident}']")).await;
    let linked = app.wait_for_text("#med-party-0-linked", &name).await;
    assert!(linked.contains("居民名册"), "{linked}");
    app.type_into("#med-party-1-name", "钱老板").await;
    app.type_into("#med-party-1-phone", "13912345678").await;
    app.screenshot("mediation-register-resident-zh").await;
    app.click("#med-register-submit").await;
    app.wait_for_text("#med-case-number", "人调字第").await;
    app.wait_for_text("#med-parties", &name).await;
    let case: String = linli_store::connect(&db)
        .unwrap()
        .query_row(
            "SELECT id FROM mediation_cases WHERE brief = ?1",
            [BRIEF],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM mediation_parties WHERE case_id = '{case}' AND resident_id = '{resident}'")
        ),
        1,
        "the applicant is linked to the register"
    );

    // the outsider corrected: a bad phone is refused, then the name, phone and address
    app.click("#med-parties tbody tr:nth-child(2) .med-party-edit")
        .await;
    app.wait_for("#med-edit-panel").await;
    app.type_into("#med-edit-party-phone", "12345").await;
    app.click("#med-edit-save").await;
    app.wait_for("#med-edit-error").await;
    app.type_into("#med-edit-party-name", "钱德发").await;
    app.type_into("#med-edit-party-phone", "13912340000").await;
    app.type_into("#med-edit-party-address", "城关镇南街8号")
        .await;
    app.screenshot("mediation-edit-party-zh").await;
    app.click("#med-edit-save").await;
    app.wait_gone("#med-edit-panel").await;
    let parties = app.wait_for_text("#med-parties", "钱德发").await;
    assert!(
        parties.contains("城关镇南街8号") && parties.contains("139****0000"),
        "{parties}"
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM mediation_parties WHERE case_id = '{case}' AND name = '钱德发' AND phone = '13912340000'")
        ),
        1
    );

    // 告知, a session, an oral agreement, 回访, 结案
    app.choose("#med-step-kind", Some("notice")).await;
    app.click("#med-step-save").await;
    app.wait_for_text("#med-events", "权利义务告知").await;
    app.wait_for_value("#med-step-kind", "session").await;
    app.type_into("#med-step-time", "19:30").await;
    app.type_into("#med-step-place", "楼下院坝").await;
    app.type_into("#med-step-present", "双方、楼栋长").await;
    app.type_into("#med-step-text", "双方同意烧烤摊移到小区外")
        .await;
    app.click("#med-step-save").await;
    app.wait_for_text("#med-events", "楼下院坝").await;
    app.choose("#med-step-kind", Some("outcome")).await;
    app.choose("#med-step-outcome", Some("oral")).await;
    app.type_into("#med-step-text", "烧烤摊当月移出小区，晚上十点后不再营业")
        .await;
    app.click("#med-step-save").await;
    app.wait_for_text("#med-case-state", "调解成功").await;
    app.choose("#med-step-kind", Some("follow_up")).await;
    app.type_into("#med-step-text", "已移出小区，楼上住户满意")
        .await;
    app.type_into("#med-step-risks", "无").await;
    app.screenshot("mediation-follow-up-zh").await;
    app.click("#med-step-save").await;
    app.wait_for_text("#med-events", "已移出小区").await;
    app.choose("#med-step-kind", Some("close")).await;
    app.type_into("#med-step-text", "协议已履行，结案").await;
    app.click("#med-step-save").await;
    app.wait_for_text("#med-case-state", "已结案").await;
    app.wait_gone("#med-step-save").await;
    app.screenshot("mediation-closed-zh").await;

    app.click("#med-print-close").await;
    let paper = app
        .wait_for_text("#med-paper-close", "人民调解结案报告")
        .await;
    for part in [
        "调解经过",
        "楼下院坝",
        "达成口头协议",
        "回访情况",
        "已移出小区，楼上住户满意",
        "协议已履行，结案",
        "钱德发",
        &name,
        "人民调解委员会主任（签名）",
    ] {
        assert!(paper.contains(part), "{part} in {paper}");
    }
    app.wait_for("#med-print").await;
    app.screenshot("mediation-close-report-zh").await;
    app.click("#med-paper-back").await;
    app.wait_for("#med-case").await;
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM mediation_events WHERE case_id = '{case}'")
        ),
        5
    );
    app.close().await;
}

/// The journal of `from` applied to `to` as a pull would bring it.
fn carry(from: &Store, to: &mut Store, tables: Option<&[&str]>) {
    static PAGES: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(1);
    let base = PAGES.fetch_add(1, std::sync::atomic::Ordering::SeqCst) * 10_000_000;
    let changes: Vec<PulledChange> = from
        .journal()
        .unwrap()
        .into_iter()
        .filter(|c| tables.is_none_or(|t| t.contains(&c.table.as_str())))
        .enumerate()
        .map(|(i, change)| PulledChange {
            server_seq: base + i as i64 + 1,
            needs_review: false,
            read_only: false,
            change,
        })
        .collect();
    let next = changes.last().map_or(base, |c| c.server_seq);
    to.apply_pulled(
        &linli_store::Schema::default(),
        &PullResponse {
            next,
            changes,
            more: false,
            server_time: linli_domain::Hlc::new(4_000_000_000_000, 0),
        },
    )
    .unwrap();
}

fn outsider(side: PartySide, name: &str) -> PartyFields {
    PartyFields {
        side,
        resident_id: None,
        name: name.into(),
        gender: None,
        age: None,
        phone: String::new(),
        address: String::new(),
        unit: String::new(),
    }
}

async fn clash_scenario() {
    let (dir, db) = demo_db();
    let (community, mediator) = plan(&db);
    // a second laptop knows the community, its team and the cases so far
    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    {
        let a = Store::open(&db).unwrap();
        carry(
            &a,
            &mut b,
            Some(&[
                "places",
                "volunteers",
                "teams",
                "team_members",
                "mediation_settings",
                "mediation_cases",
            ]),
        );
    }
    let register = |s: &mut Store, brief: &str, names: (&str, &str)| {
        s.register_mediation_case(&RegisterMediationCase {
            community_id: community,
            place_id: None,
            kind: DisputeKind::Neighbours,
            source: CaseSource::Application,
            brief: brief.into(),
            registered_on: None,
            mediators: vec![mediator],
            parties: vec![
                outsider(PartySide::Applicant, names.0),
                outsider(PartySide::Respondent, names.1),
            ],
        })
        .unwrap()
    };
    // both register offline: the same number
    let first = {
        let mut a = Store::open(&db).unwrap();
        register(&mut a, "车位被占，双方争执", ("孙甲", "周乙"))
    };
    let later = register(&mut b, "广场舞音响太吵", ("吴丙", "郑丁"));
    assert_eq!(
        first.number_text, later.number_text,
        "offline, one number twice"
    );
    // they sync: the window of the first laptop
    {
        let mut a = Store::open(&db).unwrap();
        carry(&b, &mut a, None);
    }
    let app = Desktop::launch_home(&db).await;
    app.client.set_window_size(1366, 768).await.unwrap();
    app.click("#nav-mediation").await;
    app.choose("#med-community", Some(&community.to_string()))
        .await;
    let row = format!("#med-open-{}", later.id);
    app.wait_for(&row).await;
    let list = app.text("#med-list").await;
    assert_eq!(
        list.matches("重号").count(),
        1,
        "the clash shows on the later case only: {list}"
    );
    app.screenshot("mediation-clash-list-zh").await;
    app.click(&row).await;
    app.wait_for_text("#med-case-number", "重号").await;
    app.screenshot("mediation-clash-zh").await;
    app.click("#med-renumber").await;
    app.wait_gone("#med-renumber").await;
    let number = app.text("#med-case-number").await;
    assert_ne!(number.trim(), later.number_text, "a new number");
    assert!(!number.contains("重号"), "{number}");
    // the earlier case keeps its number
    app.click("#med-back").await;
    let list = app.wait_for_text("#med-list", &first.number_text).await;
    assert!(!list.contains("重号"), "{list}");
    app.close().await;
}
