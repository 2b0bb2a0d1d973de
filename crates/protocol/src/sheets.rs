//! Spreadsheets in and out: importing a household register (台账) into a place, and exporting a
//! list as .xlsx or .csv. The store reads and writes the files; these are the requests and the
//! report the desktop shows and `linli import --json` prints.

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

/// How many rows an import created and how many it changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub created: u32,
    pub updated: u32,
}

/// A row the user should look at: its sheet, its row number as Excel shows it, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowIssue {
    pub sheet: String,
    pub row: u32,
    pub reason: String,
}

/// What an import did (or, for a preview, would do). Refused rows were not imported; warnings
/// were imported but deserve a look. Both lists are in sheet and row order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub households: Counts,
    pub residents: Counts,
    pub refused: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
}

/// Reads a register file and reports what importing it into `place_id` would create and update,
/// writing nothing. `place_id` is a compound (buildings and units are found or created under
/// it), a building (every row lives in it), or a community (rows go to its existing buildings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// The .xlsx, .xls or .csv file.
    pub path: String,
    pub place_id: Id,
    /// Read only this sheet.
    #[serde(default)]
    pub sheet: Option<String>,
    /// A saved header mapping (JSON) to apply before the automatic one.
    #[serde(default)]
    pub mapping: Option<String>,
}

impl Command for ImportPreview {
    const NAME: &'static str = "import_preview";
    type Response = ImportSummary;
}

/// Imports a register file into `place_id` in one transaction (see [`ImportPreview`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCommit {
    pub path: String,
    pub place_id: Id,
    #[serde(default)]
    pub sheet: Option<String>,
    #[serde(default)]
    pub mapping: Option<String>,
}

impl Command for ImportCommit {
    const NAME: &'static str = "import_commit";
    type Response = ImportSummary;
}

/// The lists that can be exported as spreadsheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    Households,
    Residents,
}

/// The spreadsheet formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    Xlsx,
    Csv,
}

/// Writes a list with Chinese headers to `path`. ID numbers and phones are masked unless
/// `reveal`. `place_id` limits the list to the households under a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportList {
    pub kind: ListKind,
    pub format: SheetFormat,
    pub path: String,
    #[serde(default)]
    pub reveal: bool,
    #[serde(default)]
    pub place_id: Option<Id>,
}

/// Where an export went and how many rows it holds (the header not counted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedList {
    pub path: String,
    pub rows: u32,
}

impl Command for ExportList {
    const NAME: &'static str = "export_list";
    type Response = ExportedList;
}
