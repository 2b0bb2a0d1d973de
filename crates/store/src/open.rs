//! Opening a database file: refuse what is not ours or is too new without touching it, then run the
//! numbered migrations in one transaction tracked by `PRAGMA user_version`.

use std::path::{Path, PathBuf};

use linli_domain::{Clock, Hlc, Id};
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::key::{self, FileState, KeySource};
use crate::keyed::{open_keyed, shm_path, wal_path, PAGE_SIZE};
use crate::{Error, Result, Store};

/// `PRAGMA application_id` of every Linli database ('LNLI').
pub(crate) const APPLICATION_ID: i64 = 0x4C4E_4C49;

/// The numbered migrations, in order. Never edit a landed one; append.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_places_and_journal.sql"),
    include_str!("../migrations/0002_register.sql"),
    include_str!("../migrations/0003_sync_bookkeeping.sql"),
    include_str!("../migrations/0004_field_work.sql"),
    include_str!("../migrations/0005_volunteers.sql"),
    include_str!("../migrations/0006_leaner_indexes.sql"),
    include_str!("../migrations/0007_journal_by_device.sql"),
    include_str!("../migrations/0008_unapplied_reason.sql"),
    include_str!("../migrations/0009_task_source_and_settings.sql"),
    include_str!("../migrations/0010_party_member.sql"),
    include_str!("../migrations/0011_h18feat_one_stamp_format.sql"),
    include_str!("../migrations/0012_h15places_community_settings.sql"),
    include_str!("../migrations/0013_h15desk_volunteer_desk.sql"),
    include_str!("../migrations/0014_h16server_reveal_stamps.sql"),
    include_str!("../migrations/0015_h15floors_place_details.sql"),
    include_str!("../migrations/0016_h15refuse_refusal_codes.sql"),
    include_str!("../migrations/0017_h19lend_lending.sql"),
    include_str!("../migrations/0018_h24pages_live_households_by_place.sql"),
    include_str!("../migrations/0019_h21tgt_targets.sql"),
    include_str!("../migrations/0020_h20med_mediation.sql"),
    include_str!("../migrations/0021_h20council_councils.sql"),
    include_str!("../migrations/0022_h20board_board.sql"),
    include_str!("../migrations/0023_h25prog_programmes.sql"),
    include_str!("../migrations/0024_h25patrol_patrols.sql"),
    include_str!("../migrations/0025_h25circle_circle.sql"),
    include_str!("../migrations/0026_h20gaps_vote_rule.sql"),
    include_str!("../migrations/0027_h25gaps_point_dates.sql"),
    include_str!("../migrations/0028_h24pages_grids_by_parent.sql"),
    include_str!("../migrations/0029_h24pages_assignments_by_grid.sql"),
    include_str!("../migrations/0030_h24pages_residents_live_by_household.sql"),
    include_str!("../migrations/0031_h24pages_flagged_visits_by_day.sql"),
];

/// The schema version this build writes; a file with a higher `user_version` is refused.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Where the database lives when neither `--db` nor `LINLI_DB` says otherwise:
/// the user's data directory (`~/.local/share/linli/linli.db` on Linux).
pub fn default_db_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("linli")
        .join("linli.db")
}

