//! `linli ledger VOLUNTEER_ID [--json] [--out FILE]`: a volunteer's points statement with its
//! running balance, as the Volunteers page shows and a coordinator prints it; `--out` writes it
//! as .xlsx (or .csv, by the file's extension) instead.

use std::io::Write;

use clap::Args;
use linli_domain::Id;
use linli_protocol::{ExportStatement, LedgerStatement, SheetFormat};
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// The volunteer's id
    volunteer: Id,
    /// Print the statement as JSON
    #[arg(long)]
    json: bool,
    /// Write the statement to this .xlsx (or .csv, or .pdf) file instead of printing it
    #[arg(long, value_name = "FILE", conflicts_with = "json")]
    out: Option<std::path::PathBuf>,
}

pub fn run(store: &mut Store, args: LedgerArgs) -> Result<(), Failure> {
    if let Some(path) = args.out {
        let csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let done = store.export_statement(&ExportStatement {
            volunteer_id: args.volunteer,
            format: if csv {
                SheetFormat::Csv
            } else {
                SheetFormat::Xlsx
            },
            path: path.display().to_string(),
        })?;
        println!("已导出积分对账单 {} 行到 {}", done.rows, done.path);
        return Ok(());
    }
    let st = store.ledger_statement(&LedgerStatement {
        volunteer_id: args.volunteer,
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &st).map_err(anyhow::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} · {} · 积分对账单（已审核服务 {} 小时）",
        st.volunteer_name, st.community_name, st.hours
    )?;
    writeln!(out, "日期\t\t积分\t余额\t摘要")?;
    for l in &st.lines {
        let mark = if l.needs_review {
            "  ⚠ 超支待核查".to_owned()
        } else {
            l.resolution
                .as_ref()
                .map(|r| format!("  （{r}）"))
                .unwrap_or_default()
        };
        writeln!(
            out,
            "{}\t{:+}\t{}\t{}{mark}",
            l.date, l.points, l.running, l.description
        )?;
    }
    writeln!(out, "余额：{} 分。{}", st.balance.balance, st.balance.note)?;
    Ok(())
}
