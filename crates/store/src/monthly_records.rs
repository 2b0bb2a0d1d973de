//! The records behind a figure of the monthly report (报表 → a figure → its list): the same store
//! functions the report counts with, so the rows shown are the rows counted. Households come
//! from the register as it stands (`states`, as the report takes them), visits, requests and
//! hour entries from the export's lists with the report's filter applied (“已办结”为“是”…).

use std::collections::HashSet;

use linli_domain::field::TaskCategory;
use linli_domain::DomainError;
use linli_protocol::{FigureRecords, MonthlyFigureRecords};
use linli_sheets::Cell;

use crate::lists_work::{HOUR_HEADERS, TASK_HEADERS, VISIT_HEADERS};
use crate::monthly::month_bounds;
use crate::{Result, Store};

pub(crate) const HOUSEHOLD_HEADERS: [&str; 6] =
    ["小区", "楼栋", "单元", "门牌号", "户主姓名", "最近走访"];

/// Column positions in the export lists the filters read.
pub(crate) const TASK_CATEGORY: usize = 1; // 类别
pub(crate) const TASK_RESOLVED: usize = 9; // 已办结
pub(crate) const TASK_ON_TIME: usize = 10; // 按时办结
const HOUR_VOLUNTEER: usize = 1; // 志愿者
pub(crate) const HOUR_COUNTS: usize = 5; // 计入时长

pub(crate) fn text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Cell::Number(n) => format!("{n}"),
        Cell::Percent(r) => format!("{:.1}%", r * 100.0),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
    }
}

/// Households as the figure lists show them (under [`HOUSEHOLD_HEADERS`]).
pub(crate) fn household_rows(
    states: impl Iterator<Item = crate::field::coverage::State>,
) -> Vec<Vec<String>> {
    states
        .map(|s| {
            let l = s.line;
            vec![
                l.compound.unwrap_or_default(),
                l.building,
                l.unit.unwrap_or_default(),
                l.room,
                l.head_name.unwrap_or_default(),
                l.last_visit.unwrap_or_default(),
            ]
        })
        .collect()
}

pub(crate) fn yes(row: &[Cell], col: usize) -> bool {
    matches!(row.get(col), Some(Cell::Text(s)) if s == "是")
}

impl Store {
    /// The rows behind one figure (see [`MonthlyFigureRecords`]).
    pub fn monthly_figure_records(&self, req: &MonthlyFigureRecords) -> Result<FigureRecords> {
        let (first, to) = month_bounds(&req.month)?;
        let from = if req.cumulative {
            format!("{}-01-01", &first[..4])
        } else {
            first
        };
        let scope = self.report_scope(req.place_id, req.grid_id)?;
        let area = &scope.area;
        let headers = |h: &[&str]| h.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let cells = |rows: Vec<Vec<Cell>>| -> Vec<Vec<String>> {
            rows.iter().map(|r| r.iter().map(text).collect()).collect()
        };
        let households = |keep: &dyn Fn(&crate::field::coverage::State) -> bool| -> Result<_> {
            Ok(household_rows(
                self.states(area, &from, &to)?
                    .into_iter()
                    .filter(|s| keep(s)),
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
        let hours = || -> Result<Vec<Vec<Cell>>> {
            Ok(self
                .hour_rows_of(scope.community, Some(&from), Some(&to))?
                .into_iter()
                .filter(|r| yes(r, HOUR_COUNTS))
                .collect())
        };
        let wish = TaskCategory::MicroWish.label_zh();
        let (headers, rows) = match req.key.as_str() {
            "households" => (headers(&HOUSEHOLD_HEADERS), households(&|_| true)?),
            "grid_households" => (
                headers(&HOUSEHOLD_HEADERS),
                households(&|s| s.section.or(s.big).is_some())?,
            ),
            "visited_households" | "coverage_rate" => {
                (headers(&HOUSEHOLD_HEADERS), households(&|s| s.in_period)?)
            }
            "visits" => (
                headers(&VISIT_HEADERS),
                cells(self.visit_rows_in(area, Some(&from), Some(&to), false)?),
            ),
            "tasks_raised" => (headers(&TASK_HEADERS), tasks(&|_| true)?),
            "tasks_resolved" | "resolution_rate" => {
                (headers(&TASK_HEADERS), tasks(&|r| yes(r, TASK_RESOLVED))?)
            }
            "tasks_on_time" | "on_time_rate" => {
                (headers(&TASK_HEADERS), tasks(&|r| yes(r, TASK_ON_TIME))?)
            }
            "micro_wishes_fulfilled" => (
                headers(&TASK_HEADERS),
                tasks(&|r| {
                    yes(r, TASK_RESOLVED)
                        && matches!(r.get(TASK_CATEGORY), Some(Cell::Text(c)) if c == wish)
                })?,
            ),
            "volunteer_hours" => (headers(&HOUR_HEADERS), cells(hours()?)),
            "volunteers" => {
                let mut seen = HashSet::new();
                let first_each: Vec<Vec<Cell>> = hours()?
                    .into_iter()
                    .filter(|r| seen.insert(r.get(HOUR_VOLUNTEER).map(text)))
                    .collect();
                (headers(&HOUR_HEADERS), cells(first_each))
            }
            other => {
                let mut found = None;
                for register in crate::monthly_registers::REGISTERS {
                    found = (register.records)(self, scope.community, &from, &to, other)?;
                    if found.is_some() {
                        break;
                    }
                }
                found.ok_or_else(|| {
                    DomainError::coded(
                        "key",
                        linli_domain::msg::MONTHLY_NO_FIGURE,
                        linli_domain::args![key = other],
                    )
                })?
            }
        };
        Ok(FigureRecords {
            key: req.key.clone(),
            from,
            to,
            headers,
            rows,
            words_en: Vec::new(),
        })
    }
}

#[cfg(test)]
#[path = "monthly_records_tests.rs"]
mod tests;