/// A plain connection to the existing encrypted database at `path`, keyed as the environment says
/// ([`KeySource::from_env`]), with no migration: for tests and tools that read the file with SQL.
pub fn connect(path: impl AsRef<Path>) -> Result<Connection> {
    let path = path.as_ref();
    let state = key::file_state(path);
    if state == FileState::Plain {
        return Ok(Connection::open(path)?);
    }
    let key = key::resolve(path, &KeySource::from_env(), state)?;
    open_keyed(path, &key)
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) when it does not exist, with this
    /// laptop's key as the environment says ([`KeySource::from_env`]).
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(path, &KeySource::from_env())
    }

    /// Opens the (encrypted) database at `path` with the key from `source`, creating it (and its
    /// folder, 0700) when it does not exist. A plain file made before encryption is converted
    /// first (`convert.rs`); a wrong PIN or a missing key changes nothing.
    pub fn open_with(path: impl AsRef<Path>, source: &KeySource) -> Result<Store> {
        let path = path.as_ref();
        let open_err = |reason: String| Error::Open {
            path: path.to_owned(),
            reason,
        };
        if path.exists() && !path.is_file() {
            return Err(open_err("这不是一个文件".into()));
        }
        #[cfg(any(test, feature = "test-support"))]
        if matches!(source, KeySource::Unencrypted) {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| open_err(e.to_string()))?;
            }
            let conn = Connection::open(path).map_err(|e| open_err(e.to_string()))?;
            let mut store = Store::init(conn, Some(path.to_owned()))?;
            store.finish_handover()?;
            return Ok(store);
        }
        let state = key::file_state(path);
        if state == FileState::Plain {
            // refuse another program's file (or a newer Linli's) before making a key for it
            let plain = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|e| open_err(e.to_string()))?;
            check_ours(&plain, path)?;
        }
        let mut created_dir = false;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                std::fs::create_dir_all(dir).map_err(|e| open_err(e.to_string()))?;
                created_dir = true;
            }
        }
        let key = key::resolve(path, source, state)?;
        if created_dir {
            if let Some(dir) = path.parent() {
                key::make_private(dir);
            }
        }
        if state == FileState::Plain {
            crate::convert::to_encrypted(path, &key)?;
        }
        if !path.exists() {
            key::create_private(path).map_err(|e| open_err(e.to_string()))?;
        }
        let conn = open_keyed(path, &key)?;
        let mut store = Store::init(conn, Some(path.to_owned()))?;
        store.key = Some(key);
        for f in [path.to_owned(), wal_path(path), shm_path(path)] {
            key::make_private(&f);
        }
        // a handover to another user that a crash interrupted is finished before anything reads
        store.finish_handover()?;
        store.seal_plain_blobs();
        Ok(store)
    }

    /// A second connection to this store's file that only reads (`PRAGMA query_only`: a write
    /// through it fails with [`Error::is_read_only`] and changes nothing), for the window's pages
    /// beside this connection's writes (issue 24: a page's reads no longer wait behind the
    /// escalation timer or another page's request). It reads what this connection has committed;
    /// what it keeps (the place tree's counts, the spans) it reads again once either connection
    /// changes the data. The file is already open here, so nothing is asked, migrated or
    /// finished again. `None` for a store in memory.
    pub fn open_reader(&self) -> Result<Option<Store>> {
        let (Some(path), Some(key)) = (self.path.as_deref(), self.key) else {
            return Ok(None);
        };
        let conn = open_keyed(path, &key)?;
        let mut store = Store::init(conn, Some(path.to_owned()))?;
        store.key = Some(key);
        store.conn.pragma_update(None, "query_only", true)?;
        Ok(Some(store))
    }

    /// Caps this connection's page cache at `mb` megabytes (256 when opened; SQLite takes pages
    /// only as they are read). The shell gives its writer a smaller cache when a reader holds
    /// the pages' reads, so two connections do not hold twice the memory.
    pub fn set_cache_mb(&self, mb: u32) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -i64::from(mb) * 1024)?;
        Ok(())
    }

    /// A fresh database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        check_ours(&conn, &shown)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        if path.is_some() {
            // 16 KB pages for a new file (an existing one keeps its own): fewer b-tree splits and
            // log frames per row; the sync benchmark's first pull of 100,000 households took
            // 1.62 s instead of 1.88 s with 4 KB pages (32 and 64 KB gained little more)
            conn.pragma_update(None, "page_size", PAGE_SIZE)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            // FULL: a commit (a saved form, a pulled page with its cursor, an acknowledged push)
            // survives a power cut; NORMAL in WAL mode may lose the last ones (a bulk pull, which
            // the next sync can pull again, runs under NORMAL: `Store::bulk_pull`)
            conn.pragma_update(None, "synchronous", "FULL")?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // plans are made from the SQL alone, never from the values bound to it (the query planner
        // stability guarantee). Without it SQLite planned again every time a statement was run
        // with new values wherever a bound value could sway the plan (a partial index's
        // condition, a LIKE pattern): reading a task whole re-prepared three of its four
        // statements, a quarter of 诉求's time at 100,000 households (issue 24). Our partial
        // indexes' conditions are written into the statements as literals, so no plan loses one.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        // up to 256 MB of page cache (SQLite takes it only as pages are read: a town of 1,550
        // households never comes near it). SQLCipher decrypts a page only when it is not cached;
        // the first screen of a 100,000-household community reads more than 64 MB, so with 64 MB
        // it decrypted its pages again every time (+12 to +16 % CPU over plain when drawn again),
        // with 256 MB it draws again at plain's cost (-9 to -4 %; the at_rest bench's "again" lines)
        conn.pragma_update(None, "cache_size", -262_144)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // every statement of a pull page (and of the busiest pages) stays prepared
        conn.set_prepared_statement_cache_capacity(64);
        // indexes a first pull cut short had set aside are made again before anything reads
        crate::replica::set_aside::restore(&mut conn)?;
        migrate(&mut conn)?;
        let device_id = device_id(&conn)?;
        let last: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'hlc'", [], |r| r.get(0))
            .optional()?;
        let clock = Clock::new(last.and_then(|s| s.parse::<Hlc>().ok()).unwrap_or_default());
        Ok(Store {
            conn,
            path,
            device_id,
            clock,
            author: None,
            tree_counts: Default::default(),
            kept_spans: Default::default(),
            now: Default::default(),
            key: None,
        })
    }
}

