//! Spreadsheets in and out: importing a household register (台账) into a place, and exporting a
//! list as .xlsx or .csv. The store reads and writes the files; these are the requests and the
//! report the desktop shows and `linli import --json` prints.

use std::collections::BTreeMap;

use linli_domain::{Id, PlaceKind};
use serde::{Deserialize, Serialize};

use crate::Command;

/// How many rows an import created and how many it changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub created: u32,
    pub updated: u32,
}

/// A row the user should look at: its sheet, its row number as Excel shows it, and why. `reason`
/// is the Chinese sentence (what the CLI prints); `code` and `args` say the same as data from the
/// message catalogue ([`linli_domain::msg`]), as [`crate::ApiError`] does, so the window can say
/// it in the chosen language. A nested sentence (`{reason}` of a wrapping message) travels as the
/// arguments `reason_code` and `reason.<name>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowIssue {
    pub sheet: String,
    pub row: u32,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

impl RowIssue {
    /// A row's issue from its reason as catalogue data.
    pub fn coded(
        sheet: impl Into<String>,
        row: u32,
        reason: String,
        code: &str,
        args: BTreeMap<String, String>,
    ) -> Self {
        RowIssue {
            sheet: sheet.into(),
            row,
            reason,
            code: Some(code.to_owned()),
            args,
        }
    }
}

/// What a column of a register can hold (linli-sheets' `Field` is the same type).
pub use linli_domain::register::ImportField;

/// One column of a sheet as the import read it: its header and the field it was mapped to
/// (none: the column is not used).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportColumn {
    pub sheet: String,
    /// The column's letter as Excel shows it ("A", "AB").
    pub letter: String,
    /// The header texts of its header rows, top to bottom, joined with "/" ("地址/楼栋").
    pub header: String,
    pub field: Option<ImportField>,
}

/// A header mapping as the user reviewed it: a column's header text to the field it holds, or
/// to none to leave the column out. The JSON of `{"headers": …}` is the file format of
/// `linli import --mapping`.
pub type HeaderMapping = BTreeMap<String, Option<ImportField>>;

/// What an import did (or, for a preview, would do). Refused rows were not imported; warnings
/// were imported but deserve a look. Both lists are in sheet and row order. `columns` is the
/// header mapping used, every column of every sheet read, for review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub households: Counts,
    pub residents: Counts,
    pub refused: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
    #[serde(default)]
    pub columns: Vec<ImportColumn>,
    /// The compounds and buildings the import created (a preview: would create), in the order
    /// it met them; units are created with them and not listed.
    #[serde(default)]
    pub created_places: Vec<CreatedPlace>,
}

/// A place an import created, or for a preview would create: its level, its name and its
/// parent's name ("西门新村" for "3栋").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedPlace {
    pub kind: PlaceKind,
    pub name: String,
    #[serde(default)]
    pub parent: Option<String>,
}

/// Reads a places list (`linli export places`: one row per place, its path from the county down
/// across the columns 县（区）…单元) and finds each place by name under its parent, creating the
/// ones the laptop lacks, all in one transaction; `dry_run` reports without writing. The import a
/// register needs first on a laptop that does not have its community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPlaces {
    pub path: String,
    #[serde(default)]
    pub dry_run: bool,
}

/// What a places import did: the places created (a dry run: would create), how many rows named a
/// place the laptop already had, and the rows refused with why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacesImported {
    pub created: Vec<CreatedPlace>,
    pub existing: u32,
    pub refused: Vec<RowIssue>,
}

impl Command for ImportPlaces {
    const NAME: &'static str = "import_places";
    type Response = PlacesImported;
}

/// Writes the places tree as a list, one row per place with its path from the top, so that
/// [`ImportPlaces`] builds it again on another laptop. `place_id` limits it to one place, the
/// places above it and everything under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportPlaces {
    pub format: SheetFormat,
    pub path: String,
    #[serde(default)]
    pub place_id: Option<Id>,
}

impl Command for ExportPlaces {
    const NAME: &'static str = "export_places";
    type Response = ExportedList;
}

/// The volunteer lists that read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VolunteerList {
    /// 志愿者名单: one row per volunteer, with the teams they serve in and lead.
    Volunteers,
    /// 服务队名单: one row per team, with its kind.
    Teams,
}

