//! The server under the load of a county (issue 5): 200 stations syncing at once against
//! `linli serve` (the release binary, a process of its own, on 127.0.0.1 only), on an SQLite file
//! and then on PostgreSQL. Run by `cargo xtask load`, which builds the binary, starts a throwaway
//! PostgreSQL cluster (fsync on) and passes `LINLI_BIN` and `LINLI_LOAD_PG`.
//!
//! The county: 20 communities of 10 buildings, one station per building (20 grid workers, ten
//! laptops each), and a history of 20,000 household changes. Each station then loops until the
//! time is up: it waits 0.2–1.8 s (about 1 s; a real laptop syncs every few minutes, so this is
//! far denser than a county's day), then syncs — a push of 1–5 changes (visits, which are facts,
//! and household edits) in 70% of the syncs, and a pull from its cursor every time. The stations
//! start synced up to the history; one sync in 50 starts from cursor 0 instead (a laptop set up
//! anew, pulling its community's whole history in pages). Every HTTP request's latency is recorded; the server's resident memory is sampled
//! from /proc every 200 ms.
//!
//! Each backend runs twice: over plain HTTP and over HTTPS (`linli serve --tls-cert/--tls-key`
//! with a certificate of a throwaway CA made here; each station keeps one TLS connection, as
//! ureq pools them). During every run a guessing client sends 50 wrong passwords in a row for a
//! user whose stations are syncing (issue 17): they must end in 429s while the stations' syncs
//! keep their goals.
//!
//! Goals on both backends: p99 ≤ 200 ms and no errors. `LINLI_LOAD_STATIONS` and
//! `LINLI_LOAD_SECS` change the size and length (200 and 30 by default); `LINLI_LOAD_TLS` picks
//! `off`, `on` or `both` (the default).

mod client;
mod server;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use linli_domain::Id;
use linli_protocol::sync::{Change, ChangeOutcome, PullRequest, PushRequest, PushResponse, Role};
use linli_server::{auth, AnyDb, ServerDb};
use serde_json::json;

use client::{agent, certificates, change, enrol, guess, post, push_all, CA};
use server::Server;

const COMMUNITIES: usize = 20;
const HISTORY: usize = 20_000;
/// One sync in this many starts from cursor 0.
const INITIAL_ONE_IN: u64 = 50;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// A pull answer as the load needs it: the changes are counted, not parsed.
#[derive(serde::Deserialize)]
struct Page {
    changes: Vec<serde::de::IgnoredAny>,
    next: i64,
    more: bool,
}

#[derive(Default)]
struct Tally {
    push: Vec<u32>,
    pull: Vec<u32>,
    /// Pages of pulls from cursor 0.
    first: Vec<u32>,
    errors: Vec<String>,
    syncs: u64,
    initial: u64,
    pushed: u64,
    pulled: u64,
}

fn pct(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[i]) / 1000.0
}

