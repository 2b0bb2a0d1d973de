//! Issue 21's "Done when" in the window: a street office's secretary compares her town's
//! communities for a quarter on 统计 (the town as the scope, its communities ranked), opens
//! the worst coverage's records, and prints them and the ranking: the print layout puts the
//! page on numbered A4 sheets ("第 k / n 页"), every sheet of a long list under a copy of its
//! header, no row lost or printed twice. Then a grid worker opens a grid's visit sheets from
//! 网格划分. Chinese and English, with screenshots of the screens and of the print layout.

use std::time::Duration;

use linli_protocol::{Dashboard, DashboardData, DashboardRecords, SetMe, VisitSheets};

use crate::desktop::support::{demo_db, one, today, Desktop};

async fn js(app: &Desktop, script: &str) -> serde_json::Value {
    app.client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Clicks a print button with the print dialog left out (`window.print` counted instead), and
/// answers the print layout: per sheet the header and rows of `table` on it, and its foot.
async fn print(app: &Desktop, button: &str, table: &str) -> Vec<(String, usize, String)> {
    js(
        app,
        "window.__printed = 0; window.print = () => { window.__printed += 1; };",
    )
    .await;
    app.click(button).await;
    assert_eq!(
        js(app, "return window.__printed").await,
        1,
        "{button} printed"
    );
    let pages = app
        .client
        .execute(
            "return [...document.querySelectorAll('#print-pages .print-page')].map(p => {
               const head = p.querySelector('.print-body ' + arguments[0] + ' thead');
               return [head ? head.innerText : '',
                       p.querySelectorAll('.print-body ' + arguments[0] + ' tbody tr').length,
                       p.querySelector('.print-foot').innerText];
             })",
            vec![serde_json::json!(table)],
        )
        .await
        .unwrap();
    serde_json::from_value(pages).unwrap()
}

/// The print layout on screen, as the print CSS shows it (WebDriver cannot emulate print media,
/// so the `@media print` rules are switched to apply to all), for a screenshot; and back.
async fn print_view(app: &Desktop, name: &str) {
    let flip = "const on = arguments[0];
        for (const sheet of document.styleSheets) for (const rule of sheet.cssRules) {
          if (rule.media && rule.media.mediaText === (on ? 'print' : 'all') && (on || rule.__print)) {
            rule.__print = true; rule.media.mediaText = on ? 'all' : 'print';
          }
        }
        window.scrollTo(0, 0);";
    app.client
        .execute(flip, vec![serde_json::json!(true)])
        .await
        .unwrap();
    // only the sheets show
    let shell = js(
        app,
        "return document.querySelector('.shell').getClientRects().length",
    )
    .await;
    app.screenshot(name).await;
    let why = js(
        app,
        "return [...document.styleSheets].map(s => [...s.cssRules].filter(r => r.media).map(r => r.media.mediaText + (r.__print ? '*' : '')).join(',')).join(' / ') + ' | ' + document.body.className + ' | ' + [...document.body.children].map(c => c.tagName + '#' + c.id + '.' + c.className + ':' + getComputedStyle(c).display).join(', ')",
    )
    .await;
    assert_eq!(shell, 0, "the app is left off paper: {why}");
    app.client
        .execute(flip, vec![serde_json::json!(false)])
        .await
        .unwrap();
}

