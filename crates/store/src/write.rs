//! The one write path. Every local change to data goes through [`Writer::write`] (entities) or
//! [`Writer::insert_fact`] (facts), which write the row, the version of each field it touched and
//! the change-journal entry in the same transaction; changes from other devices come in through
//! `apply::apply_change`. Nothing else in the crate writes a synced table.

use std::collections::{BTreeMap, HashMap};

use linli_domain::{Clock, Id};
use linli_protocol::sync::Change;
use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::Value;

use crate::tables::{self, TableKind};
use crate::{Result, Store};

/// The scope a row belongs to, recorded on its journal entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Scope {
    pub community: Option<Id>,
    pub grid: Option<Id>,
    pub place: Option<Id>,
}

/// A change to one row: the fields written and the scope the row belongs to.
#[derive(Debug)]
pub(crate) struct RowWrite {
    pub table: &'static str,
    pub row_id: Id,
    pub fields: Vec<(&'static str, Value)>,
    pub scope: Scope,
}

/// An open write transaction with the device's clock.
pub(crate) struct Writer<'s> {
    tx: Transaction<'s>,
    clock: &'s mut Clock,
    device_id: Id,
    author: Option<Id>,
    next_seq: i64,
    /// The one clock of this write: wall time, local day, new row ids (the store's, see `now.rs`).
    now: &'s mut linli_domain::Now,
}

impl Store {
    /// Starts a write transaction. Dropping the writer without [`Writer::commit`] rolls back.
    pub(crate) fn begin(&mut self) -> Result<Writer<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // another connection to the file (the desktop's background sync) may have taken a new
        // device id since this one opened it
        let current: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(id) = current.and_then(|s| s.parse().ok()) {
            self.device_id = id;
        }
        let last: i64 = tx.query_row(
            "SELECT coalesce(max(device_seq), 0) FROM journal WHERE device_id = ?1",
            [self.device_id.to_string()],
            |r| r.get(0),
        )?;
        // a file restored from a backup numbers its changes after what the server holds
        let floor: Option<String> = tx
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [crate::sync_state::SEQ_FLOOR],
                |r| r.get(0),
            )
            .optional()?;
        let last = last.max(floor.and_then(|f| f.parse().ok()).unwrap_or(0));
        crate::sync_state::catch_up(&mut self.clock, &tx)?;
        Ok(Writer {
            tx,
            clock: &mut self.clock,
            device_id: self.device_id,
            author: self.author,
            next_seq: last + 1,
            now: self.now.current(),
        })
    }
}

pub(crate) fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// Upserts the given fields of an entity row and stamps each with `version` in `_v`.
/// `all_fields` says the write covers every column, so `_v` can be reset to one `*` entry.
pub(crate) fn upsert_entity(
    tx: &Transaction<'_>,
    table: &str,
    row_id: Id,
    fields: &[(&str, &Value)],
    version: &str,
    all_fields: bool,
) -> Result<()> {
    write_entity(tx, table, row_id, fields, version, all_fields, false).map(|_| ())
}

/// Writes `fields` of an entity row with `version`: an upsert, or with `only_new` an insert of a
/// row that is not there yet (one `*` version when `all_fields`), a row already there left as it
/// is. Whether a row was written: a pull applies mostly rows this laptop has never seen, and
/// learns it from the insert instead of a lookup first.
fn write_entity(
    tx: &rusqlite::Connection,
    table: &str,
    row_id: Id,
    fields: &[(&str, &Value)],
    version: &str,
    all_fields: bool,
    only_new: bool,
) -> Result<bool> {
    // the statement text depends only on the table and the columns: built once per shape (a pull
    // applies thousands of rows of the same shape)
    let mut key = String::with_capacity(table.len() + 16 * fields.len() + 3);
    key.push_str(table);
    key.push(if all_fields { '*' } else { ':' });
    key.push(if only_new { 'n' } else { 'u' });
    for (c, _) in fields {
        key.push(',');
        key.push_str(c);
    }
    let id = row_id.to_string();
    let values = entity_values(&id, version, fields);
    UPSERT_SQL.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 512 {
            cache.clear();
        }
        let sql = cache
            .entry(key)
            .or_insert_with(|| upsert_sql(table, fields, all_fields, only_new));
        Ok(tx
            .prepare_cached(sql)?
            .execute(rusqlite::params_from_iter(values))?
            == 1)
    })
}

