//! `linli report patrols [--month YYYY-MM] [--place ID] [--json]`: a month's figures of the
//! security patrols (巡防: `Store::patrols_report`; docs/patrols.md). Teams, the rota and the logs
//! are `linli exec` commands.

use std::io::Write;

use linli_domain::patrols::FindingCategory;
use linli_protocol::PatrolsReport;
use linli_store::Store;

use super::report::MonthArgs;
use crate::Failure;

pub fn run(store: &mut Store, args: MonthArgs) -> Result<(), Failure> {
    let f = store.patrols_report(&PatrolsReport {
        month: args.month,
        place_id: args.place,
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &f).map_err(anyhow::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "治安巡防 {} 情况（{} 至 {}）", f.month, f.from, f.to)?;
    writeln!(out, "已巡\t{} 次", f.done)?;
    writeln!(out, "漏巡\t{} 个班次", f.missed)?;
    writeln!(out, "待巡\t{} 个班次", f.planned)?;
    writeln!(out, "发现问题\t{} 个", f.findings)?;
    writeln!(out, "转为诉求\t{} 件", f.requests)?;
    if !f.by_category.is_empty() {
        writeln!(out, "\n问题类别\t个数")?;
        for l in &f.by_category {
            let label = FindingCategory::from_code(&l.code)
                .map(FindingCategory::label_zh)
                .unwrap_or(&l.code);
            writeln!(out, "{label}\t{}", l.n)?;
        }
    }
    Ok(())
}
