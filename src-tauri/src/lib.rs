//! linli-desktop: the Tauri shell. It opens the store, and registers one Tauri command per
//! linli-protocol request, each of which hands its request to one store call. No logic lives here:
//! whatever the window can do, `linli exec` can script. The Sync page's requests
//! (`with_sync_commands!`) go to linli-sync's background sync instead, which runs on a thread with
//! its own connection to the same file.

pub mod files;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use linli_protocol::{ApiError, ErrorKind};
use linli_store::{Execute, Store};
use linli_sync::{Background, SyncRequest};
use tauri::Runtime;

/// The open store, or why it could not be opened (shown by the UI on its first request), and the
/// background sync on a second connection to the same file.
pub struct Backend {
    store: Result<Arc<Mutex<Store>>, ApiError>,
    sync: Option<Background>,
}

impl Backend {
    /// Opens the database at `path` and starts syncing in the background; a failure is kept and
    /// reported to the UI, not a crash.
    pub fn open(path: PathBuf) -> Backend {
        let store = Store::open(&path).map_err(ApiError::from);
        let sync = match &store {
            Ok(_) => Store::open(&path).ok().map(Background::start_http),
            Err(_) => None,
        };
        Backend {
            store: store.map(|s| Arc::new(Mutex::new(s))),
            sync,
        }
    }

    /// A store with no background sync (an in-memory one, in tests).
    pub fn from_store(store: Store) -> Backend {
        Backend {
            store: Ok(Arc::new(Mutex::new(store))),
            sync: None,
        }
    }

    /// Carries out one Sync page request on a blocking thread (a sync may take minutes).
    pub async fn sync<C>(&self, req: C) -> Result<C::Response, ApiError>
    where
        C: SyncRequest + Send + 'static,
        C::Response: Send + 'static,
    {
        let store = self.store.as_ref().map_err(Clone::clone)?.clone();
        let sync = self.sync.clone().ok_or_else(|| {
            ApiError::new(
                ErrorKind::Internal,
                "这个数据库不能同步（没有在文件中打开）",
            )
        })?;
        tauri::async_runtime::spawn_blocking(move || req.carry_out(&sync, &store))
            .await
            .map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?
    }

    /// Carries out one request against the store.
    pub fn run<C: Execute>(&self, req: C) -> Result<C::Response, ApiError> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        let mut store = store
            .lock()
            .map_err(|_| ApiError::new(ErrorKind::Internal, "数据库连接已损坏，请重启邻里"))?;
        req.execute(&mut store).map_err(ApiError::from)
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

/// Registers every command of linli-protocol: the store's, the Sync page's, and the file dialogs.
fn invoke_handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    let store = store_handler();
    let sync = sync_handler();
    let files = files_handler();
    move |invoke| {
        if linli_protocol::SYNC_COMMAND_NAMES.contains(&invoke.message.command()) {
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
    builder.manage(backend).invoke_handler(invoke_handler())
}

/// Opens the window.
pub fn run() {
    run_app(tauri::Builder::default(), Backend::open(db_path()))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .run(tauri::generate_context!())
        .expect("邻里无法启动窗口");
}
