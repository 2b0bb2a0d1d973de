//! The writer: one open write transaction with the device's clock and sequence. Every local
//! change to data goes through [`Writer::write`] (entities) or [`Writer::insert_fact`] (facts),
//! which write the row, the version of each field it touched and the journal entry together, and
//! note the row in [`Touched`]. Committing (in `crate::commit`, the step above) refreshes what is
//! derived from the touched rows first.

use std::collections::BTreeMap;

use linli_domain::{Clock, Id};
use linli_protocol::sync::Change;
use rusqlite::{OptionalExtension, Transaction};
use serde_json::Value;

use super::clock::catch_up;
use super::entry::{journal_insert, version_text};
use super::meta::SEQ_FLOOR;
use super::sql::{insert_fact_row, upsert_entity};
use super::touched::Touched;
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
    /// The rows written so far.
    touched: Touched,
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
            .query_row("SELECT value FROM meta WHERE key = ?1", [SEQ_FLOOR], |r| {
                r.get(0)
            })
            .optional()?;
        let last = last.max(floor.and_then(|f| f.parse().ok()).unwrap_or(0));
        catch_up(&mut self.clock, &tx)?;
        Ok(Writer {
            tx,
            clock: &mut self.clock,
            device_id: self.device_id,
            author: self.author,
            next_seq: last + 1,
            now: self.now.current(),
            touched: Touched::default(),
        })
    }
}

impl<'s> Writer<'s> {
    pub fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }

    /// Stamps the changes of this writer as if the wall clock read `ms`.
    #[cfg_attr(not(any(test, feature = "test-support")), allow(dead_code))]
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
            return Err(linli_domain::DomainError::coded(
                "fields",
                linli_domain::msg::NOTHING_TO_WRITE,
                vec![],
            )
            .into());
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
                    return Err(crate::Error::conflict(
                        linli_domain::msg::FACT_EXISTS,
                        linli_domain::args![id = row_id],
                    ));
                }
            }
        }
        journal_insert(&self.tx, &change)?;
        self.touched.note(def.name, row_id);
        Ok(change)
    }

    /// Ends the writing: the clock is kept with the rows, and the transaction (not committed
    /// yet) comes back with the rows it touched, for the commit step (`crate::commit`) to refresh
    /// what is derived from them and commit.
    pub(crate) fn finish(self) -> Result<(Transaction<'s>, Touched)> {
        super::clock::store(self.clock, &self.tx)?;
        Ok((self.tx, self.touched))
    }
}
