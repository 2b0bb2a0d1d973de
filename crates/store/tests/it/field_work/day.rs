use super::*;

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
