//! Targets (目标, issue 21): how a figure is judged against its target — green, amber or red —
//! in one place, for the store that judges and the pages that draw the legend.
//!
//! - **green**: the figure reaches the target;
//! - **amber**: it reaches [`AMBER_SHARE`] of the target, or — for a figure that grows through
//!   the month (visits, coverage) while the month is still running — it is on pace: at least the
//!   target times the share of the month gone by;
//! - **red**: below both;
//! - **none**: no target, or nothing to judge yet (an on-time rate with no request resolved).

use serde::{Deserialize, Serialize};

/// Amber from this share of the target up (green from the whole of it).
pub const AMBER_SHARE: f64 = 0.8;

/// The largest visits target of one month (a whole town's visits stay far below).
pub const MAX_VISITS: i64 = 1_000_000;

/// A figure against its target. Ordered worst first, so a line's colour is its measures' minimum
/// among those judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Red,
    Amber,
    Green,
    /// No target, or nothing to judge.
    None,
}

impl TargetStatus {
    pub fn code(self) -> &'static str {
        match self {
            TargetStatus::Red => "red",
            TargetStatus::Amber => "amber",
            TargetStatus::Green => "green",
            TargetStatus::None => "none",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            TargetStatus::Red => "落后",
            TargetStatus::Amber => "接近",
            TargetStatus::Green => "达标",
            TargetStatus::None => "未设目标",
        }
    }
}

/// Judges `actual` against `target`. `pace` is the share of the month gone by (0–1) for a figure
/// that grows through the month while the month is running, `None` otherwise.
pub fn judge(actual: f64, target: f64, pace: Option<f64>) -> TargetStatus {
    // a little slack for rates computed in floating point (9 of 10 is 0.9, not 0.8999…)
    const EPS: f64 = 1e-9;
    if actual + EPS >= target {
        TargetStatus::Green
    } else if actual + EPS >= target * AMBER_SHARE
        || pace.is_some_and(|p| actual + EPS >= target * p.clamp(0.0, 1.0))
    {
        TargetStatus::Amber
    } else {
        TargetStatus::Red
    }
}

/// The worst status among those judged (`None` when none is).
pub fn overall(statuses: impl IntoIterator<Item = TargetStatus>) -> TargetStatus {
    statuses
        .into_iter()
        .filter(|s| *s != TargetStatus::None)
        .min()
        .unwrap_or(TargetStatus::None)
}

/// How far a figure reaches its target, capped at 2 (twice the target) so one figure far over
/// its target does not hide another under it; `None` for a zero target.
pub fn attainment(actual: f64, target: f64) -> Option<f64> {
    (target > 0.0).then(|| (actual / target).min(2.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn green_amber_red_at_the_thresholds() {
        assert_eq!(judge(0.9, 0.9, None), TargetStatus::Green);
        assert_eq!(judge(9.0 / 10.0, 0.9, None), TargetStatus::Green);
        assert_eq!(judge(0.72, 0.9, None), TargetStatus::Amber);
        assert_eq!(judge(0.71, 0.9, None), TargetStatus::Red);
        assert_eq!(judge(0.0, 0.0, None), TargetStatus::Green);
        // on pace in the middle of the month: amber though under 80 %
        assert_eq!(judge(50.0, 100.0, Some(0.5)), TargetStatus::Amber);
        assert_eq!(judge(49.0, 100.0, Some(0.5)), TargetStatus::Red);
        assert_eq!(judge(49.0, 100.0, None), TargetStatus::Red);
    }

    #[test]
    fn a_line_is_its_worst_judged_figure() {
        use TargetStatus::*;
        assert_eq!(overall([Green, None, Amber]), Amber);
        assert_eq!(overall([Green, Red, Amber]), Red);
        assert_eq!(overall([None, None]), None);
        assert_eq!(overall([]), None);
    }

    #[test]
    fn attainment_is_capped() {
        assert_eq!(attainment(5.0, 10.0), Some(0.5));
        assert_eq!(attainment(50.0, 10.0), Some(2.0));
        assert_eq!(attainment(5.0, 0.0), None);
    }
}
