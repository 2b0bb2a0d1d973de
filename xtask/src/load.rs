//! `cargo xtask load`: 200 simulated stations against `linli serve` on SQLite, then on a
//! throwaway PostgreSQL cluster, on 127.0.0.1 only and bounded in time. The load generator is the
//! `load` bench of linli-server (a `harness = false` binary); this module builds the release CLI it
//! starts as the server, starts PostgreSQL (fsync on, serving TLS too) and stops it afterwards.
//! The HTTPS runs connect the server to PostgreSQL over TLS as well (`LINLI_LOAD_PG_TLS`).

use std::path::Path;

use anyhow::Result;

use crate::{pg, sh, target_dir};

pub fn run(root: &Path) -> Result<()> {
    sh::step("build the release server (linli)", || {
        sh::cargo(&["build", "--locked", "--release", "-p", "linli"])
    })?;
    // LINLI_LOAD_PG_CONF adds postgresql.conf lines, e.g. "synchronous_commit = off" to see what
    // the WAL flush of each commit costs on this machine's disk
    let extra = std::env::var("LINLI_LOAD_PG_CONF").unwrap_or_default();
    let mut cluster = pg::Cluster::start_with(
        &target_dir(root).join("pg-load"),
        true,
        &format!("{}\n", extra.replace(';', "\n")),
    )?;
    let result = sh::step("load: 200 stations, SQLite then PostgreSQL", || {
        sh::run(
            sh::cmd("cargo")
                .args(["bench", "--locked", "-p", "linli-server", "--bench", "load"])
                .env("LINLI_BIN", target_dir(root).join("release/linli"))
                .env("LINLI_LOAD_PG", cluster.url())
                .envs(
                    cluster
                        .env()
                        .into_iter()
                        .filter(|(k, _)| *k == pg::ENV_TLS)
                        .map(|(_, v)| ("LINLI_LOAD_PG_TLS", v)),
                ),
        )
    });
    cluster.stop()?;
    result
}
