//! Memory as the system counts it: the proportional set size (PSS, `/proc/PID/smaps_rollup`) of
//! the app and of the WebKit processes it started (the web content and the network process),
//! summed; WebDriver's own processes left out. The same for an empty Tauri 2 window built from
//! the workspace's Tauri (`src-tauri/examples/empty_window.rs`).

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const START_GOAL: f64 = 1.3;
const HOUR_GOAL: f64 = 1.5;

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // the name is in parentheses and may hold spaces: the fields after the last ')'
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

fn name_of(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Every process below `root` (not `root` itself).
fn descendants(root: u32) -> Vec<u32> {
    let all: Vec<u32> = std::fs::read_dir("/proc")
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut frontier = vec![root];
    while let Some(p) = frontier.pop() {
        for &c in &all {
            if parent_of(c) == Some(p) && !out.contains(&c) {
                out.push(c);
                frontier.push(c);
            }
        }
    }
    out
}

/// PSS of one process in kB.
fn pss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pss:")
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The app's own process under tauri-driver (its WebDriver starts it): the one running `app`.
pub fn app_pid(driver: u32, app: &Path) -> Option<u32> {
    let app = std::fs::canonicalize(app).ok()?;
    descendants(driver)
        .into_iter()
        .find(|&p| std::fs::read_link(format!("/proc/{p}/exe")).ok().as_ref() == Some(&app))
}

/// The PSS in MB of `root` (when `with_root`) and every process below it but WebDriver's own,
/// by process name.
fn pss_below(root: u32, with_root: bool) -> (f64, Vec<(String, f64)>) {
    let mut parts = Vec::new();
    if with_root {
        parts.push((name_of(root), pss_kb(root) as f64 / 1024.0));
    }
    for p in descendants(root) {
        let name = name_of(p);
        if name.contains("WebDriver") || name.contains("tauri-driver") {
            continue;
        }
        parts.push((name, pss_kb(p) as f64 / 1024.0));
    }
    (parts.iter().map(|(_, m)| m).sum(), parts)
}

/// Samples `measure` every 250 ms until a web process is up and the sum has moved less than
/// 0.5 MB for a second (or 20 s have passed); the last sample.
fn settled(measure: impl Fn() -> (f64, Vec<(String, f64)>)) -> (f64, Vec<(String, f64)>) {
    let started = Instant::now();
    let mut last = 0.0;
    let mut steady = 0;
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let (sum, parts) = measure();
        let web = parts.iter().any(|(n, _)| n.contains("WebKitWeb"));
        steady = if web && (sum - last).abs() < 0.5 {
            steady + 1
        } else {
            0
        };
        last = sum;
        if steady >= 4 || started.elapsed() > Duration::from_secs(20) {
            return (sum, parts);
        }
    }
}

/// The app's PSS in MB with its WebKit processes, by process name, under tauri-driver, once it
/// has settled.
pub fn pss_of_app(driver: u32) -> (f64, Vec<(String, f64)>) {
    settled(|| pss_below(driver, false))
}

/// The empty window's PSS in MB with its WebKit processes, once it has settled; `None` when it is
/// not built.
pub fn empty_window(display: &str, bin: &Path) -> Option<(f64, Vec<(String, f64)>)> {
    if !bin.is_file() {
        println!(
            "  (no empty window at {}: `cargo build --release -p linli-desktop --example empty_window`)",
            bin.display()
        );
        return None;
    }
    let mut child = spawn_empty(display, bin, Stdio::null());
    let measured = settled(|| pss_below(child.id(), true));
    if let Ok(Some(status)) = child.try_wait() {
        println!(
            "  (the empty window at {} exited at once, {status}: not measured)",
            bin.display()
        );
        return None;
    }
    end(child);
    Some(measured)
}

/// The empty window started in a process group of its own (so its WebKit processes end with it).
fn spawn_empty(display: &str, bin: &Path, stdout: Stdio) -> std::process::Child {
    Command::new(bin)
        .env("DISPLAY", display)
        .stdout(stdout)
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("the empty window")
}

/// Ends a process group started by [`spawn_empty`].
fn end(mut child: std::process::Child) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg("--")
        .arg(format!("-{}", child.id()))
        .status();
    let _ = child.wait();
}

/// From the empty window's process start to its one line loaded (the example prints when), in
/// ms: the floor under Linli's launch with the same Tauri and WebKit on this machine. `None` when
/// it is not built or says nothing within 30 s.
pub fn empty_launch(display: &str, bin: &Path) -> Option<f64> {
    use std::io::BufRead as _;
    if !bin.is_file() {
        return None;
    }
    let mut child = spawn_empty(display, bin, Stdio::piped());
    let started = crate::driver::process_start_ms(child.id());
    let out = child.stdout.take().expect("its output");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            if let Some(ms) = line
                .strip_prefix("loaded ")
                .and_then(|s| s.parse::<f64>().ok())
            {
                let _ = tx.send(ms);
                return;
            }
        }
    });
    let loaded = rx.recv_timeout(std::time::Duration::from_secs(30)).ok();
    end(child);
    Some(loaded? - started?)
}

fn parts_text(parts: &[(String, f64)]) -> String {
    parts
        .iter()
        .map(|(n, m)| format!("{n} {m:.0}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn report(
    start: (f64, Vec<(String, f64)>),
    hour: (f64, Vec<(String, f64)>),
    empty: Option<(f64, Vec<(String, f64)>)>,
) {
    println!("memory (PSS, MB, the app with its WebKit processes):");
    println!(
        "  after start            {:>6.0} MB  ({})",
        start.0,
        parts_text(&start.1)
    );
    println!(
        "  after the working hour {:>6.0} MB  ({})",
        hour.0,
        parts_text(&hour.1)
    );
    println!(
        "  grew by {:+.0} MB ({:+.0} %) over the hour",
        hour.0 - start.0,
        (hour.0 / start.0 - 1.0) * 100.0
    );
    let Some((e, parts)) = empty else {
        println!("  no empty Tauri 2 window measured: the ratios are NOT known");
        return;
    };
    {
        println!(
            "  an empty Tauri 2 window {e:>5.0} MB  ({})",
            parts_text(&parts)
        );
        for (what, v, goal) in [
            ("after start", start.0, START_GOAL),
            ("after the hour", hour.0, HOUR_GOAL),
        ] {
            let r = v / e;
            println!(
                "  {what:<15} {r:.2}× the empty window, goal ≤ {goal}×: {}",
                if r <= goal { "met" } else { "NOT met" }
            );
        }
    }
}
