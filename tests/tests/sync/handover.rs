//! Handing a laptop over (issue 16 item 4) against the real server over HTTP on 127.0.0.1: 王芳
//! leaves changes in her outbox and 李强 signs in on her laptop. Her changes reach the server under
//! her device before anything is cleared, and the laptop then holds only what 李强 sees. When her
//! token no longer works, signing in refuses (saying how many changes would be lost) and loses
//! nothing, unless the discard is asked for.

use linli_tests::{spawn_server, TestServer as Server, Town};

use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_protocol::AddHousehold;
use linli_server::ServerDb;
use linli_store::{KeySource, Store};
use linli_sync::{Engine, Error, HttpTransport, Unsent};

fn sync(srv: &Server, s: &mut Store) {
    Engine::new(HttpTransport::new(&srv.url))
        .sync(s, &mut |_| {})
        .unwrap();
}

fn login(srv: &Server, s: &mut Store, user: &str, unsent: Unsent) -> linli_sync::Result<()> {
    let mut t = HttpTransport::new(&srv.url);
    linli_sync::login_with(s, &mut t, &srv.url, user, "secret", "station", unsent).map(|_| ())
}

/// Two communities made by the county's administrator and pushed; 王芳 works in 北门社区, 李强 in
/// 南门社区.
fn county(srv: &Server, dir: &std::path::Path) -> Town {
    srv.user("admin", Role::Admin, &[]);
    let mut admin = Store::open_with(dir.join("admin.db"), &KeySource::Key([1; 32])).unwrap();
    login(srv, &mut admin, "admin", Unsent::Keep).unwrap();
    let town = Town::new("樟城镇")
        .community("北门社区")
        .compound("幸福小区")
        .building("1栋")
        .household("101")
        .community("南门社区")
        .compound("和平小区")
        .building("2栋")
        .household("201")
        .build(&mut admin);
    sync(srv, &mut admin);
    town.worker(srv, "wangfang", Role::GridWorker, &["北门社区"]);
    town.worker(srv, "liqiang", Role::GridWorker, &["南门社区"]);
    town
}

/// The station laptop, signed in as 王芳 and synced, with a household she added offline since.
fn her_laptop(srv: &Server, dir: &std::path::Path, town: &Town) -> (Store, Id) {
    let mut s = Store::open_with(dir.join("station.db"), &KeySource::Key([2; 32])).unwrap();
    login(srv, &mut s, "wangfang", Unsent::Keep).unwrap();
    sync(srv, &mut s);
    assert!(has(&s, "households", town.household("1栋", "101")));
    let added = s
        .add_household(&AddHousehold {
            building_id: town["1栋"],
            unit_id: None,
            room: "102".into(),
            fields: Default::default(),
        })
        .unwrap()
        .id;
    assert!(s.outbox_len().unwrap() > 0);
    (s, added)
}

fn has(s: &Store, table: &str, id: Id) -> bool {
    s.conn()
        .query_row(
            &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
            [id.to_string()],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
        > 0
}

fn count(s: &Store, table: &str) -> i64 {
    s.conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_previous_users_changes_reach_the_server_and_the_laptop_holds_only_the_new_users_sight() {
    let srv = spawn_server();
    let dir = tempfile::tempdir().unwrap();
    let town = county(&srv, dir.path());
    let (mut s, added) = her_laptop(&srv, dir.path(), &town);
    let her_device = s.current_device_id().unwrap();

    login(&srv, &mut s, "liqiang", Unsent::Keep).unwrap();
    // before the first pull: nothing of the community is left, and nothing waits to go
    assert_eq!(count(&s, "households"), 0);
    assert_eq!(count(&s, "places"), 0);
    assert_eq!(count(&s, "journal"), 0);
    assert_eq!(s.outbox_len().unwrap(), 0);
    assert_eq!(s.pull_cursor().unwrap(), 0);
    assert_eq!(s.enrolment().unwrap().unwrap().user, "liqiang");
    assert_ne!(s.current_device_id().unwrap(), her_device);

    // her household is on the server, sent from her device under her account
    let mut admin =
        Store::open_with(dir.path().join("admin.db"), &KeySource::Key([1; 32])).unwrap();
    sync(&srv, &mut admin);
    let from: String = admin
        .conn()
        .query_row(
            "SELECT device_id FROM journal WHERE tbl = 'households' AND row_id = ?1",
            [added.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(from, her_device.to_string());
    let devices = srv.block_on(srv.db().list_devices()).unwrap();
    let hers = devices.iter().find(|d| d.device_id == her_device).unwrap();
    assert_eq!(hers.user, "wangfang");

    // 李强's first pull: his community only
    sync(&srv, &mut s);
    assert!(has(&s, "households", town.household("2栋", "201")));
    assert!(!has(&s, "households", town.household("1栋", "101")));
    assert!(!has(&s, "households", added));
    assert!(!has(&s, "places", town["1栋"]));

    // signing in again as 李强 changes nothing of it
    let before = count(&s, "households");
    login(&srv, &mut s, "liqiang", Unsent::Keep).unwrap();
    assert_eq!(count(&s, "households"), before);
    assert!(has(&s, "households", town.household("2栋", "201")));
}

#[test]
fn a_revoked_previous_token_refuses_the_handover_and_loses_nothing_unless_discarded() {
    let srv = spawn_server();
    let dir = tempfile::tempdir().unwrap();
    let town = county(&srv, dir.path());
    let (mut s, added) = her_laptop(&srv, dir.path(), &town);
    let waiting = s.outbox_len().unwrap();
    srv.block_on(srv.db().revoke_device(s.current_device_id().unwrap()))
        .unwrap();

    let err = login(&srv, &mut s, "liqiang", Unsent::Keep).unwrap_err();
    match &err {
        Error::Unsent {
            previous, changes, ..
        } => {
            assert_eq!(previous, "wangfang");
            assert_eq!(*changes, waiting);
        }
        e => panic!("expected a refusal naming the unsent changes, got {e}"),
    }
    // nothing lost: her rows, her outbox, her enrolment
    assert!(has(&s, "households", added));
    assert!(has(&s, "households", town.household("1栋", "101")));
    assert_eq!(s.outbox_len().unwrap(), waiting);
    assert_eq!(s.enrolment().unwrap().unwrap().user, "wangfang");

    // a wrong password with the discard asked for clears nothing either
    let mut t = HttpTransport::new(&srv.url);
    let wrong = linli_sync::login_with(
        &mut s,
        &mut t,
        &srv.url,
        "liqiang",
        "not his password",
        "station",
        Unsent::Discard,
    );
    assert!(wrong.is_err());
    assert!(has(&s, "households", added));
    assert_eq!(s.outbox_len().unwrap(), waiting);

    // asked for, the discard goes through: the laptop is 李强's
    login(&srv, &mut s, "liqiang", Unsent::Discard).unwrap();
    assert!(!has(&s, "households", added));
    assert_eq!(s.outbox_len().unwrap(), 0);
    sync(&srv, &mut s);
    assert!(has(&s, "households", town.household("2栋", "201")));
    assert!(!has(&s, "households", town.household("1栋", "101")));
}
