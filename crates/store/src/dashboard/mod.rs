//! The dashboards (统计, issue 21): a scope's figures over any period — coverage, resolution and
//! on-time rates month by month, requests by status, category and overdue level, volunteer hours
//! by team and category — and the ranking of its communities or grids (`ranking.rs`). Every
//! figure is counted by the functions the monthly report counts with (`states` for households and
//! coverage, `task_rates_in` and the requests list for requests, `hours_report` and the hours list
//! for hours; see docs/reports.md), and `records.rs` lists the records behind each one from the
//! same lists with the same filters, so a figure is the count of the rows it opens. The other
//! registers' sections (借还, 调解 …) are listed in `registers/` (one module and one line each).

mod ranking;
mod records;
mod registers;
mod scores;
mod span;

pub(crate) use span::{KeptSpan, Span};
#[cfg(test)]
mod tests;
#[cfg(test)]
mod town_tests;

use std::collections::BTreeMap;

use linli_domain::field::{TaskCategory, TaskStatus, ESCALATION_LEVELS};
use linli_domain::{period, DomainError};
use linli_protocol::{
    Dashboard, DashboardData, HoursReportQuery, Ratio, Slice, TaskRates, TaskRatesReport,
    TrendMonth,
};
use linli_sheets::Cell;

use crate::field::coverage::CoverageCount;
use crate::field::Area;
use crate::monthly_records::TASK_CATEGORY;
use crate::{Result, Store};

/// The longest period asked about at once, in months.
pub(crate) const MAX_MONTHS: usize = 36;
/// A trend shows at least this many months, ending with the period's last.
const TREND_MONTHS: usize = 6;

/// Columns of the requests list (`TASK_HEADERS`) the figures read.
pub(crate) const TASK_STATUS: usize = 4; // 状态
pub(crate) const TASK_OVERDUE: usize = 11; // 逾期
pub(crate) const TASK_LEVEL: usize = 13; // 上报级别
/// Columns of the hours list (`HOUR_HEADERS`).
pub(crate) const HOUR_CATEGORY: usize = 2; // 服务类别
#[cfg(test)]
pub(crate) const HOUR_HOURS: usize = 3; // 时长（小时）

/// A checked period: both dates read, `from` not after `to`, at most [`MAX_MONTHS`] months.
pub(crate) fn check_period(from: &str, to: &str) -> Result<(String, String)> {
    let bad = || -> crate::Error {
        DomainError::coded(
            "from",
            linli_domain::msg::STATS_BAD_PERIOD,
            linli_domain::args![from = from, to = to],
        )
        .into()
    };
    let f = linli_domain::date::validate("from", from.trim()).map_err(|_| bad())?;
    let t = linli_domain::date::validate("to", to.trim()).map_err(|_| bad())?;
    if f > t {
        return Err(bad());
    }
    if period::months(&f, &t).len() > MAX_MONTHS {
        return Err(DomainError::coded(
            "to",
            linli_domain::msg::STATS_PERIOD_TOO_LONG,
            linli_domain::args![from = f, to = t, max = MAX_MONTHS],
        )
        .into());
    }
    Ok((f, t))
}

pub(crate) fn ratio(num: usize, den: usize, rate: f64) -> Ratio {
    Ratio {
        num: num as f64,
        den: den as f64,
        rate,
    }
}

/// The months of a period's trend with their days: the period's own months (clipped to it), or
/// when it spans fewer than [`TREND_MONTHS`], that many whole months ending with its last.
pub(crate) fn trend_months(from: &str, to: &str) -> Vec<(String, String, String)> {
    let mut months = period::months(from, to);
    let start = if months.len() >= TREND_MONTHS {
        from.to_owned()
    } else {
        let first = linli_domain::calendar::months_before(&format!("{}-01", &to[..7]), 5);
        months = period::months(&first, to);
        first[..8].to_owned() + "01"
    };
    months
        .into_iter()
        .filter_map(|m| period::month_within(&m, &start, to).map(|(a, b)| (m, a, b)))
        .collect()
}

/// The status a requests-list row shows, as its code.
pub(crate) fn status_of(row: &[Cell]) -> Option<TaskStatus> {
    let label = crate::monthly_records::text(row.get(TASK_STATUS)?);
    TaskStatus::ALL
        .iter()
        .copied()
        .find(|s| s.label_zh() == label)
}

/// The category a requests-list row shows ("随手拍·治安" is 随手拍), as its code.
pub(crate) fn category_of(row: &[Cell]) -> TaskCategory {
    let label = crate::monthly_records::text(&row[TASK_CATEGORY]);
    let main = label.split('·').next().unwrap_or_default();
    TaskCategory::ALL
        .iter()
        .copied()
        .find(|c| c.label_zh() == main)
        .unwrap_or(TaskCategory::Unknown)
}

/// The escalation level a requests-list row shows.
pub(crate) fn level_of(row: &[Cell]) -> usize {
    match row.get(TASK_LEVEL) {
        Some(Cell::Number(n)) if *n >= 0.0 => *n as usize,
        _ => 0,
    }
}

/// The coverage of an area from the counts of its community (`Store::coverage_counts`): the
/// ranking counts a community once per period for all its grids.
pub(crate) fn coverage_in(counts: &[CoverageCount], area: &Area) -> Ratio {
    let (mut reached, mut total) = (0usize, 0usize);
    for (community, building, unit, visited, all) in counts {
        if area.community.is_none_or(|c| *community == Some(c)) && area.holds(*building, *unit) {
            reached += *visited as usize;
            total += *all as usize;
        }
    }
    let rate = if total == 0 {
        0.0
    } else {
        reached as f64 / total as f64
    };
    ratio(reached, total, rate)
}

