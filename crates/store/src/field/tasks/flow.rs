//! Raising a task and taking it through the five-list flow, one step (a `task_events` fact) at a
//! time.

use linli_domain::field::{self, Rater, TaskEventKind, TaskSource, TaskStatus};
use linli_domain::{date, DomainError, Id};
use linli_protocol::{RaiseTask, Task, TaskAction, TaskStep};
use rusqlite::params;
use serde_json::{json, Value};

use super::*;
use crate::field::time_or_now;
use crate::register::id_text;
use crate::write::Scope;
use crate::{Error, Result, Store};

impl Store {
    pub fn raise_task(&mut self, req: &RaiseTask) -> Result<Task> {
        let t = check_new_task(&req.task)?;
        let (at_place, scope) = match (req.household_id, req.place_id) {
            (Some(h), None) => (TaskPlace::Household(h), self.household_scope_of(h)?),
            (None, Some(p)) => {
                self.place(p)?;
                (
                    TaskPlace::Place(p),
                    Scope {
                        community: crate::register::community_of(&self.conn, p)?,
                        grid: crate::register::grid_of(&self.conn, &[p])?,
                        place: Some(p),
                    },
                )
            }
            _ => {
                return Err(DomainError::coded(
                    "household_id",
                    linli_domain::msg::TASK_ONE_WHERE,
                    vec![],
                )
                .into())
            }
        };
        if let Some(p) = req.raised_by {
            self.person(p)?;
        }
        if let Some(v) = req.visit_id {
            self.visit(v)?;
        }
        let at = time_or_now(&self.now(), &req.at)?;
        let id = self.next_id();
        let mut w = self.begin()?;
        let event = w.id();
        write_new_task(
            &mut w,
            (id, event),
            &t,
            at_place,
            req.raised_by,
            req.visit_id,
            &at,
            scope,
            req.source
                .or(req.visit_id.is_some().then_some(TaskSource::Visit)),
        )?;
        w.commit()?;
        self.task(id, None)
    }

