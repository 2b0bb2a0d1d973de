//! 借还 in the window (issue 19, h19desk): a volunteer at 北门社区's station lends two copies by
//! typing each code and Enter into the code box (as a USB scanner does, the box keeping the
//! focus), returns one damaged, places a hold that a copy on the shelf is set aside for and lends
//! it in one click, sees an overdue loan on the borrower's household page and on 今日, and renews
//! it from the overdue list. The same page in English with no Chinese outside user data.
//! Screenshots of every screen touched, in both languages.

use std::time::Duration;

use fantoccini::key::Key;
use linli_domain::lending::{CopyStatus, DepositUnit};
use linli_domain::{Id, Now};
use linli_protocol::*;

use crate::desktop::english::user_strings;
use crate::desktop::support::{count, demo_db, Desktop};

#[tokio::test]
async fn a_morning_at_the_station_desk_with_a_scanner() {
    let limit = Duration::from_secs(240);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

pub(crate) fn today_number() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    secs.div_euclid(86_400)
}

/// What the scenario uses, picked from the demo town before the window opens.
struct Plan {
    community: Id,
    /// Two copies on the shelf to lend by scanning.
    codes: [String; 2],
    /// A kind with a copy on the shelf to hold.
    hold_kind: Id,
    /// A borrower with nothing on loan, found by name.
    name: String,
    household: Id,
    /// A second household, lent a copy that is two days overdue now.
    late_name: String,
    late_code: String,
}

fn plain(k: &LendKind) -> bool {
    !k.fields.consumable
        && !k.fields.needs_approval
        && k.fields.deposit_unit != DepositUnit::Points
        && k.holds_waiting == 0
}

