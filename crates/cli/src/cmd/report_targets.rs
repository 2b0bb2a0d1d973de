//! `linli report targets [--month YYYY-MM] [--place ID] [--json]`: progress against the targets
//! (目标) as the 统计 page and 工作台 show it — each community's, grid's and worker's figures
//! green, amber or red — and the month's digest of who is behind and who improved most, from the
//! same `target_progress` request. This month when no month is given. See docs/targets.md.

use std::io::Write;

use clap::Args;
use linli_domain::targets::TargetStatus;
use linli_domain::Id;
use linli_protocol::{DigestLine, Measure, TargetProgress, TargetReport};
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct TargetsArgs {
    /// The month (YYYY-MM) [default: this month]
    #[arg(long, value_name = "YYYY-MM")]
    month: Option<String>,
    /// A community (its grids and workers) or a town (its communities) [default: every community]
    #[arg(long, value_name = "ID")]
    place: Option<Id>,
    /// Print the progress and the digest as JSON
    #[arg(long)]
    json: bool,
}

fn level(l: &str) -> &'static str {
    match l {
        "community" => "社区",
        "grid" => "网格",
        "worker" => "网格员",
        _ => "",
    }
}

fn source(s: &str) -> &'static str {
    match s {
        "own" => "自设",
        "grid" => "按户数分自大网格",
        "community" => "按户数分自社区",
        "grids" => "所管网格合计",
        _ => "未设",
    }
}

/// A figure against its target: "42/50 户次" or "88.0%/90%", with its colour.
fn measure(m: &Measure) -> String {
    let actual = match m.key.as_str() {
        "visits" => format!("{}", m.actual),
        _ => format!("{:.1}%", m.actual * 100.0),
    };
    let target = match (m.key.as_str(), m.target) {
        (_, None) => "—".to_owned(),
        ("visits", Some(t)) => format!("{t}"),
        (_, Some(t)) => format!("{:.0}%", t * 100.0),
    };
    format!("{actual}/{target} {}", m.status.label_zh())
}

fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "—".into(), |s| format!("{:.0}%", s * 100.0))
}

fn digest(o: &mut impl Write, title: &str, lines: &[DigestLine]) -> std::io::Result<()> {
    if lines.is_empty() {
        return writeln!(o, "{title}：无");
    }
    writeln!(o, "{title}：")?;
    for (i, d) in lines.iter().enumerate() {
        let change = d
            .change
            .map_or_else(|| "—".into(), |c| format!("{:+.0}点", c * 100.0));
        writeln!(
            o,
            "　{}. {}{}（{}）　完成度 {}，上月 {}，变化 {}",
            i + 1,
            level(&d.level),
            d.name,
            d.within,
            score(d.score),
            score(d.prev_score),
            change
        )?;
    }
    Ok(())
}

fn print(o: &mut impl Write, r: &TargetReport) -> std::io::Result<()> {
    writeln!(
        o,
        "{} 目标进度　{}（{} 至 {}，本月已过 {:.0}%）",
        r.scope_name,
        r.month,
        r.from,
        r.to,
        r.elapsed * 100.0
    )?;
    writeln!(
        o,
        "颜色：{}＝达到目标（本月未过完时，走访和覆盖率的目标按已过天数折算）；{}＝达到目标的{:.0}%；{}＝低于{:.0}%；{}＝无目标或无可评",
        TargetStatus::Green.label_zh(),
        TargetStatus::Amber.label_zh(),
        r.amber_share * 100.0,
        TargetStatus::Red.label_zh(),
        r.amber_share * 100.0,
        TargetStatus::None.label_zh(),
    )?;
    writeln!(
        o,
        "层级\t名称\t所属\t走访（户次）\t走访覆盖率\t按时办结率\t总体\t完成度\t上月\t目标来源"
    )?;
    for l in &r.lines {
        let ms: Vec<String> = l.measures.iter().map(measure).collect();
        writeln!(
            o,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            level(&l.level),
            l.name,
            l.within,
            ms.join("\t"),
            l.status.label_zh(),
            format_args!("{}\t{}", score(l.score), score(l.prev_score)),
            format_args!(
                "{}{}",
                source(&l.source),
                l.from_month
                    .as_deref()
                    .map(|m| format!("（{m}起）"))
                    .unwrap_or_default()
            ),
        )?;
    }
    digest(o, "落后（红色，完成度由低到高）", &r.behind)?;
    digest(o, "较上月进步最多", &r.improved)?;
    Ok(())
}

pub fn run(store: &mut Store, args: TargetsArgs) -> Result<(), Failure> {
    let r = store.target_progress(&TargetProgress {
        month: args.month,
        place_id: args.place,
        grid_id: None,
    })?;
    let mut o = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut o, &r).map_err(anyhow::Error::from)?;
        writeln!(o)?;
        return Ok(());
    }
    print(&mut o, &r)?;
    Ok(())
}
