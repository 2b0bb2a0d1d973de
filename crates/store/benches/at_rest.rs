//! The cost of encryption at rest (issue 16), side by side in one run: the same register of a big
//! community (100,000 households) in an encrypted file (SQLCipher, raw key, 64 MB page cache) and
//! in a plain SQLite copy of it. Measures opening the store, the first screen (工作台's `home`
//! request and the register's top), and search as you type. Reuses the register benchmark's file
//! when it is there (`cargo xtask bench` runs that first). The sync pull is in tests/benches/sync.rs.

use std::time::{Duration, Instant};

use linli_protocol::{Home, PlaceChildren, Search};
use linli_store::demo::{open_or_generate, DemoOptions};
use linli_store::{KeySource, Store};

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Figures {
    open: Duration,
    first: Duration,
    /// CPU seconds of one first screen, the mean of seven (a busy machine distorts the wall
    /// clock far more)
    first_cpu: f64,
    /// CPU seconds of all 160 searches
    search_cpu: f64,
    /// CPU seconds of one first screen again on the store that just drew it (its pages in
    /// SQLite's cache, decrypted once), the mean of seven
    first_warm_cpu: f64,
    /// CPU seconds of all 160 searches after one untimed round of the same 16 (a warm cache)
    search_warm_cpu: f64,
    search_p50: Duration,
    search_p95: Duration,
}

fn measure(path: &std::path::Path, source: &KeySource) -> Figures {
    // the OS page cache holds the file for both: what is compared is SQLite's work
    let community: String = Store::open_with(path, source)
        .unwrap()
        .conn()
        .query_row(
            "SELECT id FROM places WHERE kind = 'community' ORDER BY name LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let home = Home {
        community_id: Some(community.parse().unwrap()),
        ..Default::default()
    };
    let mut opens = Vec::new();
    let mut firsts = Vec::new();
    let mut first_cpu = 0.0;
    let mut first_warm_cpu = 0.0;
    for _ in 0..7 {
        let t = Instant::now();
        let store = Store::open_with(path, source).unwrap();
        opens.push(t.elapsed());
        let (t, cpu) = (Instant::now(), cpu_s());
        store.home(&home).unwrap();
        let top = store.place_children(&PlaceChildren::default()).unwrap();
        assert!(!top.is_empty());
        firsts.push(t.elapsed());
        first_cpu += cpu_s() - cpu;
        let cpu = cpu_s();
        store.home(&home).unwrap();
        store.place_children(&PlaceChildren::default()).unwrap();
        first_warm_cpu += cpu_s() - cpu;
    }
    let store = Store::open_with(path, source).unwrap();
    let queries = [
        "林",
        "陈",
        "黄",
        "张",
        "伟",
        "林伟",
        "陈芳",
        "黄明",
        "张强",
        "王静",
        "lw",
        "cf",
        "zq",
        "lxy",
        "1234",
        "3栋2单元301",
    ];
    let mut samples = Vec::new();
    let search_cpu = cpu_s();
    for _ in 0..10 {
        for q in queries {
            let t = Instant::now();
            store
                .search(&Search {
                    query: q.into(),
                    limit: 20,
                })
                .unwrap();
            samples.push(t.elapsed());
        }
    }
    let search_cpu = cpu_s() - search_cpu;
    let search_warm_cpu = cpu_s();
    for _ in 0..10 {
        for q in queries {
            store
                .search(&Search {
                    query: q.into(),
                    limit: 20,
                })
                .unwrap();
        }
    }
    let search_warm_cpu = cpu_s() - search_warm_cpu;
    Figures {
        open: percentile(&mut opens, 0.5),
        first: percentile(&mut firsts, 0.5),
        first_cpu: first_cpu / 7.0,
        search_cpu,
        first_warm_cpu: first_warm_cpu / 7.0,
        search_warm_cpu,
        search_p50: percentile(&mut samples.clone(), 0.5),
        search_p95: percentile(&mut samples, 0.95),
    }
}

fn main() {
    let households: u32 = std::env::var("LINLI_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let encrypted = dir.join(format!("register-{households}.db"));
    let source = KeySource::from_env();
    drop(
        open_or_generate(
            &encrypted,
            &source,
            DemoOptions {
                households,
                seed: 2024,
            },
        )
        .unwrap(),
    );
    // a plain copy of the same file
    let plain = dir.join(format!("register-{households}-plain.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", plain.display()));
    }
    {
        let store = Store::open_with(&encrypted, &source).unwrap();
        std::fs::File::create(&plain).unwrap();
        store
            .conn()
            .execute("ATTACH DATABASE ?1 AS p KEY ''", [plain.to_string_lossy()])
            .unwrap();
        store
            .conn()
            .execute_batch("SELECT sqlcipher_export('p'); DETACH DATABASE p;")
            .unwrap();
        let v: i64 = store
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        let p = rusqlite::Connection::open(&plain).unwrap();
        p.pragma_update(None, "user_version", v).unwrap();
        p.pragma_update(None, "application_id", 0x4C4E_4C49)
            .unwrap();
        p.pragma_update(None, "journal_mode", "WAL").unwrap();
    }
    println!("encryption at rest: {households} households, the same register encrypted and plain");
    let e = measure(&encrypted, &source);
    let p = measure(&plain, &KeySource::Unencrypted);
    let row = |what: &str, e: Duration, p: Duration| {
        println!(
            "{what:<22} encrypted {:>8.2} ms   plain {:>8.2} ms   {:+.0} %",
            ms(e),
            ms(p),
            (ms(e) / ms(p).max(1e-6) - 1.0) * 100.0
        );
    };
    row("open", e.open, p.open);
    row("first screen (home)", e.first, p.first);
    row("search p50", e.search_p50, p.search_p50);
    row("search p95", e.search_p95, p.search_p95);
    let cpu = |what: &str, e: f64, p: f64| {
        println!(
            "{what:<22} encrypted {:>8.0} ms   plain {:>8.0} ms   {:+.0} %   (CPU time)",
            e * 1000.0,
            p * 1000.0,
            (e / p.max(1e-6) - 1.0) * 100.0
        );
    };
    cpu("first screen, CPU", e.first_cpu, p.first_cpu);
    cpu("160 searches, CPU", e.search_cpu, p.search_cpu);
    // the same again with SQLite's page cache holding what they read: what encryption costs
    // while the window is in use, once each page has been decrypted
    cpu("first screen again", e.first_warm_cpu, p.first_warm_cpu);
    cpu("160 searches again", e.search_warm_cpu, p.search_warm_cpu);
    if std::env::var_os("LINLI_BENCH_KEEP_PLAIN").is_some() {
        // kept to look at its query plans with the sqlite3 shell
        return;
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", plain.display()));
    }
}

/// CPU seconds this process has used so far, from /proc/self/stat (utime + stime, in ticks of
/// 10 ms): a figure that a busy machine distorts less than the wall clock.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}