/// One backend: set up, load, report. Answers whether the goals were met.
fn run(
    name: &str,
    bin: &str,
    spec: &str,
    stations: usize,
    secs: u64,
    tls: Option<&(String, std::path::PathBuf, std::path::PathBuf)>,
) -> bool {
    println!("\n== {name}: {stations} stations for {secs} s ==");
    // users, straight into the database before the server opens it
    let communities: Vec<Id> = (0..COMMUNITIES).map(|_| Id::new()).collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let db = AnyDb::open(spec).await.unwrap();
        let hash = auth::hash_password("pw").unwrap();
        db.add_user("admin".into(), Role::Admin, hash.clone(), vec![])
            .await
            .unwrap();
        db.set_county_wide("admin".into(), true).await.unwrap();
        for (i, c) in communities.iter().enumerate() {
            db.add_user(format!("w{i:02}"), Role::GridWorker, hash.clone(), vec![*c])
                .await
                .unwrap();
        }
    });
    drop(rt);
    let server = Server::start(bin, spec, tls);
    let base = server.base.clone();
    let a = agent();

    // the county's tree and its history, pushed by the admin
    let setup = Instant::now();
    let (admin, admin_token) = enrol(&a, &base, "admin");
    let mut seq = 0;
    let mut next = || {
        seq += 1;
        seq
    };
    let county = Id::new();
    let mut tree = vec![change(
        admin,
        next(),
        "places",
        county,
        json!({"kind": "county", "name": "永泰县", "parent_id": null}),
        None,
    )];
    let mut buildings = Vec::new();
    for (i, c) in communities.iter().enumerate() {
        tree.push(change(admin, next(), "places", *c, json!({"kind": "community", "name": format!("社区{i}"), "parent_id": county.to_string()}), None));
        for j in 0..stations.div_ceil(COMMUNITIES) {
            let b = Id::new();
            tree.push(change(
                admin,
                next(),
                "places",
                b,
                json!({"kind": "building", "name": format!("{j}栋"), "parent_id": c.to_string()}),
                None,
            ));
            buildings.push((i, b));
        }
    }
    push_all(&a, &base, &admin_token, tree);
    let history = (0..HISTORY)
        .map(|i| {
            let (_, b) = buildings[i % buildings.len()];
            change(
                admin,
                next(),
                "households",
                Id::new(),
                json!({"room": format!("{i}号"), "notes": format!("{}口人", i % 5 + 1)}),
                Some(b),
            )
        })
        .collect();
    // the stations are laptops in use: they have pulled the history already
    let synced = push_all(&a, &base, &admin_token, history);
    let enrolled: Vec<(usize, Id, Id, String)> = (0..stations)
        .map(|s| {
            let (community, building) = buildings[s];
            let (device, token) = enrol(&a, &base, &format!("w{community:02}"));
            (s, building, device, token)
        })
        .collect();
    println!(
        "set up in {:.1?}: {} places, {HISTORY} household changes, {stations} stations enrolled",
        setup.elapsed(),
        1 + COMMUNITIES + buildings.len()
    );
    let rss_idle = server.rss_kib();

    // the load
    let tally = Arc::new(Mutex::new(Tally::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let barrier = Arc::new(Barrier::new(stations + 1));
    let threads: Vec<_> = enrolled
        .into_iter()
        .map(|(s, building, device, token)| {
            let (tally, stop, barrier, base) = (tally.clone(), stop.clone(), barrier.clone(), base.clone());
            std::thread::spawn(move || {
                let a = agent();
                let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (s as u64 + 1) << 7);
                let mut mine = Tally::default();
                let (mut seq, mut cursor, mut households) = (0i64, synced, Vec::<Id>::new());
                barrier.wait();
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(200 + rng.below(1600)));
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    mine.syncs += 1;
                    if rng.below(100) < 70 {
                        let changes: Vec<Change> = (0..1 + rng.below(5))
                            .map(|_| {
                                seq += 1;
                                if households.is_empty() || rng.below(2) == 0 {
                                    let h = Id::new();
                                    households.push(h);
                                    change(device, seq, "households", h, json!({"room": format!("{seq}号"), "phone": "13800000000"}), Some(building))
                                } else {
                                    let h = households[rng.below(households.len() as u64) as usize];
                                    change(device, seq, "visits", Id::new(), json!({"household_id": h.to_string(), "findings": "入户走访", "at": "2026-11-01 09:20"}), Some(building))
                                }
                            })
                            .collect();
                        let n = changes.len() as u64;
                        let t = Instant::now();
                        let r = post(&a, &format!("{base}/v1/push"), Some(&token), &PushRequest { changes, fact_tables: vec!["visits".into()] });
                        let us = t.elapsed().as_micros() as u32;
                        match r {
                            Ok((200, body)) => {
                                let r: PushResponse = serde_json::from_slice(&body).unwrap();
                                if r.results.iter().any(|r| !matches!(r.outcome, ChangeOutcome::Accepted { .. })) {
                                    mine.errors.push(format!("push refused: {:?}", r.results));
                                }
                                mine.push.push(us);
                                mine.pushed += n;
                            }
                            Ok((status, body)) => mine.errors.push(format!("push {status}: {}", String::from_utf8_lossy(&body))),
                            Err(e) => mine.errors.push(format!("push: {e}")),
                        }
                    }
                    let from_zero = rng.below(INITIAL_ONE_IN) == 0;
                    if from_zero {
                        cursor = 0;
                        mine.initial += 1;
                    }
                    loop {
                        let t = Instant::now();
                        let r = post(&a, &format!("{base}/v1/pull"), Some(&token), &PullRequest { after: cursor, limit: 1000, own_seq: None });
                        let us = t.elapsed().as_micros() as u32;
                        match r {
                            Ok((200, body)) => {
                                let page: Page = serde_json::from_slice(&body).unwrap();
                                if from_zero {
                                    mine.first.push(us);
                                } else {
                                    mine.pull.push(us);
                                }
                                mine.pulled += page.changes.len() as u64;
                                cursor = page.next;
                                if !page.more {
                                    break;
                                }
                            }
                            Ok((status, body)) => {
                                mine.errors.push(format!("pull {status}: {}", String::from_utf8_lossy(&body)));
                                break;
                            }
                            Err(e) => {
                                mine.errors.push(format!("pull: {e}"));
                                break;
                            }
                        }
                    }
                }
                let mut t = tally.lock().unwrap();
                t.push.extend(mine.push);
                t.pull.extend(mine.pull);
                t.first.extend(mine.first);
                t.errors.extend(mine.errors);
                t.syncs += mine.syncs;
                t.initial += mine.initial;
                t.pushed += mine.pushed;
                t.pulled += mine.pulled;
            })
        })
        .collect();
    barrier.wait();
    let started = Instant::now();
    let cpu_before = server.cpu_secs();
    // a second into the load, someone guesses w00's password (its stations are syncing)
    let guesser = {
        let base = base.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(1));
            guess(&base, "w00")
        })
    };
    let mut rss_peak = 0;
    while started.elapsed() < Duration::from_secs(secs) {
        rss_peak = rss_peak.max(server.rss_kib());
        std::thread::sleep(Duration::from_millis(200));
    }
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    let (wrong, slowed, other, took) = guesser.join().unwrap();
    let elapsed = started.elapsed().as_secs_f64();
    let server_cpu = (server.cpu_secs() - cpu_before) / elapsed;
    drop(server);

    let mut t = Arc::try_unwrap(tally).ok().unwrap().into_inner().unwrap();
    t.push.sort_unstable();
    t.pull.sort_unstable();
    t.first.sort_unstable();
    let mut all: Vec<u32> = t
        .push
        .iter()
        .chain(&t.pull)
        .chain(&t.first)
        .copied()
        .collect();
    all.sort_unstable();
    let requests = all.len() + t.errors.len();
    println!(
        "{name}: {requests} requests in {elapsed:.1} s = {:.0} req/s; {} syncs ({} from cursor 0), {} changes pushed, {} pulled",
        requests as f64 / elapsed,
        t.syncs,
        t.initial,
        t.pushed,
        t.pulled
    );
    for (what, v) in [
        ("push", &t.push),
        ("pull", &t.pull),
        ("first pull page", &t.first),
        ("all", &all),
    ] {
        println!(
            "{name}: {what:>15}: n = {:>6}  p50 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms",
            v.len(),
            pct(v, 0.50),
            pct(v, 0.99),
            pct(v, 1.0)
        );
    }
    println!(
        "{name}: errors {}; server CPU {:.2} cores; server RSS {:.0} MiB after setup, peak {:.0} MiB under load",
        t.errors.len(),
        server_cpu,
        rss_idle as f64 / 1024.0,
        rss_peak as f64 / 1024.0
    );
    for e in t.errors.iter().take(5) {
        println!("{name}:   error: {e}");
    }
    println!(
        "{name}: guesser: 50 wrong passwords in {took:.1?}: {wrong} answered 401, {slowed} answered 429 (no password check), {other} other"
    );
    let p99 = pct(&all, 0.99);
    let ok = p99 <= 200.0 && t.errors.is_empty() && slowed >= 40 && other == 0;
    println!(
        "{name}: goal p99 ≤ 200 ms and no errors: {}",
        if ok { "met" } else { "MISSED" }
    );
    ok
}

