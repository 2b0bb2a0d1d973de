//! The Windows half of `cargo xtask package` (issue 22), offline on Debian:
//!
//! - the `x86_64-pc-windows-gnu` release builds of `linli-desktop.exe` and `linli.exe`, linked by
//!   Debian's mingw-w64 (the linker set here, in the environment, so nothing else changes);
//!   SQLCipher's OpenSSL is built from source for that target (linli-store's `cfg(windows)`
//!   dependency); the build leaves `WebView2Loader.dll` beside the exe;
//! - `target/package/linli-setup-<version>-x86_64.exe`, compiled by Debian's `makensis` from
//!   packaging/windows/linli.nsi (per user, no administrator rights, 简体中文 first);
//! - checks: the exe's subsystems and the DLLs they import (only Windows' own and the shipped
//!   WebView2Loader.dll), the installer listed and unpacked by 7z (its files byte-identical to the
//!   build's, the uninstaller there); then, in a throwaway Wine prefix, a silent per-user install
//!   (files, Start-menu entry, the uninstall entry), the smoke run of the installed `linli.exe`
//!   (windows_smoke.rs), an uninstall that keeps the data and one that removes it (/REMOVEDATA).
//!
//! Not run here: the desktop window (Wine cannot host WebView2), the installer's pages (it runs
//! silently), a real Windows machine. docs/install.md says so.

use std::path::{Path, PathBuf};

use anyhow::{ensure, Context, Result};

use crate::install::WINDOWS_TARGET;
use crate::sh;
use crate::wine::Wine;

/// What the installer puts in the program folder, beside `uninstall.exe`.
const SHIPPED: &[&str] = &["linli-desktop.exe", "linli.exe", "WebView2Loader.dll"];
const UNINSTALL_KEY: &str = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Linli";
const SHORTCUT: &str = "Microsoft/Windows/Start Menu/Programs/邻里 Linli.lnk";
/// Windows 10/11 system DLLs that Debian 12's Wine 8 does not have (the smoke run's prefix gets a
/// stand-in, see wine.rs).
const WINDOWS_ONLY_DLLS: &[&str] = &["bcryptprimitives.dll"];
/// API sets the programs import (Rust's standard library: WaitOnAddress; the webview2 crates:
/// RoOriginateError): no files but contracts that Windows 8 and later resolve through their API
/// set schema to the DLL that implements them (Wine 8 through its apisetschema.dll), so they are
/// in neither list of files. Listed one by one, so a new import is looked at by someone.
const API_SETS: &[&str] = &[
    "api-ms-win-core-synch-l1-2-0.dll",
    "api-ms-win-core-winrt-error-l1-1-0.dll",
];
/// Where Wine keeps its own (builtin) 64-bit DLLs on Debian.
const WINE_DLLS: &str = "/usr/lib/x86_64-linux-gnu/wine/x86_64-windows";

