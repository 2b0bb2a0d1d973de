//! What the rates count of a request, without reading it whole: its status, its deadline, when
//! it was finished, its rating and where it lies, for every request raised in a period, in two
//! statements (the requests, then all their steps). 诉求's rates, 统计 (once per ranked grid) and
//! 工作台's targets read each request whole for these (its address, its steps with their people,
//! its photos): 0.6–1.3 s at 100,000 households (issue 24). [`derive`] is the one rule both this
//! and [`Store::task`] take a request's status, deadline, finish, rating and level from; the store
//! test `rates_from_facts_equal_rates_from_whole_tasks` holds the facts equal to the requests read
//! whole.

use std::collections::HashMap;

use linli_domain::field::{TaskCategory, TaskEventKind, TaskStatus};
use linli_domain::Id;
use linli_protocol::TaskRatesReport;

use crate::field::{shown_time, Area};
use crate::register::{id_text, parse_id};
use crate::{Result, Store};

/// A request raised in a period, as its rates see it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RaisedTask {
    pub id: Id,
    pub community_id: Option<Id>,
    /// Where it lies as [`Store::task_place`] says: a live household's building and unit, a
    /// place's request its place, a request of a household gone from the register nowhere.
    pub place: (Option<Id>, Option<Id>),
    /// Where an area's test finds it, as `tasks_in_where` tests it: a household's request
    /// where its household is (its own place when the household is gone), none when neither.
    pub lies: Option<(Option<Id>, Option<Id>)>,
    /// When it was raised, as shown (local time).
    pub raised_at: String,
    /// The day it was raised, as stored (the day a period's read finds it by).
    pub stored_day: String,
    pub status: TaskStatus,
    pub category: TaskCategory,
    /// The highest level it was escalated to (0: never).
    pub escalation_level: u32,
    /// Finished by its deadline, or without one.
    pub on_time: bool,
    /// Its deadline: the latest (re)dispatch's or extension's, else the one it was raised with.
    pub due_date: Option<String>,
    /// Past its deadline and not resolved on the period's last day.
    pub overdue: bool,
    pub rating: Option<u8>,
}

/// A step of a request, as far as the rates read it.
struct Step {
    kind: TaskEventKind,
    at: String,
    due_date: Option<String>,
    rating: Option<u8>,
    level: Option<u32>,
}

/// What a request's figures read of one of its steps: a step read whole (`TaskEvent`) or only
/// as far as the rates need ([`Step`]).
pub(crate) trait StepView {
    fn kind(&self) -> TaskEventKind;
    fn at(&self) -> &str;
    fn due_date(&self) -> Option<&str>;
    fn rating(&self) -> Option<u8>;
    fn level(&self) -> Option<u32>;
}

/// Both kinds of step hold what a figure reads under the same names.
macro_rules! step_view {
    ($($step:ty),*) => {$(
        impl StepView for $step {
            fn kind(&self) -> TaskEventKind {
                self.kind
            }
            fn at(&self) -> &str {
                &self.at
            }
            fn due_date(&self) -> Option<&str> {
                self.due_date.as_deref()
            }
            fn rating(&self) -> Option<u8> {
                self.rating
            }
            fn level(&self) -> Option<u32> {
                self.level
            }
        }
    )*};
}
step_view!(Step, linli_protocol::TaskEvent);

/// A request's figures derived from its steps in order, as [`Store::task`] shows them and the
/// rates count them: one rule for both.
pub(crate) struct Derived<'a> {
    pub status: TaskStatus,
    /// The latest (re)dispatch's or extension's deadline, else the one it was raised with.
    pub due_date: Option<String>,
    /// When the first 办结 step happened, as the steps hold it.
    pub finished_at: Option<&'a str>,
    /// The latest rating.
    pub rating: Option<u8>,
    /// The highest level it was escalated to (0: never).
    pub escalation_level: u32,
}

