//! The release app under tauri-driver, and the timings taken inside the page: a click (or a key)
//! and then, every animation frame, whether the content is there; `performance.now()` between the
//! two, so WebDriver's own round trips are not counted.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// Xvfb on a display of its own, stopped when dropped; `DISPLAY` as it is when already set.
pub struct Display(Option<Child>, pub String);

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(c) = &mut self.0 {
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(c.id().to_string())
                .status();
            let _ = c.wait();
        }
    }
}

pub fn display() -> Display {
    if let Ok(d) = std::env::var("DISPLAY") {
        return Display(None, d);
    }
    let n = (140..200)
        .find(|n| !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists())
        .expect("a free X display");
    let child = Command::new("Xvfb")
        .args([
            &format!(":{n}"),
            "-screen",
            "0",
            "1366x768x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb (apt-get install xvfb)");
    let started = Instant::now();
    while !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "Xvfb :{n} did not come up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Display(Some(child), format!(":{n}"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The script that runs `act` (JS statements) and waits every animation frame until `ready` (a
/// JS expression) holds, then answers the milliseconds since `act` (or -1 after 60 s). Both are
/// written into the script: the app's CSP forbids `eval` and `new Function`.
fn wait_script(act: &str, ready: &str) -> String {
    format!(
        "const done = arguments[arguments.length - 1];
const ready = () => ({ready});
const t0 = performance.now();
{act}
const tick = () => {{
  let ok = false;
  try {{ ok = ready(); }} catch (e) {{ ok = false; }}
  if (ok) {{ done(performance.now() - t0); }}
  else if (performance.now() - t0 > 60000) {{ done(-1); }}
  else {{ requestAnimationFrame(tick); }}
}};
requestAnimationFrame(tick);"
    )
}

/// What a page shows while it waits for its figures (the pages' `loading` texts).
const LOADING: &[&str] = &[
    "正在加载…",
    "正在统计…",
    "正在读取…",
    "正在列出记录…",
    "Loading…",
];

/// A page is drawn when its main area holds its head (or its title), what it must show, and
/// nothing loading.
fn page_ready(slug: &str, extra: &[&str]) -> String {
    let extra: Vec<String> = extra
        .iter()
        .map(|s| format!("m.querySelector({})", json!(s)))
        .collect();
    format!(
        "(() => {{ const m = document.getElementById({}); if (!m || !m.querySelector('.page-head, h1')) return false;
           const t = m.textContent; if ({}.some(w => t.includes(w))) return false;
           return {}; }})()",
        json!(format!("page-{slug}")),
        json!(LOADING),
        if extra.is_empty() {
            "true".to_owned()
        } else {
            extra.join(" && ")
        }
    )
}

pub struct App {
    client: Client,
    driver: Child,
    downloads: std::path::PathBuf,
    exports: std::cell::Cell<u32>,
    /// The app's own process (ended here if the WebDriver leaves it running).
    app_pid: u32,
    /// From the page's start (`performance.now()` at first content).
    pub launched_in_page: f64,
    /// From the app process's start (its start time in `/proc`, 10 ms ticks) to first content.
    pub launched_process: f64,
    /// From asking tauri-driver for the window (the WebDriver session's start included).
    pub launched_wall: f64,
}

/// The start of a process, in milliseconds since the epoch: `/proc/PID/stat`'s start time (clock
/// ticks after boot) plus the boot time, taken as now less `/proc/uptime` (10 ms). `/proc/stat`'s
/// `btime` is whole seconds: this machine booted 0.84 s after its `btime`, so every launch was
/// measured 0.84 s too long until 7 Dec 2026 (the runs in docs/performance.md before then).
pub fn process_start_ms(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    // fields after the name: state is field 3, starttime field 22
    let ticks: f64 = rest.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs_f64();
    // USER_HZ is 100 on Linux
    Some((now - uptime + ticks / 100.0) * 1000.0)
}