    /// One step of the five-list flow, checked against the task's derived status.
    pub fn task_action(&mut self, req: &TaskAction) -> Result<Task> {
        let today = self.now().today();
        let t = self.task(req.task_id, Some(&today))?;
        if let Some(p) = req.by {
            self.person(p)?;
        }
        let at = time_or_now(&self.now(), &req.at)?;
        let refuse = |step: TaskEventKind| {
            Error::conflict(
                linli_domain::msg::TASK_STEP_REFUSED,
                linli_domain::args![
                    title = t.title,
                    status = t.status.code(),
                    step = step.code()
                ],
            )
        };
        let (kind, extra): (TaskEventKind, Vec<(&'static str, Value)>) = match &req.step {
            TaskStep::Dispatch {
                assignee_id,
                team,
                due_date,
            } => {
                if t.status.resolved() {
                    return Err(refuse(TaskEventKind::Dispatched));
                }
                (
                    TaskEventKind::Dispatched,
                    self.dispatch_fields(*assignee_id, team.as_deref(), due_date)?,
                )
            }
            TaskStep::Redispatch {
                assignee_id,
                team,
                due_date,
                reason,
            } => {
                if !t.status.with_assignee() {
                    return Err(refuse(TaskEventKind::Redispatched));
                }
                let team_now = team.as_deref().map(str::trim).filter(|s| !s.is_empty());
                if (assignee_id.is_some() && *assignee_id == t.assignee_id)
                    || (team_now.is_some() && team_now == t.team.as_deref())
                {
                    return Err(DomainError::coded(
                        "assignee_id",
                        linli_domain::msg::REDISPATCH_SAME,
                        vec![],
                    )
                    .into());
                }
                let mut extra = self.dispatch_fields(*assignee_id, team.as_deref(), due_date)?;
                extra.push(("comment", json!(check_reason(reason, false)?)));
                (TaskEventKind::Redispatched, extra)
            }
            TaskStep::Return { reason } => {
                if !t.status.with_assignee() {
                    return Err(refuse(TaskEventKind::Returned));
                }
                (
                    TaskEventKind::Returned,
                    vec![("comment", json!(check_reason(reason, true)?))],
                )
            }
            TaskStep::Extend { due_date, reason } => {
                if !t.status.with_assignee() {
                    return Err(refuse(TaskEventKind::Extended));
                }
                let due = date::validate("due_date", due_date)?;
                if let Some(now) = &t.due_date {
                    if due.as_str() <= now.as_str() {
                        return Err(DomainError::coded(
                            "due_date",
                            linli_domain::msg::DUE_NOT_LATER,
                            linli_domain::args![now = now],
                        )
                        .into());
                    }
                }
                (
                    TaskEventKind::Extended,
                    vec![
                        ("due_date", json!(due)),
                        ("comment", json!(check_reason(reason, true)?)),
                    ],
                )
            }
            TaskStep::Accept => {
                if t.status != TaskStatus::Dispatched {
                    return Err(refuse(TaskEventKind::Accepted));
                }
                (TaskEventKind::Accepted, vec![])
            }
            TaskStep::Finish { result, photos } => {
                if !matches!(t.status, TaskStatus::Dispatched | TaskStatus::Accepted) {
                    return Err(refuse(TaskEventKind::Finished));
                }
                let result = result.trim();
                if result.is_empty() {
                    return Err(DomainError::coded(
                        "result",
                        linli_domain::msg::RESULT_MISSING,
                        vec![],
                    )
                    .into());
                }
                for hash in photos {
                    let known: bool = self.conn.query_row(
                        "SELECT EXISTS (SELECT 1 FROM attachments
                         WHERE owner_table = 'tasks' AND owner_id = ?1 AND hash = ?2)",
                        params![t.id.to_string(), hash],
                        |r| r.get(0),
                    )?;
                    if !known {
                        return Err(DomainError::coded(
                            "photos",
                            linli_domain::msg::PHOTO_NOT_ATTACHED,
                            vec![],
                        )
                        .into());
                    }
                }
                (
                    TaskEventKind::Finished,
                    vec![
                        ("result", json!(result)),
                        ("photos", json!(serde_json::to_string(photos)?)),
                    ],
                )
            }
            TaskStep::Publish => {
                if t.status != TaskStatus::Finished {
                    return Err(refuse(TaskEventKind::Published));
                }
                (TaskEventKind::Published, vec![])
            }
            TaskStep::Rate {
                rating,
                comment,
                rater,
            } => {
                if !t.status.resolved() {
                    return Err(refuse(TaskEventKind::Rated));
                }
                let stars = field::validate_rating(*rating)?;
                let rater = rater.unwrap_or(Rater::Resident);
                if rater == Rater::Worker && req.by.is_none() {
                    return Err(DomainError::coded(
                        "by",
                        linli_domain::msg::PROXY_RATER_MISSING,
                        vec![],
                    )
                    .into());
                }
                (
                    TaskEventKind::Rated,
                    vec![
                        ("rating", json!(stars)),
                        ("comment", json!(comment.trim())),
                        ("result", json!(rater.code())),
                    ],
                )
            }
        };
        let scope = self.task_scope(&t)?;
        let mut w = self.begin()?;
        let event = w.id();
        write_event(&mut w, event, t.id, kind, &at, req.by, &extra, scope)?;
        w.commit()?;
        self.task(t.id, Some(&today))
    }

    /// The fields of a (re)dispatch: a person or a team (one of them), and a due date.
    pub(crate) fn dispatch_fields(
        &self,
        assignee: Option<Id>,
        team: Option<&str>,
        due_date: &str,
    ) -> Result<Vec<(&'static str, Value)>> {
        let team = team.map(str::trim).filter(|s| !s.is_empty());
        match (assignee, team) {
            (Some(a), None) => {
                self.person(a)?;
            }
            (None, Some(_)) => {}
            _ => {
                return Err(DomainError::coded(
                    "assignee_id",
                    linli_domain::msg::ASSIGNEE_ONE,
                    vec![],
                )
                .into())
            }
        }
        let due = date::validate("due_date", due_date)?;
        Ok(vec![
            ("assignee_id", json!(id_text(assignee))),
            ("team", json!(team)),
            ("due_date", json!(due)),
        ])
    }
}
