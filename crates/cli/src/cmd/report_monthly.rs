//! `linli report monthly --month YYYY-MM [--place ID] [--out FILE] [--json]`: the monthly report
//! upward (月报) as .xlsx — or as PDF when FILE ends in .pdf (linli-print, the system's Chinese
//! font) —, from `Store::monthly_report`, the same request the desktop's 报表 page makes. Each figure has this month's value and the year to date (1 January to the month's end).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use linli_domain::Id;
use linli_protocol::{FigureUnit, MonthlyReport};
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct MonthlyArgs {
    /// The month (YYYY-MM)
    #[arg(long, value_name = "YYYY-MM")]
    month: String,
    /// Only under this place (a community, compound, building or unit id) [default: everything]
    #[arg(long, value_name = "ID")]
    place: Option<Id>,
    /// Write the workbook here, or a PDF when FILE ends in .pdf [default: 月报-YYYY-MM.xlsx in
    /// this folder]
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Print the figures as JSON as well (the workbook is still written)
    #[arg(long)]
    json: bool,
}

fn show(unit: FigureUnit, v: f64) -> String {
    match unit {
        FigureUnit::Rate => format!("{:.1}%", v * 100.0),
        FigureUnit::Hours => {
            let s = format!("{v:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        FigureUnit::Count => format!("{v}"),
    }
}

pub fn run(store: &mut Store, args: MonthlyArgs) -> Result<(), Failure> {
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("月报-{}.xlsx", args.month.trim())));
    let r = store.monthly_report(&MonthlyReport {
        month: args.month,
        place_id: args.place,
        path: Some(out.display().to_string()),
        grid_id: None,
    })?;
    let mut o = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut o, &r).map_err(anyhow::Error::from)?;
        writeln!(o)?;
        return Ok(());
    }
    writeln!(
        o,
        "{} {} 月报　本月 {} 至 {}，本年累计自 {}",
        r.place_name, r.month, r.from, r.to, r.cumulative_from
    )?;
    for f in &r.figures {
        writeln!(
            o,
            "{}\t本月 {}\t累计 {}",
            f.label,
            show(f.unit, f.month),
            show(f.unit, f.cumulative)
        )?;
    }
    writeln!(o, "已写入 {}", out.display())?;
    Ok(())
}
