//! Finding the header in a real sheet and mapping its wording to fields.
//!
//! The header row is the first of the top 30 rows that names at least two known fields, one of
//! them the name or the ID number; title and filler rows above it are skipped. A two-row header is
//! read as one: the row below is a sub-header when it holds a known wording and writes only under
//! header cells that are blank or merged across columns (like 地址 over 楼栋/单元/门牌号); the
//! row above is a group row when a merge anchored there reaches down into the header row. Words
//! in a saved [`Mapping`] count as known. Each column's header is the texts of its header rows, top to bottom, joined with
//! `/` ("地址/楼栋"); the field is taken from the most specific (lowest) text that is recognised.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::columns;
use crate::error::{Error, Result};
use crate::grid::Grid;

/// What a column of a register holds (the protocol's `ImportField`: one type for both).
pub use linli_domain::register::ImportField as Field;

/// Exact wordings, with a score: the higher, the surer. "户主姓名" scores below "姓名" so that a
/// sheet with both maps the resident's own name.
const EXACT: &[(&str, Field, u8)] = &[
    ("姓名", Field::Name, 10),
    ("居民姓名", Field::Name, 10),
    ("成员姓名", Field::Name, 10),
    ("人员姓名", Field::Name, 10),
    ("户主姓名", Field::Name, 8),
    ("公民身份号码", Field::IdNumber, 10),
    ("身份证号", Field::IdNumber, 10),
    ("身份证号码", Field::IdNumber, 10),
    ("身份证", Field::IdNumber, 10),
    ("证件号码", Field::IdNumber, 9),
    ("联系电话", Field::Phone, 10),
    ("手机号码", Field::Phone, 10),
    ("手机号", Field::Phone, 10),
    ("电话", Field::Phone, 10),
    ("手机", Field::Phone, 10),
    ("联系方式", Field::Phone, 9),
    ("楼栋", Field::Building, 10),
    ("楼号", Field::Building, 10),
    ("栋", Field::Building, 10),
    ("幢", Field::Building, 10),
    ("楼栋号", Field::Building, 10),
    ("单元", Field::Unit, 10),
    ("单元号", Field::Unit, 10),
    ("门牌号", Field::Room, 10),
    ("房号", Field::Room, 10),
    ("室", Field::Room, 10),
    ("房间号", Field::Room, 10),
    ("户室号", Field::Room, 10),
    ("地址", Field::Address, 10),
    ("住址", Field::Address, 10),
    ("现住址", Field::Address, 10),
    ("家庭住址", Field::Address, 10),
    ("居住地址", Field::Address, 10),
    ("与户主关系", Field::Relation, 10),
    ("与户主的关系", Field::Relation, 10),
    ("关系", Field::Relation, 9),
    ("性别", Field::Gender, 10),
    ("出生日期", Field::BirthDate, 10),
    ("出生年月", Field::BirthDate, 10),
    ("出生年月日", Field::BirthDate, 10),
    ("生日", Field::BirthDate, 9),
    ("人户状态", Field::ResidenceStatus, 10),
    ("人户情况", Field::ResidenceStatus, 10),
    ("居住状态", Field::ResidenceStatus, 9),
    ("重点人群", Field::CareTags, 10),
    ("重点人群类别", Field::CareTags, 10),
    ("人群类别", Field::CareTags, 9),
    ("特殊人群", Field::CareTags, 9),
    ("人员类别", Field::CareTags, 8),
    ("备注", Field::Notes, 10),
    ("户主电话", Field::Phone, 8),
    ("小区名称", Field::Compound, 10),
    ("所在小区", Field::Compound, 10),
    ("居住小区", Field::Compound, 10),
    ("迁入时间", Field::MovedIn, 10),
    ("入住日期", Field::MovedIn, 9),
    ("户联系电话", Field::HouseholdPhone, 9),
    ("是否流动人口", Field::Floating, 10),
    ("是否党员", Field::PartyMember, 10),
    ("政治面貌", Field::PartyMember, 9),
];

/// Keywords tried in this order when no exact wording matches ("与户主关系" must meet 关系
/// before 户主, "身份证号码(18位)" 身份证 before anything else).
const CONTAINS: &[(&str, Field)] = &[
    ("关系", Field::Relation),
    ("身份证", Field::IdNumber),
    ("身份号码", Field::IdNumber),
    ("证件号", Field::IdNumber),
    ("姓名", Field::Name),
    ("电话", Field::Phone),
    ("手机", Field::Phone),
    ("出生", Field::BirthDate),
    ("性别", Field::Gender),
    ("人户", Field::ResidenceStatus),
    ("重点", Field::CareTags),
    ("人群", Field::CareTags),
    ("备注", Field::Notes),
    ("单元", Field::Unit),
    ("门牌", Field::Room),
    ("房号", Field::Room),
    ("楼栋", Field::Building),
    ("楼号", Field::Building),
    ("住址", Field::Address),
    ("地址", Field::Address),
    ("小区", Field::Compound),
    ("迁入", Field::MovedIn),
    ("流动", Field::Floating),
];

