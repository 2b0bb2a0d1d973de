//! The records behind a dashboard figure (统计 → a bar, point or number → its list): the lists of
//! the monthly report's drill-down (households, requests, hour entries) with the filter the
//! figure counts by, over the figure's own days.

use linli_domain::field::{TaskCategory, TaskStatus};
use linli_domain::DomainError;
use linli_protocol::{DashboardRecords, FigureRecords};
use linli_sheets::Cell;

use super::TASK_OVERDUE;
use super::{category_of, check_period, level_of, status_of, trend_months, HOUR_CATEGORY};
use crate::lists_work::{HOUR_HEADERS, TASK_HEADERS};
use crate::monthly_records::{
    household_rows, text, yes, HOUR_COUNTS, HOUSEHOLD_HEADERS, TASK_ON_TIME, TASK_RESOLVED,
};
use crate::{Result, Store};

impl Store {
    /// The rows behind one figure (see [`DashboardRecords`]).
    pub fn dashboard_records(&self, req: &DashboardRecords) -> Result<FigureRecords> {
        let (pfrom, pto) = check_period(&req.from, &req.to)?;
        let bucket = req.bucket.as_deref().unwrap_or("");
        let no_chart = || -> crate::Error {
            DomainError::coded(
                "chart",
                linli_domain::msg::STATS_NO_CHART,
                linli_domain::args![chart = req.chart, bucket = bucket],
            )
            .into()
        };
        // a trend's month has its own days; every other figure is the period's
        let trend = matches!(
            req.chart.as_str(),
            "coverage" | "households" | "resolution" | "unresolved" | "on_time" | "raised"
        ) && !bucket.is_empty();
        let (from, to) = if trend {
            trend_months(&pfrom, &pto)
                .into_iter()
                .find(|(m, _, _)| m == bucket)
                .map(|(_, a, b)| (a, b))
                .ok_or_else(no_chart)?
        } else {
            (pfrom, pto)
        };
        let scope = self.report_scope(req.place_id, req.grid_id)?;
        if let Some(r) =
            self.register_records(&scope, req.place_id, (&from, &to), &req.chart, bucket)?
        {
            return Ok(r);
        }
        let area = &scope.area;
        let headers = |h: &[&str]| h.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let cells = |rows: Vec<Vec<Cell>>| -> Vec<Vec<String>> {
            rows.iter().map(|r| r.iter().map(text).collect()).collect()
        };
        let households = |reached: bool| -> Result<_> {
            Ok(household_rows(
                self.states(area, &from, &to)?
                    .into_iter()
                    .filter(|s| !reached || s.in_period),
            ))
        };
        let tasks = |keep: &dyn Fn(&[Cell]) -> bool| -> Result<_> {
            Ok(cells(
                self.task_rows_in(area, Some(&from), Some(&to))?
                    .into_iter()
                    .filter(|r| keep(r))
                    .collect(),
            ))
        };
        let hours = |team: Option<&str>, keep: &dyn Fn(&[Cell]) -> bool| -> Result<_> {
            Ok(cells(
                self.hour_rows_of_team(scope.community, Some(&from), Some(&to), team)?
                    .into_iter()
                    .filter(|r| yes(r, HOUR_COUNTS) && keep(r))
                    .collect(),
            ))
        };
        let (headers, rows) = match (req.chart.as_str(), bucket) {
            ("coverage", _) => (headers(&HOUSEHOLD_HEADERS), households(true)?),
            ("households", _) => (headers(&HOUSEHOLD_HEADERS), households(false)?),
            ("raised", _) => (headers(&TASK_HEADERS), tasks(&|_| true)?),
            ("resolution", _) => (headers(&TASK_HEADERS), tasks(&|r| yes(r, TASK_RESOLVED))?),
            ("unresolved", _) => (headers(&TASK_HEADERS), tasks(&|r| !yes(r, TASK_RESOLVED))?),
            ("on_time", _) => (headers(&TASK_HEADERS), tasks(&|r| yes(r, TASK_ON_TIME))?),
            ("stage", code) => {
                let s = TaskStatus::from_code(code).ok_or_else(no_chart)?;
                (headers(&TASK_HEADERS), tasks(&|r| status_of(r) == Some(s))?)
            }
            ("category", code) => {
                let c = TaskCategory::read(code);
                (headers(&TASK_HEADERS), tasks(&|r| category_of(r) == c)?)
            }
            ("overdue", "") => (headers(&TASK_HEADERS), tasks(&|r| yes(r, TASK_OVERDUE))?),
            ("overdue", level) => {
                let l: usize = level.parse().map_err(|_| no_chart())?;
                (
                    headers(&TASK_HEADERS),
                    tasks(&|r| yes(r, TASK_OVERDUE) && level_of(r) == l)?,
                )
            }
            ("hours", _) => (headers(&HOUR_HEADERS), hours(None, &|_| true)?),
            ("hours_team", team) => (headers(&HOUR_HEADERS), hours(Some(team), &|_| true)?),
            ("hours_category", c) => (
                headers(&HOUR_HEADERS),
                hours(None, &|r| text(&r[HOUR_CATEGORY]) == c)?,
            ),
            _ => return Err(no_chart()),
        };
        Ok(FigureRecords {
            key: req.chart.clone(),
            from,
            to,
            headers,
            rows,
            words_en: Vec::new(),
        })
    }
}
