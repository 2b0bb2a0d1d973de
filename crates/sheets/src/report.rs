//! What an import found: typed households and residents for the store to apply, and every refused
//! row, warning and skipped row with its sheet, Excel row number and a reason in Chinese.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use linli_domain::msg::{Args, Msg};
use serde::Serialize;

use crate::header::SheetLayout;
use linli_domain::register::ResidenceStatus;
use linli_domain::Gender;

/// A row the user should look at: the sheet, the row number as Excel shows it (1-based, title
/// rows counted), the reason in Chinese, and the same reason as a code of the message catalogue
/// ([`linli_domain::msg`]) with its arguments, so the window can say it in its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub sheet: String,
    pub row: u32,
    pub reason: String,
    pub code: &'static str,
    pub args: BTreeMap<String, String>,
}

impl Issue {
    pub fn new(sheet: impl Into<String>, row: u32, said: Said) -> Self {
        Issue {
            sheet: sheet.into(),
            row,
            reason: said.zh,
            code: said.code,
            args: said.args,
        }
    }
}

/// A sentence of the message catalogue: its code, its arguments and the Chinese it renders to.
/// The only way a row's reason is made, so that every reason has a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Said {
    pub code: &'static str,
    pub args: BTreeMap<String, String>,
    pub zh: String,
}

impl Said {
    pub fn new(msg: Msg, args: Args) -> Self {
        Said {
            code: msg.code,
            zh: msg.zh(&args),
            args: args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }
    }

    /// A coded error's sentence (`code` from the catalogue, `zh` as the error displays).
    pub fn coded(code: &'static str, args: Args, zh: String) -> Self {
        Said {
            code,
            zh,
            args: args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }
    }

    /// `msg` whose `{reason}` is the sentence `inner`. The Chinese holds `inner`'s Chinese; the
    /// arguments also carry `inner` as data (`reason_code`, and `reason.<name>` for each of its
    /// arguments), so the window renders the inner sentence in its language too.
    pub fn around(msg: Msg, mut args: Args, inner: Said) -> Self {
        args.push(("reason", inner.zh));
        let mut said = Said::new(msg, args);
        said.args
            .insert("reason_code".into(), inner.code.to_owned());
        for (k, v) in inner.args {
            said.args.insert(format!("reason.{k}"), v);
        }
        said
    }
}

impl From<linli_domain::DomainError> for Said {
    fn from(e: linli_domain::DomainError) -> Self {
        match e.code() {
            Some(code) => Said::coded(code, e.args().to_vec(), e.to_string()),
            None => Said::new(
                linli_domain::msg::IMPORT_ROW_OTHER,
                vec![("reason", e.to_string())],
            ),
        }
    }
}

/// Where a household lives, as the sheet writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Address {
    /// The compound (小区), when the sheet has a column for it.
    pub compound: Option<String>,
    pub building: Option<String>,
    pub unit: Option<String>,
    pub room: Option<String>,
    /// A whole address from a single 地址 column.
    pub full: Option<String>,
}

impl Address {
    /// Compound, building, unit, room and whole address, widest first.
    pub(crate) fn parts(&self) -> [Option<String>; 5] {
        [
            self.compound.clone(),
            self.building.clone(),
            self.unit.clone(),
            self.room.clone(),
            self.full.clone(),
        ]
    }

    pub(crate) fn from_parts([compound, building, unit, room, full]: [Option<String>; 5]) -> Self {
        Address {
            compound,
            building,
            unit,
            room,
            full,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.compound.is_none()
            && self.building.is_none()
            && self.unit.is_none()
            && self.room.is_none()
            && self.full.is_none()
    }
}

/// One household: its address and its members in sheet order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Household {
    pub sheet: String,
    /// Excel row of its first accepted member.
    pub first_row: u32,
    pub address: Address,
    /// Index into [`ImportReport::residents`] of the member whose relation is 户主.
    pub head: Option<usize>,
    /// Indexes into [`ImportReport::residents`].
    pub members: Vec<usize>,
    /// The household's own fields, from the first of its rows that gives each (a blank cell
    /// never erases what the store holds).
    pub phone: Option<String>,
    pub floating: Option<bool>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
}

/// One accepted resident row, normalised and validated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resident {
    pub sheet: String,
    pub row: u32,
    /// Index into [`ImportReport::households`].
    pub household: usize,
    pub name: String,
    /// 18 characters, digits and possibly a final `X`, check digit verified.
    pub id_number: Option<String>,
    /// As written, else from the ID number.
    pub gender: Option<Gender>,
    /// As written, else from the ID number.
    pub birth_date: Option<NaiveDate>,
    /// Mobile `13800138000` or landline `0591-87654321`.
    pub phone: Option<String>,
    pub relation: Option<String>,
    pub residence: Option<ResidenceStatus>,
    /// The care tags as written; an old register may hold 党员 among them (the store makes it
    /// the flag).
    pub care_tags: Vec<String>,
    /// 党员 as its own column says (`None`: blank or no such column).
    pub party_member: Option<bool>,
    pub notes: Option<String>,
    pub moved_in: Option<NaiveDate>,
}

/// What happened to one sheet of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SheetOutcome {
    Read {
        layout: SheetLayout,
        residents: usize,
    },
    Skipped {
        sheet: String,
        reason: String,
    },
}

/// Everything read from one file. Nothing here has touched a database.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub sheets: Vec<SheetOutcome>,
    pub households: Vec<Household>,
    pub residents: Vec<Resident>,
    /// Rows that will not be imported.
    pub refused: Vec<Issue>,
    /// Rows imported, but with something the user should check.
    pub warnings: Vec<Issue>,
    /// Total rows (合计) and note rows (注：…) passed over on purpose; blank rows are only counted.
    pub skipped: Vec<Issue>,
    pub blank_rows: usize,
}
