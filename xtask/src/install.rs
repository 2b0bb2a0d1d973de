//! Installing what the machine lacks: Debian packages (apt-get, as root), the wasm32 target
//! (rustup) and pinned tools (cargo install from crates.io). Each step is skipped when already done.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};

use crate::sh;

/// What Tauri needs to build and show a window, and the fonts that render Chinese.
const RUN_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libsoup-3.0-dev",
    "libjavascriptcoregtk-4.1-dev",
    "build-essential",
    "pkg-config",
    "libssl-dev",
    // the OS keystore (keyring's Secret Service client) of the store's encryption (issue 16)
    "libdbus-1-dev",
    "fonts-noto-cjk",
];

/// What the desktop end-to-end tests add: a virtual display and WebKit's WebDriver.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    // pdftotext, pdftoppm: the PDF tests read the text of the PDFs linli-print writes, and
    // zbarimg scans their QR codes (issue 21)
    "poppler-utils",
    "zbar-tools",
];

/// What `cargo xtask package` adds (issue 22): dpkg-shlibdeps for the .debs' library dependencies;
/// for the Windows installer the mingw-w64 cross compiler (the x86_64-pc-windows-gnu linker, and
/// the C compiler of SQLCipher and the vendored OpenSSL), Debian's NSIS (makensis), p7zip (to list
/// and unpack the installer), wine (wine64 runs the installer and linli.exe for the smoke run),
/// `locales` (the zh_CN.UTF-8 definition the smoke run compiles for Wine) and pdftotext.
const PACKAGE_PACKAGES: &[&str] = &[
    "dpkg-dev",
    "gcc-mingw-w64-x86-64",
    "nsis",
    "p7zip-full",
    "wine",
    "wine64",
    "locales",
    "poppler-utils",
];

/// The Rust target of the Windows build.
pub const WINDOWS_TARGET: &str = "x86_64-pc-windows-gnu";

const TAURI_DRIVER_VERSION: &str = "2.1.0";
/// cargo-fuzz for `cargo xtask fuzz`.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Run,
    Test,
    /// `cargo xtask package`: what `Run` needs, the packaging tools and the Windows target
    Package,
}

pub fn everything(purpose: Purpose) -> Result<()> {
    let mut packages: Vec<&str> = RUN_PACKAGES.to_vec();
    match purpose {
        Purpose::Run => {}
        Purpose::Test => packages.extend(TEST_PACKAGES),
        Purpose::Package => packages.extend(PACKAGE_PACKAGES),
    }
    sh::step("Debian packages", || debian(&packages))?;
    sh::step("the wasm32-unknown-unknown target", || {
        rust_target("wasm32-unknown-unknown")
    })?;
    if purpose == Purpose::Package {
        sh::step(&format!("the {WINDOWS_TARGET} target"), || {
            rust_target(WINDOWS_TARGET)
        })?;
    }
    sh::step(
        "wasm-bindgen-cli at the version in Cargo.lock",
        wasm_bindgen,
    )?;
    if purpose == Purpose::Test {
        sh::step("tauri-driver", tauri_driver)?;
    }
    Ok(())
}

pub(crate) fn installed(package: &str) -> bool {
    sh::output(sh::cmd("dpkg-query").args(["-W", "-f=${db:Status-Status}", package]))
        .map(|s| s.trim() == "installed")
        .unwrap_or(false)
}

pub(crate) fn is_root() -> bool {
    sh::output(sh::cmd("id").arg("-u"))
        .map(|s| s.trim() == "0")
        .unwrap_or(false)
}

