//! linli-desktop: the Tauri shell. It opens the store, and registers one Tauri command per
//! linli-protocol request, each of which hands its request to one store call. No logic lives here:
//! whatever the window can do, `linli exec` can script. The Sync page's requests
//! (`with_sync_commands!`) go to linli-sync's background sync instead, which runs on a thread with
//! its own connection to the same file.

pub mod files;
pub mod first_start;
pub mod photos;
mod reads;
pub mod updates;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use linli_protocol::{ApiError, ErrorKind};
use linli_store::{Execute, KeySource, Store};
use linli_sync::{Background, SyncRequest};
use tauri::Runtime;

/// The open store, or why it could not be opened (shown by the UI on its first request), and the
/// background sync on a second connection to the same file. An encrypted file whose key is wrapped
/// by a PIN stays locked until the window's PIN screen unlocks it ([`Backend::unlock`]).
/// With no database file at launch, the first-start page comes first ([`first_start`]).
pub struct Backend {
    /// The database file (`db_path`); none for an in-memory store.
    path: Option<PathBuf>,
    inner: std::sync::RwLock<Inner>,
}

struct Inner {
    /// The file open (the demo's own file while the first-start demo is shown).
    path: Option<PathBuf>,
    store: Result<Arc<Mutex<Store>>, ApiError>,
    /// A second connection that only reads, for the pages' reads ([`reads`]); none for a store
    /// in memory, a locked one, or when it could not be opened (the writer then reads too).
    reader: Option<Arc<Mutex<Store>>>,
    sync: Option<Background>,
    /// Waiting for the PIN: `Some(true)` when none is set yet.
    locked: Option<bool>,
    /// Not open yet, or not set up yet: the first-start page's step ([`first_start::Start`]).
    start: Option<first_start::Start>,
    /// The store open is the first-start page's demo: never synced, shown with a banner.
    demo: bool,
}

impl Inner {
    /// The database at `path` opened with `key`, or waiting for the PIN, and its background sync
    /// on a second connection.
    fn open(path: &Path, key: &KeySource) -> Inner {
        let (store, locked) = match Store::open_with(path, key) {
            Err(linli_store::Error::PinNeeded { first, .. }) => (Err(locked_error()), Some(first)),
            other => (other.map_err(ApiError::from), None),
        };
        let sync = match &store {
            Ok(s) => Store::open_with(path, &s.key_source())
                .ok()
                .map(Background::start_http),
            Err(_) => None,
        };
        let reader = store.as_ref().ok().and_then(reader_of);
        Inner {
            path: Some(path.to_owned()),
            store: store.map(|s| Arc::new(Mutex::new(s))),
            reader,
            sync,
            locked,
            start: None,
            demo: false,
        }
    }
}

/// Whether the window must ask for the PIN before the app loads (the `lock_state` command).
#[derive(Debug, Clone, serde::Serialize)]
pub struct LockState {
    pub locked: bool,
    /// The first-start page's step: no database at launch (`choose`), or one just made for
    /// joining a server or a new community that is not set up yet (`join`, `new`).
    pub start: Option<first_start::Start>,
    /// The first-start demo is open: every page shows the banner and the way out of it.
    pub demo: bool,
    /// No PIN is set yet: the window asks the worker to choose one (and type it twice).
    pub first: bool,
    pub min_chars: usize,
}

/// The answer to a PIN (the `unlock` command): `problem` is empty, `wrong_pin`, `too_short`, or
/// a message.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UnlockAnswer {
    pub ok: bool,
    pub problem: String,
}

/// The reader beside `store` ([`Store::open_reader`]); the writer then keeps a smaller page
/// cache, since the pages' reads fill the reader's (256 MB).
fn reader_of(store: &Store) -> Option<Arc<Mutex<Store>>> {
    let reader = store.open_reader().ok().flatten()?;
    let _ = store.set_cache_mb(WRITER_CACHE_MB);
    Some(Arc::new(Mutex::new(reader)))
}

/// The writer's page cache when a reader holds the pages' reads.
const WRITER_CACHE_MB: u32 = 64;

