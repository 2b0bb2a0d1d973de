//! Accounts a county can run and HTTPS, through real processes on 127.0.0.1 (issue 17): every
//! admin command leaves an audit row (`linli admin audit`, with `--since` and `--json`); a short
//! password is refused; a disabled user's laptop is refused at its next `linli sync` with a
//! sentence, and syncs again once enabled; `linli serve --tls-cert/--tls-key` serves HTTPS that a
//! laptop logged in with `--ca` syncs over (the CA remembered), while one without it is refused;
//! plain `http://` to another machine is refused without `--insecure` (run inside `unshare -n`,
//! so nothing can leave the machine).

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{failed, ok, pki, Server};

const PASSWORD: &str = "county-secret";

fn linli() -> Command {
    crate::common::linli(PASSWORD)
}

fn admin(server_db: &Path, args: &[&str]) -> Output {
    linli()
        .arg("--db")
        .arg(server_db)
        .arg("admin")
        .args(args)
        .output()
        .unwrap()
}

fn audit(server_db: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["audit", "--json"];
    args.extend_from_slice(extra);
    ok(admin(server_db, &args))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn login(laptop: &Path, url: &str, user: &str, extra: &[&std::ffi::OsStr]) -> Output {
    linli()
        .arg("--db")
        .arg(laptop)
        .args(["login", "--server", url, "--user", user])
        .args(extra)
        .output()
        .unwrap()
}

fn sync(laptop: &Path) -> Output {
    linli()
        .arg("--db")
        .arg(laptop)
        .args(["sync", "--quiet"])
        .output()
        .unwrap()
}

#[test]
fn every_admin_command_leaves_an_audit_row_and_a_disabled_laptop_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server_db = dir.path().join("server.db");
    let place = linli_domain::Id::new().to_string();
    // a short password is refused and adds nothing
    let short = failed(
        crate::common::linli("short")
            .arg("--db")
            .arg(&server_db)
            .args(["admin", "user", "add", "wang", "--role", "grid-worker"])
            .output()
            .unwrap(),
    );
    assert!(short.contains("至少 8 个字符"), "{short}");

    ok(admin(
        &server_db,
        &["user", "add", "wang", "--role", "grid-worker"],
    ));
    ok(admin(&server_db, &["user", "grant", "wang", &place]));
    ok(admin(&server_db, &["user", "revoke", "wang", &place]));
    let server = Server::start(&server_db, PASSWORD);
    let laptop = dir.path().join("laptop.db");
    ok(login(&laptop, &server.url, "wang", &[]));
    ok(sync(&laptop));

    ok(admin(&server_db, &["user", "disable", "wang"]));
    let refused = failed(sync(&laptop));
    assert!(refused.contains("已被管理员停用"), "{refused}");
    ok(admin(&server_db, &["user", "enable", "wang"]));
    ok(sync(&laptop));

    // a new password: the laptop must sign in again
    ok(admin(&server_db, &["user", "passwd", "wang"]));
    let again = failed(sync(&laptop));
    assert!(again.contains("login"), "{again}");
    ok(login(&laptop, &server.url, "wang", &[]));
    ok(sync(&laptop));

    let list = ok(admin(&server_db, &["device", "list"]));
    let device = list.split('\t').next().unwrap().to_owned();
    ok(admin(&server_db, &["device", "revoke", &device]));
    assert!(failed(sync(&laptop)).contains("停用"));
    drop(server);

    let rows = audit(&server_db, &[]);
    let actions: Vec<&str> = rows.iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        [
            "user.add",
            "user.grant",
            "user.revoke",
            "user.disable",
            "user.enable",
            "user.passwd",
            "device.revoke"
        ]
    );
    for r in &rows {
        assert!(r["actor"].as_str().unwrap().contains('@'), "{r}");
        assert!(r["at_ms"].as_i64().unwrap() > 1_700_000_000_000, "{r}");
        assert_eq!(r["county"], "default");
    }
    assert_eq!(rows[0]["target"], "wang");
    assert_eq!(rows[1]["detail"], format!("places={place}"));
    assert_eq!(rows[6]["target"], device.as_str());
    assert_eq!(audit(&server_db, &["--since", "2000-01-01"]).len(), 7);
    assert!(audit(&server_db, &["--since", "2099-01-01"]).is_empty());
    let table = ok(admin(&server_db, &["audit"]));
    assert_eq!(table.lines().count(), 7);
    assert!(table.contains("user.disable\tdefault\twang"), "{table}");
    let bad = failed(admin(&server_db, &["audit", "--since", "last week"]));
    assert!(bad.contains("YYYY-MM-DD"), "{bad}");
}

#[test]
fn a_laptop_logged_in_with_the_county_ca_syncs_over_https() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki::make(dir.path());
    let ca = dir.path().join("county-ca.pem");
    std::fs::write(&ca, &pki.ca_pem).unwrap();
    let server_db = dir.path().join("server.db");
    ok(admin(
        &server_db,
        &["user", "add", "wang", "--role", "admin"],
    ));
    let server = Server::start_with(
        &server_db,
        PASSWORD,
        &[
            "--tls-cert".as_ref(),
            pki.cert.as_os_str(),
            "--tls-key".as_ref(),
            pki.key.as_os_str(),
        ],
    );
    assert!(server.url.starts_with("https://"));

    // without the CA: refused, saying what to do
    let laptop = dir.path().join("laptop.db");
    let refused = failed(login(&laptop, &server.url, "wang", &[]));
    assert!(
        refused.contains("证书不受信任") && refused.contains("--ca"),
        "{refused}"
    );

    ok(login(
        &laptop,
        &server.url,
        "wang",
        &["--ca".as_ref(), ca.as_os_str()],
    ));
    // the CA is remembered: a later sync needs no flag, even with the file gone
    std::fs::remove_file(&ca).unwrap();
    let out = ok(sync(&laptop));
    assert!(out.contains("同步完成"), "{out}");
}

#[test]
fn plain_http_to_another_machine_is_refused_without_insecure() {
    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("laptop.db");
    // inside a network namespace of its own: nothing can leave the machine
    let isolated = |extra: &[&str]| {
        Command::new("unshare")
            .arg("-n")
            .arg(env!("CARGO_BIN_EXE_linli"))
            .env_remove("LINLI_DB")
            .env("LINLI_PASSWORD", PASSWORD)
            .arg("--db")
            .arg(&laptop)
            .args([
                "login",
                "--server",
                "http://192.0.2.10:8470",
                "--user",
                "wang",
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let refused = failed(isolated(&[]));
    assert!(
        refused.contains("不安全的连接") && refused.contains("--insecure"),
        "{refused}"
    );
    // allowed, it tries (and cannot connect in the empty namespace): a different failure
    let tried = failed(isolated(&["--insecure"]));
    assert!(tried.contains("连不上"), "{tried}");
    assert!(!tried.contains("不安全的连接"), "{tried}");
}
