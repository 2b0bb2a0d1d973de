use super::*;

#[test]
fn two_laptops_converge_on_a_task_and_both_keep_their_visits() {
    let mut t = town();
    let (h, worker, admin) = (t.h.clone(), t.worker, t.admin);
    let task = t
        .store
        .raise_task(&RaiseTask {
            task: new_task(
                "加装楼道扶手",
                TaskCategory::PublicMatter,
                Some("2026-12-20"),
            ),
            household_id: Some(h[1]),
            place_id: None,
            raised_by: Some(worker),
            visit_id: None,
            at: Some("2026-11-20 08:00".into()),
            source: None,
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    let mut server = Vec::new();
    exchange(&mut server, &mut [&mut t.store, &mut b]);
    assert_eq!(
        b.export_canonical().unwrap(),
        t.store.export_canonical().unwrap()
    );

    // offline, both laptops visit the same household and both dispatch the same task
    let log = |s: &mut Store, at: &str, findings: &str| {
        s.log_visit(&LogVisit {
            household_id: h[1],
            visitor_id: worker,
            at: Some(at.into()),
            kind: VisitKind::Care,
            outcome: VisitOutcome::Met,
            findings: findings.into(),
            member_updates: vec![],
            follow_up: None,
        })
        .unwrap()
        .visit
    };
    let va = log(&mut t.store, "2026-11-21 09:00", "精神不错");
    let vb = log(&mut b, "2026-11-21 15:00", "血压偏高，已提醒就医");
    let dispatch = |s: &mut Store, at: &str, step: TaskStep| {
        s.task_action(&TaskAction {
            task_id: task.id,
            by: Some(admin),
            at: Some(at.into()),
            step,
        })
        .unwrap()
    };
    dispatch(
        &mut t.store,
        "2026-11-21 10:00",
        TaskStep::Dispatch {
            assignee_id: Some(worker),
            team: None,
            due_date: "2026-11-30".into(),
        },
    );
    dispatch(
        &mut b,
        "2026-11-21 11:00",
        TaskStep::Dispatch {
            assignee_id: None,
            team: Some("党员先锋队".into()),
            due_date: "2026-12-05".into(),
        },
    );
    // and one accepts while the other already finished it
    dispatch(&mut t.store, "2026-11-22 09:00", TaskStep::Accept);
    dispatch(&mut b, "2026-11-22 08:00", TaskStep::Accept);
    dispatch(
        &mut b,
        "2026-11-23 16:00",
        TaskStep::Finish {
            result: "扶手已装好".into(),
            photos: vec![],
        },
    );
    exchange(&mut server, &mut [&mut t.store, &mut b]);

    assert_eq!(
        b.export_canonical().unwrap(),
        t.store.export_canonical().unwrap()
    );
    let seen = |s: &Store| {
        s.get_task(&GetTask {
            id: task.id,
            today: Some("2026-12-01".into()),
        })
        .unwrap()
    };
    let (ta, tb) = (seen(&t.store), seen(&b));
    assert_eq!(ta, tb, "both laptops derive the same task");
    assert_eq!(
        ta.task.status,
        TaskStatus::Finished,
        "the furthest stage wins"
    );
    assert_eq!(
        ta.task.team.as_deref(),
        Some("党员先锋队"),
        "the later dispatch"
    );
    assert_eq!(ta.task.due_date.as_deref(), Some("2026-12-05"));
    assert_eq!(ta.events.len(), 6, "every event from both laptops is kept");
    // both visits are kept on both laptops
    for s in [&t.store, &b] {
        let visits: Vec<Id> = s
            .household_timeline(&HouseholdTimeline { household_id: h[1] })
            .unwrap()
            .into_iter()
            .filter(|l| l.kind == TimelineKind::Visit)
            .map(|l| l.row_id)
            .collect();
        assert_eq!(visits, [vb.id, va.id]);
    }
}

#[test]
fn two_laptops_escalating_the_same_task_offline_hold_one_escalation_per_level() {
    let mut t = town();
    let task = t
        .store
        .raise_task(&RaiseTask {
            task: new_task(
                "疏通下水道",
                TaskCategory::HouseholdMatter,
                Some("2026-11-10"),
            ),
            household_id: Some(t.h[0]),
            place_id: None,
            raised_by: Some(t.worker),
            visit_id: None,
            at: Some("2026-11-01 08:00".into()),
            source: None,
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    let mut server = Vec::new();
    exchange(&mut server, &mut [&mut t.store, &mut b]);

    let esc = |s: &mut Store, day: &str| -> Vec<(Id, u32)> {
        s.escalate_overdue(&EscalateOverdue {
            place_id: None,
            today: Some(day.into()),
        })
        .unwrap()
        .into_iter()
        .map(|x| (x.id, x.escalation_level))
        .collect()
    };
    // offline: one laptop escalates to the town on the 13th, then again on the 14th (nothing
    // new), the other only looks on the 17th and goes straight to the county
    assert_eq!(esc(&mut t.store, "2026-11-13"), [(task.id, 1)]);
    assert_eq!(esc(&mut t.store, "2026-11-14"), []);
    assert_eq!(esc(&mut b, "2026-11-17"), [(task.id, 2)]);
    exchange(&mut server, &mut [&mut t.store, &mut b]);
    // and after the exchange each looks again: nothing more to do
    assert_eq!(esc(&mut t.store, "2026-11-17"), []);
    assert_eq!(esc(&mut b, "2026-11-17"), []);

    assert_eq!(
        b.export_canonical().unwrap(),
        t.store.export_canonical().unwrap()
    );
    for s in [&t.store, &b] {
        let d = s
            .get_task(&GetTask {
                id: task.id,
                today: Some("2026-11-17".into()),
            })
            .unwrap();
        assert_eq!(d.task.escalation_level, 2);
        let levels: Vec<(Option<u32>, String)> = d
            .events
            .iter()
            .filter(|e| e.kind == TaskEventKind::Escalated)
            .map(|e| (e.level, e.at.clone()))
            .collect();
        assert_eq!(
            levels,
            [
                (Some(1), "2026-11-13 00:00".to_owned()),
                (Some(2), "2026-11-16 00:00".to_owned())
            ],
            "one escalation per level, dated the day it fell due"
        );
    }
}

#[test]
fn laptops_that_disagreed_about_the_rule_still_converge_on_the_escalation_level() {
    let mut t = town();
    let task = t
        .store
        .raise_task(&RaiseTask {
            task: new_task(
                "清运建筑垃圾",
                TaskCategory::PublicMatter,
                Some("2026-11-10"),
            ),
            household_id: None,
            place_id: Some(t.b3),
            raised_by: None,
            visit_id: None,
            at: Some("2026-11-01 08:00".into()),
            source: None,
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    let mut server = Vec::new();
    exchange(&mut server, &mut [&mut t.store, &mut b]);
    // offline, one laptop shortens the rule for public matters to 2 days and escalates; the
    // other escalates under the default 7 days
    t.store
        .set_task_rule(&SetTaskRule {
            community_id: t.community,
            category: TaskCategory::PublicMatter,
            escalate_after_days: 2,
        })
        .unwrap();
    let esc = |s: &mut Store| {
        s.escalate_overdue(&EscalateOverdue {
            place_id: None,
            today: Some("2026-11-18".into()),
        })
        .unwrap()
    };
    assert_eq!(esc(&mut t.store)[0].escalation_level, 2);
    assert_eq!(esc(&mut b)[0].escalation_level, 1);
    exchange(&mut server, &mut [&mut t.store, &mut b]);
    assert_eq!(
        b.export_canonical().unwrap(),
        t.store.export_canonical().unwrap(),
        "every event is kept on both laptops"
    );
    for s in [&t.store, &b] {
        let d = s
            .get_task(&GetTask {
                id: task.id,
                today: Some("2026-11-18".into()),
            })
            .unwrap();
        assert_eq!(d.task.escalation_level, 2);
    }
}

#[test]
fn two_laptops_agree_on_a_task_handed_back_on_one_and_extended_on_the_other() {
    let mut t = town();
    let (worker, admin) = (t.worker, t.admin);
    let task = phoned_in(&mut t, "修门禁", "2026-11-10");
    let dispatch = TaskStep::Dispatch {
        assignee_id: Some(worker),
        team: None,
        due_date: "2026-11-08".into(),
    };
    act(&mut t, task.id, Some(admin), "2026-11-02 09:00", dispatch).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    let mut server = Vec::new();
    exchange(&mut server, &mut [&mut t.store, &mut b]);
    // offline: the worker hands it back on one laptop, the admin extends it on the other later
    act(
        &mut t,
        task.id,
        Some(worker),
        "2026-11-03 09:00",
        TaskStep::Return {
            reason: "需要物业处理".into(),
        },
    )
    .unwrap();
    b.task_action(&TaskAction {
        task_id: task.id,
        by: Some(admin),
        at: Some("2026-11-03 10:00".into()),
        step: TaskStep::Extend {
            due_date: "2026-11-15".into(),
            reason: "等物业回复".into(),
        },
    })
    .unwrap();
    exchange(&mut server, &mut [&mut t.store, &mut b]);
    let seen = |s: &Store| {
        s.get_task(&GetTask {
            id: task.id,
            today: Some("2026-11-12".into()),
        })
        .unwrap()
    };
    let (ta, tb) = (seen(&t.store), seen(&b));
    assert_eq!(ta, tb, "both laptops derive the same task");
    assert_eq!(ta.task.status, TaskStatus::Raised, "handed back");
    assert_eq!(ta.task.assignee_id, None);
    assert_eq!(ta.task.due_date.as_deref(), Some("2026-11-15"));
    assert_eq!(ta.task.source, Some(TaskSource::Phone), "the source synced");
}
