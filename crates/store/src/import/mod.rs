//! Importing a household register (台账) that linli-sheets has read into the store.
//!
//! The sheet's own address wins. Where rows go depends on the target place:
//! - a compound (小区): each building and unit the sheet names is found among the compound's
//!   buildings by its number ("3栋", "3号楼" and "3" are one building) or created under it; a
//!   row whose 小区 column names another compound is refused, saying so;
//! - a building (楼栋): every row lives in it; a row naming another building, or another
//!   compound, is refused;
//! - a community (社区): with a 小区 column, each compound is found by name ("西门新村小区" is
//!   西门新村) or created, and its buildings and units found or created under it; without one,
//!   each building the sheet names must already exist, exactly once, in one of the community's
//!   compounds, since the import never guesses which compound a new building belongs to.
//!
//! The compounds and buildings created are listed in the summary, so a preview shows them.
//! Households are found by address (building, unit, room) among those living there now, else
//! created. Residents are found by ID number anywhere in the community (a resident registered in
//! another household moves here: updated, not duplicated), or without one by name and birth date
//! within the household; else created. A blank cell never erases what the store holds.
//!
//! Everything is written in one transaction through the write path, so it is journalled and
//! syncs; only rows that really change are written, so importing the same file twice changes
//! nothing the second time. A dry run does the same work in the transaction and rolls it back,
//! so its counts are exactly what the import would do.
//!
//! Beside registers, `places.rs` reads and writes the places list and `volunteers.rs` the
//! volunteers and teams lists, so that everything Linli exports about the register reads back;
//! `issues.rs` says why a row is refused or warned about.

mod apply;
mod issues;
mod locate;
mod places;
mod volunteers;

use std::collections::HashMap;
use std::path::Path;

use linli_domain::address::short_number;
use linli_domain::{DomainError, Id, PlaceKind};
use linli_protocol::{
    HeaderMapping, ImportColumn, ImportCommit, ImportPreview, ImportSummary, SaveImportMapping,
};
use linli_sheets::{ImportReport, Mapping, Said};
use rusqlite::OptionalExtension;

use issues::{issue, sort_issues};
pub(crate) use issues::{row_issue, said};

use crate::register::community_of;
use crate::write::Scope;
use crate::{Result, Store};

/// A reviewed mapping as linli-sheets applies it (and as the mapping file holds it).
pub fn sheets_mapping(headers: &HeaderMapping) -> Mapping {
    Mapping {
        headers: headers.iter().map(|(h, f)| (h.clone(), *f)).collect(),
    }
}

/// Reads a register file with the user's choices: a sheet, a saved header mapping file, and the
/// mapping reviewed in the window, which wins over the file's.
pub fn read_file(
    path: &str,
    sheet: Option<&str>,
    mapping: Option<&str>,
    headers: Option<&HeaderMapping>,
) -> Result<ImportReport> {
    let mut mapping = mapping.map(|m| Mapping::load(Path::new(m))).transpose()?;
    if let Some(reviewed) = headers {
        mapping
            .get_or_insert_with(Mapping::default)
            .headers
            .extend(sheets_mapping(reviewed).headers);
    }
    let options = linli_sheets::ImportOptions {
        sheet: sheet.map(str::to_owned),
        mapping,
    };
    Ok(linli_sheets::read_register(Path::new(path), &options)?)
}

/// What a file is: a register, or one of the lists Linli writes that are imported their own way
/// (places, volunteers, teams).
pub fn file_kind(path: &str) -> Result<linli_sheets::FileKind> {
    Ok(linli_sheets::file_kind(Path::new(path))?)
}

/// Every column of every sheet read, with the field it was mapped to.
fn columns(report: &ImportReport) -> Vec<ImportColumn> {
    report
        .sheets
        .iter()
        .filter_map(|s| match s {
            linli_sheets::SheetOutcome::Read { layout, .. } => Some(layout),
            linli_sheets::SheetOutcome::Skipped { .. } => None,
        })
        .flat_map(|l| {
            l.columns.iter().map(|c| ImportColumn {
                sheet: l.sheet.clone(),
                letter: c.letter.clone(),
                header: c.header.clone(),
                field: c.field,
            })
        })
        .collect()
}

impl Store {
    /// Reads a register file and reports what importing it would do, writing nothing.
    pub fn import_preview(&mut self, req: &ImportPreview) -> Result<ImportSummary> {
        let ImportPreview {
            path,
            place_id,
            sheet,
            mapping,
            headers,
        } = req;
        self.import_file(path, *place_id, sheet, mapping, headers, true)
    }

