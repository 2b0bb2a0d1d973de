//! Importing a 10,000-row register (issue 8, item 5): a made-up .xlsx from linli-sheets' synth
//! module (title row, merged two-row header, addresses merged down each household), read and
//! imported into an empty compound in one transaction on a real SQLite file; then the same file
//! again (nothing changes) and a dry run. Run by `cargo xtask bench`, or alone with
//! `cargo bench -p linli-store --bench import`. `LINLI_BENCH_ROWS` changes the size.
//!
//! Goal: parse + store of 10,000 rows under 5 s.

use std::time::{Duration, Instant};

use linli_domain::PlaceKind;
use linli_protocol::AddPlace;
use linli_sheets::{read_register, synth, ImportOptions};
use linli_store::Store;

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn main() {
    let rows: usize = std::env::var("LINLI_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("register.xlsx");
    synth::write_register(&file, rows).expect("register writes");
    let mut store = Store::open(dir.path().join("linli.db")).expect("store opens");
    let add = |store: &mut Store, kind, name: &str, parent| {
        store
            .add_place(&AddPlace {
                kind,
                name: name.into(),
                parent_id: parent,
            })
            .expect("place")
            .id
    };
    let community = add(&mut store, PlaceKind::Community, "北门社区", None);
    let compound = add(&mut store, PlaceKind::Compound, "西门新村", Some(community));
    println!(
        "import benchmark: {rows} rows ({} KiB .xlsx), file {}",
        std::fs::metadata(&file).map_or(0, |m| m.len() / 1024),
        dir.path().display()
    );

    let import = |store: &mut Store, dry_run: bool| {
        let t = Instant::now();
        let report = read_register(&file, &ImportOptions::default()).expect("register reads");
        let parsed = t.elapsed();
        let summary = store
            .import_register(&report, compound, dry_run)
            .expect("import");
        (parsed, t.elapsed(), summary)
    };

    let (parse, total, s) = import(&mut store, true);
    println!(
        "dry run:     parse {:.2} s, parse + store {:.2} s (rolled back)",
        secs(parse),
        secs(total)
    );
    assert_eq!(s.residents.created as usize, rows);
    let (parse, total, s) = import(&mut store, false);
    println!(
        "first import: parse {:.2} s, parse + store {:.2} s → {} households, {} residents created, {} refused",
        secs(parse),
        secs(total),
        s.households.created,
        s.residents.created,
        s.refused.len()
    );
    let first = total;
    let journal = store.journal().expect("journal").len();
    let (parse, total, s) = import(&mut store, false);
    assert_eq!((s.residents.created, s.residents.updated), (0, 0));
    assert_eq!(store.journal().expect("journal").len(), journal);
    println!(
        "re-import:   parse {:.2} s, parse + store {:.2} s → nothing changed ({journal} journal entries)",
        secs(parse),
        secs(total)
    );
    let goal = Duration::from_secs(5);
    println!(
        "goal: {rows} rows parse + store under {:.0} s: {} ({:.2} s)",
        secs(goal),
        if first < goal { "met" } else { "MISSED" },
        secs(first)
    );
}
