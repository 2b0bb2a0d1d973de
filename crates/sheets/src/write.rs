//! Writing any list as .xlsx or .csv: Chinese headers in bold on a frozen first row, columns
//! wide enough for their contents, text kept as text (an ID number never becomes a number).
//! A workbook of several sheets, each with title lines above its header (a report upward), is
//! written by [`write_book`].

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::error::{Error, Result};

/// One cell of a list to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Written as text, so ID numbers and phone numbers keep every digit.
    Text(String),
    Number(f64),
    /// A rate from 0.0 to 1.0, shown as a percentage with one decimal (`87.5%`).
    Percent(f64),
    Date(NaiveDate),
}

impl Cell {
    fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Percent(p) => format!("{:.1}%", p * 100.0),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Cell {
        v.map_or(Cell::Empty, Into::into)
    }
}

impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Cell {
        Cell::Date(d)
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Cell {
        Cell::Number(n)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Number(n as f64)
    }
}

/// Width in Excel's character units: a CJK character takes two.
fn width_of(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x2E80 { 1 } else { 2 })
        .sum()
}

/// Excel refuses sheet names over 31 characters or with []:*?/\ in them.
fn sheet_name(name: &str) -> String {
    let n: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    if n.trim().is_empty() {
        "Sheet1".into()
    } else {
        n
    }
}

/// One sheet of a workbook: title lines above the header (the first in large bold type, each
/// merged across the header's width), the header in bold, then the rows.
#[derive(Debug, Clone, Copy)]
pub struct Sheet<'a> {
    pub name: &'a str,
    pub title: &'a [String],
    pub headers: &'a [&'a str],
    pub rows: &'a [Vec<Cell>],
}

/// What every exported workbook says about itself (issue 16): who made it, on which laptop, when,
/// and that it is internal. It goes in the page header and footer (printed on every page, never a
/// cell, so the file imports again unchanged) and in the document's author and comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Who made it: the laptop's "me", with the sync account.
    pub by: String,
    /// This laptop's device id.
    pub device: String,
    /// When, as the user reads it (`2026-12-06 09:30`).
    pub at: String,
}

/// The words every export and print carries.
pub const CONFIDENTIAL: &str = "内部资料 注意保密";

impl Mark {
    /// The footer line: `制表：张三 · 设备 0190… · 2026-12-06 09:30`.
    pub fn line(&self) -> String {
        format!("制表：{} · 设备 {} · {}", self.by, self.device, self.at)
    }

    fn header_code(&self) -> String {
        format!("&C{}", CONFIDENTIAL)
    }

    fn footer_code(&self) -> String {
        let esc = |s: &str| s.replace('&', "&&");
        // Excel allows 255 characters; the page number keeps its place
        let who: String = esc(&self.line()).chars().take(200).collect();
        format!("&L{who}&R{CONFIDENTIAL} · &P/&N")
    }
}

