//! Targets (目标, issue 21): per community or grid, per month, the visits to make, the coverage
//! to reach and the on-time rate to keep. Each setting is a version (a `targets` fact) that
//! applies from its month on until a later version; earlier months keep the version they had, and
//! of two versions for one place and month the later wins. Progress against them is in
//! `progress.rs`, counted by the dashboard's own functions; reading the versions is `versions.rs`,
//! setting one `set.rs`. See docs/targets.md.

pub(crate) mod demo;
mod figures;
#[cfg(test)]
mod figures_tests;
mod progress;
mod set;
#[cfg(test)]
mod tests;
mod versions;

use linli_domain::DomainError;
use linli_protocol::TargetVersion;

use crate::Result;

/// A target as it applies to a month: the figures (rates as shares 0–1) and its version's month.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Goal {
    pub visits: Option<f64>,
    pub coverage: Option<f64>,
    pub on_time: Option<f64>,
    pub from_month: Option<String>,
}

impl Goal {
    fn of(v: &TargetVersion) -> Goal {
        Goal {
            visits: v.visits.map(f64::from),
            coverage: v.coverage_pct.map(|p| f64::from(p) / 100.0),
            on_time: v.on_time_pct.map(|p| f64::from(p) / 100.0),
            from_month: Some(v.from_month.clone()),
        }
    }

    /// The share `share` (0–1) of this goal: visits scaled (to a whole visit; none when that is
    /// no visit at all, as for a grid of no household), rates the same.
    pub fn scaled(&self, share: f64) -> Goal {
        Goal {
            visits: self
                .visits
                .map(|v| (v * share).round())
                .filter(|v| *v > 0.0),
            ..self.clone()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.visits.is_none() && self.coverage.is_none() && self.on_time.is_none()
    }
}

/// "YYYY-MM" of a month as written ("2026-3" reads as "2026-03"), or the coded refusal.
pub(crate) fn month_checked(month: &str) -> Result<String> {
    linli_domain::calendar::month_bounds(month)
        .map(|(from, _)| from[..7].to_owned())
        .ok_or_else(|| {
            DomainError::coded(
                "from_month",
                linli_domain::msg::TARGET_BAD_MONTH,
                linli_domain::args![value = month],
            )
            .into()
        })
}
