//! Reading a places list (地点) back: one row per place, its path from the top written across one
//! column per level ([`PLACE_COLUMNS`]): 县（区）, 乡镇（街道）, 社区, 小区, 楼栋, 单元. The path
//! of a row is its written cells left to right; a blank level is skipped (a tree may start at
//! its community). The store finds or creates each place of the path.

use std::path::Path;

use linli_domain::PlaceKind;
use serde::Serialize;

use crate::columns::{is_places_header, PLACE_COLUMNS};
use crate::error::{Error, Result};
use crate::grid::{self, Grid};
use crate::normalize;
use crate::report::Issue;

/// One row of a places list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaceRow {
    pub sheet: String,
    /// As Excel numbers it.
    pub row: u32,
    /// From the top down: each level written and its name.
    pub path: Vec<(PlaceKind, String)>,
}

/// Every place row of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacesReport {
    pub file: String,
    pub places: Vec<PlaceRow>,
}

/// Where the level columns are in a sheet: the header row and each level's column.
fn layout(g: &Grid) -> Option<(u32, Vec<(u32, PlaceKind)>)> {
    (0..g.height().min(30)).find_map(|r| {
        let texts: Vec<String> = (0..g.width()).map(|c| g.shown(r, c).text()).collect();
        is_places_header(&texts).then(|| {
            let cols = PLACE_COLUMNS
                .iter()
                .filter_map(|(h, kind)| {
                    texts.iter().position(|t| t == h).map(|c| (c as u32, *kind))
                })
                .collect();
            (r, cols)
        })
    })
}

/// Reads a places list. A file with no places header is refused.
pub fn read_places(path: &Path) -> Result<PlacesReport> {
    let mut places = Vec::new();
    let mut found = false;
    for g in grid::load(path)? {
        let Some((header, cols)) = layout(&g) else {
            continue;
        };
        found = true;
        for r in header + 1..g.height() {
            let path: Vec<(PlaceKind, String)> = cols
                .iter()
                .filter_map(|&(c, kind)| normalize::place_part(g.shown(r, c)).map(|n| (kind, n)))
                .collect();
            if !path.is_empty() {
                places.push(PlaceRow {
                    sheet: g.name.clone(),
                    row: r + 1,
                    path,
                });
            }
        }
    }
    if !found {
        return Err(Error::NoPlaces(path.display().to_string()));
    }
    Ok(PlacesReport {
        file: path.display().to_string(),
        places,
    })
}

impl PlaceRow {
    /// The row as an issue with a reason, for a refusal.
    pub fn issue(&self, reason: crate::Said) -> Issue {
        Issue::new(self.sheet.clone(), self.row, reason)
    }
}
