use chrono::NaiveDate;
use linli_sheets::{read_register, Gender, ImportOptions, ImportReport, ResidenceStatus};

use crate::support::id;

fn register(ids: &[String; 4]) -> String {
    let [zheng, wu, liu, child] = ids;
    let lost = format!("{}000", &child[..15]);
    [
        "某某社区人口信息表,,,,,,,,,,".to_string(),
        ",,,,,,,,,,".into(),
        "居民姓名,身份证号码,性别,出生日期,楼号,单元,房号,与户主关系,手机号码,人户状态,重点人群,备注".into(),
        format!("郑强,{zheng},男,1975-06-01,5,2,301,户主,138 0013 8001,人户一致,退役军人/低保,"),
        format!("吴丽,{wu},女,19770203,,,,妻子,,户在人不在,,\"腿脚不便,需上门\""),
        format!("郑子涵,{lost},女,2005-01-01,,,,女,,,,"),
        ",,,,,,,,,,,".into(),
        format!("刘敏,{liu},女,1988年3月15日,5,2,302,户主,0591 8765 4321,,独居老人 残疾,"),
        format!("刘一诺,{zheng},女,,,,,女,,,,"),
        "总计,3户,,,,,,,,,,".into(),
        "说明：本表数据截至2024年3月,,,,,,,,,,,".into(),
    ]
    .join("\r\n")
}

fn ids() -> [String; 4] {
    [
        id("35010219750601013"),
        id("35010219770203024"),
        id("35010219880315028"),
        id("35010220050101026"),
    ]
}

fn read(bytes: &[u8]) -> ImportReport {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("人口信息.csv");
    std::fs::write(&path, bytes).unwrap();
    read_register(&path, &ImportOptions::default()).unwrap()
}

fn check(report: &ImportReport, ids: &[String; 4]) {
    let names: Vec<&str> = report.residents.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["郑强", "吴丽", "刘敏"]);
    let refused: Vec<(u32, &str)> = report
        .refused
        .iter()
        .map(|i| (i.row, i.reason.as_str()))
        .collect();
    assert_eq!(
        refused,
        [
            (
                6,
                "身份证号被Excel存成了数字，后几位已丢失，请把该列设为文本后重新录入"
            ),
            (9, "身份证号与第4行重复"),
        ]
    );
    assert_eq!(report.refused[0].sheet, "人口信息");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let skipped: Vec<u32> = report.skipped.iter().map(|i| i.row).collect();
    assert_eq!(skipped, [10, 11]);

    // Blank address below the head: same household.
    assert_eq!(report.households.len(), 2);
    assert_eq!(report.households[0].members, [0, 1]);
    assert_eq!(report.households[0].address.room.as_deref(), Some("301"));
    assert_eq!(report.households[1].address.room.as_deref(), Some("302"));
    assert_eq!(report.households[1].address.building.as_deref(), Some("5"));

    let r = &report.residents;
    assert_eq!(r[0].id_number.as_deref(), Some(ids[0].as_str()));
    assert_eq!(r[0].phone.as_deref(), Some("13800138001"));
    assert_eq!(r[0].care_tags, ["退役军人", "低保"]);
    assert_eq!(r[1].birth_date, NaiveDate::from_ymd_opt(1977, 2, 3));
    assert_eq!(r[1].gender, Some(Gender::Female));
    assert_eq!(r[1].residence, Some(ResidenceStatus::LivingElsewhere));
    assert_eq!(r[1].notes.as_deref(), Some("腿脚不便,需上门"));
    assert_eq!(r[2].birth_date, NaiveDate::from_ymd_opt(1988, 3, 15));
    assert_eq!(r[2].phone.as_deref(), Some("0591-87654321"));
    assert_eq!(r[2].care_tags, ["独居老人", "残疾"]);
}

#[test]
fn gbk_as_wps_saves_it() {
    let ids = ids();
    let text = register(&ids);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the test file must really be GBK"
    );
    check(&read(&gbk), &ids);
}

#[test]
fn utf8_with_and_without_bom() {
    let ids = ids();
    let text = register(&ids);
    check(&read(text.as_bytes()), &ids);
    check(&read(format!("\u{feff}{text}").as_bytes()), &ids);
}

fn households_of(text: &str) -> Vec<Vec<String>> {
    let report = read(text.as_bytes());
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    report
        .households
        .iter()
        .map(|h| {
            h.members
                .iter()
                .map(|&m| report.residents[m].name.clone())
                .collect()
        })
        .collect()
}

/// One 地址 column carried down; without address columns 户主 opens a household; with neither,
/// every resident is a household of one.
#[test]
fn households_without_building_columns() {
    let [a, b, c, d] = ids();
    let by_address = format!(
        "姓名,身份证号,家庭住址,与户主关系\n甲,{a},某某路1号,户主\n乙,{b},,妻\n丙,{c},某某路2号,户主\n丁,{d},,子\n"
    );
    assert_eq!(households_of(&by_address), [["甲", "乙"], ["丙", "丁"]]);
    let by_relation = format!("姓名,身份证号,与户主关系\n甲,{a},户主\n乙,{b},子\n丙,{c},户主\n");
    assert_eq!(households_of(&by_relation), [vec!["甲", "乙"], vec!["丙"]]);
    let flat = format!("姓名,身份证号\n甲,{a}\n乙,{b}\n");
    assert_eq!(households_of(&flat), [["甲"], ["乙"]]);
}

/// 党员 is read from a 党员 column (是/否, as Linli writes it) or from a 政治面貌 column as offices
/// keep it; wording that says neither is a warning on its row, and the resident still imports.
#[test]
fn party_membership_from_its_own_column_or_a_political_status() {
    let [a, b, c, d] = ids();
    let report = read(
        format!(
            "姓名,身份证号,与户主关系,政治面貌\n甲,{a},户主,中共党员\n乙,{b},妻,群众\n丙,{c},子,\n丁,{d},女,不清楚\n"
        )
        .as_bytes(),
    );
    let party: Vec<Option<bool>> = report.residents.iter().map(|r| r.party_member).collect();
    assert_eq!(party, [Some(true), Some(false), None, None]);
    let warnings: Vec<(u32, &str)> = report
        .warnings
        .iter()
        .map(|i| (i.row, i.reason.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [(5, "党员「不清楚」无法识别（请填“是”或“否”），未导入")]
    );
    let own = read(format!("姓名,身份证号,党员\n甲,{a},是\n乙,{b},否\n").as_bytes());
    let party: Vec<Option<bool>> = own.residents.iter().map(|r| r.party_member).collect();
    assert_eq!(party, [Some(true), Some(false)]);
}
