//! The sync simulation (issue 4 item 7): four laptops with different scopes and the real server in
//! process over HTTP on 127.0.0.1, random edits, deletes and fact appends, under faults — requests
//! dropped, duplicated and replayed late, answers lost after the server committed, laptops killed
//! between their local commit and the acknowledgement, the server restarted, clocks days apart.
//! Field work too (issue 6): laptops sharing a building log visits to the same households, take
//! the same tasks through the five-list flow and escalate them when overdue. After quiescence every laptop agrees with the server
//! within its scope, every accepted fact is there once, every visit is there exactly once
//! everywhere, each task reads the same on every laptop and matches the server's events, and
//! nothing deleted comes back.
//!
//! `LINLI_SIM_CASES` sets the number of seeds (8 by default; `cargo xtask soak` runs hundreds).
//! The server runs on an SQLite file; with `LINLI_TEST_PG` set (as `cargo xtask test` does) the
//! fixed seed runs once more with the server on PostgreSQL.
//!
//! The same binary holds the sync client's own tests against the real server (`client`, moved
//! from linli-sync in issue 18).
//!
//! mod list:
//! - `client`: the engine, blobs, HTTPS, `Retry-After` and the time bank against the server
//! - `world`: the server, the laptops, the faulty transport and the checks
//! - `hostile`: a device that sends poison (issue 13); w2's file is also copied to a second laptop
//!   mid-run, so both take part with one device id until one of them takes a new one
//! - `power`: power loss — a laptop's file without its `-wal`, the server's database and `-wal`
//!   (`synchronous=FULL`) copied and started again without a graceful shutdown

mod client;
mod hostile;
mod power;
mod world;

use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("LINLI_SIM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn replicas_converge_under_faults(seed in any::<u64>(), steps in 10usize..60) {
        world::run(seed, steps);
    }
}

/// A fixed seed with every fault, so the normal test run always covers a restart.
#[test]
fn a_fixed_seed_with_a_server_restart_converges() {
    let seen = world::run(0x5eed_0004, 120);
    assert!(seen.restarts > 0 && seen.kills > 0, "{seen:?}");
    assert!(seen.refused > 0 && seen.facts > 0, "{seen:?}");
    assert!(seen.visits > 0 && seen.task_steps > 0, "{seen:?}");
    assert!(seen.poisons > 0 && seen.copies == 1, "{seen:?}");
    assert!(
        seen.laptop_power_losses > 0 && seen.server_power_losses > 0,
        "{seen:?}"
    );
}

/// The same fixed seed with the server on PostgreSQL (issue 5), when `LINLI_TEST_PG` is set.
#[test]
fn a_fixed_seed_converges_with_the_server_on_postgres() {
    let Some(database) = linli_tests::pg::fresh_database_url() else {
        linli_tests::pg::skipped("a_fixed_seed_converges_with_the_server_on_postgres");
        return;
    };
    let seen = world::run_on(Some(database), 0x5eed_0004, 120);
    assert!(seen.restarts > 0 && seen.kills > 0, "{seen:?}");
    assert!(seen.refused > 0 && seen.facts > 0, "{seen:?}");
}
