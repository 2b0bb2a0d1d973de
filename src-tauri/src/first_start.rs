//! First start (issue 22 item 2): with no database file at launch (`LINLI_DB` or the default
//! path) the backend stays not-open, like the PIN screen's locked state, and the window shows the
//! first-start page. It offers three ways on:
//! - 加入服务器 / 新建社区: the database is made at its path (asking for a PIN where no keystore
//!   holds the key) and the step stays `join` / `new` until the window says it is set up
//!   (`first_start_done`): the Sync page's sign-in and first pull, or the place chain and a 台账.
//! - 看示范: the store's demo town in a file of its own beside the real one (`linli-demo.db`),
//!   under a fixed key, never synced; the window shows a banner on every page, and leaving it
//!   (`leave_demo`) removes that file and returns to the first-start page. Started again with
//!   the demo file and no real one, the app opens the demo again.
//!
//! `cargo xtask run` makes the demo with `linli demo` at the database's own path, so developers
//! (and the window tests) open a plain database: no first-start page, no banner.

use std::path::{Path, PathBuf};

use linli_protocol::{ApiError, ErrorKind};
use linli_store::KeySource;
use serde::{Deserialize, Serialize};
use tauri::Runtime;

use crate::{Backend, Inner, LockState};

/// Where the first-start page stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Start {
    /// No database: the three choices.
    Choose,
    /// The database made for joining a server: sign in and pull.
    Join,
    /// The database made for a new community: its places, then a 台账.
    New,
}

/// What the person chose on the first-start page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Join,
    New,
    Demo,
}

/// The demo's key: the demo is made-up people, and a fixed key asks for no PIN and no keystore.
const DEMO_KEY: [u8; 32] = *b"linli-demo-town-not-real-people!";

/// The demo's file beside the database: `linli.db` → `linli-demo.db`.
pub fn demo_path(db: &Path) -> PathBuf {
    let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("linli");
    db.with_file_name(format!("{stem}-demo.db"))
}

pub(crate) fn demo_no_sync() -> ApiError {
    ApiError::coded(ErrorKind::Invalid, linli_domain::msg::DEMO_NO_SYNC, vec![])
}

fn not_open() -> Inner {
    Inner {
        path: None,
        store: Err(ApiError::coded(
            ErrorKind::Database,
            linli_domain::msg::FIRST_START_NOT_OPEN,
            vec![],
        )),
        reader: None,
        sync: None,
        locked: None,
        start: Some(Start::Choose),
        demo: false,
    }
}

fn demo_open(path: &Path) -> Inner {
    Inner {
        demo: true,
        ..Inner::open(path, &KeySource::Key(DEMO_KEY))
    }
}

/// The backend at launch when `db` does not exist: the demo when one was left open, else the
/// first-start page. `None` when the database exists.
pub(crate) fn at_launch(db: &Path) -> Option<Inner> {
    if db.exists() {
        return None;
    }
    let demo = demo_path(db);
    Some(if demo.is_file() {
        demo_open(&demo)
    } else {
        not_open()
    })
}

/// Removes a database file and the files SQLite and the key wrapping keep beside it.
fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal", ".key"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Makes the demo town in a new demo file (a half-made one from before is replaced).
fn make_demo(path: &Path) -> Result<(), ApiError> {
    remove_db(path);
    let failed = |e: String| {
        ApiError::coded(
            ErrorKind::Internal,
            linli_domain::msg::FIRST_START_DEMO_FAILED,
            vec![("reason", e)],
        )
    };
    let made = linli_store::Store::open_with(path, &KeySource::Key(DEMO_KEY))
        .map_err(|e| e.to_string())
        .and_then(|mut s| {
            linli_store::demo::generate(&mut s, Default::default())
                .map(|_| ())
                .map_err(|e| e.to_string())
        });
    made.map_err(|e| {
        remove_db(path);
        failed(e)
    })
}