pub fn run(root: &Path, out: &Path, key: Option<&str>) -> Result<PathBuf> {
    sh::step(
        "release cross build for Windows (linli.exe, linli-desktop.exe)",
        || {
            sh::run(
                crate::update_key::apply(&mut sh::cmd("cargo"), key)
                    .args(["build", "--locked", "--release", "--target", WINDOWS_TARGET])
                    .args(["-p", "linli", "-p", "linli-desktop"])
                    .env(
                        "CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER",
                        "x86_64-w64-mingw32-gcc",
                    )
                    .env("CC_x86_64_pc_windows_gnu", "x86_64-w64-mingw32-gcc")
                    .env("AR_x86_64_pc_windows_gnu", "x86_64-w64-mingw32-ar"),
            )
        },
    )?;
    let bin = crate::target_dir(root).join(WINDOWS_TARGET).join("release");
    sh::step("check the Windows programs", || {
        check_programs(&bin)?;
        match key {
            Some(k) => crate::update_key::check_built(&bin.join("linli-desktop.exe"), k),
            None => Ok(()),
        }
    })?;
    let version = env!("CARGO_PKG_VERSION");
    let setup = out.join(format!("linli-setup-{version}-x86_64.exe"));
    sh::step("makensis packaging/windows/linli.nsi", || {
        sh::run(
            sh::cmd("makensis")
                .arg("-V2")
                .arg("-WX")
                .arg(format!("-DVERSION={version}"))
                .arg(format!("-DBINDIR={}", bin.display()))
                .arg(format!("-DOUTFILE={}", setup.display()))
                .arg(format!(
                    "-DICON={}",
                    root.join("src-tauri/icons/icon.ico").display()
                ))
                .arg(root.join("packaging/windows/linli.nsi")),
        )
    })?;
    sh::step("check the installer's contents (7z)", || {
        check_installer(
            &setup,
            &bin,
            &crate::target_dir(root).join("package-unpacked"),
        )
    })?;
    let wine = {
        let mut made = None;
        sh::step("a throwaway Wine prefix", || {
            made = Some(Wine::create(
                root,
                &crate::target_dir(root).join("package-wine"),
            )?);
            Ok(())
        })?;
        made.context("the Wine prefix")?
    };
    sh::step("install it under Wine, per user", || install(&wine, &setup))?;
    let program = wine.local_app_data()?.join("Programs/Linli");
    let mut export = String::new();
    sh::step("smoke run of the installed linli.exe under Wine", || {
        let exe = wine.windows_path(&program.join("linli.exe"))?;
        export = crate::windows_smoke::run(root, &wine, Path::new(&exe))?;
        Ok(())
    })?;
    sh::step("uninstall under Wine: the data stays", || {
        uninstall(&wine, &program, false)?;
        // the kept database opens with the same PIN and holds the same data (the build's exe)
        let out = crate::windows_smoke::linli(&wine, &bin.join("linli.exe"))
            .args(["export", "--format", "json"])
            .output()?;
        ensure!(
            out.status.success() && out.stdout == export.as_bytes(),
            "the kept database after uninstalling: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(())
    })?;
    sh::step(
        "install again, uninstall with /REMOVEDATA: the data goes",
        || {
            install(&wine, &setup)?;
            uninstall(&wine, &program, true)
        },
    )?;
    wine.stop();
    Ok(setup)
}

/// A PE file's machine and subsystem (2 GUI, 3 console).
fn pe_header(path: &Path) -> Result<(u16, u16)> {
    let b = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let u16_at = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
    ensure!(
        b.len() > 0x40 && b.starts_with(b"MZ"),
        "{}: not a PE file",
        path.display()
    );
    let pe = u32::from_le_bytes([b[0x3c], b[0x3d], b[0x3e], b[0x3f]]) as usize;
    ensure!(
        b.len() > pe + 24 + 70 && &b[pe..pe + 4] == b"PE\0\0",
        "{}: no PE header",
        path.display()
    );
    Ok((u16_at(pe + 4), u16_at(pe + 24 + 68)))
}

const AMD64: u16 = 0x8664;

fn check_programs(bin: &Path) -> Result<()> {
    for f in SHIPPED {
        ensure!(bin.join(f).is_file(), "{} lacks {f}", bin.display());
    }
    ensure!(
        pe_header(&bin.join("linli-desktop.exe"))? == (AMD64, 2),
        "linli-desktop.exe: a 64-bit GUI program (no console window)"
    );
    ensure!(
        pe_header(&bin.join("linli.exe"))? == (AMD64, 3),
        "linli.exe: a 64-bit console program"
    );
    ensure!(
        pe_header(&bin.join("WebView2Loader.dll"))?.0 == AMD64,
        "WebView2Loader.dll: 64-bit"
    );
    for exe in ["linli-desktop.exe", "linli.exe"] {
        let dump = sh::output(
            sh::cmd("x86_64-w64-mingw32-objdump")
                .arg("-p")
                .arg(bin.join(exe)),
        )?;
        let dlls: Vec<String> = dump
            .lines()
            .filter_map(|l| l.trim().strip_prefix("DLL Name: "))
            .map(str::to_lowercase)
            .collect();
        for dll in &dlls {
            let shipped = SHIPPED.iter().any(|s| s.to_lowercase() == *dll);
            let windows = WINDOWS_ONLY_DLLS.contains(&dll.as_str())
                || API_SETS.contains(&dll.as_str())
                || Path::new(WINE_DLLS).join(dll).is_file();
            ensure!(
                shipped || windows,
                "{exe} imports {dll}, which neither Windows has nor the installer ships (a mingw runtime DLL?)"
            );
        }
        ensure!(
            exe != "linli-desktop.exe" || dlls.iter().any(|d| d == "webview2loader.dll"),
            "linli-desktop.exe should load WebView2Loader.dll: {dlls:?}"
        );
        println!("{exe} imports: {}", dlls.join(" "));
    }
    Ok(())
}

fn check_installer(setup: &Path, bin: &Path, tmp: &Path) -> Result<()> {
    ensure!(
        pe_header(setup)?.0 == AMD64,
        "the installer is a 64-bit program"
    );
    let listing = sh::output(sh::cmd("7z").args(["l", "-slt"]).arg(setup))?;
    ensure!(
        listing.contains("Type = Nsis"),
        "7z does not read it as NSIS:\n{listing}"
    );
    let paths: Vec<&str> = listing
        .split("----------")
        .nth(1)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("Path = "))
        .collect();
    for f in SHIPPED.iter().chain(&["uninstall.exe"]) {
        ensure!(paths.contains(f), "the installer lacks {f}: {paths:?}");
    }
    if tmp.exists() {
        std::fs::remove_dir_all(tmp)?;
    }
    sh::output(
        sh::cmd("7z")
            .args(["x", "-y"])
            .arg(format!("-o{}", tmp.display()))
            .arg(setup),
    )?;
    for f in SHIPPED {
        let packed = std::fs::read(tmp.join(f))?;
        let built = std::fs::read(bin.join(f))?;
        ensure!(
            packed == built,
            "{f} in the installer differs from the build's"
        );
    }
    std::fs::remove_dir_all(tmp)?;
    let size = std::fs::metadata(setup)?.len();
    println!(
        "{} holds {paths:?} ({:.1} MB)",
        setup.display(),
        size as f64 / 1e6
    );
    Ok(())
}

