//! `cargo xtask run|test`: the project's two set-up commands. Each installs what the machine lacks
//! (Debian packages, the wasm32 target, pinned tools from crates.io), then builds and runs.
//! Nothing is downloaded from anywhere but crates.io and Debian's packages.

mod bench_window;
mod install;
mod load;
mod package;
mod package_windows;
mod pg;
mod sh;
mod ui;
mod update_key;
mod windows_smoke;
mod wine;
mod xvfb;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  run    install what is missing, build the UI and the desktop app, create a demo database
         when none exists, and open the app
  test   install what is missing, then every check: fmt, clippy, docs, the wasm32 UI build and its
         dependency tree, unit and integration tests, and the desktop end-to-end tests under Xvfb
  bench [NAME…]
         the benchmarks (release builds, figures printed): see BENCHES in xtask/src/main.rs;
         only those named (e.g. `window`, `pages`) when names are given
  ui     build the Yew UI into ui/dist only
  soak   the long sync simulation sweep (LINLI_SIM_CASES seeds, 10,000 unless set, in LINLI_SIM_JOBS processes, one per core unless set)
  load   200 simulated stations syncing at once against the server on SQLite, then on a
         throwaway PostgreSQL (127.0.0.1 only, bounded in time): throughput, p50/p99, errors, RSS
  fuzz   the server's request-body decoding under cargo-fuzz (libFuzzer) for LINLI_FUZZ_SECONDS
         (60 unless set); installs cargo-fuzz when missing. Not part of `test`
  package [debian|windows] [--update-key FILE.pub]
         the Debian packages of the server and CLI and of the desktop under target/package/
         (release builds, cargo-deb 3.8.0), unpacked and checked, then installed on this machine,
         the server started on 127.0.0.1, and purged (LINLI_PACKAGE_INSTALL=0 skips that; root);
         and the Windows installer linli-setup-<version>-x86_64.exe (mingw-w64 cross build, NSIS),
         unpacked and checked, installed and uninstalled under Wine, and linli.exe's smoke run
         there (demo, exports, a sync with the native server on 127.0.0.1, a PDF). Both unless
         one is named. The desktop is built with the county's public release key (--update-key
         FILE.pub, or LINLI_UPDATE_PUBKEY); without one it never offers updates (a warning says
         so). Not part of `test`";

/// Every benchmark `cargo xtask bench` runs: (package, bench target). Each is a `harness = false`
/// binary that prints its figures and the goals they are held against.
const BENCHES: &[(&str, &str)] = &[
    ("linli-store", "register"),
    // issue 16: open, first screen and search, encrypted and plain side by side (after
    // `register`, whose 100,000-household file it reuses)
    ("linli-store", "at_rest"),
    ("linli-store", "import"),
    // issue 24: the real 100,000-household register pushed and pulled, beside PouchDB (its
    // server in a process of its own) and SQLite's bulk upsert of the same rows; then the thin
    // households of `sync` as the second line
    ("linli-tests", "register_sync"),
    ("linli-tests", "sync"),
    // issue 24: the store's answers behind 今日, 诉求 and 走访 at 100,000 households
    ("linli-store", "pages"),
    // issue 24: the release app's window on the same town under Xvfb: click → content of every
    // page, launch → first content, memory against an empty Tauri 2 window (after `pages`, whose
    // town it copies; built and given a display by `bench_window::prepare`)
    ("linli-tests", "window"),
];

