//! The smoke run of `linli.exe` under Wine (issue 22), as a station laptop uses it, against the
//! Linux server on 127.0.0.1:
//!
//! 1. `linli.exe demo` into the default database (%APPDATA%\linli\linli.db), keyed by a PIN;
//! 2. exports: the households as CSV and the residents as .xlsx (Chinese file names), every table
//!    as JSON;
//! 3. `linli.exe login` and `sync` against the native `linli serve` (127.0.0.1, plain HTTP), then
//!    a Linux laptop (the native `linli`) signs in as the same user and pulls, the Windows laptop
//!    syncs again, and both canonical exports are byte-identical;
//! 4. `linli.exe print visit-sheets` (issue 21): Wine has none of Windows' Chinese fonts, so first
//!    the Windows font lookup is seen to look in C:\windows\Fonts (msyh.ttc…) and refuse without
//!    writing a file; then Debian's Noto Sans CJK (fonts-noto-cjk) is copied into the prefix's
//!    C:\windows\Fonts under the name of Microsoft YaHei, `msyh.ttc`, the first file linli-print
//!    looks for on Windows (both are .ttc collections; the Simplified Chinese face is taken), and
//!    the PDF is written by the same lookup a Windows laptop uses, without LINLI_PDF_FONT.
//!    pdftotext reads its Chinese labels and figures back: the title, 户数 with the count
//!    `linli.exe` reported, one block per household with its 户主, 成员 and 上次走访, and every
//!    household's address from the 住户.csv export. The font in the prefix is a test fixture:
//!    every Windows 10 and 11 has msyh.ttc, and the installer ships no font.

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};

use crate::sh;
use crate::wine::Wine;

const PIN: &str = "linli-smoke-pin";
const PASSWORD: &str = "linli-smoke-password";
/// Debian's fonts-noto-cjk, put into the Wine prefix as [`WINDOWS_FONT`].
const NOTO: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
/// The first of linli-print's Windows fonts (`linli_print::font::WINDOWS_FONTS`): Microsoft YaHei.
const WINDOWS_FONT: &str = "msyh.ttc";

/// `wine linli.exe` with what the CLI needs in its environment (a PIN, no OS keystore).
pub fn linli(wine: &Wine, exe: &Path) -> Command {
    let mut c = wine.cmd(exe);
    c.env("LINLI_PIN", PIN)
        .env("LINLI_KEYSTORE", "off")
        .env("LINLI_PASSWORD", PASSWORD)
        .env("HOSTNAME", "wine-laptop");
    c
}

/// The native `linli` (the server, and a Linux laptop).
fn native(root: &Path) -> Command {
    let mut c = sh::cmd(crate::target_dir(root).join("release/linli"));
    c.env("LINLI_PIN", PIN)
        .env("LINLI_KEYSTORE", "off")
        .env("LINLI_PASSWORD", PASSWORD)
        .env("HOSTNAME", "linux-laptop")
        .env_remove("LINLI_DB");
    c
}

