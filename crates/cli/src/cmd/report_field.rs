//! `linli report coverage|tasks`: the figures the report upward needs, the same ones the store
//! gives the desktop (coverage per community, grid and building; task resolution and on-time
//! rates with the tasks behind them), as a table or as JSON for scripts.

use std::collections::BTreeMap;
use std::io::Write;

use clap::Args;
use linli_domain::field::TaskStatus;
use linli_domain::Id;
use linli_protocol::{Coverage, CoverageRow, TaskBoard, TaskRates, TaskRatesReport};
use linli_store::Store;
use serde::Serialize;

use crate::Failure;

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Visit coverage (走访覆盖率): visited / total households per community, grid and building
    Coverage,
    /// Tasks (五单): raised, resolved and on time in the period, with rates and the task ids
    Tasks,
}

#[derive(Debug, Args)]
pub struct FieldArgs {
    /// First day of the period (YYYY-MM-DD) [default: 29 days before --to]
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last day of the period, inclusive (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only under this place (a community, compound, building or unit id) [default: everything]
    #[arg(long, value_name = "ID")]
    place: Option<Id>,
    /// Print JSON instead of a table
    #[arg(long)]
    json: bool,
}

/// `linli report tasks --json`: the rates with their lists, and the tasks raised in the period
/// counted by their status as of its last day.
#[derive(Debug, Serialize)]
pub struct TasksReport {
    #[serde(flatten)]
    pub rates: TaskRatesReport,
    pub by_status: BTreeMap<&'static str, u32>,
}

fn percent(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

fn print_rows(out: &mut impl Write, label: &str, rows: &[CoverageRow]) -> std::io::Result<()> {
    for r in rows {
        writeln!(
            out,
            "{label}\t{}\t{}/{}\t{}\t{}",
            r.name,
            r.visited,
            r.total,
            percent(r.rate),
            r.id
        )?;
    }
    Ok(())
}

pub fn run(store: &mut Store, kind: Kind, args: FieldArgs) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match kind {
        Kind::Coverage => {
            let r = store.coverage(&Coverage {
                place_id: args.place,
                from: args.from,
                to: args.to,
            })?;
            if args.json {
                return print_json(&mut out, &r);
            }
            writeln!(out, "走访覆盖率　{} 至 {}", r.from, r.to)?;
            if r.communities.is_empty() {
                writeln!(out, "没有住户。")?;
            }
            print_rows(&mut out, "社区", &r.communities)?;
            print_rows(&mut out, "网格", &r.grids)?;
            print_rows(&mut out, "楼栋", &r.buildings)?;
        }
        Kind::Tasks => {
            let rates = store.task_rates(&TaskRates {
                place_id: args.place,
                from: args.from,
                to: args.to,
            })?;
            let board = store.task_board(&TaskBoard {
                place_id: args.place,
                today: Some(rates.to.clone()),
                ..Default::default()
            })?;
            let mut by_status: BTreeMap<&'static str, u32> =
                TaskStatus::ALL.iter().map(|s| (s.code(), 0)).collect();
            for col in &board {
                let n = col
                    .tasks
                    .iter()
                    .filter(|t| rates.raised.contains(&t.id))
                    .count() as u32;
                by_status.insert(col.status.code(), n);
            }
            let report = TasksReport { rates, by_status };
            if args.json {
                return print_json(&mut out, &report);
            }
            let r = &report.rates;
            writeln!(out, "事项（五单）　{} 至 {}", r.from, r.to)?;
            writeln!(out, "点单\t{} 件", r.raised.len())?;
            writeln!(
                out,
                "办结\t{} 件\t办结率 {}",
                r.resolved.len(),
                percent(r.resolution_rate)
            )?;
            writeln!(
                out,
                "按时办结\t{} 件\t按时率 {}",
                r.on_time.len(),
                percent(r.on_time_rate)
            )?;
            writeln!(out, "逾期未办\t{} 件", r.overdue.len())?;
            if let Some(avg) = r.average_rating {
                writeln!(out, "平均评分\t{avg:.1} 星")?;
            }
            for s in TaskStatus::ALL {
                writeln!(
                    out,
                    "{}\t{} 件",
                    s.label_zh(),
                    report.by_status.get(s.code()).copied().unwrap_or(0)
                )?;
            }
        }
    }
    Ok(())
}

/// Pretty JSON of a report, one object and a newline.
fn print_json<T: Serialize>(out: &mut impl Write, v: &T) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, v).map_err(anyhow::Error::from)?;
    writeln!(out)?;
    Ok(())
}
