use chrono::NaiveDate;
use linli_sheets::{read_register, Field, ImportOptions, SheetOutcome};

use crate::support::{id, xls_bytes, XlsSheet, X};

#[test]
fn biff8_with_merged_header_and_addresses() {
    let (a, b, c) = (
        id("35010219620304015"),
        id("35010219650708026"),
        id("35010219900101037"),
    );
    let mut cells = vec![
        (0, 0, X::T("某某小区住户花名册")),
        (1, 0, X::T("序号")),
        (1, 1, X::T("户主姓名")),
        (1, 2, X::T("身份证号")),
        (1, 3, X::T("住址")),
        (1, 6, X::T("电话")),
        (1, 7, X::T("与户主关系")),
        (1, 8, X::T("出生日期")),
        (2, 3, X::T("栋")),
        (2, 4, X::T("单元")),
        (2, 5, X::T("室")),
    ];
    let born = NaiveDate::from_ymd_opt(1965, 7, 8).unwrap();
    let rows: [(&str, X, &str, X); 4] = [
        ("陈志明", X::S(a.clone()), "户主", X::T("1962.03.04")),
        ("黄桂兰", X::S(b.clone()), "妻", X::D(born)),
        ("陈晓", X::N(350102199001010000.0), "子", X::T("1990/1/1")),
        ("林芳", X::S(c.clone()), "户主", X::T("19900101")),
    ];
    for (i, (name, idn, rel, born_cell)) in rows.into_iter().enumerate() {
        let r = 3 + i as u16;
        cells.push((r, 0, X::N(i as f64 + 1.0)));
        cells.push((r, 1, X::T(name)));
        cells.push((r, 2, idn));
        cells.push((r, 7, X::T(rel)));
        cells.push((r, 8, born_cell));
    }
    cells.extend([
        (3, 3, X::T("7")),
        (3, 4, X::T("1")),
        (3, 5, X::T("501")),
        (3, 6, X::N(13912345678.0)),
        (6, 3, X::T("7")),
        (6, 4, X::T("1")),
        (6, 5, X::T("502")),
        (8, 0, X::T("合计")),
    ]);
    let mut merges = vec![(0, 0, 0, 8), (1, 1, 3, 5)];
    merges.extend([0u16, 1, 2, 6, 7, 8].map(|c| (1, 2, c, c)));
    merges.extend([3u16, 4, 5].map(|c| (3, 5, c, c)));
    let bytes = xls_bytes(&[XlsSheet {
        name: "花名册",
        cells,
        merges,
    }]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("花名册.xls");
    std::fs::write(&path, bytes).unwrap();

    let report = read_register(&path, &ImportOptions::default()).unwrap();
    let SheetOutcome::Read { layout, .. } = &report.sheets[0] else {
        panic!("{:?}", report.sheets)
    };
    assert_eq!(layout.header_rows, (2, 3));
    let fields: Vec<Option<Field>> = layout.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            None,
            Some(Field::Name),
            Some(Field::IdNumber),
            Some(Field::Building),
            Some(Field::Unit),
            Some(Field::Room),
            Some(Field::Phone),
            Some(Field::Relation),
            Some(Field::BirthDate),
        ]
    );
    let names: Vec<&str> = report.residents.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["陈志明", "黄桂兰", "林芳"]);
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].row, 6);
    assert!(report.refused[0].reason.contains("Excel存成了数字"));
    // The merged address 7-1-501 covers rows 4–6; row 7 is another flat.
    assert_eq!(report.households.len(), 2);
    assert_eq!(report.households[0].members, [0, 1]);
    assert_eq!(report.households[0].address.room.as_deref(), Some("501"));
    assert_eq!(report.households[1].address.room.as_deref(), Some("502"));
    // A phone typed as a number keeps all eleven digits.
    assert_eq!(report.residents[0].phone.as_deref(), Some("13912345678"));
    assert_eq!(report.residents[1].id_number.as_deref(), Some(b.as_str()));
    assert_eq!(
        report.residents[0].birth_date.unwrap().to_string(),
        "1962-03-04"
    );
    assert_eq!(report.skipped.len(), 1);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}
