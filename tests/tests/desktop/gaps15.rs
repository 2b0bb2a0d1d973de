//! Issue 15's last gaps, in both languages on the demo town: an import's preview gives every
//! refused and warned row's reason in the chosen language (read from the DOM: in English no Han
//! character is left once the sheet's own cells are taken out); the server's refusals of a
//! sign-in on 同步 (a wrong password, then guessing slowed down) read in the chosen language with
//! the request id; and a statement line's points and a work unit's figures open their
//! explanation (the kind of line, the entry that earned it with its arithmetic, the rules; the
//! unit's members, entries and sums). Screenshots at 1366×768: `gaps15-<screen>-<lang>.png`.

use std::path::Path;
use std::time::Duration;

use linli_protocol::sync::Role;
use linli_protocol::RegisterPartyMember;
use linli_server::Settings;
use linli_tests::Spawn;

use crate::desktop::english::{han_left, user_strings};
use crate::desktop::support::{county_of, fresh_demo_db, Desktop};

/// The cells of the bad register: user data, taken out before looking for Han characters.
const CELLS: &[&str] = &[
    "赵六",
    "钱七",
    "李四",
    "王五",
    "孙八",
    "某",
    "不详",
    "打麻将",
];

/// A register whose rows the import refuses or warns about for many reasons.
fn bad_register(dir: &Path) -> std::path::PathBuf {
    let good = linli_sheets::synth::with_check_digit("35010219800101003");
    let wrong = format!("{}{}", &good[..17], if good.ends_with('1') { 2 } else { 1 });
    let woman = linli_sheets::synth::with_check_digit("35010219900101002");
    let lines = [
        "姓名,身份证号,性别,出生日期,楼栋,单元,门牌号,与户主关系,联系电话,人户状态,重点人群"
            .to_owned(),
        ",,男,1990-01-01,1,1,101,户主,,,".to_owned(),
        "王五,3501**********1234,男,1990-01-01,1,1,102,户主,,,".to_owned(),
        format!("李四,{wrong},男,1980-01-01,1,1,103,户主,,,"),
        "赵六,,某,不详,1,1,104,户主,123,不详,独居老人、打麻将".to_owned(),
        "钱七,,男,1990-01-01,1,1,,户主,,,".to_owned(),
        format!("孙八,{woman},男,1990-01-01,1,1,106,户主,,,"),
    ];
    let path = dir.join("bad-register.csv");
    std::fs::write(&path, lines.join("\r\n")).unwrap();
    path
}

