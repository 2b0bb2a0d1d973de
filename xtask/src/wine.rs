//! A throwaway Wine prefix under target/ for `cargo xtask package` (issue 22): Debian's wine64
//! runs the Windows installer (silently) and the console `linli.exe`; nothing here opens a window
//! (DISPLAY is removed). The prefix speaks Simplified Chinese: a zh_CN.UTF-8 locale compiled by
//! `localedef` into the prefix's folder (LOCPATH, nothing changed on the machine), so Chinese file
//! names (the Start-menu entry 邻里 Linli.lnk, 住户.csv) exist and the installer picks 简体中文.
//!
//! Debian 12's Wine 8.0 lacks `bcryptprimitives.dll` (ProcessPrng), where Rust's standard library
//! takes its random bytes since 1.78, so no Rust program starts under it: the prefix gets a
//! stand-in built here from xtask/wine/bcryptprimitives.c. That is a test fixture only; every
//! Windows 10 and 11 has the real one, and the installer does not carry it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::sh;

pub struct Wine {
    dir: PathBuf,
}

impl Wine {
    /// A fresh prefix in `dir` (what was there is removed first), initialised and ready.
    pub fn create(root: &Path, dir: &Path) -> Result<Wine> {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir.join("locale"))?;
        let wine = Wine {
            dir: dir.to_owned(),
        };
        sh::run(
            sh::cmd("localedef")
                .args(["-i", "zh_CN", "-f", "UTF-8"])
                .arg(dir.join("locale/zh_CN.UTF-8")),
        )?;
        sh::run(wine.env(sh::cmd("wineboot").arg("--init")))?;
        wine.wait()?;
        let shim = wine.c().join("windows/system32/bcryptprimitives.dll");
        sh::run(
            sh::cmd("x86_64-w64-mingw32-gcc")
                .args(["-O2", "-shared", "-s", "-o"])
                .arg(&shim)
                .arg(root.join("xtask/wine/bcryptprimitives.c"))
                .arg("-ladvapi32"),
        )?;
        Ok(wine)
    }

    fn env<'a>(&self, c: &'a mut Command) -> &'a mut Command {
        c.env("WINEPREFIX", self.dir.join("prefix"))
            .env("WINEDEBUG", "-all")
            // no Mono or Gecko installer prompts
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env("LOCPATH", self.dir.join("locale"))
            .env("LC_ALL", "zh_CN.UTF-8")
            .env_remove("LANG")
            .env_remove("LANGUAGE")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("LINLI_DB")
            .env_remove("LINLI_PDF_FONT")
    }

    /// `wine <program>` in this prefix (a Windows path, or a Unix path Wine maps through Z:).
    pub fn cmd(&self, program: impl AsRef<OsStr>) -> Command {
        let mut c = sh::cmd("wine");
        c.arg(program);
        self.env(&mut c);
        c
    }

    /// Waits until every process of the prefix has ended (an uninstaller re-runs itself from
    /// %TEMP% and returns at once).
    pub fn wait(&self) -> Result<()> {
        sh::run(self.env(&mut sh::cmd("wineserver")).arg("-w"))
    }

    /// Ends the prefix's processes and its wineserver.
    pub fn stop(&self) {
        let _ = self.env(&mut sh::cmd("wineserver")).arg("-k").status();
    }

    /// The prefix's C: drive, as a Unix path.
    pub fn c(&self) -> PathBuf {
        self.dir.join("prefix/drive_c")
    }

    /// A path under the prefix's C: drive as Windows writes it (`C:\users\…`).
    pub fn windows_path(&self, path: &Path) -> Result<String> {
        let rel = path
            .strip_prefix(self.c())
            .with_context(|| format!("{} is not on C:", path.display()))?;
        Ok(format!(r"C:\{}", rel.display()).replace('/', r"\"))
    }

    /// The Windows user's profile folder (C:\users\<name>) as a Unix path.
    pub fn profile(&self) -> Result<PathBuf> {
        let users = self.c().join("users");
        for e in std::fs::read_dir(&users)? {
            let p = e?.path();
            if p.is_dir() && p.file_name() != Some(OsStr::new("Public")) {
                return Ok(p);
            }
        }
        bail!("no user profile in {}", users.display())
    }

    /// The Windows folders Linli uses: %LOCALAPPDATA% and %APPDATA% as Unix paths.
    pub fn local_app_data(&self) -> Result<PathBuf> {
        Ok(self.profile()?.join("AppData/Local"))
    }

    pub fn app_data(&self) -> Result<PathBuf> {
        Ok(self.profile()?.join("AppData/Roaming"))
    }

    /// A registry key and its values as `reg export` writes them (UTF-16 decoded), or None
    /// when the key does not exist.
    pub fn reg_export(&self, key: &str) -> Result<Option<String>> {
        let status = self
            .cmd("reg")
            .args(["export", key])
            .arg(r"C:\export.reg")
            .arg("/y")
            .output()?;
        let written = self.c().join("export.reg");
        if !status.status.success() || !written.is_file() {
            return Ok(None);
        }
        let bytes = std::fs::read(&written).context("reading the registry export")?;
        std::fs::remove_file(&written)?;
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Some(
            String::from_utf16_lossy(&units)
                .trim_start_matches('\u{feff}')
                .to_owned(),
        ))
    }
}

impl Drop for Wine {
    fn drop(&mut self) {
        self.stop();
    }
}
