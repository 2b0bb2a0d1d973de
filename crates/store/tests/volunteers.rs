//! The volunteer time bank on real SQLite files: registering volunteers, teams and party members;
//! activities, crediting many at once, verification by the rules, reversal; the ledger with
//! redemptions, balances that say how sure they are, statements, the server's review marks; and
//! the reports. Plus the ledger invariants as properties.

use linli_domain::volunteers::{ItemKind, LedgerKind, TeamKind};
use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use linli_store::{Error, Store};
use proptest::prelude::*;

struct Bank {
    store: Store,
    _dir: tempfile::TempDir,
    community: Id,
}

fn bank() -> Bank {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("linli.db")).unwrap();
    let town = store
        .add_place(&AddPlace {
            kind: PlaceKind::Town,
            name: "樟城镇".into(),
            parent_id: None,
        })
        .unwrap()
        .id;
    let community = store
        .add_place(&AddPlace {
            kind: PlaceKind::Community,
            name: "北门社区".into(),
            parent_id: Some(town),
        })
        .unwrap()
        .id;
    Bank {
        store,
        _dir: dir,
        community,
    }
}

fn volunteer(s: &mut Store, community: Id, name: &str) -> Id {
    s.add_volunteer(&AddVolunteer {
        community_id: community,
        resident_id: None,
        name: name.into(),
        phone: None,
        skills: vec![],
        availability: String::new(),
    })
    .unwrap()
    .id
}

fn activity(
    s: &mut Store,
    community: Id,
    team: Option<Id>,
    category: &str,
    date: &str,
    hours: f64,
) -> Id {
    s.add_activity(&AddActivity {
        community_id: community,
        team_id: team,
        title: format!("{category}活动"),
        category: category.into(),
        date: date.into(),
        hours,
        place: "社区广场".into(),
    })
    .unwrap()
    .id
}

/// Credits and verifies hours for each volunteer; returns the entry ids.
fn serve(s: &mut Store, activity: Id, people: &[Id]) -> Vec<Id> {
    let entries = s
        .credit_hours(&CreditHours {
            activity_id: Some(activity),
            volunteer_ids: people.to_vec(),
            ..Default::default()
        })
        .unwrap();
    let ids: Vec<Id> = entries.iter().map(|e| e.id).collect();
    s.verify_hours(&VerifyHours {
        entry_ids: ids.clone(),
        verified_by: None,
    })
    .unwrap();
    ids
}

fn goods(s: &mut Store, community: Id, name: &str, cost: i64, stock: i64) -> Id {
    s.add_catalogue_item(&AddCatalogueItem {
        community_id: community,
        kind: ItemKind::Goods,
        name: name.into(),
        cost,
        unit: "份".into(),
        stock,
    })
    .unwrap()
    .id
}

