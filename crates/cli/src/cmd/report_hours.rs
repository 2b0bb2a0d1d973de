//! `linli report hours [--from DATE] [--to DATE] [--community ID] [--json]`: the same figures as
//! the Volunteers page, from `Store::hours_report`.

use std::io::Write;

use clap::Args;
use linli_domain::Id;
use linli_protocol::{HoursReport, HoursReportQuery, HoursRow};
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct HoursArgs {
    /// First day counted (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last day counted (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only this community (default: every community in the database)
    #[arg(long, value_name = "ID")]
    community: Option<Id>,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

fn hours(h: f64) -> String {
    let s = format!("{h:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn section(out: &mut impl Write, title: &str, rows: &[HoursRow]) -> std::io::Result<()> {
    writeln!(out, "\n{title}")?;
    if rows.is_empty() {
        writeln!(out, "  （无）")?;
    }
    for r in rows {
        writeln!(
            out,
            "  {}\t{} 小时\t{} 条\t{} 人",
            r.name,
            hours(r.hours),
            r.entries,
            r.volunteers
        )?;
    }
    Ok(())
}

fn print_text(out: &mut impl Write, r: &HoursReport) -> std::io::Result<()> {
    let period = match (&r.from, &r.to) {
        (None, None) => "全部日期".to_owned(),
        (from, to) => format!(
            "{} 至 {}",
            from.as_deref().unwrap_or("最早"),
            to.as_deref().unwrap_or("今天")
        ),
    };
    writeln!(
        out,
        "志愿服务时长（{period}，已审核、扣除冲正）：共 {} 小时，{} 条记录，{} 位志愿者。",
        hours(r.total_hours),
        r.entries,
        r.volunteers
    )?;
    if r.pending_entries > 0 {
        writeln!(out, "另有 {} 条记录待审核，未计入。", r.pending_entries)?;
    }
    section(out, "按志愿者", &r.by_volunteer)?;
    section(out, "按服务队", &r.by_team)?;
    section(out, "按服务类别", &r.by_category)?;
    section(out, "按月份", &r.by_month)
}

pub fn run(store: &mut Store, args: HoursArgs) -> Result<(), Failure> {
    let report = store.hours_report(&HoursReportQuery {
        community_id: args.community,
        from: args.from,
        to: args.to,
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report).map_err(anyhow::Error::from)?;
        writeln!(out)?;
    } else {
        print_text(&mut out, &report)?;
    }
    Ok(())
}