/// A new empty database `name` in the cluster at `url`; answers its URL.
fn fresh_pg(url: &str, name: &str) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap();
        let conn = tokio::spawn(conn);
        // one statement each: DROP DATABASE cannot run inside the implicit transaction of a batch
        for sql in [
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
        ] {
            client.batch_execute(&sql).await.unwrap();
        }
        drop(client);
        let _ = conn.await;
    });
    let (head, _) = url.rsplit_once('/').unwrap();
    format!("{head}/{name}")
}

fn main() {
    // `cargo bench` passes --bench; nothing else is expected
    let Ok(bin) = std::env::var("LINLI_BIN") else {
        println!("load: LINLI_BIN is not set; run it with `cargo xtask load`");
        return;
    };
    let stations = env_or("LINLI_LOAD_STATIONS", 200) as usize;
    let secs = env_or("LINLI_LOAD_SECS", 30);
    println!(
        "load: {stations} stations, {secs} s per backend, {} cores, `linli serve` from {bin}",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let dir = tempfile::tempdir().unwrap();
    let tls = certificates(dir.path());
    CA.set(tls.0.clone()).unwrap();
    let modes: &[bool] = match std::env::var("LINLI_LOAD_TLS").as_deref() {
        Ok("off") => &[false],
        Ok("on") => &[true],
        _ => &[false, true],
    };
    let mut ok = true;
    for (i, &https) in modes.iter().enumerate() {
        let label = |b: &str| format!("{b}{}", if https { "+tls" } else { "" });
        let sqlite = dir
            .path()
            .join(format!("server{i}.db"))
            .display()
            .to_string();
        ok &= run(
            &label("sqlite"),
            &bin,
            &sqlite,
            stations,
            secs,
            https.then_some(&tls),
        );
        match std::env::var("LINLI_LOAD_PG") {
            Ok(url) => {
                // a fresh database of the cluster for each run
                let mut url = fresh_pg(&url, &format!("linli_load_{i}"));
                // the HTTPS run reaches PostgreSQL over TLS too, when the cluster serves it
                if let (true, Ok(params)) = (https, std::env::var("LINLI_LOAD_PG_TLS")) {
                    url = format!("{url}?{params}");
                }
                ok &= run(
                    &label("postgres"),
                    &bin,
                    &url,
                    stations,
                    secs,
                    https.then_some(&tls),
                );
            }
            Err(_) => println!("\npostgres: skipped, LINLI_LOAD_PG is not set"),
        }
    }
    if !ok {
        std::process::exit(1);
    }
}
