//! Tasks through the five-list flow (点单 → 派单 → 接单 → 办结/晒单 → 评单), with 转派, 退单 and
//! 申请延期 on the way. A task is an entity (its title, category, where, source and due date merge
//! per field); every step is a fact in `task_events`, and a task's status, assignee, due date and
//! escalation level are derived from those facts each time a task is read.
//!
//! A rating's rater (the resident, or the worker on their behalf) is kept in the event's `result`
//! column, which a rating otherwise leaves empty: the synced columns stay as they were.

use linli_domain::field::{
    self, Rater, SnapshotKind, TaskCategory, TaskEventKind, TaskSource, TaskStatus,
    ESCALATION_LEVELS,
};
use linli_domain::{date, DomainError, Id};
use linli_protocol::{
    BoardColumn, EscalateOverdue, GetTask, NewTask, RaiseTask, SetTaskRule, Task, TaskAction,
    TaskBoard, TaskDetail, TaskEvent, TaskRates, TaskRatesReport, TaskStep,
};
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Value};

use super::{day_or_today, period, stable_id, time_or_now, Area};
use crate::register::{address_text, id_text, parse_id};
use crate::write::{RowWrite, Scope, Writer};
use crate::{Error, Result, Store};

/// What a task is about: a household or a place.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TaskPlace {
    Household(Id),
    Place(Id),
}

/// Checks the fields of a new task and returns them tidy.
pub(crate) fn check_new_task(t: &NewTask) -> Result<NewTask> {
    let title = t.title.trim().to_owned();
    if title.is_empty() {
        return Err(DomainError::invalid("title", "请填写事项标题").into());
    }
    if title.chars().count() > 100 {
        return Err(DomainError::invalid("title", "事项标题最多100字").into());
    }
    if t.subcategory.is_some() && t.category != TaskCategory::Snapshot {
        return Err(
            DomainError::invalid("subcategory", "只有“随手拍”需要选择治安、违章或环境").into(),
        );
    }
    let description = t.description.trim().to_owned();
    if description.chars().count() > 2000 {
        return Err(DomainError::invalid("description", "事项描述最多2000字").into());
    }
    let due_date = t
        .due_date
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .map(|d| date::validate("due_date", d))
        .transpose()?;
    Ok(NewTask {
        title,
        category: t.category,
        subcategory: t.subcategory,
        description,
        due_date,
    })
}

/// Writes a new task and its "raised" event (id `id.1`) inside an open writer.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_new_task(
    w: &mut Writer<'_>,
    id: (Id, Id),
    t: &NewTask,
    at_place: TaskPlace,
    raised_by: Option<Id>,
    visit: Option<Id>,
    at: &str,
    scope: Scope,
    source: Option<TaskSource>,
) -> Result<()> {
    let (id, event) = id;
    let (household, place) = match at_place {
        TaskPlace::Household(h) => (Some(h), None),
        TaskPlace::Place(p) => (None, Some(p)),
    };
    let mut fields = vec![
        ("community_id", json!(id_text(scope.community))),
        ("title", json!(t.title)),
        ("category", json!(t.category.code())),
        ("subcategory", json!(t.subcategory.map(SnapshotKind::code))),
        ("description", json!(t.description)),
        ("household_id", json!(id_text(household))),
        ("place_id", json!(id_text(place))),
        ("raised_by", json!(id_text(raised_by))),
        ("visit_id", json!(id_text(visit))),
        ("due_date", json!(t.due_date)),
        ("raised_at", json!(at)),
        ("deleted", json!(false)),
    ];
    // written only when known, so a task written without one (the demo's) is as it was
    if let Some(s) = source {
        fields.push(("source", json!(s.code())));
    }
    w.write(RowWrite {
        table: "tasks",
        row_id: id,
        fields,
        scope,
    })?;
    write_event(
        w,
        event,
        id,
        TaskEventKind::Raised,
        at,
        raised_by,
        &[],
        scope,
    )?;
    Ok(())
}