/// Writes a community's volunteers or teams so that [`ImportVolunteers`] reads them back on
/// another laptop. A volunteer's phone and the ID number of the resident they are registered as
/// are masked unless `reveal` (a revealed export is recorded like a reveal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportVolunteers {
    pub list: VolunteerList,
    pub format: SheetFormat,
    pub path: String,
    pub community_id: Id,
    #[serde(default)]
    pub reveal: bool,
}

impl Command for ExportVolunteers {
    const NAME: &'static str = "export_volunteers";
    type Response = ExportedList;
}

/// Reads a volunteers or teams list into a community in one transaction: a team is found by
/// name or created; a volunteer is found by the resident they are registered as (by ID number),
/// else by name and phone, or created, and joins the teams the row names. Only what changes is
/// written, so importing a file again changes nothing; `dry_run` reports without writing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportVolunteers {
    pub path: String,
    pub community_id: Id,
    #[serde(default)]
    pub dry_run: bool,
}

/// What a volunteers or teams import did (a dry run: would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteersImported {
    pub volunteers: Counts,
    pub teams: Counts,
    /// Team memberships joined or changed (leader or not).
    pub memberships: Counts,
    pub refused: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
}

impl Command for ImportVolunteers {
    const NAME: &'static str = "import_volunteers";
    type Response = VolunteersImported;
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
    /// A saved header mapping file (JSON) to apply before the automatic one.
    #[serde(default)]
    pub mapping: Option<String>,
    /// The mapping as reviewed in the window; it wins over the file's and the automatic one.
    #[serde(default)]
    pub headers: Option<HeaderMapping>,
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
    #[serde(default)]
    pub headers: Option<HeaderMapping>,
}

impl Command for ImportCommit {
    const NAME: &'static str = "import_commit";
    type Response = ImportSummary;
}

/// Saves a header mapping to `path` as the JSON file `linli import --mapping` and the window's
/// import read. Answers the path written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveImportMapping {
    pub path: String,
    pub headers: HeaderMapping,
}

impl Command for SaveImportMapping {
    const NAME: &'static str = "save_import_mapping";
    type Response = String;
}

/// The lists that can be exported as spreadsheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    Households,
    Residents,
    /// Visits that count (not corrected, not voided) in the period, newest first.
    Visits,
    /// Requests (五单) raised in the period, with their status as of its last day.
    Tasks,
    /// Service-hour entries dated in the period, with their status.
    Hours,
    /// The weekly consultation agenda (周会商) as of `to` (today when none): open tasks and the
    /// last seven days' unreviewed findings, one row each, grouped by grid.
    Agenda,
    /// Party members' (双报到) points by work unit: members, verified hours, points earned and
    /// balances now, for a community (everything when no place).
    WorkUnits,
    /// 议事 (issue 20): council topics whose month (the meeting's, else the proposal's) is in the
    /// period, liaison points, meetings dated in it, suggestions received in it.
    CouncilTopics,
    LiaisonPoints,
    CouncilMeetings,
    Suggestions,
}

impl ListKind {
    pub const ALL: [ListKind; 11] = [
        ListKind::Households,
        ListKind::Residents,
        ListKind::Visits,
        ListKind::Tasks,
        ListKind::Hours,
        ListKind::Agenda,
        ListKind::WorkUnits,
        ListKind::CouncilTopics,
        ListKind::LiaisonPoints,
        ListKind::CouncilMeetings,
        ListKind::Suggestions,
    ];

    /// The list's name in Chinese, as a file name and a sheet name use it.
    pub fn label_zh(self) -> &'static str {
        match self {
            ListKind::Households => "住户",
            ListKind::Residents => "居民",
            ListKind::Visits => "走访",
            ListKind::Tasks => "诉求",
            ListKind::Hours => "志愿时长",
            ListKind::Agenda => "周会商议程",
            ListKind::WorkUnits => "党员积分",
            ListKind::CouncilTopics => "议事议题",
            ListKind::LiaisonPoints => "居民联络点",
            ListKind::CouncilMeetings => "议事会议",
            ListKind::Suggestions => "居民建议",
        }
    }

    /// Whether the list covers a period (`from`/`to` apply; the agenda takes only `to`, its day).
    pub fn dated(self) -> bool {
        matches!(self, ListKind::Visits | ListKind::Tasks | ListKind::Hours)
    }
}

/// The spreadsheet formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    Xlsx,
    Csv,
}