fn locked_error() -> ApiError {
    ApiError::new(
        ErrorKind::Database,
        "数据库已加密，请先输入 PIN 解锁 (the database is locked: enter the PIN)",
    )
}

impl Backend {
    /// Opens the database at `path` with this laptop's key and starts syncing in the background;
    /// a failure is kept and reported to the UI, not a crash; a key wrapped by a PIN that was not
    /// given (`LINLI_PIN`) leaves the backend locked.
    /// With no file at `path`, nothing is made: the first-start page asks first.
    pub fn open(path: PathBuf) -> Backend {
        let inner = first_start::at_launch(&path)
            .unwrap_or_else(|| Inner::open(&path, &KeySource::from_env()));
        Backend {
            path: Some(path),
            inner: std::sync::RwLock::new(inner),
        }
    }

    /// A store with no background sync (an in-memory one, in tests).
    pub fn from_store(store: Store) -> Backend {
        Backend {
            path: None,
            inner: std::sync::RwLock::new(Inner {
                path: None,
                store: Ok(Arc::new(Mutex::new(store))),
                reader: None,
                sync: None,
                locked: None,
                start: None,
                demo: false,
            }),
        }
    }

    fn inner(&self) -> std::sync::RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the window must ask for the PIN first.
    pub fn lock_state(&self) -> LockState {
        let inner = self.inner();
        let locked = inner.locked;
        LockState {
            locked: locked.is_some(),
            start: inner.start,
            demo: inner.demo,
            first: locked == Some(true),
            min_chars: linli_store::MIN_PIN_CHARS,
        }
    }

    /// Opens the locked database with the PIN typed in the window (sets it when `first`). A wrong
    /// PIN changes nothing and leaves it locked.
    pub fn unlock(&self, pin: String) -> UnlockAnswer {
        let answer = |problem: &str| UnlockAnswer {
            ok: problem.is_empty(),
            problem: problem.to_owned(),
        };
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        let Some(path) = inner.path.clone() else {
            return answer("");
        };
        if inner.locked.is_none() {
            return answer("");
        }
        match Store::open_with(&path, &KeySource::with_pin(pin)) {
            Ok(store) => {
                // the background sync's connection takes the key the PIN unlocked
                inner.sync = Store::open_with(&path, &store.key_source())
                    .ok()
                    .map(Background::start_http);
                inner.reader = reader_of(&store);
                inner.store = Ok(Arc::new(Mutex::new(store)));
                inner.locked = None;
                answer("")
            }
            Err(linli_store::Error::WrongPin { .. }) => answer("wrong_pin"),
            Err(linli_store::Error::Invalid(_)) => answer("too_short"),
            Err(e) => answer(&e.to_string()),
        }
    }

    /// The background sync, if this database syncs (the update check watches it).
    pub fn background(&self) -> Option<Background> {
        self.inner().sync.clone()
    }

    /// Carries out one Sync page request on a blocking thread (a sync may take minutes).
    pub async fn sync<C>(&self, req: C) -> Result<C::Response, ApiError>
    where
        C: SyncRequest + Send + 'static,
        C::Response: Send + 'static,
    {
        let (store, sync) = {
            let inner = self.inner();
            // the first-start demo never goes to a server: its status only
            if inner.demo
                && C::NAME != <linli_protocol::SyncStatusQuery as linli_protocol::Command>::NAME
            {
                return Err(first_start::demo_no_sync());
            }
            (inner.store.clone()?, inner.sync.clone())
        };
        let sync = sync.ok_or_else(|| {
            ApiError::new(
                ErrorKind::Internal,
                "这个数据库不能同步（没有在文件中打开）",
            )
        })?;
        tauri::async_runtime::spawn_blocking(move || req.carry_out(&sync, &store))
            .await
            .map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?
    }

    /// Escalates every overdue task on this laptop, one event per level (issue 24): the shell's
    /// timer ([`escalate_on_a_timer`]) calls it, and the background sync after each sync; no page
    /// does, so opening one never writes. Idempotent across laptops (the store's
    /// `escalate_overdue`): the same level is the same row everywhere. Returns how many tasks went
    /// up.
    pub fn escalate(&self) -> Result<usize, ApiError> {
        self.run(linli_protocol::EscalateOverdue {
            place_id: None,
            today: None,
        })
        .map(|tasks| tasks.len())
    }

