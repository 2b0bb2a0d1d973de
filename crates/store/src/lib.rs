//! linli-store: the laptop's SQLite file. It owns the schema and its migrations, every query the UI
//! and the CLI make, and the one write path that records each change in the journal in the same
//! transaction as the row. It knows nothing of windows, HTTP or the server: the desktop shell and
//! the CLI call it with linli-protocol requests.
//!
//! Inside, from the bottom up: `tables` (the whitelist of synced tables), `journal` (the writer,
//! its SQL, the journal entry, the clock), `replica` (outbox, pull pages, checkpointing,
//! enrolment, status, exports), `derived` and the `commit` step (what is derived from the rows a
//! transaction touched, refreshed once before it commits), then the features (`register`,
//! `field`, `volunteers`, …), which write through `journal::Writer` and never reach below it.

pub mod apply;
pub mod backup;
mod backup_plan;
mod board;
mod circle;
mod commit;
mod convert;
mod councils;
mod dashboard;
mod derived;
mod error;
mod exec;
mod field;
pub mod import;
mod journal;
pub mod key;
mod keyed;
pub mod lending;
mod lists;
mod lists_work;
mod mark;
mod mediation;
mod monthly;
mod monthly_records;
mod monthly_registers;
mod now;
mod open;
mod paper;
mod patrols;
mod pdf;
mod pdf_paper;
mod pdf_paper_layout;
mod place_details;
mod places;
mod places_edit;
mod places_tree;
mod programmes;
pub mod register;
mod replica;
mod rules;
mod settings;
pub mod tables;
mod targets;
#[cfg(any(test, feature = "test-support"))]
mod test_support;
pub mod volunteers;
mod withheld;
mod write;

pub mod demo;

pub use error::{Error, Result};
pub use exec::Execute;
pub use field::attachments::{screen_sized, MAX_ATTACHMENT_BYTES, SCREEN_PX};
pub use journal::MAX_OBSERVED_AHEAD_MS;
pub use key::{KeySource, MIN_PIN_CHARS};
pub use linli_sheets::FileKind;
pub use now::{local_offset_minutes, system_now};
pub use open::{connect, default_db_path, SCHEMA_VERSION};
pub use place_details::MAX_FLOORS;
pub use replica::{sql_canonical, BulkPull, Enrolment, Export, PageApplied, PreparedPage, Schema};
#[cfg(any(test, feature = "test-support"))]
pub use test_support::SyncWrite;
pub use withheld::WITHHELD_TEXT;

use linli_domain::{Clock, Id};
use rusqlite::Connection;
use std::path::PathBuf;

/// An open Linli database. One per process; wrap it in a mutex to share it.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    device_id: Id,
    clock: Clock,
    /// The signed-in user, the author of local changes; none before the first login.
    author: Option<Id>,
    /// Households under each place, rolled up the tree; kept until the data changes.
    tree_counts: std::cell::RefCell<Option<places_tree::TreeCounts>>,
    /// The last spans 统计 and the targets read (visits and requests over a period); kept until
    /// the data changes, as `tree_counts` are.
    kept_spans: std::cell::RefCell<Vec<dashboard::KeptSpan>>,
    /// The clock writes take their time, day and new ids from (see `now.rs`).
    now: now::NowSource,
    /// The file's key, which also encrypts the attachment files; none for a store in memory.
    key: Option<key::Key>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("device_id", &self.device_id)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// The file this store lives in, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// The key this store was opened with, for a second connection to the same file (the
    /// background sync's) without asking for the PIN again.
    pub fn key_source(&self) -> KeySource {
        match self.key {
            Some(k) => KeySource::Key(k),
            None => KeySource::from_env(),
        }
    }

    /// This laptop's device id, made once when the file was created; as the file holds it now
    /// (another connection may have taken a new one: a handover, a `seq_conflict`).
    pub fn device_id(&self) -> Id {
        self.current_device_id().unwrap_or(self.device_id)
    }

    /// Plain SQL on the file, for tests (the `test-support` feature).
    #[cfg(any(test, feature = "test-support"))]
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Plain SQL on the file, for the demo's bulk reads.
    #[cfg(not(any(test, feature = "test-support")))]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
