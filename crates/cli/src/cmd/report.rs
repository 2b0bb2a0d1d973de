//! `linli report KIND`: figures for the report upward. Each kind lives in its own file
//! (`report_hours.rs`, …) so kinds can be added side by side.

use clap::{Args, Subcommand};
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    kind: Kind,
}

#[derive(Debug, Subcommand)]
enum Kind {
    /// Verified volunteer hours by volunteer, team, category and month
    Hours(super::report_hours::HoursArgs),
    /// Party members' points per work unit (双报到)
    WorkUnits(super::report_work_units::WorkUnitsArgs),
}

pub fn run(store: &mut Store, args: ReportArgs) -> Result<(), Failure> {
    match args.kind {
        Kind::Hours(a) => super::report_hours::run(store, a),
        Kind::WorkUnits(a) => super::report_work_units::run(store, a),
    }
}
