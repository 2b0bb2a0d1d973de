//! The register at the scale of a big community: 100,000 households and about 300,000 residents
//! in one file. Measures generation speed, opening the store with its first screen, search as
//! you type (p50/p95 per kind of query) and the household page. Run by `cargo xtask bench`.
//!
//! Goals (issue 3): search p95 ≤ 30 ms for 1- and 2-character queries and pinyin initials;
//! household page ≤ 20 ms; open and first screen ≤ 300 ms.

use std::time::{Duration, Instant};

use linli_protocol::{GetHousehold, ListHouseholds, PlaceChildren, Search};
use linli_store::demo::{generate, DemoOptions};
use linli_store::Store;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let households: u32 = std::env::var("LINLI_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("register-{households}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }

    println!(
        "register benchmark: {households} households, file {}",
        path.display()
    );
    let t = Instant::now();
    let summary = {
        let mut store = Store::open(&path).unwrap();
        generate(
            &mut store,
            DemoOptions {
                households,
                seed: 2024,
            },
        )
        .unwrap()
    };
    let gen = t.elapsed();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(format!("{}-wal", path.display()))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "generate: {} households, {} residents in {:.1} s = {:.0} residents/s; file {:.0} MB",
        summary.households,
        summary.residents,
        gen.as_secs_f64(),
        f64::from(summary.residents) / gen.as_secs_f64(),
        size as f64 / 1e6
    );

    // opening the store and the first screen: the tree's top, the first community's children and
    // its first page of households
    let mut opens = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let store = Store::open(&path).unwrap();
        let top = store.place_children(&PlaceChildren::default()).unwrap();
        let town = store
            .place_children(&PlaceChildren {
                parent_id: Some(top[0].place.id),
            })
            .unwrap();
        let community = store
            .place_children(&PlaceChildren {
                parent_id: Some(town[0].place.id),
            })
            .unwrap();
        let first = store
            .list_households(&ListHouseholds {
                place_id: Some(community[0].place.id),
                ..Default::default()
            })
            .unwrap();
        assert!(!first.rows.is_empty());
        opens.push(t.elapsed());
    }
    let open_p50 = percentile(&mut opens, 0.5);
    println!(
        "open + first screen: p50 {:.1} ms, max {:.1} ms (goal ≤ 300 ms)",
        ms(open_p50),
        ms(*opens.last().unwrap())
    );

    let store = Store::open(&path).unwrap();
    let kinds: &[(&str, &[&str])] = &[
        (
            "1 character",
            &["林", "陈", "黄", "张", "詹", "庄", "伟", "芳", "彭", "洪"],
        ),
        (
            "2 characters",
            &[
                "林伟", "陈芳", "黄明", "张强", "郑秀", "王静", "詹华", "傅玲", "苏平", "李娜",
            ],
        ),
        (
            "pinyin initials",
            &["lw", "cf", "hm", "zq", "zxy", "wj", "l", "c", "lxy", "zjg"],
        ),
        (
            "full pinyin",
            &["linwei", "chenfang", "zhang", "huangming", "wang"],
        ),
        ("last digits", &["1234", "5678", "0591", "20123", "8888"]),
        ("address", &["3栋2单元301", "5-1-402", "12号楼1单元101室"]),
        // issue 14: the full address (compound first) and a compound alone
        (
            "full address",
            &[
                "南湖苑1栋1单元101",
                "金山花园2-1-301",
                "翠湖苑",
                "樟城公寓3栋2单元402",
            ],
        ),
    ];
    let mut worst_p95 = Duration::ZERO;
    for (kind, queries) in kinds {
        let mut samples = Vec::new();
        let mut hits = 0usize;
        for _ in 0..20 {
            for q in *queries {
                let t = Instant::now();
                let r = store
                    .search(&Search {
                        query: (*q).into(),
                        limit: 20,
                    })
                    .unwrap();
                samples.push(t.elapsed());
                hits += r.len();
            }
        }
        let p50 = percentile(&mut samples, 0.5);
        let p95 = percentile(&mut samples, 0.95);
        if kind.contains("character") || kind.contains("initials") {
            worst_p95 = worst_p95.max(p95);
        }
        println!(
            "search {kind:<16} p50 {:>6.2} ms  p95 {:>6.2} ms  ({} queries, {:.1} hits each)",
            ms(p50),
            ms(p95),
            samples.len(),
            hits as f64 / samples.len() as f64
        );
    }
    println!(
        "search p95 over 1-2 characters and initials: {:.2} ms (goal ≤ 30 ms)",
        ms(worst_p95)
    );

    let ids: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM households ORDER BY id LIMIT 2000")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut samples = Vec::new();
    for id in ids.iter().step_by(10) {
        let t = Instant::now();
        let page = store
            .get_household(&GetHousehold {
                id: id.parse().unwrap(),
            })
            .unwrap();
        samples.push(t.elapsed());
        assert!(!page.members.is_empty());
    }
    let p50 = percentile(&mut samples, 0.5);
    let p95 = percentile(&mut samples, 0.95);
    println!(
        "household page: p50 {:.2} ms, p95 {:.2} ms (goal ≤ 20 ms)",
        ms(p50),
        ms(p95)
    );
}