impl App {
    pub async fn launch(
        display: &str,
        driver_bin: &Path,
        app: &Path,
        db: &Path,
        home: &Path,
    ) -> App {
        let (port, native) = (free_port(), free_port());
        for d in ["data", "config", "cache", "downloads"] {
            std::fs::create_dir_all(home.join(d)).unwrap();
        }
        std::fs::write(
            home.join("config/user-dirs.dirs"),
            format!(
                "XDG_DOWNLOAD_DIR=\"{}\"\n",
                home.join("downloads").display()
            ),
        )
        .unwrap();
        let driver = Command::new(driver_bin)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("DISPLAY", display)
            .env("LINLI_DB", db)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("LINLI_E2E_PICK", home.join("downloads"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver_bin.display()));
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "tauri-driver did not listen"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert("tauri:options".into(), json!({ "application": app }));
        let asked = Instant::now();
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session with the app");
        // a page may take longer than WebDriver's 30 s default; the scripts give up after 60 s
        client
            .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                Some(Duration::from_secs(90)),
                None,
                None,
            ))
            .await
            .expect("WebDriver's timeouts");
        // 工作台 with its figures: the first content a worker sees
        let ready = page_ready("home", &[]);
        let (in_page, at) = loop {
            let v = client
                .execute(
                    &format!(
                        "return ({ready}) ? [performance.now(), performance.timeOrigin + performance.now()] : null;"
                    ),
                    vec![],
                )
                .await
                .unwrap_or(Value::Null);
            if let (Some(ms), Some(at)) = (v[0].as_f64(), v[1].as_f64()) {
                break (ms, at);
            }
            assert!(
                asked.elapsed() < Duration::from_secs(60),
                "工作台 never showed"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        };
        let wall = asked.elapsed().as_secs_f64() * 1000.0;
        let app_pid = crate::memory::app_pid(driver.id(), app).expect("the app's process");
        let started = process_start_ms(app_pid).expect("the app's start time");
        App {
            client,
            driver,
            downloads: home.join("downloads"),
            exports: std::cell::Cell::new(0),
            app_pid,
            launched_in_page: in_page,
            launched_process: at - started,
            launched_wall: wall,
        }
    }

    /// The UI's wasm memory in MB (it grows and is never given back), when the page shows it.
    pub async fn wasm_mb(&self) -> Option<f64> {
        self.client
            .execute(
                "return window.__linliWasmMemory ? window.__linliWasmMemory.buffer.byteLength : null;",
                vec![],
            )
            .await
            .ok()?
            .as_f64()
            .map(|b| b / 1024.0 / 1024.0)
    }

    pub fn driver_pid(&self) -> u32 {
        self.driver.id()
    }

    /// Runs `act` (JS) and waits until `ready` (a JS expression) holds; the milliseconds between.
    async fn timed(&self, act: &str, ready: &str) -> f64 {
        let ms = self.try_timed(act, ready).await;
        assert!(ms >= 0.0, "never ready after {act}: {ready}");
        ms
    }

    /// As `timed`, but -1 when `ready` did not hold within 60 s.
    async fn try_timed(&self, act: &str, ready: &str) -> f64 {
        let v = self
            .client
            .execute_async(&wait_script(act, ready), vec![])
            .await
            .unwrap_or_else(|e| panic!("timing {act}: {e}"));
        v.as_f64().unwrap_or(-1.0)
    }

    /// Whether the navigation has this page (the admin's is only there for an admin).
    pub async fn has_page(&self, slug: &str) -> bool {
        self.client
            .execute(
                &format!(
                    "return document.getElementById({}) !== null;",
                    json!(format!("nav-{slug}"))
                ),
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }

    /// Clicks the page's entry in the navigation; the time until it is drawn (-1: not in 60 s).
    pub async fn open_page(&self, slug: &str, extra: &[&str]) -> f64 {
        self.try_timed(
            &format!(
                "document.getElementById({}).click();",
                json!(format!("nav-{slug}"))
            ),
            &page_ready(slug, extra),
        )
        .await
    }

    /// Types a name into the search box at once; the time until its hits are listed.
    pub async fn search(&self, name: &str) -> f64 {
        // from empty, so that every search is asked afresh
        self.client
            .execute(
                "const s = document.getElementById('search'); s.value = '';
                 s.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![],
            )
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        self.timed(
            &format!(
                "const s = document.getElementById('search'); s.focus(); s.value = {};
                 s.dispatchEvent(new Event('input', {{ bubbles: true }}));",
                json!(name)
            ),
            "document.querySelector('#search-results .search-hit') !== null",
        )
        .await
    }

    /// Enter on the first search hit; the time until its household page is drawn.
    pub async fn open_first_hit(&self) -> f64 {
        self.timed(
            "document.querySelector('#search-results .search-hit')
               .dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));",
            "(() => { const h = document.getElementById('household-address'); if (!h) return false;
               const m = document.querySelector('main'); return !m.textContent.includes('正在加载…'); })()",
        )
        .await
    }

    /// Clicks the board's first task; the time until its panel is drawn.
    pub async fn open_first_task(&self) -> f64 {
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(".task-card"))
            .await
            .expect("a task on the board");
        self.timed(
            "document.querySelector('.task-card').click();",
            "(() => { const p = document.getElementById('task-panel'); return p !== null
               && !p.textContent.includes('正在加载…'); })()",
        )
        .await
    }

    /// Clicks an export button, the save dialog answered with a new file in the downloads
    /// folder; the time until the page says it is written (and it is on disk).
    pub async fn export(&self, css: &str) -> f64 {
        let n = self.exports.get() + 1;
        self.exports.set(n);
        let file = self.downloads.join(format!("export-{n}.xlsx"));
        std::fs::write(self.downloads.join("answer"), file.display().to_string()).unwrap();
        let id = css.trim_start_matches('#');
        // the notice of the last export goes when the button is pressed and comes back when done
        let ms = self
            .timed(
                &format!(
                    "window.__gone = false; window.__t0 = performance.now();
                     document.getElementById({}).click();",
                    json!(id)
                ),
                &format!(
                    "(() => {{ const b = document.getElementById({}); if (!b) return false;
                       const said = document.getElementById({});
                       if (!said) {{ window.__gone = true; return false; }}
                       return !b.disabled && (window.__gone || performance.now() - window.__t0 > 3000); }})()",
                    json!(id),
                    json!(format!("{id}-exported"))
                ),
            )
            .await;
        let t = Instant::now();
        while !file.is_file() {
            assert!(
                t.elapsed() < Duration::from_secs(60),
                "{} was never written",
                file.display()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let _ = std::fs::remove_file(&file);
        ms
    }

    /// On 诉求 (open): opens the `task`-th task that shows photos on its card, then its `photo`-th
    /// photo whole; the time from the thumbnail's click to the photo decoded in the viewer. The
    /// viewer is closed again.
    pub async fn open_photo(&self, task: usize, photo: usize) -> f64 {
        self.timed(
            &format!(
                "document.querySelectorAll('.task-card-photos')[{task}].closest('.task-card').click();"
            ),
            &format!(
                "document.querySelectorAll('#task-panel #attachments .attachment-thumb').length > {photo}"
            ),
        )
        .await;
        let ms = self
            .timed(
                &format!(
                    "document.querySelectorAll('#task-panel #attachments .attachment-thumb')[{photo}].click();"
                ),
                "(() => { const i = document.querySelector('#photo-viewer img');
                   return i !== null && i.complete && i.naturalWidth > 0; })()",
            )
            .await;
        self.timed(
            "document.getElementById('photo-viewer-close').click();",
            "document.getElementById('photo-viewer') === null",
        )
        .await;
        ms
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.driver.id().to_string())
            .status();
        let mut d = self.driver;
        let _ = d.wait();
        // the session's end does not always end the app (it was seen left running with its
        // network process): end it, so that no run measures or slows beside the last one's
        let t = Instant::now();
        while Path::new(&format!("/proc/{}", self.app_pid)).exists() {
            if t.elapsed() > Duration::from_secs(2) {
                let _ = Command::new("kill")
                    .arg("-TERM")
                    .arg(self.app_pid.to_string())
                    .status();
                tokio::time::sleep(Duration::from_millis(500)).await;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
