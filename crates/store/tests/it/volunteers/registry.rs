use super::*;

#[test]
fn volunteers_teams_and_party_members_are_registered() {
    let mut b = bank();
    let s = &mut b.store;
    let lin = s
        .add_volunteer(&AddVolunteer {
            community_id: b.community,
            resident_id: None,
            name: " 林秀英 ".into(),
            phone: Some("13905911234".into()),
            skills: vec!["理发".into(), " 理发 ".into(), "量血压".into()],
            availability: "周末上午".into(),
        })
        .unwrap();
    assert_eq!(lin.name, "林秀英");
    assert_eq!(lin.skills, ["理发", "量血压"]);
    assert_eq!(lin.phone_masked.as_deref(), Some("139****1234"));
    let chen = volunteer(s, b.community, "陈建国");

    let team = s
        .add_team(&AddTeam {
            community_id: b.community,
            kind: TeamKind::SchoolCrossing,
            name: "护学岗志愿队".into(),
        })
        .unwrap();
    let dup = s.add_team(&AddTeam {
        community_id: b.community,
        kind: TeamKind::Tutoring,
        name: "护学岗志愿队".into(),
    });
    assert!(matches!(dup, Err(Error::Conflict { .. })));
    for (v, leader) in [(lin.id, false), (chen, true), (lin.id, false)] {
        s.set_team_member(&SetTeamMember {
            team_id: team.id,
            volunteer_id: v,
            leader,
            remove: false,
        })
        .unwrap();
    }
    let t = &s
        .list_teams(&ListTeams {
            community_id: b.community,
        })
        .unwrap()[0];
    let names: Vec<(&str, bool)> = t
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.leader))
        .collect();
    assert_eq!(
        names,
        [("陈建国", true), ("林秀英", false)],
        "leaders first, once each"
    );

    let v = s
        .register_party_member(&RegisterPartyMember {
            volunteer_id: chen,
            work_unit: "永泰县医院".into(),
            pledges: vec!["每月服务4小时".into(), "政策宣讲".into()],
            registered_on: Some("2026-3-1".into()),
        })
        .unwrap();
    let party = v.party.unwrap();
    assert_eq!(party.work_unit, "永泰县医院");
    assert_eq!(party.registered_on.as_deref(), Some("2026-03-01"));
    assert_eq!(v.teams[0].name, "护学岗志愿队");
    assert!(v.teams[0].leader);

    // leaving a team
    let t = s
        .set_team_member(&SetTeamMember {
            team_id: team.id,
            volunteer_id: lin.id,
            leader: false,
            remove: true,
        })
        .unwrap();
    assert_eq!(t.members.len(), 1);
    let err = s
        .register_party_member(&RegisterPartyMember {
            volunteer_id: chen,
            work_unit: "  ".into(),
            pledges: vec![],
            registered_on: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("工作单位不能为空"), "{err}");
}

