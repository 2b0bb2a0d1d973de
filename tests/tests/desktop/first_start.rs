//! The first start (issue 22 item 2) in a real window: the app started on a database file that
//! does not exist shows the first-start page. 加入服务器 signs in against the real server on
//! 127.0.0.1 and shows the first pull's count; 新建社区 says what is wrong with a name before
//! making anything, then makes the county → town → community chain and offers the 台账 import;
//! 看示范 opens the demo town in a file of its own with a banner on every page, and leaving it
//! removes that file. Also: 管理 is offered only to a laptop signed in as an administrator.
//! Screenshots in Chinese and English at 1366×768 (`first-*`).

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use linli_protocol::sync::Role;
use linli_store::{KeySource, Store};
use linli_sync::{Engine, HttpTransport};
use linli_tests::{spawn_server, Town};

use crate::desktop::support::{count, fresh_demo_db, Desktop};

/// The app on a database file that is not there yet, at the size of a station laptop.
async fn first_start(db: &Path) -> Desktop {
    let app = Desktop::launch_first(db, true).await;
    app.client.set_window_size(1366, 768).await.unwrap();
    app
}

/// Both languages of the screen shown now, as `first-<name>-zh.png` and `-en.png`.
async fn both(app: &Desktop, name: &str, lang_button: &str, english: &str) {
    app.screenshot(&format!("first-{name}-zh")).await;
    app.click(lang_button).await;
    app.wait_for_text(lang_button, "中文").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        app.text("body").await.contains(english),
        "{name} in English"
    );
    app.screenshot(&format!("first-{name}-en")).await;
    app.click(lang_button).await;
    app.wait_for_text(lang_button, "English").await;
}

/// Waits up to `secs` for `css` (the demo town takes a while in a debug build).
async fn wait_long(app: &Desktop, css: &str, secs: u64) {
    let started = Instant::now();
    while app.client.find(Locator::Css(css)).await.is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(secs),
            "{css} never showed"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn joining_a_server_on_the_first_start_pulls_the_register_and_opens_the_app() {
    let server = spawn_server();
    server.user("county", Role::Admin, &[]);
    let dir = tempfile::tempdir().unwrap();
    let mut office =
        Store::open_with(dir.path().join("office.db"), &KeySource::Key([1; 32])).unwrap();
    let mut t = HttpTransport::new(&server.url);
    linli_sync::login(
        &mut office,
        &mut t,
        &server.url,
        "county",
        "secret",
        "office",
    )
    .unwrap();
    let town = Town::new("城关镇")
        .community("北门社区")
        .compound("幸福小区")
        .building("1栋")
        .household("101")
        .household("102")
        .build(&mut office);
    Engine::new(HttpTransport::new(&server.url))
        .sync(&mut office, &mut |_| {})
        .unwrap();
    server.user("chen", Role::GridWorker, &[town["北门社区"]]);

    let db = dir.path().join("linli.db");
    let app = first_start(&db).await;
    assert!(!db.exists(), "nothing is made before a choice");
    both(&app, "page", "#first-lang", "Join a server").await;

    app.click("#first-join").await;
    app.wait_for("#first-setup #sync-server").await;
    both(&app, "join", "#first-lang", "your register").await;
    app.type_into("#sync-server", &server.url).await;
    app.type_into("#sync-user", "chen").await;
    app.type_into("#sync-password", "secret").await;
    app.click("#sync-login-submit").await;
    let pulled = app.wait_for_text("#first-pulled", "条记录").await;
    let n: u64 = pulled
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap();
    assert!(n > 0, "{pulled}");
    both(&app, "pulled", "#first-lang", "records downloaded").await;
    app.click("#first-finish").await;
    app.wait_for("#page-home").await;
    assert_eq!(count(&db, "SELECT count(*) FROM households"), 2);
    app.close().await;
}

#[tokio::test]
async fn a_new_community_is_checked_then_made_and_the_register_import_offered() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let app = first_start(&db).await;
    app.click("#first-new").await;
    app.wait_for("#first-new-form").await;

    // nothing typed, then a town name too long: said under each field, nothing made
    app.click("#first-create").await;
    app.wait_for_text("#first-county-error", "名称不能为空")
        .await;
    app.type_into("#first-county", "青山区").await;
    app.type_into("#first-town", &"长".repeat(51)).await;
    app.type_into("#first-community", "南湖社区").await;
    app.click("#first-create").await;
    app.wait_for_text("#first-town-error", "最多50个字").await;
    assert!(app
        .client
        .find(Locator::Css("#first-county-error"))
        .await
        .is_err());
    both(&app, "new-errors", "#first-lang", "at most 50").await;
    assert_eq!(count(&db, "SELECT count(*) FROM places"), 0);

    let town = app.wait_for("#first-town").await;
    town.clear().await.unwrap();
    app.type_into("#first-town", "城关街道").await;
    app.click("#first-create").await;
    app.wait_for_text("#first-created", "青山区 / 城关街道 / 南湖社区")
        .await;
    app.wait_for("#first-setup #import").await;
    both(&app, "new-import", "#first-lang", "Import a register").await;
    let chain = "SELECT count(*) FROM places c JOIN places t ON c.parent_id = t.id \
        JOIN places k ON t.parent_id = k.id WHERE c.kind = 'community' AND c.name = '南湖社区' \
        AND t.kind = 'town' AND k.kind = 'county' AND k.name = '青山区'";
    assert_eq!(count(&db, chain), 1);
    app.click("#first-finish").await;
    app.wait_for("#page-home").await;
    app.close().await;
}

