//! Starting the app under tauri-driver on a database of the test's own, and stopping it cleanly.

use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// How long a wait for something the window should show lasts before the test fails: long
/// enough for a debug build on a busy 2-core machine (a full `cargo xtask test` beside other
/// builds ran one household page past 10 s; since 工作台 asks for the month's targets, which holds
/// the store for seconds in a debug build, 20 s was once too short), short enough that a page
/// that never shows it fails.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// One window at a time: WebKitWebDriver sessions and Xvfb focus do not mix well in parallel.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn env_path(name: &str) -> PathBuf {
    let value = std::env::var_os(name).unwrap_or_else(|| {
        panic!("{name} is not set: run the desktop end-to-end tests through `cargo xtask test`")
    });
    PathBuf::from(value)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The app running in a window on the given database.
pub struct Desktop {
    pub client: Client,
    driver: Child,
    /// The app's own data (WebKit's local storage, where the chosen language is kept), fresh for
    /// every launch so tests do not see each other's settings.
    _home: tempfile::TempDir,
    _guard: tokio::sync::MutexGuard<'static, ()>,
}

impl Desktop {
    /// The app on the Register page, where the tests written before 工作台 became the first
    /// screen (issue 14) start.
    pub async fn launch(db: &Path) -> Desktop {
        let desktop = Desktop::launch_home(db).await;
        desktop.wait_for("#page-home").await;
        desktop.click("#nav-register").await;
        desktop.wait_for("#page-register").await;
        desktop
    }

    /// The app as it opens: on 工作台.
    pub async fn launch_home(db: &Path) -> Desktop {
        Desktop::start(db, true, "#nav-register").await
    }

    /// The app started without `LINLI_PIN` and no keystore (issue 16): on its PIN screen.
    pub async fn launch_locked(db: &Path) -> Desktop {
        Desktop::start(db, false, "#pin-screen").await
    }

    /// The app started on a database file that is not there (issue 22): on its first-start page,
    /// without `LINLI_PIN` when `with_pin` is false.
    pub async fn launch_first(db: &Path, with_pin: bool) -> Desktop {
        Desktop::start(db, with_pin, "#first-start").await
    }