    /// Carries out one request against the store: a read (named in `reads.rs`) on the reader, or on the
    /// writer's connection when the reader is busy and the writer is not; everything else on the
    /// writer. A read the reader refuses as a write is carried out again by the writer.
    pub fn run<C: Execute>(&self, req: C) -> Result<C::Response, ApiError> {
        let asked = std::time::Instant::now();
        let (store, reader) = {
            let inner = self.inner();
            (inner.store.clone()?, inner.reader.clone())
        };
        match reader.filter(|_| reads::only_reads(C::NAME)) {
            Some(reader) => run_read(&store, &reader, req, asked),
            None => run_on(&store, req, asked),
        }
    }
}

/// Carries out a read on the reader, or on the writer's connection when only it is free; again
/// on the writer when the reader refuses it as a write.
fn run_read<C: Execute>(
    store: &Mutex<Store>,
    reader: &Mutex<Store>,
    req: C,
    asked: std::time::Instant,
) -> Result<C::Response, ApiError> {
    use std::sync::TryLockError::{Poisoned, WouldBlock};
    let mut on = match reader.try_lock() {
        Ok(g) => g,
        Err(WouldBlock) => match store.try_lock() {
            Ok(g) => g,
            Err(WouldBlock) => reader.lock().map_err(|_| broken())?,
            Err(Poisoned(_)) => return Err(broken()),
        },
        Err(Poisoned(_)) => return Err(broken()),
    };
    // kept to be carried out again by the writer, should the reader refuse it
    let again = serde_json::to_value(&req);
    let locked = std::time::Instant::now();
    let res = req.execute(&mut on);
    drop(on);
    match res {
        Err(e) if e.is_read_only() => {
            trace_request(C::NAME, locked - asked, locked.elapsed(), false);
            let req = again
                .and_then(serde_json::from_value::<C>)
                .map_err(|_| ApiError::from(e))?;
            run_on(store, req, std::time::Instant::now())
        }
        res => {
            trace_request(C::NAME, locked - asked, locked.elapsed(), res.is_ok());
            res.map_err(ApiError::from)
        }
    }
}

/// Carries out `req` on the writer's connection.
fn run_on<C: Execute>(
    store: &Mutex<Store>,
    req: C,
    asked: std::time::Instant,
) -> Result<C::Response, ApiError> {
    let mut store = store.lock().map_err(|_| broken())?;
    let locked = std::time::Instant::now();
    let res = req.execute(&mut store).map_err(ApiError::from);
    drop(store);
    trace_request(C::NAME, locked - asked, locked.elapsed(), res.is_ok());
    res
}

fn broken() -> ApiError {
    ApiError::new(ErrorKind::Internal, "数据库连接已损坏，请重启邻里")
}

/// With `LINLI_TRACE_REQUESTS` naming a file, each request the window makes is added to it as a
/// line: when it ended (milliseconds since 1970), its name, the milliseconds it waited for the store and those it ran, `ok` or `error`
/// (how the window benchmark's slow pages are told apart: a slow answer or a wait behind another
/// page's; issue 24). Nothing else is written there, and nothing at all without the variable.
fn trace_request(name: &str, waited: std::time::Duration, ran: std::time::Duration, ok: bool) {
    use std::io::Write as _;
    static TRACE: std::sync::OnceLock<Option<Mutex<std::fs::File>>> = std::sync::OnceLock::new();
    let file = TRACE.get_or_init(|| {
        let path = std::env::var_os("LINLI_TRACE_REQUESTS")?;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()
            .map(Mutex::new)
    });
    if let Some(Ok(mut f)) = file.as_ref().map(Mutex::lock) {
        let at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis();
        let _ = writeln!(
            f,
            "{at}\t{name}\t{:.1}\t{:.1}\t{}",
            waited.as_secs_f64() * 1000.0,
            ran.as_secs_f64() * 1000.0,
            if ok { "ok" } else { "error" }
        );
    }
}

