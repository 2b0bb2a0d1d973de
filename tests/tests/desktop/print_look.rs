//! The paged prints looked at (issue 21, h21reg): 统计's ranking for a town's communities and a
//! building's 楼盘表, each printed through its 打印 button (the print dialog left out), then the
//! print layout shown on screen — the print CSS switched on, as WebDriver cannot emulate print
//! media — and a screenshot of every A4 sheet, in Chinese and English: `print-<what>-<k>-<lang>`.
//! Each sheet carries its foot (the mark and 第 k / n 页); a sheet's table is under its header.

use std::time::Duration;

use crate::desktop::support::{demo_db, one, today, Desktop};

async fn js(app: &Desktop, script: &str, arg: serde_json::Value) -> serde_json::Value {
    app.client
        .execute(script, vec![arg])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// The print rules on for the screen too (`on`), or back off.
async fn print_rules(app: &Desktop, on: bool) {
    js(
        app,
        "const on = arguments[0];
         for (const sheet of document.styleSheets) for (const rule of sheet.cssRules) {
           if (rule.media && rule.media.mediaText === (on ? 'print' : 'all') && (on || rule.__print)) {
             rule.__print = true; rule.media.mediaText = on ? 'all' : 'print';
           }
         }
         window.scrollTo(0, 0);",
        serde_json::json!(on),
    )
    .await;
}

/// Prints with `button` (the dialog left out), then screenshots each sheet of the layout; gives
/// each sheet's foot.
async fn print_and_look(app: &Desktop, button: &str, name: &str, lang: &str) -> Vec<String> {
    js(
        app,
        "window.__printed = 0; window.print = () => { window.__printed += 1; };",
        serde_json::Value::Null,
    )
    .await;
    app.click(button).await;
    assert_eq!(
        js(app, "return window.__printed", serde_json::Value::Null).await,
        1
    );
    print_rules(app, true).await;
    let feet: Vec<String> = serde_json::from_value(
        js(
            app,
            "return [...document.querySelectorAll('#print-pages .print-page .print-foot')].map(f => f.innerText)",
            serde_json::Value::Null,
        )
        .await,
    )
    .unwrap();
    for k in 0..feet.len() {
        js(
            app,
            "document.querySelectorAll('#print-pages .print-page')[arguments[0]].scrollIntoView({ block: 'start' })",
            serde_json::json!(k),
        )
        .await;
        app.screenshot(&format!("print-{name}-{}-{lang}", k + 1))
            .await;
    }
    // the foot of the first sheet, in view
    js(
        app,
        "document.querySelector('#print-pages .print-page .print-foot').scrollIntoView({ block: 'end' })",
        serde_json::Value::Null,
    )
    .await;
    app.screenshot(&format!("print-{name}-foot-{lang}")).await;
    print_rules(app, false).await;
    feet
}

/// Waits for a label of the register's tree. Under a full run's load the tree once took more
/// than the usual 30 s to draw its communities (CI, twice green alone): it gets 90 s here, and a
/// screenshot of what the window showed if it never comes.
async fn tree_label(app: &Desktop, label: &str, lang: &str) {
    let started = std::time::Instant::now();
    while app
        .client
        .find(fantoccini::Locator::Css(label))
        .await
        .is_err()
    {
        if started.elapsed() > Duration::from_secs(90) {
            app.screenshot(&format!("print-tree-missing-{lang}")).await;
            panic!("{label} did not appear within 90 s");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn the_rankings_and_the_building_charts_printed_sheets_look_right() {
    let limit = Duration::from_secs(420);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

async fn scenario() {
    let (_dir, db) = demo_db();
    let day = linli_domain::field::add_days(&today(), -21).unwrap();
    let (y, q) = linli_domain::period::quarter_of(&day).unwrap();
    let town = one(&db, "SELECT id FROM places WHERE kind = 'town'");
    let (building, compound, community) = (
        one(
            &db,
            "SELECT b.name FROM households h JOIN places b ON b.id = h.building_id
             WHERE h.deleted = 0 GROUP BY b.id ORDER BY count(*) DESC, b.id LIMIT 1",
        ),
        one(
            &db,
            "SELECT k.name FROM households h JOIN places b ON b.id = h.building_id
             JOIN places k ON k.id = b.parent_id
             WHERE h.deleted = 0 GROUP BY b.id ORDER BY count(*) DESC, b.id LIMIT 1",
        ),
        one(
            &db,
            "SELECT c.name FROM households h JOIN places b ON b.id = h.building_id
             JOIN places c ON c.id = h.community_id
             WHERE h.deleted = 0 GROUP BY b.id ORDER BY count(*) DESC, b.id LIMIT 1",
        ),
    );

    let app = Desktop::launch_home(&db).await;
    for lang in ["zh", "en"] {
        if lang == "en" {
            app.click("#lang-switch").await;
        }
        // the ranking of the town's communities, last quarter
        app.click("#nav-stats").await;
        app.wait_for(&format!("#stats-scope option[value='p:{town}']"))
            .await;
        app.choose("#stats-scope", Some(&format!("p:{town}"))).await;
        app.choose("#stats-kind", Some("quarter")).await;
        app.type_into("#stats-which", &format!("{y}-Q{q}")).await;
        app.click("#stats-show").await;
        app.wait_for("#stats-ranking tbody tr").await;
        let feet = print_and_look(&app, "#ranking-print", "ranking", lang).await;
        let n = feet.len();
        assert!(n >= 1);
        for (k, foot) in feet.iter().enumerate() {
            let no = if lang == "zh" {
                format!("第 {} / {n} 页", k + 1)
            } else {
                format!("Page {} of {n}", k + 1)
            };
            assert!(foot.contains(&no), "{no} in {foot}");
        }

        // the 楼盘表 of the building with the most households
        app.click("#nav-register").await;
        for (within, kind, name) in [
            (String::new(), "community", &community),
            (
                format!("li[data-kind='community'][data-name='{community}']"),
                "compound",
                &compound,
            ),
            (
                format!("li[data-kind='compound'][data-name='{compound}']"),
                "building",
                &building,
            ),
        ] {
            let label = format!(
                "{within} li[data-kind='{kind}'][data-name='{name}'] > .tree-row > .tree-label"
            );
            if lang == "zh" || kind == "building" {
                tree_label(&app, &label, lang).await;
                app.click(&label).await;
                app.wait_for_text("#place-title", name).await;
            }
        }
        app.click("#open-chart").await;
        app.wait_for("#building-chart .room[data-id]").await;
        let feet = print_and_look(&app, "#chart-print", "chart", lang).await;
        assert!(!feet.is_empty());
        app.click("#nav-home").await;
    }
    app.close().await;
}
