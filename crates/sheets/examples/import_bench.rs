//! Times reading a made-up register: `cargo run -p linli-sheets --release --example import_bench [ROWS]`.
//! Writes the .xlsx (and the same rows as .csv) to a temp folder, then reads each five times and
//! prints the fastest and slowest run. The goal in issue 8 is a 10,000-row import under 5 s.

use std::time::{Duration, Instant};

use linli_sheets::{read_register, synth, write_csv, Cell, ImportOptions};

fn time(path: &std::path::Path) -> (Duration, Duration, usize, usize) {
    let mut runs = Vec::new();
    let mut counts = (0, 0);
    for _ in 0..5 {
        let start = Instant::now();
        let report = read_register(path, &ImportOptions::default()).expect("register reads");
        runs.push(start.elapsed());
        counts = (report.residents.len(), report.households.len());
        assert!(report.refused.is_empty(), "{:?}", &report.refused[..1]);
    }
    runs.sort();
    (runs[0], runs[4], counts.0, counts.1)
}

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .map_or(10_000, |s| s.parse().expect("ROWS is a number"));
    let dir = std::env::temp_dir().join(format!("linli-sheets-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");

    let xlsx = dir.join("register.xlsx");
    let start = Instant::now();
    synth::write_register(&xlsx, rows).expect("register writes");
    let made = start.elapsed();
    let size = std::fs::metadata(&xlsx).map(|m| m.len()).unwrap_or(0);
    let (fast, slow, residents, households) = time(&xlsx);
    println!(
        "xlsx: {rows} rows ({} KiB, written in {made:.2?}): read in {fast:.2?}..{slow:.2?} \
         → {residents} residents, {households} households",
        size / 1024
    );

    // The same register as a flat CSV (address on every row).
    let report = read_register(&xlsx, &ImportOptions::default()).expect("register reads");
    let headers = [
        "姓名",
        "身份证号",
        "出生日期",
        "楼栋",
        "单元",
        "门牌号",
        "与户主关系",
        "联系电话",
    ];
    let lines: Vec<Vec<Cell>> = report
        .residents
        .iter()
        .map(|r| {
            let a = &report.households[r.household].address;
            vec![
                r.name.clone().into(),
                r.id_number.clone().into(),
                r.birth_date.into(),
                a.building.clone().into(),
                a.unit.clone().into(),
                a.room.clone().into(),
                r.relation.clone().into(),
                r.phone.clone().into(),
            ]
        })
        .collect();
    let csv = dir.join("register.csv");
    write_csv(&csv, &headers, &lines).expect("csv writes");
    let (fast, slow, residents, households) = time(&csv);
    println!(
        "csv:  {rows} rows: read in {fast:.2?}..{slow:.2?} → {residents} residents, {households} households"
    );
    std::fs::remove_dir_all(&dir).ok();
}
