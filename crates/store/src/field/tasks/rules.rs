//! Per community and category, how long past due before an open task escalates; and the
//! escalation of overdue tasks, one level and one event at a time.

use linli_domain::field::{self, TaskCategory, TaskEventKind, ESCALATION_LEVELS};
use linli_domain::{DomainError, Id};
use linli_protocol::{EscalateOverdue, SetTaskRule, Task};
use rusqlite::OptionalExtension;
use serde_json::json;

use super::*;
use crate::field::day_or_today;
use crate::write::{RowWrite, Scope};
use crate::{Result, Store};

impl Store {
    pub fn set_task_rule(&mut self, req: &SetTaskRule) -> Result<SetTaskRule> {
        if self.place(req.community_id)?.kind != linli_domain::PlaceKind::Community {
            return Err(DomainError::coded(
                "community_id",
                linli_domain::msg::ESCALATION_NEEDS_COMMUNITY,
                vec![],
            )
            .into());
        }
        self.may_set_rules()?;
        if !(1..=365).contains(&req.escalate_after_days) {
            return Err(DomainError::coded(
                "escalate_after_days",
                linli_domain::msg::ESCALATION_DAYS_RANGE,
                vec![],
            )
            .into());
        }
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "task_rules",
            row_id: rule_id(req.community_id, req.category),
            fields: vec![
                ("community_id", json!(req.community_id.to_string())),
                ("category", json!(req.category.known("category")?.code())),
                ("escalate_after_days", json!(req.escalate_after_days)),
                ("deleted", json!(false)),
            ],
            scope: Scope {
                community: Some(req.community_id),
                grid: None,
                place: Some(req.community_id),
            },
        })?;
        w.commit()?;
        Ok(req.clone())
    }

    /// Days past due before a task of `category` in `community` escalates one level.
    pub(super) fn escalate_after(
        &self,
        community: Option<Id>,
        category: TaskCategory,
    ) -> Result<u32> {
        let set: Option<u32> = match community {
            Some(c) => self
                .conn
                .prepare_cached(
                    "SELECT escalate_after_days FROM task_rules WHERE id = ?1 AND deleted = 0",
                )?
                .query_row([rule_id(c, category).to_string()], |r| r.get(0))
                .optional()?,
            None => None,
        };
        Ok(set.unwrap_or_else(|| category.default_escalate_after_days()))
    }

    /// Escalates open tasks overdue by their category's time: one level per interval past due,
    /// up to the county. Each escalation is an event; a task already at its level is left alone.
    ///
    /// Idempotent across laptops: the event raising a task to level `n` is dated the day that
    /// level fell due (the due date plus `n` times the category's days) and its id is made from
    /// the task, `n` and that day (`escalation_id`); every other field follows from `n`. Two
    /// laptops that escalate the same task offline write the same row and, once synced, hold one
    /// escalation per level. Should they have disagreed about the due date or the rule, their
    /// events differ in id as well as in day, so both are kept everywhere and every replica still
    /// reads the same level. A task jumping several levels at once gets one event per level.
    pub fn escalate_overdue(&mut self, req: &EscalateOverdue) -> Result<Vec<Task>> {
        let today = day_or_today(&self.now(), "today", &req.today)?;
        // the open tasks past their deadline, from their facts; only those to escalate are read
        // whole (every open task of the town was, holding the store 1.1 s at 100,000
        // households while a page opened behind it; issue 24)
        let area = self.area_of_place(req.place_id)?;
        let facts = self.community_raised_facts(area.community, "", "~")?;
        let top = (ESCALATION_LEVELS.len() - 1) as u32;
        let mut due = Vec::new();
        for f in facts.iter().filter(|f| f.lies_in(&area) && !f.resolved()) {
            let Some(due_date) = f.due_date.clone().filter(|d| d.as_str() < today.as_str()) else {
                continue;
            };
            let Some(days) = field::days_between(&due_date, &today) else {
                continue;
            };
            let after = i64::from(self.escalate_after(f.community_id, f.category)?);
            let level = ((days / after) as u32).min(top);
            if level > f.escalation_level {
                let scope = self.task_scope(&self.task(f.id, Some(&today))?)?;
                due.push((f.id, f.escalation_level + 1..=level, due_date, after, scope));
            }
        }
        let now = self.now();
        let mut w = self.begin()?;
        for (id, levels, due_date, after, scope) in &due {
            for level in levels.clone() {
                let day = field::add_days(due_date, after * i64::from(level))
                    .unwrap_or_else(|| due_date.clone());
                write_event(
                    &mut w,
                    escalation_id(*id, level, &day),
                    *id,
                    TaskEventKind::Escalated,
                    &crate::field::stamp_of(&now, &format!("{day} 00:00")),
                    None,
                    &[
                        (
                            "comment",
                            json!(format!(
                                "超时未办结，上报{}",
                                ESCALATION_LEVELS[level as usize]
                            )),
                        ),
                        ("level", json!(level)),
                    ],
                    *scope,
                )?;
            }
        }
        w.commit()?;
        due.iter()
            .map(|(id, ..)| self.task(*id, Some(&today)))
            .collect()
    }
}