fn balance(s: &Store, v: Id) -> i64 {
    s.points_balance(&PointsBalance { volunteer_id: v })
        .unwrap()
        .balance
}

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
fn a_redemption_checks_balance_and_stock_and_says_when_it_cannot_be_sure() {
    let mut b = bank();
    let s = &mut b.store;
    let v = volunteer(s, b.community, "林秀英");
    let a = activity(s, b.community, None, "护学", "2026-03-02", 3.0);
    serve(s, a, &[v]);
    let rice = goods(s, b.community, "大米5斤", 20, 1);
    let class = s
        .add_catalogue_item(&AddCatalogueItem {
            community_id: b.community,
            kind: ItemKind::ClassHours,
            name: "少儿书法课".into(),
            cost: 5,
            unit: "课时".into(),
            stock: 0,
        })
        .unwrap();
    assert_eq!(class.stock, None);

    let r = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: rice,
            quantity: 1,
        })
        .unwrap();
    assert_eq!(r.points, 20);
    assert_eq!(r.item.stock, Some(0));
    assert_eq!(r.balance.balance, 10);
    // never synced: everything here is pending, and the laptop says it cannot be sure
    assert_eq!(r.balance.pending_here, 10);
    assert!(!r.balance.certain);
    assert!(
        r.balance.note.contains("还没有与服务器同步过"),
        "{}",
        r.balance.note
    );

    let out = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: rice,
            quantity: 1,
        })
        .unwrap_err();
    assert!(out.to_string().contains("库存不足"), "{out}");
    s.restock(&Restock {
        item_id: rice,
        quantity: 5,
    })
    .unwrap();
    let short = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: rice,
            quantity: 1,
        })
        .unwrap_err();
    assert!(matches!(short, Error::Conflict { .. }));
    assert!(
        short.to_string().contains("积分不足：林秀英现有10分"),
        "{short}"
    );
    assert_eq!(balance(s, v), 10, "a refused redemption writes nothing");
    let two = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: class.id,
            quantity: 2,
        })
        .unwrap();
    assert_eq!(two.balance.balance, 0);

    // after a sync that acknowledged everything, a fresh balance is certain and nothing pending
    let last_seq: i64 = s
        .conn()
        .query_row("SELECT max(device_seq) FROM journal", [], |r| r.get(0))
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    s.conn()
        .execute_batch(&format!(
            "INSERT INTO meta VALUES ('sync_acked_seq', '{last_seq}');
             INSERT INTO meta VALUES ('sync_last_success_ms', '{now}');"
        ))
        .unwrap();
    let bal = s
        .points_balance(&PointsBalance { volunteer_id: v })
        .unwrap();
    assert!(bal.certain, "{}", bal.note);
    assert_eq!(bal.pending_here, 0);
    // an old sync is not
    s.conn()
        .execute(
            "UPDATE meta SET value = ?1 WHERE key = 'sync_last_success_ms'",
            [(now - 3 * 3_600_000).to_string()],
        )
        .unwrap();
    let bal = s
        .points_balance(&PointsBalance { volunteer_id: v })
        .unwrap();
    assert!(!bal.certain);
    assert!(bal.note.contains("上次同步在3小时前"), "{}", bal.note);

    // reversing a redemption gives the points and the goods back
    let after = s
        .reverse_ledger(&ReverseLedger {
            ledger_id: r.ledger_id,
            reason: "物品退回".into(),
        })
        .unwrap();
    assert_eq!(after.balance, 20);
    let items = s
        .list_catalogue(&ListCatalogue {
            community_id: b.community,
        })
        .unwrap();
    let rice_now = items.iter().find(|i| i.id == rice).unwrap();
    assert_eq!(rice_now.stock, Some(6));
}