pub(crate) fn derive<'a, S: StepView>(steps: &'a [S], raised_due: Option<String>) -> Derived<'a> {
    Derived {
        // a step a newer Linli added is `Unknown` and moves no status
        status: TaskStatus::derive(steps.iter().map(StepView::kind)),
        due_date: steps
            .iter()
            .rev()
            .find(|s| {
                matches!(
                    s.kind(),
                    TaskEventKind::Dispatched
                        | TaskEventKind::Redispatched
                        | TaskEventKind::Extended
                )
            })
            .and_then(|s| s.due_date().map(str::to_owned))
            .or(raised_due),
        finished_at: steps
            .iter()
            .find(|s| s.kind() == TaskEventKind::Finished)
            .map(StepView::at),
        rating: steps
            .iter()
            .rev()
            .find(|s| s.kind() == TaskEventKind::Rated)
            .and_then(StepView::rating),
        escalation_level: steps
            .iter()
            .filter(|s| s.kind() == TaskEventKind::Escalated)
            .filter_map(StepView::level)
            .max()
            .unwrap_or(0),
    }
}

impl RaisedTask {
    pub(crate) fn resolved(&self) -> bool {
        self.status.resolved()
    }

    /// Whether it was raised in `from..=to` by its shown (local) day, as the rates count.
    pub(crate) fn raised_in(&self, from: &str, to: &str) -> bool {
        (from..=to).contains(&&self.raised_at[..10.min(self.raised_at.len())])
    }

    /// Whether it is past its deadline and not resolved on `to` (a period's last day).
    fn overdue_on(&self, to: &str) -> bool {
        self.due_date
            .as_deref()
            .is_some_and(|due| !self.resolved() && due < to)
    }

    /// Whether it lies in `area` (every request of the area's community does when the area
    /// names no places).
    pub(crate) fn lies_in(&self, area: &Area) -> bool {
        area.community.is_none_or(|c| self.community_id == Some(c))
            && (area.places.is_none() || self.lies.is_some_and(|(b, u)| area.holds(b, u)))
    }
}

/// The requests of `span` (read for a period holding `from..=to`) that a read of `from..=to`
/// finds, as it finds them: raised in it by their stored day, overdue as of `to`. 统计 reads a
/// town's requests once for its period, trend and ranking (nine periods; issue 24).
pub(crate) fn facts_within(span: &[RaisedTask], from: &str, to: &str) -> Vec<RaisedTask> {
    span.iter()
        .filter(|t| (from..=to).contains(&t.stored_day.as_str()))
        .map(|t| RaisedTask {
            overdue: t.overdue_on(to),
            ..t.clone()
        })
        .collect()
}

/// Resolution and on-time rates of the requests raised in `from..=to` (by their shown time)
/// among `tasks`; overdue as of `to`.
pub(crate) fn rates_of_facts<'a>(
    tasks: impl IntoIterator<Item = &'a RaisedTask>,
    from: String,
    to: String,
) -> TaskRatesReport {
    let raised: Vec<&RaisedTask> = tasks
        .into_iter()
        .filter(|t| t.raised_in(&from, &to))
        .collect();
    let resolved: Vec<&RaisedTask> = raised.iter().copied().filter(|t| t.resolved()).collect();
    let on_time: Vec<&RaisedTask> = resolved.iter().copied().filter(|t| t.on_time).collect();
    let ratings: Vec<f64> = resolved
        .iter()
        .filter_map(|t| t.rating)
        .map(f64::from)
        .collect();
    let rate = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    TaskRatesReport {
        resolution_rate: rate(resolved.len(), raised.len()),
        on_time_rate: rate(on_time.len(), resolved.len()),
        average_rating: (!ratings.is_empty())
            .then(|| ratings.iter().sum::<f64>() / ratings.len() as f64),
        raised: raised.iter().map(|t| t.id).collect(),
        resolved: resolved.iter().map(|t| t.id).collect(),
        on_time: on_time.iter().map(|t| t.id).collect(),
        overdue: raised.iter().filter(|t| t.overdue).map(|t| t.id).collect(),
        from,
        to,
    }
}