/// The parameters of [`upsert_sql`]'s statements: id, version, then the values.
fn entity_values<'a>(
    id: &'a str,
    version: &'a str,
    fields: &'a [(&str, &Value)],
) -> Vec<ToSqlOutput<'a>> {
    let mut values: Vec<ToSqlOutput<'_>> = Vec::with_capacity(fields.len() + 2);
    values.push(ToSqlOutput::Borrowed(ValueRef::Text(id.as_bytes())));
    values.push(ToSqlOutput::Borrowed(ValueRef::Text(version.as_bytes())));
    values.extend(fields.iter().map(|(_, v)| to_sql_ref(v)));
    values
}

thread_local! {
    static UPSERT_SQL: std::cell::RefCell<std::collections::HashMap<String, String>> =
        Default::default();
}

fn upsert_sql(table: &str, fields: &[(&str, &Value)], all_fields: bool, only_new: bool) -> String {
    let cols: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
    let n = cols.len();
    // ?1 id, ?2 version, ?3.. values
    let value_ph: Vec<String> = (3..n + 3).map(|i| format!("?{i}")).collect();
    let insert_v = if all_fields {
        "json_object('*', ?2)".to_owned()
    } else {
        let pairs: Vec<String> = cols.iter().map(|c| format!("'{c}', ?2")).collect();
        format!("json_object({})", pairs.join(", "))
    };
    let update_v = if all_fields {
        "json_object('*', ?2)".to_owned()
    } else {
        let paths: Vec<String> = cols.iter().map(|c| format!("'$.{c}', ?2")).collect();
        format!("json_set({table}._v, {})", paths.join(", "))
    };
    let sets: Vec<String> = cols.iter().map(|c| format!("{c} = excluded.{c}")).collect();
    let on_conflict = if only_new {
        "DO NOTHING".to_owned()
    } else {
        format!("DO UPDATE SET {}, _v = {update_v}", sets.join(", "))
    };
    format!(
        "INSERT INTO {table} (id, {cols}, _v) VALUES (?1, {vals}, {insert_v})
         ON CONFLICT (id) {on_conflict}",
        cols = cols.join(", "),
        vals = value_ph.join(", "),
    )
}

/// [`to_sql`] without copying strings.
pub(crate) fn to_sql_ref(v: &Value) -> ToSqlOutput<'_> {
    match v {
        Value::String(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        other => ToSqlOutput::Owned(to_sql(other)),
    }
}

/// Inserts a fact row once; a second insert of the same id changes nothing. A row the schema
/// refuses (a NOT NULL column left out) is an error, never silently skipped.
pub(crate) fn insert_fact_row(
    tx: &Transaction<'_>,
    table: &str,
    row_id: Id,
    fields: &[(&str, &Value)],
) -> Result<bool> {
    let cols: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
    let ph: Vec<String> = (2..cols.len() + 2).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {table} (id, {}) VALUES (?1, {}) ON CONFLICT (id) DO NOTHING",
        cols.join(", "),
        ph.join(", ")
    );
    let id = row_id.to_string();
    let mut values: Vec<ToSqlOutput<'_>> = Vec::with_capacity(fields.len() + 1);
    values.push(ToSqlOutput::Borrowed(ValueRef::Text(id.as_bytes())));
    values.extend(fields.iter().map(|(_, v)| to_sql_ref(v)));
    Ok(tx
        .prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?
        == 1)
}

