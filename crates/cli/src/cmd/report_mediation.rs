//! `linli report mediation [--month YYYY-MM] [--place ID] [--json]`: a month's mediation figures
//! (`Store::mediation_report`; docs/mediation.md). Cases themselves are `linli exec` commands.

use linli_domain::mediation::{CaseSource, DisputeKind};
use linli_protocol::MediationReport;
use linli_store::Store;

use super::report::{emit, MonthArgs};
use crate::Failure;

pub fn run(store: &mut Store, args: MonthArgs) -> Result<(), Failure> {
    let f = store.mediation_report(&MediationReport {
        month: args.month,
        place_id: args.place,
    })?;
    emit(args.json, &f, |out, f| {
        writeln!(out, "人民调解 {} 情况", f.month)?;
        writeln!(out, "受理\t{} 件", f.received)?;
        writeln!(
            out,
            "调解成功\t{} 件，调解不成 {} 件（调解成功率 {:.0}%）",
            f.settled,
            f.failed,
            f.settlement_rate * 100.0
        )?;
        writeln!(out, "协议已履行\t{} 件", f.carried_out)?;
        writeln!(out, "结案\t{} 件", f.closed)?;
        writeln!(out, "月末在调\t{} 件，其中超期 {} 件", f.open, f.overdue)?;
        writeln!(out, "申请司法确认\t{} 件", f.confirmations)?;
        for (title, lines) in [("纠纷类型", &f.by_kind), ("纠纷来源", &f.by_source)] {
            if lines.is_empty() {
                continue;
            }
            writeln!(out, "\n{title}\t件数")?;
            for l in lines {
                let label = DisputeKind::from_code(&l.code)
                    .map(DisputeKind::label_zh)
                    .or_else(|| CaseSource::from_code(&l.code).map(CaseSource::label_zh))
                    .unwrap_or(&l.code);
                writeln!(out, "{label}\t{}", l.n)?;
            }
        }
        Ok(())
    })
}
