//! `linli report circle [--month YYYY-MM] [--place ID] [--json]`: the 15-minute neighbourhood
//! service circle (服务圈: `Store::circle_report`; docs/circle.md) — service points by kind,
//! those shared with neighbours (the points open at the month's end, or today), joint activities
//! in the month and each community's part.
//! Points and activities are written through `linli exec`.

use linli_domain::circle::PointKind;
use linli_protocol::CircleReport;
use linli_store::Store;

use super::report::{emit, MonthArgs};
use crate::Failure;

pub fn run(store: &mut Store, args: MonthArgs) -> Result<(), Failure> {
    let f = store.circle_report(&CircleReport {
        month: args.month,
        place_id: args.place,
    })?;
    emit(args.json, &f, |out, f| {
        writeln!(out, "服务圈 {} 情况（{}）", f.month, f.place_name)?;
        writeln!(
            out,
            "服务点（月末在用）\t{} 个（与邻近社区共享 {} 个）",
            f.points, f.shared_points
        )?;
        for l in &f.by_kind {
            let label = PointKind::from_code(&l.code)
                .map(PointKind::label_zh)
                .unwrap_or(&l.code);
            writeln!(out, "\u{3000}{label}\t{}", l.n)?;
        }
        writeln!(
            out,
            "联建活动\t{} 次（参加 {} 人次）",
            f.activities, f.participants
        )?;
        if !f.by_community.is_empty() {
            writeln!(out, "\n社区\t可用服务点\t联建活动\t参加人次")?;
            for c in &f.by_community {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    c.name, c.points, c.activities, c.participants
                )?;
            }
        }
        Ok(())
    })
}
