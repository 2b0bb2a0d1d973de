//! PDFs made in Rust (issue 21): `linli report monthly --out FILE.pdf` and `linli ledger ID --out
//! FILE.pdf` on a demo database, their text extracted by poppler's `pdftotext` (poppler-utils,
//! which `cargo xtask test` installs) and read for the report's figures and Chinese labels and
//! the page numbers; the font embedded as a subset; a missing font refused with the catalogue's
//! message and no file left behind; visit sheets whose QR codes scan (zbarimg) as
//! `LINLI-HH:<household id>`, and a building's 楼盘表.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{exec_ok, failed, linli_at as linli, ok};

/// The PDF's text as poppler reads it, the physical layout kept (a table's row on one line).
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian: poppler-utils)");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn show(unit: &str, v: f64) -> String {
    match unit {
        "rate" => format!("{:.1}%", v * 100.0),
        "hours" => {
            let s = format!("{v:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        _ => format!("{v}"),
    }
}

const NOTO: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

#[test]
fn the_monthly_report_as_pdf_reads_back_with_its_figures_labels_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    ok(linli(&db, &["demo", "--households", "120", "--seed", "3"]));
    // the month of the newest visit: the demo's activity is recent
    let visits: Value = serde_json::from_str(&ok(linli(
        &db,
        &["report", "dashboard", "--json"], // the current month's figures
    )))
    .unwrap();
    let month = visits["to"].as_str().unwrap()[..7].to_owned();
    // --json still writes the workbook: into the test's folder, not the working directory
    let scratch = dir.path().join("json.xlsx").display().to_string();
    let json = ok(linli(
        &db,
        &[
            "report", "monthly", "--month", &month, "--out", &scratch, "--json",
        ],
    ));
    let mut r: Value = serde_json::from_str(&json).unwrap();
    let month = if r["figures"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["key"] == "visits" && f["month"].as_f64() > Some(0.0))
    {
        month
    } else {
        // early in a month the demo's visits are last month's
        let (y, m) = month.split_once('-').unwrap();
        let (y, m): (i32, u32) = (y.parse().unwrap(), m.parse().unwrap());
        let prev = if m == 1 {
            format!("{}-12", y - 1)
        } else {
            format!("{y}-{:02}", m - 1)
        };
        r = serde_json::from_str(&ok(linli(
            &db,
            &[
                "report", "monthly", "--month", &prev, "--out", &scratch, "--json",
            ],
        )))
        .unwrap();
        prev
    };

    let pdf = dir.path().join("月报.pdf");
    let said = ok(linli(
        &db,
        &[
            "report",
            "monthly",
            "--month",
            &month,
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    assert!(said.contains("已写入"), "{said}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    let (y, m) = month.split_once('-').unwrap();
    let m = m.trim_start_matches('0');
    assert!(
        text.contains(&format!("{y}年{m}月 网格工作月报")),
        "the title: {text}"
    );
    for label in ["走访", "户数", "口径", "本年累计", "走访覆盖率", "全部"] {
        assert!(text.contains(label), "{label} in {text}");
    }
    assert!(text.contains(&format!(
        "{} 至 {}",
        r["from"].as_str().unwrap(),
        r["to"].as_str().unwrap()
    )));
    // every figure, whatever the report holds: its row has its label, this month and the year
    let figures = r["figures"].as_array().unwrap();
    assert!(figures.len() >= 10);
    for f in figures {
        // a sub-line's label is indented with an ideographic space, which the PDF's text drops
        let label = f["label"].as_str().unwrap().trim();
        let unit = f["unit"].as_str().unwrap();
        let row = text
            .lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("{label} in {text}"));
        let cells: Vec<&str> = row.split_whitespace().collect();
        let at = cells.iter().position(|c| *c == label).unwrap();
        assert_eq!(
            (cells[at + 1], cells[at + 2]),
            (
                show(unit, f["month"].as_f64().unwrap()).as_str(),
                show(unit, f["cumulative"].as_f64().unwrap()).as_str()
            ),
            "{row}"
        );
    }
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("第1页/共"), "page numbers: {text}");

    // the font is embedded as a subset: the file is a sliver of the font's size
    let font = std::env::var("LINLI_PDF_FONT").unwrap_or_else(|_| NOTO.to_owned());
    let font_size = std::fs::metadata(&font).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "monthly report PDF: {} bytes; font {font}: {font_size} bytes",
        bytes.len()
    );
    assert!(bytes.len() < 150_000, "{} bytes", bytes.len());
    if font_size > 0 {
        assert!((bytes.len() as u64) * 50 < font_size);
    }

    // an .xlsx path still gets the workbook
    let xlsx = dir.path().join("月报.xlsx");
    ok(linli(
        &db,
        &[
            "report",
            "monthly",
            "--month",
            &month,
            "--out",
            xlsx.to_str().unwrap(),
        ],
    ));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
}

#[test]
fn a_volunteer_statement_as_pdf_holds_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    ok(linli(&db, &["demo", "--households", "120", "--seed", "3"]));
    let report: Value =
        serde_json::from_str(&ok(linli(&db, &["report", "hours", "--json"]))).unwrap();
    let volunteer = report["by_volunteer"][0]["id"].as_str().unwrap().to_owned();
    let st: Value =
        serde_json::from_str(&ok(linli(&db, &["ledger", &volunteer, "--json"]))).unwrap();
    let pdf = dir.path().join("对账单.pdf");
    ok(linli(
        &db,
        &["ledger", &volunteer, "--out", pdf.to_str().unwrap()],
    ));
    let text = pdf_text(&pdf);
    assert!(text.contains("志愿服务积分对账单"), "{text}");
    assert!(text.contains(st["volunteer_name"].as_str().unwrap()));
    for l in st["lines"].as_array().unwrap() {
        let row = text
            .lines()
            .find(|r| {
                r.contains(l["date"].as_str().unwrap()) && r.contains(&l["running"].to_string())
            })
            .unwrap_or_else(|| panic!("{l} in {text}"));
        assert!(row.contains(&l["points"].to_string()), "{row}");
    }
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("第1页/共"), "{text}");
}

