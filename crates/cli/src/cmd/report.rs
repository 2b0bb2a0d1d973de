//! `linli report KIND`: figures for the report upward. Each kind lives in its own file
//! (`report_hours.rs`, …) so kinds can be added side by side.

use std::io::Write;

use clap::{Args, Subcommand};
use linli_domain::Id;
use linli_store::Store;
use serde::Serialize;

use crate::Failure;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    kind: Kind,
}

#[derive(Debug, Subcommand)]
enum Kind {
    /// Visit coverage (走访覆盖率): visited / total households per community, grid and building
    Coverage(super::report_field::FieldArgs),
    /// Tasks (五单): raised, resolved and on time in the period, with rates and the task ids
    Tasks(super::report_field::FieldArgs),
    /// Verified volunteer hours by volunteer, team, category and month
    Hours(super::report_hours::HoursArgs),
    /// Party members' points per work unit (双报到)
    WorkUnits(super::report_work_units::WorkUnitsArgs),
    /// The monthly report upward (月报) as .xlsx or PDF (--out FILE.pdf): this month and year to date
    Monthly(super::report_monthly::MonthlyArgs),
    /// The 统计 page's figures and ranking (晾晒) for a month or a period
    Dashboard(super::report_dashboard::DashboardArgs),
    /// 米邻驿站: loans, borrowers, turnover per kind, overdue rate and items lost in a month
    Lending(MonthArgs),
    /// Progress against the targets (目标) red/amber/green, and who is behind or improved most
    Targets(super::report_targets::TargetsArgs),
    /// 人民调解: cases received, settled and carried out, the settlement rate, by type and source
    Mediation(MonthArgs),
    /// 议事协商: liaison points, topics, meetings, votes, resolutions and those done
    Councils(MonthArgs),
    /// 居民建议: suggestions received and answered, made topics or requests, by source
    Suggestions(MonthArgs),
    /// 托管: children enrolled and waiting, attendance days, volunteer hours given, by kind
    Programmes(MonthArgs),
    /// 巡防: patrols done and missed, findings and those made requests, by category
    Patrols(MonthArgs),
    /// 服务圈: service points by kind and those shared, joint activities per community
    Circle(MonthArgs),
}

pub fn run(store: &mut Store, args: ReportArgs) -> Result<(), Failure> {
    match args.kind {
        Kind::Coverage(a) => {
            super::report_field::run(store, super::report_field::Kind::Coverage, a)
        }
        Kind::Tasks(a) => super::report_field::run(store, super::report_field::Kind::Tasks, a),
        Kind::Hours(a) => super::report_hours::run(store, a),
        Kind::WorkUnits(a) => super::report_work_units::run(store, a),
        Kind::Monthly(a) => super::report_monthly::run(store, a),
        Kind::Dashboard(a) => super::report_dashboard::run(store, a),
        Kind::Lending(a) => super::lending::report(store, a),
        Kind::Targets(a) => super::report_targets::run(store, a),
        Kind::Mediation(a) => super::report_mediation::run(store, a),
        Kind::Councils(a) => super::report_councils::councils(store, a),
        Kind::Suggestions(a) => super::report_councils::suggestions(store, a),
        Kind::Programmes(a) => super::report_programmes::run(store, a),
        Kind::Patrols(a) => super::report_patrols::run(store, a),
        Kind::Circle(a) => super::report_circle::run(store, a),
    }
}

/// The arguments every register's month report takes (lending, mediation, and those to come):
/// `[--month YYYY-MM] [--place ID] [--json]`.
#[derive(Debug, Args)]
pub struct MonthArgs {
    /// The month, YYYY-MM [default: this month]
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// Only the communities under this place (a community, town or county id) [default: all]
    #[arg(long, value_name = "ID")]
    pub place: Option<Id>,
    /// Print the figures as JSON
    #[arg(long)]
    pub json: bool,
}

/// Writes a register report to standard output: the figures as pretty JSON with `--json`, else
/// the lines `text` writes.
pub fn emit<T: Serialize>(
    json: bool,
    figures: &T,
    text: impl FnOnce(&mut dyn Write, &T) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, figures).map_err(anyhow::Error::from)?;
        writeln!(out)?;
    } else {
        text(&mut out, figures)?;
    }
    Ok(())
}