fn main() {
    if let Err(e) = real_main() {
        eprintln!("xtask: {e:#}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    std::env::set_current_dir(&root)?;
    match args.first().map(String::as_str) {
        Some("run") => run(&root),
        Some("test") => test(&root),
        Some("ui") => ui::build(&root),
        Some("bench") => bench(&args[1..]),
        Some("soak") => soak(),
        Some("load") => load::run(&root),
        Some("fuzz") => fuzz(&root),
        Some("package") => package::run(&root, &args[1..]),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

/// The sync simulation with many seeds; failures are kept in tests/tests/sync/regressions.
/// Every cargo-fuzz target in fuzz/, each run for the same bounded time.
const FUZZ_TARGETS: &[&str] = &["decode_body", "merge", "page_apply", "hlc", "sheets"];

/// cargo-fuzz needs nightly's `-Z` flags; `RUSTC_BOOTSTRAP=1` unlocks them on the stable
/// toolchain this machine has. The fuzz crate is outside the workspace; it builds under the
/// target directory's `fuzz/`, and its corpus and findings stay in fuzz/corpus and fuzz/artifacts.
fn fuzz(root: &Path) -> Result<()> {
    install::cargo_fuzz()?;
    let seconds = std::env::var("LINLI_FUZZ_SECONDS").unwrap_or_else(|_| "60".into());
    let target = target_dir(root).join("fuzz");
    for name in FUZZ_TARGETS {
        // the working corpus (ignored by git) first, where new inputs are written, then the
        // committed seeds (fuzz/seeds/<target>, valid pushes and pages) when the target has them
        let corpus = root.join("fuzz/corpus").join(name);
        std::fs::create_dir_all(&corpus)?;
        let seeds = root.join("fuzz/seeds").join(name);
        let mut dirs = vec![corpus];
        if seeds.is_dir() {
            dirs.push(seeds);
        }
        sh::step(&format!("fuzz {name} for {seconds} s"), || {
            sh::run(
                sh::cmd("cargo")
                    .args(["fuzz", "run", "--target-dir"])
                    .arg(&target)
                    .arg(name)
                    .args(&dirs)
                    .arg("--")
                    .arg(format!("-max_total_time={seconds}"))
                    .env("RUSTC_BOOTSTRAP", "1")
                    .current_dir(root.join("fuzz")),
            )
        })?;
    }
    Ok(())
}

fn soak() -> Result<()> {
    let cases: u64 = std::env::var("LINLI_SIM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    // one simulation process per core, each with its share of the seeds (proptest draws each
    // process's seeds from the operating system's random source, so they do not repeat)
    let jobs: u64 = std::env::var("LINLI_SIM_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get() as u64))
        .clamp(1, cases.max(1));
    let mut binary = None;
    sh::step("build the sync simulation (release)", || {
        let out = sh::cmd("cargo")
            .args([
                "test",
                "--locked",
                "-p",
                "linli-tests",
                "--test",
                "sync",
                "--release",
                "--no-run",
            ])
            .output()
            .context("could not start cargo")?;
        let text = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            bail!("building the simulation failed:\n{text}");
        }
        // "Executable tests/sync/main.rs (target/release/deps/sync-…)"
        binary = text
            .lines()
            .filter(|l| l.contains("Executable") && l.contains("sync"))
            .find_map(|l| l.rsplit_once('(')?.1.strip_suffix(')').map(PathBuf::from));
        Ok(())
    })?;
    let binary = binary.context("cargo did not name the simulation's executable")?;
    let binary = std::fs::canonicalize(&binary).with_context(|| {
        format!(
            "the simulation's executable {} is missing",
            binary.display()
        )
    })?;
    // the runs' files on a RAM disk where there is one: the simulation commits with
    // synchronous=FULL, and fsyncs on a shared disk would measure the disk, not the sync
    let tmp = Path::new("/dev/shm");
    sh::step(
        &format!("sync simulation, {cases} seeds in {jobs} processes"),
        || {
            let mut children = Vec::new();
            for j in 0..jobs {
                let share = cases / jobs + u64::from(j < cases % jobs);
                let mut c = sh::cmd(&binary);
                // run from the package's folder, as `cargo test` does (the regressions file is found
                // from there)
                c.arg("replicas_converge_under_faults")
                    .current_dir("tests")
                    .env("LINLI_SIM_CASES", share.to_string());
                if tmp.is_dir() {
                    c.env("TMPDIR", tmp);
                }
                children.push(
                    c.spawn()
                        .with_context(|| format!("could not start {}", binary.display()))?,
                );
            }
            let mut failed = 0;
            for mut child in children {
                if !child.wait()?.success() {
                    failed += 1;
                }
            }
            if failed > 0 {
                bail!("{failed} of {jobs} simulation processes failed (their seeds are printed above and kept in tests/tests/sync/main.regressions)");
            }
            Ok(())
        },
    )
}

/// The workspace root (the parent of xtask/).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_owned()
}

fn run(root: &Path) -> Result<()> {
    install::everything(install::Purpose::Run)?;
    ui::build(root)?;
    sh::step("build the desktop app and the CLI", || {
        sh::cargo(&["build", "--locked", "-p", "linli-desktop", "-p", "linli"])
    })?;
    let db = std::env::var_os("LINLI_DB")
        .map(PathBuf::from)
        .unwrap_or_else(default_db_path);
    let target = target_dir(root);
    if !db.exists() {
        sh::step("create the demo database", || {
            sh::run(
                sh::cmd(target.join("debug/linli"))
                    .arg("--db")
                    .arg(&db)
                    .arg("demo"),
            )
        })?;
    }
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        bail!(
            "no display: set DISPLAY (or start one, e.g. `Xvfb :99 & export DISPLAY=:99`) and run `cargo xtask run` again"
        );
    }
    println!("opening Linli on {}", db.display());
    sh::run(sh::cmd(target.join("debug/linli-desktop")).env("LINLI_DB", &db))
}

fn bench(only: &[String]) -> Result<()> {
    let root = root();
    let chosen: Vec<&(&str, &str)> = BENCHES
        .iter()
        .filter(|(_, name)| only.is_empty() || only.iter().any(|o| o == name))
        .collect();
    if let Some(unknown) = only
        .iter()
        .find(|o| !BENCHES.iter().any(|(_, name)| name == o))
    {
        bail!(
            "no benchmark named `{unknown}`; there are: {}",
            BENCHES
                .iter()
                .map(|(_, n)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    // absolute: cargo runs each benchmark in its package's folder, not here (a relative
    // CARGO_TARGET_DIR would otherwise send the sync benches looking under tests/)
    let pouchdb = std::path::absolute(target_dir(&root).join("pouchdb"))?;
    if chosen
        .iter()
        .any(|(_, name)| *name == "sync" || *name == "register_sync")
    {
        install::pouchdb(&pouchdb)?;
    }
    for (package, name) in chosen {
        // the window benchmark needs release builds of the UI and the app, and a display
        let window = if *name == "window" {
            Some(bench_window::prepare(&root)?)
        } else {
            None
        };
        sh::step(&format!("bench {package}/{name}"), || {
            let mut c = sh::cmd("cargo");
            c.args(["bench", "--locked", "-p", package, "--bench", name])
                // the sync bench finds PouchDB where it was installed, also under CARGO_TARGET_DIR
                .env("LINLI_POUCHDB_DIR", &pouchdb);
            if let Some(w) = &window {
                c.args(["--features", "e2e"]).envs(w.env.iter().cloned());
            }
            sh::run(&mut c)
        })?;
    }
    Ok(())
}

/// Mirrors `linli_store::default_db_path` without linking the store into xtask.
fn default_db_path() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data.join("linli").join("linli.db")
}

pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

fn test(root: &Path) -> Result<()> {
    let started = std::time::Instant::now();
    install::everything(install::Purpose::Test)?;
    sh::step("cargo fmt --check", || {
        sh::cargo(&["fmt", "--all", "--check"])
    })?;
    ui::build(root)?;
    sh::step(
        "the UI's wasm32 dependency tree holds no tokio, rusqlite or tauri",
        ui::check_tree,
    )?;
    sh::step("clippy -D warnings", || {
        sh::cargo(&[
            "clippy",
            "--locked",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ])
    })?;
    // the UI's own tests and code as the wasm32 target sees them (the workspace clippy above
    // checks them natively, where native-only calls such as `Id::new()` pass)
    sh::step("clippy -D warnings, the UI for wasm32", || {
        sh::cargo(&[
            "clippy",
            "--locked",
            "-p",
            "linli-ui",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
    })?;
    sh::step("docs -D warnings", || {
        sh::run(
            sh::cmd("cargo")
                .args([
                    "doc",
                    "--locked",
                    "--workspace",
                    "--no-deps",
                    "--exclude",
                    "linli-ui",
                ])
                .env("RUSTDOCFLAGS", "-D warnings"),
        )
    })?;
    let shots = target_dir(root).join("e2e");
    std::fs::create_dir_all(&shots)?;
    let mut cluster = None;
    sh::step(
        "a throwaway PostgreSQL for the server's conformance tests",
        || {
            cluster = Some(pg::Cluster::start(
                &target_dir(root).join("pg-test"),
                false,
            )?);
            Ok(())
        },
    )?;
    let pg_env = cluster.as_ref().map(pg::Cluster::env).unwrap_or_default();
    let display = xvfb::Xvfb::start().context("starting Xvfb for the desktop end-to-end tests")?;
    // the window tests run on their own after the rest (they share linli-tests' one binary), so
    // that no simulation or conformance test competes with a window for the two cores
    let test_cmd = |args: &[&str]| {
        let mut c = sh::cmd("cargo");
        c.args(args)
            .envs(pg_env.iter().map(|(k, v)| (*k, v)))
            .env("DISPLAY", display.name())
            .env(
                "LINLI_DESKTOP_BIN",
                target_dir(root).join("debug/linli-desktop"),
            )
            .env("LINLI_E2E_OUT", &shots)
            .env("TAURI_DRIVER", install::tool_path("tauri-driver"));
        c
    };
    // every test binary runs even after one fails, so one CI run names every failure
    let rest = sh::step("unit and integration tests", || {
        sh::run(&mut test_cmd(&[
            "test",
            "--locked",
            "--workspace",
            "--all-features",
            "--no-fail-fast",
            "--",
            "--skip",
            "desktop::",
        ]))
    });
    let windows = sh::step("desktop end-to-end tests", || {
        sh::run(&mut test_cmd(&[
            "test",
            "--locked",
            "-p",
            "linli-tests",
            "--all-features",
            "--test",
            "it",
            "--",
            "desktop::",
        ]))
    });
    rest?;
    windows?;
    drop(display);
    if let Some(mut c) = cluster {
        c.stop()?;
    }
    println!(
        "xtask test: every check passed in {:.0?}; screenshots in {}",
        started.elapsed(),
        shots.display()
    );
    Ok(())
}
