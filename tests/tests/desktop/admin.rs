//! 管理 (issue 22, item 6) in a real window against the real server on 127.0.0.1: the county
//! office's laptop has synced a town with two communities; 北门社区's administrator signs the
//! station laptop in on 同步, opens 管理 and sees only 北门社区's users (not 南门社区's worker);
//! is told plainly what is wrong with a new user (a short password: nothing is created); creates
//! a grid worker whose place is picked down the tree, and the server holds the worker with that
//! grant and password; disables, enables and gives it a new password from its row; the audit
//! shows each. Screenshots in Chinese and English at 1366×768 (`admin-zh`, `admin-en`; the
//! laptops and the audit: `admin-audit-zh`, `admin-audit-en`).

use std::path::Path;

use linli_protocol::sync::Role;
use linli_server::db::ServerDb;
use linli_store::{KeySource, Store};
use linli_sync::{Engine, HttpTransport};
use linli_tests::{spawn_server, TestServer, Town};

use crate::desktop::support::{fresh_demo_db, Desktop};

/// The county's town with two communities, made on the county's own laptop and synced to the
/// server (a station laptop only pulls the places above and under its grants).
fn county_town(srv: &TestServer, dir: &Path) -> Town {
    srv.user("county", Role::Admin, &[]);
    let mut admin = Store::open_with(dir.join("county.db"), &KeySource::Key([1; 32])).unwrap();
    let mut t = HttpTransport::new(&srv.url);
    linli_sync::login(
        &mut admin,
        &mut t,
        &srv.url,
        "county",
        "secret",
        "county-office",
    )
    .unwrap();
    let town = Town::new("城关镇")
        .community("北门社区")
        .community("南门社区")
        .build(&mut admin);
    Engine::new(HttpTransport::new(&srv.url))
        .sync(&mut admin, &mut |_| {})
        .unwrap();
    town
}

/// Scrolls `css` to the top of the window.
async fn show(app: &Desktop, css: &str) {
    app.wait_for(css).await;
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView()",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn an_administrator_creates_a_grid_worker_with_a_place_in_the_admin_page() {
    let (dir, db) = fresh_demo_db();
    let server = spawn_server();
    let town = county_town(&server, dir.path());
    let (community, community_name) = (town["北门社区"], "北门社区");
    // 北门社区's administrator (by grant, not county-wide): manages the users under it only
    server.user("zhang", Role::Admin, &[community]);
    server.user("lisi", Role::GridWorker, &[town["南门社区"]]);
    let app = Desktop::launch(&db).await;

    // before signing in as an administrator, 管理 is not offered
    app.wait_for("#nav-sync").await;
    assert!(app
        .client
        .find(fantoccini::Locator::Css("#nav-admin"))
        .await
        .is_err());

    app.click("#nav-sync").await;
    app.type_into("#sync-server", &server.url).await;
    app.type_into("#sync-user", "zhang").await;
    app.type_into("#sync-password", "secret").await;
    app.click("#sync-login-submit").await;
    app.wait_for_text("#sync-who", "zhang").await;
    app.wait_text_within(".sync-headline", "同步完成", 120)
        .await;

    app.click("#nav-admin").await;
    app.wait_text_within("#admin-users-table", "zhang", 30)
        .await;
    app.wait_text_within("#admin-scope", community_name, 10)
        .await;
    app.wait_text_within("#admin-devices-table", "zhang", 10)
        .await;
    // 南门社区's worker is not 北门社区's administrator's to see
    assert!(!app.text("#admin-users-table").await.contains("lisi"));

    // a password too short: the server's reason, and nothing created
    app.type_into("#admin-new-name", "wangfang").await;
    app.type_into("#admin-new-password-first", "short").await;
    for (level, id) in [town["城关镇"], community].iter().enumerate() {
        app.choose(&format!("#admin-new-place-{level}"), Some(&id.to_string()))
            .await;
    }
    app.click("#admin-create").await;
    app.wait_text_within("#admin-error", "密码太短", 20).await;
    let none = server.block_on(server.db().user_by_name("wangfang".into()));
    assert!(none.unwrap().is_none(), "a refused user was created");

    // the right password: created with the community picked from the tree
    let field = app.wait_for("#admin-new-password-first").await;
    field.clear().await.unwrap();
    app.type_into("#admin-new-password-first", "wangfang-2026")
        .await;
    app.click("#admin-create").await;
    app.wait_text_within("#admin-notice", "已创建用户“wangfang”", 30)
        .await;
    let row = app
        .wait_text_within("#admin-users-table", "wangfang", 10)
        .await;
    assert!(row.contains("网格员"), "{row}");
    assert!(row.contains(community_name), "{row}");
    let user = server
        .block_on(server.db().user_by_name("wangfang".into()))
        .unwrap()
        .expect("the worker is on the server");
    assert_eq!(
        (user.role, user.grants),
        (Role::GridWorker, vec![community])
    );
    assert!(linli_server::auth::verify_password("wangfang-2026", &user.password_hash).await);
    // disabled and enabled again from its row; a new password from its row's form
    app.click(r#"tr[data-user="wangfang"] .admin-toggle"#).await;
    app.wait_text_within("#admin-notice", "已停用“wangfang”", 20)
        .await;
    app.wait_text_within(
        r#"tr[data-user="wangfang"] .admin-user-status"#,
        "已停用",
        10,
    )
    .await;
    let db = server.db();
    assert!(server
        .block_on(linli_server::Accounts::user_disabled(db, "wangfang".into()))
        .unwrap());
    app.click(r#"tr[data-user="wangfang"] .admin-toggle"#).await;
    app.wait_text_within("#admin-notice", "已启用“wangfang”", 20)
        .await;
    assert!(!server
        .block_on(linli_server::Accounts::user_disabled(db, "wangfang".into()))
        .unwrap());
    app.click(r#"tr[data-user="wangfang"] .admin-reset"#).await;
    app.type_into("#admin-new-password", "another-pass-1").await;
    app.click("#admin-password-save").await;
    app.wait_text_within("#admin-notice", "已重设“wangfang”的密码", 20)
        .await;
    let user = server
        .block_on(server.db().user_by_name("wangfang".into()))
        .unwrap()
        .unwrap();
    assert!(linli_server::auth::verify_password("another-pass-1", &user.password_hash).await);
    app.wait_text_within("#admin-audit-table", "新建用户", 10)
        .await;
    app.wait_text_within("#admin-audit-table", "停用用户", 10)
        .await;
    app.wait_text_within("#admin-audit-table", "重设密码", 10)
        .await;
    app.wait_text_within("#admin-audit-table", "zhang@app:", 10)
        .await;
    app.screenshot("admin-zh").await;
    show(&app, "#admin-devices").await;
    app.screenshot("admin-audit-zh").await;

    // in English
    app.click("#lang-switch").await;
    app.wait_for_text("#nav-admin", "Admin").await;
    app.wait_text_within("#admin-users-table", "Grid worker", 10)
        .await;
    app.wait_text_within("#admin-audit-table", "Added a user", 10)
        .await;
    app.wait_text_within("#admin-notice", "Reset the password of wangfang", 10)
        .await;
    app.screenshot("admin-en").await;
    show(&app, "#admin-devices").await;
    app.screenshot("admin-audit-en").await;
    app.close().await;
}
