//! `linli report work-units [--community ID] [--json]`: party members' points per work unit
//! (双报到积分), from `Store::work_unit_points`.

use std::io::Write;

use clap::Args;
use linli_domain::Id;
use linli_protocol::WorkUnitPointsQuery;
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct WorkUnitsArgs {
    /// Only this community (default: every community in the database)
    #[arg(long, value_name = "ID")]
    community: Option<Id>,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(store: &mut Store, args: WorkUnitsArgs) -> Result<(), Failure> {
    let units = store.work_unit_points(&WorkUnitPointsQuery {
        community_id: args.community,
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &units).map_err(anyhow::Error::from)?;
        writeln!(out)?;
    } else if units.is_empty() {
        writeln!(out, "还没有在职党员到社区报到登记。")?;
    } else {
        writeln!(out, "报到单位\t人数\t服务时长\t所得积分\t现有积分")?;
        for u in &units {
            writeln!(
                out,
                "{}\t{}\t{:.1} 小时\t{}\t{}",
                u.work_unit, u.members, u.hours, u.earned, u.balance
            )?;
        }
    }
    Ok(())
}