/// Two volunteers of one community with points, registered as party members of one work unit:
/// the first one's id and their community.
fn work_unit(db: &Path) -> (String, String) {
    let mut store = linli_store::Store::open(db).unwrap();
    let conn = linli_store::connect(db).unwrap();
    let community: String = conn
        .query_row(
            "SELECT v.community_id FROM volunteers v JOIN ledger l ON l.volunteer_id = v.id
             WHERE l.entry_id IS NOT NULL AND v.deleted = 0
             GROUP BY v.community_id ORDER BY count(DISTINCT v.id) DESC, v.community_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let ids: Vec<String> = conn
        .prepare(
            "SELECT v.id FROM volunteers v JOIN ledger l ON l.volunteer_id = v.id
             WHERE l.entry_id IS NOT NULL AND v.deleted = 0 AND v.community_id = ?1
             GROUP BY v.id ORDER BY sum(l.points) DESC, v.id LIMIT 2",
        )
        .unwrap()
        .query_map([&community], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(ids.len(), 2, "the demo has volunteers with points");
    for id in &ids {
        store
            .register_party_member(&RegisterPartyMember {
                volunteer_id: id.parse().unwrap(),
                work_unit: "县医院".into(),
                pledges: vec![],
                registered_on: None,
            })
            .unwrap();
    }
    (ids[0].clone(), community)
}

/// The text of every element matching `css`, one a line.
async fn texts(app: &Desktop, css: &str) -> String {
    let mut out = Vec::new();
    for el in app
        .client
        .find_all(fantoccini::Locator::Css(css))
        .await
        .unwrap()
    {
        out.push(el.text().await.unwrap());
    }
    out.join("\n")
}

/// In English, nothing Chinese is left in `text` once `data` is taken out.
fn english_only(what: &str, text: &str, data: &[String]) {
    let left = han_left(text, data);
    assert!(
        left.is_empty(),
        "{what}: untranslated in English:\n{}",
        left.join("\n")
    );
}

/// Picks the first place at each of the first `levels` levels of a place picker.
async fn pick_first(app: &Desktop, picker: &str, levels: usize) {
    for i in 0..levels {
        app.choose(&format!("#{picker}-{i}"), None).await;
        app.wait_for(&format!("#{picker}-{}", i + 1)).await;
    }
}

async fn scenario(lang: &'static str) {
    let en = lang == "en";
    let (dir, db) = fresh_demo_db();
    let register = bad_register(dir.path());
    let (leader, community) = work_unit(&db);
    let mut data = user_strings(&db);
    data.extend(CELLS.iter().map(|s| (*s).to_owned()));
    data.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    let server = Spawn::new()
        .settings(Settings {
            free_failures_user: 1,
            backoff: Duration::from_secs(60),
            ..Settings::default()
        })
        .start();
    server.user("zhang", Role::Admin, &[county_of(&db)]);
    server.county_wide("zhang");

    let app = Desktop::launch(&db).await;
    app.client
        .set_window_size(1366, 768)
        .await
        .expect("a 1366×768 window");
    if en {
        app.click("#lang-switch").await;
        app.wait_for_text("#nav-reports", "Reports").await;
    }

    // 1. the import's preview: every reason in the chosen language
    app.click("#nav-reports").await;
    app.type_into("#import-path", register.to_str().unwrap())
        .await;
    pick_first(&app, "import-place", 3).await;
    app.choose("#import-place-3", None).await;
    app.click("#import-preview-button").await;
    let (no_name, masked, no_id) = if en {
        (
            "The name is missing",
            "is masked",
            "The ID card number is missing",
        )
    } else {
        ("缺少姓名", "是打码的", "缺少身份证号")
    };
    app.wait_text_within("#import-refused", no_name, 20).await;
    let refused = texts(&app, "#import-refused td:nth-child(3)").await;
    let warned = texts(&app, "#import-warnings td:nth-child(3)").await;
    assert!(refused.contains(masked), "{refused}");
    assert!(warned.contains(no_id), "{warned}");
    // the refusals: no name, masked, the check digit, no room; the warnings: gender, birth
    // date, phone, residence, care tags, the gender the ID number gives
    assert_eq!(refused.lines().count(), 4, "{refused}");
    assert!(warned.lines().count() >= 6, "{warned}");
    if en {
        english_only("import reasons", &format!("{refused}\n{warned}"), &data);
        assert!(warned.contains("Elderly, living alone"), "{warned}");
    } else {
        assert!(refused.contains("身份证号校验位错误"), "{refused}");
    }
    app.client
        .execute(
            "document.querySelector('#import-refused').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    app.screenshot(&format!("gaps15-import-{lang}")).await;

    // 2. the server's refusals of a sign-in, in the chosen language
    app.click("#nav-sync").await;
    app.type_into("#sync-server", &server.url).await;
    app.type_into("#sync-user", "zhang").await;
    app.type_into("#sync-password", "guess").await;
    app.click("#sync-login-submit").await;
    let wrong = if en {
        "Wrong user name or password"
    } else {
        "用户名或密码不对"
    };
    let said = app.wait_text_within("#sync-login-error", wrong, 20).await;
    if en {
        english_only("a wrong password", &said, &data);
    }
    app.screenshot(&format!("gaps15-signin-{lang}")).await;
    let slowed = if en {
        "Too many failed sign-ins"
    } else {
        "密码错误次数太多"
    };
    let mut said = String::new();
    for _ in 0..4 {
        app.click("#sync-login-submit").await;
        tokio::time::sleep(Duration::from_millis(800)).await;
        said = app.text("#sync-login-error").await;
        if said.contains(slowed) {
            break;
        }
    }
    assert!(said.contains(slowed), "{said}");
    if en {
        assert!(said.contains("(request id "), "{said}");
        english_only("guessing slowed down", &said, &data);
    } else {
        assert!(said.contains("请求编号"), "{said}");
    }
    app.screenshot(&format!("gaps15-slowed-{lang}")).await;

    // 3. a statement line's points open the line, its entry's arithmetic and the rules
    app.click("#nav-volunteers").await;
    app.wait_for("#volunteer-list").await;
    app.choose("#vol-community", Some(&community)).await;
    app.click(&format!(".vol-pick[data-id='{leader}']")).await;
    app.wait_for("#vol-statement .line-why[data-kind='earn']")
        .await;
    app.click("#vol-statement .line-why[data-kind='earn']")
        .await;
    let kind = if en {
        "Earned by service"
    } else {
        "服务积分"
    };
    app.wait_text_within("#line-kind", kind, 20).await;
    app.wait_for("#line-entry").await;
    app.wait_for("#points-calc").await;
    app.wait_for("#points-rules").await;
    let panel = app.text("#points-why").await;
    if en {
        english_only("a statement line's explanation", &panel, &data);
    }
    app.screenshot(&format!("gaps15-line-{lang}")).await;
    // the entry inside opens its own arithmetic
    app.click("#line-entry .entry-points").await;
    app.wait_text_within("#points-reason", "", 20).await;
    app.click("#points-why-close").await;

    // 4. a work unit's figures open its members, the entries that earned the points and the sums
    let row = texts(&app, "#vol-work-units tbody tr td:nth-child(4)").await;
    let earned_figure = row.lines().next().unwrap().trim().to_owned();
    app.click("#vol-work-units .unit-why").await;
    let earned = if en { "Points earned" } else { "获得积分" };
    let sums = app.wait_text_within("#unit-earned", earned, 20).await;
    assert!(sums.contains(" + "), "two members' points summed: {sums}");
    assert!(
        sums.contains(&format!("= {earned_figure}")),
        "the sum is the row's figure {earned_figure}: {sums}"
    );
    let members = texts(&app, "#unit-members tbody tr").await;
    assert_eq!(members.lines().count(), 2, "{members}");
    app.wait_for("#unit-entries .entry-points").await;
    let panel = app.text("#points-why").await;
    if en {
        english_only("a work unit's explanation", &panel, &data);
    }
    app.screenshot(&format!("gaps15-unit-{lang}")).await;
    // a member's balance opens where it comes from
    app.click("#unit-members .balance-why").await;
    app.wait_for("#points-entries").await;
    app.close().await;
    drop(server);
}

#[tokio::test]
async fn import_reasons_server_refusals_and_points_explanations_in_both_languages() {
    for lang in ["zh", "en"] {
        let limit = Duration::from_secs(240);
        tokio::time::timeout(limit, scenario(lang))
            .await
            .unwrap_or_else(|_| panic!("{lang}: the scenario did not finish within {limit:?}"));
    }
}