#[test]
fn a_statement_has_a_running_balance_and_shows_review_marks() {
    let mut b = bank();
    let s = &mut b.store;
    let v = volunteer(s, b.community, "林秀英");
    let a = activity(s, b.community, None, "环境整治", "2026-03-02", 2.0);
    serve(s, a, &[v]);
    s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points: 5,
        reason: "表彰奖励".into(),
    })
    .unwrap();
    let neg = s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points: -100,
        reason: "扣分".into(),
    });
    assert!(
        neg.is_err(),
        "an adjustment may not take the balance below zero here"
    );
    let soap = goods(s, b.community, "洗衣液", 15, 3);
    let r = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: soap,
            quantity: 1,
        })
        .unwrap();
    let st = s
        .ledger_statement(&LedgerStatement { volunteer_id: v })
        .unwrap();
    let running: Vec<i64> = st.lines.iter().map(|l| l.running).collect();
    let points: Vec<i64> = st.lines.iter().map(|l| l.points).collect();
    assert_eq!(points.iter().sum::<i64>(), st.balance.balance);
    assert_eq!(*running.last().unwrap(), 10);
    assert_eq!(st.community_name, "北门社区");
    assert!(st.lines.iter().any(|l| l.description == "兑换：洗衣液 ×1"));

    // the server's mark arrives with sync; the coordinator resolves it
    s.record_ledger_review(r.ledger_id, "超支5分").unwrap();
    s.record_ledger_review(r.ledger_id, "超支5分").unwrap();
    let reviews = s
        .list_reviews(&ListReviews {
            community_id: Some(b.community),
        })
        .unwrap();
    assert_eq!(reviews.len(), 1, "a mark recorded twice is one review");
    assert_eq!(reviews[0].volunteer_name, "林秀英");
    let bal = s
        .points_balance(&PointsBalance { volunteer_id: v })
        .unwrap();
    assert_eq!(bal.open_reviews, 1);
    assert!(!bal.certain);
    let bal = s
        .resolve_review(&ResolveReview {
            ledger_id: r.ledger_id,
            resolution: ReviewResolution::Reverse,
            note: String::new(),
        })
        .unwrap();
    assert_eq!(bal.balance, 25);
    assert_eq!(bal.open_reviews, 0);
    assert!(s
        .list_reviews(&ListReviews { community_id: None })
        .unwrap()
        .is_empty());
    let st = s
        .ledger_statement(&LedgerStatement { volunteer_id: v })
        .unwrap();
    let redeemed = st.lines.iter().find(|l| l.id == r.ledger_id).unwrap();
    assert!(!redeemed.needs_review);
    assert_eq!(redeemed.resolution.as_deref(), Some("已核查并冲正"));
    let twice = s.resolve_review(&ResolveReview {
        ledger_id: r.ledger_id,
        resolution: ReviewResolution::Accept,
        note: String::new(),
    });
    assert!(matches!(twice, Err(Error::Conflict { .. })));
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
    for t in linli_store::tables::TABLES {
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
        // 0010, which cannot be made twice)
        s.conn()
            .execute_batch(
                "DROP TABLE volunteers; DROP TABLE teams; DROP TABLE team_members;
                 DROP TABLE party_members; DROP TABLE activities; DROP TABLE activity_signups;
                 DROP TABLE attendance; DROP TABLE service_hours; DROP TABLE hour_verifications;
                 DROP TABLE points_rules; DROP TABLE ledger; DROP TABLE ledger_reviews;
                 DROP TABLE ledger_resolutions; DROP TABLE catalogue_items; DROP TABLE stock_moves;
                 ALTER TABLE residents DROP COLUMN party_member;
                 ALTER TABLE tasks DROP COLUMN source; DROP TABLE settings;",
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

// ---- the ledger invariants, as properties ----

#[derive(Debug, Clone)]
enum Op {
    Earn(u8),
    Adjust(i16),
    Redeem(u8),
    ReverseLast,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1u8..8).prop_map(Op::Earn),
        (-40i16..40).prop_map(Op::Adjust),
        (1u8..4).prop_map(Op::Redeem),
        Just(Op::ReverseLast),
    ]
}

struct Run {
    store: Store,
    volunteer: Id,
}

/// Runs the operations as a coordinator would; refusals are part of the run.
fn run(ops: &[Op]) -> Run {
    let mut s = Store::open_in_memory().unwrap();
    let c = s
        .add_place(&AddPlace {
            kind: PlaceKind::Community,
            name: "北门社区".into(),
            parent_id: None,
        })
        .unwrap()
        .id;
    let v = volunteer(&mut s, c, "林秀英");
    let item = goods(&mut s, c, "香皂", 7, 1000);
    let mut reversible: Vec<Id> = Vec::new();
    let mut entries: Vec<Id> = Vec::new();
    for o in ops {
        let before = balance(&s, v);
        match o {
            Op::Earn(h) => {
                let e = s
                    .credit_hours(&CreditHours {
                        activity_id: None,
                        volunteer_ids: vec![v],
                        hours: Some(f64::from(*h)),
                        category: Some("护学".into()),
                        date: Some("2026-03-02".into()),
                        note: String::new(),
                    })
                    .unwrap();
                s.verify_hours(&VerifyHours {
                    entry_ids: vec![e[0].id],
                    verified_by: None,
                })
                .unwrap();
                entries.push(e[0].id);
                assert_eq!(balance(&s, v), before + 10 * i64::from(*h));
            }
            Op::Adjust(p) => {
                if *p != 0 {
                    let r = s.adjust_points(&AdjustPoints {
                        volunteer_id: v,
                        points: i64::from(*p),
                        reason: "调整".into(),
                    });
                    assert_eq!(r.is_ok(), before + i64::from(*p) >= 0);
                }
            }
            Op::Redeem(q) => {
                let r = s.redeem(&Redeem {
                    volunteer_id: v,
                    item_id: item,
                    quantity: i64::from(*q),
                });
                let cost = 7 * i64::from(*q);
                match r {
                    Ok(r) => {
                        assert!(before >= cost, "redeemed {cost} with only {before}");
                        assert_eq!(r.balance.balance, before - cost);
                        reversible.push(r.ledger_id);
                    }
                    Err(e) => {
                        assert!(before < cost, "refused with enough points: {e}");
                        assert_eq!(balance(&s, v), before, "a refusal writes nothing");
                    }
                }
            }
            Op::ReverseLast => {
                if let Some(l) = reversible.pop() {
                    let after = s
                        .reverse_ledger(&ReverseLedger {
                            ledger_id: l,
                            reason: "退回".into(),
                        })
                        .unwrap();
                    assert_eq!(after.balance, before + 7 * redeemed_qty(&s, l));
                } else if let Some(e) = entries.pop() {
                    s.reverse_hours(&ReverseHours {
                        entry_id: e,
                        reason: "更正".into(),
                    })
                    .unwrap();
                }
            }
        }
    }
    Run {
        store: s,
        volunteer: v,
    }
}