/// The database file: `LINLI_DB` when set, else the user's data directory.
pub fn db_path() -> PathBuf {
    std::env::var_os("LINLI_DB")
        .map(PathBuf::from)
        .unwrap_or_else(linli_store::default_db_path)
}

macro_rules! commands {
    ($($name:ident => $ty:path),* $(,)?) => {
        /// One Tauri command per linli-protocol request, named after `Command::NAME`.
        pub mod commands {
            use super::Backend;
            use linli_protocol::ApiError;
            $(
                #[tauri::command]
                pub async fn $name(
                    backend: tauri::State<'_, Backend>,
                    req: $ty,
                ) -> Result<<$ty as linli_protocol::Command>::Response, ApiError> {
                    backend.run(req)
                }
            )*
        }

        fn store_handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(commands::$name),*]
        }
    };
}

macro_rules! sync_commands {
    ($($name:ident => $ty:path),* $(,)?) => {
        /// One Tauri command per Sync page request, each one linli-sync call.
        pub mod sync_commands {
            use super::Backend;
            use linli_protocol::ApiError;
            $(
                #[tauri::command]
                pub async fn $name(
                    backend: tauri::State<'_, Backend>,
                    req: $ty,
                ) -> Result<<$ty as linli_protocol::Command>::Response, ApiError> {
                    backend.sync(req).await
                }
            )*
        }

        fn sync_handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(sync_commands::$name),*]
        }
    };
}

linli_protocol::with_sync_commands!(sync_commands);

linli_protocol::with_commands!(commands);

fn files_handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![files::pick_file, files::open_path]
}

/// The PIN screen's two commands (issue 16), outside linli-protocol: they exist only in the shell.
pub mod lock_commands {
    use super::{Backend, LockState, UnlockAnswer};

    #[tauri::command]
    pub fn lock_state(backend: tauri::State<'_, Backend>) -> LockState {
        backend.lock_state()
    }

    #[tauri::command]
    pub async fn unlock(
        backend: tauri::State<'_, Backend>,
        pin: String,
    ) -> Result<UnlockAnswer, ()> {
        Ok(backend.unlock(pin))
    }
}

fn lock_handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![lock_commands::lock_state, lock_commands::unlock]
}

/// Registers every command of linli-protocol: the store's, the Sync page's and the file dialogs, and the shell's PIN screen.
fn invoke_handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    let store = store_handler();
    let sync = sync_handler();
    let files = files_handler();
    let lock = lock_handler();
    let first = first_start::handler();
    let updates = updates::handler();
    move |invoke| {
        if ["lock_state", "unlock"].contains(&invoke.message.command()) {
            lock(invoke)
        } else if first_start::COMMANDS.contains(&invoke.message.command()) {
            first(invoke)
        } else if linli_protocol::UPDATE_COMMAND_NAMES.contains(&invoke.message.command()) {
            updates(invoke)
        } else if linli_protocol::SYNC_COMMAND_NAMES.contains(&invoke.message.command()) {
            sync(invoke)
        } else if linli_protocol::FILE_COMMAND_NAMES.contains(&invoke.message.command()) {
            files(invoke)
        } else {
            store(invoke)
        }
    }
}

/// The app on any runtime: the real one in [`run`], Tauri's mock runtime in tests.
pub fn run_app<R: Runtime>(builder: tauri::Builder<R>, backend: Backend) -> tauri::Builder<R> {
    builder
        .manage(backend)
        .manage(updates::Updates::default())
        .invoke_handler(invoke_handler())
        .register_asynchronous_uri_scheme_protocol(photos::SCHEME, photos::handle::<R>)
}

/// How long after launch the first escalation waits (the window's first pages come first), and
/// how often it runs after that.
pub const ESCALATE_FIRST: std::time::Duration = std::time::Duration::from_secs(60);
pub const ESCALATE_EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Escalates overdue tasks ([`Backend::escalate`]) a minute after launch and every quarter of an
/// hour, on a thread of its own for as long as the app runs. A locked store (the PIN not yet
/// typed) is skipped until the next round.
pub fn escalate_on_a_timer<R: Runtime>(app: tauri::AppHandle<R>) {
    use tauri::Manager;
    let _ = std::thread::Builder::new()
        .name("linli-escalate".into())
        .spawn(move || {
            std::thread::sleep(ESCALATE_FIRST);
            loop {
                let _ = app.state::<Backend>().escalate();
                std::thread::sleep(ESCALATE_EVERY);
            }
        });
}

