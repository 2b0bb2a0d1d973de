use super::*;

#[test]
fn the_five_list_flow_derives_status_and_rates_from_events() {
    let mut t = town();
    let worker = t.worker;
    let raise = |t: &mut Town, title: &str, due: &str| {
        t.store
            .raise_task(&RaiseTask {
                task: new_task(title, TaskCategory::CivicMatter, Some(due)),
                household_id: Some(t.h[1]),
                place_id: None,
                raised_by: Some(t.worker),
                visit_id: None,
                at: Some("2026-11-02 08:00".into()),
                source: None,
            })
            .unwrap()
    };
    let step = |t: &mut Town, task: Id, at: &str, step: TaskStep| {
        t.store.task_action(&TaskAction {
            task_id: task,
            by: Some(t.admin),
            at: Some(at.into()),
            step,
        })
    };
    let a = raise(&mut t, "帮王阿婆换水龙头", "2026-11-10");
    assert_eq!(a.status, TaskStatus::Raised);
    // cannot accept before it is dispatched
    let err = step(&mut t, a.id, "2026-11-02 09:00", TaskStep::Accept).unwrap_err();
    assert!(err.to_string().contains("待派单"), "{err}");
    let d = step(
        &mut t,
        a.id,
        "2026-11-02 09:00",
        TaskStep::Dispatch {
            assignee_id: Some(worker),
            team: None,
            due_date: "2026-11-08".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (d.status, d.assignee_name.as_deref(), d.due_date.as_deref()),
        (TaskStatus::Dispatched, Some("陈网格"), Some("2026-11-08"))
    );
    assert_eq!(
        step(&mut t, a.id, "2026-11-03 09:00", TaskStep::Accept)
            .unwrap()
            .status,
        TaskStatus::Accepted
    );
    let f = step(
        &mut t,
        a.id,
        "2026-11-06 15:00",
        TaskStep::Finish {
            result: "已更换新水龙头".into(),
            photos: vec![],
        },
    )
    .unwrap();
    assert_eq!(f.status, TaskStatus::Finished);
    assert_eq!(f.finished_at.as_deref(), Some("2026-11-06 15:00"));
    step(&mut t, a.id, "2026-11-06 16:00", TaskStep::Publish).unwrap();
    assert!(step(
        &mut t,
        a.id,
        "2026-11-07 10:00",
        TaskStep::Rate {
            rating: 6,
            comment: String::new(),
            rater: None,
        }
    )
    .is_err());
    let r = step(
        &mut t,
        a.id,
        "2026-11-07 10:00",
        TaskStep::Rate {
            rating: 5,
            comment: "很满意".into(),
            rater: None,
        },
    )
    .unwrap();
    assert_eq!((r.status, r.rating), (TaskStatus::Rated, Some(5)));
    let detail = t
        .store
        .get_task(&GetTask {
            id: a.id,
            today: None,
        })
        .unwrap();
    let kinds: Vec<TaskEventKind> = detail.events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            TaskEventKind::Raised,
            TaskEventKind::Dispatched,
            TaskEventKind::Accepted,
            TaskEventKind::Finished,
            TaskEventKind::Published,
            TaskEventKind::Rated
        ]
    );
    assert!(detail
        .events
        .iter()
        .skip(1)
        .all(|e| e.by_name.as_deref() == Some("林书记")));

    // a late one, an open overdue one, and an open one not yet due
    let b = raise(&mut t, "疏通下水道", "2026-11-05");
    step(
        &mut t,
        b.id,
        "2026-11-03 09:00",
        TaskStep::Dispatch {
            assignee_id: None,
            team: Some("党员先锋队".into()),
            due_date: "2026-11-05".into(),
        },
    )
    .unwrap();
    step(&mut t, b.id, "2026-11-03 10:00", TaskStep::Accept).unwrap();
    step(
        &mut t,
        b.id,
        "2026-11-09 10:00",
        TaskStep::Finish {
            result: "已疏通".into(),
            photos: vec![],
        },
    )
    .unwrap();
    let c = raise(&mut t, "加装扶手", "2026-11-12");
    let d = raise(&mut t, "申请助餐", "2026-12-30");

    let board = t
        .store
        .task_board(&TaskBoard {
            place_id: Some(t.community),
            today: Some("2026-11-20".into()),
            ..Default::default()
        })
        .unwrap();
    let col = |s: TaskStatus| -> Vec<Id> {
        board
            .iter()
            .find(|c| c.status == s)
            .unwrap()
            .tasks
            .iter()
            .map(|t| t.id)
            .collect()
    };
    assert_eq!(col(TaskStatus::Raised), [c.id, d.id]);
    assert_eq!(col(TaskStatus::Finished), [b.id]);
    assert_eq!(col(TaskStatus::Rated), [a.id]);
    assert!(board
        .iter()
        .flat_map(|c| &c.tasks)
        .any(|x| x.id == c.id && x.overdue));

    let rates = t
        .store
        .task_rates(&TaskRates {
            place_id: Some(t.community),
            from: Some("2026-11-01".into()),
            to: Some("2026-11-20".into()),
        })
        .unwrap();
    assert_eq!(rates.raised.len(), 4);
    assert_eq!(rates.resolved, [a.id, b.id]);
    assert!((rates.resolution_rate - 0.5).abs() < 1e-9);
    assert_eq!(rates.on_time, [a.id], "b was finished after its due date");
    assert!((rates.on_time_rate - 0.5).abs() < 1e-9);
    assert_eq!(rates.overdue, [c.id]);
    assert_eq!(rates.average_rating, Some(5.0));
}

