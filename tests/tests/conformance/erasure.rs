//! Erasure and retention on every backend (issue 16 item 5): `Erase::erase` of a resident and
//! `Erase::purge`-by-date (`Which::MovedOutBefore`) leave no trace of the erased values in the
//! server's log and merged state, nor — once they pull — on laptops that held them (rows, journal,
//! outbox, search keys: every table's text of the file opened with `linli_store::connect`), nor on
//! a laptop enrolled afterwards; an edit made before the erasure and pushed after it, or typed
//! after the laptop applied it, is redacted on arrival and the laptop rewritten; only the server
//! writes redactions; what a visit's member update and a linked volunteer copied goes too; the
//! audit log records both commands.

use linli_domain::field::{VisitKind, VisitOutcome};
use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_protocol::{
    AddPerson, AddResident, AddVolunteer, EditResident, LogVisit, MemberUpdate,
    RegisterPartyMember, ResidentFields, SaveVisit,
};
use linli_server::{Accounts, Erase, Which};
use linli_store::Store;
use linli_tests::backends::TestDb;
use linli_tests::Town;

use crate::conformance::laptop::{id_number, laptop, resident, server_traces};

pub async fn an_erased_resident_leaves_no_trace_on_the_server_or_any_laptop<T: TestDb>(t: &T)
where
    T::Db: Erase,
{
    let db = t.db();
    let dir = tempfile::tempdir().unwrap();
    // the administrator's laptop makes the town and its residents
    let mut a = laptop(db, dir.path(), "admin", Role::Admin, &[]).await;
    let town = Town::new("t")
        .community("北门社区")
        .compound("西门新村")
        .building("1栋")
        .household("101")
        .build(&mut a.store);
    let household = town.household("1栋", "101");
    let zhang_id = id_number("19700312", 17);
    let zhang = a
        .store
        .add_resident(&AddResident {
            household_id: household,
            fields: resident("张秀英", "户主", Some(zhang_id.clone()), "13812345678"),
        })
        .unwrap()
        .id;
    let li = a
        .store
        .add_resident(&AddResident {
            household_id: household,
            fields: resident(
                "李建华",
                "配偶",
                Some(id_number("19720520", 25)),
                "13987654321",
            ),
        })
        .unwrap()
        .id;
    // a care visit noted her new phone and a stay in hospital; she volunteers too
    let community = town.id("北门社区");
    let visitor = a
        .store
        .add_person(&AddPerson {
            community_id: community,
            name: "王网格".into(),
            phone: None,
            roles: vec![linli_domain::register::Role::GridWorker],
        })
        .unwrap()
        .id;
    a.store
        .save_visit(&SaveVisit {
            visit: LogVisit {
                household_id: household,
                visitor_id: visitor,
                at: None,
                kind: VisitKind::Care,
                outcome: VisitOutcome::Met,
                findings: "一切正常".into(),
                member_updates: vec![MemberUpdate {
                    resident_id: zhang,
                    moved_out: None,
                    phone: Some("13512340000".into()),
                    care_tags: None,
                    note: Some("住院治疗".into()),
                }],
                follow_up: None,
            },
            photos: vec![],
        })
        .unwrap();
    let volunteer = a
        .store
        .add_volunteer(&AddVolunteer {
            community_id: community,
            resident_id: Some(zhang),
            name: String::new(),
            phone: None,
            skills: vec![],
            availability: "周末".into(),
        })
        .unwrap()
        .id;
    a.store
        .register_party_member(&RegisterPartyMember {
            volunteer_id: volunteer,
            work_unit: "县第一医院".into(),
            pledges: vec!["义务献血".into()],
            registered_on: None,
        })
        .unwrap();
    a.sync(db).await;

    // a grid worker's laptop holds them
    let mut b = laptop(db, dir.path(), "w1", Role::GridWorker, &[community]).await;
    b.sync(db).await;
    let old = [
        "张秀英",
        zhang_id.as_str(),
        "13812345678",
        "13512340000",
        "住院治疗",
        "县第一医院",
        "义务献血",
    ];
    assert!(!b.traces(&old).is_empty(), "{}: w1 holds them", T::NAME);
    // …and edits her phone without syncing: the outbox holds a personal value
    b.store
        .edit_resident(&EditResident {
            id: zhang,
            fields: ResidentFields {
                birth_date: None,
                ..resident("张秀英", "户主", None, "13600000001")
            },
            moved_out: None,
        })
        .unwrap();
    // the administrator's laptop, offline, writes her a new phone too: pushed after the erasure
    a.store
        .edit_resident(&EditResident {
            id: zhang,
            fields: ResidentFields {
                birth_date: None,
                ..resident("张秀英", "户主", None, "13700000002")
            },
            moved_out: None,
        })
        .unwrap();

    let county = linli_server::db::DEFAULT_COUNTY.to_owned();
    let report = db
        .erase(
            county.clone(),
            Which::Residents(vec![zhang]),
            "root@county".into(),
        )
        .await
        .unwrap();
    assert_eq!(report.residents, [zhang], "{}", T::NAME);
    let row = report
        .rows
        .iter()
        .find(|r| r.row_id == zhang)
        .expect("her row is reported");
    for f in [
        "name",
        "id_number",
        "phone",
        "care_tags",
        "notes",
        "birth_date",
        "gender",
    ] {
        assert!(row.fields.iter().any(|x| x == f), "{f} in {row:?}");
    }
    let rewritten = |table: &str| report.rows.iter().filter(|r| r.table == table).count();
    assert!(
        report
            .rows
            .iter()
            .any(|r| r.table == "volunteers" && r.row_id == volunteer),
        "{report:?}"
    );
    assert_eq!(rewritten("visits"), 1, "{report:?}");
    assert_eq!(rewritten("party_members"), 1, "{report:?}");
    assert!(report.log_entries >= 3, "{report:?}");
    assert!(report.redactions >= 1, "{report:?}");

    // the server holds no trace (the other resident is untouched)
    let auditor = crate::conformance::support::device(db, "auditor", Role::Admin, &[]).await;
    assert_eq!(
        server_traces(db, &auditor, &old).await,
        Vec::<String>::new(),
        "{}",
        T::NAME
    );
    assert_eq!(
        server_traces(db, &auditor, &["李建华", "13987654321"])
            .await
            .len(),
        2,
        "{}: the other resident stays",
        T::NAME
    );

    // the grid worker pulls first: rows, journal, search keys and the unsent edit are rewritten
    b.pull(db).await;
    assert_eq!(b.traces(&old), Vec::<String>::new(), "{}", T::NAME);
    assert_eq!(
        b.traces(&["13600000001"]),
        Vec::<String>::new(),
        "{}: outbox",
        T::NAME
    );
    let outbox = b.store.outbox(1000).unwrap();
    assert!(
        outbox
            .iter()
            .any(|c| c.row_id == zhang && c.fields.get("phone") == Some(&serde_json::Value::Null)),
        "{outbox:?}"
    );
    assert!(!b.traces(&["李建华"]).is_empty());
    b.push(db).await;

    // the administrator's edit made before the erasure is redacted on arrival, and its laptop
    // rewritten when it pulls
    a.sync(db).await;
    let more = [
        "张秀英",
        zhang_id.as_str(),
        "13812345678",
        "13700000002",
        "13600000001",
    ];
    assert_eq!(
        server_traces(db, &auditor, &more).await,
        Vec::<String>::new(),
        "{}",
        T::NAME
    );
    assert_eq!(a.traces(&more), Vec::<String>::new(), "{}", T::NAME);
    b.pull(db).await;
    assert_eq!(b.traces(&more), Vec::<String>::new(), "{}", T::NAME);

    // a laptop enrolled afterwards never receives them
    let mut c = laptop(db, dir.path(), "w2", Role::GridWorker, &[community]).await;
    c.sync(db).await;
    assert_eq!(c.traces(&more), Vec::<String>::new(), "{}", T::NAME);
    assert!(!c.traces(&["李建华"]).is_empty(), "{}", T::NAME);
    let shown = c.store.resident(zhang).unwrap();
    assert_eq!(shown.name, linli_protocol::erasure::ERASED_NAME);

    // a phone typed for her after the laptop applied the erasure is kept out of the server, and
    // the laptop that typed it is rewritten by the redaction its push brings about
    b.store
        .edit_resident(&EditResident {
            id: zhang,
            fields: ResidentFields {
                name: linli_protocol::erasure::ERASED_NAME.into(),
                care_tags: vec![],
                notes: String::new(),
                ..resident("x", "户主", None, "13300000003")
            },
            moved_out: None,
        })
        .unwrap();
    assert!(!b.traces(&["13300000003"]).is_empty());
    b.sync(db).await;
    assert_eq!(
        b.traces(&["13300000003"]),
        Vec::<String>::new(),
        "{}",
        T::NAME
    );
    assert_eq!(
        server_traces(db, &auditor, &["13300000003"]).await,
        Vec::<String>::new(),
        "{}",
        T::NAME
    );
    c.sync(db).await;
    assert_eq!(
        c.traces(&["13300000003"]),
        Vec::<String>::new(),
        "{}",
        T::NAME
    );

    // only the server writes redactions: a laptop sending one is refused
    let forged = crate::conformance::support::change(
        &auditor,
        1,
        linli_protocol::erasure::REDACTIONS,
        Id::new(),
        serde_json::json!({"table": "residents", "row_id": li.to_string(), "set": {"name": "x"}}),
        Some(community),
        5_000,
    );
    let refused = crate::conformance::support::push(db, &auditor, vec![forged]).await;
    assert_eq!(
        crate::conformance::support::refused(&refused[0]),
        Some(linli_protocol::sync::RefuseReason::Invalid),
        "{}",
        T::NAME
    );

    // erasing her again rewrites nothing more; an unknown resident is refused
    let again = db
        .erase(
            county.clone(),
            Which::Residents(vec![zhang]),
            "root@county".into(),
        )
        .await
        .unwrap();
    assert_eq!((again.log_entries, again.redactions), (0, 0), "{again:?}");
    assert!(matches!(
        db.erase(
            county.clone(),
            Which::Residents(vec![Id::new()]),
            "root".into()
        )
        .await,
        Err(linli_server::Error::NotFound(_))
    ));
    let audit = db.audit_log(None).await.unwrap();
    let erased: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "resident.erase")
        .collect();
    assert_eq!(erased.len(), 2, "{audit:?}");
    assert_eq!(erased[0].target, zhang.to_string());
    assert_eq!(erased[0].actor, "root@county");
}

