//! Reading a register: rows → residents grouped into households, with refusals and warnings.
//!
//! Households. The address columns (楼栋, 单元, 门牌号, or one 地址) decide membership:
//! - A covered cell of a vertical merge shows its anchor's value, so a merged address applies to
//!   every row under it.
//! - A blank address carries down from the row above, level by level: a row that writes only the
//!   room keeps the building and unit above it; a row that writes the building starts afresh, and
//!   its blank unit stays blank (a bungalow has no unit).
//! - A new address starts a new household. At the same address, a second 户主/本人 starts another
//!   household (two households sharing a flat), with a warning so the user can check.
//! - With no address columns at all, 户主 starts a household and the rows after it join it; with
//!   neither address nor relation columns, each resident is a household of one.
//!
//! Refusals (the row is not imported): missing name; an ID number with a wrong check digit, a
//! wrong length or an impossible birth date; an ID number whose digits Excel lost; the same ID
//! number as an earlier row of the file.
//! Warnings (imported, to be checked): gender or birth date disagreeing with the ID number (the ID
//! number wins); an unreadable birth date or gender; an invalid phone (the resident is imported
//! without it: a person matters more than a number); a missing ID number; a second head at one
//! address; a missing address.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::grid::{self, Grid, Value};
use crate::header::{self, Field, Mapping, NoLayout, SheetLayout};
use crate::normalize::{self, IdProblem};
use crate::report::{Address, Household, ImportReport, Issue, Resident, SheetOutcome};
use crate::validate::phone::Phone;
use crate::Said;
use linli_domain::{args, msg};

/// Choices the user made before reading.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Read only this sheet.
    pub sheet: Option<String>,
    /// Header corrections, applied before the automatic mapping.
    pub mapping: Option<Mapping>,
}

/// The layouts the importer would use, for the user to review before reading.
pub fn inspect(path: &Path, options: &ImportOptions) -> Result<Vec<SheetLayout>> {
    let grids = selected(grid::load(path)?, options)?;
    Ok(grids
        .iter()
        .filter_map(|g| header::detect(g, options.mapping.as_ref()).ok())
        .collect())
}

/// Reads a register file (.xlsx, .xls, .csv) into a report. Writes nothing anywhere.
pub fn read_register(path: &Path, options: &ImportOptions) -> Result<ImportReport> {
    let grids = selected(grid::load(path)?, options)?;
    let mut reader = Reader {
        report: ImportReport {
            file: path.display().to_string(),
            sheets: Vec::new(),
            households: Vec::new(),
            residents: Vec::new(),
            refused: Vec::new(),
            warnings: Vec::new(),
            skipped: Vec::new(),
            blank_rows: 0,
        },
        ids: HashMap::new(),
    };
    for g in &grids {
        match header::detect(g, options.mapping.as_ref()) {
            Ok(layout) => {
                let before = reader.report.residents.len();
                reader.sheet(g, &layout);
                let residents = reader.report.residents.len() - before;
                reader
                    .report
                    .sheets
                    .push(SheetOutcome::Read { layout, residents });
            }
            Err(why) => reader.report.sheets.push(SheetOutcome::Skipped {
                sheet: g.name.clone(),
                reason: match why {
                    NoLayout::Instructions => "填表说明，不是数据，已跳过".into(),
                    NoLayout::NoHeader => "没有找到姓名、身份证号等表头，已跳过".into(),
                },
            }),
        }
    }
    if !reader
        .report
        .sheets
        .iter()
        .any(|s| matches!(s, SheetOutcome::Read { .. }))
    {
        return Err(Error::NoData(path.display().to_string()));
    }
    Ok(reader.report)
}

fn selected(grids: Vec<Grid>, options: &ImportOptions) -> Result<Vec<Grid>> {
    match &options.sheet {
        None => Ok(grids),
        Some(name) => {
            let g: Vec<Grid> = grids.into_iter().filter(|g| &g.name == name).collect();
            if g.is_empty() {
                Err(Error::SheetNotFound(name.clone()))
            } else {
                Ok(g)
            }
        }
    }
}

