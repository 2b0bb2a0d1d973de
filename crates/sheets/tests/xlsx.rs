use chrono::NaiveDate;
use linli_sheets::{
    read_register, Field, Gender, ImportOptions, ImportReport, Issue, ResidenceStatus, SheetOutcome,
};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::{full_width, id, id_ending_in_x};

pub struct Ids {
    pub lin: String,
    pub chen: String,
    pub xiao: String,
    pub zhang: String,
    pub li: String,
    pub li2: String,
    pub nameless: String,
}

pub fn ids() -> Ids {
    Ids {
        lin: id("35010219500102001"),
        chen: id("35010219520506002"),
        xiao: id_ending_in_x("35010219800708"),
        zhang: id("35010219910203002"),
        li: id("35010219880315011"),
        li2: id("35010219600101022"),
        nameless: id("35010220000101033"),
    }
}

/// The register as a grid worker would have it. Excel rows in comments.
fn messy_register(path: &std::path::Path) -> Ids {
    let ids = ids();
    let mut book = Workbook::new();
    let fmt = Format::new();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");

    // A first sheet of instructions: it even names the columns, and must still be skipped.
    let help = book.add_worksheet();
    help.set_name("填表说明").unwrap();
    help.write_string(0, 0, "姓名").unwrap();
    help.write_string(0, 1, "身份证号").unwrap();
    help.write_string(1, 0, "填写居民本人姓名").unwrap();

    let ws = book.add_worksheet();
    ws.set_name("居民台账").unwrap();
    // 1: title, 2: filler
    ws.merge_range(0, 0, 0, 12, "鼓楼区某某社区居民信息登记台账", &fmt)
        .unwrap();
    ws.write_string(1, 0, "填报单位：某某社区居委会    填报日期：2024年3月")
        .unwrap();
    // 3–4: two-row header, 地址 merged over 楼栋/单元/门牌号, the rest merged down.
    let top = ["序号", "姓名", "公民身份号码", "性别", "出生日期"];
    for (c, h) in top.iter().enumerate() {
        ws.merge_range(2, c as u16, 3, c as u16, h, &fmt).unwrap();
    }
    ws.merge_range(2, 5, 2, 7, "地址", &fmt).unwrap();
    ws.write_string(3, 5, "楼栋").unwrap();
    ws.write_string(3, 6, "单元").unwrap();
    ws.write_string(3, 7, "门牌号").unwrap();
    for (c, h) in ["与户主关系", "联系电话", "人户状态", "重点人群", "备注"]
        .iter()
        .enumerate()
    {
        ws.merge_range(2, 8 + c as u16, 3, 8 + c as u16, h, &fmt)
            .unwrap();
    }

    let text = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, s: &str| {
        ws.write_string(r, c, s).unwrap();
    };
    // 5–7: one household, address merged down over three members.
    for (c, v) in ["3栋", "1单元", "101"].iter().enumerate() {
        ws.merge_range(4, 5 + c as u16, 6, 5 + c as u16, v, &fmt)
            .unwrap();
    }
    ws.write_number(4, 0, 1).unwrap();
    text(ws, 4, 1, "林建国");
    let spaced = format!("{} {} {}", &ids.lin[..6], &ids.lin[6..14], &ids.lin[14..]);
    text(ws, 4, 2, &spaced);
    text(ws, 4, 3, "男");
    ws.write_datetime_with_format(4, 4, ExcelDateTime::from_ymd(1950, 1, 2).unwrap(), &date)
        .unwrap();
    text(ws, 4, 8, "户主");
    text(ws, 4, 9, "+86 138 0013 8000");
    text(ws, 4, 10, "人户一致");
    text(ws, 4, 11, "独居老人、低保，残疾");

    text(ws, 5, 1, "陈 秀 英");
    text(ws, 5, 2, &full_width(&ids.chen));
    text(ws, 5, 3, "女");
    text(ws, 5, 4, "1952.05.06");
    text(ws, 5, 8, "配偶");
    text(ws, 5, 9, "0591-87654321");
    text(ws, 5, 10, "人在户不在");

    text(ws, 6, 1, "林晓东");
    text(ws, 6, 2, &ids.xiao.to_lowercase());
    text(ws, 6, 4, "1980年7月8日");
    text(ws, 6, 8, "子");
    text(ws, 6, 9, "123");
    text(ws, 6, 12, "在外地工作");

    // 8–9: a household whose ID numbers Excel turned into numbers; address blank below the head.
    text(ws, 7, 1, "黄伟");
    ws.write_number(7, 2, 350102197001010000.0).unwrap();
    text(ws, 7, 5, "3栋");
    text(ws, 7, 6, "1单元");
    text(ws, 7, 7, "102");
    text(ws, 7, 8, "户主");
    text(ws, 8, 1, "黄丽");
    text(ws, 8, 2, "3.50102E+17");
    text(ws, 8, 8, "配偶");

    // 10: wrong check digit; 11: the same ID as row 5; 12: no name.
    let mut wrong = ids.li.clone();
    let last = if wrong.ends_with('1') { "2" } else { "1" };
    wrong.replace_range(17.., last);
    text(ws, 9, 1, "王强");
    text(ws, 9, 2, &wrong);
    text(ws, 9, 5, "3栋");
    text(ws, 9, 6, "2单元");
    text(ws, 9, 7, "201");
    text(ws, 10, 1, "王敏");
    text(ws, 10, 2, &ids.lin);
    text(ws, 11, 2, &ids.nameless);

    // 13: only the room written: building and unit carry down. Gender and birth date disagree.
    text(ws, 12, 1, "张芳");
    text(ws, 12, 2, &ids.zhang);
    text(ws, 12, 3, "男");
    text(ws, 12, 4, "19900101");
    text(ws, 12, 7, "202");
    text(ws, 12, 8, "户主");
    // 14: blank. 15–16: two heads at one address.
    text(ws, 14, 1, "李志明");
    text(ws, 14, 2, &ids.li);
    text(ws, 14, 4, "1988/3/15");
    text(ws, 14, 5, "4栋");
    text(ws, 14, 6, "1单元");
    text(ws, 14, 7, "101");
    text(ws, 14, 8, "户主");
    text(ws, 15, 1, "李桂兰");
    text(ws, 15, 2, &ids.li2);
    text(ws, 15, 5, "4栋");
    text(ws, 15, 6, "1单元");
    text(ws, 15, 7, "101");
    text(ws, 15, 8, "户主");
    // 17: total, 18: note merged across, 19: signature line.
    text(ws, 16, 0, "合计");
    text(ws, 16, 1, "11人");
    ws.merge_range(
        17,
        0,
        17,
        12,
        "注：1. 本表由网格员入户核实后填写；2. 身份证号请设为文本格式。",
        &fmt,
    )
    .unwrap();
    text(ws, 18, 0, "填表人：");
    text(ws, 18, 3, "审核人：");

    // A third sheet with something that is not a register.
    let other = book.add_worksheet();
    other.set_name("统计").unwrap();
    other.write_string(0, 0, "楼栋").unwrap();
    other.write_number(0, 1, 12).unwrap();
    book.save(path).unwrap();
    ids
}

