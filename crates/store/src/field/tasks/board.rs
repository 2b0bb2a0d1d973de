//! The task board (the tasks of an area by status) and the rates over a period.

use linli_domain::field::TaskStatus;
use linli_protocol::{BoardColumn, TaskBoard, TaskRates, TaskRatesReport};

use super::facts::rates_of_facts;
use crate::field::{day_or_today, period};
use crate::{Result, Store};

impl Store {
    /// The board: one column per status, in the flow's order, with the tasks the filters keep.
    pub fn task_board(&self, req: &TaskBoard) -> Result<Vec<BoardColumn>> {
        let today = day_or_today(&self.now(), "today", &req.today)?;
        let mut tasks = self.tasks_in(&self.area_of_place(req.place_id)?, &today)?;
        if let Some(me) = req.mine {
            tasks.retain(|t| t.assignee_id == Some(me) || t.raised_by == Some(me));
        }
        if req.overdue {
            tasks.retain(|t| t.overdue);
        }
        if let Some(c) = req.category {
            tasks.retain(|t| t.category == c);
        }
        let words: Vec<String> = req
            .query
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        if !words.is_empty() {
            tasks.retain(|t| {
                let text = format!("{} {}", t.title, t.where_text).to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            });
        }
        if let Some(g) = req.grid_id {
            let area = self.area_of_grid(g)?;
            let mut kept = Vec::new();
            for t in tasks {
                let (b, u) = self.task_place(&t)?;
                if area.holds(b, u) {
                    kept.push(t);
                }
            }
            tasks = kept;
        }
        Ok(TaskStatus::ALL
            .iter()
            .map(|s| BoardColumn {
                status: *s,
                tasks: tasks.iter().filter(|t| t.status == *s).cloned().collect(),
            })
            .collect())
    }

    /// Resolution and on-time rates of the tasks raised in a period; overdue as of its last day.
    pub fn task_rates(&self, req: &TaskRates) -> Result<TaskRatesReport> {
        self.task_rates_in(&self.area_of_place(req.place_id)?, req)
    }

    /// [`Store::task_rates`] over an area (a grid's, for the monthly report of a grid); the
    /// request's place is not read.
    pub(crate) fn task_rates_in(
        &self,
        area: &crate::field::Area,
        req: &TaskRates,
    ) -> Result<TaskRatesReport> {
        let (from, to) = period(&self.now(), &req.from, &req.to)?;
        // the facts the rates count, not each request read whole (issue 24)
        let tasks = self.raised_facts(area, &from, &to)?;
        Ok(rates_of_facts(&tasks, from, to))
    }
}