fn slice(key: impl Into<String>, label: impl Into<String>, value: f64) -> Slice {
    Slice {
        key: key.into(),
        label: label.into(),
        value,
    }
}

impl Store {
    /// Households reached in `from..=to` of those on the register at `to` (the report's 走访覆盖).
    /// Counted as 今日's coverage counts (`coverage_counts`, one `GROUP BY` per building and
    /// unit): the dashboard asks for it once per trend month and twice per ranked line, and
    /// reading every household whole each time ([`Store::states`]) made 工作台 and 统计 take
    /// ten seconds and more at 100,000 households (issue 24).
    pub(crate) fn coverage_ratio(&self, area: &Area, from: &str, to: &str) -> Result<Ratio> {
        Ok(coverage_in(&self.coverage_counts(area, from, to)?, area))
    }

    /// The requests raised in `from..=to` with their status at `to` (the report's `task_rates`).
    pub(crate) fn rates_of(&self, area: &Area, from: &str, to: &str) -> Result<TaskRatesReport> {
        self.task_rates_in(
            area,
            &TaskRates {
                place_id: None,
                from: Some(from.to_owned()),
                to: Some(to.to_owned()),
            },
        )
    }

    /// A scope's figures over a period (see [`Dashboard`]).
    pub fn dashboard(&self, req: &Dashboard) -> Result<DashboardData> {
        let (from, to) = check_period(&req.from, &req.to)?;
        let (prev_from, prev_to) =
            period::previous(&from, &to).unwrap_or_else(|| (from.clone(), to.clone()));
        let scope = self.report_scope(req.place_id, req.grid_id)?;
        let area = &scope.area;

        // the visits and requests of every period asked about below, read once (issue 24)
        let trend_periods = trend_months(&from, &to);
        let first = trend_periods
            .iter()
            .map(|(_, a, _)| a.as_str())
            .chain([from.as_str(), prev_from.as_str()])
            .min()
            .unwrap_or(&from)
            .to_owned();
        let span = self.span(area.community, &first, &to)?;

        let coverage = span.coverage(area, &from, &to);
        let rates = span.rates(area, &from, &to);
        let resolution = ratio(
            rates.resolved.len(),
            rates.raised.len(),
            rates.resolution_rate,
        );
        let on_time = ratio(
            rates.on_time.len(),
            rates.resolved.len(),
            rates.on_time_rate,
        );

        let mut trend = Vec::new();
        for (month, a, b) in trend_periods {
            let r = span.rates(area, &a, &b);
            trend.push(TrendMonth {
                coverage: span.coverage(area, &a, &b),
                resolution: ratio(r.resolved.len(), r.raised.len(), r.resolution_rate),
                on_time: ratio(r.on_time.len(), r.resolved.len(), r.on_time_rate),
                month,
                from: a,
                to: b,
            });
        }

        // requests by status, category and overdue level: what the requests list's rows show,
        // counted from the requests' facts (the list's rows read each request whole: 1.3 s of
        // 4 s for a month of the 100,000-household town; issue 24)
        let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_category: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_level = vec![0usize; ESCALATION_LEVELS.len()];
        let facts = span.facts(area, &from, &to);
        for t in facts.iter().filter(|t| t.raised_in(&from, &to)) {
            *by_status.entry(t.status.code()).or_default() += 1;
            *by_category.entry(t.category.code()).or_default() += 1;
            if t.overdue {
                let l = (t.escalation_level as usize).min(by_level.len() - 1);
                by_level[l] += 1;
            }
        }
        let count = |m: &BTreeMap<&str, usize>, k: &str| m.get(k).copied().unwrap_or(0) as f64;
        let stages = TaskStatus::ALL
            .iter()
            .map(|s| slice(s.code(), s.label_zh(), count(&by_status, s.code())))
            .collect();
        let categories = TaskCategory::ALL
            .iter()
            .filter(|c| **c != TaskCategory::Unknown || count(&by_category, c.code()) > 0.0)
            .map(|c| slice(c.code(), c.label_zh(), count(&by_category, c.code())))
            .collect();
        let overdue = ESCALATION_LEVELS
            .iter()
            .enumerate()
            .map(|(i, l)| slice(i.to_string(), *l, by_level[i] as f64))
            .collect();

        // volunteer hours: kept per community, so a narrower scope shows its community's
        let hours = self.hours_report(&HoursReportQuery {
            community_id: scope.community,
            from: Some(from.clone()),
            to: Some(to.clone()),
        })?;
        let hours_by_team = hours
            .by_team
            .iter()
            .map(|r| {
                let key = r.id.map(|i| i.to_string()).unwrap_or_default();
                slice(key, r.name.clone(), r.hours)
            })
            .collect();
        let hours_by_category = hours
            .by_category
            .iter()
            .map(|r| slice(r.name.clone(), r.name.clone(), r.hours))
            .collect();

        let ranking = self.ranking(
            &scope,
            req.place_id,
            (&from, &to),
            (&prev_from, &prev_to),
            &span,
        )?;
        let registers = self.register_figures(&scope, req.place_id, &from, &to)?;
        Ok(DashboardData {
            scope_name: scope.name.clone(),
            from,
            to,
            prev_from,
            prev_to,
            coverage,
            resolution,
            on_time,
            trend,
            stages,
            categories,
            overdue,
            hours_by_team,
            hours_by_category,
            ranking,
            registers,
        })
    }
}