fn issue(sheet: &str, row: u32, reason: &str) -> (String, u32, String) {
    (sheet.into(), row, reason.into())
}

/// An issue's sheet, row and reason, as [`issue`] writes them.
fn seen(list: &[Issue]) -> Vec<(String, u32, String)> {
    list.iter()
        .map(|i| (i.sheet.clone(), i.row, i.reason.clone()))
        .collect()
}

fn read() -> (ImportReport, Ids) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    let ids = messy_register(&path);
    (
        read_register(&path, &ImportOptions::default()).unwrap(),
        ids,
    )
}

#[test]
fn header_found_below_title_with_merged_group() {
    let (report, _) = read();
    let SheetOutcome::Read { layout, residents } = &report.sheets[1] else {
        panic!("居民台账 not read: {:?}", report.sheets)
    };
    assert_eq!(*residents, 6);
    assert_eq!(layout.header_rows, (3, 4));
    let field = |letter: &str| {
        layout
            .columns
            .iter()
            .find(|c| c.letter == letter)
            .map(|c| (c.header.as_str(), c.field))
            .unwrap()
    };
    assert_eq!(field("A"), ("序号", None));
    assert_eq!(field("C"), ("公民身份号码", Some(Field::IdNumber)));
    assert_eq!(field("F"), ("地址/楼栋", Some(Field::Building)));
    assert_eq!(field("G"), ("地址/单元", Some(Field::Unit)));
    assert_eq!(field("H"), ("地址/门牌号", Some(Field::Room)));
    assert_eq!(field("L"), ("重点人群", Some(Field::CareTags)));
}

#[test]
fn instruction_and_foreign_sheets_are_skipped() {
    let (report, _) = read();
    assert_eq!(
        report.sheets[0],
        SheetOutcome::Skipped {
            sheet: "填表说明".into(),
            reason: "填表说明，不是数据，已跳过".into()
        }
    );
    assert!(matches!(&report.sheets[2], SheetOutcome::Skipped { sheet, .. } if sheet == "统计"));
}

