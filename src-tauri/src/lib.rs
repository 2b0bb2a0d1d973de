//! linli-desktop: the Tauri shell. It opens the store, and registers one Tauri command per
//! linli-protocol request, each of which hands its request to one store call. No logic lives here:
//! whatever the window can do, `linli exec` can script.

use std::path::PathBuf;
use std::sync::Mutex;

use linli_protocol::{ApiError, ErrorKind};
use linli_store::{Execute, Store};
use tauri::Runtime;

/// The open store, or why it could not be opened (shown by the UI on its first request).
pub struct Backend {
    store: Result<Mutex<Store>, ApiError>,
}

impl Backend {
    /// Opens the database at `path`; a failure is kept and reported to the UI, not a crash.
    pub fn open(path: PathBuf) -> Backend {
        Backend {
            store: Store::open(path).map(Mutex::new).map_err(ApiError::from),
        }
    }

    pub fn from_store(store: Store) -> Backend {
        Backend {
            store: Ok(Mutex::new(store)),
        }
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

        /// Registers every command of linli-protocol.
        fn invoke_handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(commands::$name),*]
        }
    };
}

linli_protocol::with_commands!(commands);

/// The app on any runtime: the real one in [`run`], Tauri's mock runtime in tests.
pub fn run_app<R: Runtime>(builder: tauri::Builder<R>, backend: Backend) -> tauri::Builder<R> {
    builder.manage(backend).invoke_handler(invoke_handler())
}

/// Opens the window.
pub fn run() {
    run_app(tauri::Builder::default(), Backend::open(db_path()))
        .run(tauri::generate_context!())
        .expect("邻里无法启动窗口");
}