/// The statements a pull page runs for every change, prepared once for the page and held until
/// it is written (rusqlite's statement cache looks a statement up by its SQL text, hashing and
/// copying that text on every use: a tenth of a first pull's time went there).
pub(crate) struct PageStatements<'c> {
    conn: &'c rusqlite::Connection,
    journal: Option<rusqlite::Statement<'c>>,
    /// Inserts of new rows, by table, the columns given (a bit per column of the table) and
    /// whether they are all of them.
    insert_new: HashMap<(&'static str, u64), rusqlite::Statement<'c>>,
    search_household: Option<rusqlite::Statement<'c>>,
    place_name: Option<rusqlite::Statement<'c>>,
}

const JOURNAL_INSERT: &str = "INSERT OR IGNORE INTO journal (change_id, device_id, device_seq, hlc, author, scope_community, scope_grid, scope_place, tbl, row_id, fields)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

impl<'c> PageStatements<'c> {
    pub(crate) fn new(conn: &'c rusqlite::Connection) -> Self {
        PageStatements {
            conn,
            journal: None,
            insert_new: HashMap::new(),
            search_household: None,
            place_name: None,
        }
    }

    fn held<'s>(
        conn: &'c rusqlite::Connection,
        slot: &'s mut Option<rusqlite::Statement<'c>>,
        sql: &str,
    ) -> Result<&'s mut rusqlite::Statement<'c>> {
        if slot.is_none() {
            *slot = Some(conn.prepare(sql)?);
        }
        Ok(slot.as_mut().expect("prepared just now"))
    }

    /// [`journal_insert_text`] with the page's statement.
    pub(crate) fn journal(&mut self, c: &Change, text: &JournalText) -> Result<bool> {
        let stmt = Self::held(self.conn, &mut self.journal, JOURNAL_INSERT)?;
        Ok(stmt.execute(journal_params(c, text))? == 1)
    }

    /// Inserts a row not there yet ([`write_entity`] with `only_new`) with the page's statement
    /// for the shape; `cols` are columns of `def` (checked by the caller).
    pub(crate) fn insert_new(
        &mut self,
        def: &'static tables::TableDef,
        row_id: &str,
        cols: &[(&'static str, &Value)],
        version: &str,
    ) -> Result<bool> {
        let mut mask = 0u64;
        for (c, _) in cols {
            match def.columns.iter().position(|d| d == c) {
                Some(i) if i < 64 => mask |= 1 << i,
                // more columns than bits: the statement is looked up by its text instead
                _ => {
                    let id: Id = row_id.parse()?;
                    let all = cols.len() == def.columns.len();
                    return write_entity(self.conn, def.name, id, cols, version, all, true);
                }
            }
        }
        let stmt = match self.insert_new.entry((def.name, mask)) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let all = cols.len() == def.columns.len();
                e.insert(self.conn.prepare(&upsert_sql(def.name, cols, all, true))?)
            }
        };
        Ok(stmt.execute(rusqlite::params_from_iter(entity_values(
            row_id, version, cols,
        )))? == 1)
    }

    /// The page's statement that writes a household's search key.
    pub(crate) fn search_household(&mut self) -> Result<&mut rusqlite::Statement<'c>> {
        Self::held(
            self.conn,
            &mut self.search_household,
            crate::register::search::HOUSEHOLD_KEY,
        )
    }

    /// The page's statement that reads a place's name.
    pub(crate) fn place_name(&mut self) -> Result<&mut rusqlite::Statement<'c>> {
        Self::held(
            self.conn,
            &mut self.place_name,
            "SELECT name FROM places WHERE id = ?1",
        )
    }
}

/// A change's journal entry as the text its columns hold, and the version text of its fields.
/// Made without the database, so that a pull can make it for the next page on the thread that
/// fetches it while this page is written.
#[derive(Debug, Clone)]
pub struct JournalText {
    change_id: String,
    device_id: String,
    hlc: String,
    author: Option<String>,
    scope_community: Option<String>,
    scope_grid: Option<String>,
    scope_place: Option<String>,
    pub(crate) row_id: String,
    fields: String,
    /// `"HLC DEVICE"`, see [`version_text`].
    pub(crate) version: String,
}