#[test]
fn without_a_font_the_pdf_is_refused_in_both_languages_and_no_file_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    ok(linli(&db, &["demo", "--households", "30", "--seed", "3"]));
    let pdf = dir.path().join("月报.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_linli"))
        .arg("--db")
        .arg(&db)
        .args(["report", "monthly", "--month", "2026-01", "--out"])
        .arg(&pdf)
        .env_remove("LINLI_DB")
        .env("LINLI_PDF_FONT", dir.path().join("no-such-font.ttc"))
        .output()
        .unwrap();
    let err = failed(out);
    assert!(err.contains("找不到可用于PDF的中文字体"), "{err}");
    assert!(
        err.contains("no-such-font.ttc") && err.contains("LINLI_PDF_FONT"),
        "{err}"
    );
    assert!(!pdf.exists(), "no file when there is no font");

    // the catalogue's English of the same code
    let m = linli_domain::msg::PDF_FONT_MISSING;
    assert_eq!(m.code, "pdf_font_missing");
    assert!(m.en.starts_with("No Chinese font for the PDF was found"));
}

#[test]
fn visit_sheets_and_a_building_as_pdf_hold_every_household_masked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    ok(linli(&db, &["demo", "--households", "120", "--seed", "3"]));
    let buildings = exec_ok(&db, r#"{"cmd":"list_places","args":{"kind":"building"}}"#);
    let building = buildings[0]["id"].as_str().unwrap().to_owned();
    let data = exec_ok(
        &db,
        &format!(r#"{{"cmd":"visit_sheets","args":{{"place_id":"{building}"}}}}"#),
    );
    let blocks = data["blocks"].as_array().unwrap();
    assert!(!blocks.is_empty());

    let pdf = dir.path().join("走访单.pdf");
    let said = ok(linli(
        &db,
        &[
            "print",
            "visit-sheets",
            "--place",
            &building,
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    assert!(said.contains(&format!("{} 户", blocks.len())), "{said}");
    let text = pdf_text(&pdf);
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains("入户走访单") && flat.contains("第1页/共"),
        "{text}"
    );
    for b in blocks {
        let address: String = b["address"].as_str().unwrap().split_whitespace().collect();
        assert!(flat.contains(&address), "{address} in {text}");
        if let Some(head) = b["head_name"].as_str() {
            assert!(flat.contains(head), "{head} in {text}");
        }
        assert_eq!(
            b["qr"],
            format!("LINLI-HH:{}", b["household_id"].as_str().unwrap())
        );
    }
    assert_eq!(
        flat.matches("上次走访").count(),
        blocks.len(),
        "one block per household"
    );
    // members masked: no whole ID number or phone (11 digits and more in a row) in the text
    let digits = flat
        .as_bytes()
        .windows(11)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    assert!(!digits, "an unmasked number in {text}");

    // every block's QR code scans (zbarimg, from zbar-tools, on pdftoppm's pages) as its household
    let pages = dir.path().join("page");
    let out = Command::new("pdftoppm")
        .args(["-r", "150", "-png"])
        .arg(&pdf)
        .arg(&pages)
        .output()
        .expect("pdftoppm (Debian: poppler-utils)");
    assert!(out.status.success(), "{out:?}");
    let mut scanned: Vec<String> = Vec::new();
    for e in std::fs::read_dir(dir.path()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "png") {
            let out = Command::new("zbarimg")
                .args(["-q", "--raw"])
                .arg(&p)
                .output()
                .expect("zbarimg (Debian: zbar-tools)");
            scanned.extend(
                String::from_utf8(out.stdout)
                    .unwrap()
                    .lines()
                    .map(str::to_owned),
            );
        }
    }
    let mut want: Vec<String> = blocks
        .iter()
        .map(|b| b["qr"].as_str().unwrap().to_owned())
        .collect();
    scanned.sort();
    want.sort();
    assert_eq!(
        scanned, want,
        "each household's QR code scans as LINLI-HH:<its id>"
    );

    // the building's 楼盘表, landscape
    let chart = dir.path().join("楼盘表.pdf");
    ok(linli(
        &db,
        &[
            "print",
            "building",
            "--place",
            &building,
            "--out",
            chart.to_str().unwrap(),
        ],
    ));
    let text = pdf_text(&chart);
    assert!(text.contains("楼盘表") && text.contains("楼层"), "{text}");
    for b in blocks {
        let room = b["room"].as_str().unwrap();
        assert!(text.contains(room), "room {room} in {text}");
    }

    // a path that is not .pdf is refused and nothing is written
    let xlsx = dir.path().join("走访单.xlsx");
    let err = failed(linli(
        &db,
        &[
            "print",
            "visit-sheets",
            "--place",
            &building,
            "--out",
            xlsx.to_str().unwrap(),
        ],
    ));
    assert!(err.contains(".pdf"), "{err}");
    assert!(!xlsx.exists());
}