#[test]
fn refusals_name_sheet_excel_row_and_reason() {
    let (report, _) = read();
    let s = "居民台账";
    let lost = "身份证号被Excel存成了数字，后几位已丢失，请把该列设为文本后重新录入";
    assert_eq!(
        seen(&report.refused),
        vec![
            issue(s, 8, lost),
            issue(s, 9, lost),
            issue(s, 10, "身份证号校验位错误：最后一位应为2"),
            issue(s, 11, "身份证号与第5行重复"),
            issue(s, 12, "缺少姓名"),
        ]
    );
}

/// Every refusal and warning carries a catalogue code whose Chinese, filled with its arguments,
/// is the reason as written: the window renders the same data in English.
#[test]
fn every_reason_is_a_catalogue_message_with_its_arguments() {
    let (report, _) = read();
    let all: Vec<&Issue> = report.refused.iter().chain(&report.warnings).collect();
    assert!(all.len() >= 9);
    for i in all {
        let m = linli_domain::msg::find(i.code).unwrap_or_else(|| panic!("{}: no message", i.code));
        let args: Vec<(&str, String)> = i
            .args
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        let zh = linli_domain::msg::fill(m.zh, &args, &|f, v| linli_domain::msg::word_zh(f, v));
        assert_eq!(zh, i.reason, "{}", i.code);
    }
    let codes: Vec<&str> = report.refused.iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        [
            "import_digits_lost",
            "import_digits_lost",
            "id_card_checksum",
            "import_id_twice",
            "import_no_name"
        ]
    );
}

#[test]
fn warnings_for_disagreements_phone_and_second_head() {
    let (report, _) = read();
    let s = "居民台账";
    assert_eq!(
        seen(&report.warnings),
        vec![
            issue(s, 7, "联系电话「123」无效，未导入该号码"),
            issue(s, 13, "性别填的是男，身份证号显示为女，已按身份证号导入"),
            issue(
                s,
                13,
                "出生日期填的是1990-01-01，身份证号显示为1991-02-03，已按身份证号导入"
            ),
            issue(s, 16, "同一住址出现第二个户主，已作为另一户导入，请核对"),
        ]
    );
}

#[test]
fn total_note_and_blank_rows_are_skipped_not_refused() {
    let (report, _) = read();
    let rows: Vec<(u32, &str)> = report
        .skipped
        .iter()
        .map(|i| (i.row, i.reason.as_str()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (17, "合计行，已跳过"),
            (18, "说明行，已跳过"),
            (19, "说明行，已跳过")
        ]
    );
    assert_eq!(report.blank_rows, 1);
}

#[test]
fn merged_and_carried_addresses_make_households() {
    let (report, _) = read();
    let summary: Vec<(u32, String, Vec<&str>, Option<&str>)> = report
        .households
        .iter()
        .map(|h| {
            let a = &h.address;
            (
                h.first_row,
                format!(
                    "{}{}{}",
                    a.building.as_deref().unwrap_or(""),
                    a.unit.as_deref().unwrap_or(""),
                    a.room.as_deref().unwrap_or("")
                ),
                h.members
                    .iter()
                    .map(|&m| report.residents[m].name.as_str())
                    .collect(),
                h.head.map(|m| report.residents[m].name.as_str()),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                5,
                "3栋1单元101".into(),
                vec!["林建国", "陈秀英", "林晓东"],
                Some("林建国")
            ),
            (13, "3栋2单元202".into(), vec!["张芳"], Some("张芳")),
            (15, "4栋1单元101".into(), vec!["李志明"], Some("李志明")),
            (16, "4栋1单元101".into(), vec!["李桂兰"], Some("李桂兰")),
        ]
    );
}

