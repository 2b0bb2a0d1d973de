//! The life of one demo task from the day it was raised, as far as the demo's `today` allows:
//! dispatched, accepted, finished, published and rated, with some left at each step.

use linli_domain::field::TaskEventKind;
use linli_domain::{Id, Now};
use serde_json::json;

use super::people::Rng;
use crate::write::{Scope, Writer};
use crate::Result;

/// A task as raised: `raised` days before `today`, by whom it is worked and decided.
pub(super) struct Raised {
    pub task: Id,
    pub raised: i64,
    pub worker: Option<Id>,
    pub admin: Option<Id>,
    pub scope: Scope,
}

/// Writes the steps of a task raised `raised` days ago; `day(n)` is the date `n` days before
/// today, `at(n, h)` the stamp of hour `h` on it.
pub(super) fn task_life(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    ids: &mut Now,
    day: &dyn Fn(i64) -> String,
    at: &dyn Fn(i64, u64) -> String,
    t: Raised,
) -> Result<()> {
    let Raised {
        task,
        raised,
        worker,
        admin,
        scope,
    } = t;
    if raised == 0 && rng.chance(50) {
        return Ok(()); // raised today, not yet dispatched
    }
    let due = raised - 3 - rng.below(8) as i64;
    crate::field::tasks::write_event(
        w,
        ids.id(),
        task,
        TaskEventKind::Dispatched,
        &at(raised, 17),
        admin,
        &[
            ("assignee_id", json!(worker.map(|p| p.to_string()))),
            ("team", json!(worker.is_none().then_some("党员先锋队"))),
            ("due_date", json!(day(due))),
        ],
        scope,
    )?;
    if raised < 1 || rng.chance(10) {
        return Ok(()); // waiting to be accepted
    }
    crate::field::tasks::write_event(
        w,
        ids.id(),
        task,
        TaskEventKind::Accepted,
        &at(raised - 1, 9),
        worker,
        &[],
        scope,
    )?;
    // most are finished within a few days; some drag on past their due date
    let slow = rng.chance(20);
    let took = 1 + rng.below(if slow { 14 } else { 6 }) as i64;
    let done = raised - 1 - took;
    if done < 0 || rng.chance(15) {
        return Ok(());
    }
    crate::field::tasks::write_event(
        w,
        ids.id(),
        task,
        TaskEventKind::Finished,
        &at(done, 16),
        worker,
        &[
            ("result", json!("已办结，群众认可")),
            ("photos", json!("[]")),
        ],
        scope,
    )?;
    if done < 1 || rng.chance(20) {
        return Ok(());
    }
    crate::field::tasks::write_event(
        w,
        ids.id(),
        task,
        TaskEventKind::Published,
        &at(done - 1, 10),
        admin,
        &[],
        scope,
    )?;
    if done < 2 || rng.chance(30) {
        return Ok(());
    }
    let stars = if rng.chance(75) {
        5
    } else {
        3 + rng.below(2) as u8
    };
    crate::field::tasks::write_event(
        w,
        ids.id(),
        task,
        TaskEventKind::Rated,
        &at(done - 2, 19),
        None,
        &[
            ("rating", json!(stars)),
            (
                "comment",
                json!(if stars == 5 {
                    "办得又快又好"
                } else {
                    "还可以"
                }),
            ),
        ],
        scope,
    )?;
    Ok(())
}