#[test]
fn hours_for_many_at_once_count_only_once_verified_and_earn_by_the_rules() {
    let mut b = bank();
    let s = &mut b.store;
    s.set_points_rules(&SetPointsRules {
        community_id: b.community,
        rates: [("护学".to_owned(), 15)].into(),
        default_rate: 10,
        entry_cap: Some(40),
        month_cap: Some(100),
        expiry_months: None,
    })
    .unwrap();
    let rules = s
        .get_points_rules(&GetPointsRules {
            community_id: b.community,
        })
        .unwrap();
    assert!(
        rules.description.contains("护学每小时15分"),
        "{}",
        rules.description
    );
    assert!(rules.description.contains("每人每月最多记100分"));

    let people: Vec<Id> = ["林一", "陈二", "黄三"]
        .iter()
        .map(|n| volunteer(s, b.community, n))
        .collect();
    let a = activity(s, b.community, None, "护学", "2026-03-02", 2.0);
    s.sign_up(&SignUp {
        activity_id: a,
        volunteer_ids: people.clone(),
    })
    .unwrap();
    let act = s
        .mark_attendance(&MarkAttendance {
            activity_id: a,
            volunteer_ids: people[..2].to_vec(),
            present: true,
        })
        .unwrap();
    assert_eq!(act.signed_up.len(), 3);
    assert_eq!(act.attended.len(), 2);
    let act = s
        .mark_attendance(&MarkAttendance {
            activity_id: a,
            volunteer_ids: vec![people[1]],
            present: false,
        })
        .unwrap();
    assert_eq!(act.attended, vec![people[0]], "the latest mark counts");

    let entries = s
        .credit_hours(&CreditHours {
            activity_id: Some(a),
            volunteer_ids: people.clone(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(entries.len(), 3);
    assert!(entries
        .iter()
        .all(|e| e.hours == 2.0 && e.category == "护学" && e.date == "2026-03-02"));
    assert!(entries.iter().all(|e| e.status == EntryStatus::Pending));
    let twice = s.credit_hours(&CreditHours {
        activity_id: Some(a),
        volunteer_ids: vec![people[2]],
        ..Default::default()
    });
    let msg = twice.unwrap_err().to_string();
    assert!(msg.contains("黄三已登记过这次活动"), "{msg}");
    // unverified hours count for nothing yet
    assert_eq!(balance(s, people[0]), 0);
    assert_eq!(s.volunteer(people[0]).unwrap().hours, 0.0);
    let pending = s
        .list_hours(&ListHours {
            community_id: Some(b.community),
            volunteer_id: None,
            pending_only: true,
        })
        .unwrap();
    assert_eq!(pending.len(), 3);

    let verified = s
        .verify_hours(&VerifyHours {
            entry_ids: entries.iter().map(|e| e.id).collect(),
            verified_by: None,
        })
        .unwrap();
    assert!(verified.iter().all(|e| e.status == EntryStatus::Verified));
    assert_eq!(
        verified[0].points,
        Some(30),
        "2 hours of 护学 at 15 an hour"
    );
    assert_eq!(balance(s, people[0]), 30);
    assert_eq!(s.volunteer(people[0]).unwrap().hours, 2.0);
    // verifying again changes nothing
    s.verify_hours(&VerifyHours {
        entry_ids: vec![entries[0].id],
        verified_by: None,
    })
    .unwrap();
    assert_eq!(balance(s, people[0]), 30);

    // a long entry is capped at 40; the month at 100
    let long = s
        .credit_hours(&CreditHours {
            activity_id: None,
            volunteer_ids: vec![people[0]],
            hours: Some(8.0),
            category: Some("助老助残".into()),
            date: Some("2026-03-10".into()),
            note: String::new(),
            each: vec![],
        })
        .unwrap();
    let e = &s
        .verify_hours(&VerifyHours {
            entry_ids: vec![long[0].id],
            verified_by: None,
        })
        .unwrap()[0];
    assert_eq!(e.points, Some(40));
    for day in ["2026-03-11", "2026-03-12"] {
        let more = s
            .credit_hours(&CreditHours {
                volunteer_ids: vec![people[0]],
                hours: Some(4.0),
                category: Some("助老助残".into()),
                date: Some(day.into()),
                ..Default::default()
            })
            .unwrap();
        s.verify_hours(&VerifyHours {
            entry_ids: vec![more[0].id],
            verified_by: None,
        })
        .unwrap();
    }
    assert_eq!(
        balance(s, people[0]),
        100,
        "30 + 40 + 30 (capped by the month)"
    );
    let no_people = s.credit_hours(&CreditHours {
        hours: Some(1.0),
        category: Some("护学".into()),
        ..Default::default()
    });
    assert!(no_people.is_err());
}

#[test]
fn a_reversal_takes_back_the_hours_and_the_points() {
    let mut b = bank();
    let s = &mut b.store;
    let v = volunteer(s, b.community, "林秀英");
    let a = activity(s, b.community, None, "护学", "2026-03-02", 2.0);
    let e = serve(s, a, &[v])[0];
    assert_eq!(balance(s, v), 20);
    let r = s
        .reverse_hours(&ReverseHours {
            entry_id: e,
            reason: "重复登记".into(),
        })
        .unwrap();
    assert_eq!(r.status, EntryStatus::Reversal);
    assert_eq!(r.hours, -2.0);
    assert_eq!(balance(s, v), 0);
    assert_eq!(s.volunteer(v).unwrap().hours, 0.0);
    let again = s.reverse_hours(&ReverseHours {
        entry_id: e,
        reason: "再来".into(),
    });
    assert!(matches!(again, Err(Error::Conflict { .. })));
    let verify = s.verify_hours(&VerifyHours {
        entry_ids: vec![e],
        verified_by: None,
    });
    assert!(verify.is_err(), "a reversed entry cannot be verified");
    // the original and the reversal are both in the history
    let list = s
        .list_hours(&ListHours {
            community_id: None,
            volunteer_id: Some(v),
            pending_only: false,
        })
        .unwrap();
    let statuses: Vec<EntryStatus> = list.iter().map(|e| e.status).collect();
    assert_eq!(statuses.len(), 2);
    assert!(statuses.contains(&EntryStatus::Reversed) && statuses.contains(&EntryStatus::Reversal));
    let st = s
        .ledger_statement(&LedgerStatement { volunteer_id: v })
        .unwrap();
    let kinds: Vec<LedgerKind> = st.lines.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, [LedgerKind::Earn, LedgerKind::Reverse]);
    assert_eq!(st.lines[1].running, 0);
}

#[test]
fn the_hours_report_adds_up_by_volunteer_team_category_and_month() {
    let mut b = bank();
    let s = &mut b.store;
    let team = s
        .add_team(&AddTeam {
            community_id: b.community,
            kind: TeamKind::Tutoring,
            name: "四点半课堂".into(),
        })
        .unwrap()
        .id;
    let lin = volunteer(s, b.community, "林一");
    let chen = volunteer(s, b.community, "陈二");
    let a1 = activity(s, b.community, Some(team), "课业辅导", "2026-02-20", 2.0);
    let a2 = activity(s, b.community, None, "环境整治", "2026-03-05", 1.5);
    serve(s, a1, &[lin, chen]);
    let e = serve(s, a2, &[lin]);
    // a pending entry and a reversed one do not count
    let a3 = activity(s, b.community, None, "环境整治", "2026-03-05", 1.5);
    s.credit_hours(&CreditHours {
        activity_id: Some(a3),
        volunteer_ids: vec![chen],
        ..Default::default()
    })
    .unwrap();
    let wrong = serve(s, a2, &[chen])[0];
    s.reverse_hours(&ReverseHours {
        entry_id: wrong,
        reason: "未到场".into(),
    })
    .unwrap();

    let r = s
        .hours_report(&HoursReportQuery {
            community_id: Some(b.community),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total_hours, 5.5);
    assert_eq!(r.entries, 3);
    assert_eq!(r.volunteers, 2);
    assert_eq!(r.pending_entries, 1);
    let v: Vec<(&str, f64)> = r
        .by_volunteer
        .iter()
        .map(|x| (x.name.as_str(), x.hours))
        .collect();
    assert_eq!(v, [("林一", 3.5), ("陈二", 2.0)]);
    let t: Vec<(&str, f64)> = r
        .by_team
        .iter()
        .map(|x| (x.name.as_str(), x.hours))
        .collect();
    assert_eq!(t, [("四点半课堂", 4.0), ("未关联队伍", 1.5)]);
    let m: Vec<(&str, f64)> = r
        .by_month
        .iter()
        .map(|x| (x.name.as_str(), x.hours))
        .collect();
    assert_eq!(m, [("2026-02", 4.0), ("2026-03", 1.5)]);
    assert_eq!(r.by_category.len(), 2);
    let march = s
        .hours_report(&HoursReportQuery {
            community_id: None,
            from: Some("2026-03-01".into()),
            to: Some("2026-03-31".into()),
        })
        .unwrap();
    assert_eq!(march.total_hours, 1.5);
    assert_eq!(march.by_volunteer[0].id, Some(lin));
    let _ = e;
}

#[test]
fn party_members_points_add_up_per_work_unit() {
    let mut b = bank();
    let s = &mut b.store;
    let a = activity(s, b.community, None, "政策宣讲", "2026-03-02", 2.0);
    let mut ids = Vec::new();
    for (name, unit) in [("林一", "县医院"), ("陈二", "县医院"), ("黄三", "县税务局")]
    {
        let v = volunteer(s, b.community, name);
        s.register_party_member(&RegisterPartyMember {
            volunteer_id: v,
            work_unit: unit.into(),
            pledges: vec![],
            registered_on: None,
        })
        .unwrap();
        ids.push(v);
    }
    serve(s, a, &ids);
    let units = s
        .work_unit_points(&WorkUnitPointsQuery {
            community_id: Some(b.community),
        })
        .unwrap();
    assert_eq!(units.len(), 2);
    assert_eq!(units[0].work_unit, "县医院");
    assert_eq!(
        (units[0].members, units[0].earned, units[0].hours),
        (2, 40, 4.0)
    );
    assert_eq!((units[1].members, units[1].earned), (1, 20));
}

#[test]
fn every_time_bank_write_is_journalled_and_exported() {
    let mut b = bank();
    let s = &mut b.store;
    let v = volunteer(s, b.community, "林秀英");
    let a = activity(s, b.community, None, "护学", "2026-03-02", 2.0);
    serve(s, a, &[v]);
    let rice = goods(s, b.community, "大米", 10, 2);
    s.redeem(&Redeem {
        volunteer_id: v,
        item_id: rice,
        quantity: 1,
    })
    .unwrap();
    let tables: std::collections::BTreeSet<String> =
        s.journal().unwrap().into_iter().map(|c| c.table).collect();
    for t in [
        "volunteers",
        "activities",
        "service_hours",
        "hour_verifications",
        "ledger",
        "catalogue_items",
        "stock_moves",
    ] {
        assert!(tables.contains(t), "{t} in the journal");
    }
    let export: serde_json::Value = serde_json::from_str(&s.export_canonical().unwrap()).unwrap();
    let ledger = export["ledger"].as_array().unwrap();
    assert_eq!(ledger.len(), 2);
    assert!(ledger
        .iter()
        .any(|l| l["kind"] == "redeem" && l["points"] == -10));
    // the balance is nowhere stored: no column of any synced table holds it
    for t in linli_store::tables::TABLES.iter() {
        assert!(!t.columns.contains(&"balance") && !t.columns.contains(&"stock"));
    }
}

#[test]
fn a_file_without_the_time_bank_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut s = Store::open(&path).unwrap();
        s.add_place(&AddPlace {
            kind: PlaceKind::Town,
            name: "樟城镇".into(),
            parent_id: None,
        })
        .unwrap();
        // roll the file back to before the time bank (and undo the columns and table of 0009 and
        // 0010, and the table of 0012, which cannot be made twice)
        s.conn()
            .execute_batch(
                "DROP TABLE volunteers; DROP TABLE teams; DROP TABLE team_members;
                 DROP TABLE party_members; DROP TABLE activities; DROP TABLE activity_signups;
                 DROP TABLE attendance; DROP TABLE service_hours; DROP TABLE hour_verifications;
                 DROP TABLE points_rules; DROP TABLE ledger; DROP TABLE ledger_reviews;
                 DROP TABLE ledger_resolutions; DROP TABLE catalogue_items; DROP TABLE stock_moves;
                 ALTER TABLE residents DROP COLUMN party_member;
                 ALTER TABLE tasks DROP COLUMN source; DROP TABLE settings;
                 DROP TABLE hour_rejections;
                 ALTER TABLE reveals DROP COLUMN seen_by; ALTER TABLE reveals DROP COLUMN seen_name; ALTER TABLE reveals DROP COLUMN seen_at;
                 ALTER TABLE sync_refusals DROP COLUMN code; ALTER TABLE sync_refusals DROP COLUMN args; ALTER TABLE council_meetings DROP COLUMN quorum; ALTER TABLE council_meetings DROP COLUMN pass_rule;
                 ALTER TABLE circle_points DROP COLUMN opened_on; ALTER TABLE circle_points DROP COLUMN closed_on;",
            )
            .unwrap();
        s.conn()
            // 0005 made the time bank; the later migrations run again over what is left
            .pragma_update(None, "user_version", 4)
            .unwrap();
    }
    let s = Store::open(&path).unwrap();
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM ledger", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    assert_eq!(s.list_places(&ListPlaces::default()).unwrap().len(), 1);
}