/// Appends one event (with id `id`) to a task.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_event(
    w: &mut Writer<'_>,
    id: Id,
    task: Id,
    kind: TaskEventKind,
    at: &str,
    by: Option<Id>,
    extra: &[(&'static str, Value)],
    scope: Scope,
) -> Result<Id> {
    let mut fields = vec![
        ("task_id", json!(task.to_string())),
        ("kind", json!(kind.code())),
        ("at", json!(at)),
        ("by_id", json!(id_text(by))),
    ];
    fields.extend(extra.iter().cloned());
    w.insert_fact(RowWrite {
        table: "task_events",
        row_id: id,
        fields,
        scope,
    })?;
    Ok(id)
}

/// The id of a community's escalation rule for a category: the same on every laptop.
pub(crate) fn rule_id(community: Id, category: TaskCategory) -> Id {
    stable_id(&format!("task_rule/{community}/{}", category.code()))
}

impl Store {
    fn task_events(&self, task: Id) -> Result<Vec<TaskEvent>> {
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
                at,
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
            category: TaskCategory::from_code(&category).unwrap_or(TaskCategory::HouseholdMatter),
            subcategory: sub.as_deref().and_then(SnapshotKind::from_code),
            description,
            household_id: household,
            place_id: place,
            where_text,
            raised_by: parse_id(raised_by)?,
            visit_id: visit,
            raised_at,
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
    fn task_scope(&self, t: &Task) -> Result<Scope> {
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
                return Err(DomainError::invalid(
                    "household_id",
                    "请选择一户或一个地点（只选一个）",
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
        let refuse = |what: &str| Error::Conflict {
            message: format!("事项“{}”目前{}，不能{what}", t.title, t.status.label_zh()),
        };
        let (kind, extra): (TaskEventKind, Vec<(&'static str, Value)>) = match &req.step {
            TaskStep::Dispatch {
                assignee_id,
                team,
                due_date,
            } => {
                if t.status.resolved() {
                    return Err(refuse("派单"));
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
                    return Err(refuse("转派"));
                }
                let team_now = team.as_deref().map(str::trim).filter(|s| !s.is_empty());
                if (assignee_id.is_some() && *assignee_id == t.assignee_id)
                    || (team_now.is_some() && team_now == t.team.as_deref())
                {
                    return Err(DomainError::invalid(
                        "assignee_id",
                        "转派要交给另一个人或队伍，这是现在的接单人",
                    )
                    .into());
                }
                let mut extra = self.dispatch_fields(*assignee_id, team.as_deref(), due_date)?;
                extra.push(("comment", json!(check_reason(reason, false)?)));
                (TaskEventKind::Redispatched, extra)
            }
            TaskStep::Return { reason } => {
                if !t.status.with_assignee() {
                    return Err(refuse("退单"));
                }
                (
                    TaskEventKind::Returned,
                    vec![("comment", json!(check_reason(reason, true)?))],
                )
            }
            TaskStep::Extend { due_date, reason } => {
                if !t.status.with_assignee() {
                    return Err(refuse("申请延期"));
                }
                let due = date::validate("due_date", due_date)?;
                if let Some(now) = &t.due_date {
                    if due.as_str() <= now.as_str() {
                        return Err(DomainError::invalid(
                            "due_date",
                            format!("延期后的期限应晚于现在的期限{now}"),
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
                    return Err(refuse("接单"));
                }
                (TaskEventKind::Accepted, vec![])
            }
            TaskStep::Finish { result, photos } => {
                if !matches!(t.status, TaskStatus::Dispatched | TaskStatus::Accepted) {
                    return Err(refuse("办结"));
                }
                let result = result.trim();
                if result.is_empty() {
                    return Err(DomainError::invalid("result", "请填写办理结果").into());
                }
                for hash in photos {
                    let known: bool = self.conn.query_row(
                        "SELECT EXISTS (SELECT 1 FROM attachments
                         WHERE owner_table = 'tasks' AND owner_id = ?1 AND hash = ?2)",
                        params![t.id.to_string(), hash],
                        |r| r.get(0),
                    )?;
                    if !known {
                        return Err(DomainError::invalid(
                            "photos",
                            "照片还没有上传到这个事项，请先添加附件",
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
                    return Err(refuse("晒单"));
                }
                (TaskEventKind::Published, vec![])
            }
            TaskStep::Rate {
                rating,
                comment,
                rater,
            } => {
                if !t.status.resolved() {
                    return Err(refuse("评单"));
                }
                let stars = field::validate_rating(*rating)?;
                let rater = rater.unwrap_or(Rater::Resident);
                if rater == Rater::Worker && req.by.is_none() {
                    return Err(
                        DomainError::invalid("by", "代评要写明是哪位工作人员代居民评的").into(),
                    );
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
    fn dispatch_fields(
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
                return Err(
                    DomainError::invalid("assignee_id", "请选择接单的人或队伍（只选一个）").into(),
                )
            }
        }
        let due = date::validate("due_date", due_date)?;
        Ok(vec![
            ("assignee_id", json!(id_text(assignee))),
            ("team", json!(team)),
            ("due_date", json!(due)),
        ])
    }

    pub fn get_task(&self, req: &GetTask) -> Result<TaskDetail> {
        let today = day_or_today(&self.now(), "today", &req.today)?;
        Ok(TaskDetail {
            task: self.task(req.id, Some(&today))?,
            events: self.task_events(req.id)?,
            attachments: self.attachments_of("tasks", req.id)?,
        })
    }

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
                let (b, u) = match (t.household_id, t.place_id) {
                    (Some(h), _) => {
                        let h = self.household(h)?;
                        (h.building_id, h.unit_id)
                    }
                    (None, p) => (p, None),
                };
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
        let (from, to) = period(&self.now(), &req.from, &req.to)?;
        let tasks = self.tasks_in(&self.area_of_place(req.place_id)?, &to)?;
        let raised: Vec<&Task> = tasks
            .iter()
            .filter(|t| {
                (from.as_str()..=to.as_str()).contains(&&t.raised_at[..10.min(t.raised_at.len())])
            })
            .collect();
        let resolved: Vec<&Task> = raised
            .iter()
            .copied()
            .filter(|t| t.status.resolved())
            .collect();
        let on_time: Vec<&Task> = resolved
            .iter()
            .copied()
            .filter(|t| match (&t.due_date, &t.finished_at) {
                (Some(due), Some(done)) => done[..10] <= due[..],
                _ => true,
            })
            .collect();
        let overdue: Vec<Id> = raised.iter().filter(|t| t.overdue).map(|t| t.id).collect();
        let ratings: Vec<f64> = resolved
            .iter()
            .filter_map(|t| t.rating)
            .map(f64::from)
            .collect();
        let rate = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        Ok(TaskRatesReport {
            resolution_rate: rate(resolved.len(), raised.len()),
            on_time_rate: rate(on_time.len(), resolved.len()),
            average_rating: (!ratings.is_empty())
                .then(|| ratings.iter().sum::<f64>() / ratings.len() as f64),
            raised: raised.iter().map(|t| t.id).collect(),
            resolved: resolved.iter().map(|t| t.id).collect(),
            on_time: on_time.iter().map(|t| t.id).collect(),
            overdue,
            from,
            to,
        })
    }

    pub fn set_task_rule(&mut self, req: &SetTaskRule) -> Result<SetTaskRule> {
        if self.place(req.community_id)?.kind != linli_domain::PlaceKind::Community {
            return Err(
                DomainError::invalid("community_id", "上报时限按社区设置，请选择一个社区").into(),
            );
        }
        if !(1..=365).contains(&req.escalate_after_days) {
            return Err(DomainError::invalid(
                "escalate_after_days",
                "超时上报的天数应在1到365天之间",
            )
            .into());
        }
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "task_rules",
            row_id: rule_id(req.community_id, req.category),
            fields: vec![
                ("community_id", json!(req.community_id.to_string())),
                ("category", json!(req.category.code())),
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
    fn escalate_after(&self, community: Option<Id>, category: TaskCategory) -> Result<u32> {
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
        let tasks = self.tasks_in(&self.area_of_place(req.place_id)?, &today)?;
        let top = (ESCALATION_LEVELS.len() - 1) as u32;
        let mut due = Vec::new();
        for t in tasks.into_iter().filter(|t| t.overdue) {
            let Some(due_date) = t.due_date.clone() else {
                continue;
            };
            let Some(days) = field::days_between(&due_date, &today) else {
                continue;
            };
            let after = i64::from(self.escalate_after(t.community_id, t.category)?);
            let level = ((days / after) as u32).min(top);
            if level > t.escalation_level {
                let scope = self.task_scope(&t)?;
                due.push((t.id, t.escalation_level + 1..=level, due_date, after, scope));
            }
        }
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
                    &format!("{day} 00:00"),
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

/// A reason (退单, 申请延期, 转派), trimmed; required where `needed`, at most 500 characters.
fn check_reason(reason: &str, needed: bool) -> Result<String> {
    let r = reason.trim();
    if needed && r.is_empty() {
        return Err(DomainError::invalid("reason", "请写明原因").into());
    }
    if r.chars().count() > 500 {
        return Err(DomainError::invalid("reason", "原因最多500字").into());
    }
    Ok(r.to_owned())
}

/// The id of the event that escalates `task` to `level` on `day`: the same on every laptop, so
/// an escalation made twice offline is one row once synced.
pub(crate) fn escalation_id(task: Id, level: u32, day: &str) -> Id {
    stable_id(&format!("task_escalation/{task}/{level}/{day}"))
}