    /// Reads a register file and imports it in one transaction.
    pub fn import_commit(&mut self, req: &ImportCommit) -> Result<ImportSummary> {
        let ImportCommit {
            path,
            place_id,
            sheet,
            mapping,
            headers,
        } = req;
        self.import_file(path, *place_id, sheet, mapping, headers, false)
    }

    /// Reads `path` and imports it into `place`, or with `dry_run` only reports what it would do;
    /// the summary lists the columns as mapped.
    fn import_file(
        &mut self,
        path: &str,
        place: Id,
        sheet: &Option<String>,
        mapping: &Option<String>,
        headers: &Option<HeaderMapping>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        let kind = file_kind(path)?;
        if kind != linli_sheets::FileKind::Register {
            return Err(DomainError::coded(
                "path",
                linli_domain::msg::IMPORT_NOT_REGISTER,
                linli_domain::args![kind = kind.label_zh()],
            )
            .into());
        }
        let report = read_file(path, sheet.as_deref(), mapping.as_deref(), headers.as_ref())?;
        let mut summary = self.import_register(&report, place, dry_run)?;
        summary.columns = columns(&report);
        Ok(summary)
    }

    /// Saves a reviewed header mapping as a mapping file (see [`SaveImportMapping`]).
    pub fn save_import_mapping(&mut self, req: &SaveImportMapping) -> Result<String> {
        if req.path.trim().is_empty() {
            return Err(DomainError::coded(
                "path",
                linli_domain::msg::MAPPING_PATH_MISSING,
                vec![],
            )
            .into());
        }
        sheets_mapping(&req.headers).save(Path::new(&req.path))?;
        Ok(req.path.clone())
    }

    /// Applies a register read by linli-sheets to the place `into` (see the module docs). With
    /// `dry_run` the transaction is rolled back: same counts, nothing written.
    pub fn import_register(
        &mut self,
        report: &ImportReport,
        into: Id,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        let target = self.target(into)?;
        let mut w = self.begin()?;
        let mut run = Run {
            target,
            compounds: HashMap::new(),
            buildings_in: HashMap::new(),
            buildings: HashMap::new(),
            units: HashMap::new(),
            scopes: HashMap::new(),
            claimed: HashMap::new(),
            summary: ImportSummary::default(),
        };
        run.load_places(&w)?;
        for household in &report.households {
            run.household(&mut w, report, household)?;
        }
        let mut summary = run.summary;
        summary.refused.extend(report.refused.iter().map(issue));
        summary.warnings.extend(report.warnings.iter().map(issue));
        sort_issues(report, &mut summary.refused);
        sort_issues(report, &mut summary.warnings);
        if !dry_run {
            w.commit()?;
        }
        Ok(summary)
    }

    fn target(&self, into: Id) -> Result<Target> {
        let place = self.place(into)?;
        let community = community_of(&self.conn, into)?;
        Ok(match place.kind {
            PlaceKind::Compound => Target::Compound {
                id: into,
                name: place.name,
                community,
            },
            PlaceKind::Building => {
                let compound: Option<String> = self
                    .conn
                    .query_row(
                        "SELECT c.name FROM places b JOIN places c ON c.id = b.parent_id
                         WHERE b.id = ?1 AND c.kind = 'compound'",
                        [into.to_string()],
                        |r| r.get(0),
                    )
                    .optional()?;
                Target::Building {
                    id: into,
                    number: short_number(&place.name),
                    name: place.name,
                    compound,
                }
            }
            PlaceKind::Community => Target::Community {
                id: into,
                name: place.name,
            },
            other => {
                return Err(DomainError::coded(
                    "place_id",
                    linli_domain::msg::IMPORT_PLACE_KIND,
                    linli_domain::args![name = place.name, kind = other.code()],
                )
                .into())
            }
        })
    }
}

/// A household's building, unit and room, or why its rows are refused.
type Located = std::result::Result<(Id, Option<Id>, String), Said>;

enum Target {
    Compound {
        id: Id,
        name: String,
        community: Option<Id>,
    },
    Building {
        id: Id,
        name: String,
        number: String,
        /// The name of the compound it stands in.
        compound: Option<String>,
    },
    Community {
        id: Id,
        name: String,
    },
}

struct Run {
    target: Target,
    /// A community target's compounds by name (see `locate::compound_key`), those created too.
    compounds: HashMap<String, (Id, String)>,
    /// (compound, building number) → building.
    buildings_in: HashMap<(Id, String), Id>,
    /// Building number → the buildings with it (more than one only under a community).
    buildings: HashMap<String, Vec<Id>>,
    /// (building, unit number) → unit.
    units: HashMap<(Id, String), Id>,
    scopes: HashMap<(Id, Option<Id>), Scope>,
    /// Store residents already matched by a row of this import → that row.
    claimed: HashMap<Id, (String, u32)>,
    summary: ImportSummary,
}
