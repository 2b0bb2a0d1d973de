//! `linli report dashboard [--month YYYY-MM | --from DATE --to DATE] [--place ID] [--json]`: the
//! figures and the ranking the window's 统计 page shows, from the same `dashboard` request. With
//! neither a month nor dates it is last month, as the page opens. The other registers' sections
//! (借还, 调解 …) print as they come, one line of numbers and a line per chart each.

use std::io::Write;

use clap::Args;
use linli_domain::Id;
use linli_protocol::{Dashboard, DashboardData, Ratio, RegisterFigures, Slice};
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct DashboardArgs {
    /// A month (YYYY-MM) [default: last month]
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
    month: Option<String>,
    /// The first day of a period (YYYY-MM-DD), with --to
    #[arg(long, value_name = "DATE", requires = "to")]
    from: Option<String>,
    /// The last day of a period (YYYY-MM-DD), with --from
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<String>,
    /// Only under this place (a town or community id) [default: everything]
    #[arg(long, value_name = "ID")]
    place: Option<Id>,
    /// Print the figures as JSON
    #[arg(long)]
    json: bool,
}

fn pct(r: f64) -> String {
    format!("{:.1}%", r * 100.0)
}

fn share(r: &Ratio) -> String {
    format!("{}（{}/{}）", pct(r.rate), r.num, r.den)
}

fn number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn slices(o: &mut impl Write, title: &str, s: &[Slice]) -> std::io::Result<()> {
    let parts: Vec<String> = s
        .iter()
        .map(|s| format!("{} {}", s.label, number(s.value)))
        .collect();
    let parts = if parts.is_empty() {
        "无".to_owned()
    } else {
        parts.join("，")
    };
    writeln!(o, "{title}：{parts}")
}

/// A ranking cell: the value (a rate as a percentage), "—" where it does not apply.
fn cell(key: &str, v: Option<f64>) -> String {
    match v {
        None => "—".into(),
        Some(v) if matches!(key, "coverage" | "resolution" | "on_time") => pct(v),
        Some(v) => format!("{v:.1}"),
    }
}

/// The change from the period before, in the column's unit (points for a rate).
fn change(key: &str, now: Option<f64>, before: Option<f64>) -> String {
    match (now, before) {
        (Some(a), Some(b)) if matches!(key, "coverage" | "resolution" | "on_time") => {
            format!("{:+.1}点", (a - b) * 100.0)
        }
        (Some(a), Some(b)) => format!("{:+.1}", a - b),
        _ => "—".into(),
    }
}

/// Another register's section (借还, 调解 …): its numbers on a line, each chart on a line.
fn registers(o: &mut impl Write, r: &RegisterFigures) -> std::io::Result<()> {
    let title = if r.note.is_empty() {
        r.label.clone()
    } else {
        format!("{}（{}）", r.label, r.note)
    };
    let numbers: Vec<String> = r
        .numbers
        .iter()
        .map(|n| match &n.ratio {
            Some(ratio) => format!("{} {}", n.label, share(ratio)),
            None => format!("{} {}", n.label, number(n.value)),
        })
        .collect();
    writeln!(o, "{title}：{}", numbers.join("，"))?;
    for c in &r.charts {
        let bars: Vec<Slice> = c
            .bars
            .iter()
            .map(|b| Slice {
                key: b.key.clone(),
                label: b.label.clone(),
                value: b.value,
            })
            .collect();
        slices(o, &format!("{}·{}", r.label, c.label), &bars)?;
    }
    Ok(())
}

fn print(o: &mut impl Write, d: &DashboardData) -> std::io::Result<()> {
    writeln!(
        o,
        "{} 统计　{} 至 {}（上期 {} 至 {}）",
        d.scope_name, d.from, d.to, d.prev_from, d.prev_to
    )?;
    writeln!(o, "走访覆盖率\t{}", share(&d.coverage))?;
    writeln!(o, "办结率\t{}", share(&d.resolution))?;
    writeln!(o, "按时办结率\t{}", share(&d.on_time))?;
    writeln!(o, "月份\t走访覆盖率\t办结率\t按时办结率")?;
    for m in &d.trend {
        writeln!(
            o,
            "{}\t{}\t{}\t{}",
            m.month,
            share(&m.coverage),
            share(&m.resolution),
            share(&m.on_time)
        )?;
    }
    slices(o, "诉求（按状态）", &d.stages)?;
    slices(o, "诉求（按类别）", &d.categories)?;
    slices(o, "逾期诉求（按上报级别）", &d.overdue)?;
    slices(o, "志愿时长（按服务队，小时）", &d.hours_by_team)?;
    slices(o, "志愿时长（按服务类别，小时）", &d.hours_by_category)?;
    for section in &d.registers {
        registers(o, section)?;
    }
    let r = &d.ranking;
    if r.rows.is_empty() {
        return Ok(());
    }
    let level = if r.level == "grid" {
        "网格"
    } else {
        "社区"
    };
    writeln!(
        o,
        "{level}排名（晾晒）：各项按最好100、最差0折算，综合得分为各项平均"
    )?;
    for c in &r.columns {
        let way = if c.higher_is_better {
            "越高越好"
        } else {
            "越低越好"
        };
        writeln!(o, "　{}＝{}（{way}）", c.label, c.formula)?;
    }
    let heads: Vec<String> = r
        .columns
        .iter()
        .map(|c| format!("{}\t较上期", c.label))
        .collect();
    writeln!(o, "名次\t上期\t{level}\t综合得分\t{}", heads.join("\t"))?;
    for row in &r.rows {
        let cells: Vec<String> = r
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let now = row.values.get(i).copied().flatten();
                let before = row.prev_values.get(i).copied().flatten();
                format!("{}\t{}", cell(&c.key, now), change(&c.key, now, before))
            })
            .collect();
        writeln!(
            o,
            "{}\t{}\t{}\t{:.1}\t{}",
            rank_text(row.rank),
            rank_text(row.prev_rank),
            row.name,
            row.score,
            cells.join("\t")
        )?;
    }
    Ok(())
}

pub fn run(store: &mut Store, args: DashboardArgs) -> Result<(), Failure> {
    let (from, to) = match (args.from, args.to, args.month) {
        (Some(f), Some(t), _) => (f, t),
        (_, _, month) => {
            let month = month.unwrap_or_else(|| {
                let today = store.now().today();
                linli_domain::calendar::months_before(&today, 1)[..7].to_owned()
            });
            linli_domain::calendar::month_bounds(&month)
                .ok_or_else(|| {
                    linli_domain::DomainError::coded(
                        "month",
                        linli_domain::msg::BAD_MONTH,
                        linli_domain::args![value = month],
                    )
                })
                .map_err(linli_store::Error::from)?
        }
    };
    let d = store.dashboard(&Dashboard {
        from,
        to,
        place_id: args.place,
        grid_id: None,
    })?;
    let mut o = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut o, &d).map_err(anyhow::Error::from)?;
        writeln!(o)?;
        return Ok(());
    }
    print(&mut o, &d)?;
    Ok(())
}

/// A rank as printed: "—" for a line with nothing to rank in the period (rank 0).
fn rank_text(rank: u32) -> String {
    if rank == 0 {
        "—".to_owned()
    } else {
        rank.to_string()
    }
}
