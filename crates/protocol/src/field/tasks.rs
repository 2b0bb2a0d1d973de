//! Tasks on the wire: raising one, the steps of the five-list flow, its events and the boards.

use linli_domain::field::{
    Rater, SnapshotKind, TaskCategory, TaskEventKind, TaskSource, TaskStatus,
};
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use super::attachments::Attachment;
use super::visits::NewTask;
use crate::Command;

/// A task with its status and who has it, derived from its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: Id,
    pub community_id: Option<Id>,
    pub title: String,
    pub category: TaskCategory,
    pub subcategory: Option<SnapshotKind>,
    pub description: String,
    pub household_id: Option<Id>,
    pub place_id: Option<Id>,
    /// The household's address or the place's name.
    pub where_text: String,
    pub raised_by: Option<Id>,
    pub visit_id: Option<Id>,
    pub raised_at: String,
    pub status: TaskStatus,
    pub assignee_id: Option<Id>,
    pub assignee_name: Option<String>,
    pub team: Option<String>,
    /// The due date of the latest dispatch, or the one set when raised.
    pub due_date: Option<String>,
    pub finished_at: Option<String>,
    pub rating: Option<u8>,
    /// 0 at the community; 1 the town; 2 the county.
    pub escalation_level: u32,
    pub overdue: bool,
    /// The task's attachments (photos of the place before, of the work after), each with its
    /// thumbnail, for the board and lists.
    #[serde(default)]
    pub photos: Vec<Attachment>,
    /// How the request came in (电话, 来访, 走访, …); none for tasks raised before sources were
    /// recorded.
    #[serde(default)]
    pub source: Option<TaskSource>,
}

/// Raises a task (群众点单) for a household or a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaiseTask {
    #[serde(flatten)]
    pub task: NewTask,
    #[serde(default)]
    pub household_id: Option<Id>,
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub raised_by: Option<Id>,
    #[serde(default)]
    pub visit_id: Option<Id>,
    #[serde(default)]
    pub at: Option<String>,
    /// How the request came in; 走访 when it comes from a visit and none is given.
    #[serde(default)]
    pub source: Option<TaskSource>,
}

impl Command for RaiseTask {
    const NAME: &'static str = "raise_task";
    type Response = Task;
}

/// A step of the five-list flow after raising. Each records one event with who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum TaskStep {
    /// 派单: to a person or a team, with a due date.
    Dispatch {
        #[serde(default)]
        assignee_id: Option<Id>,
        #[serde(default)]
        team: Option<String>,
        due_date: String,
    },
    /// 接单
    Accept,
    /// 办结: the result and the hashes of photos attached to the task.
    Finish {
        result: String,
        #[serde(default)]
        photos: Vec<String>,
    },
    /// 晒单
    Publish,
    /// 评单: 1–5 stars and a comment, given by the resident or by the worker on their behalf.
    Rate {
        rating: u8,
        #[serde(default)]
        comment: String,
        /// Who rated; the resident when left out.
        #[serde(default)]
        rater: Option<Rater>,
    },
    /// 转派: to someone else while it is open (dispatched or accepted); the new assignee must
    /// accept it again.
    Redispatch {
        #[serde(default)]
        assignee_id: Option<Id>,
        #[serde(default)]
        team: Option<String>,
        due_date: String,
        #[serde(default)]
        reason: String,
    },
    /// 退单: the assignee hands it back with a reason; it waits to be dispatched again.
    Return { reason: String },
    /// 申请延期: a later due date, with a reason.
    Extend { due_date: String, reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskAction {
    pub task_id: Id,
    /// Who did it (a person); none for a resident's rating.
    #[serde(default)]
    pub by: Option<Id>,
    #[serde(default)]
    pub at: Option<String>,
    #[serde(flatten)]
    pub step: TaskStep,
}

impl Command for TaskAction {
    const NAME: &'static str = "task_action";
    type Response = Task;
}

/// One event in a task's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskEvent {
    pub id: Id,
    pub kind: TaskEventKind,
    pub at: String,
    pub by: Option<Id>,
    pub by_name: Option<String>,
    pub assignee_id: Option<Id>,
    /// The name of the person a (re)dispatch went to.
    #[serde(default)]
    pub assignee_name: Option<String>,
    pub team: Option<String>,
    pub due_date: Option<String>,
    pub result: String,
    pub photos: Vec<String>,
    pub rating: Option<u8>,
    pub comment: String,
    pub level: Option<u32>,
    /// Who gave a rating (评单 only).
    #[serde(default)]
    pub rater: Option<Rater>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetTask {
    pub id: Id,
    #[serde(default)]
    pub today: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskDetail {
    pub task: Task,
    pub events: Vec<TaskEvent>,
    pub attachments: Vec<Attachment>,
}

impl Command for GetTask {
    const NAME: &'static str = "get_task";
    type Response = TaskDetail;
}

/// Tasks by status (the board), under a place (everything when none), narrowed by the filters
/// given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskBoard {
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub today: Option<String>,
    /// Only the tasks this person has (assigned to them) or raised.
    #[serde(default)]
    pub mine: Option<Id>,
    /// Only the open tasks past their due date.
    #[serde(default)]
    pub overdue: bool,
    #[serde(default)]
    pub category: Option<TaskCategory>,
    /// Only the tasks in this grid's buildings and units (a big grid's sections included).
    #[serde(default)]
    pub grid_id: Option<Id>,
    /// Words of the title (or the place) to look for.
    #[serde(default)]
    pub query: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub status: TaskStatus,
    pub tasks: Vec<Task>,
}

impl Command for TaskBoard {
    const NAME: &'static str = "task_board";
    type Response = Vec<BoardColumn>;
}

/// Resolution and on-time rates of the tasks raised in a period, each with the tasks behind it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRates {
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskRatesReport {
    pub from: String,
    pub to: String,
    pub raised: Vec<Id>,
    /// Finished, published or rated.
    pub resolved: Vec<Id>,
    /// resolved / raised.
    pub resolution_rate: f64,
    /// Resolved on or before their due date (or with none set).
    pub on_time: Vec<Id>,
    /// on_time / resolved.
    pub on_time_rate: f64,
    /// Open and past their due date.
    pub overdue: Vec<Id>,
    pub average_rating: Option<f64>,
}

impl Command for TaskRates {
    const NAME: &'static str = "task_rates";
    type Response = TaskRatesReport;
}

/// How long an overdue task of a category waits before it escalates one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTaskRule {
    pub community_id: Id,
    pub category: TaskCategory,
    pub escalate_after_days: u32,
}

impl Command for SetTaskRule {
    const NAME: &'static str = "set_task_rule";
    type Response = SetTaskRule;
}

/// Escalates every open task overdue by its category's time (once per interval, up to the
/// county); returns the tasks escalated now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalateOverdue {
    #[serde(default)]
    pub place_id: Option<Id>,
    #[serde(default)]
    pub today: Option<String>,
}

impl Command for EscalateOverdue {
    const NAME: &'static str = "escalate_overdue";
    type Response = Vec<Task>;
}
