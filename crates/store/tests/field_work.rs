//! Field work on real SQLite files: visits with member updates and follow-ups, corrections, the
//! day's list, coverage with the households behind it, the five-list flow with derived status
//! and rates, escalation, attachments, the nightly review, the weekly agenda and the timeline.

use linli_domain::field::{
    Rater, SnapshotKind, TaskCategory, TaskEventKind, TaskSource, TaskStatus, VisitKind,
    VisitOutcome,
};
use linli_domain::register::{GridKind, Role};
use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use linli_store::{Error, Store};

struct Town {
    store: Store,
    _dir: tempfile::TempDir,
    community: Id,
    b3: Id,
    b5: Id,
    section_a: Id,
    section_b: Id,
    big: Id,
    worker: Id,
    admin: Id,
    /// 3栋1单元101, 3栋1单元201, 3栋2单元102, 3栋2单元301, 5栋101
    h: Vec<Id>,
    /// the head of 3栋1单元201, an elderly resident living alone (独居老人)
    elder: Id,
    /// the two members of 3栋1单元101
    family: (Id, Id),
}

fn add(s: &mut Store, kind: PlaceKind, name: &str, parent: Option<Id>) -> Id {
    s.add_place(&AddPlace {
        kind,
        name: name.into(),
        parent_id: parent,
    })
    .unwrap()
    .id
}

fn resident(s: &mut Store, household: Id, name: &str, relation: &str, tags: &[&str]) -> Id {
    s.add_resident(&AddResident {
        household_id: household,
        fields: ResidentFields {
            name: name.into(),
            relation: relation.into(),
            care_tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        },
    })
    .unwrap()
    .id
}

fn town() -> Town {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("linli.db")).unwrap();
    let t = add(&mut s, PlaceKind::Town, "樟城镇", None);
    let community = add(&mut s, PlaceKind::Community, "北门社区", Some(t));
    let compound = add(&mut s, PlaceKind::Compound, "西门新村", Some(community));
    let b3 = add(&mut s, PlaceKind::Building, "3栋", Some(compound));
    let u1 = add(&mut s, PlaceKind::Unit, "1单元", Some(b3));
    let u2 = add(&mut s, PlaceKind::Unit, "2单元", Some(b3));
    let b5 = add(&mut s, PlaceKind::Building, "5栋", Some(compound));
    let big = s
        .add_grid(&AddGrid {
            community_id: community,
            kind: GridKind::Big,
            name: "第1网格".into(),
            parent_id: None,
        })
        .unwrap()
        .id;
    let section = |s: &mut Store, name: &str, places: Vec<Id>| {
        let g = s
            .add_grid(&AddGrid {
                community_id: community,
                kind: GridKind::Section,
                name: name.into(),
                parent_id: Some(big),
            })
            .unwrap()
            .id;
        s.map_grid(&MapGrid {
            grid_id: g,
            place_ids: places,
        })
        .unwrap();
        g
    };
    let section_a = section(&mut s, "第1楼段", vec![u1, u2]);
    let section_b = section(&mut s, "第2楼段", vec![b5]);
    let person = |s: &mut Store, name: &str, role: Role| {
        s.add_person(&AddPerson {
            community_id: community,
            name: name.into(),
            phone: None,
            roles: vec![role],
        })
        .unwrap()
        .id
    };
    let worker = person(&mut s, "陈网格", Role::GridWorker);
    let admin = person(&mut s, "林书记", Role::Admin);
    s.assign(&Assign {
        person_id: worker,
        role: Role::GridWorker,
        grid_id: Some(section_a),
        place_id: None,
    })
    .unwrap();
    let mut h = Vec::new();
    // added out of walking order on purpose
    for (b, u, room) in [
        (b3, Some(u2), "301"),
        (b3, Some(u1), "201"),
        (b5, None, "101"),
        (b3, Some(u2), "102"),
        (b3, Some(u1), "101"),
    ] {
        h.push(
            s.add_household(&AddHousehold {
                building_id: b,
                unit_id: u,
                room: room.into(),
                fields: HouseholdFields::default(),
            })
            .unwrap()
            .id,
        );
    }
    let h = vec![h[4], h[1], h[3], h[0], h[2]];
    let family = (
        resident(&mut s, h[0], "张三", "户主", &[]),
        resident(&mut s, h[0], "李四", "配偶", &[]),
    );
    let elder = resident(&mut s, h[1], "王阿婆", "户主", &["独居老人"]);
    resident(&mut s, h[2], "赵六", "户主", &[]);
    resident(&mut s, h[3], "钱七", "户主", &[]);
    resident(&mut s, h[4], "孙八", "户主", &[]);
    Town {
        store: s,
        _dir: dir,
        community,
        b3,
        b5,
        section_a,
        section_b,
        big,
        worker,
        admin,
        h,
        elder,
        family,
    }
}

