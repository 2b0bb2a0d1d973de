//! `cargo xtask package` (issue 22): the Debian packages under `target/package/`, built offline
//! by cargo-deb (pinned, installed from crates.io when missing) from release builds, then checked.
//!
//! - `linli_<v>_<arch>.deb`: the server and command line (`/usr/bin/linli`), the systemd unit
//!   `linli-server.service` (installed disabled), `/etc/linli/server.toml` (a conffile), a `linli`
//!   system user made by the maintainer scripts, data under `/var/lib/linli`;
//! - `linli-desktop_<v>_<arch>.deb`: the desktop app, its `.desktop` entry and icon, and the
//!   WebKitGTK, GTK and libssl libraries it links declared as dependencies.
//!
//! The check unpacks each (`dpkg-deb -c`, `-x`, `-e`) and reads what is in it; then, as root, it
//! installs both on this machine (`dpkg -i`), starts the installed server as the `linli` user on
//! a free port of 127.0.0.1 with the installed configuration, asks it `/health`, adds a user with
//! `linli admin --config`, and purges both again (`LINLI_PACKAGE_INSTALL=0` skips that part).
//! Then the Windows installer (package_windows.rs): `cargo xtask package windows` makes only that,
//! `cargo xtask package debian` only the .debs. Not part of `cargo xtask test`: it needs release
//! builds, and the Windows cross build takes a quarter of an hour cold.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};

use crate::{install, sh};

const CARGO_DEB_VERSION: &str = "3.8.0";

const USAGE: &str = "cargo xtask package [debian|windows] [--update-key FILE.pub]";

/// `cargo xtask package [debian|windows] [--update-key FILE.pub]`: both unless one is named.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let started = Instant::now();
    let (mut debian, mut windows) = (true, true);
    let mut key_file = None;
    let mut args = args.iter();
    while let Some(a) = args.next() {
        match a.as_str() {
            "debian" => windows = false,
            "windows" => debian = false,
            "--update-key" => {
                key_file =
                    Some(PathBuf::from(args.next().with_context(|| {
                        format!("{USAGE}: --update-key needs a file")
                    })?));
            }
            other => match other.strip_prefix("--update-key=") {
                Some(f) => key_file = Some(PathBuf::from(f)),
                None => bail!("{USAGE}: unknown `{other}`"),
            },
        }
    }
    ensure!(
        debian || windows,
        "{USAGE}: name debian or windows, not both"
    );
    let key = crate::update_key::resolve(key_file.as_deref())?;
    install::everything(install::Purpose::Package)?;
    if debian {
        sh::step("cargo-deb", cargo_deb)?;
    }
    crate::ui::build(root)?;
    // the Windows smoke run syncs against the native server, so `linli` is built either way
    let mut native = vec!["build", "--locked", "--release", "-p", "linli"];
    if debian {
        native.extend(["-p", "linli-desktop"]);
    }
    sh::step("native release builds", || {
        sh::run(crate::update_key::apply(
            sh::cmd("cargo").args(&native),
            key.as_deref(),
        ))
    })?;
    if let Some(k) = &key {
        sh::step("the update key is an ed25519 public key", || {
            crate::update_key::check_with(
                &crate::target_dir(root).join("release/linli"),
                k,
                &tempdir("update-key")?,
            )
        })?;
    }
    let out = crate::target_dir(root).join("package");
    std::fs::create_dir_all(&out)?;
    let mut made = Vec::new();
    if debian {
        made.extend(debs(&out, key.as_deref())?);
    }
    if windows {
        remove_old(&out, "linli-setup-", ".exe")?;
        made.push(crate::package_windows::run(root, &out, key.as_deref())?);
    }
    println!("\npackages in {}:", out.display());
    for p in &made {
        let size = std::fs::metadata(p)?.len();
        println!("  {} ({:.1} MB)", p.display(), size as f64 / 1e6);
    }
    println!("cargo xtask package took {:.0?}", started.elapsed());
    Ok(())
}

/// Removes earlier artefacts `<prefix>*<suffix>` from `dir`.
fn remove_old(dir: &Path, prefix: &str, suffix: &str) -> Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with(prefix) && name.ends_with(suffix) {
            std::fs::remove_file(&p)?;
        }
    }
    Ok(())
}

