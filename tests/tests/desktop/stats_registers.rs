//! 统计's other registers in the window (issue 21, h21reg): a community and a quarter show the
//! station's lending figures and the committee's mediation figures; a lending number opens the
//! loans it counts, a mediation bar the cases it counts; the same in English, headers and
//! states included. Screenshots in both languages.

use std::time::Duration;

use linli_domain::mediation::{CaseSource, DisputeKind, Outcome, PartySide};
use linli_domain::volunteers::TeamKind;
use linli_domain::Id;
use linli_protocol::*;

use crate::desktop::support::{demo_db, today, Desktop};

async fn js(app: &Desktop, script: &str) -> serde_json::Value {
    app.client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Clicks a chart's mark (WebKit's driver does not click SVG groups itself).
async fn click_mark(app: &Desktop, css: &str) {
    app.wait_for(css).await;
    app.client
        .execute(
            "const g = document.querySelector(arguments[0]);
             g.scrollIntoView({ block: 'center' });
             const shape = g.querySelector('rect, path, circle') || g;
             shape.dispatchEvent(new MouseEvent('click', { bubbles: true }));",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn rows(app: &Desktop) -> u64 {
    js(
        app,
        "return document.querySelectorAll('#stats-records-table tbody tr').length",
    )
    .await
    .as_u64()
    .unwrap()
}

/// Three neighbours' and family disputes for the community, registered `day`: one settled.
fn cases(store: &mut linli_store::Store, community: Id, day: &str) {
    let team = store
        .add_team(&AddTeam {
            community_id: community,
            kind: TeamKind::Mediation,
            name: "调解委员会".into(),
        })
        .unwrap()
        .id;
    let v = store
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
    store
        .set_team_member(&SetTeamMember {
            team_id: team,
            volunteer_id: v,
            leader: false,
            remove: false,
        })
        .unwrap();
    let party = |side, name: &str| PartyFields {
        side,
        resident_id: None,
        name: name.into(),
        gender: None,
        age: Some(50),
        phone: String::new(),
        address: String::new(),
        unit: String::new(),
    };
    for (i, kind) in [
        DisputeKind::Neighbours,
        DisputeKind::Neighbours,
        DisputeKind::MarriageFamily,
    ]
    .into_iter()
    .enumerate()
    {
        let c = store
            .register_mediation_case(&RegisterMediationCase {
                community_id: community,
                place_id: None,
                kind,
                source: CaseSource::Application,
                brief: "纠纷".into(),
                registered_on: Some(day.into()),
                mediators: vec![v],
                parties: vec![
                    party(PartySide::Applicant, "甲"),
                    party(PartySide::Respondent, "乙"),
                ],
            })
            .unwrap();
        if i > 0 {
            continue;
        }
        for step in [
            MediationStep::Notice {
                date: Some(day.into()),
                note: String::new(),
            },
            MediationStep::Session {
                date: Some(day.into()),
                time: "09:30".into(),
                place: "调解室".into(),
                present: "双方".into(),
                record: "陈述".into(),
            },
            MediationStep::Outcome {
                date: Some(day.into()),
                outcome: Outcome::Written,
                content: "修好防水层".into(),
                carry_how: "施工".into(),
                carry_where: "楼上".into(),
                carry_by: Some(day.into()),
                route: None,
            },
        ] {
            store
                .record_mediation_step(&RecordMediationStep {
                    case_id: c.id,
                    step,
                })
                .unwrap();
        }
    }
}

fn number(d: &DashboardData, register: &str, key: &str) -> f64 {
    d.registers
        .iter()
        .find(|r| r.key == register)
        .and_then(|r| r.numbers.iter().find(|n| n.key == key))
        .unwrap()
        .value
}

#[tokio::test]
async fn a_communitys_quarter_shows_lending_and_mediation_and_opens_their_records() {
    let limit = Duration::from_secs(240);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

async fn scenario() {
    let (_dir, db) = demo_db();
    // the quarter of a week ago: the demo's desk lent in the month before today
    let day = linli_domain::field::add_days(&today(), -7).unwrap();
    let (y, q) = linli_domain::period::quarter_of(&day).unwrap();
    let (from, to) = linli_domain::period::quarter_bounds(y, q).unwrap();
    let community: Id = linli_store::connect(&db)
        .unwrap()
        .query_row(
            "SELECT id FROM places WHERE kind = 'community' AND name = '北门社区'",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .parse()
        .unwrap();
    let ask = Dashboard {
        from: from.clone(),
        to: to.clone(),
        place_id: Some(community),
        grid_id: None,
    };
    // the demo has a year of cases of its own; the three made here come on top of them
    let (before, expected) = {
        let mut store = linli_store::Store::open(&db).unwrap();
        let before = store.dashboard(&ask).unwrap();
        cases(&mut store, community, &day);
        (before, store.dashboard(&ask).unwrap())
    };
    let loans = number(&expected, "lending", "loans");
    assert!(loans > 0.0, "the demo's desk lent this quarter");
    assert_eq!(
        number(&expected, "mediation", "received") - number(&before, "mediation", "received"),
        3.0
    );

    let app = Desktop::launch_home(&db).await;
    app.click("#nav-stats").await;
    app.wait_for(&format!("#stats-scope option[value='p:{community}']"))
        .await;
    app.choose("#stats-scope", Some(&format!("p:{community}")))
        .await;
    app.choose("#stats-kind", Some("quarter")).await;
    app.type_into("#stats-which", &format!("{y}-Q{q}")).await;
    app.click("#stats-show").await;
    app.wait_for_text("#stats-period-line", &format!("北门社区 · {from} 至 {to}"))
        .await;
    app.wait_for_text("#stats-reg-lending h2", "借还").await;
    app.wait_for_text("#stats-reg-mediation h2", "人民调解")
        .await;
    let card = app.text("#stats-reg-lending-loans").await;
    assert!(
        card.contains(&format!("{}", loans as i64)),
        "{loans} in {card}"
    );
    let settled = expected
        .registers
        .iter()
        .find(|r| r.key == "mediation")
        .and_then(|r| r.numbers.iter().find(|n| n.key == "settlement_rate"))
        .and_then(|n| n.ratio)
        .expect("the settlement rate has its ratio");
    app.wait_for_text(
        "#stats-reg-mediation-settlement_rate",
        &format!("{} / {}", settled.num, settled.den),
    )
    .await;
    js(
        &app,
        "document.querySelector('#stats-reg-lending').scrollIntoView({ block: 'start' })",
    )
    .await;
    app.screenshot("stats-registers-zh").await;

    // the loans made open as many loans as they count
    app.click("#stats-reg-lending-loans").await;
    app.wait_for("#stats-records[data-chart='lending.loans']")
        .await;
    app.wait_for_text("#stats-records-title", &format!("共 {} 条", loans as usize))
        .await;
    assert_eq!(rows(&app).await, loans as u64);
    let head = app.text("#stats-records-table thead").await;
    assert!(head.contains("借出日期"), "{head}");
    app.screenshot("stats-registers-loans-zh").await;
    app.click("#stats-back").await;

    // the neighbours' bar of the cases received opens its cases (two made here, and the demo's)
    let kinds = &expected
        .registers
        .iter()
        .find(|r| r.key == "mediation")
        .unwrap()
        .charts[0];
    let i = kinds
        .bars
        .iter()
        .position(|b| b.key == "neighbours")
        .unwrap();
    click_mark(
        &app,
        &format!("#stats-reg-mediation-by_kind .chart-mark[data-index='{i}']"),
    )
    .await;
    app.wait_for("#stats-records[data-chart='mediation.by_kind'][data-bucket='neighbours']")
        .await;
    let neighbours = kinds.bars[i].value as usize;
    assert!(neighbours >= 2, "the two neighbours' cases made here");
    app.wait_for_text("#stats-records-title", &format!("共 {neighbours} 条"))
        .await;
    assert_eq!(rows(&app).await, neighbours as u64);
    let table = app.text("#stats-records-table").await;
    assert!(
        table.contains("邻里") && table.contains("达成书面协议"),
        "{table}"
    );
    assert!(!table.contains("甲"), "no party is listed: {table}");
    app.screenshot("stats-registers-cases-zh").await;

    // English: the headers and states too
    app.click("#lang-switch").await;
    app.wait_for_text("#stats-records-table thead", "Case number")
        .await;
    let table = app.text("#stats-records-table").await;
    assert!(
        table.contains("neighbours") && table.contains("written agreement"),
        "{table}"
    );
    app.screenshot("stats-registers-cases-en").await;
    app.click("#stats-back").await;
    app.wait_for_text("#stats-reg-lending h2", "Lending").await;
    app.wait_for_text("#stats-reg-mediation-settlement_rate", "Settlement rate")
        .await;
    js(
        &app,
        "document.querySelector('#stats-reg-lending').scrollIntoView({ block: 'start' })",
    )
    .await;
    app.screenshot("stats-registers-en").await;
    app.click("#stats-reg-lending-out").await;
    app.wait_for("#stats-records[data-chart='lending.out']")
        .await;
    app.wait_for_text(
        "#stats-records-title",
        &format!("{} records", number(&expected, "lending", "out") as usize),
    )
    .await;
    app.close().await;
}

/// 统计 opened on the quarter of a week ago for the community `sql` names (its id and name),
/// with the figures the store gives for the same: the window and what it must show.
async fn quarter_of(db: &std::path::Path, sql: &str) -> (Desktop, linli_protocol::DashboardData) {
    let day = linli_domain::field::add_days(&today(), -7).unwrap();
    let (y, q) = linli_domain::period::quarter_of(&day).unwrap();
    let (from, to) = linli_domain::period::quarter_bounds(y, q).unwrap();
    let (community, name): (Id, String) = linli_store::connect(db)
        .unwrap()
        .query_row(sql, [], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .map(|(id, name)| (id.parse().unwrap(), name))
        .unwrap();
    let expected = linli_store::Store::open(db)
        .unwrap()
        .dashboard(&Dashboard {
            from: from.clone(),
            to: to.clone(),
            place_id: Some(community),
            grid_id: None,
        })
        .unwrap();
    let app = Desktop::launch_home(db).await;
    app.click("#nav-stats").await;
    app.wait_for(&format!("#stats-scope option[value='p:{community}']"))
        .await;
    app.choose("#stats-scope", Some(&format!("p:{community}")))
        .await;
    app.choose("#stats-kind", Some("quarter")).await;
    app.type_into("#stats-which", &format!("{y}-Q{q}")).await;
    app.click("#stats-show").await;
    app.wait_for_text("#stats-period-line", &format!("{name} · {from} 至 {to}"))
        .await;
    (app, expected)
}

/// 议事, 公告 and 托管 (h21gaps): for the community the demo runs its programmes in and the
/// quarter of a week ago, each new section shows its figures, and a figure of each opens as many
/// records as it counts; the same section read in English. Screenshots in both languages.
#[tokio::test]
async fn councils_notices_and_programmes_show_their_figures_and_open_their_records() {
    let limit = Duration::from_secs(300);
    tokio::time::timeout(limit, civic_scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

async fn civic_scenario() {
    let (_dir, db) = demo_db();
    let (app, expected) = quarter_of(
        &db,
        "SELECT p.id, p.name FROM programme_enrolments e JOIN places p ON p.id = e.community_id
         ORDER BY e.id LIMIT 1",
    )
    .await;
    // per section, the first count that holds something: the card to open
    let pick = |register: &str| -> (String, usize) {
        let r = expected
            .registers
            .iter()
            .find(|r| r.key == register)
            .unwrap_or_else(|| panic!("the {register} section"));
        let n = r
            .numbers
            .iter()
            .find(|n| n.ratio.is_none() && n.value >= 1.0 && n.value.fract() == 0.0)
            .unwrap_or_else(|| panic!("{register}: the demo's quarter counts something"));
        (n.key.clone(), n.value as usize)
    };

    for (register, head) in [
        ("councils", "议事协商"),
        ("board", "公告值日"),
        ("programmes", "儿童托管"),
    ] {
        app.wait_for_text(&format!("#stats-reg-{register} h2"), head)
            .await;
    }
    js(
        &app,
        "document.querySelector('#stats-reg-councils').scrollIntoView({ block: 'start' })",
    )
    .await;
    app.screenshot("stats-registers-civic-zh").await;
    js(
        &app,
        "document.querySelector('#stats-reg-programmes').scrollIntoView({ block: 'start' })",
    )
    .await;
    app.screenshot("stats-registers-programmes-zh").await;

    for register in ["councils", "board", "programmes"] {
        let (key, n) = pick(register);
        let card = format!("#stats-reg-{register}-{key}");
        app.wait_for_text(&card, &n.to_string()).await;
        app.click(&card).await;
        app.wait_for(&format!("#stats-records[data-chart='{register}.{key}']"))
            .await;
        app.wait_for_text("#stats-records-title", &format!("共 {n} 条"))
            .await;
        assert_eq!(rows(&app).await, n as u64, "{register}.{key}");
        app.screenshot(&format!("stats-registers-{register}-records-zh"))
            .await;
        app.click("#stats-back").await;
        app.wait_for(&card).await;
    }

    // English: the sections' names and the records' headers
    app.click("#lang-switch").await;
    app.wait_for_text("#stats-reg-councils h2", "Council").await;
    app.wait_for_text("#stats-reg-board h2", "Notices and duty")
        .await;
    app.wait_for_text("#stats-reg-programmes h2", "Children's programmes")
        .await;
    js(
        &app,
        "document.querySelector('#stats-reg-councils').scrollIntoView({ block: 'start' })",
    )
    .await;
    app.screenshot("stats-registers-civic-en").await;
    let (key, n) = pick("board");
    app.click(&format!("#stats-reg-board-{key}")).await;
    app.wait_for_text("#stats-records-title", &format!("{n} records"))
        .await;
    app.wait_for_text("#stats-records-table thead", "Community")
        .await;
    app.screenshot("stats-registers-board-records-en").await;
    app.close().await;
}

#[tokio::test]
async fn patrols_and_the_service_circle_show_their_figures_and_open_their_records() {
    let limit = Duration::from_secs(300);
    tokio::time::timeout(limit, rounds_scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

/// 巡防 and 服务圈 (h25gaps): the community of the demo's patrol team, the quarter of a week ago;
/// each section's patrols and points open as many records as they count; English headings and
/// headers.
async fn rounds_scenario() {
    let (_dir, db) = demo_db();
    let (app, expected) = quarter_of(
        &db,
        "SELECT p.id, p.name FROM patrol_teams t JOIN places p ON p.id = t.community_id
         ORDER BY t.id LIMIT 1",
    )
    .await;
    app.wait_for_text("#stats-reg-patrols h2", "治安巡防").await;
    app.wait_for_text("#stats-reg-circle h2", "服务圈").await;
    js(
        &app,
        "document.querySelector('#stats-reg-patrols').scrollIntoView({ block: 'start' })",
    )
    .await;
    app.screenshot("stats-registers-rounds-zh").await;
    for (register, key) in [("patrols", "done"), ("circle", "points")] {
        let n = number(&expected, register, key) as usize;
        assert!(n > 0, "{register}.{key}: the demo's quarter counts some");
        let card = format!("#stats-reg-{register}-{key}");
        app.wait_for_text(&card, &n.to_string()).await;
        app.click(&card).await;
        app.wait_for(&format!("#stats-records[data-chart='{register}.{key}']"))
            .await;
        app.wait_for_text("#stats-records-title", &format!("共 {n} 条"))
            .await;
        assert_eq!(rows(&app).await, n as u64, "{register}.{key}");
        app.screenshot(&format!("stats-registers-{register}-records-zh"))
            .await;
        app.click("#stats-back").await;
        app.wait_for(&card).await;
    }

    app.click("#lang-switch").await;
    app.wait_for_text("#stats-reg-patrols h2", "Security patrols")
        .await;
    app.wait_for_text("#stats-reg-circle h2", "Service circle")
        .await;
    js(
        &app,
        "document.querySelector('#stats-reg-circle').scrollIntoView({ block: 'start' })",
    )
    .await;
    app.screenshot("stats-registers-rounds-en").await;
    let n = number(&expected, "circle", "points") as usize;
    app.click("#stats-reg-circle-points").await;
    app.wait_for_text("#stats-records-title", &format!("{n} records"))
        .await;
    app.wait_for_text("#stats-records-table thead", "Opened on")
        .await;
    app.screenshot("stats-registers-circle-records-en").await;
    app.close().await;
}