impl JournalText {
    pub fn of(c: &Change) -> Result<JournalText> {
        let (hlc, device_id) = (c.hlc.to_string(), c.device_id.to_string());
        Ok(JournalText {
            change_id: c.change_id.to_string(),
            version: format!("{hlc} {device_id}"),
            device_id,
            hlc,
            author: c.author.map(|a| a.to_string()),
            scope_community: c.scope_community.map(|a| a.to_string()),
            scope_grid: c.scope_grid.map(|a| a.to_string()),
            scope_place: c.scope_place.map(|a| a.to_string()),
            row_id: c.row_id.to_string(),
            fields: serde_json::to_string(&c.fields)?,
        })
    }
}

/// Appends a change to the journal; a change already there (same device and sequence) is left
/// as it is.
pub(crate) fn journal_insert(tx: &Transaction<'_>, c: &Change) -> Result<bool> {
    journal_insert_text(tx, c, &JournalText::of(c)?)
}

/// [`journal_insert`] with the entry's text made beforehand (`text` is `c`'s).
pub(crate) fn journal_insert_text(
    tx: &Transaction<'_>,
    c: &Change,
    text: &JournalText,
) -> Result<bool> {
    Ok(tx
        .prepare_cached(JOURNAL_INSERT)?
        .execute(journal_params(c, text))?
        == 1)
}

fn journal_params<'a>(c: &'a Change, text: &'a JournalText) -> impl rusqlite::Params + 'a {
    (
        &text.change_id,
        &text.device_id,
        c.device_seq,
        &text.hlc,
        &text.author,
        &text.scope_community,
        &text.scope_grid,
        &text.scope_place,
        &c.table,
        &text.row_id,
        &text.fields,
    )
}

/// `"HLC DEVICE"`, the text a field's version is kept as in `_v`.
pub(crate) fn version_text(hlc: linli_domain::Hlc, device: Id) -> String {
    format!("{hlc} {device}")
}