/// The two .debs, built, checked and (as root) installed, started and purged.
fn debs(out: &Path, key: Option<&str>) -> Result<Vec<PathBuf>> {
    remove_old(out, "linli_", ".deb")?;
    remove_old(out, "linli-desktop_", ".deb")?;
    for package in ["linli", "linli-desktop"] {
        sh::step(&format!("cargo deb -p {package}"), || {
            sh::run(
                sh::cmd("cargo")
                    .args(["deb", "--locked", "--no-build", "-p", package, "--output"])
                    .arg(out),
            )
        })?;
    }
    let server = find_deb(out, "linli_")?;
    let desktop = find_deb(out, "linli-desktop_")?;
    sh::step("check the server package's contents", || {
        check_server(&server)
    })?;
    sh::step("check the desktop package's contents", || {
        check_desktop(&desktop, key)
    })?;
    if std::env::var("LINLI_PACKAGE_INSTALL").as_deref() == Ok("0") {
        println!("LINLI_PACKAGE_INSTALL=0: not installing them on this machine");
    } else if !install::is_root() {
        bail!("installing the packages to check them needs root (or LINLI_PACKAGE_INSTALL=0)");
    } else {
        sh::step("install, start and purge the server package", || {
            install_server(&server)
        })?;
        sh::step("install and purge the desktop package", || {
            install_desktop(&desktop)
        })?;
    }
    Ok(vec![server, desktop])
}

/// cargo-deb at the pinned version, from crates.io when missing.
fn cargo_deb() -> Result<()> {
    if install::cargo_installed("cargo-deb", CARGO_DEB_VERSION) {
        println!("cargo-deb {CARGO_DEB_VERSION} present");
        return Ok(());
    }
    sh::run(sh::cmd("cargo").args([
        "install",
        "--locked",
        "cargo-deb",
        "--version",
        CARGO_DEB_VERSION,
    ]))
}

fn find_deb(dir: &Path, prefix: &str) -> Result<PathBuf> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        let name = p
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if name.starts_with(prefix) && name.ends_with(".deb") {
            found.push(p);
        }
    }
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => bail!(
            "expected one {prefix}*.deb in {}, found {found:?}",
            dir.display()
        ),
    }
}

fn dpkg_deb(args: &[&str], deb: &Path) -> Result<String> {
    sh::output(sh::cmd("dpkg-deb").args(args).arg(deb))
}

/// The paths a package installs (`dpkg-deb -c`), without the leading `.`.
fn contents(deb: &Path) -> Result<Vec<String>> {
    Ok(dpkg_deb(&["-c"], deb)?
        .lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .map(|p| p.trim_start_matches('.').to_owned())
        .collect())
}

fn field(deb: &Path, name: &str) -> Result<String> {
    Ok(
        sh::output(sh::cmd("dpkg-deb").args(["-f"]).arg(deb).arg(name))?
            .trim()
            .to_owned(),
    )
}

