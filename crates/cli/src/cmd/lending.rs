//! 米邻驿站 on the command line: `linli report lending [--month YYYY-MM] [--place ID] [--json]`,
//! the station's figures for a month (`Store::lending_report`), and `linli export loans`, every
//! loan as CSV (`linli_store::lending::export_loans`). The desk's operations themselves are
//! `linli exec` commands (docs/lending.md).

use std::path::PathBuf;

use linli_domain::Id;
use linli_protocol::LendingReport;
use linli_store::Store;

use super::report::{emit, MonthArgs};
use crate::Failure;

pub fn report(store: &mut Store, args: MonthArgs) -> Result<(), Failure> {
    let f = store.lending_report(&LendingReport {
        month: args.month,
        place_id: args.place,
    })?;
    emit(args.json, &f, |out, f| {
        writeln!(out, "米邻驿站 {} 借用情况", f.month)?;
        writeln!(
            out,
            "借出\t{} 件（另发放消耗品 {} 件）",
            f.loans, f.handouts
        )?;
        writeln!(out, "归还\t{} 件", f.returns)?;
        writeln!(out, "续借\t{} 次", f.renewals)?;
        writeln!(out, "新预约\t{} 个", f.holds_placed)?;
        writeln!(out, "借用户数\t{} 户", f.active_borrowers)?;
        writeln!(
            out,
            "月末在借\t{} 件，其中逾期 {} 件（逾期率 {:.0}%）",
            f.open,
            f.overdue,
            f.overdue_rate * 100.0
        )?;
        writeln!(out, "遗失\t{} 件", f.lost)?;
        if f.conflicts > 0 {
            writeln!(
                out,
                "借用冲突\t{} 件物品同时记在两笔借用上，请在借还窗口处理",
                f.conflicts
            )?;
        }
        if !f.kinds.is_empty() {
            writeln!(out, "\n物品\t件数\t借出次数\t周转率")?;
            for k in &f.kinds {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{:.2}",
                    k.name, k.copies, k.loans, k.turnover
                )?;
            }
        }
        Ok(())
    })
}

/// A CSV cell: quoted when it holds a comma, quote or line break; a leading `= + - @` is kept
/// from being read as a formula by Excel and WPS.
fn cell(text: &str) -> String {
    let t = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if t.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t
    }
}

/// `linli export loans --format csv`: every loan of the communities under `place`.
pub fn export(store: &Store, place: Option<Id>, out: Option<PathBuf>) -> Result<(), Failure> {
    let rows = linli_store::lending::export_loans(store, place)?;
    let mut text = String::from("\u{feff}");
    for r in &rows {
        text.push_str(&r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        text.push_str("\r\n");
    }
    let path = out.unwrap_or_else(|| PathBuf::from("借用记录.csv"));
    std::fs::write(&path, text)?;
    println!("已导出借用记录 {} 行到 {}", rows.len() - 1, path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_are_quoted_and_formulas_kept_inert() {
        assert_eq!(super::cell("3栋101"), "3栋101");
        assert_eq!(super::cell("a,b"), "\"a,b\"");
        assert_eq!(super::cell("=1+1"), "'=1+1");
    }
}
