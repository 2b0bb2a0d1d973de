use std::io::Write;

use clap::Subcommand;
use linli_domain::PlaceKind;
use linli_protocol::ListPlaces;
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Subcommand)]
pub enum Action {
    /// List the communities, by name
    List {
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &mut Store, action: Action) -> Result<(), Failure> {
    match action {
        Action::List { json } => {
            let list = store.list_places(&ListPlaces {
                kind: Some(PlaceKind::Community),
                parent_id: None,
            })?;
            let mut out = std::io::stdout().lock();
            if json {
                serde_json::to_writer_pretty(&mut out, &list).map_err(anyhow::Error::from)?;
                writeln!(out)?;
            } else if list.is_empty() {
                writeln!(
                    out,
                    "还没有社区。用桌面程序的“网格”页添加，或运行 linli demo。"
                )?;
            } else {
                for p in &list {
                    writeln!(
                        out,
                        "{}\t{}\t{}",
                        p.id,
                        p.name,
                        p.parent_name.as_deref().unwrap_or("-")
                    )?;
                }
            }
            Ok(())
        }
    }
}
