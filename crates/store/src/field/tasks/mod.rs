//! Tasks through the five-list flow (点单 → 派单 → 接单 → 办结/晒单 → 评单), with 转派, 退单 and
//! 申请延期 on the way. A task is an entity (its title, category, where, source and due date merge
//! per field); every step is a fact in `task_events`, and a task's status, assignee, due date and
//! escalation level are derived from those facts each time a task is read.
//!
//! A rating's rater (the resident, or the worker on their behalf) is kept in the event's `result`
//! column, which a rating otherwise leaves empty: the synced columns stay as they were.//!
//! The files: this one (a new task's check, the rows a task and its steps write, the ids made
//! from keys), `read` (a task with what its events derive), `flow` (raising a task and taking it
//! through its steps), `board` (the board and the rates), `rules` (escalation rules and overdue
//! tasks escalated). A task's status from its events is `TaskStatus::derive` in linli-domain.

mod board;
mod facts;
pub(crate) use facts::{facts_within, rates_of_facts, RaisedTask};
mod flow;
mod read;
mod rules;

use linli_domain::field::{SnapshotKind, TaskCategory, TaskEventKind, TaskSource};
use linli_domain::{date, DomainError, Id};
use linli_protocol::NewTask;
use serde_json::{json, Value};

use super::stable_id;
use crate::register::id_text;
use crate::write::{RowWrite, Scope, Writer};
use crate::Result;

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
        return Err(
            DomainError::coded("title", linli_domain::msg::TASK_TITLE_MISSING, vec![]).into(),
        );
    }
    if title.chars().count() > 100 {
        return Err(
            DomainError::coded("title", linli_domain::msg::TASK_TITLE_TOO_LONG, vec![]).into(),
        );
    }
    if t.subcategory.is_some() && t.category != TaskCategory::Snapshot {
        return Err(DomainError::coded(
            "subcategory",
            linli_domain::msg::SUBCATEGORY_ONLY_SNAPSHOT,
            vec![],
        )
        .into());
    }
    let description = t.description.trim().to_owned();
    if description.chars().count() > 2000 {
        return Err(DomainError::coded(
            "description",
            linli_domain::msg::TASK_DESCRIPTION_TOO_LONG,
            vec![],
        )
        .into());
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
        ("category", json!(t.category.known("category")?.code())),
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

/// A reason (退单, 申请延期, 转派), trimmed; required where `needed`, at most 500 characters.
fn check_reason(reason: &str, needed: bool) -> Result<String> {
    let r = reason.trim();
    if needed && r.is_empty() {
        return Err(DomainError::coded("reason", linli_domain::msg::REASON_MISSING, vec![]).into());
    }
    if r.chars().count() > 500 {
        return Err(
            DomainError::coded("reason", linli_domain::msg::REASON_TOO_LONG, vec![]).into(),
        );
    }
    Ok(r.to_owned())
}

/// The id of the event that escalates `task` to `level` on `day`: the same on every laptop, so
/// an escalation made twice offline is one row once synced.
pub(crate) fn escalation_id(task: Id, level: u32, day: &str) -> Id {
    stable_id(&format!("task_escalation/{task}/{level}/{day}"))
}
