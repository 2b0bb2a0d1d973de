//! The one write path. Every change to data goes through [`Writer::write`], which writes the row,
//! the version of each field it touched and the change-journal entry in the same transaction.
//! Nothing else in the crate issues INSERT or UPDATE against a synced table.

use linli_domain::{Clock, Id};
use linli_protocol::sync::Change;
use rusqlite::{params, types::Value as SqlValue, Transaction};
use serde_json::Value;

use crate::{Result, Store};

/// A change to one entity row: the fields written and the scope the row belongs to.
#[derive(Debug)]
pub(crate) struct EntityWrite {
    pub table: &'static str,
    pub row_id: Id,
    pub fields: Vec<(&'static str, Value)>,
    pub scope_community: Option<Id>,
    pub scope_grid: Option<Id>,
}

/// An open write transaction with the device's clock.
pub(crate) struct Writer<'s> {
    tx: Transaction<'s>,
    clock: &'s mut Clock,
    device_id: Id,
    author: Option<Id>,
    next_seq: i64,
}

impl Store {
    /// Starts a write transaction. Dropping the writer without [`Writer::commit`] rolls back.
    pub(crate) fn begin(&mut self) -> Result<Writer<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let last: i64 = tx.query_row(
            "SELECT coalesce(max(device_seq), 0) FROM journal WHERE device_id = ?1",
            [self.device_id.to_string()],
            |r| r.get(0),
        )?;
        Ok(Writer {
            tx,
            clock: &mut self.clock,
            device_id: self.device_id,
            author: self.author,
            next_seq: last + 1,
        })
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn to_sql(v: &Value) -> SqlValue {
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

impl Writer<'_> {
    /// Writes `w` to its table and to the journal.
    pub fn write(&mut self, w: EntityWrite) -> Result<Change> {
        crate::tables::check_entity_write(w.table, w.fields.iter().map(|(f, _)| *f))?;
        let hlc = self.clock.tick(now_ms());
        let cols: Vec<&str> = w.fields.iter().map(|(f, _)| *f).collect();
        let placeholders: Vec<String> = (2..=cols.len() + 1).map(|i| format!("?{i}")).collect();
        let updates: Vec<String> = cols.iter().map(|c| format!("{c} = excluded.{c}")).collect();
        let sql = format!(
            "INSERT INTO {table} (id, {cols}) VALUES (?1, {ph}) ON CONFLICT (id) DO UPDATE SET {up}",
            table = w.table,
            cols = cols.join(", "),
            ph = placeholders.join(", "),
            up = updates.join(", "),
        );
        let mut values: Vec<SqlValue> = vec![SqlValue::Text(w.row_id.to_string())];
        values.extend(w.fields.iter().map(|(_, v)| to_sql(v)));
        self.tx
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))?;

        let mut version = self.tx.prepare_cached(
            "INSERT INTO field_versions (tbl, row_id, field, hlc, device_id) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, device_id = excluded.device_id",
        )?;
        for col in &cols {
            version.execute(params![
                w.table,
                w.row_id.to_string(),
                col,
                hlc.to_string(),
                self.device_id.to_string()
            ])?;
        }

        let entry = Change {
            change_id: Id::new(),
            device_id: self.device_id,
            device_seq: self.next_seq,
            hlc,
            author: self.author,
            scope_community: w.scope_community,
            scope_grid: w.scope_grid,
            table: w.table.to_owned(),
            row_id: w.row_id,
            fields: w
                .fields
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            scope_place: None,
            fact: false,
        };
        self.tx.prepare_cached(
            "INSERT INTO journal (change_id, device_id, device_seq, hlc, author, scope_community, scope_grid, tbl, row_id, fields)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            entry.change_id.to_string(),
            entry.device_id.to_string(),
            entry.device_seq,
            entry.hlc.to_string(),
            entry.author.map(|a| a.to_string()),
            entry.scope_community.map(|a| a.to_string()),
            entry.scope_grid.map(|a| a.to_string()),
            entry.table,
            entry.row_id.to_string(),
            serde_json::to_string(&entry.fields)?,
        ])?;
        self.next_seq += 1;
        Ok(entry)
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

impl Store {
    /// The journal entries this device wrote, in sequence order.
    pub fn journal(&self) -> Result<Vec<Change>> {
        let mut stmt = self.conn.prepare(
            "SELECT change_id, device_id, device_seq, hlc, author, scope_community, scope_grid, tbl, row_id, fields
             FROM journal ORDER BY device_id, device_seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (change, device, seq, hlc, author, community, grid, table, row_id, fields) = row?;
            let id = |s: &str| s.parse::<Id>();
            out.push(Change {
                change_id: id(&change)?,
                device_id: id(&device)?,
                device_seq: seq,
                hlc: hlc.parse()?,
                author: author.as_deref().map(id).transpose()?,
                scope_community: community.as_deref().map(id).transpose()?,
                scope_grid: grid.as_deref().map(id).transpose()?,
                table,
                row_id: id(&row_id)?,
                fields: serde_json::from_str(&fields)?,
                scope_place: None,
                fact: false,
            });
        }
        Ok(out)
    }
}