fn visit(t: &mut Town, household: Id, at: &str, outcome: VisitOutcome) -> Visit {
    t.store
        .log_visit(&LogVisit {
            household_id: household,
            visitor_id: t.worker,
            at: Some(at.into()),
            kind: VisitKind::Routine,
            outcome,
            findings: String::new(),
            member_updates: vec![],
            follow_up: None,
        })
        .unwrap()
        .visit
}

fn upd(resident: Id) -> MemberUpdate {
    MemberUpdate {
        resident_id: resident,
        moved_out: None,
        phone: None,
        care_tags: None,
        note: None,
    }
}

fn count(s: &Store, sql: &str) -> i64 {
    s.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn addresses(lines: &[HouseholdLine]) -> Vec<&str> {
    lines.iter().map(|l| l.address.as_str()).collect()
}

fn new_task(title: &str, category: TaskCategory, due: Option<&str>) -> NewTask {
    NewTask {
        title: title.into(),
        category,
        subcategory: None,
        description: String::new(),
        due_date: due.map(Into::into),
    }
}

#[test]
fn a_visit_with_a_follow_up_writes_members_visit_and_task_in_one_transaction() {
    let mut t = town();
    let (head, spouse) = t.family;
    let logged = t
        .store
        .log_visit(&LogVisit {
            household_id: t.h[0],
            visitor_id: t.worker,
            at: Some("2026-11-20 09:30".into()),
            kind: VisitKind::DoorKnocking,
            outcome: VisitOutcome::Met,
            findings: "楼道灯坏了，老人晚上出门不便".into(),
            member_updates: vec![
                MemberUpdate {
                    phone: Some("13912345678".into()),
                    note: Some("住院中".into()),
                    ..upd(head)
                },
                MemberUpdate {
                    moved_out: Some("2026-11-01".into()),
                    ..upd(spouse)
                },
            ],
            follow_up: Some(new_task(
                "修楼道灯",
                TaskCategory::PublicMatter,
                Some("2026-11-27"),
            )),
        })
        .unwrap();
    let task = logged.task.expect("a follow-up opens a task");
    assert_eq!(task.visit_id, Some(logged.visit.id));
    assert_eq!(task.household_id, Some(t.h[0]));
    assert_eq!(task.status, TaskStatus::Raised);
    assert_eq!(task.where_text, "3栋1单元101");
    assert!(logged.visit.needs_follow_up);
    assert_eq!(logged.visit.visitor_name.as_deref(), Some("陈网格"));
    // the register took the updates through the write path, and the visit records them masked
    let h = t.store.resident(head).unwrap();
    assert_eq!(h.phone_masked.as_deref(), Some("139****5678"));
    assert!(h.notes.contains("2026-11-20 走访：住院中"));
    assert_eq!(
        t.store.resident(spouse).unwrap().moved_out.as_deref(),
        Some("2026-11-01")
    );
    assert_eq!(logged.visit.member_updates[0]["phone"], "139****5678");
    // every row written is in the journal
    let tables: Vec<String> = t
        .store
        .journal()
        .unwrap()
        .into_iter()
        .map(|c| c.table)
        .collect();
    for table in ["visits", "residents", "tasks", "task_events"] {
        assert!(tables.iter().any(|x| x == table), "{table} journaled");
    }

    // a form with one bad member update writes nothing at all
    let visits_before = count(&t.store, "SELECT count(*) FROM visits");
    let tasks_before = count(&t.store, "SELECT count(*) FROM tasks");
    let err = t
        .store
        .log_visit(&LogVisit {
            household_id: t.h[0],
            visitor_id: t.worker,
            at: None,
            kind: VisitKind::Routine,
            outcome: VisitOutcome::Met,
            findings: String::new(),
            member_updates: vec![MemberUpdate {
                phone: Some("13900000000".into()),
                ..upd(t.elder)
            }],
            follow_up: Some(new_task("x", TaskCategory::HouseholdMatter, None)),
        })
        .unwrap_err();
    assert!(err.to_string().contains("不是这一户的成员"), "{err}");
    assert_eq!(
        count(&t.store, "SELECT count(*) FROM visits"),
        visits_before
    );
    assert_eq!(count(&t.store, "SELECT count(*) FROM tasks"), tasks_before);
}

#[test]
fn a_correction_replaces_the_visit_it_points_at() {
    let mut t = town();
    let h = t.h.clone();
    let v = visit(&mut t, h[0], "2026-11-20 10:00", VisitOutcome::Met);
    let cov = |t: &Town| {
        t.store
            .coverage(&Coverage {
                place_id: Some(t.community),
                from: Some("2026-11-01".into()),
                to: Some("2026-11-30".into()),
            })
            .unwrap()
            .communities[0]
            .visited
    };
    assert_eq!(cov(&t), 1);
    // it was nobody home after all: the correction no longer counts as reached
    let c = t
        .store
        .correct_visit(&CorrectVisit {
            visit_id: v.id,
            at: None,
            kind: VisitKind::Routine,
            outcome: VisitOutcome::NobodyHome,
            findings: "敲门无人应".into(),
            void: false,
        })
        .unwrap();
    assert_eq!(c.corrects, Some(v.id));
    assert_eq!(c.at, "2026-11-20 10:00", "keeps the time it corrects");
    assert_eq!(t.store.visit(v.id).unwrap().corrected_by, Some(c.id));
    assert_eq!(cov(&t), 0);
    // the original fact is still there, unchanged
    assert_eq!(t.store.visit(v.id).unwrap().outcome, VisitOutcome::Met);
    // only the latest may be corrected
    let again = CorrectVisit {
        visit_id: v.id,
        at: None,
        kind: VisitKind::Routine,
        outcome: VisitOutcome::Met,
        findings: String::new(),
        void: false,
    };
    assert!(matches!(
        t.store.correct_visit(&again),
        Err(Error::Conflict { .. })
    ));
    // a voiding correction of a reached visit removes it from coverage too
    let v2 = visit(&mut t, h[1], "2026-11-21 10:00", VisitOutcome::Met);
    assert_eq!(cov(&t), 1);
    t.store
        .correct_visit(&CorrectVisit {
            visit_id: v2.id,
            void: true,
            ..again
        })
        .unwrap();
    assert_eq!(cov(&t), 0);
}

#[test]
fn today_lists_the_due_households_never_visited_first_then_in_walking_order() {
    let mut t = town();
    let h = t.h.clone();
    t.store
        .set_visit_rules(&SetVisitRules {
            community_id: t.community,
            care_days: 7,
            everyone_days: 30,
        })
        .unwrap();
    let today = |t: &Town, day: &str| {
        t.store
            .today(&Today {
                person_id: Some(t.worker),
                place_id: None,
                today: Some(day.into()),
                ..Default::default()
            })
            .unwrap()
    };
    // the worker's section is 3栋 only; all never visited, in walking order
    assert_eq!(
        addresses(&today(&t, "2026-11-28")),
        ["3栋1单元101", "3栋1单元201", "3栋2单元102", "3栋2单元301"]
    );
    visit(&mut t, h[0], "2026-11-20 09:00", VisitOutcome::Met); // 8 days ago, no care tag
    visit(&mut t, h[1], "2026-11-20 09:10", VisitOutcome::Met); // the elder: care every 7 days
    visit(&mut t, h[2], "2026-10-01 09:00", VisitOutcome::Met); // 58 days ago
    visit(&mut t, h[3], "2026-11-27 09:00", VisitOutcome::NobodyHome); // not reached
    let list = today(&t, "2026-11-28");
    assert_eq!(
        addresses(&list),
        ["3栋2单元301", "3栋1单元201", "3栋2单元102"],
        "never reached first, then walking order; 101 was seen 8 days ago"
    );
    assert_eq!(list[0].due, DueReason::NeverVisited);
    assert_eq!(list[1].due, DueReason::Care);
    assert_eq!(list[1].care_tags, ["独居老人"]);
    assert_eq!(list[1].days_since, Some(8));
    assert_eq!(list[2].due, DueReason::Routine);
    assert_eq!(list[1].floor, 2);
    // by place: 5栋 only
    let by_place = t
        .store
        .today(&Today {
            person_id: None,
            place_id: Some(t.b5),
            today: Some("2026-11-28".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(addresses(&by_place), ["5栋101"]);
    // not visited in 30 days, per building section
    let groups = t
        .store
        .not_visited(&NotVisited {
            community_id: t.community,
            days: 30,
            today: Some("2026-11-28".into()),
        })
        .unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].grid_id, Some(t.section_a));
    assert_eq!(groups[0].total, 4);
    assert_eq!(
        addresses(&groups[0].households),
        ["3栋2单元102", "3栋2单元301"]
    );
    assert_eq!(groups[1].name, "第2楼段");
    assert_eq!(addresses(&groups[1].households), ["5栋101"]);
}

#[test]
fn coverage_per_community_grid_and_building_opens_its_households() {
    let mut t = town();
    let h = t.h.clone();
    visit(&mut t, h[0], "2026-11-02 09:00", VisitOutcome::Met);
    visit(&mut t, h[0], "2026-11-12 09:00", VisitOutcome::Met); // twice: one household
    visit(&mut t, h[3], "2026-11-05 09:00", VisitOutcome::Refused);
    visit(&mut t, h[2], "2026-11-05 09:00", VisitOutcome::NobodyHome);
    visit(&mut t, h[4], "2026-10-05 09:00", VisitOutcome::Met); // before the period
    let req = Coverage {
        place_id: Some(t.community),
        from: Some("2026-11-01".into()),
        to: Some("2026-11-30".into()),
    };
    let r = t.store.coverage(&req).unwrap();
    let c = &r.communities[0];
    assert_eq!((c.name.as_str(), c.visited, c.total), ("北门社区", 2, 5));
    assert!((c.rate - 0.4).abs() < 1e-9);
    let grid = |id: Id| r.grids.iter().find(|g| g.id == id).unwrap();
    assert_eq!((grid(t.section_a).visited, grid(t.section_a).total), (2, 4));
    assert_eq!((grid(t.section_b).visited, grid(t.section_b).total), (0, 1));
    assert_eq!((grid(t.big).visited, grid(t.big).total), (2, 5));
    let b3 = r.buildings.iter().find(|b| b.id == t.b3).unwrap();
    assert_eq!(
        (b3.name.as_str(), b3.visited, b3.total),
        ("西门新村3栋", 2, 4)
    );
    // each number opens its households
    let list = |t: &Town, level, id, visited| {
        t.store
            .coverage_households(&CoverageHouseholds {
                level,
                id,
                from: req.from.clone(),
                to: req.to.clone(),
                visited,
            })
            .unwrap()
    };
    assert_eq!(
        addresses(&list(&t, CoverageLevel::Community, t.community, true)),
        ["3栋1单元101", "3栋2单元301"]
    );
    assert_eq!(
        addresses(&list(&t, CoverageLevel::Grid, t.section_a, false)),
        ["3栋1单元201", "3栋2单元102"]
    );
    assert_eq!(
        list(&t, CoverageLevel::Grid, t.big, false).len(),
        3,
        "a big grid holds its sections"
    );
    assert_eq!(
        addresses(&list(&t, CoverageLevel::Building, t.b5, false)),
        ["5栋101"]
    );
    // the same figures through `linli exec`'s dispatch
    let reply = t.store.run(Request::coverage(req));
    let Reply::Ok(v) = reply else {
        panic!("{reply:?}")
    };
    assert_eq!(v["communities"][0]["visited"], 2);
    assert_eq!(v["communities"][0]["total"], 5);
}

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
fn attachments_are_kept_once_by_hash_and_big_files_are_refused() {
    let mut t = town();
    let worker = t.worker;
    let task = t
        .store
        .raise_task(&RaiseTask {
            task: new_task("清理楼道杂物", TaskCategory::PublicMatter, None),
            household_id: None,
            place_id: Some(t.b3),
            raised_by: Some(t.worker),
            visit_id: None,
            at: None,
            source: None,
        })
        .unwrap();
    let photo = [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[7u8; 1000][..]].concat();
    let add = |t: &mut Town, bytes: Vec<u8>| {
        t.store.add_attachment(&AddAttachment {
            owner_table: "tasks".into(),
            owner_id: task.id,
            path: None,
            bytes: Some(bytes),
            name: "after.jpg".into(),
            mime: None,
        })
    };
    let a = add(&mut t, photo.clone()).unwrap();
    assert_eq!(a.mime, "image/jpeg");
    // bytes that only look like a JPEG: kept, but no thumbnail, and nothing fails
    assert!(!a.pending);
    assert_eq!(a.thumb, None);
    assert_eq!(a.size, 1004);
    let blob = t.store.blob_path(&a.hash).unwrap();
    assert_eq!(std::fs::read(&blob).unwrap(), photo);
    assert!(blob.starts_with(t.store.path().unwrap().parent().unwrap().join("blobs")));
    let again = add(&mut t, photo.clone()).unwrap();
    assert_eq!(again.hash, a.hash);
    let files = std::fs::read_dir(blob.parent().unwrap()).unwrap().count();
    assert_eq!(files, 1, "the same bytes are kept once");

    let err = add(&mut t, vec![1u8; 5 * 1024 * 1024 + 1]).unwrap_err();
    let api = ApiError::from(err);
    assert_eq!(api.kind, ErrorKind::Invalid);
    assert!(
        api.message.contains("文件太大（5.0 MB），附件最大 5 MB"),
        "{}",
        api.message
    );
    // from a path, too
    let big = t._dir.path().join("big.jpg");
    std::fs::write(&big, vec![0u8; 6 * 1024 * 1024]).unwrap();
    let err = t
        .store
        .add_attachment(&AddAttachment {
            owner_table: "tasks".into(),
            owner_id: task.id,
            path: Some(big.display().to_string()),
            bytes: None,
            name: String::new(),
            mime: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("6.0 MB"), "{err}");

    // a finished task names its photos, which must be attached to it
    let step = |t: &mut Town, step| {
        t.store.task_action(&TaskAction {
            task_id: task.id,
            by: Some(t.worker),
            at: None,
            step,
        })
    };
    step(
        &mut t,
        TaskStep::Dispatch {
            assignee_id: Some(worker),
            team: None,
            due_date: "2026-12-31".into(),
        },
    )
    .unwrap();
    assert!(step(
        &mut t,
        TaskStep::Finish {
            result: "已清理".into(),
            photos: vec!["0".repeat(64)],
        }
    )
    .is_err());
    step(
        &mut t,
        TaskStep::Finish {
            result: "已清理".into(),
            photos: vec![a.hash.clone()],
        },
    )
    .unwrap();
    let d = t
        .store
        .get_task(&GetTask {
            id: task.id,
            today: None,
        })
        .unwrap();
    assert_eq!(d.events.last().unwrap().photos, vec![a.hash.clone()]);
    assert_eq!(d.attachments.len(), 2);
}

#[test]
fn the_nightly_review_and_the_weekly_agenda() {
    let mut t = town();
    let h = t.h.clone();
    let log = |t: &mut Town, h: Id, findings: &str| {
        t.store
            .log_visit(&LogVisit {
                household_id: h,
                visitor_id: t.worker,
                at: Some("2026-11-27 10:00".into()),
                kind: VisitKind::Care,
                outcome: VisitOutcome::Met,
                findings: findings.into(),
                member_updates: vec![],
                follow_up: None,
            })
            .unwrap()
            .visit
    };
    let quiet = log(&mut t, h[0], "");
    let leak = log(&mut t, h[1], "厨房水管漏水");
    let noise = log(&mut t, h[4], "楼上装修噪音");
    let queue = t
        .store
        .review_queue(&ReviewQueue {
            place_id: Some(t.community),
            day: Some("2026-11-27".into()),
        })
        .unwrap();
    let ids: Vec<Id> = queue.iter().map(|v| v.id).collect();
    assert_eq!(
        ids,
        [leak.id, noise.id],
        "visits without findings are not queued"
    );
    assert!(!ids.contains(&quiet.id));
    let r = t
        .store
        .review_visit(&ReviewVisit {
            visit_id: leak.id,
            reviewer_id: t.admin,
            note: "派物业".into(),
            task: Some(new_task(
                "修厨房水管",
                TaskCategory::HouseholdMatter,
                Some("2026-11-30"),
            )),
        })
        .unwrap();
    assert!(r.visit.reviewed);
    assert_eq!(r.task.as_ref().unwrap().visit_id, Some(leak.id));
    let queue = t
        .store
        .review_queue(&ReviewQueue {
            place_id: Some(t.community),
            day: Some("2026-11-27".into()),
        })
        .unwrap();
    assert_eq!(
        queue.iter().map(|v| (v.id, v.reviewed)).collect::<Vec<_>>(),
        [(noise.id, false), (leak.id, true)],
        "unreviewed first"
    );
    let agenda = t
        .store
        .weekly_agenda(&WeeklyAgenda {
            community_id: t.community,
            today: Some("2026-11-28".into()),
        })
        .unwrap();
    assert_eq!(agenda.len(), 2);
    assert_eq!(agenda[0].name, "第1楼段");
    assert_eq!(agenda[0].open_tasks[0].title, "修厨房水管");
    assert!(agenda[0].unreviewed.is_empty());
    assert_eq!(agenda[1].name, "第2楼段");
    assert_eq!(agenda[1].unreviewed[0].id, noise.id);
}

#[test]
fn a_households_timeline_holds_visits_tasks_and_register_changes() {
    let mut t = town();
    let (head, _) = t.family;
    let logged = t
        .store
        .log_visit(&LogVisit {
            household_id: t.h[0],
            visitor_id: t.worker,
            at: Some("2026-11-20 09:30".into()),
            kind: VisitKind::DoorKnocking,
            outcome: VisitOutcome::Met,
            findings: "需要办理老年卡".into(),
            member_updates: vec![MemberUpdate {
                phone: Some("13912345678".into()),
                ..upd(head)
            }],
            follow_up: Some(new_task("办老年卡", TaskCategory::HouseholdMatter, None)),
        })
        .unwrap();
    let lines = t
        .store
        .household_timeline(&HouseholdTimeline {
            household_id: t.h[0],
        })
        .unwrap();
    let has = |kind: TimelineKind, needle: &str| {
        lines
            .iter()
            .any(|l| l.kind == kind && (l.title.contains(needle) || l.detail.contains(needle)))
    };
    assert!(has(TimelineKind::Visit, "敲门行动（见到人）"));
    assert!(has(TimelineKind::Visit, "需要办理老年卡"));
    assert!(has(TimelineKind::TaskEvent, "点单：办老年卡"));
    assert!(has(TimelineKind::Register, "张三：修改电话"));
    assert!(
        has(TimelineKind::Register, "139****5678"),
        "phones stay masked"
    );
    assert!(!lines.iter().any(|l| l.detail.contains("13912345678")));
    assert!(has(TimelineKind::Register, "登记张三"));
    // register lines read in words: no ids, codes or field names, no blank fields of a new row
    for l in lines.iter().filter(|l| l.kind == TimelineKind::Register) {
        let d = &l.detail;
        assert!(
            !d.contains('_') && !d.contains("[]") && !d.contains(&t.b3.to_string()),
            "{l:?}"
        );
        assert!(!d.contains("consistent") && !d.contains("male"), "{d}");
        assert!(!d.contains("：—") && !d.contains("：；"), "{d}");
    }
    let head_added = lines
        .iter()
        .find(|l| l.title == "登记张三")
        .expect("the head's registration");
    assert!(
        head_added.detail.contains("姓名：张三") && head_added.detail.contains("与户主关系：户主"),
        "{head_added:?}"
    );
    let household_added = lines
        .iter()
        .find(|l| l.title == "登记本户")
        .expect("the household's registration");
    assert!(
        household_added.detail.contains("人户状态：人户一致"),
        "{household_added:?}"
    );
    assert!(lines.iter().any(|l| l.row_id == logged.visit.id));
    let mut sorted = lines.clone();
    sorted.sort_by(|a, b| b.at.cmp(&a.at));
    assert_eq!(lines, sorted, "newest first");
}

#[test]
fn a_timeline_reads_newest_first_within_the_same_minute() {
    let mut t = town();
    let task = t
        .store
        .raise_task(&RaiseTask {
            task: new_task("修水管", TaskCategory::HouseholdMatter, None),
            household_id: Some(t.h[0]),
            place_id: None,
            raised_by: Some(t.worker),
            visit_id: None,
            at: Some("2026-11-20 09:30".into()),
            source: None,
        })
        .unwrap();
    for step in [
        TaskStep::Dispatch {
            assignee_id: Some(t.worker),
            team: None,
            due_date: "2026-11-30".into(),
        },
        TaskStep::Accept,
    ] {
        t.store
            .task_action(&TaskAction {
                task_id: task.id,
                by: Some(t.worker),
                at: Some("2026-11-20 09:30".into()),
                step,
            })
            .unwrap();
    }
    let titles: Vec<String> = t
        .store
        .household_timeline(&HouseholdTimeline {
            household_id: t.h[0],
        })
        .unwrap()
        .into_iter()
        .filter(|l| l.kind == TimelineKind::TaskEvent)
        .map(|l| l.title)
        .collect();
    assert_eq!(
        titles,
        ["接单：修水管", "派单：修水管", "点单：修水管"],
        "the later step of the same minute comes first"
    );
}

/// A stand-in for the server: every change either laptop made, in the order they arrived, pulled
/// back by both through the same `apply_pulled` the sync engine uses.
fn exchange(server: &mut Vec<linli_protocol::sync::Change>, laptops: &mut [&mut Store]) {
    use linli_protocol::sync::{PullResponse, PulledChange};
    for l in laptops.iter_mut() {
        for c in l.journal().unwrap() {
            if !server.iter().any(|s| s.change_id == c.change_id) {
                server.push(c);
            }
        }
    }
    let page = PullResponse {
        changes: server
            .iter()
            .enumerate()
            .map(|(i, c)| PulledChange {
                server_seq: i as i64 + 1,
                needs_review: false,
                read_only: false,
                change: c.clone(),
            })
            .collect(),
        next: server.len() as i64,
        more: false,
        server_time: server.last().unwrap().hlc,
    };
    for l in laptops.iter_mut() {
        l.apply_pulled(&linli_store::Schema::default(), &page)
            .unwrap();
    }
}

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
fn a_visit_is_logged_afterwards_with_its_time_but_never_in_the_future() {
    let mut t = town();
    let yesterday_evening = (chrono::Local::now() - chrono::Duration::days(1))
        .format("%Y-%m-%d 19:30")
        .to_string();
    let h1 = t.h[1];
    let v = visit(&mut t, h1, &yesterday_evening, VisitOutcome::Met);
    assert_eq!(v.at, yesterday_evening);
    let before = count(&t.store, "SELECT count(*) FROM visits");
    let journal = count(&t.store, "SELECT count(*) FROM journal");
    let tomorrow = (chrono::Local::now() + chrono::Duration::days(1))
        .format("%Y-%m-%d 08:00")
        .to_string();
    let err = t
        .store
        .log_visit(&LogVisit {
            household_id: t.h[1],
            visitor_id: t.worker,
            at: Some(tomorrow.clone()),
            kind: VisitKind::Routine,
            outcome: VisitOutcome::Met,
            findings: String::new(),
            member_updates: vec![],
            follow_up: Some(new_task("不该写入", TaskCategory::CivicMatter, None)),
        })
        .unwrap_err();
    let api = linli_protocol::ApiError::from(err);
    assert_eq!(api.field.as_deref(), Some("at"));
    assert!(api.message.contains(&tomorrow), "{}", api.message);
    assert!(api.message.contains("不能晚于现在"), "{}", api.message);
    assert_eq!(count(&t.store, "SELECT count(*) FROM visits"), before);
    assert_eq!(count(&t.store, "SELECT count(*) FROM tasks"), 0);
    assert_eq!(
        count(&t.store, "SELECT count(*) FROM journal"),
        journal,
        "a refused visit writes nothing"
    );
    // a correction cannot move a visit into the future either
    assert!(t
        .store
        .correct_visit(&CorrectVisit {
            visit_id: v.id,
            at: Some(tomorrow),
            kind: VisitKind::Routine,
            outcome: VisitOutcome::Met,
            findings: String::new(),
            void: false,
        })
        .is_err());
}

fn phoned_in(t: &mut Town, title: &str, due: &str) -> Task {
    t.store
        .raise_task(&RaiseTask {
            task: new_task(title, TaskCategory::HouseholdMatter, Some(due)),
            household_id: Some(t.h[0]),
            place_id: None,
            raised_by: Some(t.worker),
            visit_id: None,
            at: Some("2026-11-02 08:00".into()),
            source: Some(TaskSource::Phone),
        })
        .unwrap()
}

fn act(t: &mut Town, task: Id, by: Option<Id>, at: &str, step: TaskStep) -> Result<Task, Error> {
    t.store.task_action(&TaskAction {
        task_id: task,
        by,
        at: Some(at.into()),
        step,
    })
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

#[test]
fn me_is_chosen_on_this_laptop_and_the_sync_user_wins_once_signed_in() {
    let mut t = town();
    let me = t.store.get_me(&GetMe {}).unwrap();
    assert_eq!((me.person, me.source), (None, MeSource::Unknown));
    let journal = count(&t.store, "SELECT count(*) FROM journal");
    let me = t
        .store
        .set_me(&SetMe {
            person_id: Some(t.worker),
        })
        .unwrap();
    assert_eq!(me.source, MeSource::Chosen);
    assert_eq!(me.person.as_ref().map(|p| p.name.as_str()), Some("陈网格"));
    assert_eq!(me.community_name.as_deref(), Some("北门社区"));
    assert_eq!(
        me.grids,
        [MyGrid {
            id: t.section_a,
            name: "第1楼段".into()
        }]
    );
    assert!(!me.oversees);
    assert_eq!(
        count(&t.store, "SELECT count(*) FROM journal"),
        journal,
        "the choice is this laptop's own: nothing to sync"
    );
    // somebody not in the register is refused, and the choice stays
    let e = t
        .store
        .set_me(&SetMe {
            person_id: Some(t.h[0]),
        })
        .unwrap_err();
    assert_eq!(
        linli_protocol::ApiError::from(e).field.as_deref(),
        Some("person_id")
    );
    assert_eq!(
        t.store.get_me(&GetMe {}).unwrap().person.map(|p| p.id),
        Some(t.worker)
    );
    // signed in through sync as 林书记: that is who works here now
    t.store
        .save_enrolment(&linli_store::Enrolment {
            server: "http://127.0.0.1:1".into(),
            user: "林书记".into(),
            token: "x".into(),
        })
        .unwrap();
    let me = t.store.get_me(&GetMe {}).unwrap();
    assert_eq!(me.source, MeSource::SyncUser);
    assert_eq!(me.person.map(|p| p.id), Some(t.admin));
    assert!(me.oversees, "an administrator picks a community");
    // a sync user who is nobody of the register leaves the choice in force
    t.store
        .save_enrolment(&linli_store::Enrolment {
            server: "http://127.0.0.1:1".into(),
            user: "station-3".into(),
            token: "x".into(),
        })
        .unwrap();
    let me = t.store.get_me(&GetMe {}).unwrap();
    assert_eq!(
        (me.source, me.sync_user.as_deref()),
        (MeSource::Chosen, Some("station-3"))
    );
    assert_eq!(
        t.store.set_me(&SetMe { person_id: None }).unwrap().source,
        MeSource::Unknown
    );
}

#[test]
fn today_narrows_to_a_grid_and_names_each_households_section() {
    let mut t = town();
    let day = |t: &Town, f: Today| -> Vec<(String, Option<String>)> {
        t.store
            .today(&Today {
                today: Some("2026-11-28".into()),
                ..f
            })
            .unwrap()
            .into_iter()
            .map(|l| (l.address, l.section))
            .collect()
    };
    let a = || Some("第1楼段".to_owned());
    let section_a = day(
        &t,
        Today {
            grid_id: Some(t.section_a),
            ..Default::default()
        },
    );
    assert_eq!(
        section_a,
        [
            ("3栋1单元101".into(), a()),
            ("3栋1单元201".into(), a()),
            ("3栋2单元102".into(), a()),
            ("3栋2单元301".into(), a())
        ]
    );
    // the big grid holds both sections; the grid decides before the person
    let big = day(
        &t,
        Today {
            grid_id: Some(t.big),
            person_id: Some(t.worker),
            ..Default::default()
        },
    );
    assert_eq!(big.len(), 5);
    assert_eq!(big[4], ("5栋101".into(), Some("第2楼段".into())));
    let h4 = t.h[4];
    visit(&mut t, h4, "2026-11-27 10:00", VisitOutcome::Met);
    assert!(day(
        &t,
        Today {
            grid_id: Some(t.section_b),
            ..Default::default()
        }
    )
    .is_empty());
}

#[test]
fn home_holds_my_day_and_an_admin_sees_the_community() {
    let mut t = town();
    let (worker, admin) = (t.worker, t.admin);
    // yesterday's visit with a finding, not reviewed
    let found = t
        .store
        .log_visit(&LogVisit {
            household_id: t.h[2],
            visitor_id: worker,
            at: Some("2026-12-05 19:30".into()),
            kind: VisitKind::Routine,
            outcome: VisitOutcome::Met,
            findings: "楼道灯坏了".into(),
            member_updates: vec![],
            follow_up: None,
        })
        .unwrap()
        .visit;
    let mine = phoned_in(&mut t, "张三家水管漏水", "2026-12-01");
    let others = t
        .store
        .raise_task(&RaiseTask {
            task: new_task(
                "5栋垃圾清运",
                TaskCategory::PublicMatter,
                Some("2026-12-20"),
            ),
            household_id: None,
            place_id: Some(t.b5),
            raised_by: Some(admin),
            visit_id: None,
            at: Some("2026-12-01 08:00".into()),
            source: Some(TaskSource::GridReport),
        })
        .unwrap();
    let home = t
        .store
        .home(&Home {
            person_id: Some(worker),
            community_id: None,
            today: Some("2026-12-06".into()),
        })
        .unwrap();
    assert_eq!(home.today, "2026-12-06");
    // my section (3栋): 王阿婆 (独居老人) first, then walking order; 3栋2单元102 was visited
    assert_eq!(
        addresses(&home.due),
        ["3栋1单元201", "3栋1单元101", "3栋2单元301"]
    );
    assert_eq!(
        home.open_tasks.iter().map(|t| t.id).collect::<Vec<_>>(),
        [mine.id]
    );
    assert_eq!(home.overdue, [mine.id]);
    assert_eq!(
        home.unreviewed.iter().map(|v| v.id).collect::<Vec<_>>(),
        [found.id]
    );
    let community = t
        .store
        .home(&Home {
            person_id: None,
            community_id: Some(t.community),
            today: Some("2026-12-06".into()),
        })
        .unwrap();
    assert_eq!(community.due.len(), 4);
    assert_eq!(
        community
            .open_tasks
            .iter()
            .map(|t| t.id)
            .collect::<Vec<_>>(),
        [mine.id, others.id]
    );
    assert!(t.store.home(&Home::default()).is_err());
}