#[test]
fn values_are_normalised() {
    let (report, ids) = read();
    let r = &report.residents;
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    // Spaces, full-width digits and a lower-case x all become the plain 18 characters.
    assert_eq!(r[0].id_number.as_deref(), Some(ids.lin.as_str()));
    assert_eq!(r[1].id_number.as_deref(), Some(ids.chen.as_str()));
    assert_eq!(r[2].id_number.as_deref(), Some(ids.xiao.as_str()));
    assert!(ids.xiao.ends_with('X'));
    // A date cell, "1952.05.06", "1980年7月8日", "1988/3/15".
    assert_eq!(r[0].birth_date, d(1950, 1, 2));
    assert_eq!(r[1].birth_date, d(1952, 5, 6));
    assert_eq!(r[2].birth_date, d(1980, 7, 8));
    assert_eq!(r[4].birth_date, d(1988, 3, 15));
    // Gender from the ID number where the sheet leaves it blank.
    assert_eq!(r[2].gender, Some(Gender::Male));
    assert_eq!(r[3].gender, Some(Gender::Female));
    assert_eq!(r[0].phone.as_deref(), Some("13800138000"));
    assert_eq!(r[1].phone.as_deref(), Some("0591-87654321"));
    assert_eq!(r[2].phone, None);
    assert_eq!(r[1].name, "陈秀英");
    assert_eq!(r[0].care_tags, vec!["独居老人", "低保", "残疾"]);
    assert_eq!(r[0].residence, Some(ResidenceStatus::Consistent));
    assert_eq!(r[1].residence, Some(ResidenceStatus::RegisteredElsewhere));
    assert_eq!(r[2].notes.as_deref(), Some("在外地工作"));
    assert_eq!(r[2].relation.as_deref(), Some("子"));
    assert_eq!((r[0].row, r[5].row), (5, 16));
}

#[test]
fn report_serialises_with_refused_and_warnings() {
    let (report, _) = read();
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["refused"][0]["row"], 8);
    assert_eq!(json["refused"][0]["sheet"], "居民台账");
    assert_eq!(json["warnings"].as_array().unwrap().len(), 4);
    assert_eq!(json["residents"][0]["gender"], "male");
}

#[test]
fn choosing_a_sheet_that_does_not_exist_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    messy_register(&path);
    let opts = ImportOptions {
        sheet: Some("Sheet9".into()),
        ..Default::default()
    };
    let err = read_register(&path, &opts).unwrap_err();
    assert_eq!(err.to_string(), "文件中没有名为「Sheet9」的工作表");
    let opts = ImportOptions {
        sheet: Some("填表说明".into()),
        ..Default::default()
    };
    let err = read_register(&path, &opts).unwrap_err();
    assert!(err.to_string().contains("没有可导入的工作表"), "{err}");
}

/// Group row on top (基本信息, 住址 merged across, 序号 merged down), field names below; the first
/// data row has neither name nor ID number and a 人户状态 that contains a header word: it must be
/// refused, not mistaken for a sub-header. A note in the last column saying "共计…" is not a total row.
#[test]
fn group_row_above_and_a_first_row_that_looks_like_a_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("group.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let fmt = Format::new();
    ws.merge_range(0, 0, 1, 0, "序号", &fmt).unwrap();
    ws.merge_range(0, 1, 0, 3, "基本信息", &fmt).unwrap();
    ws.merge_range(0, 4, 0, 6, "住址", &fmt).unwrap();
    ws.merge_range(0, 7, 1, 7, "人户状态", &fmt).unwrap();
    ws.merge_range(0, 8, 1, 8, "备注", &fmt).unwrap();
    for (c, h) in ["姓名", "身份证号", "性别", "楼栋", "单元", "门牌号"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, 1 + c as u16, *h).unwrap();
    }
    let row: [&str; 9] = ["1", "", "", "男", "1", "1", "101", "人户一致", ""];
    for (c, v) in row.iter().enumerate() {
        ws.write_string(2, c as u16, *v).unwrap();
    }
    let b = id("35010219720202022");
    let row: [&str; 9] = [
        "2",
        "周红",
        &b,
        "女",
        "",
        "",
        "",
        "人户一致",
        "共计3人，另2人在外",
    ];
    for (c, v) in row.iter().enumerate() {
        ws.write_string(3, c as u16, *v).unwrap();
    }
    book.save(&path).unwrap();

    let report = read_register(&path, &ImportOptions::default()).unwrap();
    let SheetOutcome::Read { layout, .. } = &report.sheets[0] else {
        panic!("{:?}", report.sheets)
    };
    assert_eq!(layout.header_rows, (1, 2));
    assert_eq!(layout.columns[1].header, "基本信息/姓名");
    assert_eq!(layout.columns[4].header, "住址/楼栋");
    assert_eq!(layout.columns[4].field, Some(Field::Building));
    assert_eq!(layout.columns[7].field, Some(Field::ResidenceStatus));
    assert_eq!(seen(&report.refused), vec![issue("Sheet1", 3, "缺少姓名")]);
    assert_eq!(report.residents.len(), 1);
    assert_eq!(report.residents[0].name, "周红");
    assert_eq!(report.households[0].address.room.as_deref(), Some("101"));
    assert!(report.skipped.is_empty());
}
