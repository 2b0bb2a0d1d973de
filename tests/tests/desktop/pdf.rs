//! Issue 21 item 6 in the window: 存为PDF on 报表's monthly report and on a volunteer's
//! statement asks where with the save dialog (answered through the shell's `LINLI_E2E_PICK`
//! seam), offering a .pdf name in the Downloads folder, writes a PDF there whose text
//! (`pdftotext`) holds the report, and opens it; in Chinese and in English.

use std::path::Path;
use std::time::Duration;

use crate::desktop::support::{demo_db, Desktop};

async fn bounded(name: &str, f: impl std::future::Future<Output = ()>) {
    let limit = Duration::from_secs(150);
    tokio::time::timeout(limit, f)
        .await
        .unwrap_or_else(|_| panic!("{name} did not finish within {limit:?}"));
}

/// The text of a PDF the app wrote, once it is there (bounded).
pub(crate) async fn pdf_text(path: &Path) -> String {
    let started = std::time::Instant::now();
    while std::fs::metadata(path).map_or(true, |m| m.len() == 0) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{} was never written",
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(std::fs::read(path).unwrap().starts_with(b"%PDF-"));
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian: poppler-utils)");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_monthly_report_and_a_statement_save_as_pdf() {
    bounded("存为PDF", save_as_pdf("zh")).await;
}

#[tokio::test]
async fn the_same_in_english() {
    bounded("Save as PDF", save_as_pdf("en")).await;
}

async fn save_as_pdf(lang: &str) {
    let (dir, db) = demo_db();
    let app = Desktop::launch(&db).await;
    let (saved, save_pdf) = if lang == "en" {
        app.click("#lang-switch").await;
        app.wait_for_text("#nav-reports", "Reports").await;
        ("Saved as PDF", "Save as PDF")
    } else {
        ("已存为PDF", "存为PDF")
    };

    // the monthly report made as a workbook first, then saved as PDF too
    app.click("#nav-reports").await;
    app.wait_for("#page-reports").await;
    let month = app
        .wait_for("#monthly-month")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    let xlsx = dir.path().join("月报.xlsx");
    app.answer_next_dialog(&xlsx);
    app.click("#monthly-path-pick").await;
    app.wait_for_value("#monthly-path", xlsx.to_str().unwrap())
        .await;
    app.click("#monthly-make").await;
    app.wait_for_text("#monthly-written", xlsx.to_str().unwrap())
        .await;
    app.wait_for_text("#monthly-pdf", save_pdf).await;
    let pdf = dir.path().join("月报.pdf");
    app.answer_next_dialog(&pdf);
    app.click("#monthly-pdf").await;
    app.wait_for_text("#monthly-pdf-exported", saved).await;
    let asked = app.dialogs_asked();
    assert_eq!(
        asked.lines().last().unwrap(),
        format!("save {} 月报-{month}.pdf", app.downloads().display()),
        "the dialog proposes the report's PDF name in Downloads: {asked}"
    );
    let text = pdf_text(&pdf).await;
    let (y, m) = month.split_once('-').unwrap();
    assert!(
        text.contains(&format!(
            "{y}年{}月 网格工作月报",
            m.trim_start_matches('0')
        )),
        "{text}"
    );
    let visits = app.text("#fig-visits-month").await;
    let row = text.lines().find(|l| l.contains("走访（户次）")).unwrap();
    assert!(
        row.split_whitespace().any(|c| c == visits.trim()),
        "the window's figure {visits} is the PDF's: {row}"
    );
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "the workbook stays"
    );
    app.click("#monthly-pdf-saved-open").await;
    app.wait_opened(&format!("file {}", pdf.display())).await;
    app.screenshot(&format!("pdf-monthly-{lang}")).await;

    // a volunteer's statement
    app.click("#nav-volunteers").await;
    app.wait_for("#volunteer-list").await;
    app.click(".vol-pick").await;
    app.wait_for("#vol-statement-pdf").await;
    let heading = app.text("#vol-statement h2").await;
    let name = heading
        .trim()
        .trim_end_matches("的积分对账单")
        .trim_start_matches("Statement of ")
        .to_owned();
    let statement = dir.path().join("对账单.pdf");
    app.answer_next_dialog(&statement);
    app.click("#vol-statement-pdf").await;
    app.wait_for_text("#vol-statement-pdf-exported", saved)
        .await;
    assert!(app
        .dialogs_asked()
        .lines()
        .last()
        .unwrap()
        .ends_with(".pdf"));
    let text = pdf_text(&statement).await;
    assert!(text.contains("志愿服务积分对账单"), "{text}");
    assert!(
        text.contains(&format!("志愿者：{name}")),
        "{name} in {text}"
    );
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("第1页/共"), "{text}");
    app.client
        .execute(
            "document.querySelector('#vol-statement').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    app.screenshot(&format!("pdf-statement-{lang}")).await;
    app.close().await;
}
