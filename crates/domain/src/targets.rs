//! Targets (目标, issue 21): how a figure is judged against its target — green, amber or red —
//! in one place, for the store that judges and the pages that draw the legend.
//!
//! - **green**: the figure reaches its target;
//! - **amber**: it reaches [`AMBER_SHARE`] of it;
//! - **red**: below that;
//! - **none**: no target, or nothing to judge (an on-time rate with no request resolved, a
//!   coverage of no household).
//!
//! While the month runs, a figure that grows through it (visits, coverage) is judged against its
//! target pro-rated to the day — the target × the share of the month gone by — so "green" means
//! on pace; a month that is over is judged against the whole target.

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
            TargetStatus::None => "未评",
        }
    }
}

/// The target a figure is judged against: the whole of it, or for a figure that grows through
/// the month while the month runs, the share `pace` (0–1) of it due by today.
pub fn due(target: f64, pace: Option<f64>) -> f64 {
    match pace {
        Some(p) => target * p.clamp(0.0, 1.0),
        None => target,
    }
}

/// Judges `actual` against `target`; `pace` as in [`due`].
pub fn judge(actual: f64, target: f64, pace: Option<f64>) -> TargetStatus {
    // a little slack for rates computed in floating point (9 of 10 is 0.9, not 0.8999…)
    const EPS: f64 = 1e-9;
    let t = due(target, pace);
    if actual + EPS >= t {
        TargetStatus::Green
    } else if actual + EPS >= t * AMBER_SHARE {
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
    // callers pass the target due (see [`due`])
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
        // in the middle of the month: against half the target
        assert_eq!(judge(50.0, 100.0, Some(0.5)), TargetStatus::Green);
        assert_eq!(judge(40.0, 100.0, Some(0.5)), TargetStatus::Amber);
        assert_eq!(judge(39.0, 100.0, Some(0.5)), TargetStatus::Red);
        assert_eq!(judge(50.0, 100.0, None), TargetStatus::Red);
        assert_eq!(due(100.0, Some(0.25)), 25.0);
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
