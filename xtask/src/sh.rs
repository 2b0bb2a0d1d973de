//! Running commands and reporting steps.

use std::ffi::OsStr;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

pub fn cmd(program: impl AsRef<OsStr>) -> Command {
    Command::new(program)
}

/// Runs a command with inherited output; fails when it does.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("could not start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

/// Runs a command and returns its standard output.
pub fn output(cmd: &mut Command) -> Result<String> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .with_context(|| format!("could not start {shown}"))?;
    if !out.status.success() {
        bail!(
            "{shown} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn cargo(args: &[&str]) -> Result<()> {
    run(cmd("cargo").args(args))
}

/// Runs one named step and prints how long it took.
pub fn step(name: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
    println!("\n==> {name}");
    let t = Instant::now();
    f().with_context(|| format!("step failed: {name}"))?;
    println!("<== {name} ({:.1?})", t.elapsed());
    Ok(())
}