fn redeemed_qty(s: &Store, ledger: Id) -> i64 {
    s.conn()
        .query_row(
            "SELECT quantity FROM ledger WHERE id = ?1",
            [ledger.to_string()],
            |r| r.get(0),
        )
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The balance is the sum of the facts; the statement's last running figure is the same;
    /// redemptions and adjustments never take it below zero here (checked at every step in
    /// `run`).
    #[test]
    fn balance_is_the_sum_of_the_facts(ops in prop::collection::vec(op(), 0..24)) {
        let r = run(&ops);
        let s = &r.store;
        let sum: i64 = s.conn().query_row(
            "SELECT coalesce(sum(points), 0) FROM ledger WHERE volunteer_id = ?1",
            [r.volunteer.to_string()], |x| x.get(0)).unwrap();
        let st = s.ledger_statement(&LedgerStatement { volunteer_id: r.volunteer }).unwrap();
        prop_assert_eq!(st.balance.balance, sum);
        prop_assert_eq!(st.lines.last().map_or(0, |l| l.running), sum);
        // only a correction of hours whose points were already spent can take it below zero
        let corrected = ops.iter().any(|o| matches!(o, Op::ReverseLast));
        prop_assert!(sum >= 0 || corrected);
    }

    /// Another laptop that receives the same changes in any order derives the same balance.
    #[test]
    fn any_order_of_changes_gives_the_same_balance(
        ops in prop::collection::vec(op(), 1..16),
        seed in any::<u64>(),
    ) {
        let r = run(&ops);
        let mut changes = r.store.journal().unwrap();
        // a deterministic shuffle from the seed
        let mut x = seed | 1;
        for i in (1..changes.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            changes.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let other = Store::open_in_memory().unwrap();
        let tx = other.conn().unchecked_transaction().unwrap();
        for c in &changes {
            linli_store::apply::apply_change(&tx, c).unwrap();
        }
        tx.commit().unwrap();
        prop_assert_eq!(balance(&other, r.volunteer), balance(&r.store, r.volunteer));
        prop_assert_eq!(other.export_canonical().unwrap(), r.store.export_canonical().unwrap());
    }

    /// Reversing a redemption restores the balance before it, whatever came between.
    #[test]
    fn reversal_restores(ops in prop::collection::vec(op(), 0..12), q in 1u8..4) {
        let mut r = run(&ops);
        let s = &mut r.store;
        let v = r.volunteer;
        // a correction of spent hours may have left a debt; make up for it and some
        let owed = (-balance(s, v)).max(0);
        s.adjust_points(&AdjustPoints { volunteer_id: v, points: 50 + owed, reason: "补录".into() }).unwrap();
        let before = balance(s, v);
        let item = s.list_catalogue(&ListCatalogue {
            community_id: s.volunteer(v).unwrap().community_id,
        }).unwrap()[0].clone();
        let red = s.redeem(&Redeem { volunteer_id: v, item_id: item.id, quantity: i64::from(q) }).unwrap();
        prop_assert_eq!(balance(s, v), before - red.points);
        let after = s.reverse_ledger(&ReverseLedger { ledger_id: red.ledger_id, reason: "退回".into() }).unwrap();
        prop_assert_eq!(after.balance, before);
        let stock = s.list_catalogue(&ListCatalogue { community_id: item.community_id }).unwrap()[0].stock;
        prop_assert_eq!(stock, item.stock);
    }
}

#[test]
fn a_mark_the_sync_engine_kept_shows_as_a_review() {
    let mut b = bank();
    let s = &mut b.store;
    let v = volunteer(s, b.community, "林秀英");
    s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points: 10,
        reason: "补录".into(),
    })
    .unwrap();
    let soap = goods(s, b.community, "香皂", 10, 3);
    let r = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: soap,
            quantity: 1,
        })
        .unwrap();
    // what linli-sync records when the server answers that the fact overdrew
    s.conn()
        .execute(
            "INSERT INTO sync_reviews (tbl, row_id, server_seq) VALUES ('ledger', ?1, 7)",
            [r.ledger_id.to_string()],
        )
        .unwrap();
    let reviews = s.list_reviews(&ListReviews { community_id: None }).unwrap();
    assert_eq!(reviews.len(), 1);
    assert!(reviews[0].line.needs_review);
    let bal = s
        .resolve_review(&ResolveReview {
            ledger_id: r.ledger_id,
            resolution: ReviewResolution::Accept,
            note: "下月补服务时长".into(),
        })
        .unwrap();
    assert_eq!(bal.balance, 0, "accepted: the redemption stands");
    assert_eq!(bal.open_reviews, 0);
}

