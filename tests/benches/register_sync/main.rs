//! Sync of the real register (issue 24), side by side in one run: the store benches' demo town
//! (100,000 households, their residents, visits, tasks and every other register of the demo;
//! `LINLI_BENCH_HOUSEHOLDS` for a smaller one) on an encrypted laptop,
//! 1. pushed whole to an empty server (the real server in process on 127.0.0.1, an SQLite file);
//! 2. pulled whole into an empty encrypted laptop;
//! 3. PouchDB replicating the same rows as documents (one a row, every table), its server and its
//!    laptop each in a node process of its own;
//! 4. SQLite's own bulk upsert of the same rows into a plain file.
//!
//! Wall and CPU seconds for each (CPU: this process's user and system time, which holds Linli's
//! server and laptop alike, and PouchDB's two processes'), bytes on the wire per household, the
//! load average at the start and the end, and each goal met or not: full pull ≤ 10 s and ≤ 3×
//! the upsert; ≥ 20× PouchDB by the wall clock and ≥ 10× by CPU seconds; first push ≤ 30 s.
//!
//! `LINLI_BENCH_PEERS=off` skips the upsert and PouchDB (for a quick try or a profile).
//!
//! The register is copied first, so a run never changes it. Under `perf record -D -1 --control
//! fifo:CTL` with `LINLI_PERF_CTL=CTL`, the pull is recorded (`LINLI_PERF_STEP=push`: the push;
//! `all`: both; with `perf record --switch-output=signal` and `LINLI_PERF_SWITCH=1`, each in a
//! file of its own).

#[path = "../common/mod.rs"]
mod common;
mod data;
mod pouch;
mod upsert;

use std::time::Instant;

use common::{
    cpu_s, engine, fresh, laptop_with, load_average, met, perf, perf_switch, settle, sign_in,
};
use linli_protocol::sync::Role;
use linli_store::{KeySource, Store};
use linli_tests::Spawn;

/// Wall and CPU seconds of one timed step.
#[derive(Debug, Clone, Copy)]
struct Took {
    wall_s: f64,
    cpu_s: f64,
}

/// Times `f`, recording it under `perf` when `LINLI_PERF_STEP` names `step` or is `all` (the
/// pull unless set).
fn timed<T>(step: &str, f: impl FnOnce() -> T) -> (T, Took) {
    let wanted = std::env::var("LINLI_PERF_STEP").unwrap_or_else(|_| "pull".into());
    let profiled = wanted == step || wanted == "all";
    settle();
    let (t, c) = (Instant::now(), cpu_s());
    if profiled {
        perf("enable");
    }
    let out = f();
    if profiled {
        perf("disable");
        perf_switch();
    }
    let took = Took {
        wall_s: t.elapsed().as_secs_f64(),
        cpu_s: cpu_s() - c,
    };
    (out, took)
}

