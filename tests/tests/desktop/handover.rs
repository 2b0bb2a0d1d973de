//! Handing the laptop over in the window (issue 16 item 4), against the real server on
//! 127.0.0.1: the station laptop is signed in as 王芳 with a household she added offline, and her
//! laptop was revoked since (so the app's own syncs cannot send it). 换人登录 as 李强 asks first,
//! naming 王芳, her unsent change and that the laptop's data is replaced; cancelling changes
//! nothing; confirming finds her change cannot be sent and says so, clearing nothing; trying again
//! changes nothing either; only the ticked discard goes through, and the laptop then holds 李强's
//! community. (That the previous user's changes go up first when her token works is the sync
//! test `handover`'s.) Screenshots in Chinese and English at 1366×768: `handover-<step>-<lang>.png`.

use linli_protocol::sync::Role;
use linli_protocol::AddHousehold;
use linli_server::ServerDb;
use linli_store::{KeySource, Store};
use linli_sync::{Engine, HttpTransport};
use linli_tests::{spawn_server, TestServer, Town};

use crate::desktop::support::{count, Desktop};

fn sync(srv: &TestServer, s: &mut Store) {
    Engine::new(HttpTransport::new(&srv.url))
        .sync(s, &mut |_| {})
        .unwrap();
}

fn login(srv: &TestServer, s: &mut Store, user: &str) {
    let mut t = HttpTransport::new(&srv.url);
    linli_sync::login(s, &mut t, &srv.url, user, "secret", "station").unwrap();
}

/// The county's two communities on the server; the station laptop at `db`, signed in as 王芳,
/// synced, with one household she added since (unsent).
fn station(srv: &TestServer, dir: &std::path::Path, db: &std::path::Path) -> Town {
    srv.user("admin", Role::Admin, &[]);
    let mut admin = Store::open_with(dir.join("admin.db"), &KeySource::Key([1; 32])).unwrap();
    login(srv, &mut admin, "admin");
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
    town.worker(srv, "王芳", Role::GridWorker, &["北门社区"]);
    town.worker(srv, "李强", Role::GridWorker, &["南门社区"]);
    let mut s = Store::open(db).unwrap();
    login(srv, &mut s, "王芳");
    sync(srv, &mut s);
    s.add_household(&AddHousehold {
        building_id: town["1栋"],
        unit_id: None,
        room: "102".into(),
        fields: Default::default(),
    })
    .unwrap();
    assert_eq!(s.outbox_len().unwrap(), 1);
    srv.block_on(srv.db().revoke_device(s.current_device_id().unwrap()))
        .unwrap();
    town
}

/// Opens 换人登录 and asks to sign in as 李强: the confirmation opens.
async fn ask(app: &Desktop) {
    app.click("#sync-switch-user").await;
    app.wait_for("#sync-login").await;
    app.type_into("#sync-user", "李强").await;
    app.type_into("#sync-password", "secret").await;
    app.click("#sync-login-submit").await;
    app.wait_for("#handover-confirm").await;
}

