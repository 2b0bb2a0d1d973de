use std::io::Write;

use clap::Args;
use linli_domain::address::with_community;
use linli_protocol::{HitKind, Search};
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// A name, pinyin (zhangsan, zs), the last 4+ digits of an ID number or phone, an address
    /// (3栋2单元301, 3-2-301, 南湖苑1栋1单元502, 南湖苑1-1-502) or a compound's name (南湖苑)
    query: String,
    /// Print a JSON array instead of a table
    #[arg(long)]
    json: bool,
    /// At most this many results
    #[arg(long, default_value_t = 20)]
    limit: u32,
}

pub fn run(store: &mut Store, args: SearchArgs) -> Result<(), Failure> {
    let hits = store.search(&Search {
        query: args.query,
        limit: args.limit,
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &hits).map_err(anyhow::Error::from)?;
        writeln!(out)?;
    } else if hits.is_empty() {
        writeln!(out, "没有找到")?;
    } else {
        // the community in front when the hits span several
        let first = hits[0].community.as_deref();
        let several = hits.iter().any(|h| h.community.as_deref() != first);
        for h in &hits {
            let address = if several {
                with_community(h.community.as_deref(), &h.address)
            } else {
                h.address.clone()
            };
            let kind = match h.kind {
                HitKind::Resident => "居民",
                HitKind::Household => "住户",
            };
            writeln!(
                out,
                "{kind}\t{}\t{}\t{}\t{}",
                h.name,
                address,
                h.detail
                    .as_deref()
                    .filter(|d| *d != h.address)
                    .unwrap_or(""),
                h.id
            )?;
        }
    }
    Ok(())
}
