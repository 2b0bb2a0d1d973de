//! The volunteer desk's rules (issue 15): who credited an entry, nobody verifying or rejecting
//! their own, rejecting (no points), hours per person, capacity, editing with the same checks as
//! adding, and why an entry earns what it earns.

use linli_domain::register::Role;

use super::*;

/// A coordinator of the community, chosen as this laptop's "me".
fn coordinator(s: &mut Store, community: Id, name: &str) -> Id {
    s.add_person(&AddPerson {
        community_id: community,
        name: name.into(),
        phone: None,
        roles: vec![Role::VolunteerCoordinator],
    })
    .unwrap()
    .id
}

fn be(s: &mut Store, person: Id) {
    s.set_me(&SetMe {
        person_id: Some(person),
    })
    .unwrap();
}

fn credit(s: &mut Store, activity: Id, people: &[Id], each: Vec<PersonHours>) -> Vec<HourEntry> {
    s.credit_hours(&CreditHours {
        activity_id: Some(activity),
        volunteer_ids: people.to_vec(),
        each,
        ..Default::default()
    })
    .unwrap()
}

fn conflict(e: Error) -> String {
    match e {
        Error::Conflict { message, .. } => message,
        other => panic!("a conflict, not {other:?}"),
    }
}

#[test]
fn nobody_verifies_or_rejects_an_entry_they_credited() {
    let mut b = bank();
    let s = &mut b.store;
    let (wang, li) = (
        coordinator(s, b.community, "王建国"),
        coordinator(s, b.community, "李芳"),
    );
    let v = volunteer(s, b.community, "陈小明");
    let a = activity(s, b.community, None, "护学", "2026-03-02", 2.0);
    be(s, wang);
    let e = credit(s, a, &[v], vec![]).remove(0);
    assert_eq!(e.credited_by, Some(wang), "the entry says who credited it");
    assert_eq!(e.credited_by_name.as_deref(), Some("王建国"));

    // the same coordinator cannot verify it, whatever the request claims
    for claimed in [None, Some(li)] {
        let err = s
            .verify_hours(&VerifyHours {
                entry_ids: vec![e.id],
                verified_by: claimed,
            })
            .unwrap_err();
        assert!(conflict(err).contains("是您本人登记的，不能由您审核"));
    }
    let err = s
        .reject_hours(&RejectHours {
            entry_ids: vec![e.id],
            reason: "未到场".into(),
        })
        .unwrap_err();
    assert!(conflict(err).contains("请另一位协调员审核"));
    assert_eq!(balance(s, v), 0, "nothing changed");
    assert_eq!(
        s.list_hours(&ListHours {
            community_id: Some(b.community),
            volunteer_id: None,
            pending_only: true,
        })
        .unwrap()
        .len(),
        1
    );

    // another coordinator can
    be(s, li);
    let done = s
        .verify_hours(&VerifyHours {
            entry_ids: vec![e.id],
            verified_by: None,
        })
        .unwrap();
    assert_eq!(done[0].status, EntryStatus::Verified);
    assert_eq!(balance(s, v), 20);
    let by: Option<String> = s
        .conn()
        .query_row(
            "SELECT verified_by FROM hour_verifications WHERE entry_id = ?1",
            [e.id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(by, Some(li.to_string()), "the verifier is this laptop's me");
}

#[test]
fn a_rejected_entry_earns_nothing_and_cannot_be_verified_after() {
    let mut b = bank();
    let s = &mut b.store;
    let (wang, li) = (
        coordinator(s, b.community, "王建国"),
        coordinator(s, b.community, "李芳"),
    );
    let people = [
        volunteer(s, b.community, "甲一"),
        volunteer(s, b.community, "乙二"),
    ];
    let a = activity(s, b.community, None, "护学", "2026-03-02", 2.0);
    be(s, wang);
    let entries = credit(s, a, &people, vec![]);
    be(s, li);
    let no_reason = s.reject_hours(&RejectHours {
        entry_ids: vec![entries[0].id],
        reason: "  ".into(),
    });
    assert!(no_reason
        .unwrap_err()
        .to_string()
        .contains("退回原因不能为空"));
    let rejected = s
        .reject_hours(&RejectHours {
            entry_ids: vec![entries[0].id],
            reason: "当天未到场".into(),
        })
        .unwrap();
    assert_eq!(rejected[0].status, EntryStatus::Rejected);
    assert_eq!(rejected[0].rejected_reason.as_deref(), Some("当天未到场"));
    // verifying "all shown" with the rejected one among them changes nothing
    let err = s
        .verify_hours(&VerifyHours {
            entry_ids: vec![entries[1].id, entries[0].id],
            verified_by: None,
        })
        .unwrap_err();
    assert!(conflict(err).contains("已被退回"));
    assert_eq!(balance(s, people[1]), 0, "all or nothing");
    s.verify_hours(&VerifyHours {
        entry_ids: vec![entries[1].id],
        verified_by: None,
    })
    .unwrap();
    assert_eq!(balance(s, people[0]), 0, "a rejected entry earns no points");
    assert_eq!(balance(s, people[1]), 20);
    assert_eq!(s.volunteer(people[0]).unwrap().hours, 0.0);
    // no longer pending; a verified entry cannot be rejected
    let pending = s
        .list_hours(&ListHours {
            community_id: Some(b.community),
            volunteer_id: None,
            pending_only: true,
        })
        .unwrap();
    assert!(pending.is_empty(), "{pending:?}");
    let err = s
        .reject_hours(&RejectHours {
            entry_ids: vec![entries[1].id],
            reason: "重复".into(),
        })
        .unwrap_err();
    assert!(conflict(err).contains("不能退回"));
    // the hours of the rejected one may be credited again (a correct entry)
    let again = credit(s, a, &[people[0]], vec![]);
    assert_eq!(again[0].status, EntryStatus::Pending);
    let why = s
        .explain_points(&ExplainPoints {
            entry_id: entries[0].id,
        })
        .unwrap();
    assert_eq!((why.points, why.reason), (0, PointsReason::Rejected));
}

#[test]
fn hours_are_credited_per_person_defaulting_to_the_activitys() {
    let mut b = bank();
    let s = &mut b.store;
    let people = [
        volunteer(s, b.community, "甲一"),
        volunteer(s, b.community, "乙二"),
        volunteer(s, b.community, "丙三"),
    ];
    let a = activity(s, b.community, None, "护学", "2026-03-02", 2.0);
    // a bad figure for one person is refused with their name, and nothing is written
    let bad = s.credit_hours(&CreditHours {
        activity_id: Some(a),
        volunteer_ids: people.to_vec(),
        each: vec![PersonHours {
            volunteer_id: people[2],
            hours: 30.0,
        }],
        ..Default::default()
    });
    let msg = bad.unwrap_err().to_string();
    assert!(
        msg.contains("丙三的服务时长") && msg.contains("最多24小时"),
        "{msg}"
    );
    let stranger = volunteer(s, b.community, "丁四");
    let bad = s.credit_hours(&CreditHours {
        activity_id: Some(a),
        volunteer_ids: people.to_vec(),
        each: vec![PersonHours {
            volunteer_id: stranger,
            hours: 1.0,
        }],
        ..Default::default()
    });
    assert!(bad.is_err(), "hours for someone not chosen are refused");
    assert!(s
        .list_hours(&ListHours {
            community_id: Some(b.community),
            volunteer_id: None,
            pending_only: false,
        })
        .unwrap()
        .is_empty());

    let entries = credit(
        s,
        a,
        &people,
        vec![PersonHours {
            volunteer_id: people[2],
            hours: 3.0,
        }],
    );
    let hours: Vec<f64> = entries.iter().map(|e| e.hours).collect();
    assert_eq!(hours, [2.0, 2.0, 3.0]);
    s.verify_hours(&VerifyHours {
        entry_ids: entries.iter().map(|e| e.id).collect(),
        verified_by: None,
    })
    .unwrap();
    assert_eq!(s.volunteer(people[2]).unwrap().hours, 3.0);
    assert_eq!(balance(s, people[2]), 30);
}

#[test]
fn an_activity_keeps_its_time_and_capacity_and_refuses_more_sign_ups() {
    let mut b = bank();
    let s = &mut b.store;
    let people = [
        volunteer(s, b.community, "甲一"),
        volunteer(s, b.community, "乙二"),
        volunteer(s, b.community, "丙三"),
    ];
    let add = |time: &str, capacity: Option<i64>, hours: f64| AddActivity {
        community_id: b.community,
        team_id: None,
        title: "周六义诊".into(),
        category: "助老助残".into(),
        date: "2026-12-12".into(),
        hours,
        place: "社区广场".into(),
        time: time.into(),
        capacity,
    };
    for (req, field) in [
        (add("25:00", None, 2.0), "time"),
        (add("9:00", Some(0), 2.0), "capacity"),
        (add("9:00", None, 0.0), "hours"),
    ] {
        match s.add_activity(&req) {
            Err(Error::Invalid(d)) => assert_eq!(d.field(), field),
            other => panic!("{field}: {other:?}"),
        }
    }
    let a = s.add_activity(&add("9：00", Some(2), 2.0)).unwrap();
    assert_eq!((a.time.as_str(), a.capacity), ("09:00", Some(2)));
    s.sign_up(&SignUp {
        activity_id: a.id,
        volunteer_ids: people[..2].to_vec(),
    })
    .unwrap();
    let full = s.sign_up(&SignUp {
        activity_id: a.id,
        volunteer_ids: vec![people[2]],
    });
    assert!(conflict(full.unwrap_err()).contains("限2人，已报名2人"));
    // signing up one already signed up is no new place taken
    s.sign_up(&SignUp {
        activity_id: a.id,
        volunteer_ids: vec![people[0]],
    })
    .unwrap();

    // editing: the same checks, and not below those signed up
    let edit = |capacity: Option<i64>, title: &str| EditActivity {
        id: a.id,
        team_id: None,
        title: title.into(),
        category: "助老助残".into(),
        date: "2026-12-12".into(),
        time: "14:30".into(),
        hours: 2.5,
        place: "党群服务中心".into(),
        capacity,
    };
    match s.edit_activity(&edit(Some(1), "周六义诊")) {
        Err(Error::Invalid(d)) => assert_eq!(d.field(), "capacity"),
        other => panic!("{other:?}"),
    }
    match s.edit_activity(&edit(None, " ")) {
        Err(Error::Invalid(d)) => assert_eq!(d.field(), "title"),
        other => panic!("{other:?}"),
    }
    let edited = s.edit_activity(&edit(None, "周六下午义诊")).unwrap();
    assert_eq!(
        (
            edited.title.as_str(),
            edited.time.as_str(),
            edited.capacity,
            edited.hours,
            edited.signed_up.len()
        ),
        ("周六下午义诊", "14:30", None, 2.5, 2)
    );
    s.sign_up(&SignUp {
        activity_id: a.id,
        volunteer_ids: vec![people[2]],
    })
    .unwrap();
}

#[test]
fn volunteers_teams_and_items_are_edited_with_the_checks_of_adding() {
    let mut b = bank();
    let s = &mut b.store;
    let v = volunteer(s, b.community, "陈小明");
    let edit = |name: &str, phone: &str| EditVolunteer {
        id: v,
        name: name.into(),
        phone: Some(phone.into()),
        skills: vec!["理发".into(), " 理发 ".into(), "".into()],
        availability: "周末上午".into(),
    };
    assert!(s.edit_volunteer(&edit("", "")).is_err(), "a name is needed");
    match s.edit_volunteer(&edit("陈晓明", "12345")) {
        Err(Error::Invalid(d)) => assert_eq!(d.field(), "phone"),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.volunteer(v).unwrap().name, "陈小明", "nothing changed");
    let done = s.edit_volunteer(&edit("陈晓明", "13800001111")).unwrap();
    assert_eq!(done.name, "陈晓明");
    assert_eq!(done.skills, ["理发"]);
    assert_eq!(done.phone_masked.as_deref(), Some("138****1111"));
    let kept = s
        .edit_volunteer(&EditVolunteer {
            phone: None,
            ..edit("陈晓明", "")
        })
        .unwrap();
    assert_eq!(
        kept.phone_masked.as_deref(),
        Some("138****1111"),
        "no phone keeps it"
    );
    let cleared = s.edit_volunteer(&edit("陈晓明", "")).unwrap();
    assert_eq!(cleared.phone_masked, None, "an empty phone clears it");

    let team = |s: &mut Store, name: &str| {
        s.add_team(&AddTeam {
            community_id: b.community,
            kind: TeamKind::SchoolCrossing,
            name: name.into(),
        })
        .unwrap()
        .id
    };
    let (t1, _t2) = (team(s, "护学岗一队"), team(s, "护学岗二队"));
    let clash = s.edit_team(&EditTeam {
        id: t1,
        kind: TeamKind::Traffic,
        name: "护学岗二队".into(),
    });
    assert!(conflict(clash.unwrap_err()).contains("已有名为“护学岗二队”"));
    let t = s
        .edit_team(&EditTeam {
            id: t1,
            kind: TeamKind::Traffic,
            name: "文明劝导队".into(),
        })
        .unwrap();
    assert_eq!((t.kind, t.name.as_str()), (TeamKind::Traffic, "文明劝导队"));
    // keeping its own name is no clash
    s.edit_team(&EditTeam {
        id: t1,
        kind: TeamKind::Traffic,
        name: "文明劝导队".into(),
    })
    .unwrap();

    let item = goods(s, b.community, "大米5斤", 50, 3);
    let edit = |cost: i64, name: &str| EditCatalogueItem {
        id: item,
        name: name.into(),
        cost,
        unit: "袋".into(),
    };
    match s.edit_catalogue_item(&edit(0, "大米5斤")) {
        Err(Error::Invalid(d)) => assert_eq!(d.field(), "cost"),
        other => panic!("{other:?}"),
    }
    assert!(s.edit_catalogue_item(&edit(40, "")).is_err());
    let it = s.edit_catalogue_item(&edit(45, "大米五斤")).unwrap();
    assert_eq!(
        (it.name.as_str(), it.cost, it.stock),
        ("大米五斤", 45, Some(3)),
        "the stock stays"
    );
}

#[test]
fn an_entrys_points_are_explained_by_the_rule_and_the_caps() {
    let mut b = bank();
    let s = &mut b.store;
    s.set_points_rules(&SetPointsRules {
        community_id: b.community,
        rates: [("护学".to_owned(), 15), ("环境整治".to_owned(), 0)].into(),
        default_rate: 10,
        entry_cap: Some(40),
        month_cap: Some(90),
        expiry_months: None,
    })
    .unwrap();
    let v = volunteer(s, b.community, "陈小明");
    let explain = |s: &Store, e: Id| s.explain_points(&ExplainPoints { entry_id: e }).unwrap();
    let one = |s: &mut Store, category: &str, date: &str, hours: f64| {
        let a = activity(s, b.community, None, category, date, hours);
        serve(s, a, &[v])[0]
    };
    // 2 h of 护学 at 15 an hour: 30, nothing cut
    let e = one(s, "护学", "2026-03-02", 2.0);
    let x = explain(s, e);
    assert_eq!(
        (x.rate, x.rate_is_default, x.raw, x.points, x.reason),
        (15, false, 30, 30, PointsReason::Full)
    );
    // 4 h at the default 10: 40 is the entry cap exactly; 5 h would be cut to 40
    let e = one(s, "助老助残", "2026-03-05", 5.0);
    let x = explain(s, e);
    assert_eq!(
        (x.rate, x.rate_is_default, x.raw, x.points, x.reason),
        (10, true, 50, 40, PointsReason::EntryCap)
    );
    // the month cap (90): 70 earned in March, so 2 h of 护学 (30) earns the 20 left (the
    // ledger agrees), and one more hour earns nothing
    let e = one(s, "护学", "2026-03-09", 2.0);
    let x = explain(s, e);
    assert_eq!(
        (x.month_before, x.points, x.reason),
        (70, 20, PointsReason::MonthCap)
    );
    let e = one(s, "护学", "2026-03-10", 1.0);
    let x = explain(s, e);
    assert_eq!(
        (x.month_before, x.points, x.reason),
        (90, 0, PointsReason::MonthCap)
    );
    assert_eq!(balance(s, v), 90);
    // 2 h of a category at 0 an hour
    let e = one(s, "环境整治", "2026-04-01", 2.0);
    assert_eq!(explain(s, e).reason, PointsReason::RateZero);
    // a pending entry says what it would earn now
    let a = activity(s, b.community, None, "护学", "2026-04-02", 1.0);
    let p = credit(s, a, &[v], vec![]).remove(0);
    let x = explain(s, p.id);
    assert_eq!(x.entry.status, EntryStatus::Pending);
    assert_eq!((x.points, x.reason), (15, PointsReason::Full));
}
