//! A task as this laptop reads it: its row, and what its events derive (status, assignee, due
//! date, escalation level, when it was finished).

use linli_domain::field::{
    Rater, SnapshotKind, TaskCategory, TaskEventKind, TaskSource, TaskStatus,
};
use linli_domain::Id;
use linli_protocol::{GetTask, Task, TaskDetail, TaskEvent};
use rusqlite::OptionalExtension;

use crate::field::{day_or_today, shown_time, Area};
use crate::register::{address_text, id_text, parse_id};
use crate::write::Scope;
use crate::{Error, Result, Store};

impl Store {
    fn task_events(&self, task: Id) -> Result<Vec<TaskEvent>> {
        let now = self.now();
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.kind, e.at, e.by_id, p.name, e.assignee_id, e.team, e.due_date,
                    e.result, e.photos, e.rating, e.comment, e.level, a.name
             FROM task_events e LEFT JOIN people p ON p.id = e.by_id
                  LEFT JOIN people a ON a.id = e.assignee_id
             WHERE e.task_id = ?1 ORDER BY e.at, e.id",
        )?;
        let rows = stmt.query_map([task.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, Option<u8>>(10)?,
                r.get::<_, String>(11)?,
                r.get::<_, Option<u32>>(12)?,
                r.get::<_, Option<String>>(13)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                id,
                kind,
                at,
                by,
                by_name,
                assignee,
                team,
                due,
                result,
                photos,
                rating,
                comment,
                level,
                assignee_name,
            ) = row?;
            let Some(kind) = TaskEventKind::from_code(&kind) else {
                continue; // a kind from a newer Linli: shown nowhere, breaks nothing
            };
            let rater = (kind == TaskEventKind::Rated)
                .then(|| Rater::from_code(&result))
                .flatten();
            out.push(TaskEvent {
                id: id.parse()?,
                kind,
                at: shown_time(&at, &now),
                by: parse_id(by)?,
                by_name,
                assignee_id: parse_id(assignee)?,
                assignee_name,
                team,
                due_date: due,
                result: if rater.is_some() {
                    String::new()
                } else {
                    result
                },
                rater,
                photos: serde_json::from_str(&photos).unwrap_or_default(),
                rating,
                comment,
                level,
            });
        }
        Ok(out)
    }

    /// A task with everything derived from its events; `today` decides "overdue".
    pub(crate) fn task(&self, id: Id, today: Option<&str>) -> Result<Task> {
        type Row = (
            Option<String>,
            String,
            String,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            Option<String>,
        );
        let row: Option<Row> = self
            .conn
            .prepare_cached(
                "SELECT community_id, title, category, subcategory, description, household_id,
                        place_id, raised_by, visit_id, due_date, raised_at, source
                 FROM tasks WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([id.to_string()], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                ))
            })
            .optional()?;
        let (
            community,
            title,
            category,
            sub,
            description,
            household,
            place,
            raised_by,
            visit,
            due,
            raised_at,
            source,
        ) = row.ok_or(Error::NotFound {
            what: "事项",
            id: id.to_string(),
        })?;
        let household = parse_id(household)?;
        let place = parse_id(place)?;
        let visit = parse_id(visit)?;
        let where_text = match (household, place) {
            (Some(h), _) => self
                .conn
                .prepare_cached(
                    "SELECT b.name, u.name, h.room FROM households h
                     LEFT JOIN places b ON b.id = h.building_id LEFT JOIN places u ON u.id = h.unit_id
                     WHERE h.id = ?1",
                )?
                .query_row([h.to_string()], |r| {
                    Ok(address_text(
                        r.get::<_, Option<String>>(0)?.as_deref(),
                        r.get::<_, Option<String>>(1)?.as_deref(),
                        &r.get::<_, String>(2)?,
                    ))
                })
                .optional()?
                .unwrap_or_default(),
            (None, Some(p)) => self.place(p).map(|p| p.name).unwrap_or_default(),
            (None, None) => String::new(),
        };
        let events = self.task_events(id)?;
        let status = TaskStatus::derive(events.iter().map(|e| e.kind));
        // who has it: the latest (re)dispatch, unless it was handed back after it
        let handed = events.iter().rev().find(|e| {
            matches!(
                e.kind,
                TaskEventKind::Dispatched | TaskEventKind::Redispatched | TaskEventKind::Returned
            )
        });
        let dispatch = handed.filter(|e| e.kind != TaskEventKind::Returned);
        let due_date = events
            .iter()
            .rev()
            .find(|e| {
                matches!(
                    e.kind,
                    TaskEventKind::Dispatched
                        | TaskEventKind::Redispatched
                        | TaskEventKind::Extended
                )
            })
            .and_then(|d| d.due_date.clone())
            .or(due);
        let assignee_id = dispatch.and_then(|d| d.assignee_id);
        let assignee_name = dispatch.and_then(|d| d.assignee_name.clone());
        let finished_at = events
            .iter()
            .find(|e| e.kind == TaskEventKind::Finished)
            .map(|e| e.at.clone());
        let rating = events
            .iter()
            .rev()
            .find(|e| e.kind == TaskEventKind::Rated)
            .and_then(|e| e.rating);
        let escalation_level = events
            .iter()
            .filter(|e| e.kind == TaskEventKind::Escalated)
            .filter_map(|e| e.level)
            .max()
            .unwrap_or(0);
        let overdue = match (today, &due_date) {
            (Some(t), Some(d)) => !status.resolved() && d.as_str() < t,
            _ => false,
        };
        Ok(Task {
            id,
            community_id: parse_id(community)?,
            title,
            category: TaskCategory::read(&category),
            subcategory: sub.as_deref().and_then(SnapshotKind::from_code),
            description,
            household_id: household,
            place_id: place,
            where_text,
            raised_by: parse_id(raised_by)?,
            visit_id: visit,
            raised_at: shown_time(&raised_at, &self.now()),
            status,
            assignee_id,
            assignee_name,
            team: dispatch.and_then(|d| d.team.clone()),
            due_date,
            finished_at,
            rating,
            escalation_level,
            overdue,
            photos: self.attachments_of("tasks", id)?,
            source: source
                .as_deref()
                .and_then(TaskSource::from_code)
                .or(visit.is_some().then_some(TaskSource::Visit)),
        })
    }

    /// The scope a task's rows are journaled under.
    pub(super) fn task_scope(&self, t: &Task) -> Result<Scope> {
        match (t.household_id, t.place_id) {
            (Some(h), _) => self.household_scope_of(h),
            (None, Some(p)) => Ok(Scope {
                community: crate::register::community_of(&self.conn, p)?,
                grid: crate::register::grid_of(&self.conn, &[p])?,
                place: Some(p),
            }),
            (None, None) => Ok(Scope {
                community: t.community_id,
                grid: None,
                place: t.community_id,
            }),
        }
    }

    /// The tasks in an area, by when they were raised.
    pub(crate) fn tasks_in(&self, area: &Area, today: &str) -> Result<Vec<Task>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM tasks WHERE deleted = 0 AND (?1 IS NULL OR community_id = ?1)
                 ORDER BY raised_at, id",
            )?
            .query_map([id_text(area.community)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for id in ids {
            let t = self.task(id.parse()?, Some(today))?;
            if area.places.is_some() {
                let (b, u) = match (t.household_id, t.place_id) {
                    (Some(h), _) => {
                        let h = self.household(h)?;
                        (h.building_id, h.unit_id)
                    }
                    (None, p) => (p, None),
                };
                if !area.holds(b, u) {
                    continue;
                }
            }
            out.push(t);
        }
        Ok(out)
    }

    pub fn get_task(&self, req: &GetTask) -> Result<TaskDetail> {
        let today = day_or_today(&self.now(), "today", &req.today)?;
        Ok(TaskDetail {
            task: self.task(req.id, Some(&today))?,
            events: self.task_events(req.id)?,
            attachments: self.attachments_of("tasks", req.id)?,
        })
    }
}
