use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::NaiveDate;
use linli_sheets::{mask_id_number, read_register, write_csv, write_xlsx, Cell, ImportOptions};

use crate::support::id;

fn rows(full: &str) -> Vec<Vec<Cell>> {
    vec![
        vec![
            "林建国".into(),
            full.into(),
            NaiveDate::from_ymd_opt(1950, 1, 2).into(),
            Cell::Number(12.5),
            "3栋1单元101".into(),
        ],
        vec![
            "陈秀英".into(),
            mask_id_number(full).into(),
            Cell::Empty,
            Cell::Number(3.0),
            "3栋1单元101".into(),
        ],
    ]
}

const HEADERS: [&str; 5] = ["姓名", "身份证号", "出生日期", "积分", "住址"];

#[test]
fn xlsx_keeps_id_numbers_as_text_and_reads_back() {
    let full = id("35010219500102001");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("居民.xlsx");
    write_xlsx(&path, "居民名单", &HEADERS, &rows(&full)).unwrap();

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["居民名单"]);
    let range = book.worksheet_range("居民名单").unwrap();
    assert_eq!(
        range.get_value((0, 1)),
        Some(&Data::String("身份证号".into()))
    );
    assert_eq!(range.get_value((1, 1)), Some(&Data::String(full.clone())));
    assert_eq!(
        range.get_value((2, 1)),
        Some(&Data::String(format!("3501**********{}", &full[14..])))
    );
    assert!(matches!(range.get_value((1, 2)), Some(Data::DateTime(_))));
    assert_eq!(range.get_value((1, 3)), Some(&Data::Float(12.5)));

    // What Linli writes, Linli reads: the export imports as two residents of one household.
    let report = read_register(&path, &ImportOptions::default()).unwrap();
    assert_eq!(
        report.residents[0].id_number.as_deref(),
        Some(full.as_str())
    );
    assert_eq!(
        report.residents[0].birth_date,
        NaiveDate::from_ymd_opt(1950, 1, 2)
    );
    // The masked number cannot be read as an ID number, and says so.
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].row, 3);
}

/// The sheet's XML: the header row frozen, the header font bold, columns widened to fit.
#[test]
fn xlsx_header_is_bold_and_frozen_and_columns_fit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("居民.xlsx");
    let full = id("35010219500102001");
    write_xlsx(&path, "居民名单", &HEADERS, &rows(&full)).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let read = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let sheet = read(&mut zip, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet}"
    );
    // 身份证号: 18 characters + 2; 姓名: the minimum 6 + 2.
    assert!(
        sheet.contains(r#"<col min="2" max="2" width="20.7109375" customWidth="1"/>"#),
        "{sheet}"
    );
    assert!(
        sheet.contains(r#"<col min="1" max="1" width="8.7109375" customWidth="1"/>"#),
        "{sheet}"
    );
    assert!(read(&mut zip, "xl/styles.xml").contains("<b/>"));
}

#[test]
fn csv_has_bom_crlf_quotes_and_guards_long_digits() {
    let full = id("35010219500102001");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("居民.csv");
    let mut rows = rows(&full);
    rows[1][4] = "3栋,\"东\"".into();
    write_csv(&path, &HEADERS, &rows).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "姓名,身份证号,出生日期,积分,住址");
    assert_eq!(
        lines[1],
        format!("林建国,\t{full},1950-01-02,12.5,3栋1单元101")
    );
    assert!(lines[2].ends_with(",3,\"3栋,\"\"东\"\"\""), "{}", lines[2]);

    let report = read_register(&path, &ImportOptions::default()).unwrap();
    assert_eq!(
        report.residents[0].id_number.as_deref(),
        Some(full.as_str())
    );
}

#[test]
fn masking() {
    assert_eq!(mask_id_number("11010519491231002X"), "1101**********002X");
    assert_eq!(mask_id_number("12345"), "1***5");
}

#[test]
fn a_book_has_several_sheets_with_titles_above_their_headers_and_percentages() {
    use linli_sheets::{write_book, Sheet};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("月报.xlsx");
    let title = vec![
        "北门社区 2026年3月 网格工作月报".to_owned(),
        "统计期：2026-03-01 至 2026-03-31".to_owned(),
    ];
    let figures = vec![
        vec!["走访户次".into(), Cell::Number(42.0), Cell::Number(120.0)],
        vec![
            "走访覆盖率".into(),
            Cell::Percent(0.875),
            Cell::Percent(0.5),
        ],
    ];
    let grids = vec![vec!["第1楼段".into(), Cell::Number(7.0)]];
    write_book(
        &path,
        &[
            Sheet {
                name: "月报",
                title: &title,
                headers: &["项目", "本月", "本年累计"],
                rows: &figures,
            },
            Sheet {
                name: "网格",
                title: &[],
                headers: &["网格", "户数"],
                rows: &grids,
            },
        ],
    )
    .unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["月报", "网格"]);
    let r = book.worksheet_range("月报").unwrap();
    let at = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), Data::String(title[0].clone()));
    assert_eq!(at(1, 0), Data::String(title[1].clone()));
    assert_eq!(at(2, 0), Data::String("项目".into()));
    assert_eq!(at(3, 1), Data::Float(42.0));
    // a rate is kept as the number, shown as a percentage
    assert_eq!(at(4, 1), Data::Float(0.875));
    let g = book.worksheet_range("网格").unwrap();
    assert_eq!(g.get_value((0, 0)), Some(&Data::String("网格".into())));
}