impl Backend {
    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Follows the first-start page's choice: makes the database (join, new) or the demo.
    pub fn choose(&self, choice: Choice) -> Result<LockState, ApiError> {
        let Some(db) = self.path.clone() else {
            return Ok(self.lock_state());
        };
        if self.inner().start != Some(Start::Choose) {
            return Ok(self.lock_state());
        }
        if db.exists() {
            return Err(ApiError::coded(
                ErrorKind::Conflict,
                linli_domain::msg::FIRST_START_EXISTS,
                vec![("path", db.display().to_string())],
            ));
        }
        let inner = match choice {
            Choice::Demo => {
                let demo = demo_path(&db);
                make_demo(&demo)?;
                demo_open(&demo)
            }
            Choice::Join | Choice::New => Inner {
                start: Some(if choice == Choice::Join {
                    Start::Join
                } else {
                    Start::New
                }),
                ..Inner::open(&db, &KeySource::from_env())
            },
        };
        *self.write() = inner;
        Ok(self.lock_state())
    }

    /// The new database is set up (joined and pulled, or its places made): the app's pages.
    pub fn first_start_done(&self) -> LockState {
        {
            let mut inner = self.write();
            if matches!(inner.start, Some(Start::Join | Start::New)) {
                inner.start = None;
            }
        }
        self.lock_state()
    }

    /// Leaves the demo: closes it, removes its file, and shows the first-start page again.
    pub fn leave_demo(&self) -> LockState {
        {
            let mut inner = self.write();
            if inner.demo {
                let path = inner.path.clone();
                // the store and the background sync's connection close here
                *inner = not_open();
                if let Some(path) = path {
                    remove_db(&path);
                }
            }
        }
        self.lock_state()
    }
}

/// The first-start page's commands, outside linli-protocol like the PIN screen's.
pub mod commands {
    use super::{Backend, Choice, LockState};
    use linli_protocol::ApiError;

    #[tauri::command]
    pub async fn first_start_choose(
        backend: tauri::State<'_, Backend>,
        choice: Choice,
    ) -> Result<LockState, ApiError> {
        // an async command: making the demo town (seconds) keeps off the window's thread
        backend.choose(choice)
    }

    #[tauri::command]
    pub fn first_start_done(backend: tauri::State<'_, Backend>) -> LockState {
        backend.first_start_done()
    }

    #[tauri::command]
    pub fn leave_demo(backend: tauri::State<'_, Backend>) -> LockState {
        backend.leave_demo()
    }
}

/// The names `handler` answers.
pub const COMMANDS: [&str; 3] = ["first_start_choose", "first_start_done", "leave_demo"];

pub(crate) fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        commands::first_start_choose,
        commands::first_start_done,
        commands::leave_demo
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_opens_the_first_start_page_and_the_demo_stays_apart_until_left() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("linli.db");
        let backend = Backend::open(db.clone());
        let s = backend.lock_state();
        assert_eq!(
            (s.start, s.demo, s.locked),
            (Some(Start::Choose), false, false)
        );
        assert!(!db.exists(), "nothing is made before a choice");
        assert_eq!(
            backend
                .run(linli_protocol::GetMe {})
                .unwrap_err()
                .code
                .as_deref(),
            Some("first_start_not_open")
        );

        let s = backend.choose(Choice::Demo).unwrap();
        assert!(s.demo && s.start.is_none());
        assert!(!db.exists(), "the demo is never the real database");
        assert!(demo_path(&db).is_file());
        let places = backend.run(linli_protocol::ListPlaces::default()).unwrap();
        assert!(!places.is_empty());
        drop(backend);
        // started again: the demo again, with its banner
        let backend = Backend::open(db.clone());
        assert!(backend.lock_state().demo);
        let s = backend.leave_demo();
        assert_eq!((s.start, s.demo), (Some(Start::Choose), false));
        assert!(!demo_path(&db).exists(), "leaving removes the demo");
        assert!(!db.exists());
    }

    #[test]
    fn a_new_community_makes_the_database_and_is_set_up_once_done() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("linli.db");
        let backend = Backend::open(db.clone());
        let s = backend.choose(Choice::New).unwrap();
        assert_eq!(s.start, Some(Start::New));
        assert!(db.is_file());
        assert!(backend
            .run(linli_protocol::ListPlaces::default())
            .unwrap()
            .is_empty());
        assert_eq!(backend.first_start_done().start, None);
        // a database already there: no first-start page
        drop(backend);
        assert_eq!(Backend::open(db).lock_state().start, None);
    }
}
