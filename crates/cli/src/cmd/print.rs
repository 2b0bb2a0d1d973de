//! `linli print visit-sheets --place ID --out FILE.pdf` and `linli print building --place ID --out
//! FILE.pdf` (issue 21): paper for door-knocking days as PDF, made in Rust (linli-print, the
//! system's Chinese font; docs/pdf.md). The visit sheets hold one block per household with its
//! address, members masked as the register masks them for this laptop's role, the last visit and
//! a QR code of `LINLI-HH:<household id>`, which the window's 走访 page opens when scanned.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use linli_domain::Id;
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct PrintArgs {
    #[command(subcommand)]
    kind: Kind,
}

#[derive(Debug, Args)]
pub struct PlaceOut {
    /// The place (a building, unit, compound or community) or grid (a section or big grid)
    #[arg(long, value_name = "ID")]
    place: Id,
    /// The PDF to write (FILE.pdf)
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
}

#[derive(Debug, Subcommand)]
enum Kind {
    /// Visit sheets (入户走访单): a block per household with a QR code, as PDF
    VisitSheets(PlaceOut),
    /// A building's 楼盘表 (floors × rooms, this month's visits), as PDF
    Building(PlaceOut),
}

pub fn run(store: &mut Store, args: PrintArgs) -> Result<(), Failure> {
    match args.kind {
        Kind::VisitSheets(a) => {
            let n = store.visit_sheets_pdf(a.place, &a.out)?;
            println!("已写入入户走访单 {n} 户到 {}", a.out.display());
        }
        Kind::Building(a) => {
            let n = store.building_chart_pdf(a.place, &a.out)?;
            println!("已写入楼盘表 {n} 户到 {}", a.out.display());
        }
    }
    Ok(())
}
