//! What the window benchmark (`linli-tests`' `window`, issue 24) needs before it runs: the
//! release UI in ui/dist, the release desktop app that embeds it, the empty Tauri 2 window it is
//! measured against, tauri-driver, and a display (Xvfb, when none is set). The benchmark itself
//! finds the 100,000-household town in target/bench (made by the store benchmarks before it).

use std::ffi::OsString;
use std::path::Path;

use anyhow::Result;

use crate::{install, sh, ui, xvfb::Xvfb};

/// What the bench process is run with, and the display it holds (stopped when dropped).
pub struct Prepared {
    pub env: Vec<(&'static str, OsString)>,
    pub _display: Option<Xvfb>,
}

pub fn prepare(root: &Path) -> Result<Prepared> {
    sh::step("tauri-driver", install::tauri_driver)?;
    sh::step(
        "wasm-bindgen-cli at the version in Cargo.lock",
        install::wasm_bindgen,
    )?;
    ui::build(root)?;
    sh::step(
        "build the release desktop app and the empty Tauri 2 window",
        || {
            sh::cargo(&[
                "build",
                "--locked",
                "--release",
                "-p",
                "linli-desktop",
                "--bin",
                "linli-desktop",
                "--example",
                "empty_window",
            ])
        },
    )?;
    let target = crate::target_dir(root).join("release");
    let mut env: Vec<(&'static str, OsString)> = vec![
        (
            "LINLI_DESKTOP_RELEASE",
            target.join("linli-desktop").into_os_string(),
        ),
        (
            "LINLI_EMPTY_WINDOW",
            target.join("examples/empty_window").into_os_string(),
        ),
        (
            "TAURI_DRIVER",
            install::tool_path("tauri-driver").into_os_string(),
        ),
    ];
    let display = match std::env::var_os("DISPLAY") {
        Some(_) => None,
        None => {
            let x = Xvfb::start()?;
            env.push(("DISPLAY", x.name().into()));
            Some(x)
        }
    };
    Ok(Prepared {
        env,
        _display: display,
    })
}
