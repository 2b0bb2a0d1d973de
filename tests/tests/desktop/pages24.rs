//! Issue 24: no page writes when it opens. 诉求 and 走访's 周会商 used to escalate overdue tasks
//! (a write, one event per level) every time they loaded; escalation now runs on the shell's timer
//! and after each sync, and opening a page leaves the database as it was.

use linli_protocol::EscalateOverdue;

use crate::desktop::support::{count, demo_db, Desktop};

/// Everything this laptop ever wrote: one journal row per field written.
fn written(db: &std::path::Path) -> i64 {
    count(db, "SELECT count(*) FROM journal")
}

#[tokio::test]
async fn opening_the_tasks_and_visits_pages_writes_nothing() {
    let (_dir, db) = demo_db();
    let app = Desktop::launch_home(&db).await;
    app.wait_for("#page-home").await;
    let before = written(&db);
    app.click("#nav-tasks").await;
    app.wait_for("#task-board").await;
    app.wait_for("#task-rates").await;
    app.click("#nav-visits").await;
    app.wait_for("#agenda-grids, #agenda-empty").await;
    app.click("#nav-tasks").await;
    app.wait_for("#task-rates").await;
    let after = written(&db);
    app.close().await;
    assert_eq!(after, before, "opening 诉求 and 走访 wrote to the database");
    // and it was not for want of overdue tasks: the timer would escalate some
    let mut s = linli_store::Store::open(&db).unwrap();
    let escalated = s
        .escalate_overdue(&EscalateOverdue {
            place_id: None,
            today: None,
        })
        .unwrap();
    assert!(
        !escalated.is_empty(),
        "the demo town has overdue tasks to escalate"
    );
}