impl Store {
    /// The requests of `area` raised in `from..=to` (by their stored time, as
    /// `tasks_raised_in` finds them), each as of `to`, by when they were raised.
    pub(crate) fn raised_facts(
        &self,
        area: &Area,
        from: &str,
        to: &str,
    ) -> Result<Vec<RaisedTask>> {
        let mut tasks = self.community_raised_facts(area.community, from, to)?;
        tasks.retain(|t| t.lies_in(area));
        Ok(tasks)
    }

    /// [`Store::raised_facts`] of a whole community (everything's for none), to be tested
    /// against many areas of it (统计's ranking).
    pub(crate) fn community_raised_facts(
        &self,
        community: Option<Id>,
        from: &str,
        to: &str,
    ) -> Result<Vec<RaisedTask>> {
        let community_filter = match community {
            Some(_) => "t.community_id = ?1",
            None => "?1 IS NULL",
        };
        let filter = format!(
            "t.deleted = 0 AND {community_filter}
                 AND t.raised_at >= ?2 AND t.raised_at < ?3 || '~'
                 AND substr(t.raised_at, 1, 10) BETWEEN ?2 AND ?3"
        );
        let params = rusqlite::params![id_text(community), from, to];
        let now = self.now();
        let mut steps: HashMap<String, Vec<Step>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT e.task_id, e.kind, e.at, e.due_date, e.rating, e.level
                 FROM tasks t JOIN task_events e ON e.task_id = t.id
                 WHERE {filter} ORDER BY e.task_id, e.at, e.id"
            ))?;
            let mut rows = stmt.query(params)?;
            while let Some(r) = rows.next()? {
                steps.entry(r.get(0)?).or_default().push(Step {
                    // a step a newer Linli added is `Unknown` and moves no status
                    kind: TaskEventKind::read(&r.get::<_, String>(1)?),
                    at: r.get(2)?,
                    due_date: r.get(3)?,
                    rating: r.get(4)?,
                    level: r.get(5)?,
                });
            }
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT t.id, t.community_id, t.household_id, t.place_id, h.id IS NOT NULL,
                    h.building_id, h.unit_id, t.due_date, t.raised_at, t.category
             FROM tasks t LEFT JOIN households h ON h.id = t.household_id AND h.deleted = 0
             WHERE {filter} ORDER BY t.raised_at, t.id"
        ))?;
        let mut rows = stmt.query(params)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let household: Option<String> = r.get(2)?;
            let task_place = parse_id(r.get(3)?)?;
            let live: bool = r.get(4)?;
            let (building, unit) = (parse_id(r.get(5)?)?, parse_id(r.get(6)?)?);
            let lies = match household {
                Some(_) => building.or(task_place).map(|b| (Some(b), unit)),
                None => Some((task_place, None)),
            };
            let place = match (&household, live) {
                (Some(_), true) => (building, unit),
                (Some(_), false) => (None, None),
                (None, _) => (task_place, None),
            };
            let steps = steps.remove(&id).unwrap_or_default();
            let d = derive(&steps, r.get(7)?);
            let finished_at = d.finished_at.map(|at| shown_time(at, &now));
            let on_time = match (&d.due_date, &finished_at) {
                (Some(due), Some(done)) => done[..10] <= due[..],
                _ => true,
            };
            let raised_at: String = r.get(8)?;
            let mut task = RaisedTask {
                id: id.parse()?,
                community_id: parse_id(r.get(1)?)?,
                place,
                lies,
                stored_day: raised_at.chars().take(10).collect(),
                raised_at: shown_time(&raised_at, &now),
                status: d.status,
                category: TaskCategory::read(&r.get::<_, String>(9)?),
                escalation_level: d.escalation_level,
                on_time,
                overdue: false,
                due_date: d.due_date,
                rating: d.rating,
            };
            task.overdue = task.overdue_on(to);
            out.push(task);
        }
        Ok(out)
    }
}

#[cfg(test)]
#[path = "facts_tests.rs"]
mod tests;
