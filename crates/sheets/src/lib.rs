//! linli-sheets: spreadsheets in and out.
//!
//! It owns reading household registers (台账) as communities really keep them — .xlsx, .xls and
//! .csv (UTF-8 or GBK), title rows, two-row merged headers, varied header wording, addresses merged
//! or left blank down a household, ID numbers and dates in every form Excel produces — into typed,
//! validated [`Resident`]s and [`Household`]s plus an [`ImportReport`] of refused rows and warnings,
//! each with its sheet and its row number as Excel shows it. It also owns writing any list to
//! .xlsx or .csv with Chinese headers, and the column tables of the lists Linli writes so that
//! they read back ([`RESIDENT_COLUMNS`], [`HOUSEHOLD_COLUMNS`], [`PLACE_COLUMNS`]), a places
//! list included ([`read_places`]).
//!
//! It does not own the database: it never depends on linli-store, rusqlite, tokio or tauri. The
//! store takes a report and applies it (and decides what is created or updated); the caller
//! decides whether ID numbers are masked before they are written out.

mod columns;
mod csv;
mod error;
mod grid;
mod header;
mod import;
mod normalize;
mod places;
mod report;
pub mod synth;
mod tables;
mod validate;
mod write;

pub use columns::{
    headers, team, volunteer, ListColumn, HOUSEHOLD_COLUMNS, PLACE_COLUMNS, RESIDENT_COLUMNS,
};
pub use error::{Error, Result};
pub use header::{column_letter, Column, Field, Mapping, SheetLayout};
pub use import::{inspect, read_register, ImportOptions};
pub use linli_domain::register::ResidenceStatus;
pub use linli_domain::Gender;
pub use places::{read_places, PlaceRow, PlacesReport};
pub use report::{Address, Household, ImportReport, Issue, Resident, Said, SheetOutcome};
pub use tables::{file_kind, read_table, FileKind, TableRow};
pub use write::{
    book_bytes, write_book, write_book_marked, write_csv, write_xlsx, write_xlsx_marked,
    xlsx_bytes, Cell, Mark, Sheet, CONFIDENTIAL,
};

/// Why a row holding a masked number (`3501**********123X`, `138****8000`) is refused: `what` is
/// the column ("身份证号", "联系电话"), and the sentence asks for a revealed export.
pub fn masked_number(what: &str) -> Said {
    normalize::masked(what)
}

/// An ID number for display or export with its middle starred (`3501**********123X`), for callers
/// who choose to mask. A valid number is masked as the domain masks it; anything else keeps only
/// its first and last characters, so no malformed number leaks either.
pub fn mask_id_number(id: &str) -> String {
    match validate::idcard::ResidentId::parse(id) {
        Ok(id) => id.mask(),
        Err(_) => {
            let chars: Vec<char> = id.chars().collect();
            match chars.len() {
                0 => String::new(),
                1..=2 => "*".repeat(chars.len()),
                n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
            }
        }
    }
}