/// Reads only: a file that is not an SQLite database, is some other program's, or was made by a
/// newer Linli is refused before anything is written to it.
fn check_ours(conn: &Connection, path: &Path) -> Result<()> {
    let not_ours = || Error::NotLinli {
        path: path.to_owned(),
    };
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => not_ours(),
                _ => Error::Open {
                    path: path.to_owned(),
                    reason: e.to_string(),
                },
            })
    };
    let objects = read("SELECT count(*) FROM sqlite_master")?;
    let app_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    if objects == 0 && app_id == 0 && version == 0 {
        return Ok(()); // a new, empty file
    }
    if app_id != APPLICATION_ID {
        return Err(not_ours());
    }
    if version > SCHEMA_VERSION {
        return Err(Error::TooNew {
            path: path.to_owned(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version >= SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

fn device_id(conn: &Connection) -> Result<Id> {
    let existing: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
            r.get(0)
        })
        .optional()?;
    match existing {
        Some(s) => Ok(s.parse()?),
        None => {
            let id = Id::new();
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('device_id', ?1)",
                [id.to_string()],
            )?;
            Ok(id)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_gets_the_latest_schema_and_a_device_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/linli.db");
        let store = Store::open(&path).unwrap();
        let v: i64 = store
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        // SQLCipher answers `PRAGMA page_size` as text
        let page_size = |s: &Store| -> i64 {
            s.conn()
                .query_row("PRAGMA page_size", [], |r| r.get::<_, String>(0))
                .unwrap()
                .parse()
                .unwrap()
        };
        assert_eq!(page_size(&store), PAGE_SIZE);
        let id = store.device_id();
        drop(store);
        assert_eq!(Store::open(&path).unwrap().device_id(), id);
        // a file made with SQLite's default pages keeps them
        let small = dir.path().join("small.db");
        {
            let c = rusqlite::Connection::open(&small).unwrap();
            c.pragma_update(None, "page_size", 4096).unwrap();
            c.execute_batch("VACUUM").unwrap();
        }
        assert_eq!(page_size(&Store::open(&small).unwrap()), 4096);
    }

    #[test]
    fn a_newer_database_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.db");
        drop(Store::open(&path).unwrap());
        {
            let c = crate::connect(&path).unwrap();
            c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
            c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::TooNew { .. }), "{err}");
        assert!(err.to_string().contains("newer.db"));
        assert!(err.to_string().contains("请升级邻里"));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(&path, "这是一份会议记录，不是数据库。\n".repeat(50)).unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::NotLinli { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn another_programs_sqlite_file_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.sqlite");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::NotLinli { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::open(dir.path()).unwrap_err();
        assert!(matches!(err, Error::Open { .. }), "{err}");
    }

    /// Plans come from the SQL alone (issue 24): a statement run again with new values is not
    /// prepared again, even where a bound value could sway its plan (a LIKE pattern here; a
    /// partial index's condition in the task statements that made 诉求 slow).
    #[test]
    fn a_statement_run_with_new_values_is_not_prepared_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("linli.db")).unwrap();
        let mut stmt = store
            .conn()
            .prepare("SELECT row_id FROM search_index WHERE addr LIKE ?1")
            .unwrap();
        for pattern in ["1-%", "2-%", "3-%"] {
            assert_eq!(stmt.query_map([pattern], |_| Ok(())).unwrap().count(), 0);
        }
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }
}

#[cfg(test)]
mod upgrade {
    use super::*;
    use linli_protocol::ListPlaces;

    /// A file exactly as the first schema made it, with a town in it, opens, upgrades to the
    /// latest schema in one go, and keeps its data and device id.
    #[test]
    fn a_file_made_by_the_first_schema_upgrades() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(MIGRATIONS[0]).unwrap();
            c.pragma_update(None, "user_version", 1).unwrap();
            c.execute_batch(
                "INSERT INTO meta VALUES ('device_id', '01900000-0000-7000-8000-000000000001');
                 INSERT INTO places (id, kind, name, parent_id, deleted, _v)
                 VALUES ('01900000-0000-7000-8000-0000000000aa', 'town', '樟城镇', NULL, 0, '{}');
                 INSERT INTO journal (change_id, device_id, device_seq, hlc, author,
                     scope_community, scope_grid, scope_place, tbl, row_id, fields)
                 VALUES ('01900000-0000-7000-8000-0000000000c1',
                     '01900000-0000-7000-8000-000000000001', 1, '000001900000000000-00000', NULL,
                     NULL, NULL, NULL, 'places', '01900000-0000-7000-8000-0000000000aa',
                     '{\"kind\":\"town\",\"name\":\"樟城镇\"}');",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let v: i64 = store
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        const { assert!(SCHEMA_VERSION >= 2, "there is something to upgrade to") };
        assert_eq!(
            store.device_id().to_string(),
            "01900000-0000-7000-8000-000000000001"
        );
        let places = store.list_places(&ListPlaces::default()).unwrap();
        assert_eq!(places[0].name, "樟城镇");
        // the journal (rebuilt by 0006) kept its entry, the outbox still finds it
        let journal = store.journal().unwrap();
        assert_eq!(journal.len(), 1);
        assert_eq!(journal[0].fields["name"], "樟城镇");
        // the tables of later schemas are there
        store
            .conn()
            .query_row("SELECT count(*) FROM households", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap();
    }
}
