//! A sheet as a plain grid of cell values plus its merged regions, whatever file it came from.
//! Row and column indexes are 0-based from A1, so Excel's row number is `row + 1`.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};
use chrono::NaiveDate;

use crate::error::{Error, Result};

/// One cell as the importer sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Value {
    #[default]
    Empty,
    Text(String),
    /// A numeric cell (never a date cell: those are `Date`).
    Number(f64),
    Date(NaiveDate),
}

impl Value {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The text a person would read in the cell (numbers without a trailing `.0`).
    pub(crate) fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.trim().to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
        }
    }
}

/// A merged range, inclusive on both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    pub first_row: u32,
    pub last_row: u32,
    pub first_col: u32,
    pub last_col: u32,
}

#[derive(Debug, Default)]
pub(crate) struct Grid {
    pub name: String,
    rows: Vec<Vec<Value>>,
    pub merges: Vec<Merge>,
    /// Every covered cell that is not a merge's top-left anchor → index into `merges`.
    covered: HashMap<(u32, u32), usize>,
}

static EMPTY: Value = Value::Empty;

impl Grid {
    pub(crate) fn new(name: String, rows: Vec<Vec<Value>>, merges: Vec<Merge>) -> Grid {
        let mut covered = HashMap::new();
        for (i, m) in merges.iter().enumerate() {
            for r in m.first_row..=m.last_row {
                for c in m.first_col..=m.last_col {
                    if (r, c) != (m.first_row, m.first_col) {
                        covered.insert((r, c), i);
                    }
                }
            }
        }
        Grid {
            name,
            rows,
            merges,
            covered,
        }
    }

    pub(crate) fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    pub(crate) fn width(&self) -> u32 {
        self.rows.iter().map(Vec::len).max().unwrap_or(0) as u32
    }

    /// The cell's own value (empty for a covered cell of a merge).
    pub(crate) fn raw(&self, row: u32, col: u32) -> &Value {
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&EMPTY)
    }

    /// The merge that covers this cell without being anchored on it.
    pub(crate) fn covering(&self, row: u32, col: u32) -> Option<&Merge> {
        self.covered.get(&(row, col)).map(|&i| &self.merges[i])
    }

    /// The value shown in the cell: a covered cell shows its merge's anchor value.
    pub(crate) fn shown(&self, row: u32, col: u32) -> &Value {
        match self.covering(row, col) {
            Some(m) => self.raw(m.first_row, m.first_col),
            None => self.raw(row, col),
        }
    }

    pub(crate) fn row_is_blank(&self, row: u32) -> bool {
        self.rows
            .get(row as usize)
            .is_none_or(|r| r.iter().all(Value::is_empty))
    }

    pub(crate) fn row_cells(&self, row: u32) -> &[Value] {
        self.rows.get(row as usize).map_or(&[], Vec::as_slice)
    }
}

/// The kinds of file the importer reads, chosen from the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Excel,
    Csv,
}

pub(crate) fn format_of(path: &Path) -> Result<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "et" => Ok(Format::Excel),
        "csv" | "txt" => Ok(Format::Csv),
        _ => Err(Error::UnsupportedFormat(path.display().to_string())),
    }
}

/// Reads every sheet of a file into grids.
pub(crate) fn load(path: &Path) -> Result<Vec<Grid>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    match format_of(path)? {
        Format::Csv => Ok(vec![crate::csv::grid(&bytes, sheet_name_for_csv(path))]),
        Format::Excel => load_excel(path, bytes),
    }
}

fn sheet_name_for_csv(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("CSV")
        .to_string()
}

/// calamine sniffs the content, so a `.xls` that WPS actually saved as xlsx still opens.
fn load_excel(path: &Path, bytes: Vec<u8>) -> Result<Vec<Grid>> {
    let excel_err = |e: &dyn std::fmt::Display| Error::Excel {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| excel_err(&e))?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| excel_err(&e))?;
        let dims = match &mut book {
            Sheets::Xlsx(x) => x
                .worksheet_merge_cells(&name)
                .transpose()
                .map_err(|e| excel_err(&e))?
                .unwrap_or_default(),
            Sheets::Xls(x) => x.worksheet_merge_cells(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let merges = dims
            .iter()
            .map(|d| Merge {
                first_row: d.start.0,
                last_row: d.end.0,
                first_col: d.start.1,
                last_col: d.end.1,
            })
            .collect();
        let mut rows: Vec<Vec<Value>> = Vec::new();
        if let Some((r0, c0)) = range.start() {
            rows.resize(r0 as usize + range.height(), Vec::new());
            for (i, row) in range.rows().enumerate() {
                let out = &mut rows[r0 as usize + i];
                out.resize(c0 as usize, Value::Empty);
                out.extend(row.iter().map(convert));
                while out.last().is_some_and(|v| *v == Value::Empty) {
                    out.pop();
                }
            }
        }
        grids.push(Grid::new(name, rows, merges));
    }
    Ok(grids)
}

fn convert(d: &Data) -> Value {
    match d {
        Data::Empty | Data::Error(_) => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
                .map_or(Value::Number(dt.as_f64()), Value::Date)
        }
        Data::DateTime(dt) => Value::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Value::Text(s.clone()), Value::Date),
        Data::DurationIso(s) => Value::Text(s.clone()),
    }
}