#[tokio::test]
async fn a_towns_communities_last_quarter_the_worst_opened_and_printed_on_numbered_pages() {
    let limit = Duration::from_secs(240);
    tokio::time::timeout(limit, town_scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

async fn town_scenario() {
    let (_dir, db) = demo_db();
    // the quarter of three weeks ago: the demo's visits are of the last 30 days, so it has some
    // (last quarter, as the secretary asks, from the 22nd day of a quarter's first month on)
    let day = linli_domain::field::add_days(&today(), -21).unwrap();
    let (ly, lq) = linli_domain::period::quarter_of(&day).unwrap();
    let (from, to) = linli_domain::period::quarter_bounds(ly, lq).unwrap();
    let town = one(&db, "SELECT id FROM places WHERE kind = 'town'");
    let town_name = one(&db, "SELECT name FROM places WHERE kind = 'town'");
    let (expected, worst, records): (DashboardData, _, usize) = {
        let store = linli_store::Store::open(&db).unwrap();
        let d = store
            .dashboard(&Dashboard {
                from: from.clone(),
                to: to.clone(),
                place_id: Some(town.parse().unwrap()),
                grid_id: None,
            })
            .unwrap();
        // the worst coverage among the communities, and how many records it opens
        let worst = d
            .ranking
            .rows
            .iter()
            .filter(|r| r.values[0].is_some())
            .min_by(|a, b| a.values[0].unwrap().total_cmp(&b.values[0].unwrap()))
            .unwrap()
            .clone();
        let n = store
            .dashboard_records(&DashboardRecords {
                from: from.clone(),
                to: to.clone(),
                place_id: worst.place_id,
                grid_id: None,
                chart: "coverage".into(),
                bucket: None,
            })
            .unwrap()
            .rows
            .len();
        (d, worst, n)
    };
    assert_eq!(expected.ranking.level, "community");
    assert!(expected.ranking.rows.len() >= 3, "the town's communities");
    assert!(
        records > 60,
        "a list long enough for several pages: {records}"
    );

    let app = Desktop::launch_home(&db).await;
    app.click("#nav-stats").await;
    app.wait_for(&format!("#stats-scope option[value='p:{town}']"))
        .await;
    app.choose("#stats-scope", Some(&format!("p:{town}"))).await;
    app.choose("#stats-kind", Some("quarter")).await;
    app.type_into("#stats-which", &format!("{ly}-Q{lq}")).await;
    app.click("#stats-show").await;
    app.wait_for_text(
        "#stats-period-line",
        &format!("{town_name} · {from} 至 {to}"),
    )
    .await;
    // the communities ranked, in the store's order
    app.wait_for_text("#stats-ranking", "社区").await;
    let names = js(
        &app,
        "return [...document.querySelectorAll('#stats-ranking tbody tr')].map(r => r.dataset.name)",
    )
    .await;
    let want: Vec<&str> = expected
        .ranking
        .rows
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, serde_json::json!(want));
    app.screenshot("stats-town-quarter-zh").await;

    // the ranking printed: the whole page on numbered sheets, the ranking's header on its sheet
    let pages = print(&app, "#ranking-print", "#stats-ranking").await;
    let n = pages.len();
    for (k, (_, _, foot)) in pages.iter().enumerate() {
        assert!(foot.contains(&format!("第 {} / {n} 页", k + 1)), "{foot}");
        assert!(foot.contains("内部资料"), "the mark on every sheet: {foot}");
    }
    assert!(
        pages
            .iter()
            .any(|(head, rows, _)| head.contains("走访覆盖住户 ÷ 在册住户")
                && *rows == expected.ranking.rows.len()),
        "the ranking on a sheet: {pages:?}"
    );
    print_view(&app, "stats-town-ranking-print-zh").await;

    // the worst coverage opens its households, and they print on sheets under their header
    let cell = format!(
        "#stats-ranking tr[data-name='{}'] .figure-open[data-col='coverage']",
        worst.name
    );
    app.click(&cell).await;
    app.wait_for_text("#stats-records-title", &format!("共 {records} 条"))
        .await;
    app.screenshot("stats-town-worst-records-zh").await;
    let pages = print(&app, "#stats-records-print", "#stats-records-table").await;
    assert!(
        pages.len() >= 2,
        "{records} rows on several sheets: {pages:?}"
    );
    let head = &pages[0].0;
    assert!(!head.is_empty());
    let mut rows = 0;
    for (k, (h, r, foot)) in pages.iter().enumerate() {
        assert_eq!(h, head, "sheet {} under the list's header", k + 1);
        assert!(foot.contains(&format!("第 {} / {} 页", k + 1, pages.len())));
        rows += r;
    }
    assert_eq!(rows, records, "every row printed once");
    print_view(&app, "stats-town-records-print-zh").await;

    // English: the same, numbered in English
    app.click("#lang-switch").await;
    app.wait_for_text("#page-stats h1", "Figures").await;
    app.wait_for_text("#stats-records-title", "records").await;
    let pages = print(&app, "#stats-records-print", "#stats-records-table").await;
    assert!(
        pages[0].2.contains(&format!("Page 1 of {}", pages.len())),
        "{pages:?}"
    );
    print_view(&app, "stats-town-records-print-en").await;
    app.click("#stats-back").await;
    app.wait_for_text("#stats-ranking", "higher is better")
        .await;
    app.screenshot("stats-town-quarter-en").await;
    let pages = print(&app, "#ranking-print", "#stats-ranking").await;
    assert!(pages.iter().all(|p| p.2.contains("Page ")), "{pages:?}");
    print_view(&app, "stats-town-ranking-print-en").await;
    app.close().await;
}

#[tokio::test]
async fn a_grid_workers_grid_opens_its_visit_sheets() {
    let limit = Duration::from_secs(180);
    tokio::time::timeout(limit, grid_scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

async fn grid_scenario() {
    let (_dir, db) = demo_db();
    // 余娜 of 北门社区, a grid worker: her first grid's sheets
    let person = one(
        &db,
        "SELECT p.id FROM people p JOIN places c ON c.id = p.community_id
         WHERE p.name = '余娜' AND c.name = '北门社区'",
    );
    let grid = one(
        &db,
        &format!(
            "SELECT g.id FROM assignments a JOIN grids g ON g.id = a.grid_id
             WHERE a.person_id = '{person}' AND a.deleted = 0 AND g.deleted = 0
             ORDER BY g.name LIMIT 1"
        ),
    );
    let blocks = {
        let mut store = linli_store::Store::open(&db).unwrap();
        store
            .set_me(&SetMe {
                person_id: Some(person.parse().unwrap()),
            })
            .unwrap();
        store
            .visit_sheets(&VisitSheets {
                place_id: grid.parse().unwrap(),
            })
            .unwrap()
            .blocks
            .len()
    };
    assert!(blocks > 0, "her grid has households");

    let app = Desktop::launch_home(&db).await;
    app.wait_for("#page-home").await;
    for lang in ["zh", "en"] {
        if lang == "en" {
            app.click("#lang-switch").await;
        }
        app.click("#nav-grids").await;
        app.wait_for("#grids-admin-only").await;
        app.click(&format!("#grid-list tr[data-id='{grid}'] .grid-sheets"))
            .await;
        app.click("#open-sheets").await;
        app.wait_for(".sheet-block").await;
        let n = js(
            &app,
            "return document.querySelectorAll('.sheet-block').length",
        )
        .await;
        assert_eq!(
            n.as_u64(),
            Some(blocks as u64),
            "one block per household of the grid"
        );
        app.screenshot(&format!("grid-sheets-{lang}")).await;
        app.click("#paper-back").await;
        app.click("#nav-home").await;
    }
    app.close().await;
}
