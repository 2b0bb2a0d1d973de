use std::path::PathBuf;

use clap::{Args, ValueEnum};
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Every synced table, canonical (rows sorted by id): the same data gives the same bytes
    Json,
}

#[derive(Debug, Args)]
pub struct Export {
    #[arg(long, value_enum)]
    format: Format,
    /// Write here instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(store: &mut Store, args: Export) -> Result<(), Failure> {
    let text = match args.format {
        Format::Json => store.export_canonical()?,
    };
    match args.out {
        Some(path) => std::fs::write(&path, text)?,
        None => {
            use std::io::Write;
            std::io::stdout().lock().write_all(text.as_bytes())?;
        }
    }
    Ok(())
}
