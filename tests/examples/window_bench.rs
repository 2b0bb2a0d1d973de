//! Issue 24's window benchmark: the release app on the 100,000-household town under Xvfb, driven
//! through WebDriver (tauri-driver) as the window tests drive the debug one. It times, in the page
//! itself (`performance.now()` from the click to the content in the DOM), every page of the
//! navigation, the household page, a search and opening a task, three runs each, and prints the
//! slowest against the 300 ms goal; launch → first content against 500 ms; and the app's memory
//! (PSS of the app and its WebKit processes) after start and after a scripted, scaled-down working
//! hour, against an empty Tauri 2 window of the same Tauri (`empty_window`, linli-desktop's
//! example) when it is built.
//!
//! DRAFT, not yet in `cargo xtask bench`: run by hand (`cargo run -p linli-tests --example
//! window_bench`) after `cargo xtask ui`, `cargo build --release -p linli-desktop` and
//! `cargo build --release -p linli-desktop --example empty_window`. Tried once, against the DEBUG
//! app (no release build finished in the session): launch → first content was measured (537 ms in
//! the page, 1.7 s from asking for the window); 今日 did not come within WebDriver's 30 s script
//! timeout, so the page timings and the memory part have never run to the end. It reads:
//! - `LINLI_DESKTOP_RELEASE` (default `target/release/linli-desktop`), `TAURI_DRIVER` (default
//!   `tauri-driver` in `~/.cargo/bin`), `LINLI_EMPTY_WINDOW` (default
//!   `target/release/examples/empty_window`; skipped with a note when missing);
//! - `LINLI_BENCH_HOUSEHOLDS` (100,000): the town `target/bench/register-N.db` made by
//!   `cargo xtask bench`'s store benchmarks, copied so the run never changes it;
//! - `DISPLAY`: one is started (Xvfb at 1366×768) when none is set;
//! - `LINLI_BENCH_HOUR` (200): the page switches of the working hour (half as many searches, a
//!   tenth as many exports).

#[path = "window_bench/driver.rs"]
mod driver;
#[path = "window_bench/memory.rs"]
mod memory;

use std::path::{Path, PathBuf};
use std::time::Duration;

use driver::App;

const PAGE_GOAL_MS: f64 = 300.0;
const LAUNCH_GOAL_MS: f64 = 500.0;

