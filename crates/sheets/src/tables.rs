//! Which list a file is, and reading the lists that are read by their headers alone (volunteers,
//! teams): the first row holding every header of the table is the header row, and each row below
//! it gives its cells under those headers.

use std::path::Path;

use serde::Serialize;

use crate::columns::{is_places_header, team, volunteer};
use crate::error::{Error, Result};
use crate::grid::{self, Grid};
use crate::report::Issue;

/// What a file holds, judged by its first header Linli knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// A household register (any other sheet with names or ID numbers).
    Register,
    Places,
    Volunteers,
    Teams,
}

impl FileKind {
    /// The list's name in Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            FileKind::Register => "居民台账",
            FileKind::Places => "地点名单",
            FileKind::Volunteers => "志愿者名单",
            FileKind::Teams => "服务队名单",
        }
    }
}

fn texts(g: &Grid, r: u32) -> Vec<String> {
    (0..g.width()).map(|c| g.shown(r, c).text()).collect()
}

fn header_row(g: &Grid, headers: &[&str]) -> Option<(u32, Vec<Option<u32>>)> {
    (0..g.height().min(30)).find_map(|r| {
        let t = texts(g, r);
        let cols: Vec<Option<u32>> = headers
            .iter()
            .map(|h| t.iter().position(|x| x == h).map(|c| c as u32))
            .collect();
        cols.iter().all(Option::is_some).then_some((r, cols))
    })
}

fn kind_of_grid(g: &Grid) -> Option<FileKind> {
    if header_row(g, &volunteer::COLUMNS).is_some() {
        return Some(FileKind::Volunteers);
    }
    if header_row(g, &team::COLUMNS).is_some() {
        return Some(FileKind::Teams);
    }
    (0..g.height().min(30))
        .any(|r| is_places_header(&texts(g, r)))
        .then_some(FileKind::Places)
}

/// What the file is: a places, volunteers or teams list when its first such sheet says so, else a
/// register.
pub fn file_kind(path: &Path) -> Result<FileKind> {
    Ok(grid::load(path)?
        .iter()
        .find_map(kind_of_grid)
        .unwrap_or(FileKind::Register))
}

/// One row of a list read by its headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableRow {
    pub sheet: String,
    /// As Excel numbers it.
    pub row: u32,
    headers: Vec<&'static str>,
    cells: Vec<String>,
}

impl TableRow {
    /// The cell under a header of the table (trimmed; empty when blank).
    pub fn get(&self, header: &str) -> &str {
        self.headers
            .iter()
            .position(|h| *h == header)
            .map_or("", |i| self.cells[i].as_str())
    }

    /// The row as an issue with a reason.
    pub fn issue(&self, reason: crate::Said) -> Issue {
        Issue::new(self.sheet.clone(), self.row, reason)
    }
}

/// Every row with something written, of every sheet that has all of `headers`. A file without
/// them is refused, naming the list it should have been.
pub fn read_table(path: &Path, headers: &[&'static str], list: &str) -> Result<Vec<TableRow>> {
    let mut out = Vec::new();
    let mut found = false;
    for g in grid::load(path)? {
        let Some((header, cols)) = header_row(&g, headers) else {
            continue;
        };
        found = true;
        for r in header + 1..g.height() {
            let cells: Vec<String> = cols
                .iter()
                .map(|c| c.map_or_else(String::new, |c| g.shown(r, c).text()))
                .collect();
            if cells.iter().any(|c| !c.is_empty()) {
                out.push(TableRow {
                    sheet: g.name.clone(),
                    row: r + 1,
                    headers: headers.to_vec(),
                    cells,
                });
            }
        }
    }
    if !found {
        return Err(Error::NotList {
            file: path.display().to_string(),
            list: list.to_owned(),
            headers: headers.join("、"),
        });
    }
    Ok(out)
}
