//! The SQL of the one write path: an entity's fields upserted with their versions in `_v`, a fact
//! inserted once, and the statements a pull page holds prepared. Table and column names come
//! only from `tables::TABLES` (or a test schema), never from the wire.

use std::collections::HashMap;

use linli_domain::Id;
use linli_protocol::sync::Change;
use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use rusqlite::Transaction;
use serde_json::Value;

use super::entry::{journal_params, JournalText, JOURNAL_INSERT};
use crate::tables;
use crate::Result;

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
    let update_v = stamped(&format!("{table}._v"), fields, all_fields);
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
    /// Updates of rows already here, keyed as `insert_new`.
    update: HashMap<(&'static str, u64), rusqlite::Statement<'c>>,
    /// The lookup of a row's versions, by table.
    versions: HashMap<&'static str, rusqlite::Statement<'c>>,
    /// Whether most rows are expected to be new here (a first pull): an entity is then inserted
    /// first and merged only when it is already here; otherwise it is looked up first, and
    /// inserted only when it is not (a later pull mostly changes rows this laptop has).
    pub(crate) expect_new: bool,
}

impl<'c> PageStatements<'c> {
    pub(crate) fn new(conn: &'c rusqlite::Connection) -> Self {
        PageStatements {
            conn,
            journal: None,
            insert_new: HashMap::new(),
            update: HashMap::new(),
            versions: HashMap::new(),
            expect_new: true,
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
        // more columns than bits: the statement is looked up by its text instead
        let Some(mask) = column_mask(def, cols) else {
            let id: Id = row_id.parse()?;
            let all = cols.len() == def.columns.len();
            return write_entity(self.conn, def.name, id, cols, version, all, true);
        };
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

    /// The versions (`_v`) of a row of `table`, `None` when the row is not here.
    pub(crate) fn versions(&mut self, table: &'static str, row_id: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        let stmt = match self.versions.entry(table) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(
                self.conn
                    .prepare(&format!("SELECT _v FROM {table} WHERE id = ?1"))?,
            ),
        };
        Ok(stmt.query_row([row_id], |r| r.get(0)).optional()?)
    }

    /// Sets `cols` of a row that is here (the merge read its versions) with the page's statement
    /// for the shape, stamping them with `version` in `_v` (one `*` entry when they are all the
    /// table's columns): [`upsert_entity`] without its attempt to insert first.
    pub(crate) fn update(
        &mut self,
        def: &'static tables::TableDef,
        row_id: &str,
        cols: &[(&'static str, &Value)],
        version: &str,
    ) -> Result<()> {
        let all = cols.len() == def.columns.len();
        let Some(mask) = column_mask(def, cols) else {
            let id: Id = row_id.parse()?;
            return write_entity(self.conn, def.name, id, cols, version, all, false).map(|_| ());
        };
        let stmt = match self.update.entry((def.name, mask)) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(self.conn.prepare(&update_sql(def.name, cols, all))?)
            }
        };
        stmt.execute(rusqlite::params_from_iter(entity_values(
            row_id, version, cols,
        )))?;
        Ok(())
    }
}

/// A bit per column of `def` given in `cols`; `None` for a table of more than 64 columns.
fn column_mask(def: &tables::TableDef, cols: &[(&'static str, &Value)]) -> Option<u64> {
    let mut mask = 0u64;
    for (c, _) in cols {
        match def.columns.iter().position(|d| d == c) {
            Some(i) if i < 64 => mask |= 1 << i,
            _ => return None,
        }
    }
    Some(mask)
}

/// The new `_v` of a row whose `fields` are written at version ?2, from its current `v`: one `*`
/// entry when they are all its columns, else each field's entry set in `v`.
fn stamped(v: &str, fields: &[(&str, &Value)], all_fields: bool) -> String {
    if all_fields {
        return "json_object('*', ?2)".to_owned();
    }
    let paths: Vec<String> = fields.iter().map(|(c, _)| format!("'$.{c}', ?2")).collect();
    format!("json_set({v}, {})", paths.join(", "))
}

/// `UPDATE` of the given columns of a row and their versions: ?1 id, ?2 version, ?3.. values.
fn update_sql(table: &str, fields: &[(&str, &Value)], all_fields: bool) -> String {
    let sets: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, (c, _))| format!("{c} = ?{}", i + 3))
        .collect();
    let v = stamped("_v", fields, all_fields);
    format!(
        "UPDATE {table} SET {}, _v = {v} WHERE id = ?1",
        sets.join(", ")
    )
}