/// Drops spaces, line breaks, stars marking required columns, colons and anything in brackets.
fn clean(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in header.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '*' | '＊' | ':' | '：') => {}
            c => out.push(c),
        }
    }
    out
}

/// The field a header text names, with a score (0 when none).
pub(crate) fn recognise(header: &str) -> Option<(Field, u8)> {
    let h = clean(header);
    if h.is_empty() || h.chars().count() > 12 {
        return None;
    }
    if let Some(&(_, f, s)) = EXACT.iter().find(|(w, _, _)| *w == h) {
        return Some((f, s));
    }
    if let Some(f) = columns::resident_field(&h) {
        return Some((f, 10));
    }
    CONTAINS
        .iter()
        .find(|(w, _)| h.contains(w))
        .map(|&(_, f)| (f, 5))
}

/// One column of a sheet as found: its header text and the field it was mapped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// 0-based column index.
    pub index: u32,
    /// The column's letter as Excel shows it ("A", "AB").
    pub letter: String,
    /// Header texts of the header rows, top to bottom, joined with "/".
    pub header: String,
    pub field: Option<Field>,
}

/// Where a sheet's header is and how its columns map; shown to the user for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLayout {
    pub sheet: String,
    /// First and last header row, as Excel numbers them (1-based).
    pub header_rows: (u32, u32),
    pub columns: Vec<Column>,
}

impl SheetLayout {
    pub(crate) fn column_of(&self, field: Field) -> Option<u32> {
        self.columns
            .iter()
            .find(|c| c.field == Some(field))
            .map(|c| c.index)
    }

    pub(crate) fn data_start(&self) -> u32 {
        self.header_rows.1 // the 0-based index of the row after the last header row
    }
}

/// The user's corrections, saved as JSON and applied on the next import: a header text (as in
/// [`Column::header`], or any one of its `/`-separated parts) mapped to a field, or to `null` to
/// ignore a column the automatic mapping would have used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    #[serde(default)]
    pub headers: BTreeMap<String, Option<Field>>,
}

impl Mapping {
    /// The mapping the layouts show, ready to be reviewed and saved.
    pub fn from_layouts(layouts: &[SheetLayout]) -> Mapping {
        let mut headers = BTreeMap::new();
        for c in layouts.iter().flat_map(|l| &l.columns) {
            if !c.header.is_empty() {
                headers.insert(c.header.clone(), c.field);
            }
        }
        Mapping { headers }
    }

    pub fn from_json(json: &str) -> Result<Mapping> {
        serde_json::from_str(json).map_err(Error::Mapping)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a mapping always serialises")
    }

    pub fn load(path: &Path) -> Result<Mapping> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Mapping::from_json(&text)
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_json()).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    fn lookup(&self, header: &str) -> Option<Option<Field>> {
        if let Some(f) = self.headers.get(header) {
            return Some(*f);
        }
        header
            .rsplit('/')
            .find_map(|part| self.headers.get(part).copied())
    }
}

/// Names of sheets that explain the form rather than hold data.
fn is_instructions(name: &str) -> bool {
    ["说明", "填表", "目录", "字典", "示例", "下拉"]
        .iter()
        .any(|w| name.contains(w))
}

/// Why a sheet has no layout.
pub(crate) enum NoLayout {
    Instructions,
    NoHeader,
}

fn field_of(text: &str, mapping: Option<&Mapping>) -> Option<Field> {
    match mapping.and_then(|m| m.lookup(text)) {
        Some(choice) => choice,
        None => recognise(text).map(|(f, _)| f),
    }
}

fn row_fields(grid: &Grid, row: u32, mapping: Option<&Mapping>) -> HashMap<Field, u32> {
    let mut found = HashMap::new();
    for c in 0..grid.width() {
        if grid.covering(row, c).is_some() {
            continue;
        }
        if let Some(f) = field_of(&grid.raw(row, c).text(), mapping) {
            found.entry(f).or_insert(c);
        }
    }
    found
}