/// `n` residents of the community found first by their own name in the top bar's search, whose
/// households have borrowed nothing: (name, household).
pub(crate) fn borrowers(
    db: &std::path::Path,
    s: &mut linli_store::Store,
    community: Id,
    n: usize,
) -> Vec<(String, Id)> {
    let conn = linli_store::connect(db).unwrap();
    let residents: Vec<(String, String)> = conn
        .prepare(
            "WITH RECURSIVE under(id) AS (SELECT ?1 UNION SELECT p.id FROM places p JOIN under u ON p.parent_id = u.id)
             SELECT r.name, r.household_id FROM residents r JOIN households h ON h.id = r.household_id
             WHERE h.building_id IN (SELECT id FROM under) AND h.deleted = 0 AND h.moved_out IS NULL
             AND r.deleted = 0 AND r.moved_out IS NULL ORDER BY r.id",
        )
        .unwrap()
        .query_map([community.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut people: Vec<(String, Id)> = Vec::new();
    for (name, household) in residents {
        if people.len() == n {
            break;
        }
        let borrowed = count(
            db,
            &format!("SELECT count(*) FROM loans WHERE household_id = '{household}'"),
        );
        let hits = s
            .search(&Search {
                query: name.clone(),
                limit: 8,
            })
            .unwrap();
        let first = hits.first();
        let alone = hits.iter().filter(|h| h.name == name).count() == 1;
        if borrowed == 0
            && alone
            && first.is_some_and(|h| h.name == name && h.household_id.to_string() == household)
            && people.iter().all(|(_, h)| h.to_string() != household)
        {
            people.push((name, household.parse().unwrap()));
        }
    }
    people
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
    let kinds: Vec<LendKind> = s
        .list_lend_kinds(&ListLendKinds {
            community_id: community,
        })
        .unwrap()
        .into_iter()
        .filter(plain)
        .collect();
    // per plain kind, its copies on the shelf now
    let mut shelves: Vec<(LendKind, Vec<String>)> = Vec::new();
    for k in kinds {
        let on: Vec<String> = s
            .list_lend_copies(&ListLendCopies {
                community_id: community,
                kind_id: Some(k.id),
                include_gone: false,
            })
            .unwrap()
            .into_iter()
            .filter(|c| c.status == CopyStatus::OnShelf && c.available_from.is_none())
            .map(|c| c.fields.code)
            .collect();
        if !on.is_empty() {
            shelves.push((k, on));
        }
    }
    assert!(
        shelves.len() >= 4,
        "the demo station has plain kinds on the shelf"
    );
    let codes = [shelves[0].1[0].clone(), shelves[1].1[0].clone()];
    let hold_kind = shelves[2].0.id;

    let people = borrowers(db, &mut s, community, 2);
    assert_eq!(people.len(), 2, "two borrowers in the demo town");
    // a kind of its own, a copy of it lent in the past so that it is two days overdue today
    let day = today_number() - 7 - 2;
    let before = s.pin_now(Now::at((day * 86_400_000 + 4 * 3_600_000) as u64, 480));
    let late_kind = s
        .add_lend_kind(&AddLendKind {
            community_id: community,
            fields: LendKindFields {
                name: "折叠助行车".into(),
                category: "助行".into(),
                loan_days: 7,
                max_renewals: 2,
                buffer_days: 0,
                deposit_unit: DepositUnit::None,
                deposit: 0,
                needs_approval: false,
                consumable: false,
                care_notes: String::new(),
                parts: vec!["脚垫".into()],
            },
        })
        .unwrap();
    let late_code = "LY-ZX-99".to_owned();
    s.add_lend_copy(&AddLendCopy {
        kind_id: late_kind.id,
        fields: LendCopyFields {
            code: late_code.clone(),
            condition: "良好".into(),
            ..Default::default()
        },
        donor_points: 0,
        donor_volunteer_id: None,
    })
    .unwrap();
    s.lend(&Lend {
        community_id: community,
        household_id: people[1].1,
        resident_id: None,
        codes: vec![late_code.clone()],
        due: None,
        approved_by: String::new(),
        deposit_volunteer_id: None,
        note: String::new(),
    })
    .expect("the second household is of 北门社区");
    match before {
        Some(n) => {
            s.pin_now(n);
        }
        None => {
            s.unpin_now();
        }
    }
    Plan {
        community,
        codes,
        hold_kind,
        name: people[0].0.clone(),
        household: people[0].1,
        late_name: people[1].0.clone(),
        late_code,
    }
}

/// User data the English check keeps: the demo's, and the station's free-text categories (the
/// `category` column is a code elsewhere, so `user_strings` leaves it out), longest first.
pub(crate) fn user_data(db: &std::path::Path) -> Vec<String> {
    let mut data = user_strings(db);
    let conn = linli_store::connect(db).unwrap();
    let categories: Vec<String> = conn
        .prepare("SELECT DISTINCT category FROM lend_kinds WHERE category <> ''")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    data.extend(categories);
    data.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    data
}

/// Chooses the borrower named `name` in a borrower picker (`lend`, `hold`): the first hit once
/// the hits are the name's.
pub(crate) async fn choose_borrower(app: &Desktop, prefix: &str, name: &str) {
    app.type_into(&format!("#{prefix}-borrower"), name).await;
    app.wait_for_text(&format!("#{prefix}-hit-0"), name).await;
    app.click(&format!("#{prefix}-hit-0")).await;
    app.wait_for_text(&format!("#{prefix}-borrower-chosen"), name)
        .await;
}

pub(crate) async fn into_view(app: &Desktop, css: &str) {
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
}

pub(crate) async fn scan(app: &Desktop, css: &str, code: &str) {
    let el = app.wait_for(css).await;
    el.send_keys(&format!("{code}{}", Key::Enter))
        .await
        .unwrap_or_else(|e| panic!("scan {code}: {e}"));
}

/// The page's text with the demo's user data taken out: what is left must not be Chinese.
pub(crate) async fn no_chinese(app: &Desktop, css: &str, data: &[String]) {
    let mut text: String = app
        .client
        .execute(
            "return document.querySelector(arguments[0]).innerText",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    for s in data {
        text = text.replace(s, "");
    }
    let han: String = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect();
    assert!(han.is_empty(), "Chinese left on {css}: {han}\n{text}");
}

async fn scenario() {
    let (_dir, db) = demo_db();
    let p = plan(&db);
    let community = p.community.to_string();
    let app = Desktop::launch_home(&db).await;
    app.click("#nav-lending").await;
    app.wait_for_text("#page-lending h1", "米邻驿站").await;
    app.wait_for(&format!("#lend-station option[value='{community}']"))
        .await;
    app.choose("#lend-station", Some(&community)).await;

    // 借出: the borrower by name, two codes scanned (the second in lower case), the box keeps focus
    choose_borrower(&app, "lend", &p.name).await;
    app.click("#lend-code").await;
    scan(&app, "#lend-code", &p.codes[0]).await;
    app.wait_for_text("#lend-basket", &p.codes[0]).await;
    assert_eq!(app.focused_id().await.as_deref(), Some("lend-code"));
    scan(&app, "#lend-code", &p.codes[1].to_lowercase()).await;
    app.wait_for_text("#lend-basket", &p.codes[1]).await;
    assert_eq!(app.focused_id().await.as_deref(), Some("lend-code"));
    // a code scanned twice stays once
    scan(&app, "#lend-code", &p.codes[0]).await;
    app.wait_for_text("#lend-scan-msg", "已在清单中").await;
    app.screenshot("lending-basket-zh").await;
    app.click("#lend-submit").await;
    app.wait_for_text("#lend-done", "已借出2件").await;
    let slip = app.wait_for_text("#lend-slip", &p.codes[0]).await;
    assert!(
        slip.contains(&p.codes[1]) && slip.contains(&p.name),
        "{slip}"
    );
    app.screenshot("lending-slip-zh").await;
    let h = p.household;
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM loans WHERE household_id = '{h}'")
        ),
        2
    );

    // 归还: the first back, damaged
    app.click("#lend-tab-return").await;
    scan(&app, "#return-code", &p.codes[0]).await;
    app.wait_for_text("#return-basket", &p.codes[0]).await;
    app.choose("#return-outcome-0", Some("damaged")).await;
    app.type_into("#return-condition-0", "边角磨损").await;
    app.screenshot("lending-return-zh").await;
    app.click("#return-submit").await;
    app.wait_for_text("#return-done", "已登记归还1件").await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM loan_events e JOIN loans l ON l.id = e.loan_id
                 WHERE l.household_id = '{h}' AND e.kind = 'return' AND e.outcome = 'damaged'
                 AND e.condition = '边角磨损'"
            )
        ),
        1
    );

    // 预约: placed on a kind with a copy on the shelf, which is set aside; lent in one click
    app.click("#lend-tab-holds").await;
    choose_borrower(&app, "hold", &p.name).await;
    app.choose("#hold-kind", Some(&p.hold_kind.to_string()))
        .await;
    app.click("#hold-place").await;
    app.wait_for_text("#hold-msg", "已预约").await;
    let hold: String = linli_store::connect(&db)
        .unwrap()
        .query_row(
            &format!(
                "SELECT id FROM lend_holds WHERE household_id = '{h}' AND kind_id = '{}'",
                p.hold_kind
            ),
            [],
            |r| r.get(0),
        )
        .unwrap();
    app.wait_for_text(&format!("#hold-{hold}"), "待取").await;
    app.screenshot("lending-holds-zh").await;
    app.click(&format!("#hold-fulfil-{hold}")).await;
    app.wait_for_text("#hold-msg", "预约完成").await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM hold_events WHERE hold_id = '{hold}' AND kind = 'fulfilled'"
            )
        ),
        1
    );

    // the overdue loan on the household page (found by the top bar's search)
    app.type_into("#search", &p.late_name).await;
    app.wait_for(".search-results").await;
    app.wait_for("#search")
        .await
        .send_keys(&Key::Enter.to_string())
        .await
        .unwrap();
    app.wait_for_text(&format!("#household-loan-{}", p.late_code), "逾期2天")
        .await;
    app.screenshot("lending-household-zh").await;
    // and on 今日, as a reason to knock
    app.click("#nav-today").await;
    app.wait_for(&format!("#community-picker option[value='{community}']"))
        .await;
    app.choose("#community-picker", Some(&community)).await;
    app.wait_for(&format!("#today-loan-{}", p.late_code)).await;
    app.screenshot("lending-today-zh").await;

    // 续借/逾期: renewed in one click
    app.click("#nav-lending").await;
    app.click("#lend-tab-overdue").await;
    app.wait_for_text(&format!("#due-{}", p.late_code), "逾期2天")
        .await;
    app.screenshot("lending-overdue-zh").await;
    app.click(&format!("#renew-{}", p.late_code)).await;
    app.wait_for_text("#renew-msg", &format!("“{}”已续借至", p.late_code))
        .await;
    app.screenshot("lending-renewed-zh").await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM loan_events e JOIN loans l ON l.id = e.loan_id
                 JOIN lend_copies c ON c.id = l.copy_id
                 WHERE c.code = '{}' AND e.kind = 'renew'",
                p.late_code
            )
        ),
        1
    );

    // 物品 with a QR label, and 规则
    app.click("#lend-tab-items").await;
    app.click("#kind-open-0").await;
    app.click("#copy-label-0").await;
    app.wait_for(".qr-label svg path").await;
    into_view(&app, ".lend-label-panel").await;
    app.screenshot("lending-items-zh").await;
    app.click("#lend-tab-rules").await;
    app.wait_for_value("#rules-max-loans", "5").await;
    app.screenshot("lending-rules-zh").await;

    // English: every tab, no Chinese outside user data
    let data = user_data(&db);
    app.click("#lang-switch").await;
    app.wait_for_text("#page-lending h1", "Sharing station")
        .await;
    no_chinese(&app, "#page-lending", &data).await;
    app.screenshot("lending-rules-en").await;
    for tab in ["lend", "return", "overdue", "holds", "items"] {
        app.click(&format!("#lend-tab-{tab}")).await;
        if tab == "items" {
            app.click("#kind-open-0").await;
            app.click("#copy-label-0").await;
            app.wait_for(".qr-label svg").await;
            into_view(&app, ".lend-label-panel").await;
        }
        if tab == "holds" {
            app.wait_for("#holds-list").await;
        }
        if tab == "overdue" {
            app.wait_for("#overdue-list").await;
        }
        no_chinese(&app, "#page-lending", &data).await;
        app.screenshot(&format!("lending-{tab}-en")).await;
    }
    // (the loan renewed is no longer overdue; the demo's overdue ones still are)
    app.click("#nav-today").await;
    app.wait_for_text("#today-loans", "remind at the door")
        .await;
    assert!(!app
        .text("#today-loans")
        .await
        .contains(p.late_code.as_str()));
    no_chinese(&app, "#today-loans", &data).await;
    app.screenshot("lending-today-en").await;
    app.close().await;
}
