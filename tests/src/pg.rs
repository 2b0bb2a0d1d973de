//! The PostgreSQL cluster the tests may use. `cargo xtask test` starts one under target/ and sets
//! `LINLI_TEST_PG` (a connection URL), `LINLI_TEST_PGDATA` (its data directory),
//! `LINLI_TEST_PGBIN` (the directory of `pg_ctl`) and `LINLI_TEST_PGUSER` (the system user to run
//! `pg_ctl` as, when the tests run as root). Without `LINLI_TEST_PG` the PostgreSQL tests are
//! skipped, saying so.

use std::path::PathBuf;
use std::process::Command;

/// The admin connection URL of the test cluster, when there is one.
pub fn url() -> Option<String> {
    std::env::var("LINLI_TEST_PG")
        .ok()
        .filter(|s| !s.is_empty())
}

/// The URL parameters that make the server's connections TLS, verified against the cluster's
/// CA (`sslmode=verify-full&sslrootcert=…`), when the cluster serves TLS (`LINLI_TEST_PG_TLS`).
pub fn tls_params() -> Option<String> {
    std::env::var("LINLI_TEST_PG_TLS")
        .ok()
        .filter(|s| !s.is_empty())
}

/// `url` as the server should open it: over TLS when the cluster serves it.
pub fn server_url(url: &str) -> String {
    match tls_params() {
        Some(p) => format!("{url}?{p}"),
        None => url.to_owned(),
    }
}

/// Says that a PostgreSQL test did not run, and why.
pub fn skipped(test: &str) {
    eprintln!("{test}: skipped, LINLI_TEST_PG is not set (cargo xtask test sets it)");
}

/// Runs `pg_ctl -D $LINLI_TEST_PGDATA <args>` as the cluster's owner. Panics when the
/// environment does not say where the cluster is.
pub fn pg_ctl(args: &[&str]) {
    let data = std::env::var("LINLI_TEST_PGDATA").expect("LINLI_TEST_PGDATA names the data dir");
    let bin = std::env::var("LINLI_TEST_PGBIN")
        .map(PathBuf::from)
        .unwrap_or_default()
        .join("pg_ctl");
    let user = std::env::var("LINLI_TEST_PGUSER").unwrap_or_default();
    let log = PathBuf::from(&data).with_file_name("postgres.log");
    let mut cmd = if user.is_empty() {
        Command::new(&bin)
    } else {
        let mut c = Command::new("runuser");
        c.args(["-u", &user, "--"]).arg(&bin);
        c
    };
    let status = cmd
        .arg("-D")
        .arg(&data)
        .arg("-l")
        .arg(&log)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("pg_ctl runs");
    assert!(status.success(), "pg_ctl {args:?} failed: {status}");
}

/// Whether the tests can restart the cluster (they know its data directory).
pub fn can_restart() -> bool {
    url().is_some() && std::env::var_os("LINLI_TEST_PGDATA").is_some()
}

/// A new empty database in the test cluster, by URL, made on a runtime of its own (for tests
/// that are not async). `None` without `LINLI_TEST_PG`.
pub fn fresh_database_url() -> Option<String> {
    let base = url()?;
    let name = format!("linli_t_{}", linli_domain::Id::new().as_uuid().simple());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(&base, tokio_postgres::NoTls)
            .await
            .unwrap();
        let conn = tokio::spawn(conn);
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        drop(client);
        let _ = conn.await;
    });
    let (head, _) = base.rsplit_once('/').unwrap();
    Some(server_url(&format!("{head}/{name}")))
}