    /// Starts the app and waits until `drawn` shows that it has started.
    async fn start(db: &Path, with_pin: bool, drawn: &str) -> Desktop {
        let guard = ONE_AT_A_TIME.lock().await;
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "DISPLAY is not set: run through `cargo xtask test`, which starts Xvfb"
        );
        let app = env_path("LINLI_DESKTOP_BIN");
        assert!(
            app.is_file(),
            "the desktop app is not built at {}",
            app.display()
        );
        let driver_bin = env_path("TAURI_DRIVER");
        let (port, native_port) = (free_port(), free_port());
        let home = tempfile::tempdir().unwrap();
        // one-click exports go to the Downloads folder: make it the test's own
        let config = home.path().join("config");
        std::fs::create_dir_all(home.path().join("downloads")).unwrap();
        std::fs::create_dir_all(&config).unwrap();
        std::fs::create_dir_all(pick_dir(home.path())).unwrap();
        std::fs::write(
            config.join("user-dirs.dirs"),
            format!(
                "XDG_DOWNLOAD_DIR=\"{}\"\n",
                home.path().join("downloads").display()
            ),
        )
        .unwrap();
        let mut driver = Command::new(&driver_bin);
        if !with_pin {
            driver.env_remove("LINLI_PIN");
        }
        let driver = driver
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("LINLI_DB", db)
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            // the file dialogs and "open the file / its folder" answered and noted, not shown
            .env("LINLI_E2E_PICK", pick_dir(home.path()))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            // its own process group, holding WebKitWebDriver and the app too: a test that fails
            // before `close` still stops all three (an app left running keeps the test's output
            // pipe open, and a piped `cargo test` then never ends)
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver_bin.display()));
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "tauri-driver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session with the app");
        let desktop = Desktop {
            client,
            driver,
            _home: home,
            _guard: guard,
        };
        // the app has started when the navigation (or the PIN screen…) is drawn
        desktop.wait_for(drawn).await;
        desktop
    }

    /// The folder the app's one-click exports are written to (its Downloads folder).
    pub fn downloads(&self) -> PathBuf {
        self._home.path().join("downloads")
    }

    /// Waits (up to [`PATIENCE`]) for an element and returns it.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// Waits (up to [`PATIENCE`]) until no element matches `css`: for what a page shows only
    /// until its answer arrives (the care tags offered before the community's rules are read).
    pub async fn wait_gone(&self, css: &str) {
        let started = Instant::now();
        while !self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap()
            .is_empty()
        {
            assert!(started.elapsed() < PATIENCE, "{css} is still shown");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits (up to [`PATIENCE`]) until the element's text contains `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> String {
        self.wait_text_within(css, text, PATIENCE.as_secs()).await
    }

    /// Waits up to `secs` until the element's text contains `text`: for what may take longer
    /// than [`PATIENCE`] (a sync, a first pull) or should take less.
    pub async fn wait_text_within(&self, css: &str, text: &str, secs: u64) -> String {
        let started = Instant::now();
        let mut last = None;
        while started.elapsed() < Duration::from_secs(secs) {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = el.text().await {
                    if t.contains(text) {
                        return t;
                    }
                    last = Some(t);
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        match last {
            Some(t) => panic!("{css} shows {t:?}, never {text:?} (waited {secs} s)"),
            None => panic!("{css} never appeared (waited {secs} s for {text:?})"),
        }
    }

    /// Sets a date or time field as its picker would, with an `input` event: typed keys go into
    /// WebKit's date field by its locale's segments (2026-12-07 became 12/12/0007).
    pub async fn set_field(&self, css: &str, value: &str) {
        self.wait_for(css).await;
        self.client
            .execute(
                "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
                 el.dispatchEvent(new Event('input', { bubbles: true })); \
                 el.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![css.into(), value.into()],
            )
            .await
            .unwrap_or_else(|e| panic!("setting {css}: {e}"));
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.wait_for(css).await;
        el.clear().await.unwrap();
        el.send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// [`Desktop::type_into`] until the field holds `text`: a field filled by a late answer (a
    /// suggested path) can be drawn again with it between the clear and the typing, and then
    /// holds the suggestion with `text` after it (seen at load).
    pub async fn replace_text(&self, css: &str, text: &str) {
        let started = Instant::now();
        loop {
            self.type_into(css, text).await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            let el = self.wait_for(css).await;
            let now = el.prop("value").await.ok().flatten().unwrap_or_default();
            if now == text {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{css} holds {now:?}, never {text:?}"
            );
        }
    }

    /// Saves a screenshot of the window as `<LINLI_E2E_OUT>/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        // WebKit can hand back the last painted frame: give the newest state time to paint, and
        // wait for two animation frames (the second comes after the newest state was painted)
        tokio::time::sleep(Duration::from_millis(400)).await;
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await;
        let png = self.client.screenshot().await.expect("a screenshot");
        let dir = env_path("LINLI_E2E_OUT");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// Ends the session and stops tauri-driver with SIGTERM, so it takes its WebKitWebDriver along.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.driver.id().to_string())
            .status();
        let _ = self.driver.wait();
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        // after `close` only what outlived tauri-driver is left; after a failure, all three
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg("--")
            .arg(format!("-{}", self.driver.id()))
            .status();
        if let Ok(None) = self.driver.try_wait() {
            let _ = self.driver.wait();
        }
    }
}

/// A database holding the demo town, in a folder removed when the test ends: a copy of one
/// demo made once per run (making it takes ~25 s in a debug build, and most window tests want
/// one). The copy keeps the demo's device id and journal, as a restored backup would: a test
/// that enrols the laptop with a server, or syncs two laptops, takes [`fresh_demo_db`].
pub fn demo_db() -> (tempfile::TempDir, PathBuf) {
    static MADE: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    let (_, source) = MADE.get_or_init(fresh_demo_db);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    // the database and its key wrapped by the PIN beside it (`linli.db.key`)
    let key = |db: &Path| db.with_file_name("linli.db.key");
    for (from, to) in [(source.clone(), path.clone()), (key(source), key(&path))] {
        std::fs::copy(&from, &to)
            .unwrap_or_else(|e| panic!("copying {} to {}: {e}", from.display(), to.display()));
    }
    (dir, path)
}

/// A database holding a demo town of its own (its own device id), made for this test.
pub fn fresh_demo_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    let mut store = linli_store::Store::open(&path).unwrap();
    linli_store::demo::generate(&mut store, Default::default()).unwrap();
    drop(store);
    // the copies are of the file alone: nothing may be left in a write-ahead log
    for ext in ["-wal", "-shm"] {
        let mut side = path.clone().into_os_string();
        side.push(ext);
        let side = PathBuf::from(side);
        assert!(
            std::fs::metadata(&side).map_or(true, |m| m.len() == 0),
            "{} is left after closing the demo",
            side.display()
        );
    }
    (dir, path)
}

impl Desktop {
    /// Waits until the input's value is `value`.
    pub async fn wait_for_value(&self, css: &str, value: &str) {
        let started = Instant::now();
        loop {
            let el = self.wait_for(css).await;
            let now = el.prop("value").await.ok().flatten().unwrap_or_default();
            if now == value {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{css} holds {now:?}, never {value:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Presses Ctrl+K with the keyboard (not on an element): the app's global shortcut.
    pub async fn press_ctrl_k(&self) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        use fantoccini::key::Key;
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down {
                value: Key::Control.into(),
            })
            .then(KeyAction::Down { value: 'k' })
            .then(KeyAction::Up { value: 'k' })
            .then(KeyAction::Up {
                value: Key::Control.into(),
            });
        self.client.perform_actions(keys).await.expect("Ctrl+K");
    }

    /// The id attribute of the focused element.
    pub async fn focused_id(&self) -> Option<String> {
        let el = self.client.active_element().await.ok()?;
        el.attr("id").await.ok()?
    }

    /// Chooses an option of a select as a user would. WebKitWebDriver cannot click into the GTK
    /// popup of a select (clicking an option can open the popup and stall the session), so the
    /// value is set and the change event sent, which is what Yew hears. `None` chooses the first
    /// option after the blank one.
    pub async fn choose(&self, css: &str, value: Option<&str>) {
        self.wait_for(css).await;
        // a list filled by an answer is drawn before its options arrive: setting a value it
        // does not hold yet leaves it empty (a council page with no community, once in CI)
        let started = Instant::now();
        loop {
            let ready = self
                .client
                .execute(
                    "const s = document.querySelector(arguments[0]);
                     if (!s || !s.options) return false;
                     const v = arguments[1];
                     return v === null ? s.options.length > 1
                                       : Array.from(s.options).some(o => o.value === v);",
                    vec![serde_json::json!(css), serde_json::json!(value)],
                )
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if ready {
                break;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{css} never offered {value:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.client
            .execute(
                "const s = document.querySelector(arguments[0]);
                 s.value = arguments[1] ?? s.options[1].value;
                 s.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![serde_json::json!(css), serde_json::json!(value)],
            )
            .await
            .unwrap_or_else(|e| panic!("choose in {css}: {e}"));
    }

    /// The text of the first element matching `css` (waiting for it to appear).
    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.unwrap_or_default()
    }
}

/// One number from the database file, e.g. `SELECT count(*) FROM residents`.
/// The county of a demo file (the place a county-wide server user is granted).
pub fn county_of(db: &Path) -> linli_domain::Id {
    let conn = linli_store::connect(db).unwrap();
    let id: String = conn
        .query_row("SELECT id FROM places WHERE kind = 'county'", [], |r| {
            r.get(0)
        })
        .unwrap();
    id.parse().unwrap()
}

pub fn count(db: &Path, sql: &str) -> i64 {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A real PNG photo, 64×48.
pub fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Picks a file for the visit form's `<input type=file>` as the file dialog would.
pub const PICK_PHOTO: &str = r#"
const [bytes, name, type] = arguments;
const dt = new DataTransfer();
dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
const input = document.getElementById('visit-photo-file');
input.files = dt.files;
const picked = input.files.length;
input.dispatchEvent(new Event('change', { bubbles: true }));
return picked;
"#;

/// Where the desktop shell's file-dialog seam (`LINLI_E2E_PICK`, `src-tauri/src/files.rs`) reads
/// its answers and notes what it was asked, under the launch's own home.
fn pick_dir(home: &Path) -> PathBuf {
    home.join("pick")
}

impl Desktop {
    /// Answers the next file dialog (save or open) with `path`, as a user choosing it would.
    pub fn answer_next_dialog(&self, path: &Path) {
        std::fs::write(
            pick_dir(self._home.path()).join("answer"),
            path.display().to_string(),
        )
        .unwrap();
    }

    /// The dialogs asked for so far, one line each: "save|open <folder it starts in> <name>".
    pub fn dialogs_asked(&self) -> String {
        std::fs::read_to_string(pick_dir(self._home.path()).join("asked")).unwrap_or_default()
    }

    /// What was opened so far instead of launching it, one line each: "file <path>" or
    /// "folder <path>".
    pub fn opened(&self) -> String {
        std::fs::read_to_string(pick_dir(self._home.path()).join("opened")).unwrap_or_default()
    }

    /// Waits until `opened()` holds `line`.
    pub async fn wait_opened(&self, line: &str) {
        let started = Instant::now();
        loop {
            let now = self.opened();
            if now.lines().any(|l| l == line) {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "never opened {line:?}; opened: {now:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Today as the app counts it: the local day of this machine (the app reads the system's offset,
/// `linli_store::local_offset_minutes`), "YYYY-MM-DD".
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let local = secs + i64::from(linli_store::local_offset_minutes()) * 60;
    linli_domain::calendar::day_text(local.div_euclid(86_400))
}

/// The first column of the first row `sql` selects from the test's database, as text.
pub fn one(db: &Path, sql: &str) -> String {
    linli_store::connect(db)
        .unwrap()
        .query_row(sql, [], |r| r.get::<_, String>(0))
        .unwrap()
}