struct Reader {
    report: ImportReport,
    /// Normalised ID number → (sheet, Excel row) of its first occurrence in the file.
    ids: HashMap<String, (String, u32)>,
}

/// The household being filled while walking down a sheet.
struct Current {
    address: Address,
    household: Option<usize>,
    has_head: bool,
}

const TOTAL_WORDS: [&str; 5] = ["合计", "总计", "小计", "共计", "总数"];
const NOTE_WORDS: [&str; 9] = [
    "注:",
    "注：",
    "注1",
    "注、",
    "说明",
    "填表人",
    "制表人",
    "审核人",
    "填报人",
];

impl Reader {
    fn sheet(&mut self, g: &Grid, layout: &SheetLayout) {
        let col = |f: Field| layout.column_of(f);
        // Address columns from the widest level down: a level written starts afresh below it.
        let c_address = [
            col(Field::Compound),
            col(Field::Building),
            col(Field::Unit),
            col(Field::Room),
            col(Field::Address),
        ];
        let has_address = c_address.iter().any(Option::is_some);
        // A list of heads (户主姓名 and no relation column): every row is a household's head.
        let heads_only = col(Field::Relation).is_none()
            && layout
                .columns
                .iter()
                .any(|c| c.field == Some(Field::Name) && c.header.contains("户主"));
        let mapped: Vec<u32> = layout
            .columns
            .iter()
            .filter(|c| c.field.is_some())
            .map(|c| c.index)
            .collect();
        let mut cur = Current {
            address: Address::default(),
            household: None,
            has_head: false,
        };
        let header_end = layout.data_start();
        let sheet = g.name.clone();
        for r in header_end..g.height() {
            let row = r + 1;
            let issue = |reason: Said| Issue::new(sheet.clone(), row, reason);
            if g.row_is_blank(r) {
                self.report.blank_rows += 1;
                continue;
            }
            if let Some(kind) = skip_kind(g.row_cells(r)) {
                self.report.skipped.push(issue(Said::new(kind, vec![])));
                continue;
            }
            // A cell of this row, with merges anchored inside the data area shown through.
            let cell = |c: Option<u32>| -> &Value {
                let Some(c) = c else { return &Value::Empty };
                match g.covering(r, c) {
                    Some(m) if m.first_row >= header_end => g.raw(m.first_row, m.first_col),
                    _ => g.raw(r, c),
                }
            };
            if mapped.iter().all(|&c| cell(Some(c)).is_empty()) {
                // Only a serial number (序号) or such: a pre-numbered empty template row.
                self.report.blank_rows += 1;
                continue;
            }

            // Address, carried down level by level.
            let given = c_address.map(|c| normalize::place_part(cell(c)));
            let top = given.iter().position(Option::is_some);
            let prev = cur.address.parts();
            let parts: [Option<String>; 5] = std::array::from_fn(|i| match top {
                Some(t) if i >= t => given[i].clone(),
                _ => prev[i].clone(),
            });
            let address = Address::from_parts(parts);

            let relation = Some(cell(col(Field::Relation)).text())
                .filter(|s| !s.is_empty())
                .or_else(|| heads_only.then(|| "户主".to_owned()));
            let head = relation.as_deref().is_some_and(normalize::is_head);
            let mut warnings = Vec::new();
            let new_household = if has_address {
                if cur.household.is_none() || address != cur.address {
                    true
                } else if head && cur.has_head {
                    warnings.push(Said::new(msg::IMPORT_SECOND_HEAD, vec![]));
                    true
                } else {
                    false
                }
            } else {
                cur.household.is_none() || head || col(Field::Relation).is_none()
            };
            if new_household {
                cur = Current {
                    address: address.clone(),
                    household: None,
                    has_head: false,
                };
            }
            if has_address && address.is_empty() {
                warnings.push(Said::new(msg::IMPORT_NO_ADDRESS, vec![]));
            }

            // The resident.
            let name = normalize::name(&cell(col(Field::Name)).text());
            if name.is_empty() {
                self.report
                    .refused
                    .push(issue(Said::new(msg::IMPORT_NO_NAME, vec![])));
                continue;
            }
            let id = match normalize::id_number(cell(col(Field::IdNumber))) {
                Ok(id) => id,
                Err(IdProblem::Masked) => {
                    self.report
                        .refused
                        .push(issue(normalize::masked("身份证号")));
                    continue;
                }
                Err(IdProblem::DigitsLost) => {
                    self.report
                        .refused
                        .push(issue(Said::new(msg::IMPORT_DIGITS_LOST, vec![])));
                    continue;
                }
                Err(IdProblem::Invalid(why)) => {
                    self.report.refused.push(issue(why));
                    continue;
                }
            };
            if let Some(id) = &id {
                if let Some((s, first)) = self.ids.get(id.as_str()) {
                    let reason = if *s == sheet {
                        Said::new(msg::IMPORT_ID_TWICE, args![first = first])
                    } else {
                        Said::new(msg::IMPORT_ID_TWICE_SHEET, args![sheet = s, first = first])
                    };
                    self.report.refused.push(issue(reason));
                    continue;
                }
                self.ids
                    .insert(id.as_str().to_string(), (sheet.clone(), row));
            } else {
                warnings.push(Said::new(msg::IMPORT_NO_ID, vec![]));
            }

            let gender_cell = cell(col(Field::Gender)).text();
            let mut gender = normalize::gender(&gender_cell);
            if gender.is_none() && !gender_cell.is_empty() {
                warnings.push(Said::new(
                    msg::IMPORT_GENDER_UNREAD,
                    args![value = gender_cell],
                ));
            }
            let birth_cell = cell(col(Field::BirthDate));
            let mut birth_date = normalize::date(birth_cell);
            if birth_date.is_none() && !birth_cell.is_empty() {
                warnings.push(Said::new(
                    msg::IMPORT_BIRTH_UNREAD,
                    args![value = birth_cell.text()],
                ));
            }
            if let Some(id) = &id {
                let g_id = id.gender();
                if gender.is_some_and(|g| g != g_id) {
                    warnings.push(Said::new(
                        msg::IMPORT_GENDER_FROM_ID,
                        args![given = gender.unwrap_or(g_id).code(), id = g_id.code()],
                    ));
                }
                gender = Some(g_id);
                let (y, m, d) = id.birth_date();
                // `ResidentId::parse` has checked that the date exists.
                if let Some(b_id) =
                    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                {
                    if birth_date.is_some_and(|b| b != b_id) {
                        warnings.push(Said::new(
                            msg::IMPORT_BIRTH_FROM_ID,
                            args![given = birth_date.unwrap_or(b_id), id = b_id],
                        ));
                    }
                    birth_date = Some(b_id);
                }
            }

            let phone_cell = cell(col(Field::Phone)).text();
            let household_phone_cell = cell(col(Field::HouseholdPhone)).text();
            if [&phone_cell, &household_phone_cell]
                .iter()
                .any(|p| p.contains(['*', '＊']))
            {
                self.report
                    .refused
                    .push(issue(normalize::masked("联系电话")));
                continue;
            }
            let mut phone_or_warn = |text: &str, what: &'static str| -> Option<String> {
                if text.is_empty() {
                    return None;
                }
                let p = phone_of(text);
                if p.is_none() {
                    warnings.push(Said::new(
                        msg::IMPORT_PHONE_INVALID,
                        args![what = what, value = text],
                    ));
                }
                p
            };
            let phone = phone_or_warn(&phone_cell, "联系电话");
            let household_phone = phone_or_warn(&household_phone_cell, "住户电话");
            let floating_cell = cell(col(Field::Floating)).text();
            let floating = normalize::yes_no(&floating_cell).unwrap_or_else(|text| {
                warnings.push(Said::new(msg::IMPORT_FLOATING_UNREAD, args![value = text]));
                None
            });
            let party_member = normalize::party_member(&cell(col(Field::PartyMember)).text())
                .unwrap_or_else(|text| {
                    warnings.push(Said::new(msg::IMPORT_PARTY_UNREAD, args![value = text]));
                    None
                });
            let moved_in_cell = cell(col(Field::MovedIn));
            let moved_in = normalize::date(moved_in_cell);
            if moved_in.is_none() && !moved_in_cell.is_empty() {
                warnings.push(Said::new(
                    msg::IMPORT_MOVED_IN_UNREAD,
                    args![value = moved_in_cell.text()],
                ));
            }

            let residence = normalize::residence(&cell(col(Field::ResidenceStatus)).text())
                .unwrap_or_else(|text| {
                    warnings.push(Said::new(msg::IMPORT_RESIDENCE_UNREAD, args![value = text]));
                    None
                });

            // Accepted: join or open the household.
            let hh = match cur.household {
                Some(h) => h,
                None => {
                    self.report.households.push(Household {
                        sheet: sheet.clone(),
                        first_row: row,
                        address: address.clone(),
                        head: None,
                        members: Vec::new(),
                        phone: None,
                        floating: None,
                        tags: Vec::new(),
                        notes: None,
                    });
                    let h = self.report.households.len() - 1;
                    cur.household = Some(h);
                    h
                }
            };
            let index = self.report.residents.len();
            let household = &mut self.report.households[hh];
            household.members.push(index);
            if head && household.head.is_none() {
                household.head = Some(index);
            }
            cur.has_head |= head;
            let text = |f: Field| Some(cell(col(f)).text()).filter(|s| !s.is_empty());
            // The household's own fields: the first of its rows that gives each.
            household.phone = household.phone.take().or(household_phone);
            household.floating = household.floating.or(floating);
            if household.tags.is_empty() {
                household.tags = normalize::tags(&cell(col(Field::HouseholdTags)).text());
            }
            household.notes = household.notes.take().or(text(Field::HouseholdNotes));
            self.report.residents.push(Resident {
                sheet: sheet.clone(),
                row,
                household: hh,
                name,
                id_number: id.map(|i| i.as_str().to_string()),
                gender,
                birth_date,
                phone,
                relation,
                residence,
                care_tags: normalize::tags(&cell(col(Field::CareTags)).text()),
                party_member,
                notes: text(Field::Notes),
                moved_in,
            });
            self.report.warnings.extend(warnings.into_iter().map(issue));
        }
    }
}

/// The first valid number in a cell that may hold several ("138…/0591-…").
fn phone_of(cell: &str) -> Option<String> {
    if let Ok(p) = Phone::parse(cell) {
        return Some(p.as_str().to_string());
    }
    cell.split(['/', '、', ',', '，', ';', '；', '\n'])
        .find_map(|part| Phone::parse(part).ok())
        .map(|p| p.as_str().to_string())
}

/// A total row (合计 anywhere) or a note row (注：…, 说明, 填表人… in its first written cell).
fn skip_kind(cells: &[Value]) -> Option<linli_domain::msg::Msg> {
    let texts: Vec<String> = cells
        .iter()
        .filter(|v| !v.is_empty())
        .map(|v| v.text().chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    // In a resident row the first written cells are the serial number and the name, so a total
    // word there is a total row; further right it may be a note like "共计3人".
    if texts
        .iter()
        .take(2)
        .any(|t| TOTAL_WORDS.iter().any(|w| t.starts_with(w)))
    {
        return Some(msg::IMPORT_TOTAL_ROW);
    }
    let first = texts.first()?;
    if NOTE_WORDS.iter().any(|w| first.starts_with(w)) || first == "注" {
        return Some(msg::IMPORT_NOTE_ROW);
    }
    None
}
