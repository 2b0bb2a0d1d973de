//! The columns of the lists Linli writes that read back, one table per list: each column's
//! header and the field the importer reads it as. The store writes its headers from these tables
//! and the importer maps a column by them before any other wording, so a header renamed here is
//! renamed on both sides and cannot drift.

use linli_domain::PlaceKind;

use crate::header::Field;

/// One column of a list that reads back: its header and the field it holds (`None`: written for
/// people, such as a household's member count, and not read back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListColumn {
    pub header: &'static str,
    pub field: Option<Field>,
}

const fn col(header: &'static str, field: Field) -> ListColumn {
    ListColumn {
        header,
        field: Some(field),
    }
}

/// The residents list (居民名单): every resident living in a place, with the household's fields
/// on each row. A revealed one is the whole register of the place. 党员 is its own column (是/否),
/// never among the care tags (重点人群).
pub const RESIDENT_COLUMNS: [ListColumn; 19] = [
    col("姓名", Field::Name),
    col("性别", Field::Gender),
    col("出生日期", Field::BirthDate),
    col("公民身份号码", Field::IdNumber),
    col("联系电话", Field::Phone),
    col("与户主关系", Field::Relation),
    col("小区", Field::Compound),
    col("楼栋", Field::Building),
    col("单元", Field::Unit),
    col("门牌号", Field::Room),
    col("人户状态", Field::ResidenceStatus),
    col("重点人群", Field::CareTags),
    col("党员", Field::PartyMember),
    col("备注", Field::Notes),
    col("迁入日期", Field::MovedIn),
    col("住户电话", Field::HouseholdPhone),
    col("流动人口", Field::Floating),
    col("住户标签", Field::HouseholdTags),
    col("住户备注", Field::HouseholdNotes),
];

/// The households list (住户名单): one row per household, its head named. Its 联系电话, 标签 and
/// 备注 are the household's, not a resident's.
pub const HOUSEHOLD_COLUMNS: [ListColumn; 11] = [
    col("小区", Field::Compound),
    col("楼栋", Field::Building),
    col("单元", Field::Unit),
    col("门牌号", Field::Room),
    col("户主姓名", Field::Name),
    col("户主身份证号", Field::IdNumber),
    ListColumn {
        header: "人数",
        field: None,
    },
    col("联系电话", Field::HouseholdPhone),
    col("人户状态", Field::ResidenceStatus),
    col("标签", Field::HouseholdTags),
    col("备注", Field::HouseholdNotes),
];

/// The places list (地点): one row per place, its path from the top written across these
/// columns, one per level.
pub const PLACE_COLUMNS: [(&str, PlaceKind); 6] = [
    ("县（区）", PlaceKind::County),
    ("乡镇（街道）", PlaceKind::Town),
    ("社区", PlaceKind::Community),
    ("小区", PlaceKind::Compound),
    ("楼栋", PlaceKind::Building),
    ("单元", PlaceKind::Unit),
];

/// The volunteers list (志愿者名单) of a community, one row per volunteer; read back by these
/// headers alone ([`crate::read_table`]).
pub mod volunteer {
    pub const NAME: &str = "姓名";
    pub const PHONE: &str = "联系电话";
    /// The ID number of the resident the volunteer is registered as, if any.
    pub const ID_NUMBER: &str = "居民身份证号";
    pub const SKILLS: &str = "特长";
    pub const AVAILABILITY: &str = "服务时间";
    /// The teams the volunteer serves in, 、-separated.
    pub const TEAMS: &str = "服务队";
    /// The teams the volunteer leads, 、-separated (each also in [`TEAMS`]).
    pub const LEADS: &str = "任队长";
    pub const COLUMNS: [&str; 7] = [NAME, PHONE, ID_NUMBER, SKILLS, AVAILABILITY, TEAMS, LEADS];
}

/// The teams list (服务队名单) of a community, one row per team.
pub mod team {
    pub const NAME: &str = "服务队";
    /// The team's kind as the domain labels it (护学岗, 跑腿代办…).
    pub const KIND: &str = "服务队类型";
    /// Written for people; not read back (the volunteers list carries the members).
    pub const MEMBERS: &str = "队员人数";
    pub const COLUMNS: [&str; 3] = [NAME, KIND, MEMBERS];
}

/// The headers of a list, as the store writes them.
pub fn headers(columns: &[ListColumn]) -> Vec<&'static str> {
    columns.iter().map(|c| c.header).collect()
}

/// The list a header row was written as: the households list when it holds every header of that
/// list (its 联系电话, 标签 and 备注 then mean the household's), else none.
pub(crate) fn list_of(header_texts: &[String]) -> Option<&'static [ListColumn]> {
    let has = |h: &str| header_texts.iter().any(|t| t == h);
    HOUSEHOLD_COLUMNS
        .iter()
        .all(|c| has(c.header))
        .then_some(&HOUSEHOLD_COLUMNS[..])
}

/// The field a header names in the residents list, the first wording the importer tries.
pub(crate) fn resident_field(header: &str) -> Option<Field> {
    RESIDENT_COLUMNS
        .iter()
        .find(|c| c.header == header)
        .and_then(|c| c.field)
}

/// Whether a header row is a places list's: it names at least three levels and no person.
pub(crate) fn is_places_header(header_texts: &[String]) -> bool {
    let levels = PLACE_COLUMNS
        .iter()
        .filter(|(h, _)| header_texts.iter().any(|t| t == h))
        .count();
    levels >= 3 && !header_texts.iter().any(|t| t.contains("姓名"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{inspect, write_csv, write_xlsx, Cell, ImportOptions};

    /// A list written with a table's headers is read back by that table, column for column, as
    /// .xlsx and as .csv: a header renamed in the table is renamed for both.
    #[test]
    fn every_list_reads_back_by_its_own_table() {
        let dir = tempfile::tempdir().unwrap();
        for (name, table) in [
            ("居民名单", &RESIDENT_COLUMNS[..]),
            ("住户名单", &HOUSEHOLD_COLUMNS[..]),
        ] {
            let row: Vec<Vec<Cell>> = vec![table.iter().map(|_| Cell::Empty).collect()];
            let want: Vec<(String, Option<Field>)> = table
                .iter()
                .map(|c| (c.header.to_owned(), c.field))
                .collect();
            for ext in ["xlsx", "csv"] {
                let path = dir.path().join(format!("{name}.{ext}"));
                if ext == "xlsx" {
                    write_xlsx(&path, name, &headers(table), &row).unwrap();
                } else {
                    write_csv(&path, &headers(table), &row).unwrap();
                }
                let layouts = inspect(&path, &ImportOptions::default()).unwrap();
                let got: Vec<(String, Option<Field>)> = layouts[0]
                    .columns
                    .iter()
                    .map(|c| (c.header.clone(), c.field))
                    .collect();
                assert_eq!(got, want, "{name}.{ext}");
            }
        }
    }

    #[test]
    fn a_places_header_is_told_from_a_register() {
        let texts = |hs: &[&str]| hs.iter().map(|h| h.to_string()).collect::<Vec<_>>();
        let places: Vec<&str> = PLACE_COLUMNS.iter().map(|(h, _)| *h).collect();
        assert!(is_places_header(&texts(&places)));
        assert!(!is_places_header(&texts(&headers(&RESIDENT_COLUMNS))));
        assert!(!is_places_header(&texts(&headers(&HOUSEHOLD_COLUMNS))));
    }
}