#[test]
fn points_expire_by_the_rules_first_earned_first_used() {
    let mut b = bank();
    let s = &mut b.store;
    let rules = s
        .set_points_rules(&SetPointsRules {
            community_id: b.community,
            rates: Default::default(),
            default_rate: 10,
            entry_cap: None,
            month_cap: None,
            expiry_months: Some(12),
        })
        .unwrap();
    assert!(
        rules.description.contains("12个月内有效"),
        "{}",
        rules.description
    );
    let v = volunteer(s, b.community, "林秀英");
    let old = activity(s, b.community, None, "护学", "2024-01-05", 2.0);
    serve(s, old, &[v]);
    assert_eq!(balance(s, v), 0, "20 points earned in 2024 have expired");
    let bal = s
        .points_balance(&PointsBalance { volunteer_id: v })
        .unwrap();
    assert_eq!(bal.expired, 20);
    assert!(bal.note.contains("20分已过有效期"), "{}", bal.note);
    let today = chrono_free_today(s);
    let new = activity(s, b.community, None, "护学", &today, 1.0);
    serve(s, new, &[v]);
    assert_eq!(balance(s, v), 10);
    // a debit today cannot use points that had already expired
    s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points: -5,
        reason: "更正".into(),
    })
    .unwrap();
    let bal = s
        .points_balance(&PointsBalance { volunteer_id: v })
        .unwrap();
    assert_eq!((bal.balance, bal.expired), (5, 20));
    let over = s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points: -6,
        reason: "更正".into(),
    });
    assert!(over.is_err(), "expired points cannot be spent");
    let too_much = s.set_points_rules(&SetPointsRules {
        community_id: b.community,
        rates: Default::default(),
        default_rate: 10,
        entry_cap: None,
        month_cap: None,
        expiry_months: Some(0),
    });
    assert!(too_much.is_err());
}

/// Today as SQLite sees it (local time), so the test needs no clock crate.
fn chrono_free_today(s: &Store) -> String {
    s.conn()
        .query_row("SELECT date('now', 'localtime')", [], |r| r.get(0))
        .unwrap()
}