/// The navigation, in its order: (slug, what must be on the page besides its head).
const PAGES: &[(&str, &[&str])] = &[
    ("home", &[]),
    ("today", &["#due-count", "#coverage"]),
    ("register", &[]),
    ("grids", &[]),
    ("visits", &["#agenda-grids, #agenda-empty"]),
    ("tasks", &["#task-board", "#task-rates"]),
    ("volunteers", &[]),
    ("reports", &[]),
    ("sync", &[]),
    ("settings", &[]),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn env_or(name: &str, default: PathBuf) -> PathBuf {
    std::env::var_os(name).map(PathBuf::from).unwrap_or(default)
}

/// A copy of the bench town with a grid worker of its biggest community as the laptop's worker
/// (the app would ask who works here first otherwise), and that worker's head-of-household name
/// to search for.
fn town(households: u32, dir: &Path) -> (PathBuf, String) {
    let source = root().join(format!("target/bench/register-{households}.db"));
    assert!(
        source.is_file(),
        "{} is missing: run `cargo bench -p linli-store --bench pages` (or `cargo xtask bench`) first",
        source.display()
    );
    let db = dir.join("linli.db");
    for suffix in ["", ".key"] {
        std::fs::copy(
            format!("{}{suffix}", source.display()),
            format!("{}{suffix}", db.display()),
        )
        .unwrap();
    }
    let mut store = linli_store::Store::open(&db).unwrap();
    let (worker, name): (String, String) = store
        .conn()
        .query_row(
            "WITH c AS (SELECT community_id FROM households WHERE deleted = 0
                        GROUP BY community_id ORDER BY count(*) DESC LIMIT 1)
             SELECT p.id, (SELECT r.name FROM residents r JOIN households h ON h.id = r.household_id
                           WHERE h.community_id = c.community_id AND r.relation = '户主'
                           ORDER BY r.id LIMIT 1)
             FROM people p, c JOIN assignments a ON a.person_id = p.id
             WHERE p.community_id = c.community_id AND a.grid_id IS NOT NULL
             ORDER BY p.name LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    store
        .set_me(&linli_protocol::SetMe {
            person_id: Some(worker.parse().unwrap()),
        })
        .unwrap();
    (db, name)
}

/// The slowest of the runs, printed against the goal.
fn report(what: &str, runs: &[f64], goal: f64) -> f64 {
    let slowest = runs.iter().copied().fold(0.0, f64::max);
    let all: Vec<String> = runs.iter().map(|r| format!("{r:.0}")).collect();
    println!(
        "  {what:<28} slowest {slowest:>7.0} ms  (runs {:<18}) {}",
        all.join(", "),
        if slowest <= goal {
            format!("≤ {goal:.0} ms: met")
        } else {
            format!("> {goal:.0} ms: NOT met")
        }
    );
    slowest
}

#[tokio::main]
async fn main() {
    let households: u32 = std::env::var("LINLI_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let hour: usize = std::env::var("LINLI_BENCH_HOUR")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let app_bin = env_or(
        "LINLI_DESKTOP_RELEASE",
        root().join("target/release/linli-desktop"),
    );
    assert!(
        app_bin.is_file(),
        "{} is missing: `cargo xtask ui && cargo build --release -p linli-desktop`",
        app_bin.display()
    );
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let driver_bin = env_or("TAURI_DRIVER", home.join(".cargo/bin/tauri-driver"));
    let display = driver::display();
    let dir = tempfile::tempdir_in(root().join("target")).unwrap();
    let (db, name) = town(households, dir.path());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "window benchmark: the release app on {households} households ({}), load average {}",
        db.display(),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );

    let app = App::launch(&display.1, &driver_bin, &app_bin, &db, dir.path()).await;
    println!("launch → first content (工作台 drawn with its figures):");
    report(
        "from the page's start",
        &[app.launched_in_page],
        LAUNCH_GOAL_MS,
    );
    report(
        "from asking for the window",
        &[app.launched_wall],
        LAUNCH_GOAL_MS,
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let started_pss = memory::pss_of_app(app.driver_pid());

    println!("click → content, three runs each:");
    let mut worst: f64 = 0.0;
    let mut runs: Vec<Vec<f64>> = vec![Vec::new(); PAGES.len()];
    for _ in 0..3 {
        for (i, (slug, extra)) in PAGES.iter().enumerate() {
            runs[i].push(app.open_page(slug, extra).await);
        }
    }
    for (i, (slug, _)) in PAGES.iter().enumerate() {
        worst = worst.max(report(&format!("page {slug}"), &runs[i], PAGE_GOAL_MS));
    }
    let mut search = Vec::new();
    let mut household = Vec::new();
    for _ in 0..3 {
        app.open_page("register", &[]).await;
        search.push(app.search(&name).await);
        household.push(app.open_first_hit().await);
    }
    worst = worst.max(report("search (type → hits)", &search, PAGE_GOAL_MS));
    worst = worst.max(report(
        "household page (Enter → page)",
        &household,
        PAGE_GOAL_MS,
    ));
    let mut task = Vec::new();
    for _ in 0..3 {
        app.open_page("tasks", &["#task-board", "#task-rates"])
            .await;
        task.push(app.open_first_task().await);
    }
    worst = worst.max(report("opening a task", &task, PAGE_GOAL_MS));
    println!(
        "slowest click → content: {worst:.0} ms against {PAGE_GOAL_MS:.0} ms: {}",
        if worst <= PAGE_GOAL_MS {
            "met"
        } else {
            "NOT met"
        }
    );

    // the working hour, scaled down: page switches, searches, exports
    let (switches, searches, exports) = (hour, hour / 2, (hour / 20).max(1));
    let started = std::time::Instant::now();
    for i in 0..switches {
        let (slug, extra) = PAGES[i % PAGES.len()];
        app.open_page(slug, extra).await;
        if i < searches {
            app.search(&name).await;
        }
        if i < exports && slug == "tasks" {
            app.export("#export-tasks").await;
        }
    }
    for _ in 0..exports.saturating_sub(switches / PAGES.len()) {
        app.open_page("tasks", &["#task-board", "#task-rates"])
            .await;
        app.export("#export-tasks").await;
    }
    let worked = started.elapsed();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let hour_pss = memory::pss_of_app(app.driver_pid());
    app.close().await;
    let empty = memory::empty_window(
        &display.1,
        &env_or(
            "LINLI_EMPTY_WINDOW",
            root().join("target/release/examples/empty_window"),
        ),
    );
    memory::report(
        started_pss,
        hour_pss,
        empty,
        &format!(
            "{switches} page switches, {searches} searches, {exports} exports, no photos ({:.0} s)",
            worked.as_secs_f64()
        ),
    );
}
