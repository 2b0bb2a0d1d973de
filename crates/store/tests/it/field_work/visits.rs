use super::*;

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
    assert_eq!(t.store.blob_bytes(&a.hash).unwrap(), photo);
    // the file itself is encrypted with the database's key (issue 16)
    assert_ne!(std::fs::read(&blob).unwrap(), photo);
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
