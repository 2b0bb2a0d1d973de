//! Checkpointing during a long pull, behind one guard, [`Store::bulk_pull`]: the automatic
//! checkpoint is turned off and a thread of its own copies the write-ahead log into the database
//! file while the pages are applied, and the pages' commits do not wait for the disk
//! (`synchronous = NORMAL`: a power cut may lose the last pages with their cursor, which the next
//! sync pulls again, as the sync simulation's laptops that lose their `-wal` do); dropping the
//! guard stops the thread, turns the automatic checkpoint and `synchronous = FULL` back on and
//! copies what is left. A first pull (nothing pulled before) also sets aside the indexes only the
//! pages read (`set_aside`) and makes them again when it ends.

use super::bad;
use crate::{Result, Store};

/// The automatic checkpoint's threshold outside a bulk pull, in pages (SQLite's default).
const AUTOCHECKPOINT_PAGES: u32 = 1000;

/// The thread of `Store::start_checkpointer`; dropping it stops the thread and waits for it.
#[derive(Debug)]
pub(crate) struct Checkpointer {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A store in the middle of a long pull ([`Store::bulk_pull`]); derefs to the store.
#[derive(Debug)]
pub struct BulkPull<'s> {
    store: &'s mut Store,
    checkpointer: Option<Checkpointer>,
    /// Whether the pragmas were changed (a store on a file) and are still to be set back.
    active: bool,
    /// Whether indexes were set aside (a first pull) and are still to be made again.
    set_aside: bool,
}

impl std::ops::Deref for BulkPull<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store
    }
}

impl std::ops::DerefMut for BulkPull<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        self.store
    }
}

impl BulkPull<'_> {
    /// Ends the bulk pull: the checkpointer stops, the automatic checkpoint comes back and what
    /// the log still holds is copied into the file. Dropping the guard does the same, ignoring
    /// errors.
    pub fn finish(mut self) -> Result<()> {
        self.end()
    }

    fn end(&mut self) -> Result<()> {
        drop(self.checkpointer.take());
        // the indexes first, under the pull's pragmas; the pragmas are set back even when making
        // them failed (the next open makes them then)
        let restored = if std::mem::take(&mut self.set_aside) {
            super::set_aside::restore(&mut self.store.conn)
        } else {
            Ok(())
        };
        if std::mem::take(&mut self.active) {
            self.store.conn.pragma_update(None, "synchronous", "FULL")?;
            self.store.set_wal_autocheckpoint(AUTOCHECKPOINT_PAGES)?;
            self.store.checkpoint()?;
        }
        restored
    }
}

impl Drop for BulkPull<'_> {
    fn drop(&mut self) {
        let _ = self.end();
    }
}

impl Store {
    /// Starts a long pull (many pages to come): the write-ahead log is copied into the file on a
    /// thread of its own, beside the applying, instead of at every eighth page's commit, and a
    /// page's commit does not wait for the disk, until the guard is dropped or
    /// [finished](BulkPull::finish). A store in memory has no log: the guard then does nothing.
    ///
    /// When nothing was pulled before (the cursor is 0: a first pull), the indexes only pages and
    /// search read are dropped until the guard ends, then made again in one sorted pass each
    /// (`replica::set_aside`; a pull cut short leaves them to the next open).
    pub fn bulk_pull(&mut self) -> Result<BulkPull<'_>> {
        let active = self.path().is_some();
        let set_aside = self.pull_cursor()? == 0;
        if set_aside {
            super::set_aside::set_aside(&mut self.conn)?;
        }
        let checkpointer = if active {
            self.set_wal_autocheckpoint(0)?;
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
            match self.start_checkpointer() {
                Ok(c) => c,
                Err(e) => {
                    if set_aside {
                        super::set_aside::restore(&mut self.conn)?;
                    }
                    self.conn.pragma_update(None, "synchronous", "FULL")?;
                    self.set_wal_autocheckpoint(AUTOCHECKPOINT_PAGES)?;
                    return Err(e);
                }
            }
        } else {
            None
        };
        Ok(BulkPull {
            store: self,
            checkpointer,
            active,
            set_aside,
        })
    }

    /// Lets the write-ahead log grow to `pages` (of 4 KB) before SQLite copies it into the
    /// database file. A long pull raises it, so that a B-tree page that many pull pages touch is
    /// copied once rather than after every page, and lowers it again with [`Store::checkpoint`].
    pub(crate) fn set_wal_autocheckpoint(&self, pages: u32) -> Result<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", pages)?;
        Ok(())
    }

    /// Copies the write-ahead log into the database file on a thread of its own, with its own
    /// connection, until the returned guard is dropped; `None` for a store in memory. A long pull
    /// turns the automatic checkpoint off (`set_wal_autocheckpoint` with 0) and starts
    /// this: the copying (a quarter of a full pull's time when the committing thread did it)
    /// then overlaps the applying of the next pages. A checkpoint never blocks the writer.
    pub(crate) fn start_checkpointer(&self) -> Result<Option<Checkpointer>> {
        let Some(path) = self.path.clone() else {
            return Ok(None);
        };
        let conn = match &self.key {
            Some(k) => crate::keyed::open_keyed(&path, k)?,
            None => rusqlite::Connection::open(&path)?,
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::Builder::new()
            .name("linli-checkpoint".into())
            .spawn(move || {
                use std::sync::atomic::Ordering;
                while !stopping.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    // PASSIVE: copies what is committed, waits for no reader and no writer
                    if conn
                        .execute_batch("PRAGMA wal_checkpoint(PASSIVE)")
                        .is_err()
                    {
                        break;
                    }
                }
            })
            .map_err(|e| bad("checkpoint", e.to_string()))?;
        Ok(Some(Checkpointer {
            stop,
            thread: Some(thread),
        }))
    }

    /// Copies what the write-ahead log holds into the database file, as far as readers allow
    /// (`PRAGMA wal_checkpoint(PASSIVE)`: waits for nobody).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE)")?;
        Ok(())
    }
}