#[tokio::test]
async fn signing_in_as_another_user_asks_first_and_cancel_changes_nothing() {
    let srv = spawn_server();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("station").join("linli.db");
    let town = station(&srv, dir.path(), &db);
    let households = "SELECT count(*) FROM households";
    assert_eq!(count(&db, households), 2);

    for lang in ["zh", "en"] {
        let app = Desktop::launch_home(&db).await;
        app.client
            .set_window_size(1366, 768)
            .await
            .expect("a 1366×768 window");
        if lang == "en" {
            app.click("#lang-switch").await;
            app.wait_for_text("#nav-home", "Home").await;
        }
        app.click("#nav-sync").await;
        app.wait_for_text("#sync-who", "王芳").await;
        app.screenshot(&format!("handover-page-{lang}")).await;
        ask(&app).await;
        let previous = app.text("#handover-previous").await;
        assert!(previous.contains("王芳"), "{previous}");
        let push = app.text("#handover-push").await;
        assert!(push.contains("王芳") && push.contains('1'), "{push}");
        let replace = app.text("#handover-replace").await;
        assert!(replace.contains("李强"), "{replace}");
        if lang == "zh" {
            assert!(push.contains("1 条修改"), "{push}");
            assert!(replace.contains("清除本机"), "{replace}");
        } else {
            assert!(push.contains("1 unsent change"), "{push}");
            assert!(replace.contains("cleared"), "{replace}");
        }
        app.screenshot(&format!("handover-confirm-{lang}")).await;

        // cancel: the confirmation goes, the laptop is still hers and nothing was sent
        app.click("#handover-cancel").await;
        assert!(app
            .client
            .find(fantoccini::Locator::Css("#handover-confirm"))
            .await
            .is_err());
        assert_eq!(count(&db, households), 2);

        // confirmed: her change cannot go (her laptop was revoked), so the window says how many
        // wait and clears nothing; cancelling there changes nothing either
        app.click("#sync-login-submit").await;
        app.click("#handover-confirm-ok").await;
        let unsent = app.wait_for_text("#handover-unsent", "王芳").await;
        assert!(
            unsent.contains(if lang == "zh" {
                "1条修改没能上传"
            } else {
                "Changes of 王芳 that could not be sent: 1."
            }),
            "{unsent}"
        );
        app.screenshot(&format!("handover-unsent-{lang}")).await;
        app.click("#handover-cancel").await;
        app.click("#sync-login-cancel").await;
        app.wait_for_text("#sync-who", "王芳").await;
        app.close().await;
        assert_eq!(count(&db, households), 2);
        let s = Store::open(&db).unwrap();
        assert_eq!(s.outbox_len().unwrap(), 1);
        assert_eq!(s.enrolment().unwrap().unwrap().user, "王芳");
    }

    // confirmed: her change cannot go (her laptop was revoked), so nothing is cleared and the
    // window says how many changes wait; trying again changes nothing either
    let app = Desktop::launch_home(&db).await;
    app.client
        .set_window_size(1366, 768)
        .await
        .expect("a 1366×768 window");
    app.click("#nav-sync").await;
    app.wait_for_text("#sync-who", "王芳").await;
    ask(&app).await;
    app.click("#handover-confirm-ok").await;
    let unsent = app
        .wait_for_text("#handover-unsent", "1条修改没能上传")
        .await;
    assert!(unsent.contains("王芳"), "{unsent}");
    let discard = app.wait_for("#handover-discard").await;
    assert!(
        !discard.is_enabled().await.unwrap(),
        "discarding needs the tick"
    );
    assert_eq!(count(&db, households), 2);
    app.click("#handover-retry").await;
    app.wait_for_text("#handover-unsent", "1条修改没能上传")
        .await;
    assert_eq!(count(&db, households), 2);

    // ticked and discarded: the laptop is cleared and 李强's community comes down
    app.click("#handover-discard-tick").await;
    app.click("#handover-discard").await;
    app.wait_for_text("#sync-who", "李强").await;
    app.wait_for_text(".sync-headline", "同步完成").await;
    app.wait_for_text("#sync-outbox", "0 条").await;
    app.screenshot("handover-done-zh").await;
    app.click("#lang-switch").await;
    app.wait_for_text("#sync-who", "李强").await;
    app.wait_for_text("#nav-home", "Home").await;
    app.screenshot("handover-done-en").await;
    app.close().await;

    let s = Store::open(&db).unwrap();
    let id = |h: linli_domain::Id| {
        count(
            &db,
            &format!("SELECT count(*) FROM households WHERE id = '{h}'"),
        )
    };
    assert_eq!(id(town.household("2栋", "201")), 1, "his community");
    assert_eq!(id(town.household("1栋", "101")), 0, "not hers");
    assert_eq!(s.enrolment().unwrap().unwrap().user, "李强");
    assert_eq!(
        count(&db, "SELECT count(*) FROM households WHERE room = '102'"),
        0,
        "her discarded household is gone"
    );
}