impl Writer<'_> {
    pub fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }

    /// Stamps the changes of this writer as if the wall clock read `ms`.
    pub fn at_wall_time(&mut self, ms: u64) {
        self.now.set_wall_ms(ms);
    }

    /// The clock of this write: its wall time, local day and stamps.
    pub fn now(&self) -> &linli_domain::Now {
        self.now
    }

    /// A new row id from the clock of this write.
    pub fn id(&mut self) -> Id {
        self.now.id()
    }

    fn change(
        &mut self,
        table: &str,
        row_id: Id,
        scope: Scope,
        fields: BTreeMap<String, Value>,
    ) -> Change {
        let hlc = self.clock.tick(self.now.wall_ms());
        let c = Change {
            change_id: Id::new(),
            device_id: self.device_id,
            device_seq: self.next_seq,
            hlc,
            author: self.author,
            scope_community: scope.community,
            scope_grid: scope.grid,
            scope_place: scope.place,
            table: table.to_owned(),
            row_id,
            fields,
        };
        self.next_seq += 1;
        c
    }

    /// Writes fields of an entity row and journals the change.
    pub fn write(&mut self, w: RowWrite) -> Result<Change> {
        let def =
            tables::check_write(w.table, TableKind::Entity, w.fields.iter().map(|(f, _)| *f))?;
        self.write_def(def, w.row_id, w.fields, w.scope)
    }

    /// Inserts a fact (insert-only) and journals it.
    pub fn insert_fact(&mut self, w: RowWrite) -> Result<Change> {
        let def = tables::check_write(w.table, TableKind::Fact, w.fields.iter().map(|(f, _)| *f))?;
        self.write_def(def, w.row_id, w.fields, w.scope)
    }

    /// The one place a local write happens: the row (an entity's fields with their versions, or
    /// a new fact), its journal entry and what is derived from it. `fields` must be columns of
    /// `def` (callers check them against the whitelist).
    pub fn write_def(
        &mut self,
        def: &'static tables::TableDef,
        row_id: Id,
        fields: Vec<(&'static str, Value)>,
        scope: Scope,
    ) -> Result<Change> {
        if fields.is_empty() {
            return Err(linli_domain::DomainError::invalid("fields", "没有要写入的字段").into());
        }
        let map: BTreeMap<String, Value> = fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        let change = self.change(def.name, row_id, scope, map);
        let refs: Vec<(&str, &Value)> = fields.iter().map(|(k, v)| (*k, v)).collect();
        match def.kind {
            TableKind::Entity => {
                let all = def
                    .columns
                    .iter()
                    .all(|c| fields.iter().any(|(f, _)| f == c));
                upsert_entity(
                    &self.tx,
                    def.name,
                    row_id,
                    &refs,
                    &version_text(change.hlc, change.device_id),
                    all,
                )?;
            }
            TableKind::Fact => {
                if !insert_fact_row(&self.tx, def.name, row_id, &refs)? {
                    return Err(crate::Error::Conflict {
                        message: format!("记录 {row_id} 已存在，事实记录不能修改，请另记一条更正"),
                    });
                }
            }
        }
        journal_insert(&self.tx, &change)?;
        crate::derived::refresh(&self.tx, def.name, row_id)?;
        Ok(change)
    }

    /// Commits the row changes, their journal entries and the clock together.
    pub fn commit(self) -> Result<()> {
        self.tx.execute(
            "INSERT INTO meta (key, value) VALUES ('hlc', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [self.clock.last().to_string()],
        )?;
        self.tx.commit()?;
        Ok(())
    }
}

fn change_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Change>> {
    let text = |i: usize| r.get::<_, String>(i);
    let opt = |i: usize| r.get::<_, Option<String>>(i);
    let (change, device, seq, hlc) = (text(0)?, text(1)?, r.get::<_, i64>(2)?, text(3)?);
    let (author, community, grid, place) = (opt(4)?, opt(5)?, opt(6)?, opt(7)?);
    let (table, row_id, fields) = (text(8)?, text(9)?, text(10)?);
    Ok((|| {
        let id = |s: &str| s.parse::<Id>();
        Ok(Change {
            change_id: id(&change)?,
            device_id: id(&device)?,
            device_seq: seq,
            hlc: hlc.parse()?,
            author: author.as_deref().map(id).transpose()?,
            scope_community: community.as_deref().map(id).transpose()?,
            scope_grid: grid.as_deref().map(id).transpose()?,
            scope_place: place.as_deref().map(id).transpose()?,
            table,
            row_id: id(&row_id)?,
            fields: serde_json::from_str(&fields)?,
        })
    })())
}

pub(crate) const JOURNAL_COLUMNS: &str = "change_id, device_id, device_seq, hlc, author, scope_community, scope_grid, scope_place, tbl, row_id, fields";

impl Store {
    /// Every journal entry, by device and sequence.
    pub fn journal(&self) -> Result<Vec<Change>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {JOURNAL_COLUMNS} FROM journal ORDER BY device_id, device_seq"
        ))?;
        let rows = stmt.query_map([], change_from_row)?;
        rows.map(|r| r?).collect()
    }

    /// The journal entries of one row, oldest first: its history.
    pub fn row_history(&self, table: &str, row_id: Id) -> Result<Vec<Change>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {JOURNAL_COLUMNS} FROM journal WHERE tbl = ?1 AND row_id = ?2 ORDER BY hlc, device_id"
        ))?;
        let rows = stmt.query_map(params![table, row_id.to_string()], change_from_row)?;
        rows.map(|r| r?).collect()
    }
}