fn must_hold(list: &[String], path: &str, deb: &Path) -> Result<()> {
    ensure!(
        list.iter().any(|p| p == path),
        "{} lacks {path}:\n{}",
        deb.display(),
        list.join("\n")
    );
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn check_server(deb: &Path) -> Result<()> {
    let list = contents(deb)?;
    for p in [
        "/usr/bin/linli",
        "/lib/systemd/system/linli-server.service",
        "/etc/linli/server.toml",
        "/usr/share/doc/linli/install.md",
    ] {
        must_hold(&list, p, deb)?;
    }
    ensure!(field(deb, "Package")? == "linli");
    let depends = field(deb, "Depends")?;
    for lib in ["libc6", "libssl3", "passwd"] {
        ensure!(depends.contains(lib), "Depends lacks {lib}: {depends}");
    }
    let tmp = tempdir("server")?;
    sh::run(sh::cmd("dpkg-deb").arg("-x").arg(deb).arg(&tmp))?;
    sh::run(
        sh::cmd("dpkg-deb")
            .arg("-e")
            .arg(deb)
            .arg(tmp.join("DEBIAN")),
    )?;
    let conffiles = read(&tmp.join("DEBIAN/conffiles"))?;
    ensure!(
        conffiles
            .lines()
            .any(|l| l.trim() == "/etc/linli/server.toml"),
        "conffiles: {conffiles}"
    );
    let postinst = read(&tmp.join("DEBIAN/postinst"))?;
    ensure!(
        postinst.contains("useradd --system"),
        "postinst: {postinst}"
    );
    ensure!(postinst.contains("/var/lib/linli"), "postinst: {postinst}");
    // what runs, not the comment that tells the administrator how to enable it
    let runs: Vec<&str> = postinst
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    ensure!(
        !runs
            .iter()
            .any(|l| l.contains("systemctl enable") || l.contains("deb-systemd-helper enable")),
        "the service is installed disabled: {postinst}"
    );
    let unit = read(&tmp.join("lib/systemd/system/linli-server.service"))?;
    ensure!(
        unit.contains("ExecStart=/usr/bin/linli serve --config /etc/linli/server.toml"),
        "unit: {unit}"
    );
    ensure!(unit.contains("User=linli"), "unit: {unit}");
    let version = sh::output(sh::cmd(tmp.join("usr/bin/linli")).arg("--version"))?;
    ensure!(version.starts_with("linli "), "linli --version: {version}");
    // the configuration as shipped is one the server accepts
    let bad = tmp.join("check.toml");
    std::fs::write(&bad, "listen_port = 1\n")?;
    let refused = sh::cmd(tmp.join("usr/bin/linli"))
        .args(["admin", "--config"])
        .arg(&bad)
        .arg("audit")
        .output()?;
    ensure!(
        !refused.status.success()
            && String::from_utf8_lossy(&refused.stderr).contains("config_invalid"),
        "an unknown key must be refused"
    );
    std::fs::remove_dir_all(&tmp)?;
    println!("{} holds: {}", deb.display(), list.len());
    Ok(())
}

fn check_desktop(deb: &Path, key: Option<&str>) -> Result<()> {
    let list = contents(deb)?;
    for p in [
        "/usr/bin/linli-desktop",
        "/usr/share/applications/linli-desktop.desktop",
        "/usr/share/icons/hicolor/256x256/apps/linli.png",
    ] {
        must_hold(&list, p, deb)?;
    }
    ensure!(field(deb, "Package")? == "linli-desktop");
    let depends = field(deb, "Depends")?;
    for lib in ["libwebkit2gtk-4.1-0", "libgtk-3-0", "libssl3"] {
        ensure!(depends.contains(lib), "Depends lacks {lib}: {depends}");
    }
    let tmp = tempdir("desktop")?;
    sh::run(sh::cmd("dpkg-deb").arg("-x").arg(deb).arg(&tmp))?;
    let entry = read(&tmp.join("usr/share/applications/linli-desktop.desktop"))?;
    for line in ["Exec=linli-desktop", "Icon=linli", "Name[zh_CN]=邻里"] {
        ensure!(
            entry.lines().any(|l| l == line),
            "the .desktop entry lacks {line}"
        );
    }
    let png = std::fs::read(tmp.join("usr/share/icons/hicolor/256x256/apps/linli.png"))?;
    ensure!(png.starts_with(b"\x89PNG"), "the icon is a PNG");
    if let Some(k) = key {
        crate::update_key::check_built(&tmp.join("usr/bin/linli-desktop"), k)?;
    }
    std::fs::remove_dir_all(&tmp)?;
    println!("{} holds: {}", deb.display(), list.len());
    Ok(())
}

fn tempdir(what: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("linli-package-{what}-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn dpkg(args: &[&str], deb: Option<&Path>) -> Result<()> {
    let mut c = sh::cmd("dpkg");
    c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    if let Some(d) = deb {
        c.arg(d);
    }
    sh::run(&mut c)
}

fn install_server(deb: &Path) -> Result<()> {
    ensure!(
        !install::installed("linli"),
        "a linli package is already installed on this machine: not touching it"
    );
    let user_before = sh::output(sh::cmd("getent").args(["passwd", "linli"])).is_ok();
    let data_before = Path::new("/var/lib/linli").exists();
    dpkg(&["-i"], Some(deb))?;
    let checked = check_installed_server();
    let purged = dpkg(&["--purge", "linli"], None);
    // what the purge keeps by design (the county's data, the user) goes when this check made it
    if !data_before {
        let _ = std::fs::remove_dir_all("/var/lib/linli");
    }
    if !user_before {
        let _ = sh::run(sh::cmd("userdel").arg("linli"));
    }
    checked?;
    purged?;
    ensure!(!Path::new("/usr/bin/linli").exists(), "purged");
    ensure!(
        !Path::new("/etc/linli/server.toml").exists(),
        "conffile purged"
    );
    Ok(())
}

fn check_installed_server() -> Result<()> {
    let passwd = sh::output(sh::cmd("getent").args(["passwd", "linli"]))?;
    ensure!(
        passwd.contains("/var/lib/linli"),
        "the linli user: {passwd}"
    );
    let owner = sh::output(sh::cmd("stat").args(["-c", "%U %a", "/var/lib/linli"]))?;
    ensure!(owner.trim() == "linli 750", "/var/lib/linli: {owner}");
    let conf = sh::output(sh::cmd("stat").args(["-c", "%U:%G %a", "/etc/linli/server.toml"]))?;
    ensure!(
        conf.trim() == "root:linli 640",
        "/etc/linli/server.toml: {conf}"
    );
    // installed, not enabled (is-enabled reads the unit files; it works without a running systemd)
    let enabled = sh::cmd("systemctl")
        .args(["is-enabled", "linli-server.service"])
        .output()?;
    let said = String::from_utf8_lossy(&enabled.stdout).trim().to_owned();
    ensure!(
        said == "disabled",
        "systemctl is-enabled linli-server: {said}"
    );
    // the first administrator, in the database the configuration names
    sh::run(
        sh::cmd("runuser")
            .args(["-u", "linli", "--", "/usr/bin/linli", "admin"])
            .args(["--config", "/etc/linli/server.toml", "user", "add", "admin"])
            .args(["--role", "admin", "--county-wide"])
            .env("LINLI_PASSWORD", "package-check-pw")
            .env_remove("LINLI_DB"),
    )?;
    ensure!(
        Path::new("/var/lib/linli/linli-server.db").is_file(),
        "the database under /var/lib/linli"
    );
    // the installed server, as the service runs it, on a free port of 127.0.0.1
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut child = sh::cmd("runuser")
        .args(["-u", "linli", "--", "/usr/bin/linli", "serve"])
        .args(["--config", "/etc/linli/server.toml"])
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .env_remove("LINLI_DB")
        .spawn()?;
    let answer = (|| -> Result<String> {
        let started = Instant::now();
        loop {
            if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
                write!(
                    s,
                    "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                )?;
                let mut out = String::new();
                s.read_to_string(&mut out)?;
                return Ok(out);
            }
            ensure!(
                started.elapsed() < Duration::from_secs(20),
                "the installed server did not listen"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    })();
    let _ = sh::run(sh::cmd("kill").arg("-TERM").arg(child.id().to_string()));
    let _ = child.wait();
    let answer = answer?;
    ensure!(answer.starts_with("HTTP/1.1 200"), "GET /health: {answer}");
    println!("the installed server answered /health on 127.0.0.1:{port}");
    Ok(())
}

fn install_desktop(deb: &Path) -> Result<()> {
    ensure!(
        !install::installed("linli-desktop"),
        "a linli-desktop package is already installed on this machine: not touching it"
    );
    dpkg(&["-i"], Some(deb))?;
    let checked = (|| -> Result<()> {
        let ldd = sh::output(sh::cmd("ldd").arg("/usr/bin/linli-desktop"))?;
        ensure!(!ldd.contains("not found"), "ldd linli-desktop:\n{ldd}");
        ensure!(
            Path::new("/usr/share/applications/linli-desktop.desktop").is_file(),
            "the .desktop entry"
        );
        Ok(())
    })();
    let purged = dpkg(&["--purge", "linli-desktop"], None);
    checked?;
    purged?;
    ensure!(!Path::new("/usr/bin/linli-desktop").exists(), "purged");
    Ok(())
}