fn main() {
    let households: u32 = std::env::var("LINLI_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let load_start = load_average();
    let source = data::source(households);
    let dir = common::root().join("target/bench/register_sync");
    std::fs::create_dir_all(&dir).unwrap();
    let key = KeySource::from_env();

    // laptop A: a copy of the register, its rows written out as documents
    let a_path = dir.join("laptop-a.db");
    data::copy(&source, &a_path);
    let a = Store::open_with(&a_path, &key).unwrap();
    let counts = data::counts(&a);
    let changes = a.outbox_len().unwrap();
    let peers = std::env::var("LINLI_BENCH_PEERS").as_deref() != Ok("off");
    let ndjson = dir.join("rows.ndjson");
    let docs = if peers { data::export(&a, &ndjson) } else { 0 };
    drop(a);
    let hh = counts.households as f64;
    println!(
        "register sync: {} ({} households, {} residents, {} visits, {} tasks; {changes} changes to push; {} rows in {} synced tables); load average at the start {load_start}",
        source.display(),
        counts.households,
        counts.residents,
        counts.visits,
        counts.tasks,
        if peers {
            docs.to_string()
        } else {
            "uncounted".into()
        },
        linli_protocol::schema::SYNCED_TABLES.len(),
    );

    // the server, on an SQLite file, on 127.0.0.1
    let server_path = dir.join("server.db");
    fresh(&server_path);
    let mut server = Spawn::new()
        .database(server_path.display().to_string())
        .start();
    server.user("admin", Role::Admin, &[]);
    let url = server.url.clone();

    // 1. A pushes the whole register to the empty server
    let mut a = sign_in(&a_path, "laptop-a", &url, &key);
    let mut ea = engine(&url);
    let mut report = linli_sync::Report::default();
    let ((), push) = timed("push", || {
        ea.push(&mut a, &mut |_| {}, &mut report).unwrap();
    });
    let push_bytes = ea.transport_mut().bytes;
    assert_eq!(report.pushed, changes, "the whole outbox went");
    println!(
        "first push from A: {} changes ({} accepted) in {:.1} s, {:.1} CPU s (server and laptop) = {:.0} households/s; {:.0} bytes on the wire per household",
        report.pushed,
        report.accepted,
        push.wall_s,
        push.cpu_s,
        hh / push.wall_s,
        push_bytes as f64 / hh,
    );
    drop(a);

    // 2. a full pull into an empty encrypted laptop B
    let mut b = laptop_with(&dir, "laptop-b", &url, &key);
    let mut eb = engine(&url);
    let (pulled, pull) = timed("pull", || eb.sync(&mut b, &mut |_| {}).unwrap());
    let pull_bytes = eb.transport_mut().bytes;
    let waited = eb.transport_mut().waited.as_secs_f64();
    let got = data::counts(&b);
    if got != counts {
        println!("MISMATCH: laptop B holds {got:?}, laptop A held {counts:?}");
    }
    println!(
        "full pull into B: {} changes in {:.2} s, {:.2} CPU s (server and laptop) = {:.0} households/s; {:.0} bytes on the wire per household; requests took {:.2} s of it (the next page is fetched while one is applied)",
        pulled.pulled,
        pull.wall_s,
        pull.cpu_s,
        hh / pull.wall_s,
        pull_bytes as f64 / hh,
        waited,
    );
    drop(b);
    server.stop();
    drop(server);
    for f in ["laptop-a.db", "laptop-b.db", "server.db"] {
        fresh(&dir.join(f));
    }

    if !peers {
        println!(
            "first push {:.1} s, full pull {:.2} s (LINLI_BENCH_PEERS=off: no upsert, no PouchDB); load average at the end {}",
            push.wall_s,
            pull.wall_s,
            load_average()
        );
        return;
    }

    // 3. SQLite's bulk upsert of the same rows
    let up = upsert::run(&ndjson, &dir.join("upsert.db"));
    println!(
        "SQLite bulk upsert of the same {} rows (every table, plain file, rows already parsed): {:.2} s, {:.2} CPU s",
        up.rows, up.wall_s, up.cpu_s
    );

    // 4. PouchDB, the same rows as documents
    let p = match pouch::run(&ndjson, &dir.join("pouchdb")) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("PouchDB did not run: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "PouchDB full pull of the same {} documents (its server seeded in {:.0} s beforehand): {:.1} s, {:.1} CPU s (laptop {:.1}, server {:.1}); {:.0} bytes on the wire per household",
        p.docs,
        p.seed_s,
        p.wall_s,
        p.cpu_s(),
        p.client_cpu_s,
        p.server_cpu_s,
        p.bytes as f64 / hh,
    );
    let _ = std::fs::remove_file(&ndjson);

    // the goals
    let upsert_x = pull.wall_s / up.wall_s;
    let pouch_wall_x = p.wall_s / pull.wall_s;
    let pouch_cpu_x = p.cpu_s() / pull.cpu_s.max(0.01);
    println!("goals ({} households):", counts.households);
    println!(
        "  full pull {:.2} s (goal ≤ 10 s): {}",
        pull.wall_s,
        met(pull.wall_s <= 10.0)
    );
    println!(
        "  full pull {upsert_x:.1}× SQLite's bulk upsert by the wall clock (goal ≤ 3×): {}; by CPU seconds {:.1}×",
        met(upsert_x <= 3.0),
        pull.cpu_s / up.cpu_s.max(0.01)
    );
    println!(
        "  full pull {pouch_wall_x:.1}× faster than PouchDB's by the wall clock (goal ≥ 20×): {}",
        met(pouch_wall_x >= 20.0)
    );
    println!(
        "  full pull {pouch_cpu_x:.1}× fewer CPU seconds than PouchDB's (goal ≥ 10×): {}",
        met(pouch_cpu_x >= 10.0)
    );
    println!(
        "  first push {:.1} s (goal ≤ 30 s): {}",
        push.wall_s,
        met(push.wall_s <= 30.0)
    );
    println!(
        "  bytes on the wire per household: push {:.0}, pull {:.0}, PouchDB's pull {:.0}",
        push_bytes as f64 / hh,
        pull_bytes as f64 / hh,
        p.bytes as f64 / hh
    );
    println!("load average at the end {}", load_average());
}
