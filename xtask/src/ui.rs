//! Building the Yew UI into ui/dist without Trunk: cargo for wasm32, then wasm-bindgen, then the
//! static index.html and the stylesheet from assets/.

use std::path::Path;

use anyhow::{bail, Result};

use crate::{install, sh};

pub fn build(root: &Path) -> Result<()> {
    sh::step("build the UI (wasm32)", || {
        sh::cargo(&[
            "build",
            "--locked",
            "-p",
            "linli-ui",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "ui-release",
        ])?;
        // built aside, then only what changed replaces ui/dist: the desktop embeds ui/dist and
        // is compiled again whenever a file there is newer (a minute or more in release)
        let dist = root.join("ui/dist");
        let fresh = crate::target_dir(root).join("ui-dist");
        if fresh.exists() {
            std::fs::remove_dir_all(&fresh)?;
        }
        std::fs::create_dir_all(&fresh)?;
        let wasm = crate::target_dir(root).join("wasm32-unknown-unknown/ui-release/linli-ui.wasm");
        sh::run(
            sh::cmd(install::tool_path("wasm-bindgen"))
                .args([
                    "--target",
                    "web",
                    "--no-typescript",
                    // names are for a debugger's stack traces: 1.3 MB the window never uses
                    "--remove-name-section",
                    "--out-name",
                    "linli_ui",
                    "--out-dir",
                ])
                .arg(&fresh)
                .arg(&wasm),
        )?;
        std::fs::copy(root.join("ui/index.html"), fresh.join("index.html"))?;
        std::fs::copy(root.join("assets/style.css"), fresh.join("style.css"))?;
        std::fs::copy(root.join("assets/icons/icon.png"), fresh.join("icon.png"))?;
        replace_changed(&fresh, &dist)
    })
}

/// Makes `dist` hold exactly the files of `fresh`, rewriting only those whose bytes differ.
fn replace_changed(fresh: &Path, dist: &Path) -> Result<()> {
    std::fs::create_dir_all(dist)?;
    let mut changed = 0;
    for e in std::fs::read_dir(dist)? {
        let p = e?.path();
        if !fresh.join(p.file_name().unwrap_or_default()).exists() {
            std::fs::remove_file(&p)?;
            changed += 1;
        }
    }
    for e in std::fs::read_dir(fresh)? {
        let p = e?.path();
        let to = dist.join(p.file_name().unwrap_or_default());
        let bytes = std::fs::read(&p)?;
        if std::fs::read(&to).ok().as_deref() != Some(&bytes[..]) {
            std::fs::write(&to, &bytes)?;
            changed += 1;
        }
    }
    std::fs::remove_dir_all(fresh)?;
    println!("ui/dist: {changed} files changed");
    Ok(())
}

/// The UI's wasm32 dependency tree must hold no tokio, rusqlite or tauri.
pub fn check_tree() -> Result<()> {
    let tree = sh::output(sh::cmd("cargo").args([
        "tree",
        "--locked",
        "-p",
        "linli-ui",
        "--target",
        "wasm32-unknown-unknown",
        "-e",
        "normal,build",
        "--prefix",
        "none",
        "--format",
        "{p}",
    ]))?;
    let forbidden: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| {
            matches!(*name, "tokio" | "rusqlite" | "libsqlite3-sys") || name.starts_with("tauri")
        })
        .collect();
    if !forbidden.is_empty() {
        bail!(
            "linli-ui pulls in {} for wasm32; keep native crates out of the UI",
            forbidden.join(", ")
        );
    }
    println!("{} crates, none forbidden", tree.lines().count());
    Ok(())
}
