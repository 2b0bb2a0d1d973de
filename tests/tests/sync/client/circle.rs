//! 服务圈 (issue 25 item 3) through the real server over HTTP on 127.0.0.1, on SQLite and, when
//! `LINLI_TEST_PG` is set, on PostgreSQL: a service point reaches, read-only, the laptops of the
//! communities it serves besides its home. The coordinator keeping 北门's points saves one serving
//! 南门: 南门's worker sees it in 南门's circle. 东门's worker synced after it was saved, so its
//! cursor is past the point's changes; when 东门 is added to what the point serves, its laptop
//! receives the whole row. 南门's worker cannot change it: the server refuses, changing nothing.
//! Taken off the list, 南门 gets that change (the point leaves its circle) and nothing after. A
//! joint activity reaches the communities taking part the same way.

use linli_domain::circle::PointKind;
use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_protocol::*;
use linli_server::ServerDb;
use linli_store::{Schema, Store, SyncWrite};
use linli_sync::{Engine, HttpTransport};
use linli_tests::{Spawn, TestServer as Server, Town};
use serde_json::json;

fn laptop(srv: &Server, user: &str) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let mut t = HttpTransport::new(&srv.url);
    linli_sync::login(&mut s, &mut t, &srv.url, user, "secret", "laptop").unwrap();
    s
}

fn sync(srv: &Server, s: &mut Store) -> linli_sync::Report {
    Engine::new(HttpTransport::new(&srv.url))
        .sync(s, &mut |_| {})
        .unwrap()
}

fn circle(s: &mut Store, community: Id) -> Vec<ServicePoint> {
    s.list_circle_points(&ListCirclePoints {
        community_id: Some(community),
        kind: None,
        service: String::new(),
        text: String::new(),
        sort: PointSort::Kind,
        include_closed: false,
    })
    .unwrap()
}

fn canteen(home: Id, serves: Vec<Id>) -> PointFields {
    PointFields {
        community_id: home,
        kind: PointKind::Canteen,
        name: "北门长者食堂".into(),
        address: "北门路12号".into(),
        hours: "每天 11:00-13:00".into(),
        contact_name: "刘阿姨".into(),
        contact_phone: "13912345678".into(),
        run_by_community_id: None,
        run_by_unit: "县民政局".into(),
        services: vec!["助餐".into()],
        services_text: String::new(),
        serves,
        note: String::new(),
        opened_on: "2025-03-01".into(),
        closed_on: String::new(),
    }
}

/// The point as the server holds it, field by field.
fn on_server(srv: &Server, point: Id) -> serde_json::Value {
    let all = srv.block_on(srv.db().export(None)).unwrap();
    serde_json::to_value(&all["circle_points"][&point]).unwrap()
}

