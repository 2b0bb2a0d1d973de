//! 借还's second pass in the window (issue 19, h19gaps): a copy lent offline on another laptop
//! arrives by sync and both loans show above the desk until one is voided; a points deposit paid
//! by the volunteer chosen at the desk; a return with a photo, shown on the copy, and a kind's
//! photo; a donated copy earning its donor points; the loans on the household's timeline; 今日's
//! loans limited to the signed-in worker's own buildings; the overdue list's groups named with
//! their compound. Chinese first, then English with no Chinese outside user data.

use std::time::Duration;

use linli_domain::lending::DepositUnit;
use linli_domain::register::Role;
use linli_domain::{Hlc, Id, Now};
use linli_protocol::sync::{PullResponse, PulledChange};
use linli_protocol::*;

use crate::desktop::lending::{
    borrowers, choose_borrower, into_view, no_chinese, scan, today_number, user_data,
};
use crate::desktop::support::{count, demo_db, photo, Desktop};

#[tokio::test]
async fn conflicts_deposits_photos_donors_timeline_and_my_buildings() {
    let limit = Duration::from_secs(300);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

/// Picks a file for the `<input type=file>` whose id is the fourth argument.
const PICK: &str = r#"
const [bytes, name, type, id] = arguments;
const dt = new DataTransfer();
dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
const input = document.getElementById(id);
input.files = dt.files;
input.dispatchEvent(new Event('change', { bubbles: true }));
return input.files.length;
"#;

async fn pick_photo(app: &Desktop, input: &str, name: &str) {
    app.wait_for(&format!("#{input}")).await;
    app.client
        .execute(
            PICK,
            vec![
                serde_json::json!(photo()),
                serde_json::json!(name),
                serde_json::json!("image/png"),
                serde_json::json!(input),
            ],
        )
        .await
        .unwrap();
}

fn id(n: u128) -> Id {
    Id::from_uuid(linli_domain::id::Uuid::from_u128(
        0x0193_0000_0000_7000_8000_0000_0000_0000 + n,
    ))
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

fn kind(name: &str, unit: DepositUnit, deposit: i64) -> LendKindFields {
    LendKindFields {
        name: name.into(),
        category: "助行".into(),
        loan_days: 7,
        max_renewals: 2,
        buffer_days: 0,
        deposit_unit: unit,
        deposit,
        needs_approval: false,
        consumable: false,
        care_notes: String::new(),
        parts: vec![],
    }
}

fn add(s: &mut linli_store::Store, community: Id, f: LendKindFields, codes: &[&str]) -> Id {
    let k = s
        .add_lend_kind(&AddLendKind {
            community_id: community,
            fields: f,
        })
        .unwrap()
        .id;
    for c in codes {
        s.add_lend_copy(&AddLendCopy {
            kind_id: k,
            fields: LendCopyFields {
                code: (*c).into(),
                condition: "良好".into(),
                ..Default::default()
            },
            donor_points: 0,
            donor_volunteer_id: None,
        })
        .unwrap();
    }
    k
}

fn lend(s: &mut linli_store::Store, community: Id, household: Id, code: &str) -> Loan {
    s.lend(&Lend {
        community_id: community,
        household_id: household,
        resident_id: None,
        codes: vec![code.into()],
        due: None,
        approved_by: String::new(),
        deposit_volunteer_id: None,
        note: String::new(),
    })
    .unwrap()
    .remove(0)
}

/// The same copy lent on another laptop offline to `household`, arriving by sync: this
/// laptop's loan fact, as that laptop would have written it (its own device, row and clock).
fn lent_elsewhere(s: &mut linli_store::Store, loan: Id, household: Id, n: u128) {
    let mut other = s
        .journal()
        .unwrap()
        .into_iter()
        .find(|c| c.table == "loans" && c.row_id == loan)
        .unwrap();
    other.change_id = id(10 * n);
    other.device_id = id(7);
    other.device_seq = n as i64;
    other.hlc = Hlc::new(now_ms() + n as u64, 0);
    other.author = None;
    other.row_id = id(10 * n + 1);
    other.fields.insert(
        "household_id".into(),
        serde_json::json!(household.to_string()),
    );
    s.apply_pulled(
        &linli_store::Schema::default(),
        &PullResponse {
            next: n as i64,
            changes: vec![PulledChange {
                server_seq: n as i64,
                needs_review: false,
                read_only: false,
                change: other,
            }],
            more: false,
            server_time: Hlc::new(now_ms() + 10, 0),
        },
    )
    .unwrap();
}

struct Plan {
    community: Id,
    /// The borrower at the desk: a points deposit, a return with a photo, the timeline.
    name: String,
    household: Id,
    /// The volunteer whose points pay the deposit and who earns the donor points.
    volunteer: Id,
    /// Overdue loans in the worker's building and outside it.
    mine: String,
    theirs: String,
    /// The full building name ("南湖苑1栋") of the loan in the worker's building.
    building: String,
    /// The row of 电动代步车 in 物品's list of kinds.
    kind_row: usize,
}

fn plan(db: &std::path::Path) -> Plan {
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
    let people = borrowers(db, &mut s, community, 30);
    let building_of = |h: Id| -> String {
        conn.query_row(
            &format!("SELECT building_id FROM households WHERE id = '{h}'"),
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let (name, household) = people[0].clone();
    let (_, inside) = people[1];
    let b = building_of(inside);
    let (_, outside) = *people[2..]
        .iter()
        .find(|(_, h)| building_of(*h) != b)
        .expect("a borrower in another building");
    let others: Vec<Id> = people[2..]
        .iter()
        .map(|(_, h)| *h)
        .filter(|h| *h != outside)
        .take(2)
        .collect();
    let volunteer = s
        .list_volunteers(&ListVolunteers {
            community_id: community,
        })
        .unwrap()
        .into_iter()
        .filter(|v| v.balance >= 10)
        .max_by_key(|v| v.balance)
        .expect("a volunteer with points in the demo town")
        .id;
    add(
        &mut s,
        community,
        kind("电动代步车", DepositUnit::Points, 10),
        &["LY-PT-01"],
    );
    add(
        &mut s,
        community,
        kind("护理床", DepositUnit::None, 0),
        &["LY-CF-01", "LY-CF-02"],
    );
    // two copies each lent here and, offline, on another laptop to another household
    for (n, code) in [(1, "LY-CF-01"), (2, "LY-CF-02")] {
        let loan = lend(&mut s, community, others[0], code);
        lent_elsewhere(&mut s, loan.id, others[1], n);
    }
    // two loans two days overdue: in the worker's building and outside it
    let day = today_number() - 7 - 2;
    s.pin_now(Now::at((day * 86_400_000 + 4 * 3_600_000) as u64, 480));
    add(
        &mut s,
        community,
        kind("折叠拐杖", DepositUnit::None, 0),
        &["LY-ZG-01", "LY-ZG-02"],
    );
    let mine = lend(&mut s, community, inside, "LY-ZG-01");
    lend(&mut s, community, outside, "LY-ZG-02");
    s.unpin_now();
    // the worker signed in at this laptop works the building of the first
    let worker = s
        .add_person(&AddPerson {
            community_id: community,
            name: "测试网格员".into(),
            phone: None,
            roles: vec![Role::GridWorker],
        })
        .unwrap()
        .id;
    s.assign(&Assign {
        person_id: worker,
        role: Role::GridWorker,
        grid_id: None,
        place_id: Some(b.parse().unwrap()),
    })
    .unwrap();
    s.set_me(&SetMe {
        person_id: Some(worker),
    })
    .unwrap();
    let kind_row = s
        .list_lend_kinds(&ListLendKinds {
            community_id: community,
        })
        .unwrap()
        .iter()
        .position(|k| k.fields.name == "电动代步车")
        .unwrap();
    Plan {
        kind_row,
        community,
        name,
        household,
        volunteer,
        mine: "LY-ZG-01".into(),
        theirs: "LY-ZG-02".into(),
        building: mine.building,
    }
}

/// Opens the household of `name` from the top bar's search, once the first hit is theirs.
async fn open_household(app: &Desktop, name: &str) {
    app.type_into("#search", name).await;
    app.wait_for_text("#search-results li:first-child", name)
        .await;
    app.wait_for("#search")
        .await
        .send_keys(&fantoccini::key::Key::Enter.to_string())
        .await
        .unwrap();
}

async fn scenario() {
    let (_dir, db) = demo_db();
    let p = plan(&db);
    let community = p.community.to_string();
    let app = Desktop::launch_home(&db).await;
    app.click("#nav-lending").await;
    app.wait_for(&format!("#lend-station option[value='{community}']"))
        .await;
    app.choose("#lend-station", Some(&community)).await;

    // the conflict after sync, shown to a person; one of the two loans of LY-CF-01 voided
    let conflicts = app.wait_for_text("#conflicts-list", "LY-CF-01").await;
    assert!(conflicts.contains("LY-CF-02"), "{conflicts}");
    app.screenshot("lending-conflict-zh").await;
    let other = id(11).to_string();
    app.type_into(&format!("#void-reason-{other}"), "实际没有借出")
        .await;
    app.click(&format!("#void-{other}")).await;
    app.wait_for_text("#void-msg", "已作废“LY-CF-01”").await;
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM loan_events WHERE loan_id = '{other}' AND kind = 'void' AND note = '实际没有借出'")
        ),
        1
    );
    let left = app.text("#conflicts-list").await;
    assert!(
        !left.contains("LY-CF-01") && left.contains("LY-CF-02"),
        "{left}"
    );

    // a points deposit: refused until a volunteer is chosen, then paid from their points
    app.click("#lend-tab-lend").await;
    choose_borrower(&app, "lend", &p.name).await;
    app.click("#lend-code").await;
    scan(&app, "#lend-code", "LY-PT-01").await;
    app.wait_for_text("#lend-basket", "LY-PT-01").await;
    app.wait_for("#lend-payer").await;
    app.click("#lend-submit").await;
    app.wait_for_text("#lend-error", "请选择志愿者").await;
    app.choose("#lend-payer", Some(&p.volunteer.to_string()))
        .await;
    app.screenshot("lending-payer-zh").await;
    app.click("#lend-submit").await;
    app.wait_for_text("#lend-done", "已借出1件").await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM lend_deposits WHERE kind = 'take' AND unit = 'points'
                 AND volunteer_id = '{}' AND household_id = '{}'",
                p.volunteer, p.household
            )
        ),
        1
    );

    // back damaged with a photo of it, which the copy then shows
    app.click("#lend-tab-return").await;
    scan(&app, "#return-code", "LY-PT-01").await;
    app.wait_for_text("#return-basket", "LY-PT-01").await;
    app.choose("#return-outcome-0", Some("damaged")).await;
    pick_photo(&app, "return-photo-0-file", "扶手.png").await;
    app.wait_for_text("#return-photo-0", "扶手.png").await;
    app.screenshot("lending-return-photo-zh").await;
    app.click("#return-submit").await;
    app.wait_for_text("#return-done", "已登记归还1件").await;
    let copy: String = linli_store::connect(&db)
        .unwrap()
        .query_row(
            "SELECT id FROM lend_copies WHERE code = 'LY-PT-01'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM attachments WHERE owner_table = 'lend_copies' AND owner_id = '{copy}'")
        ),
        1
    );
    app.click("#lend-tab-items").await;
    app.wait_for_text(&format!("#kind-{}", p.kind_row), "电动代步车")
        .await;
    app.click(&format!("#kind-open-{}", p.kind_row)).await;
    app.wait_for_text("#copies-list", "LY-PT-01").await;
    app.click("#copy-photos-0").await;
    app.wait_for("#copy-photos .attachment img").await;
    // the kind's photo
    pick_photo(&app, "kind-photo-file", "代步车.png").await;
    app.wait_for("#kind-photos .attachment img").await;
    // a donated copy earning its donor points
    app.click("#copy-new").await;
    app.type_into("#copy-code", "LY-PT-02").await;
    app.type_into("#copy-donor-points", "5").await;
    app.choose("#copy-donor-volunteer", Some(&p.volunteer.to_string()))
        .await;
    into_view(&app, "#copy-form").await;
    app.screenshot("lending-donor-zh").await;
    app.click("#copy-save").await;
    app.wait_for_text("#copy-msg", "LY-PT-02").await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM ledger WHERE volunteer_id = '{}' AND points = 5 AND note LIKE '%LY-PT-02%'",
                p.volunteer
            )
        ),
        1
    );
    into_view(&app, "#copy-photos").await;
    app.screenshot("lending-photos-zh").await;

    // the overdue list groups by building with its compound
    app.click("#lend-tab-overdue").await;
    app.wait_for_text("#overdue-list", &p.building).await;

    // 今日: only the loans of my own building
    app.click("#nav-today").await;
    // (once 今日's own list has loaded: the store answers one request at a time)
    app.wait_for("#due-count").await;
    app.wait_for(&format!("#today-loan-{}", p.mine)).await;
    assert!(!app.text("#today-loans").await.contains(&p.theirs));
    app.screenshot("lending-today-mine-zh").await;

    // the household's timeline: lent and returned damaged
    open_household(&app, &p.name).await;
    app.wait_for_text("#household-timeline", "归还（损坏）：电动代步车 LY-PT-01")
        .await;
    app.click("#timeline-filter-loan").await;
    let lines = app.text("#timeline-list").await;
    assert!(lines.contains("借出：电动代步车 LY-PT-01"), "{lines}");
    into_view(&app, "#household-timeline").await;
    app.screenshot("lending-timeline-zh").await;

    // English: the timeline as it stands, then 今日
    let data = user_data(&db);
    app.click("#lang-switch").await;
    app.wait_for_text(
        "#household-timeline",
        "Returned damaged: 电动代步车 LY-PT-01",
    )
    .await;
    no_chinese(&app, "#household-timeline", &data).await;
    into_view(&app, "#household-timeline").await;
    app.screenshot("lending-timeline-en").await;
    app.click("#nav-today").await;
    app.wait_for_text("#today-loans", "remind at the door")
        .await;
    assert!(!app.text("#today-loans").await.contains(&p.theirs));
    no_chinese(&app, "#today-loans", &data).await;
    app.screenshot("lending-today-mine-en").await;
    app.click("#nav-lending").await;
    app.wait_for_text("#conflicts-list", "LY-CF-02").await;
    no_chinese(&app, "#lend-conflicts", &data).await;
    app.screenshot("lending-conflict-en").await;
    app.click("#lend-tab-items").await;
    app.wait_for("#kind-photos .attachment img").await;
    app.click("#copy-photos-0").await;
    app.click("#copy-new").await;
    no_chinese(&app, "#page-lending", &data).await;
    into_view(&app, "#copy-photos").await;
    app.screenshot("lending-photos-en").await;
    app.click("#lend-tab-return").await;
    app.wait_for("#return-code").await;
    app.screenshot("lending-return-en").await;
    app.close().await;
}
