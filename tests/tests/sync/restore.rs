//! A laptop restored from a backup (issue 22 item 3) against the real server over HTTP on
//! 127.0.0.1: 王芳's station pushes a household and a visit after its backup was taken, then its
//! disk dies and the backup is restored. The restored laptop takes a new device id at once, so the
//! changes it writes next never collide with the numbers the server holds; its next sync brings
//! back what was pushed after the backup, sends again what the backup still held as unsent, and
//! nothing is lost or doubled on the server or on another laptop.

use linli_tests::{spawn_server, TestServer as Server, Town};

use linli_domain::field::{VisitKind, VisitOutcome};
use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_protocol::{AddHousehold, AddPerson, LogVisit};
use linli_server::ServerDb;
use linli_store::{KeySource, Store};
use linli_sync::{Engine, HttpTransport, Report, Unsent};

const PIN: &str = "backup-pin-2026";

fn sync(srv: &Server, s: &mut Store) -> Report {
    Engine::new(HttpTransport::new(&srv.url))
        .sync(s, &mut |_| {})
        .unwrap()
}

fn login(srv: &Server, s: &mut Store, user: &str) {
    let mut t = HttpTransport::new(&srv.url);
    linli_sync::login_with(s, &mut t, &srv.url, user, "secret", "station", Unsent::Keep).unwrap();
}

fn count(s: &Store, table: &str, id: Option<Id>) -> i64 {
    let (sql, arg) = match id {
        Some(id) => (
            format!("SELECT count(*) FROM {table} WHERE id = ?1"),
            id.to_string(),
        ),
        None => (
            format!("SELECT count(*) FROM {table} WHERE ?1 = ?1"),
            String::new(),
        ),
    };
    s.conn().query_row(&sql, [arg], |r| r.get(0)).unwrap()
}

fn household(s: &mut Store, town: &Town, room: &str) -> Id {
    s.add_household(&AddHousehold {
        building_id: town["1栋"],
        unit_id: None,
        room: room.into(),
        fields: Default::default(),
    })
    .unwrap()
    .id
}

fn visit(s: &mut Store, household: Id, visitor: Id, findings: &str) -> Id {
    s.log_visit(&LogVisit {
        household_id: household,
        visitor_id: visitor,
        at: None,
        kind: VisitKind::Care,
        outcome: VisitOutcome::Met,
        findings: findings.into(),
        member_updates: vec![],
        follow_up: None,
    })
    .unwrap()
    .visit
    .id
}

#[test]
fn a_restored_laptop_neither_loses_nor_doubles_what_it_pushed_after_the_backup() {
    let srv = spawn_server();
    let dir = tempfile::tempdir().unwrap();
    srv.user("admin", Role::Admin, &[]);
    let mut admin =
        Store::open_with(dir.path().join("admin.db"), &KeySource::Key([1; 32])).unwrap();
    login(&srv, &mut admin, "admin");
    let town = Town::new("樟城镇")
        .community("北门社区")
        .compound("幸福小区")
        .building("1栋")
        .household("101")
        .build(&mut admin);
    sync(&srv, &mut admin);
    town.worker(&srv, "wangfang", Role::GridWorker, &["北门社区"]);

    // the station: synced, a visitor and a household pushed
    let db = dir.path().join("station/linli.db");
    let key = KeySource::Key([2; 32]);
    let mut s = Store::open_with(&db, &key).unwrap();
    login(&srv, &mut s, "wangfang");
    sync(&srv, &mut s);
    let visitor = s
        .add_person(&AddPerson {
            community_id: town["北门社区"],
            name: "王芳".into(),
            phone: None,
            roles: vec![linli_domain::register::Role::GridWorker],
        })
        .unwrap()
        .id;
    let h102 = household(&mut s, &town, "102");
    sync(&srv, &mut s);
    // a visit logged but not yet sent when the backup is taken
    let v1 = visit(
        &mut s,
        town.household("1栋", "101"),
        visitor,
        "备份前记录，备份后上传",
    );
    assert!(s.outbox_len().unwrap() > 0);
    let backup = dir.path().join("usb/station.zip");
    s.backup_to(&backup, Some(PIN)).unwrap();
    let old_device = s.current_device_id().unwrap();

    // after the backup: both the visit and a new household and visit reach the server
    let h103 = household(&mut s, &town, "103");
    let v2 = visit(&mut s, h103, visitor, "备份后");
    let r = sync(&srv, &mut s);
    assert_eq!(r.refused, 0);
    assert_eq!(s.outbox_len().unwrap(), 0);
    drop(s);

    // the disk dies; the backup is restored
    let restored = linli_store::backup::restore(&db, &backup, Some(PIN)).unwrap();
    assert_ne!(restored.device_id, old_device);
    let mut s = Store::open_with(&db, &key).unwrap();
    assert_eq!(s.current_device_id().unwrap(), restored.device_id);
    assert_eq!(count(&s, "households", Some(h103)), 0, "not in the backup");
    assert_eq!(count(&s, "visits", Some(v1)), 1);
    // written on the restored laptop before it syncs
    let h105 = household(&mut s, &town, "105");
    let r = sync(&srv, &mut s);
    assert_eq!(r.refused, 0, "{r:?}");
    assert_eq!(
        s.current_device_id().unwrap(),
        restored.device_id,
        "no seq_conflict: the restored laptop never reused a number the server holds"
    );
    assert_eq!(s.outbox_len().unwrap(), 0);
    // nothing lost: what it pushed after the backup came back
    for h in [h102, h103, h105] {
        assert_eq!(count(&s, "households", Some(h)), 1);
    }
    for v in [v1, v2] {
        assert_eq!(count(&s, "visits", Some(v)), 1);
    }
    assert_eq!(count(&s, "visits", None), 2, "nothing doubled here");

    // nothing doubled on the server, as another laptop sees it
    sync(&srv, &mut admin);
    for h in [h102, h103, h105] {
        assert_eq!(count(&admin, "households", Some(h)), 1);
    }
    assert_eq!(count(&admin, "visits", None), 2);
    assert_eq!(count(&admin, "households", None), 4);
    assert_eq!(
        admin.export_canonical().unwrap(),
        s.export_canonical().unwrap(),
        "the restored laptop and the county agree"
    );
    // the visit sent again from the backup's outbox is stored once on the server
    let server = srv.block_on(srv.db().export(None)).unwrap();
    assert_eq!(server["visits"].len(), 2);
    assert_eq!(server["households"].len(), 4);
}