#[test]
fn overdue_tasks_escalate_after_the_time_set_for_their_category() {
    let mut t = town();
    let raise = |t: &mut Town, category| {
        t.store
            .raise_task(&RaiseTask {
                task: NewTask {
                    subcategory: (category == TaskCategory::Snapshot)
                        .then_some(SnapshotKind::Environment),
                    ..new_task("事项", category, Some("2026-11-10"))
                },
                household_id: None,
                place_id: Some(t.b3),
                raised_by: None,
                visit_id: None,
                at: Some("2026-11-01 08:00".into()),
                source: None,
            })
            .unwrap()
    };
    t.store
        .set_task_rule(&SetTaskRule {
            community_id: t.community,
            category: TaskCategory::Snapshot,
            escalate_after_days: 2,
        })
        .unwrap();
    let snap = raise(&mut t, TaskCategory::Snapshot);
    let civic = raise(&mut t, TaskCategory::CivicMatter); // default: 15 days
    let esc = |t: &mut Town, day: &str| -> Vec<(Id, u32)> {
        t.store
            .escalate_overdue(&EscalateOverdue {
                place_id: Some(t.community),
                today: Some(day.into()),
            })
            .unwrap()
            .into_iter()
            .map(|x| (x.id, x.escalation_level))
            .collect()
    };
    assert_eq!(esc(&mut t, "2026-11-11"), [], "1 day late: not yet");
    assert_eq!(esc(&mut t, "2026-11-12"), [(snap.id, 1)], "to the town");
    assert_eq!(esc(&mut t, "2026-11-13"), [], "already at the town");
    assert_eq!(esc(&mut t, "2026-11-14"), [(snap.id, 2)], "to the county");
    assert_eq!(
        esc(&mut t, "2026-11-30"),
        [(civic.id, 1)],
        "the county is the top"
    );
    let events = t
        .store
        .get_task(&GetTask {
            id: snap.id,
            today: None,
        })
        .unwrap()
        .events;
    let last = events.last().unwrap();
    assert_eq!(last.kind, TaskEventKind::Escalated);
    assert!(last.comment.contains("县"), "{}", last.comment);
    // the rule row is one per community and category, whoever sets it
    t.store
        .set_task_rule(&SetTaskRule {
            community_id: t.community,
            category: TaskCategory::Snapshot,
            escalate_after_days: 3,
        })
        .unwrap();
    assert_eq!(count(&t.store, "SELECT count(*) FROM task_rules"), 1);
}

