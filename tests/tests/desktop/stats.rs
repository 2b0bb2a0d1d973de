//! 统计 in the window (issue 21): a community for this quarter — its charts, its grids ranked
//! with each column's formula — then a bar opened to the records it counts, and a number card
//! likewise; the same page in English with no Chinese outside user data. Screenshots in both
//! languages.

use std::time::Duration;

use linli_protocol::{Dashboard, DashboardData};

use crate::desktop::english::user_strings;
use crate::desktop::support::{demo_db, today, Desktop};

/// Today by the system clock, "YYYY-MM-DD" (the app and the demo use the same).

#[tokio::test]
async fn a_community_for_a_quarter_and_a_bar_opened_to_its_records() {
    let limit = Duration::from_secs(180);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

async fn rows_in(app: &Desktop, css: &str) -> usize {
    let n = app
        .client
        .execute(
            &format!("return document.querySelectorAll('{css} tbody tr').length"),
            vec![],
        )
        .await
        .unwrap();
    n.as_u64().unwrap() as usize
}

/// Clicks a chart's mark: scrolled into view, then a bubbling click on its shape (WebKit's
/// driver does not click SVG groups itself).
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

/// Screenshots of the charts below the fold and of the ranking.
async fn lower_screens(app: &Desktop, lang: &str) {
    for (css, name) in [
        ("#stats-stages", "charts"),
        ("#stats-ranking-card", "ranking"),
    ] {
        app.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' })",
                vec![serde_json::json!(css)],
            )
            .await
            .unwrap();
        app.screenshot(&format!("stats-{name}-{lang}")).await;
    }
}

async fn scenario() {
    let (_dir, db) = demo_db();
    // what the page must show: the store's own answer for 北门社区 and this quarter
    let (y, q) = linli_domain::period::quarter_of(&today()).unwrap();
    let (from, to) = linli_domain::period::quarter_bounds(y, q).unwrap();
    let (community, expected): (String, DashboardData) = {
        let store = linli_store::Store::open(&db).unwrap();
        let conn = linli_store::connect(&db).unwrap();
        let id: String = conn
            .query_row(
                "SELECT id FROM places WHERE kind = 'community' AND name = '北门社区'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let d = store
            .dashboard(&Dashboard {
                from: from.clone(),
                to: to.clone(),
                place_id: Some(id.parse().unwrap()),
                grid_id: None,
            })
            .unwrap();
        (id, d)
    };
    assert_eq!(expected.ranking.level, "grid");
    assert!(
        !expected.ranking.rows.is_empty(),
        "北门社区 has grids to rank"
    );

    let app = Desktop::launch_home(&db).await;
    app.click("#nav-stats").await;
    app.wait_for_text("#page-stats h1", "统计").await;
    // it opens on last month for everything
    app.wait_for_text("#stats-period-line", "全部").await;

    // 北门社区, this quarter (once the scope list holds it)
    app.wait_for(&format!("#stats-scope option[value='p:{community}']"))
        .await;
    app.choose("#stats-scope", Some(&format!("p:{community}")))
        .await;
    app.choose("#stats-kind", Some("quarter")).await;
    app.type_into("#stats-which", &format!("{y}-Q{q}")).await;
    app.click("#stats-show").await;
    let line = format!("北门社区 · {from} 至 {to}");
    app.wait_for_text("#stats-period-line", &line).await;
    app.wait_for("#stats-trend svg.chart").await;

    // the ranking: the community's grids, each column with its formula
    app.wait_for_text("#stats-ranking", "网格").await;
    let head = app.text("#stats-ranking thead").await;
    for formula in ["走访覆盖住户 ÷ 在册住户", "已办结 ÷ 受理诉求", "越低越好"]
    {
        assert!(head.contains(formula), "{formula} in {head}");
    }
    assert_eq!(
        rows_in(&app, "#stats-ranking").await,
        expected.ranking.rows.len()
    );
    let first = &expected.ranking.rows[0].name;
    app.wait_for_text("#stats-ranking tbody tr:first-child", first)
        .await;
    // the coverage card shows the store's figure
    let card = app.text("#stats-coverage").await;
    let of = format!(
        "{} / {}",
        expected.coverage.num as i64, expected.coverage.den as i64
    );
    assert!(card.contains(&of), "{of} in {card}");
    app.screenshot("stats-community-quarter-zh").await;
    lower_screens(&app, "zh").await;

    // the biggest bar of requests by status opens its requests, as many as it counts
    let (i, stage) = expected
        .stages
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.value.total_cmp(&b.1.value))
        .unwrap();
    assert!(stage.value > 0.0, "the demo has requests this quarter");
    click_mark(
        &app,
        &format!("#stats-stages .chart-mark[data-index='{i}']"),
    )
    .await;
    app.wait_for("#stats-records-table").await;
    let title = app.text("#stats-records-title").await;
    assert!(
        title.contains(&format!("共 {} 条", stage.value as usize)),
        "{title}"
    );
    assert_eq!(
        rows_in(&app, "#stats-records-table").await,
        stage.value as usize
    );
    let status = app.text("#stats-records-table tbody tr:first-child").await;
    assert!(status.contains(&stage.label), "{} in {status}", stage.label);
    app.screenshot("stats-records-zh").await;

    // back, then the coverage card: the households reached
    app.click("#stats-back").await;
    app.click("#stats-coverage").await;
    app.wait_for("#stats-records[data-chart='coverage']").await;
    app.wait_for_text(
        "#stats-records-title",
        &format!("共 {} 条", expected.coverage.num as usize),
    )
    .await;
    app.click("#stats-back").await;

    // English: the same figures, no Chinese outside user data
    app.click("#lang-switch").await;
    app.wait_for_text("#page-stats h1", "Figures").await;
    app.wait_for_text("#stats-period-line", &format!("{from} to {to}"))
        .await;
    app.wait_for_text("#stats-ranking", "higher is better")
        .await;
    app.screenshot("stats-community-quarter-en").await;
    lower_screens(&app, "en").await;
    let mut text: String = app
        .client
        .execute(
            "return document.querySelector('#page-stats').innerText",
            vec![],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    for s in user_strings(&db) {
        text = text.replace(&s, "");
        // a bar's label cut to its slot ("羽毛…", the whole name in its tooltip) is user data too
        let chars: Vec<char> = s.chars().collect();
        for k in (1..chars.len()).rev() {
            let cut: String = chars[..k].iter().collect();
            text = text.replace(&format!("{cut}…"), "");
        }
    }
    let han: String = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect();
    assert!(
        han.is_empty(),
        "Chinese left on the English page: {han}\n{text}"
    );
    click_mark(
        &app,
        &format!("#stats-stages .chart-mark[data-index='{i}']"),
    )
    .await;
    app.wait_for_text("#stats-records-title", "records").await;
    app.screenshot("stats-records-en").await;
    app.close().await;
}