pub(crate) fn debian(packages: &[&str]) -> Result<()> {
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        println!("all {} packages present", packages.len());
        return Ok(());
    }
    let line = format!(
        "apt-get install -y --no-install-recommends {}",
        missing.join(" ")
    );
    if !is_root() {
        bail!(
            "these Debian packages are missing; install them and run the command again:\n\n    sudo apt-get update && sudo {line}\n"
        );
    }
    println!("installing: {}", missing.join(" "));
    sh::run(sh::cmd("apt-get").args(["update", "-q"]))?;
    sh::run(
        sh::cmd("apt-get")
            .args(["install", "-y", "-q", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn rust_target(target: &str) -> Result<()> {
    let list = sh::output(sh::cmd("rustup").args(["target", "list", "--installed"]))?;
    if list.lines().any(|l| l.trim() == target) {
        println!("present");
        return Ok(());
    }
    sh::run(sh::cmd("rustup").args(["target", "add", target]))
}

/// `$CARGO_HOME/bin/<name>`, where `cargo install` puts tools; used when it is not on PATH.
pub fn tool_path(name: &str) -> PathBuf {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    on_path.unwrap_or_else(|| cargo_home().join("bin").join(name))
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

/// The version of a package in Cargo.lock.
pub fn locked_version(name: &str) -> Result<String> {
    let lock = std::fs::read_to_string("Cargo.lock").context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{name}\"") {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(v.trim_matches('"').to_owned());
            }
        }
    }
    bail!("{name} is not in Cargo.lock")
}

fn tool_version(name: &str) -> Option<String> {
    sh::output(sh::cmd(tool_path(name)).arg("--version"))
        .ok()
        .map(|s| s.trim().to_owned())
}

pub(crate) fn wasm_bindgen() -> Result<()> {
    let want = locked_version("wasm-bindgen")?;
    if tool_version("wasm-bindgen").is_some_and(|v| v.split_whitespace().nth(1) == Some(&want)) {
        println!("wasm-bindgen {want} present");
        return Ok(());
    }
    // Without --locked: the CLI's own lock file pins a webpki-roots release the registry here lacks.
    sh::run(sh::cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))
}

/// Whether `cargo install` has put `name` at `version` in place (tauri-driver has no --version).
pub(crate) fn cargo_installed(name: &str, version: &str) -> bool {
    let want = format!("{name} v{version}:");
    sh::output(sh::cmd("cargo").args(["install", "--list"]))
        .is_ok_and(|list| list.lines().any(|l| l.trim() == want))
        && tool_path(name).is_file()
}

pub(crate) fn tauri_driver() -> Result<()> {
    if cargo_installed("tauri-driver", TAURI_DRIVER_VERSION) {
        println!("tauri-driver {TAURI_DRIVER_VERSION} present");
        return Ok(());
    }
    sh::run(sh::cmd("cargo").args([
        "install",
        "tauri-driver",
        "--version",
        TAURI_DRIVER_VERSION,
        "--locked",
    ]))
}

/// cargo-fuzz from crates.io, when the pinned version is not installed.
pub fn cargo_fuzz() -> Result<()> {
    sh::step("cargo-fuzz", || {
        if cargo_installed("cargo-fuzz", CARGO_FUZZ_VERSION) {
            println!("cargo-fuzz {CARGO_FUZZ_VERSION} present");
            return Ok(());
        }
        sh::run(sh::cmd("cargo").args([
            "install",
            "cargo-fuzz",
            "--version",
            CARGO_FUZZ_VERSION,
            "--locked",
        ]))
    })
}

/// The peer of the sync benchmarks: npm's pouchdb 9, express-pouchdb 4 and express 4, installed
/// from bench/pouchdb's lock file into `dir` (under target/), with its scripts (`replicate.js`
/// for `sync`, `server.js` and `pull.js` for `register_sync`). Node.js and npm come from Debian
/// when the machine lacks them.
pub fn pouchdb(dir: &std::path::Path) -> Result<()> {
    sh::step("PouchDB (npm) for the sync benchmark", || {
        if sh::output(sh::cmd("node").arg("--version")).is_err() {
            debian(&["nodejs", "npm"])?;
        }
        std::fs::create_dir_all(dir)?;
        let source = std::path::Path::new("bench/pouchdb");
        let mut changed = false;
        for f in [
            "package.json",
            "package-lock.json",
            "replicate.js",
            "server.js",
            "pull.js",
        ] {
            let from = std::fs::read(source.join(f))
                .with_context(|| format!("reading bench/pouchdb/{f}"))?;
            if std::fs::read(dir.join(f)).ok().as_deref() != Some(&from[..]) {
                std::fs::write(dir.join(f), &from)?;
                changed = true;
            }
        }
        if changed || !dir.join("node_modules/pouchdb").is_dir() {
            sh::run(
                sh::cmd("npm")
                    .args(["ci", "--no-audit", "--no-fund"])
                    .current_dir(dir),
            )?;
        } else {
            println!("present");
        }
        Ok(())
    })
}
