//! `linli report programmes [--month YYYY-MM] [--place ID] [--json]`: a month's figures of the
//! children's programmes (托管: `Store::programmes_report`; docs/programmes.md). Programmes,
//! enrolment and the desk are `linli exec` commands.

use std::io::Write;

use linli_domain::programmes::ProgrammeKind;
use linli_protocol::ProgrammesReport;
use linli_store::Store;

use super::report::MonthArgs;
use crate::Failure;

pub fn run(store: &mut Store, args: MonthArgs) -> Result<(), Failure> {
    let f = store.programmes_report(&ProgrammesReport {
        month: args.month,
        place_id: args.place,
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &f).map_err(anyhow::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "托管项目 {} 情况", f.month)?;
    writeln!(out, "开展项目\t{} 个", f.programmes)?;
    writeln!(
        out,
        "在册儿童\t{} 人（本月新报名 {} 人，候补 {} 人）",
        f.enrolled, f.new_enrolments, f.waiting
    )?;
    writeln!(out, "出勤\t{} 人天", f.attendance_days)?;
    writeln!(out, "未签退\t{} 人次", f.not_collected)?;
    writeln!(
        out,
        "志愿服务\t{} 小时（{} 班次）",
        f.volunteer_hours, f.shifts
    )?;
    if !f.by_kind.is_empty() {
        writeln!(out, "\n项目类型\t在册儿童")?;
        for l in &f.by_kind {
            let label = ProgrammeKind::from_code(&l.code)
                .map(ProgrammeKind::label_zh)
                .unwrap_or(&l.code);
            writeln!(out, "{label}\t{}", l.n)?;
        }
    }
    Ok(())
}
