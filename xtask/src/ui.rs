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
            "--release",
        ])?;
        let dist = root.join("ui/dist");
        if dist.exists() {
            std::fs::remove_dir_all(&dist)?;
        }
        std::fs::create_dir_all(&dist)?;
        let wasm = crate::target_dir(root).join("wasm32-unknown-unknown/release/linli-ui.wasm");
        sh::run(
            sh::cmd(install::tool_path("wasm-bindgen"))
                .args([
                    "--target",
                    "web",
                    "--no-typescript",
                    "--out-name",
                    "linli_ui",
                    "--out-dir",
                ])
                .arg(&dist)
                .arg(&wasm),
        )?;
        std::fs::copy(root.join("ui/index.html"), dist.join("index.html"))?;
        std::fs::copy(root.join("assets/style.css"), dist.join("style.css"))?;
        std::fs::copy(root.join("assets/icons/icon.png"), dist.join("icon.png"))?;
        Ok(())
    })
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