#[test]
fn redispatch_return_and_extension_are_events_that_move_the_status() {
    let mut t = town();
    let (worker, admin) = (t.worker, t.admin);
    let task = phoned_in(&mut t, "张三家水管漏水", "2026-11-10");
    assert_eq!(task.source, Some(TaskSource::Phone));
    // nothing to hand on, hand back or extend before it was dispatched
    for step in [
        TaskStep::Return {
            reason: "不属于本网格".into(),
        },
        TaskStep::Extend {
            due_date: "2026-11-20".into(),
            reason: "等配件".into(),
        },
    ] {
        let err = act(&mut t, task.id, Some(worker), "2026-11-02 09:00", step).unwrap_err();
        assert!(err.to_string().contains("待派单"), "{err}");
    }
    let dispatch = TaskStep::Dispatch {
        assignee_id: Some(worker),
        team: None,
        due_date: "2026-11-08".into(),
    };
    act(&mut t, task.id, Some(admin), "2026-11-02 09:00", dispatch).unwrap();
    act(
        &mut t,
        task.id,
        Some(worker),
        "2026-11-02 10:00",
        TaskStep::Accept,
    )
    .unwrap();

    // 转派 to the same person is refused; to another sends it back to 待接单
    let to = |who: Id| TaskStep::Redispatch {
        assignee_id: Some(who),
        team: None,
        due_date: "2026-11-09".into(),
        reason: "陈网格外出培训".into(),
    };
    let same = act(&mut t, task.id, Some(admin), "2026-11-03 09:00", to(worker)).unwrap_err();
    assert!(same.to_string().contains("另一个人"), "{same}");
    let r = act(&mut t, task.id, Some(admin), "2026-11-03 09:00", to(admin)).unwrap();
    assert_eq!(
        (r.status, r.assignee_name.as_deref(), r.due_date.as_deref()),
        (TaskStatus::Dispatched, Some("林书记"), Some("2026-11-09"))
    );
    act(
        &mut t,
        task.id,
        Some(admin),
        "2026-11-03 10:00",
        TaskStep::Accept,
    )
    .unwrap();

    // 申请延期: a reason and a later day are needed
    let extend = |day: &str, reason: &str| TaskStep::Extend {
        due_date: day.into(),
        reason: reason.into(),
    };
    let e = act(
        &mut t,
        task.id,
        Some(admin),
        "2026-11-04 09:00",
        extend("2026-11-08", "等配件"),
    )
    .unwrap_err();
    assert!(e.to_string().contains("应晚于现在的期限2026-11-09"), "{e}");
    let e = act(
        &mut t,
        task.id,
        Some(admin),
        "2026-11-04 09:00",
        extend("2026-11-20", " "),
    )
    .unwrap_err();
    assert_eq!(
        linli_protocol::ApiError::from(e).field.as_deref(),
        Some("reason")
    );
    let x = act(
        &mut t,
        task.id,
        Some(admin),
        "2026-11-04 09:00",
        extend("2026-11-20", "等配件"),
    )
    .unwrap();
    assert_eq!(
        (x.status, x.due_date.as_deref()),
        (TaskStatus::Accepted, Some("2026-11-20"))
    );

    // 退单 with a reason: back to 待派单, with nobody
    let e = act(
        &mut t,
        task.id,
        Some(admin),
        "2026-11-05 09:00",
        TaskStep::Return { reason: "".into() },
    )
    .unwrap_err();
    assert_eq!(
        linli_protocol::ApiError::from(e).field.as_deref(),
        Some("reason")
    );
    let back = act(
        &mut t,
        task.id,
        Some(admin),
        "2026-11-05 09:00",
        TaskStep::Return {
            reason: "产权方负责维修".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (back.status, back.assignee_id, back.assignee_name),
        (TaskStatus::Raised, None, None)
    );
    assert!(act(
        &mut t,
        task.id,
        Some(admin),
        "2026-11-05 10:00",
        TaskStep::Accept
    )
    .is_err());
    // dispatched again, it goes on as before
    let again = TaskStep::Dispatch {
        assignee_id: Some(worker),
        team: None,
        due_date: "2026-11-25".into(),
    };
    let d = act(&mut t, task.id, Some(admin), "2026-11-06 09:00", again).unwrap();
    assert_eq!(
        (d.status, d.assignee_id),
        (TaskStatus::Dispatched, Some(worker))
    );

    let detail = t
        .store
        .get_task(&GetTask {
            id: task.id,
            today: Some("2026-11-06".into()),
        })
        .unwrap();
    let kinds: Vec<TaskEventKind> = detail.events.iter().map(|e| e.kind).collect();
    use TaskEventKind::*;
    assert_eq!(
        kinds,
        [
            Raised,
            Dispatched,
            Accepted,
            Redispatched,
            Accepted,
            Extended,
            Returned,
            Dispatched
        ]
    );
    let redispatch = &detail.events[3];
    assert_eq!(redispatch.assignee_name.as_deref(), Some("林书记"));
    assert_eq!(redispatch.comment, "陈网格外出培训");
    assert_eq!(detail.events[6].comment, "产权方负责维修");
    // the household's timeline names who a dispatch went to and why it was handed on
    let timeline = t
        .store
        .household_timeline(&HouseholdTimeline {
            household_id: t.h[0],
        })
        .unwrap();
    assert!(timeline
        .iter()
        .any(|l| l.title == "转派：张三家水管漏水" && l.detail.contains("林书记：陈网格外出培训")));
}

#[test]
fn a_rating_records_who_rated() {
    let mut t = town();
    let (worker, admin) = (t.worker, t.admin);
    let task = phoned_in(&mut t, "楼道堆物清理", "2026-11-10");
    let dispatch = TaskStep::Dispatch {
        assignee_id: Some(worker),
        team: None,
        due_date: "2026-11-08".into(),
    };
    act(&mut t, task.id, Some(admin), "2026-11-02 09:00", dispatch).unwrap();
    let finish = TaskStep::Finish {
        result: "已清理".into(),
        photos: vec![],
    };
    act(&mut t, task.id, Some(worker), "2026-11-03 09:00", finish).unwrap();
    let rate = |rater| TaskStep::Rate {
        rating: 4,
        comment: "很快".into(),
        rater,
    };
    // on the resident's behalf needs the worker who gave it
    let e = act(
        &mut t,
        task.id,
        None,
        "2026-11-04 09:00",
        rate(Some(Rater::Worker)),
    )
    .unwrap_err();
    assert_eq!(
        linli_protocol::ApiError::from(e).field.as_deref(),
        Some("by")
    );
    act(
        &mut t,
        task.id,
        Some(worker),
        "2026-11-04 09:00",
        rate(Some(Rater::Worker)),
    )
    .unwrap();
    act(&mut t, task.id, None, "2026-11-05 09:00", rate(None)).unwrap();
    let events = t
        .store
        .get_task(&GetTask {
            id: task.id,
            today: None,
        })
        .unwrap()
        .events;
    let rated: Vec<(Option<Rater>, Option<&str>, &str)> = events
        .iter()
        .filter(|e| e.kind == TaskEventKind::Rated)
        .map(|e| (e.rater, e.by_name.as_deref(), e.result.as_str()))
        .collect();
    assert_eq!(
        rated,
        [
            (Some(Rater::Worker), Some("陈网格"), ""),
            (Some(Rater::Resident), None, "")
        ]
    );
}

#[test]
fn the_board_filters_by_mine_overdue_category_grid_and_title() {
    let mut t = town();
    let (worker, admin) = (t.worker, t.admin);
    let raise = |t: &mut Town, title: &str, cat, household: Option<Id>, by: Option<Id>| {
        t.store
            .raise_task(&RaiseTask {
                task: new_task(title, cat, Some("2026-11-10")),
                household_id: household,
                place_id: household.is_none().then_some(t.b5),
                raised_by: by,
                visit_id: None,
                at: Some("2026-11-02 08:00".into()),
                source: Some(TaskSource::WalkIn),
            })
            .unwrap()
            .id
    };
    // in section A (3栋), raised by the worker
    let (h0, h4) = (t.h[0], t.h[4]);
    let leak = raise(
        &mut t,
        "水管漏水",
        TaskCategory::HouseholdMatter,
        Some(h0),
        Some(worker),
    );
    // in section B (5栋), raised by the admin, dispatched to the worker, due later
    let light = raise(
        &mut t,
        "5栋楼道灯不亮",
        TaskCategory::PublicMatter,
        None,
        Some(admin),
    );
    let dispatch = TaskStep::Dispatch {
        assignee_id: Some(worker),
        team: None,
        due_date: "2026-12-30".into(),
    };
    act(&mut t, light, Some(admin), "2026-11-02 09:00", dispatch).unwrap();
    // section B, nobody's
    let wish = raise(
        &mut t,
        "想学智能手机",
        TaskCategory::MicroWish,
        Some(h4),
        None,
    );

    let board = |t: &Town, f: TaskBoard| -> Vec<Id> {
        let mut ids: Vec<Id> = t
            .store
            .task_board(&TaskBoard {
                place_id: Some(t.community),
                today: Some("2026-11-20".into()),
                ..f
            })
            .unwrap()
            .into_iter()
            .flat_map(|c| c.tasks)
            .map(|t| t.id)
            .collect();
        ids.sort();
        ids
    };
    let sorted = |mut v: Vec<Id>| {
        v.sort();
        v
    };
    assert_eq!(
        board(&t, TaskBoard::default()),
        sorted(vec![leak, light, wish])
    );
    let mine = TaskBoard {
        mine: Some(worker),
        ..Default::default()
    };
    assert_eq!(
        board(&t, mine),
        sorted(vec![leak, light]),
        "raised by or given to me"
    );
    let overdue = TaskBoard {
        overdue: true,
        ..Default::default()
    };
    assert_eq!(board(&t, overdue), sorted(vec![leak, wish]));
    let cat = TaskBoard {
        category: Some(TaskCategory::PublicMatter),
        ..Default::default()
    };
    assert_eq!(board(&t, cat), [light]);
    let grid = |g| TaskBoard {
        grid_id: Some(g),
        ..Default::default()
    };
    assert_eq!(board(&t, grid(t.section_a)), [leak]);
    assert_eq!(board(&t, grid(t.section_b)), sorted(vec![light, wish]));
    assert_eq!(board(&t, grid(t.big)), sorted(vec![leak, light, wish]));
    let query = |q: &str| TaskBoard {
        query: q.into(),
        ..Default::default()
    };
    assert_eq!(board(&t, query("楼道灯")), [light]);
    assert_eq!(board(&t, query("5栋 灯")), [light], "every word must match");
    assert!(board(&t, query("电梯")).is_empty());
    let both = TaskBoard {
        mine: Some(worker),
        overdue: true,
        ..Default::default()
    };
    assert_eq!(board(&t, both), [leak]);
    assert!(
        t.store
            .task_board(&TaskBoard {
                grid_id: Some(t.b3),
                ..Default::default()
            })
            .is_err(),
        "a building is not a grid"
    );
}

/// A step a newer laptop added to a task's life (issue 18: one policy for unknown codes) is kept
/// and shown as unknown, between the steps this laptop knows; it moves no status.
#[test]
fn a_task_step_this_laptop_does_not_know_is_shown_as_unknown_and_moves_no_status() {
    let mut t = town();
    let task = t
        .store
        .raise_task(&RaiseTask {
            task: new_task("楼道灯不亮", TaskCategory::CivicMatter, Some("2026-11-10")),
            household_id: Some(t.h[1]),
            place_id: None,
            raised_by: Some(t.worker),
            visit_id: None,
            at: Some("2026-11-02 08:00".into()),
            source: None,
        })
        .unwrap();
    t.store
        .write_row(
            &linli_store::Schema::default(),
            linli_store::SyncWrite {
                table: "task_events".into(),
                row_id: Id::new(),
                fields: [
                    ("task_id".to_owned(), serde_json::json!(task.id.to_string())),
                    ("kind".to_owned(), serde_json::json!("video_call")),
                    (
                        "at".to_owned(),
                        serde_json::json!("2026-11-02T09:00:00+08:00"),
                    ),
                ]
                .into(),
                scope_community: Some(t.community),
                scope_grid: None,
                scope_place: None,
            },
            4_000_000_000_000,
        )
        .unwrap();
    let detail = t
        .store
        .get_task(&GetTask {
            id: task.id,
            today: None,
        })
        .unwrap();
    let kinds: Vec<TaskEventKind> = detail.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![TaskEventKind::Raised, TaskEventKind::Unknown]);
    assert_eq!(detail.task.status, TaskStatus::Raised, "it moves no status");
    let code: String = t
        .store
        .conn()
        .query_row(
            "SELECT kind FROM task_events WHERE kind NOT IN ('raised')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(code, "video_call", "kept as written");
}

/// A task source a newer laptop wrote is not read as 走访 because the task came from a visit:
/// only a task with no source recorded (raised before sources were) reads as one.
#[test]
fn a_task_source_this_laptop_does_not_know_is_never_read_as_another_source() {
    let mut t = town();
    let household = t.h[1];
    let v = visit(&mut t, household, "2026-11-02 08:00", VisitOutcome::Met);
    let task = t
        .store
        .raise_task(&RaiseTask {
            task: new_task("楼道灯不亮", TaskCategory::CivicMatter, Some("2026-11-10")),
            household_id: Some(t.h[1]),
            place_id: None,
            raised_by: Some(t.worker),
            visit_id: Some(v.id),
            at: Some("2026-11-02 08:30".into()),
            source: None,
        })
        .unwrap();
    assert_eq!(task.source, Some(TaskSource::Visit));
    t.store
        .write_row(
            &linli_store::Schema::default(),
            linli_store::SyncWrite {
                table: "tasks".into(),
                row_id: task.id,
                fields: [("source".to_owned(), serde_json::json!("hotline_12345"))].into(),
                scope_community: Some(t.community),
                scope_grid: None,
                scope_place: None,
            },
            4_000_000_000_000,
        )
        .unwrap();
    let read = t
        .store
        .get_task(&GetTask {
            id: task.id,
            today: None,
        })
        .unwrap()
        .task;
    assert_eq!(read.source, None, "unknown, never 走访");
}