fn shared_point_reaches_every_community_it_serves(srv: &Server) {
    srv.user("admin", Role::Admin, &[]);
    let mut admin = laptop(srv, "admin");
    let town = Town::new("樟城镇")
        .community("北门社区")
        .community("南门社区")
        .community("东门社区")
        .build(&mut admin);
    sync(srv, &mut admin);
    let (north, south, east) = (town["北门社区"], town["南门社区"], town["东门社区"]);
    // the town's 服务圈 coordinator keeps the points (its laptop holds every community, so it can
    // name the neighbours); each community's worker holds only their own
    town.worker(srv, "coordinator", Role::GridWorker, &["樟城镇"]);
    town.worker(srv, "south", Role::GridWorker, &["南门社区"]);
    town.worker(srv, "east", Role::GridWorker, &["东门社区"]);
    let mut a = laptop(srv, "coordinator");
    let mut b = laptop(srv, "south");
    let mut c = laptop(srv, "east");
    sync(srv, &mut a);
    sync(srv, &mut c);

    let saved = a
        .save_circle_point(&SaveCirclePoint {
            id: None,
            fields: canteen(north, vec![south]),
        })
        .unwrap();
    let point = saved.id;
    // a joint activity of 北门 and 南门 held there
    let activity = a
        .save_circle_activity(&SaveCircleActivity {
            id: None,
            fields: ActivityFields {
                date: "2026-12-01".into(),
                title: "长者助餐开放日".into(),
                communities: vec![north, south],
                units: vec!["县民政局".into()],
                point_id: Some(point),
                participants: 40,
                note: String::new(),
            },
        })
        .unwrap();
    sync(srv, &mut a);
    // 东门 syncs now: its cursor passes the point's first change, which it may not see
    sync(srv, &mut c);
    assert!(circle(&mut c, east).is_empty(), "not shared with 东门 yet");
    let cursor = c.pull_cursor().unwrap();

    // 南门's laptop receives it and lists it in 南门's circle
    sync(srv, &mut b);
    let got = circle(&mut b, south);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].id, point);
    assert_eq!(got[0].fields, saved.fields);
    assert_eq!(got[0].run_by, "县民政局");
    // so does the joint activity it took part in, and only there
    let joint = |s: &mut Store, community| {
        s.list_circle_activities(&ListCircleActivities {
            community_id: Some(community),
            month: None,
        })
        .unwrap()
    };
    let got = joint(&mut b, south);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].fields, activity.fields);
    assert_eq!(got[0].point_name, "北门长者食堂");
    assert!(joint(&mut c, east).is_empty());

    // 东门 added: its laptop, past the point's changes, receives the whole row
    sync(srv, &mut admin);
    let mut f = saved.fields.clone();
    f.serves = vec![south, east];
    a.save_circle_point(&SaveCirclePoint {
        id: Some(point),
        fields: f.clone(),
    })
    .unwrap();
    sync(srv, &mut a);
    let r = sync(srv, &mut c);
    assert!(r.pulled >= 2, "the replayed change and the new one: {r:?}");
    assert!(c.pull_cursor().unwrap() > cursor);
    let got = circle(&mut c, east);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].fields, f, "every field, the first change's too");
    // and 南门 gets the new list; it and the county-wide laptop, which hold the row, get no
    // replay
    let r = sync(srv, &mut b);
    assert_eq!(r.pulled, 1, "{r:?}");
    assert_eq!(circle(&mut b, south)[0].fields.serves, vec![south, east]);
    let r = sync(srv, &mut admin);
    assert_eq!(r.pulled, 1, "{r:?}");

    // 南门's worker edits it — filed under its home, or under 南门: refused, nothing changes
    let before = on_server(srv, point);
    for scope in [north, south] {
        let mut fields = std::collections::BTreeMap::new();
        fields.insert("name".to_owned(), json!("南门改的名字"));
        b.write_row(
            &Schema::default(),
            SyncWrite {
                table: "circle_points".into(),
                row_id: point,
                fields,
                scope_community: Some(scope),
                scope_grid: None,
                scope_place: None,
            },
            now(),
        )
        .unwrap();
        let r = sync(srv, &mut b);
        assert_eq!((r.accepted, r.refused), (0, 1), "{r:?}");
    }
    assert_eq!(on_server(srv, point), before, "the server changed nothing");
    sync(srv, &mut a);
    sync(srv, &mut c);
    assert_eq!(circle(&mut a, north)[0].fields.name, "北门长者食堂");
    assert_eq!(circle(&mut c, east)[0].fields.name, "北门长者食堂");

    // 南门 taken off the list: 南门's laptop gets that change — the point leaves its circle —
    // and nothing after it
    f.serves = vec![east];
    a.save_circle_point(&SaveCirclePoint {
        id: Some(point),
        fields: f.clone(),
    })
    .unwrap();
    sync(srv, &mut a);
    sync(srv, &mut b);
    assert!(circle(&mut b, south).is_empty(), "no longer 南门's");
    f.hours = "每天 10:30-13:30".into();
    a.save_circle_point(&SaveCirclePoint {
        id: Some(point),
        fields: f.clone(),
    })
    .unwrap();
    sync(srv, &mut a);
    let r = sync(srv, &mut b);
    assert_eq!(r.pulled, 0, "nothing after 南门 left: {r:?}");
    sync(srv, &mut c);
    assert_eq!(circle(&mut c, east)[0].fields.hours, "每天 10:30-13:30");
    // a laptop of 东门 enrolled now pulls the point whole from the start, and nothing of 南门's
    // share comes back to haunt it
    town.worker(srv, "east2", Role::GridWorker, &["东门社区"]);
    let mut c2 = laptop(srv, "east2");
    sync(srv, &mut c2);
    assert_eq!(circle(&mut c2, east)[0].fields, f);
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

#[test]
fn a_shared_point_reaches_every_community_it_serves_read_only_on_sqlite() {
    shared_point_reaches_every_community_it_serves(&Spawn::new().start());
}

#[test]
fn a_shared_point_reaches_every_community_it_serves_read_only_on_postgres() {
    let Some(spawn) = Spawn::new().postgres() else {
        linli_tests::pg::skipped(
            "a_shared_point_reaches_every_community_it_serves_read_only_on_postgres",
        );
        return;
    };
    shared_point_reaches_every_community_it_serves(&spawn.start());
}