/// A marked workbook of several sheets (see [`Mark`]).
pub fn write_book_marked(path: &Path, sheets: &[Sheet<'_>], mark: &Mark) -> Result<()> {
    let bytes = build_marked(sheets, Some(mark)).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// A marked list of one sheet (see [`Mark`]).
pub fn write_xlsx_marked(
    path: &Path,
    sheet_name: &str,
    headers: &[&str],
    rows: &[Vec<Cell>],
    mark: &Mark,
) -> Result<()> {
    let sheet = Sheet {
        name: sheet_name,
        title: &[],
        headers,
        rows,
    };
    write_book_marked(path, &[sheet], mark)
}

/// The .xlsx file as bytes.
pub fn xlsx_bytes(sheet: &str, headers: &[&str], rows: &[Vec<Cell>]) -> Result<Vec<u8>> {
    book_bytes(&[Sheet {
        name: sheet,
        title: &[],
        headers,
        rows,
    }])
}

/// A workbook of several sheets as bytes.
pub fn book_bytes(sheets: &[Sheet<'_>]) -> Result<Vec<u8>> {
    build(sheets).map_err(|e| Error::Xlsx(e.to_string()))
}

fn build(sheets: &[Sheet<'_>]) -> Result<Vec<u8>, XlsxError> {
    build_marked(sheets, None)
}

fn build_marked(sheets: &[Sheet<'_>], mark: Option<&Mark>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    for sheet in sheets {
        add_sheet(&mut book, sheet)?;
        if let Some(m) = mark {
            let ws = book.worksheets_mut().last_mut().expect("just added");
            ws.set_header(m.header_code());
            ws.set_footer(m.footer_code());
        }
    }
    if let Some(m) = mark {
        let props = rust_xlsxwriter::DocProperties::new()
            .set_author(&m.by)
            .set_comment(format!("{CONFIDENTIAL} · {}", m.line()))
            .set_keywords(CONFIDENTIAL);
        book.set_properties(&props);
    }
    book.save_to_buffer()
}

fn add_sheet(book: &mut Workbook, sheet: &Sheet<'_>) -> Result<(), XlsxError> {
    let Sheet {
        name,
        title,
        headers,
        rows,
    } = *sheet;
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(name))?;
    let bold = Format::new().set_bold();
    let big = Format::new().set_bold().set_font_size(16);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0.0%");
    let last_col = headers.len().max(1) as u16 - 1;
    for (i, line) in title.iter().enumerate() {
        let format = if i == 0 { &big } else { &Format::new() };
        if last_col > 0 {
            ws.merge_range(i as u32, 0, i as u32, last_col, line, format)?;
        } else {
            ws.write_string_with_format(i as u32, 0, line, format)?;
        }
    }
    let top = title.len() as u32;
    let mut widths: Vec<usize> = headers.iter().map(|h| width_of(h)).collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(top, c as u16, *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = top + r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    ws.write_string(r, col, s)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, col, *n)?;
                }
                Cell::Percent(p) => {
                    ws.write_number_with_format(r, col, *p, &percent)?;
                }
                Cell::Date(d) => {
                    let dt =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(r, col, &dt, &date)?;
                }
            }
            if widths.len() <= c {
                widths.resize(c + 1, 0);
            }
            widths[c] = widths[c].max(width_of(&cell.display()));
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 50) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(top + 1, 0)?;
    if !headers.is_empty() {
        ws.autofilter(top, 0, top + rows.len() as u32, headers.len() as u16 - 1)?;
    }
    Ok(())
}

/// Writes a workbook of several sheets (see [`Sheet`]).
pub fn write_book(path: &Path, sheets: &[Sheet<'_>]) -> Result<()> {
    let bytes = build(sheets).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes a list as an .xlsx file with one sheet.
pub fn write_xlsx(
    path: &Path,
    sheet_name: &str,
    headers: &[&str],
    rows: &[Vec<Cell>],
) -> Result<()> {
    let sheet = Sheet {
        name: sheet_name,
        title: &[],
        headers,
        rows,
    };
    let bytes = build(&[sheet]).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// What a CSV cell holds. Excel turns a long digit string into a number when it opens a CSV,
/// losing the last digits of an ID number, and drops leading zeros; such text gets a leading tab,
/// which Excel keeps as text and the importer strips again.
fn csv_text(cell: &Cell) -> String {
    let s = cell.display();
    if matches!(cell, Cell::Text(_)) && s.starts_with(['=', '+', '-', '@']) {
        return crate::csv::neutralise(s);
    }
    let digits = s.len() > 1 && s.bytes().all(|b| b.is_ascii_digit() || b == b'X');
    if matches!(cell, Cell::Text(_)) && digits && (s.len() >= 12 || s.starts_with('0')) {
        format!("\t{s}")
    } else {
        s
    }
}

/// Writes a list as CSV in UTF-8 with a BOM (so Excel opens it with the Chinese intact), CRLF
/// line ends, fields quoted where needed.
pub fn write_csv(path: &Path, headers: &[&str], rows: &[Vec<Cell>]) -> Result<()> {
    let mut out = String::from("\u{feff}");
    let line = |cells: &mut dyn Iterator<Item = String>, out: &mut String| {
        for (i, c) in cells.enumerate() {
            if i > 0 {
                out.push(',');
            }
            crate::csv::escape(&c, out);
        }
        out.push_str("\r\n");
    };
    line(&mut headers.iter().map(|h| h.to_string()), &mut out);
    for row in rows {
        line(&mut row.iter().map(csv_text), &mut out);
    }
    std::fs::write(path, out).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}