pub async fn a_purge_erases_exactly_those_who_moved_out_before_the_day<T: TestDb>(t: &T)
where
    T::Db: Erase,
{
    let db = t.db();
    let dir = tempfile::tempdir().unwrap();
    let mut a = laptop(db, dir.path(), "admin", Role::Admin, &[]).await;
    let town = Town::new("t")
        .community("北门社区")
        .compound("西门新村")
        .building("1栋")
        .household("101")
        .household("102")
        .build(&mut a.store);
    let add = |s: &mut Store, h: Id, name: &str, rel: &str, phone: &str| {
        s.add_resident(&AddResident {
            household_id: h,
            fields: resident(name, rel, None, phone),
        })
        .unwrap()
        .id
    };
    let h1 = town.household("1栋", "101");
    let h2 = town.household("1栋", "102");
    let long_gone = add(&mut a.store, h1, "王老五", "户主", "13500000001");
    let lately = add(&mut a.store, h1, "赵小六", "配偶", "13500000002");
    let staying = add(&mut a.store, h2, "孙大七", "户主", "13500000003");
    for (who, day) in [(long_gone, "2020-03-01"), (lately, "2024-05-01")] {
        let r = a.store.resident(who).unwrap();
        let mut fields = resident(&r.name, &r.relation, None, "");
        fields.phone = None;
        a.store
            .edit_resident(&EditResident {
                id: who,
                fields,
                moved_out: Some(day.into()),
            })
            .unwrap();
    }
    a.sync(db).await;
    let mut b = laptop(
        db,
        dir.path(),
        "w1",
        Role::GridWorker,
        &[town.id("北门社区")],
    )
    .await;
    b.sync(db).await;

    let county = linli_server::db::DEFAULT_COUNTY.to_owned();
    let bad = db
        .erase(
            county.clone(),
            Which::MovedOutBefore("2023-02-30".into()),
            "root".into(),
        )
        .await;
    assert!(
        matches!(bad, Err(linli_server::Error::Invalid(_))),
        "{bad:?}"
    );
    let report = db
        .erase(
            county.clone(),
            Which::MovedOutBefore("2023-01-01".into()),
            "root@county".into(),
        )
        .await
        .unwrap();
    assert_eq!(report.residents, [long_gone], "{}", T::NAME);
    // once purged, a second purge finds no one more
    let again = db
        .erase(
            county.clone(),
            Which::MovedOutBefore("2023-01-01".into()),
            "root@county".into(),
        )
        .await
        .unwrap();
    assert!(again.residents.is_empty(), "{again:?}");

    let auditor = crate::conformance::support::device(db, "auditor", Role::Admin, &[]).await;
    assert_eq!(
        server_traces(db, &auditor, &["王老五", "13500000001"]).await,
        Vec::<String>::new(),
        "{}",
        T::NAME
    );
    assert_eq!(
        server_traces(
            db,
            &auditor,
            &["赵小六", "13500000002", "孙大七", "13500000003"]
        )
        .await
        .len(),
        4,
        "{}",
        T::NAME
    );
    b.pull(db).await;
    assert_eq!(
        b.traces(&["王老五", "13500000001"]),
        Vec::<String>::new(),
        "{}",
        T::NAME
    );
    assert!(!b.traces(&["赵小六"]).is_empty());
    let _ = staying;

    let audit = db.audit_log(None).await.unwrap();
    let purges: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "resident.purge")
        .collect();
    assert_eq!(purges.len(), 2, "{audit:?}");
    assert_eq!(purges[0].target, "moved-out-before 2023-01-01");
    assert!(purges[0].detail.contains("residents=1"), "{:?}", purges[0]);
}
