//! Issue 15 items 4–6 in the window: a community's monthly report for last month, each figure
//! opening its records; every file chosen with the file dialog (answered through the shell's
//! `LINLI_E2E_PICK` seam: a native GTK dialog cannot be driven under Xvfb) and opened or shown in
//! its folder after a save; and the report and the lists' filters kept across navigation.

use std::time::Duration;

use fantoccini::Locator;

use crate::desktop::support::{demo_db, one, Desktop};

/// "YYYY-MM" of the month before today's, as the laptop's clock reads it.
fn last_month() -> String {
    let today = linli_store::Store::open_in_memory().unwrap().now().today();
    let (y, m): (i32, u32) = (today[..4].parse().unwrap(), today[5..7].parse().unwrap());
    if m == 1 {
        format!("{}-12", y - 1)
    } else {
        format!("{y}-{:02}", m - 1)
    }
}

/// The first community of the demo town, by id and name.
fn a_community(db: &std::path::Path) -> (String, String) {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT id, name FROM places WHERE kind = 'community' AND deleted = 0 ORDER BY name LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

/// A big grid of a community, by id and name.
fn a_grid_of(db: &std::path::Path, community: &str) -> (String, String) {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT id, name FROM grids WHERE community_id = ?1 AND parent_id IS NULL AND deleted = 0
         ORDER BY name LIMIT 1",
        [community],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

async fn rows_of(app: &Desktop, css: &str) -> usize {
    app.client.find_all(Locator::Css(css)).await.unwrap().len()
}

async fn bounded(name: &str, f: impl std::future::Future<Output = ()>) {
    // a stalled WebDriver session fails the test instead of hanging it
    let limit = Duration::from_secs(150);
    tokio::time::timeout(limit, f)
        .await
        .unwrap_or_else(|_| panic!("{name} did not finish within {limit:?}"));
}

#[tokio::test]
async fn a_communitys_report_for_last_month_opens_its_records_and_its_file() {
    bounded("the monthly report", monthly_report("zh")).await;
}

#[tokio::test]
async fn the_same_report_in_english() {
    bounded("the monthly report in English", monthly_report("en")).await;
}

async fn monthly_report(lang: &str) {
    let (dir, db) = demo_db();
    let (community_id, community) = a_community(&db);
    let app = Desktop::launch(&db).await;
    if lang == "en" {
        app.click("#lang-switch").await;
        app.wait_for_text("#nav-reports", "Reports").await;
    }
    app.click("#nav-reports").await;
    app.wait_for("#page-reports").await;

    // last month by default; the scope lists the communities
    let month = last_month();
    app.wait_for_value("#monthly-month", &month).await;
    app.wait_for_text("#monthly-scope", &community).await;
    let (grid_id, grid) = a_grid_of(&db, &community_id);
    let scope = app.wait_for_text("#monthly-scope", &grid).await;
    assert!(scope.contains(&community), "{scope}");
    let community_scope = format!("p:{community_id}");
    app.choose("#monthly-scope", Some(&community_scope)).await;

    // where to save: the dialog starts in Downloads with the month's name, and its answer is
    // taken
    app.wait_for_value(
        "#monthly-path",
        &app.downloads()
            .join(format!("月报-{month}.xlsx"))
            .display()
            .to_string(),
    )
    .await;
    let report = dir.path().join("社区月报.xlsx");
    app.answer_next_dialog(&report);
    app.click("#monthly-path-pick").await;
    app.wait_for_value("#monthly-path", report.to_str().unwrap())
        .await;
    let asked = app.dialogs_asked();
    assert_eq!(
        asked.trim(),
        format!("save {} 月报-{month}.xlsx", app.downloads().display()),
        "the save dialog starts in Downloads with the report's name"
    );
    // a cancelled dialog changes nothing
    app.click("#monthly-path-pick").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.wait_for_value("#monthly-path", report.to_str().unwrap())
        .await;

    app.click("#monthly-make").await;
    app.wait_for_text("#monthly-written", report.to_str().unwrap())
        .await;
    assert!(std::fs::read(&report).unwrap().starts_with(b"PK"));
    let head = app.text("#monthly-scope-line").await;
    assert!(
        head.contains(&community),
        "the report is the community's: {head}"
    );
    let visits = app.text("#fig-visits-month").await;
    let n: usize = visits.trim().parse().unwrap();
    assert!(n > 0, "the demo town visited last month");
    app.screenshot(&format!("files-monthly-{lang}")).await;

    // a figure opens its records, and the way back shows the figures again
    app.click("#fig-visits-month").await;
    let title = app
        .wait_for_text("#figure-records-title", &n.to_string())
        .await;
    assert!(title.contains(&month), "{title}");
    assert_eq!(rows_of(&app, "#figure-records-table tbody tr").await, n);
    app.screenshot(&format!("files-records-{lang}")).await;
    app.click("#figure-back").await;
    app.wait_for("#monthly-figures").await;
    // the year to date of another figure
    let resolved: usize = app
        .text("#fig-tasks_resolved-year")
        .await
        .trim()
        .parse()
        .unwrap();
    app.click("#fig-tasks_resolved-year").await;
    app.wait_for("#figure-records").await;
    if resolved == 0 {
        app.wait_for("#figure-records .empty").await;
    } else {
        app.wait_for("#figure-records-table").await;
        assert_eq!(
            rows_of(&app, "#figure-records-table tbody tr").await,
            resolved
        );
    }
    app.click("#figure-back").await;
    // after the save: show it in its folder, open it (noted by the seam, not launched)
    app.click("#monthly-saved-folder").await;
    app.wait_opened(&format!("folder {}", report.display()))
        .await;
    app.click("#monthly-saved-open").await;
    app.wait_opened(&format!("file {}", report.display())).await;
    app.wait_for("#monthly-saved-said").await;

    // kept across navigation: the month, the scope, the path and the report made
    app.click("#nav-register").await;
    app.wait_for("#page-register").await;
    app.click("#nav-reports").await;
    app.wait_for("#monthly-figures").await;
    app.wait_for_value("#monthly-scope", &community_scope).await;
    app.wait_for_value("#monthly-path", report.to_str().unwrap())
        .await;
    assert_eq!(app.text("#fig-visits-month").await.trim(), visits.trim());

    // a grid's report: fewer households than its community's, and its records
    let households: usize = app
        .text("#fig-households-month")
        .await
        .trim()
        .parse()
        .unwrap();
    app.choose("#monthly-scope", Some(&format!("g:{grid_id}")))
        .await;
    app.click("#monthly-make").await;
    app.wait_for_text("#monthly-scope-line", &grid).await;
    let in_grid: usize = app
        .text("#fig-households-month")
        .await
        .trim()
        .parse()
        .unwrap();
    assert!(
        0 < in_grid && in_grid < households,
        "{in_grid} of {households}"
    );
    app.click("#fig-households-month").await;
    app.wait_for_text("#figure-records-title", &in_grid.to_string())
        .await;
    assert_eq!(
        rows_of(&app, "#figure-records-table tbody tr").await,
        in_grid
    );
    app.screenshot(&format!("files-grid-records-{lang}")).await;

    // a register's records read in the window's language: the year's patrols of the
    // community the demo's team patrols
    let patrolled = one(
        &db,
        "SELECT community_id FROM patrol_logs WHERE deleted = 0 GROUP BY community_id
         ORDER BY count(*) DESC LIMIT 1",
    );
    app.click("#figure-back").await;
    app.choose("#monthly-scope", Some(&format!("p:{patrolled}")))
        .await;
    app.click("#monthly-make").await;
    app.wait_for_text(
        "#monthly-scope-line",
        &one(
            &db,
            &format!("SELECT name FROM places WHERE id = '{patrolled}'"),
        ),
    )
    .await;
    app.click("#fig-patrol_done-year").await;
    let head = app.text("#figure-records-table thead").await;
    let want = if lang == "en" {
        "Patrol team"
    } else {
        "巡防队"
    };
    assert!(head.contains(want), "{head}");
    if lang == "en" {
        let han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(!han(&head), "{head}");
        let first = app.text("#figure-records-table tbody tr").await;
        assert!(first.contains("finding"), "{first}");
    }
    app.screenshot(&format!("files-patrol-records-{lang}"))
        .await;
    app.close().await;
}

#[tokio::test]
async fn every_file_on_the_reports_page_is_chosen_with_the_dialog() {
    bounded("files on 报表", files_on_reports("zh")).await;
}

#[tokio::test]
async fn the_same_files_in_english() {
    bounded("files on Reports", files_on_reports("en")).await;
}

async fn files_on_reports(lang: &str) {
    let (dir, db) = demo_db();
    let register = dir.path().join("台账.xlsx");
    linli_sheets::synth::write_register(&register, 4).unwrap();
    let app = Desktop::launch(&db).await;
    if lang == "en" {
        app.click("#lang-switch").await;
        app.wait_for_text("#nav-reports", "Reports").await;
    }
    app.click("#nav-reports").await;
    app.wait_for("#page-reports").await;

    // an export: save where the dialog says, then show it in its folder
    app.choose("#export-kind", Some("visits")).await;
    app.choose("#export-format", Some("csv")).await;
    app.wait_for_value(
        "#export-path",
        &app.downloads().join("走访.csv").display().to_string(),
    )
    .await;
    let csv = dir.path().join("走访-导出.csv");
    app.answer_next_dialog(&csv);
    app.click("#export-path-pick").await;
    app.wait_for_value("#export-path", csv.to_str().unwrap())
        .await;
    app.click("#export-button").await;
    app.wait_for_text("#export-done", csv.to_str().unwrap())
        .await;
    assert!(csv.is_file());
    app.click("#export-saved-folder").await;
    app.wait_opened(&format!("folder {}", csv.display())).await;

    // the one-click export to Downloads offers the same
    let hours = app.downloads().join("志愿时长.xlsx");
    app.answer_next_dialog(&hours);
    app.click("#export-hours").await;
    app.wait_for("#export-hours-saved-open").await;
    app.click("#export-hours-saved-open").await;
    app.wait_opened(&format!("file {}", hours.display())).await;

    // the register to import and the mapping to load are chosen, not typed
    app.answer_next_dialog(&register);
    app.click("#import-path-pick").await;
    app.wait_for_value("#import-path", register.to_str().unwrap())
        .await;
    let mapping = dir.path().join("映射.json");
    app.answer_next_dialog(&mapping);
    app.click("#import-mapping-file-pick").await;
    app.wait_for_value("#import-mapping-file", mapping.to_str().unwrap())
        .await;
    let asked = app.dialogs_asked();
    assert!(
        asked
            .lines()
            .any(|l| l.starts_with(&format!("open {}", dir.path().display()))
                || l.starts_with(&format!("open {}", app.downloads().display()))),
        "{asked}"
    );
    app.screenshot(&format!("files-reports-{lang}")).await;
    app.close().await;
}

#[tokio::test]
async fn a_one_click_export_asks_where_to_save_first() {
    bounded("one-click export", one_click_export()).await;
}

/// The one-click export beside a list opens the save dialog in the Downloads folder with the
/// list's name; a cancel writes nothing, an answer writes there and offers open / its folder.
async fn one_click_export() {
    let (dir, db) = demo_db();
    let app = Desktop::launch(&db).await;
    let files_in_downloads = |app: &Desktop| {
        std::fs::read_dir(app.downloads())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect::<Vec<_>>()
    };
    app.click("#nav-tasks").await;
    app.wait_for("#export-tasks").await;

    // cancelled: asked in Downloads with the list's name; nothing written, nothing exported
    app.click("#export-tasks").await;
    app.wait_for_text("#export-tasks-cancelled", "已取消").await;
    let asked = app.dialogs_asked();
    assert_eq!(
        asked.lines().collect::<Vec<_>>(),
        [format!("save {} 诉求.xlsx", app.downloads().display())],
        "{asked}"
    );
    assert!(
        files_in_downloads(&app).is_empty(),
        "{:?}",
        files_in_downloads(&app)
    );
    assert!(app
        .client
        .find_all(Locator::Css(
            "#export-tasks-exported, #export-tasks-saved-open"
        ))
        .await
        .unwrap()
        .is_empty());
    app.screenshot("files-one-click-cancelled-zh").await;

    // answered (in English this time): written where the dialog said, then open / its folder
    app.click("#lang-switch").await;
    app.wait_for_text("#nav-tasks", "Tasks").await;
    let file = dir.path().join("诉求-三月.xlsx");
    app.answer_next_dialog(&file);
    app.click("#export-tasks").await;
    app.wait_for_text("#export-tasks-exported", file.to_str().unwrap())
        .await;
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK"), "an .xlsx");
    assert_eq!(app.dialogs_asked().lines().count(), 2);
    assert!(files_in_downloads(&app).is_empty());
    app.click("#export-tasks-saved-open").await;
    app.wait_opened(&format!("file {}", file.display())).await;
    app.click("#export-tasks-saved-folder").await;
    app.wait_opened(&format!("folder {}", file.display())).await;
    app.screenshot("files-one-click-saved-en").await;
    app.close().await;
}

#[tokio::test]
async fn the_lists_keep_their_filters_across_navigation() {
    bounded("filters kept", filters_kept()).await;
}

async fn filters_kept() {
    let (_dir, db) = demo_db();
    let app = Desktop::launch(&db).await;
    // the register's community filter
    app.type_into("#community-filter", "北").await;
    app.click("#nav-reports").await;
    app.wait_for("#page-reports").await;
    app.click("#nav-register").await;
    app.wait_for_value("#community-filter", "北").await;

    // the board's filters and its community
    app.click("#nav-tasks").await;
    app.wait_for("#board-filters").await;
    app.click("#filter-overdue").await;
    app.type_into("#filter-query", "灯").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let community = app
        .wait_for("#community-picker")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    app.click("#nav-visits").await;
    app.wait_for("#community-picker").await;
    app.click("#nav-tasks").await;
    app.wait_for("#board-filters").await;
    app.wait_for_value("#filter-query", "灯").await;
    let overdue = app
        .wait_for("#filter-overdue")
        .await
        .prop("checked")
        .await
        .unwrap();
    assert_eq!(
        overdue.as_deref(),
        Some("true"),
        "the overdue filter is kept"
    );
    app.wait_for_value("#community-picker", &community).await;
    app.screenshot("files-filters-kept-zh").await;
    app.close().await;
}