#[tokio::test]
async fn the_demo_keeps_its_banner_on_every_page_and_leaving_it_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let app = first_start(&db).await;
    app.click("#first-demo").await;
    wait_long(&app, "#page-home", 180).await;
    let demo = dir.path().join("linli-demo.db");
    assert!(
        demo.is_file() && !db.exists(),
        "the demo is a file of its own"
    );
    for page in ["home", "register", "sync"] {
        app.click(&format!("#nav-{page}")).await;
        app.wait_for(&format!("#page-{page}")).await;
        app.wait_for_text("#demo-banner", "示范数据 / Demo data")
            .await;
    }
    both(&app, "demo", "#lang-switch", "Leave the demo").await;
    // never mixed with real data: the demo does not sign in to a server
    app.type_into("#sync-server", "http://127.0.0.1:9").await;
    app.type_into("#sync-user", "chen").await;
    app.type_into("#sync-password", "secret").await;
    app.click("#sync-login-submit").await;
    app.wait_for_text("#sync-login-error", "示范数据不会同步")
        .await;

    app.click("#demo-leave").await;
    app.wait_for_text("#demo-leave-confirm", "删除示范数据")
        .await;
    app.click("#demo-leave-yes").await;
    app.wait_for("#first-start").await;
    assert!(!demo.exists() && !db.exists(), "left: no demo, no database");
    app.close().await;
}

#[tokio::test]
async fn the_admin_page_is_offered_to_an_administrators_laptop_only() {
    let (_dir, db) = fresh_demo_db();
    for (role, offered) in [(Role::GridWorker, false), (Role::Admin, true)] {
        Store::open(&db).unwrap().save_sync_role(role).unwrap();
        let app = Desktop::launch_home(&db).await;
        app.wait_for("#page-home").await;
        if offered {
            app.wait_for("#nav-admin").await;
        } else {
            // who this laptop is (GetMe) has long been answered by then
            tokio::time::sleep(Duration::from_secs(3)).await;
            let shown = app.client.find(Locator::Css("#nav-admin")).await.is_ok();
            assert!(!shown, "管理 offered to a grid worker's laptop");
            assert!(app.client.find(Locator::Css("#nav-sync")).await.is_ok());
        }
        app.close().await;
    }
}