/// Standard output of a command that must succeed.
fn ok(what: &str, out: Output) -> Result<String> {
    ensure!(
        out.status.success(),
        "{what}: exit {:?}\n{}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).with_context(|| format!("{what}: output not UTF-8"))
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = sh::cmd("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
            .status();
        let _ = self.0.wait();
    }
}

fn serve(root: &Path, db: &Path) -> Result<(Server, String)> {
    ok(
        "linli admin user add",
        native(root)
            .arg("admin")
            .arg("--db")
            .arg(db)
            .args(["user", "add", "admin", "--role", "admin", "--county-wide"])
            .output()?,
    )?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let server = Server(
        native(root)
            .arg("serve")
            .arg("--db")
            .arg(db)
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?,
    );
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        ensure!(
            started.elapsed() < Duration::from_secs(20),
            "linli serve did not listen"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok((server, format!("http://127.0.0.1:{port}")))
}

/// Runs the smoke run; returns the Windows laptop's canonical export at the end.
pub fn run(root: &Path, wine: &Wine, exe: &Path) -> Result<String> {
    let work = crate::target_dir(root).join("package-wine/smoke");
    std::fs::create_dir_all(&work)?;
    let out_dir = wine.c().join("linli-smoke");
    std::fs::create_dir_all(&out_dir)?;
    let win = |args: &[&str]| -> Result<String> {
        ok(
            &format!("linli.exe {}", args.join(" ")),
            linli(wine, exe).args(args).output()?,
        )
    };

    let said = win(&["--version"])?;
    ensure!(said.starts_with("linli "), "linli.exe --version: {said}");
    let said = win(&["demo", "--households", "150", "--seed", "22"])?;
    ensure!(said.contains("已生成示范数据"), "{said}");
    let db = wine.app_data()?.join("linli/linli.db");
    ensure!(db.is_file(), "the default database is {}", db.display());
    let head = std::fs::read(&db)?;
    ensure!(
        !head.starts_with(b"SQLite format 3"),
        "the database is encrypted (SQLCipher)"
    );

    win(&[
        "export",
        "households",
        "--format",
        "csv",
        "--out",
        r"C:\linli-smoke\住户.csv",
    ])?;
    let csv = std::fs::read(out_dir.join("住户.csv"))?;
    ensure!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "the CSV starts with a BOM"
    );
    let csv = String::from_utf8(csv)?;
    ensure!(
        csv.lines().count() > 150 && csv.lines().next().is_some_and(|h| h.contains("门牌号")),
        "住户.csv: {}",
        csv.lines().take(3).collect::<Vec<_>>().join("\n")
    );
    win(&[
        "export",
        "residents",
        "--format",
        "xlsx",
        "--out",
        r"C:\linli-smoke\居民.xlsx",
    ])?;
    ensure!(
        std::fs::read(out_dir.join("居民.xlsx"))?.starts_with(b"PK"),
        "居民.xlsx is a workbook"
    );
    let json = win(&["export", "--format", "json"])?;
    ensure!(json.contains("\"households\""), "the JSON export");

    let server_db = work.join("server.db");
    let _ = std::fs::remove_file(&server_db);
    let (server, url) = serve(root, &server_db)?;
    win(&["login", "--server", &url, "--user", "admin"])?;
    let said = win(&["sync"])?;
    ensure!(
        said.contains("同步完成") && said.contains("拒绝 0"),
        "linli.exe sync: {said}"
    );
    let linux = work.join("linux-laptop.db");
    let _ = std::fs::remove_file(&linux);
    let lin = |args: &[&str]| -> Result<String> {
        ok(
            &format!("linli {}", args.join(" ")),
            native(root).arg("--db").arg(&linux).args(args).output()?,
        )
    };
    lin(&["login", "--server", &url, "--user", "admin"])?;
    lin(&["sync"])?;
    win(&["sync"])?;
    let from_windows = win(&["export", "--format", "json"])?;
    let from_linux = lin(&["export", "--format", "json"])?;
    ensure!(
        from_windows == from_linux,
        "the Windows and Linux laptops' exports differ after syncing ({} and {} bytes)",
        from_windows.len(),
        from_linux.len()
    );
    drop(server);
    println!(
        "demo, exports, sync: the Windows laptop's export ({} bytes) equals the Linux laptop's",
        from_windows.len()
    );

    print_visit_sheets(wine, exe, &out_dir, &csv)?;
    Ok(from_windows)
}

fn first_building(wine: &Wine, exe: &Path) -> Result<String> {
    let mut child = linli(wine, exe)
        .arg("exec")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    child
        .stdin
        .take()
        .context("stdin")?
        .write_all(b"{\"cmd\":\"list_places\",\"args\":{\"kind\":\"building\"}}\n")?;
    let mut out = String::new();
    child
        .stdout
        .take()
        .context("stdout")?
        .read_to_string(&mut out)?;
    ensure!(child.wait()?.success(), "linli.exe exec: {out}");
    let id = out
        .split("\"id\":\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .with_context(|| format!("no building in {out}"))?;
    Ok(id.to_owned())
}

fn print_visit_sheets(wine: &Wine, exe: &Path, out_dir: &Path, csv: &str) -> Result<()> {
    let building = first_building(wine, exe)?;
    let args = [
        "print",
        "visit-sheets",
        "--place",
        &building,
        "--out",
        r"C:\linli-smoke\走访单.pdf",
    ];
    let pdf = out_dir.join("走访单.pdf");
    // Wine has no msyh.ttc, simhei.ttf…: the Windows lookup is refused, naming where it looked
    let refused = linli(wine, exe).args(args).output()?;
    let err = String::from_utf8_lossy(&refused.stderr);
    ensure!(
        !refused.status.success()
            && err.contains(r"C:\windows\Fonts\msyh.ttc")
            && err.contains("LINLI_PDF_FONT"),
        "without a Chinese font linli.exe print must refuse, naming the Windows fonts: {err}"
    );
    ensure!(!pdf.exists(), "a refused print leaves no file");
    // Microsoft YaHei's file name, as Windows has it; Noto Sans CJK's contents (see the header)
    let fonts = wine.c().join("windows/Fonts");
    std::fs::create_dir_all(&fonts)?;
    std::fs::copy(NOTO, fonts.join(WINDOWS_FONT))
        .with_context(|| format!("copying {NOTO} (fonts-noto-cjk) into {}", fonts.display()))?;
    let said = ok(
        "linli.exe print visit-sheets",
        linli(wine, exe).args(args).output()?,
    )?;
    let households: usize = said
        .split("入户走访单")
        .nth(1)
        .and_then(|r| r.trim().split(' ').next())
        .and_then(|n| n.parse().ok())
        .with_context(|| format!("the household count in: {said}"))?;
    ensure!(households > 0, "{said}");
    ensure!(std::fs::read(&pdf)?.starts_with(b"%PDF-"), "a PDF");
    let text = sh::output(sh::cmd("pdftotext").arg("-layout").arg(&pdf).arg("-"))?;
    let flat: String = text.split_whitespace().collect();
    for label in ["入户走访单", "社区", "制表日期", "本次走访"] {
        ensure!(flat.contains(label), "the PDF lacks {label}: {text}");
    }
    ensure!(
        flat.contains(&format!("户数{households}")),
        "the PDF's 户数 is not the {households} linli.exe reported: {text}"
    );
    for label in ["户主：", "成员：", "上次走访："] {
        ensure!(
            flat.matches(label).count() == households,
            "one {label} per household ({households}): {text}"
        );
    }
    // every household's address (as the 住户.csv export has it) is on the sheets
    let printed = addresses(csv)?
        .iter()
        .filter(|a| flat.contains(a.as_str()))
        .count();
    ensure!(
        printed == households,
        "{printed} of the register's addresses are on the sheets of {households} households: {text}"
    );
    println!(
        "visit sheets of {households} households printed under Wine with C:\\windows\\Fonts\\{WINDOWS_FONT} \
         (Noto Sans CJK); pdftotext reads back the labels, 户数{households} and their addresses"
    );
    Ok(())
}

/// Each household's address from the households CSV (quoted fields allowed): its 小区, 楼栋,
/// 单元 and 门牌号 columns one after another, without whitespace (北门小区1栋1单元101).
fn addresses(csv: &str) -> Result<Vec<String>> {
    let mut rows = csv.trim_start_matches('\u{feff}').lines().map(fields);
    let header = rows.next().context("an empty 住户.csv")?;
    let cols = ["小区", "楼栋", "单元", "门牌号"]
        .iter()
        .map(|c| {
            header
                .iter()
                .position(|h| h == c)
                .with_context(|| format!("住户.csv has no {c} column: {header:?}"))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(rows
        .map(|r| {
            cols.iter()
                .filter_map(|&i| r.get(i))
                .flat_map(|f| f.split_whitespace())
                .collect::<String>()
        })
        .filter(|a| !a.is_empty())
        .collect())
}

/// One CSV line's fields (RFC 4180 quotes; the export writes no line breaks inside fields).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                push(&mut out, '"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => push(&mut out, c),
        }
    }
    out
}

fn push(fields: &mut [String], c: char) {
    if let Some(f) = fields.last_mut() {
        f.push(c);
    }
}