/// A silent per-user install, checked: the program folder in %LOCALAPPDATA%, the Chinese
/// Start-menu entry, the uninstall entry in HKCU, nothing under Program Files.
fn install(wine: &Wine, setup: &Path) -> Result<()> {
    sh::run(wine.cmd(setup).arg("/S"))?;
    wine.wait()?;
    let program = wine.local_app_data()?.join("Programs/Linli");
    for f in SHIPPED.iter().chain(&["uninstall.exe"]) {
        ensure!(
            program.join(f).is_file(),
            "installed: {}",
            program.join(f).display()
        );
    }
    let link = wine.app_data()?.join(SHORTCUT);
    ensure!(link.is_file(), "the Start-menu entry {}", link.display());
    let key = wine
        .reg_export(UNINSTALL_KEY)?
        .context("the uninstall entry in HKCU")?;
    for want in [
        "\"DisplayName\"=\"邻里 Linli\"",
        &format!("\"DisplayVersion\"=\"{}\"", env!("CARGO_PKG_VERSION")),
        r#"\\AppData\\Local\\Programs\\Linli\\uninstall.exe"#,
    ] {
        ensure!(
            key.contains(want),
            "the uninstall entry lacks {want}:\n{key}"
        );
    }
    for pf in ["Program Files/Linli", "Program Files (x86)/Linli"] {
        ensure!(!wine.c().join(pf).exists(), "nothing goes to C:\\{pf}");
    }
    println!("installed in {}", program.display());
    Ok(())
}

/// A silent uninstall (as Apps & features runs its QuietUninstallString), checked: the program,
/// its entry and its shortcut gone; the data (%APPDATA%\linli) kept unless `remove_data`.
fn uninstall(wine: &Wine, program: &Path, remove_data: bool) -> Result<()> {
    let data = wine.app_data()?.join("linli");
    ensure!(
        data.join("linli.db").is_file(),
        "there is data to keep or remove: {}",
        data.display()
    );
    let mut c = wine.cmd(wine.windows_path(&program.join("uninstall.exe"))?);
    c.arg("/S");
    if remove_data {
        c.arg("/REMOVEDATA");
    }
    sh::run(&mut c)?;
    wine.wait()?;
    ensure!(
        !program.exists(),
        "the program folder is removed: {}",
        program.display()
    );
    ensure!(
        !wine.app_data()?.join(SHORTCUT).exists(),
        "the Start-menu entry is removed"
    );
    ensure!(
        wine.reg_export(UNINSTALL_KEY)?.is_none(),
        "the uninstall entry is removed"
    );
    if remove_data {
        ensure!(!data.exists(), "/REMOVEDATA removes {}", data.display());
    } else {
        ensure!(
            data.join("linli.db").is_file(),
            "the data stays: {}",
            data.display()
        );
    }
    Ok(())
}
