//! Paper for door-knocking days in the window (issue 21, items 4 and 5): a building's 楼盘表
//! from the Register — its legend counts what the store counts, a room opens its household —
//! then the building's visit sheets with a QR per household, and that QR's text typed into
//! 走访's scan box (as a USB scanner types it, with Enter) opening the household's visit form.
//! In Chinese and in English, with screenshots of each and of the print view (the print CSS
//! switched on for the screenshot). The 楼盘表 and the sheets also save as PDF (存为PDF), read back
//! with `pdftotext`.

use std::time::Duration;

use fantoccini::key::Key;
use linli_protocol::{BuildingChart, BuildingChartData, VisitSheets, VisitSheetsData};

use crate::desktop::support::{demo_db, Desktop};

#[tokio::test]
async fn a_buildings_chart_and_sheets_and_a_scanned_sheet_opening_the_visit_form() {
    let limit = Duration::from_secs(240);
    tokio::time::timeout(limit, scenario())
        .await
        .unwrap_or_else(|_| panic!("the scenario did not finish within {limit:?}"));
}

/// The building with the most households, with its community's and compound's names.
struct Target {
    community: String,
    compound: String,
    building: String,
    chart: BuildingChartData,
    sheets: VisitSheetsData,
}

fn target(db: &std::path::Path) -> Target {
    let conn = linli_store::connect(db).unwrap();
    let (id, building, compound, community): (String, String, String, String) = conn
        .query_row(
            "SELECT b.id, b.name, k.name, c.name FROM households h
             JOIN places b ON b.id = h.building_id JOIN places k ON k.id = b.parent_id
             JOIN places c ON c.id = h.community_id
             WHERE h.deleted = 0 AND h.moved_out IS NULL
             GROUP BY b.id ORDER BY count(*) DESC, b.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    drop(conn);
    let mut store = linli_store::Store::open(db).unwrap();
    let id = id.parse().unwrap();
    let chart = store
        .building_chart(&BuildingChart {
            building_id: id,
            from: None,
            to: None,
        })
        .unwrap();
    let sheets = store.visit_sheets(&VisitSheets { place_id: id }).unwrap();
    Target {
        community,
        compound,
        building,
        chart,
        sheets,
    }
}

/// Clicks a place's name in the Register's tree (under `within`, a tree node's selector).
async fn pick(app: &Desktop, within: &str, kind: &str, name: &str) {
    app.click(&format!(
        "{within} li[data-kind='{kind}'][data-name='{name}'] > .tree-row > .tree-label"
    ))
    .await;
    app.wait_for_text("#place-title", name).await;
}

async fn count(app: &Desktop, css: &str) -> usize {
    app.client
        .execute(
            "return document.querySelectorAll(arguments[0]).length",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap()
        .as_u64()
        .unwrap() as usize
}

/// Switches the stylesheet's print rules on (or back off) for a screenshot of the print view:
/// WebDriver cannot emulate print media, so each `@media print` rule is made to apply to all.
async fn print_view(app: &Desktop, on: bool) {
    app.client
        .execute(
            "const on = arguments[0];
             for (const sheet of document.styleSheets) {
               for (const rule of sheet.cssRules) {
                 if (rule.media && rule.media.mediaText === (on ? 'print' : 'all')
                     && (on || rule.__print)) {
                   rule.__print = true;
                   rule.media.mediaText = on ? 'all' : 'print';
                 }
               }
             }
             window.scrollTo(0, 0);
             for (const el of document.querySelectorAll('.content')) el.scrollTop = 0;",
            vec![serde_json::json!(on)],
        )
        .await
        .unwrap();
}

/// No Chinese in `css`'s text once the demo's user data is taken out.
async fn no_chinese(app: &Desktop, css: &str, db: &std::path::Path) {
    let mut text = app.text(css).await;
    for s in crate::desktop::english::user_strings(db) {
        text = text.replace(&s, "");
    }
    let han: String = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect();
    assert!(
        han.is_empty(),
        "Chinese left on the English {css}: {han}\n{text}"
    );
}

struct Words {
    chart_title: &'static str,
    sheets_title: &'static str,
    scan_bad: &'static str,
}

const ZH: Words = Words {
    chart_title: "楼盘表",
    sheets_title: "入户走访单",
    scan_bad: "不是走访单上的二维码",
};

const EN: Words = Words {
    chart_title: "Building chart",
    sheets_title: "Visit sheets",
    scan_bad: "not a visit sheet's QR code",
};

async fn scenario() {
    let (dir, db) = demo_db();
    let t = target(&db);
    let rooms: Vec<_> = t
        .chart
        .units
        .iter()
        .flat_map(|u| u.rows.iter().flat_map(|r| r.rooms.iter().flatten()))
        .chain(t.chart.other_rooms.iter())
        .collect();
    let visited = rooms.iter().filter(|r| r.visited).count();
    assert!(rooms.len() > 3, "a lived-in building");
    assert_eq!(t.sheets.blocks.len(), rooms.len());

    let app = Desktop::launch(&db).await;
    for (lang, w) in [("zh", &ZH), ("en", &EN)] {
        if lang == "en" {
            app.click("#nav-register").await;
            app.click("#lang-switch").await;
            app.wait_for_text("#nav-register", "Register").await;
        } else {
            pick(&app, "", "community", &t.community).await;
            let under = format!("li[data-kind='community'][data-name='{}']", t.community);
            pick(&app, &under, "compound", &t.compound).await;
            let under = format!("li[data-kind='compound'][data-name='{}']", t.compound);
            pick(&app, &under, "building", &t.building).await;
        }

        // the 楼盘表: every household once, the legend counting what the store counts
        app.click("#open-chart").await;
        app.wait_for_text("#chart-title", w.chart_title).await;
        assert_eq!(
            count(&app, "#building-chart .room[data-id]").await,
            rooms.len()
        );
        let good = app
            .text("#chart-legend li[data-colour='good'] .legend-count")
            .await;
        assert_eq!(good, visited.to_string(), "visited this period");
        assert_eq!(
            count(&app, "#building-chart .room[data-colour='good']").await,
            visited
        );
        assert_eq!(
            count(&app, "#building-chart .chart-unit").await,
            t.chart.units.len()
        );
        app.screenshot(&format!("paper-chart-{lang}")).await;
        if lang == "en" {
            no_chinese(&app, "#building-chart", &db).await;
        }
        // coloured by open requests: the legend counts them too
        app.choose("#chart-mode", Some("requests")).await;
        let open = rooms.iter().filter(|r| r.open_requests > 0).count();
        app.wait_for_text(
            "#chart-legend li[data-colour='bad'] .legend-count",
            &open.to_string(),
        )
        .await;
        app.choose("#chart-mode", Some("visited")).await;
        // 存为PDF: the same 楼盘表 laid out by linli-print, every room's number in its text
        let chart_pdf = dir.path().join(format!("chart-{lang}.pdf"));
        app.answer_next_dialog(&chart_pdf);
        app.click("#chart-pdf").await;
        app.wait_for_text("#chart-pdf-exported", "PDF").await;
        let text = crate::desktop::pdf::pdf_text(&chart_pdf).await;
        assert!(text.contains(&t.building), "{text}");
        for r in &rooms {
            assert!(text.contains(&r.room), "room {} in {text}", r.room);
        }
        assert!(
            app.dialogs_asked()
                .lines()
                .last()
                .unwrap()
                .ends_with(".pdf"),
            "{}",
            app.dialogs_asked()
        );
        print_view(&app, true).await;
        app.screenshot(&format!("paper-chart-print-{lang}")).await;
        print_view(&app, false).await;

        // a room opens its household
        let room = rooms.iter().find(|r| r.visited).unwrap_or(&rooms[0]);
        app.click(&format!(
            "#building-chart .room[data-id='{}']",
            room.household_id
        ))
        .await;
        app.wait_for("#household-page").await;
        let block = t
            .sheets
            .blocks
            .iter()
            .find(|b| b.household_id == room.household_id)
            .unwrap();
        app.wait_for_text("#household-address", &block.address)
            .await;
        app.click("#household-back").await;

        // the building's visit sheets: a block per household, each with its QR text
        app.click("#open-sheets").await;
        app.wait_for_text("#sheets-title", w.sheets_title).await;
        assert_eq!(count(&app, "#visit-sheets .sheet-block").await, rooms.len());
        let first = &t.sheets.blocks[0];
        let qr = app
            .client
            .execute(
                "return document.querySelector('#visit-sheets .sheet-block svg.qr').getAttribute('data-qr')",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(qr.as_str(), Some(first.qr.as_str()));
        assert_eq!(first.qr, format!("LINLI-HH:{}", first.household_id));
        let pages = rooms.len().div_ceil(3);
        assert_eq!(count(&app, "#visit-sheets .sheet-page").await, pages);
        // 存为PDF: one block per household with its address
        let sheets_pdf = dir.path().join(format!("sheets-{lang}.pdf"));
        app.answer_next_dialog(&sheets_pdf);
        app.click("#sheets-pdf").await;
        app.wait_for_text("#sheets-pdf-exported", "PDF").await;
        let text = crate::desktop::pdf::pdf_text(&sheets_pdf).await;
        for b in &t.sheets.blocks {
            assert!(text.contains(&b.room), "{} in {text}", b.room);
        }
        app.screenshot(&format!("paper-sheets-{lang}")).await;
        if lang == "en" {
            no_chinese(&app, "#visit-sheets", &db).await;
        }
        print_view(&app, true).await;
        app.screenshot(&format!("paper-sheets-print-{lang}")).await;
        print_view(&app, false).await;
        app.click("#paper-back").await;

        // back at the laptop: the QR text, typed as a scanner types it, opens the visit form
        app.click("#nav-visits").await;
        app.type_into("#scan-input", "南湖苑3栋").await;
        app.wait_for("#scan-input")
            .await
            .send_keys(&Key::Enter.to_string())
            .await
            .unwrap();
        app.wait_for_text("#scan-error", w.scan_bad).await;
        assert_eq!(count(&app, "#scan-box #visit-form").await, 0);
        app.type_into("#scan-input", &first.qr).await;
        app.wait_for("#scan-input")
            .await
            .send_keys(&Key::Enter.to_string())
            .await
            .unwrap();
        app.wait_for_text("#scan-box #visit-form", &first.address)
            .await;
        assert_eq!(count(&app, "#scan-error").await, 0);
        app.screenshot(&format!("paper-scan-{lang}")).await;
        if lang == "en" {
            no_chinese(&app, "#scan-box", &db).await;
        }
    }
    app.close().await;
}