/// The daily backup of 设置 → 备份 (issue 22): two minutes after start, then every half hour, the
/// store makes one when its plan says it is due (a locked or failing store is simply asked again).
fn daily_backup<R: Runtime>(app: &mut tauri::App<R>) -> Result<(), Box<dyn std::error::Error>> {
    use tauri::Manager as _;
    let handle = app.handle().clone();
    std::thread::Builder::new()
        .name("daily-backup".into())
        .spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(120));
            loop {
                let _ = handle
                    .state::<Backend>()
                    .run(linli_protocol::BackupIfDue {});
                std::thread::sleep(std::time::Duration::from_secs(30 * 60));
            }
        })?;
    Ok(())
}

/// WebKitGTK's web context as a document viewer, not a web browser (issue 24): no memory cache
/// of resources no page uses any more. A browser keeps decoded images of pages left for going
/// back; in Linli each closed photo stayed decoded (17 MB for a 2400×1800 photo), and the window
/// benchmark's working hour grew the web process by about the size of the 20 photos it opened.
fn cache_as_a_document_viewer<R: Runtime>(app: &tauri::App<R>) {
    #[cfg(target_os = "linux")]
    {
        use tauri::Manager as _;
        use webkit2gtk::{CacheModel, WebContextExt as _, WebViewExt as _};
        for window in app.webview_windows().values() {
            let _ = window.with_webview(|w| {
                if let Some(context) = w.inner().context() {
                    context.set_cache_model(CacheModel::DocumentViewer);
                }
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// Opens the window.
pub fn run() {
    run_app(tauri::Builder::default(), Backend::open(db_path()))
        .setup(|app| {
            cache_as_a_document_viewer(app);
            escalate_on_a_timer(app.handle().clone());
            updates::watch(app.handle().clone());
            daily_backup(app)
        })
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .run(tauri::generate_context!())
        .expect("邻里无法启动窗口");
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_domain::PlaceKind;
    use linli_protocol::{AddPlace, ListPlaces};

    fn town(db: &Path) {
        let mut s = Store::open(db).unwrap();
        s.add_place(&AddPlace {
            kind: PlaceKind::Town,
            name: "樟城镇".into(),
            parent_id: None,
        })
        .unwrap();
    }

    /// A page's read answers while the writer's connection is held (by the escalation timer, a
    /// backup or an export; issue 24), and sees what the writer committed.
    #[test]
    fn a_read_does_not_wait_for_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("linli.db");
        town(&db);
        let backend = Arc::new(Backend::open(db));
        let store = backend.inner().store.clone().unwrap();
        let held = store.lock().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let b = backend.clone();
        std::thread::spawn(move || tx.send(b.run(ListPlaces::default())));
        let got = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("the read waited for the writer");
        drop(held);
        assert_eq!(got.unwrap().len(), 1);
        // a write is the writer's, and the next read sees it
        backend
            .run(AddPlace {
                kind: PlaceKind::Town,
                name: "云山镇".into(),
                parent_id: None,
            })
            .unwrap();
        assert_eq!(backend.run(ListPlaces::default()).unwrap().len(), 2);
    }

    /// A request taken for a read that writes after all is refused by the reader, unchanged,
    /// and carried out by the writer.
    #[test]
    fn a_write_taken_for_a_read_is_carried_out_by_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("linli.db");
        town(&db);
        let backend = Backend::open(db);
        let (store, reader) = {
            let inner = backend.inner();
            (inner.store.clone().unwrap(), inner.reader.clone().unwrap())
        };
        let added = run_read(
            &store,
            &reader,
            AddPlace {
                kind: PlaceKind::Town,
                name: "云山镇".into(),
                parent_id: None,
            },
            std::time::Instant::now(),
        )
        .unwrap();
        let places = backend.run(ListPlaces::default()).unwrap();
        assert_eq!(places.len(), 2);
        assert!(places.iter().any(|p| p.id == added.id));
    }
}