/// Writes a list with Chinese headers to `path`. ID numbers and phones are masked unless
/// `reveal`. `place_id` limits the list to the households under a place (hours and work units: to
/// the place's community, the only place an hour entry or a party member has; the agenda: to the
/// place's community, every community when none). `from`/`to` ("YYYY-MM-DD", inclusive) bound the dated lists (visits,
/// tasks, hours); either left out means no bound on that side. The agenda is drawn up as of `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportList {
    pub kind: ListKind,
    pub format: SheetFormat,
    pub path: String,
    #[serde(default)]
    pub reveal: bool,
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
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

/// Writes a volunteer's points statement (积分对账单) to `path`: every ledger line with the
/// balance after it, under title lines naming the volunteer, the community, the period (the first
/// line's date to today), the day it was written and the balance with how sure it is (.xlsx; a
/// .csv holds the lines only; a `path` ending in .pdf is written as PDF, whatever the `format`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportStatement {
    pub volunteer_id: Id,
    pub format: SheetFormat,
    pub path: String,
}

impl Command for ExportStatement {
    const NAME: &'static str = "export_statement";
    type Response = ExportedList;
}

/// The monthly report upward (月报) for `month` ("YYYY-MM") under `place_id` (everything when
/// none). Each figure comes with the month's value and the year-to-date value (1 January to the
/// month's last day), computed by the same store functions as the lists, so each can be checked
/// against the list named in its `source`. With `path`, the report is also written there as .xlsx,
/// or as PDF when the path ends in .pdf (linli-print, the system's Chinese font).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyReport {
    pub month: String,
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub path: Option<String>,
    /// A grid instead of a place: its buildings and units (a big grid's sections included);
    /// volunteer hours are its community's.
    #[serde(default)]
    pub grid_id: Option<Id>,
}

/// How a figure is counted: a number of things, hours, or a rate (0.0–1.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureUnit {
    Count,
    Hours,
    Rate,
}

/// One line of the monthly report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthlyFigure {
    /// A stable key for scripts and tests (`households`, `visits`, `coverage_rate`…).
    pub key: String,
    /// The line as the sheet shows it, in Chinese.
    pub label: String,
    pub unit: FigureUnit,
    pub month: f64,
    /// Year to date; for a figure of the register as it stands (households), the same as `month`.
    pub cumulative: f64,
    /// The list (and filter) that reproduces the figure, in Chinese.
    pub source: String,
}

/// The monthly report's figures, and where it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthlyReportData {
    pub month: String,
    /// The place it covers, by name ("全部" for everything).
    pub place_name: String,
    /// The month's first and last days.
    pub from: String,
    pub to: String,
    /// First day of the cumulative columns (1 January of the month's year).
    pub cumulative_from: String,
    pub figures: Vec<MonthlyFigure>,
    #[serde(default)]
    pub path: Option<String>,
}

impl Command for MonthlyReport {
    const NAME: &'static str = "monthly_report";
    type Response = MonthlyReportData;
}

/// The records behind one figure of the monthly report (`key` as in [`MonthlyFigure::key`]), for
/// the month or, with `cumulative`, the year to date: the households, visits, requests or hour
/// entries it counts, one row each. A rate opens the records of its numerator (the coverage rate
/// the households reached, the resolution rate the requests resolved…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyFigureRecords {
    pub month: String,
    #[serde(default)]
    pub place_id: Option<Id>,
    pub key: String,
    #[serde(default)]
    pub cumulative: bool,
    /// As in [`MonthlyReport::grid_id`].
    #[serde(default)]
    pub grid_id: Option<Id>,
}

/// The rows behind a figure, as text under the list's Chinese headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRecords {
    pub key: String,
    /// The period the rows are drawn from ("YYYY-MM-DD", inclusive).
    pub from: String,
    pub to: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// English for the Chinese words of the headers and cells that have one (a register's
    /// columns and states), as (中文, English); empty where the window knows them already.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words_en: Vec<(String, String)>,
}

impl Command for MonthlyFigureRecords {
    const NAME: &'static str = "monthly_figure_records";
    type Response = FigureRecords;
}

/// Where a file of this name goes by default: the user's Downloads folder, else Documents, else
/// the home folder. Only the name's last component is used. The answer is a full path the user
/// can still change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestPath {
    pub file_name: String,
}

impl Command for SuggestPath {
    const NAME: &'static str = "suggest_path";
    type Response = String;
}