/// A header cell that a sub-header may sit under: blank, or part of a merge across columns.
fn open_above(grid: &Grid, row: u32, col: u32) -> bool {
    let across = |m: &crate::grid::Merge| m.first_col < m.last_col && m.first_row == row;
    grid.shown(row, col).is_empty()
        || grid.covering(row, col).is_some_and(across)
        || grid
            .merges
            .iter()
            .any(|m| across(m) && (m.first_row, m.first_col) == (row, col))
}

pub(crate) fn detect(grid: &Grid, mapping: Option<&Mapping>) -> Result<SheetLayout, NoLayout> {
    if is_instructions(&grid.name) {
        return Err(NoLayout::Instructions);
    }
    let scan = grid.height().min(30);
    let (h, _) = (0..scan)
        .map(|r| (r, row_fields(grid, r, mapping)))
        .find(|(_, f)| {
            f.len() >= 2 && (f.contains_key(&Field::Name) || f.contains_key(&Field::IdNumber))
        })
        .ok_or(NoLayout::NoHeader)?;

    // A group row above: a merge anchored there reaches down into the header row.
    let first = if h > 0
        && grid
            .merges
            .iter()
            .any(|m| m.first_row == h - 1 && m.last_row >= h)
    {
        h - 1
    } else {
        h
    };
    // A sub-header below: a recognised wording, and every written cell under a blank or
    // merged-across header cell (a data row writes under 姓名 or 人户状态, a sub-header cannot).
    let below = h + 1;
    let written: Vec<u32> = (0..grid.width())
        .filter(|&c| !grid.raw(below, c).is_empty())
        .collect();
    let last = if below < grid.height()
        && written.iter().all(|&c| open_above(grid, h, c))
        && written
            .iter()
            .any(|&c| field_of(&grid.raw(below, c).text(), mapping).is_some())
    {
        below
    } else {
        h
    };
    let texts: Vec<Vec<String>> = (0..grid.width())
        .map(|c| {
            let mut parts: Vec<String> = Vec::new();
            for r in first..=last {
                let t = grid.shown(r, c).text().replace(['\n', '\r'], "");
                if !t.is_empty() && parts.last() != Some(&t) {
                    parts.push(t);
                }
            }
            parts
        })
        .collect();
    // A list Linli wrote is read by the table it was written with.
    let list = columns::list_of(&texts.iter().map(|p| p.join("/")).collect::<Vec<_>>());
    let mut columns = Vec::new();
    for (c, parts) in (0..grid.width()).zip(texts) {
        let header = parts.join("/");
        let listed = list.and_then(|l| l.iter().find(|col| col.header == header));
        let auto = match listed {
            Some(col) => col.field.map(|f| (f, 50)),
            None => parts.iter().rev().find_map(|p| recognise(p)),
        };
        let (field, score) = match mapping.and_then(|m| m.lookup(&header)) {
            Some(Some(f)) => (Some(f), 100),
            Some(None) => (None, 0),
            None => (auto.map(|a| a.0), auto.map_or(0, |a| a.1)),
        };
        columns.push((
            Column {
                index: c,
                letter: column_letter(c),
                header,
                field,
            },
            score,
        ));
    }
    // One column per field: the best score wins, the leftmost on a tie.
    let mut best: HashMap<Field, (u8, u32)> = HashMap::new();
    for (col, score) in &columns {
        if let Some(f) = col.field {
            let e = best.entry(f).or_insert((*score, col.index));
            if *score > e.0 {
                *e = (*score, col.index);
            }
        }
    }
    let columns = columns
        .into_iter()
        .map(|(mut col, _)| {
            if let Some(f) = col.field {
                if best[&f].1 != col.index {
                    col.field = None;
                }
            }
            col
        })
        .collect();
    Ok(SheetLayout {
        sheet: grid.name.clone(),
        header_rows: (first + 1, last + 1),
        columns,
    })
}

/// `0 → A`, `25 → Z`, `26 → AA`.
pub fn column_letter(mut index: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordings() {
        let f = |h| recognise(h).map(|x| x.0);
        assert_eq!(f("户主姓名"), Some(Field::Name));
        assert_eq!(f("公民身份号码"), Some(Field::IdNumber));
        assert_eq!(f("身份证号码（18位）"), Some(Field::IdNumber));
        assert_eq!(f("*联系电话"), Some(Field::Phone));
        assert_eq!(f("与户主关系"), Some(Field::Relation));
        assert_eq!(f("门 牌 号"), Some(Field::Room));
        assert_eq!(f("序号"), None);
        assert_eq!(f("某某社区居民信息登记台账（2024年）"), None);
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27 * 26), "AAA");
    }
}
