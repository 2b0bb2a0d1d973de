//! A task as this laptop reads it: its row, and what its events derive (status, assignee, due
//! date, escalation level, when it was finished).

use std::collections::HashSet;

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
            "SELECT e.id, e.kind, e.at, e.by_id, p.name AS by_name, e.assignee_id, e.team,
                    e.due_date, e.result, e.photos, e.rating, e.comment, e.level,
                    a.name AS assignee_name
             FROM task_events e LEFT JOIN people p ON p.id = e.by_id
                  LEFT JOIN people a ON a.id = e.assignee_id
             WHERE e.task_id = ?1 ORDER BY e.at, e.id",
        )?;
        let rows = stmt.query_map([task.to_string()], |r| {
            // a step a newer Linli added is `Unknown`: kept and shown as unknown; it moves no
            // status (the status is derived from the steps this version knows)
            let kind = TaskEventKind::read(&r.get::<_, String>("kind")?);
            let result: String = r.get("result")?;
            let rater = (kind == TaskEventKind::Rated)
                .then(|| Rater::from_code(&result))
                .flatten();
            Ok(Some(TaskEvent {
                id: r.get("id")?,
                kind,
                at: shown_time(&r.get::<_, String>("at")?, &now),
                by: r.get("by_id")?,
                by_name: r.get("by_name")?,
                assignee_id: r.get("assignee_id")?,
                assignee_name: r.get("assignee_name")?,
                team: r.get("team")?,
                due_date: r.get("due_date")?,
                result: if rater.is_some() {
                    String::new()
                } else {
                    result
                },
                rater,
                photos: serde_json::from_str(&r.get::<_, String>("photos")?).unwrap_or_default(),
                rating: r.get("rating")?,
                comment: r.get("comment")?,
                level: r.get("level")?,
            }))
        })?;
        let mut out = Vec::new();
        for row in rows {
            out.extend(row?);
        }
        Ok(out)
    }

    /// A task with everything derived from its events; `today` decides "overdue".
    pub(crate) fn task(&self, id: Id, today: Option<&str>) -> Result<Task> {
        /// A task's row, by its columns' names.
        struct TaskRow {
            community: Option<Id>,
            title: String,
            category: String,
            sub: Option<String>,
            description: String,
            household: Option<Id>,
            place: Option<Id>,
            raised_by: Option<Id>,
            visit: Option<Id>,
            due: Option<String>,
            raised_at: String,
            source: Option<String>,
        }
        let row = self
            .conn
            .prepare_cached(
                "SELECT community_id, title, category, subcategory, description, household_id,
                        place_id, raised_by, visit_id, due_date, raised_at, source
                 FROM tasks WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([id.to_string()], |r| {
                Ok(TaskRow {
                    community: r.get("community_id")?,
                    title: r.get("title")?,
                    category: r.get("category")?,
                    sub: r.get("subcategory")?,
                    description: r.get("description")?,
                    household: r.get("household_id")?,
                    place: r.get("place_id")?,
                    raised_by: r.get("raised_by")?,
                    visit: r.get("visit_id")?,
                    due: r.get("due_date")?,
                    raised_at: r.get("raised_at")?,
                    source: r.get("source")?,
                })
            })
            .optional()?;
        let TaskRow {
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
        } = row.ok_or(Error::NotFound {
            what: "事项",
            id: id.to_string(),
        })?;
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
        let derived = super::facts::derive(&events, due);
        let status = derived.status;
        // who has it: the latest (re)dispatch, unless it was handed back after it
        let handed = events.iter().rev().find(|e| {
            matches!(
                e.kind,
                TaskEventKind::Dispatched | TaskEventKind::Redispatched | TaskEventKind::Returned
            )
        });
        let dispatch = handed.filter(|e| e.kind != TaskEventKind::Returned);
        let due_date = derived.due_date;
        let assignee_id = dispatch.and_then(|d| d.assignee_id);
        let assignee_name = dispatch.and_then(|d| d.assignee_name.clone());
        let finished_at = derived.finished_at.map(str::to_owned);
        let rating = derived.rating;
        let escalation_level = derived.escalation_level;
        let overdue = match (today, &due_date) {
            (Some(t), Some(d)) => !status.resolved() && d.as_str() < t,
            _ => false,
        };
        Ok(Task {
            id,
            community_id: community,
            title,
            category: TaskCategory::read(&category),
            subcategory: sub.as_deref().and_then(SnapshotKind::from_code),
            description,
            household_id: household,
            place_id: place,
            where_text,
            raised_by,
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
            // no source recorded (raised before sources were): 走访 when from a visit; a source a
            // newer Linli wrote stays unknown (none), never read as another one
            source: match source.as_deref().filter(|s| !s.is_empty()) {
                Some(code) => TaskSource::from_code(code),
                None => visit.is_some().then_some(TaskSource::Visit),
            },
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
        self.tasks_in_where(area, today, false, None)
    }

    /// [`Store::tasks_in`] raised in `from..=to` only, found by `tasks_by_community`: what the
    /// rates counted before they read the facts alone (`facts.rs`), kept as its tests' measure.
    #[cfg(test)]
    pub(crate) fn tasks_raised_in(
        &self,
        area: &Area,
        today: &str,
        from: &str,
        to: &str,
    ) -> Result<Vec<Task>> {
        self.tasks_in_where(area, today, false, Some((from, to)))
    }

    /// [`Store::tasks_in`] without the resolved ones, which are left out before they are read
    /// whole (工作台's first screen read every task of the community, most of them resolved).
    pub(crate) fn open_tasks_in(&self, area: &Area, today: &str) -> Result<Vec<Task>> {
        self.tasks_in_where(area, today, true, None)
    }

    /// Whether a task is resolved, from the kinds of its steps alone (as [`Store::task`] derives
    /// its status).
    pub(crate) fn task_resolved(&self, id: &str) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT kind FROM task_events WHERE task_id = ?1 ORDER BY at, id")?;
        let kinds = stmt
            .query_map([id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let status = TaskStatus::derive(kinds.iter().filter_map(|k| TaskEventKind::from_code(k)));
        Ok(status.resolved())
    }

    fn tasks_in_where(
        &self,
        area: &Area,
        today: &str,
        open_only: bool,
        raised: Option<(&str, &str)>,
    ) -> Result<Vec<Task>> {
        /// A task's id and where it lies, as [`Store::task_place`] finds it.
        type Lying = (String, Option<String>, Option<String>, Option<String>);
        let (from, to) = raised.unwrap_or(("", "~"));
        // a community's tasks through `tasks_by_community` (community, raised): written as
        // `?1 IS NULL OR community_id = ?1`, every task of the town was read for each call, and
        // the dashboard's ranking makes two per grid (issue 24)
        let community = match area.community {
            Some(_) => "t.community_id = ?1",
            None => "?1 IS NULL",
        };
        let filter = format!(
            "t.deleted = 0 AND {community}
                 AND t.raised_at >= ?2 AND t.raised_at < ?3 || '~'
                 AND (?4 = 0 OR substr(t.raised_at, 1, 10) BETWEEN ?2 AND ?3)"
        );
        let params = rusqlite::params![id_text(area.community), from, to, raised.is_some()];
        // where each task lies comes with its id, so the area is tested before the task is read
        // whole (a query per task before; issue 24)
        let lying: Vec<Lying> = self
            .conn
            .prepare_cached(&format!(
                "SELECT t.id, t.household_id, coalesce(h.building_id, t.place_id), h.unit_id
                 FROM tasks t LEFT JOIN households h ON h.id = t.household_id AND h.deleted = 0
                 WHERE {filter} ORDER BY t.raised_at, t.id"
            ))?
            .query_map(params, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // the resolved ones known from their steps' kinds, read in one pass for all of them
        let resolved = if open_only {
            self.tasks_resolved(
                &format!(
                    "SELECT e.task_id, e.kind FROM tasks t JOIN task_events e ON e.task_id = t.id
                 WHERE {filter} ORDER BY e.task_id, e.at, e.id"
                ),
                params,
            )?
        } else {
            HashSet::new()
        };
        let mut out = Vec::new();
        for (id, household, place, unit) in lying {
            if resolved.contains(&id) {
                continue;
            }
            if area.places.is_some() {
                let (b, u) = match household {
                    // a household gone from the register: its task lies nowhere in the area
                    Some(_) if place.is_none() => continue,
                    Some(_) => (parse_id(place)?, parse_id(unit)?),
                    None => (parse_id(place)?, None),
                };
                if !area.holds(b, u) {
                    continue;
                }
            }
            out.push(self.task(id.parse()?, Some(today))?);
        }
        Ok(out)
    }

    /// The ids of the resolved tasks among the steps `sql` reads (`task_id`, `kind`, in each
    /// task's order), their status derived as [`Store::task`] derives it.
    fn tasks_resolved(&self, sql: &str, params: impl rusqlite::Params) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        let mut resolved = HashSet::new();
        let mut current: Option<(String, Vec<TaskEventKind>)> = None;
        let mut settle = |task: Option<(String, Vec<TaskEventKind>)>| {
            if let Some((id, kinds)) = task {
                if TaskStatus::derive(kinds).resolved() {
                    resolved.insert(id);
                }
            }
        };
        while let Some(r) = rows.next()? {
            let task: String = r.get(0)?;
            let kind = TaskEventKind::from_code(&r.get::<_, String>(1)?);
            match &mut current {
                Some((id, kinds)) if *id == task => kinds.extend(kind),
                _ => settle(current.replace((task, kind.into_iter().collect()))),
            }
        }
        settle(current);
        Ok(resolved)
    }

    /// Where a task lies: its household's building and unit, else its own place.
    pub(crate) fn task_place(&self, t: &Task) -> Result<(Option<Id>, Option<Id>)> {
        match (t.household_id, t.place_id) {
            (Some(h), _) => self.household_place(h),
            (None, p) => Ok((p, None)),
        }
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
