//! The laptop's side of sync bookkeeping: the outbox (journal entries the server has not
//! acknowledged), acknowledgements and refusals, the pull cursor, and applying pulled changes
//! through `linli_domain::merge`'s rule with the `field_versions` table (facts are inserted once).
//! It speaks no HTTP: `linli-sync` drives it.
//!
//! Table and column names in SQL come only from a [`Schema`] (by default `tables::TABLES`), never
//! from the wire: a pulled change naming anything else is kept aside in `sync_unapplied`.

use std::collections::BTreeMap;

use linli_domain::merge::Version;
use linli_domain::{Clock, Hlc, Id};
use linli_protocol::sync::{
    Change, ChangeOutcome, PullResponse, PulledChange, PushResponse, Refusal, RefuseReason,
    SyncStatus, Unapplied,
};
use rusqlite::{params, types::Value as SqlValue, OptionalExtension, Transaction};
use serde_json::Value;

use crate::tables::{TableDef, TableKind, TABLES};
use crate::write::{insert_fact_row, journal_insert, upsert_entity, version_text, JournalText};
use crate::{Error, Result, Store};

/// What of a pull page can be made ready without the database: each change's journal text. The
/// sync engine makes it on the thread that fetched the page, while the page before is written.
#[derive(Debug, Clone)]
pub struct PreparedPage {
    journal: Vec<JournalText>,
}

impl PreparedPage {
    pub fn of(page: &PullResponse) -> Result<PreparedPage> {
        Ok(PreparedPage {
            journal: page
                .changes
                .iter()
                .map(|p| JournalText::of(&p.change))
                .collect::<Result<_>>()?,
        })
    }
}

/// The thread of [`Store::start_checkpointer`]; dropping it stops the thread and waits for it.
#[derive(Debug)]
pub struct Checkpointer {
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

/// The synced tables that sync may write: `tables::TABLES`, plus extra ones in tests.
#[derive(Debug, Clone)]
pub struct Schema {
    tables: Vec<&'static TableDef>,
}

impl Default for Schema {
    fn default() -> Self {
        Schema {
            tables: TABLES.iter().collect(),
        }
    }
}

impl Schema {
    /// `tables::TABLES` plus `extra` (a test fact table, say).
    pub fn with(mut self, extra: &'static TableDef) -> Schema {
        self.tables.push(extra);
        self
    }

    pub fn tables(&self) -> &[&'static TableDef] {
        &self.tables
    }

    /// The names of the fact tables, as a push declares them.
    pub fn fact_tables(&self) -> Vec<String> {
        self.tables
            .iter()
            .filter(|t| t.kind == TableKind::Fact)
            .map(|t| t.name.to_owned())
            .collect()
    }

    pub fn table(&self, name: &str) -> Option<&'static TableDef> {
        self.tables.iter().copied().find(|t| t.name == name)
    }
}

/// The whitelisted spelling of a column, so SQL never carries a name from the wire.
/// A write to one row for tables that have no typed store function yet (and the sync simulation).
#[derive(Debug, Clone)]
pub struct SyncWrite {
    pub table: String,
    pub row_id: Id,
    pub fields: BTreeMap<String, Value>,
    pub scope_community: Option<Id>,
    pub scope_grid: Option<Id>,
    pub scope_place: Option<Id>,
}

/// What applying one pull page did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageApplied {
    /// Changes that changed at least one field or inserted a fact.
    pub changed: u64,
    /// Changes already known (an older write, a fact already here).
    pub unchanged: u64,
    /// Changes this laptop cannot apply (a table or field this build does not know, a value its
    /// schema refuses), kept in `sync_unapplied` with the reason.
    pub kept_aside: u64,
}

/// Where this laptop syncs to: kept in `meta` by `linli login`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub server: String,
    pub user: String,
    pub token: String,
}

/// One canonical export of synced rows: table → row id → field → value. Only fields that some
/// write set are listed (never column defaults), in the value form SQLite stores (see
/// [`sql_canonical`]), so a laptop's export and the server's can be compared.
pub type Export = BTreeMap<String, BTreeMap<Id, BTreeMap<String, Value>>>;

/// A pulled change for a table outside `tables::TABLES` (a test table): the same rule as
/// `apply::apply_change`, with names from the schema.
fn apply_extra(
    tx: &Transaction<'_>,
    def: &'static TableDef,
    c: &Change,
    cols: &[(&'static str, &Value)],
    journal: bool,
) -> Result<bool> {
    if journal {
        journal_insert(tx, c)?;
    }
    match def.kind {
        TableKind::Fact => insert_fact_row(tx, def.name, c.row_id, cols),
        TableKind::Entity => {
            let current: Option<String> = tx
                .prepare_cached(&format!("SELECT _v FROM {} WHERE id = ?1", def.name))?
                .query_row([c.row_id.to_string()], |r| r.get(0))
                .optional()?;
            let versions = current
                .as_deref()
                .map(crate::apply::field_versions)
                .unwrap_or_default();
            let star = versions.get("*").copied();
            let incoming = Version {
                hlc: c.hlc,
                device: c.device_id,
            };
            let winners: Vec<(&str, &Value)> = cols
                .iter()
                .filter(|(k, _)| {
                    versions
                        .get(*k)
                        .copied()
                        .or(star)
                        .is_none_or(|cur| incoming > cur)
                })
                .copied()
                .collect();
            if !winners.is_empty() {
                let v = version_text(c.hlc, c.device_id);
                upsert_entity(tx, def.name, c.row_id, &winners, &v, false)?;
            }
            Ok(!winners.is_empty())
        }
    }
}

/// A JSON value as it reads back from a SQLite column: booleans become 0/1, arrays and objects
/// their JSON text.
pub fn sql_canonical(v: &Value) -> Value {
    from_sql(to_sql(v))
}

use crate::write::to_sql;

fn from_sql(v: SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => Value::from(f),
        SqlValue::Text(s) => Value::String(s),
        SqlValue::Blob(b) => Value::String(String::from_utf8_lossy(&b).into_owned()),
    }
}

const CURSOR: &str = "sync_cursor";
const TOKEN_DEVICE: &str = "sync_token_device";
/// The number below which this device id's sequences are taken on the server.
pub(crate) const SEQ_FLOOR: &str = "sync_seq_floor";
const ACKED: &str = "sync_acked_seq";
const LAST_SUCCESS: &str = "sync_last_success_ms";

fn get_meta(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

fn set_meta(conn: &rusqlite::Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

fn meta_i64(conn: &rusqlite::Connection, key: &str) -> Result<i64> {
    Ok(get_meta(conn, key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// Where this laptop stands with the server, for features that must say how sure a figure is
/// (the time bank's balance): the device id in the file, the last device sequence the server
/// acknowledged (0 before the first sync), and when the last sync succeeded (ms since 1970).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SyncPosition {
    pub device_id: Option<Id>,
    pub acked_seq: i64,
    pub last_success_ms: Option<i64>,
}

/// [`SyncPosition`] read from the file (inside a write transaction too).
pub(crate) fn sync_position(conn: &rusqlite::Connection) -> Result<SyncPosition> {
    Ok(SyncPosition {
        device_id: get_meta(conn, "device_id")?.and_then(|s| s.parse().ok()),
        acked_seq: meta_i64(conn, ACKED)?,
        last_success_ms: get_meta(conn, LAST_SUCCESS)?.and_then(|s| s.parse().ok()),
    })
}

fn bad(field: &'static str, message: String) -> Error {
    linli_domain::DomainError::invalid(field, message).into()
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

impl Store {
    /// Writes one row of any table in `schema` with its field versions and journal entry, in one
    /// transaction, at wall time `now_ms` (the simulation skews it). Entities upsert the given
    /// fields; a fact must carry a new row id.
    pub fn write_row(&mut self, schema: &Schema, w: SyncWrite, now_ms: u64) -> Result<Change> {
        Ok(self.write_rows(schema, vec![w], now_ms)?.remove(0))
    }

    /// Writes many rows like [`Store::write_row`], in one transaction, through the one write path.
    pub fn write_rows(
        &mut self,
        schema: &Schema,
        ws: Vec<SyncWrite>,
        now_ms: u64,
    ) -> Result<Vec<Change>> {
        let mut resolved = Vec::with_capacity(ws.len());
        for w in ws {
            let def = schema
                .table(&w.table)
                .ok_or_else(|| bad("table", format!("“{}”不是可同步的数据表", w.table)))?;
            let mut cols = Vec::with_capacity(w.fields.len());
            for (name, value) in w.fields {
                let col = crate::tables::column(def, &name)
                    .ok_or_else(|| bad("field", format!("数据表“{}”没有字段“{name}”", def.name)))?;
                cols.push((col, value));
            }
            let scope = crate::write::Scope {
                community: w.scope_community,
                grid: w.scope_grid,
                place: w.scope_place,
            };
            resolved.push((def, w.row_id, cols, scope));
        }
        let mut writer = self.begin()?;
        writer.at_wall_time(now_ms);
        let mut out = Vec::with_capacity(resolved.len());
        for (def, row_id, cols, scope) in resolved {
            out.push(writer.write_def(def, row_id, cols, scope)?);
        }
        writer.commit()?;
        Ok(out)
    }

    /// Up to `limit` of this device's journal entries the server has not acknowledged, in
    /// device-sequence order.
    pub fn outbox(&self, limit: usize) -> Result<Vec<Change>> {
        let acked = meta_i64(&self.conn, ACKED)?;
        let device = self.current_device_id()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT change_id, device_seq, hlc, author, scope_community, scope_grid, tbl, row_id,
                    fields, scope_place
             FROM journal WHERE device_id = ?1 AND device_seq > ?2 ORDER BY device_seq LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![device.to_string(), acked, limit as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
            ))
        })?;
        let id = |s: &str| s.parse::<Id>();
        let opt = |s: Option<String>| s.as_deref().map(id).transpose();
        let mut out = Vec::new();
        for row in rows {
            let (change, seq, hlc, author, community, grid, table, row_id, fields, place) = row?;
            out.push(Change {
                change_id: id(&change)?,
                device_id: device,
                device_seq: seq,
                hlc: hlc.parse()?,
                author: opt(author)?,
                scope_community: opt(community)?,
                scope_grid: opt(grid)?,
                table,
                row_id: id(&row_id)?,
                fields: serde_json::from_str(&fields)?,
                scope_place: opt(place)?,
            });
        }
        Ok(out)
    }

    /// How many local changes wait for the server.
    pub fn outbox_len(&self) -> Result<u64> {
        let acked = meta_i64(&self.conn, ACKED)?;
        Ok(self.conn.query_row(
            "SELECT count(*) FROM journal WHERE device_id = ?1 AND device_seq > ?2",
            params![self.current_device_id()?.to_string(), acked],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    /// Records the server's answer to a push of `sent`, in one transaction: refusals and review
    /// marks are kept, the acknowledged sequence moves past the batch, and the clock observes the
    /// server's time. An answer that does not match the batch changes nothing.
    pub fn acknowledge(&mut self, sent: &[Change], resp: &PushResponse) -> Result<()> {
        let device = self.current_device_id()?;
        let matches = sent.len() == resp.results.len()
            && sent
                .iter()
                .zip(&resp.results)
                .all(|(c, r)| c.device_seq == r.device_seq && c.device_id == device);
        if !matches {
            return Err(bad(
                "results",
                "服务器的回答与发送的变更不符，未作记录 (the server's answer does not match the batch)".into(),
            ));
        }
        let now = now_ms();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for (c, r) in sent.iter().zip(&resp.results) {
            match &r.outcome {
                ChangeOutcome::Accepted {
                    server_seq,
                    needs_review,
                } => {
                    if *needs_review {
                        tx.execute(
                            "INSERT OR IGNORE INTO sync_reviews (tbl, row_id, server_seq) VALUES (?1, ?2, ?3)",
                            params![c.table, c.row_id.to_string(), server_seq],
                        )?;
                    }
                }
                ChangeOutcome::Refused { reason, message } => {
                    tx.execute(
                        "INSERT OR REPLACE INTO sync_refusals (device_seq, tbl, row_id, reason, message, at_ms)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![
                            c.device_seq,
                            c.table,
                            c.row_id.to_string(),
                            reason_code(*reason),
                            message,
                            now as i64
                        ],
                    )?;
                }
            }
        }
        let top = sent.iter().map(|c| c.device_seq).max().unwrap_or(0);
        let acked = meta_i64(&tx, ACKED)?;
        set_meta(&tx, ACKED, &top.max(acked).to_string())?;
        observe_in(&mut self.clock, &tx, resp.server_time, now)?;
        tx.commit()?;
        Ok(())
    }

    /// The highest device sequence this laptop has journalled under its device id.
    pub fn last_device_seq(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(device_seq), 0) FROM journal WHERE device_id = ?1",
            [self.current_device_id()?.to_string()],
            |r| r.get(0),
        )?)
    }

    /// The highest of this device's own sequences a pull may leave out: the end of the unbroken
    /// run 1, 2, … of its own sequences its journal holds. Without a floor that run is the whole
    /// journal (this file numbered every one of them). A file restored from a backup (a power
    /// loss that took its `-wal`), or one that shared its device id with a copy, learned a floor
    /// at enrolment and may hold its own sequences with gaps (it holds 1 and 3 while a copy under
    /// the same id wrote 2): the pull leaves out only what is below the first gap, so the changes
    /// in the gaps come back even after it has numbered new ones above them.
    pub fn pull_own_seq(&self) -> Result<i64> {
        if get_meta(&self.conn, SEQ_FLOOR)?.is_none() {
            return self.last_device_seq();
        }
        Ok(self.conn.query_row(
            "SELECT CASE WHEN NOT EXISTS
                     (SELECT 1 FROM journal WHERE device_id = ?1 AND device_seq = 1) THEN 0
                 ELSE (SELECT min(j.device_seq) FROM journal j
                       WHERE j.device_id = ?1 AND NOT EXISTS
                         (SELECT 1 FROM journal k
                          WHERE k.device_id = ?1 AND k.device_seq = j.device_seq + 1))
                 END",
            [self.current_device_id()?.to_string()],
            |r| r.get(0),
        )?)
    }

    /// Notes the highest device sequence the server has accepted from this device id (enrolment
    /// answers it). A file restored from a backup is behind it: its next changes are numbered
    /// after it instead of reusing numbers the server holds, and its pulls bring back its own
    /// changes the backup lacks (they are above what its journal holds).
    pub fn note_server_seq(&mut self, last_seq: i64) -> Result<()> {
        if last_seq > self.last_device_seq()? {
            set_meta(&self.conn, SEQ_FLOOR, &last_seq.to_string())?;
        }
        Ok(())
    }

    /// The device id the stored token was issued for, if the enrolment recorded it.
    pub fn token_device(&self) -> Result<Option<Id>> {
        Ok(get_meta(&self.conn, TOKEN_DEVICE)?.and_then(|s| s.parse().ok()))
    }

    /// The device id in the file, which another connection may have changed.
    pub fn current_device_id(&self) -> Result<Id> {
        Ok(get_meta(&self.conn, "device_id")?
            .and_then(|s| s.parse().ok())
            .unwrap_or(self.device_id))
    }

    /// Takes a new device id because the server holds other changes under this one's sequence
    /// numbers (the file was copied, or restored from a backup): the journal entries of the old
    /// id that the server has not acknowledged — those numbered in `conflicting`, and every one
    /// after `after` — move to the new id, numbered again from 1 with new change ids, and the
    /// outbox starts afresh, and the pull cursor goes back to the start (the other copy's changes
    /// under the old id were left out of this laptop's pulls). Nothing written on this laptop is
    /// lost; the caller enrols the new id.
    pub fn take_new_device_id(&mut self, conflicting: &[i64], after: i64) -> Result<Id> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let old: Id = get_meta(&tx, "device_id")?
            .and_then(|s| s.parse().ok())
            .unwrap_or(self.device_id);
        let new = Id::new();
        let mut seqs: Vec<i64> = {
            let mut stmt = tx.prepare(
                "SELECT device_seq FROM journal WHERE device_id = ?1 AND device_seq > ?2",
            )?;
            let rows = stmt.query_map(params![old.to_string(), after], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        seqs.extend_from_slice(conflicting);
        seqs.sort_unstable();
        seqs.dedup();
        let mut n = 0i64;
        for seq in seqs {
            let moved: Option<(String, String, String)> = tx
                .query_row(
                    "SELECT tbl, row_id, hlc FROM journal WHERE device_id = ?1 AND device_seq = ?2",
                    params![old.to_string(), seq],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((table, row, hlc)) = moved else {
                continue;
            };
            n += tx.execute(
                "UPDATE journal SET device_id = ?3, device_seq = ?4, change_id = ?5
                 WHERE device_id = ?1 AND device_seq = ?2",
                params![
                    old.to_string(),
                    seq,
                    new.to_string(),
                    n + 1,
                    Id::new().to_string()
                ],
            )? as i64;
            // The change now travels as the new id's: where the row's fields still hold its
            // version (it was not overwritten since), they hold it under the new id too, so this
            // laptop breaks a tie of equal clocks as the server will. (Two copies of a file share
            // their clock and can stamp one row with the same HLC; the greater device id wins.)
            if let Some(def) = crate::tables::table(&table) {
                if def.kind == TableKind::Entity {
                    let quoted = |device: Id| format!("\"{hlc} {device}\"");
                    tx.execute(
                        &format!(
                            "UPDATE \"{}\" SET _v = replace(_v, ?2, ?3) WHERE id = ?1",
                            def.name
                        ),
                        params![row, quoted(old), quoted(new)],
                    )?;
                }
            }
        }
        set_meta(&tx, "device_id", &new.to_string())?;
        set_meta(&tx, ACKED, "0")?;
        tx.execute("DELETE FROM meta WHERE key = ?1", [SEQ_FLOOR])?;
        // the other copy's changes under the old id were left out of this laptop's pulls as its
        // own: pull everything again (merging is idempotent, facts land once)
        set_meta(&tx, CURSOR, "0")?;
        tx.commit()?;
        self.device_id = new;
        Ok(new)
    }

    /// The server's time seen outside a push or pull answer (an error answer, say).
    pub fn observe_server_time(&mut self, remote: Hlc) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        observe_in(&mut self.clock, &tx, remote, now_ms())?;
        tx.commit()?;
        Ok(())
    }

    /// The last server sequence this laptop has applied.
    pub fn pull_cursor(&self) -> Result<i64> {
        meta_i64(&self.conn, CURSOR)
    }

    /// Applies one pull page and its new cursor in one transaction: entities merge per field by
    /// (HLC, device) against `field_versions`; facts are inserted once; review marks are kept.
    /// A page whose cursor is behind the stored one (a duplicated or reordered answer) changes
    /// nothing.
    pub fn apply_pulled(&mut self, schema: &Schema, page: &PullResponse) -> Result<PageApplied> {
        self.apply_prepared(schema, page, &PreparedPage::of(page)?)
    }

    /// [`Store::apply_pulled`] with the page's journal text made beforehand
    /// ([`PreparedPage::of`], on another thread).
    pub fn apply_prepared(
        &mut self,
        schema: &Schema,
        page: &PullResponse,
        prepared: &PreparedPage,
    ) -> Result<PageApplied> {
        if prepared.journal.len() != page.changes.len() {
            return Err(bad(
                "page",
                "准备的日志与本页不符 (the prepared journal is not this page's)".into(),
            ));
        }
        let mut stats = PageApplied::default();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        let cursor = meta_i64(&tx, CURSOR)?;
        // a change under this laptop's own id came from a copy of its file: applied, not journalled
        let own: Id = get_meta(&tx, "device_id")?
            .and_then(|s| s.parse().ok())
            .unwrap_or(self.device_id);
        let mut top = page.server_time;
        let mut pending = crate::derived::Pending::default();
        let mut st = crate::write::PageStatements::new(&tx);
        for (pulled, text) in page.changes.iter().zip(&prepared.journal) {
            if pulled.server_seq <= cursor {
                continue;
            }
            let c = &pulled.change;
            top = top.max(c.hlc);
            if pulled.needs_review {
                tx.execute(
                    "INSERT OR IGNORE INTO sync_reviews (tbl, row_id, server_seq) VALUES (?1, ?2, ?3)",
                    params![c.table, c.row_id.to_string(), pulled.server_seq],
                )?;
            }
            let known = schema.table(&c.table).and_then(|def| {
                c.fields
                    .iter()
                    .map(|(k, v)| crate::tables::column(def, k).map(|col| (col, v)))
                    .collect::<Option<Vec<_>>>()
                    .map(|cols| (def, cols))
            });
            let Some((def, cols)) = known.filter(|(_, cols)| !cols.is_empty()) else {
                let reason = format!(
                    "这个版本的邻里不认识数据表“{t}”或它的某个字段；升级后可以补上 (this version of Linli does not know table {t} or one of its fields)",
                    t = c.table
                );
                keep_aside(&tx, pulled, &reason)?;
                stats.kept_aside += 1;
                continue;
            };
            // the one list of columns and types: a value this laptop cannot store is kept aside
            // instead of failing the page
            if let Some(table) = linli_protocol::schema::synced_table(def.name) {
                if let Err(reason) = linli_protocol::schema::check_fields(table, c.fields.iter()) {
                    keep_aside(&tx, pulled, &reason)?;
                    stats.kept_aside += 1;
                    continue;
                }
            }
            // each change under its own savepoint: one that will not apply is kept aside with its
            // reason, and the rest of the page and the cursor commit
            tx.execute_batch("SAVEPOINT pulled_change")?;
            let applied = if crate::tables::table(def.name).is_some() {
                crate::apply::apply_checked(
                    &mut st,
                    &tx,
                    def,
                    c,
                    &cols,
                    text,
                    &mut pending,
                    c.device_id != own,
                )
                .map(|a| !a.fields.is_empty())
            } else {
                apply_extra(&tx, def, c, &cols, c.device_id != own)
            };
            match applied {
                Ok(changed) => {
                    tx.execute_batch("RELEASE pulled_change")?;
                    if changed {
                        stats.changed += 1;
                    } else {
                        stats.unchanged += 1;
                    }
                }
                Err(e) if this_change(&e) => {
                    tx.execute_batch("ROLLBACK TO pulled_change; RELEASE pulled_change")?;
                    keep_aside(&tx, pulled, &e.to_string())?;
                    stats.kept_aside += 1;
                }
                Err(e) => return Err(e),
            }
        }
        drop(st);
        pending.flush(&tx)?;
        set_meta(&tx, CURSOR, &page.next.max(cursor).to_string())?;
        observe_in(&mut self.clock, &tx, top, now_ms())?;
        tx.commit()?;
        Ok(stats)
    }

    /// Lets the write-ahead log grow to `pages` (of 4 KB) before SQLite copies it into the
    /// database file. A long pull raises it, so that a B-tree page that many pull pages touch is
    /// copied once rather than after every page, and lowers it again with [`Store::checkpoint`].
    pub fn set_wal_autocheckpoint(&self, pages: u32) -> Result<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", pages)?;
        Ok(())
    }

    /// Copies the write-ahead log into the database file on a thread of its own, with its own
    /// connection, until the returned guard is dropped; `None` for a store in memory. A long pull
    /// turns the automatic checkpoint off ([`Store::set_wal_autocheckpoint`] with 0) and starts
    /// this: the copying (a quarter of a full pull's time when the committing thread did it)
    /// then overlaps the applying of the next pages. A checkpoint never blocks the writer.
    pub fn start_checkpointer(&self) -> Result<Option<Checkpointer>> {
        let Some(path) = self.path.clone() else {
            return Ok(None);
        };
        let conn = rusqlite::Connection::open(&path)?;
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

    /// Notes that a sync pushed and pulled everything, for the Sync page.
    pub fn mark_synced(&mut self, at_ms: u64) -> Result<()> {
        set_meta(&self.conn, LAST_SUCCESS, &at_ms.to_string())
    }

    /// The server, user and device token `linli login` stored, if any.
    pub fn enrolment(&self) -> Result<Option<Enrolment>> {
        let (server, user, token) = (
            get_meta(&self.conn, "sync_server")?,
            get_meta(&self.conn, "sync_user")?,
            get_meta(&self.conn, "sync_token")?,
        );
        Ok(match (server, user, token) {
            (Some(server), Some(user), Some(token)) => Some(Enrolment {
                server,
                user,
                token,
            }),
            _ => None,
        })
    }

    /// Stores an enrolment. Enrolling with another server starts its cursor and outbox afresh.
    pub fn save_enrolment(&mut self, e: &Enrolment) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let before = get_meta(&tx, "sync_server")?;
        if before.as_deref().is_some_and(|s| s != e.server) {
            for key in [CURSOR, ACKED, LAST_SUCCESS] {
                tx.execute("DELETE FROM meta WHERE key = ?1", [key])?;
            }
        }
        set_meta(&tx, "sync_server", &e.server)?;
        set_meta(&tx, "sync_user", &e.user)?;
        set_meta(&tx, "sync_token", &e.token)?;
        // the device id the token was issued for: a new device id taken since (a seq_conflict)
        // must be enrolled before anything is pushed under it
        let device = get_meta(&tx, "device_id")?.unwrap_or_else(|| self.device_id.to_string());
        set_meta(&tx, TOKEN_DEVICE, &device)?;
        tx.commit()?;
        Ok(())
    }

    /// How this laptop trusts its server (issue 17), kept beside the enrolment: the county CA
    /// (PEM text, so moving the file it came from breaks nothing) and whether plain `http://` to
    /// another machine was allowed. `(None, false)` when never set.
    pub fn server_trust(&self) -> Result<(Option<String>, bool)> {
        Ok((
            get_meta(&self.conn, "sync_ca")?,
            get_meta(&self.conn, "sync_insecure")?.as_deref() == Some("1"),
        ))
    }

    /// Stores how this laptop trusts its server; `None` forgets a CA set before.
    pub fn save_server_trust(&mut self, ca_pem: Option<&str>, insecure: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        match ca_pem {
            Some(pem) => set_meta(&tx, "sync_ca", pem)?,
            None => {
                tx.execute("DELETE FROM meta WHERE key = 'sync_ca'", [])?;
            }
        }
        set_meta(&tx, "sync_insecure", if insecure { "1" } else { "0" })?;
        tx.commit()?;
        Ok(())
    }

    /// A number that changes whenever another connection commits to this file (SQLite's
    /// `PRAGMA data_version`): the desktop's background sync notices the window's writes by it.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// What the Sync page shows.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let mut refused = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT device_seq, tbl, row_id, reason, message FROM sync_refusals ORDER BY device_seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (device_seq, table, row_id, reason, message) = row?;
            refused.push(Refusal {
                device_seq,
                table,
                row_id: row_id.parse()?,
                reason: match reason.as_str() {
                    "outside_grants" => RefuseReason::OutsideGrants,
                    "seq_conflict" => RefuseReason::SeqConflict,
                    _ => RefuseReason::Invalid,
                },
                message,
            });
        }
        let mut needs_review = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT tbl, row_id FROM sync_reviews ORDER BY server_seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (t, id) = row?;
            needs_review.push((t, id.parse()?));
        }
        let mut unapplied = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT server_seq, json_extract(change, '$.table'), json_extract(change, '$.row_id'),
                    reason FROM sync_unapplied ORDER BY server_seq LIMIT 200",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (server_seq, table, row_id, reason) = row?;
            unapplied.push(Unapplied {
                server_seq,
                table: table.unwrap_or_default(),
                row_id: row_id.and_then(|r| r.parse().ok()),
                reason,
            });
        }
        Ok(SyncStatus {
            unapplied,
            server: get_meta(&self.conn, "sync_server")?,
            user: get_meta(&self.conn, "sync_user")?,
            last_success_ms: get_meta(&self.conn, LAST_SUCCESS)?.and_then(|v| v.parse().ok()),
            outbox: self.outbox_len()?,
            refused,
            needs_review,
        })
    }

    /// Every synced row in `schema` as table → row id → column → value (no `_v`, no journal),
    /// for comparing replicas with each other and with the server.
    pub fn export(&self, schema: &Schema) -> Result<Export> {
        let mut out = Export::new();
        for def in schema.tables() {
            let mut rows = BTreeMap::new();
            let cols = def.columns.join(", ");
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT id, {cols} FROM {}", def.name))?;
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                let id: String = r.get(0)?;
                let mut row = BTreeMap::new();
                for (i, c) in def.columns.iter().enumerate() {
                    row.insert((*c).to_owned(), from_sql(r.get::<_, SqlValue>(i + 1)?));
                }
                rows.insert(id.parse()?, row);
            }
            out.insert(def.name.to_owned(), rows);
        }
        Ok(out)
    }
}

/// How far ahead of this laptop's wall clock an observed time is taken: one day, as the server
/// refuses changes stamped further ahead. A server or change from further in the future cannot
/// drag this laptop's clock along.
pub const MAX_OBSERVED_AHEAD_MS: u64 = 86_400_000;

fn observe_in(clock: &mut Clock, tx: &Transaction<'_>, remote: Hlc, now: u64) -> Result<()> {
    catch_up(clock, tx)?;
    let cap = Hlc::new(now.saturating_add(MAX_OBSERVED_AHEAD_MS), 0);
    clock.observe(remote.min(cap), now);
    set_meta(tx, "hlc", &clock.last().to_string())
}

/// Moves `clock` up to the HLC stored in `meta`, which another connection to the same file (the
/// desktop's background sync, a `linli` process) may have advanced, so this connection never
/// stamps or stores a time below one already handed out. Called inside a write transaction.
pub(crate) fn catch_up(clock: &mut Clock, conn: &rusqlite::Connection) -> Result<()> {
    let stored = get_meta(conn, "hlc")?.and_then(|s| s.parse::<Hlc>().ok());
    if let Some(stored) = stored.filter(|s| *s > clock.last()) {
        *clock = Clock::new(stored);
    }
    Ok(())
}

/// Keeps a pulled change that this laptop cannot apply in `sync_unapplied`, with why.
fn keep_aside(tx: &Transaction<'_>, pulled: &PulledChange, reason: &str) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO sync_unapplied (server_seq, change, reason) VALUES (?1, ?2, ?3)",
        params![
            pulled.server_seq,
            serde_json::to_string(&pulled.change)?,
            reason
        ],
    )?;
    Ok(())
}

/// Whether an error applying a pulled change is about that change (a value or row the schema
/// refuses), rather than about the database (a full disk, an I/O error), which must stop the
/// page so that nothing is skipped.
fn this_change(e: &Error) -> bool {
    use rusqlite::ErrorCode;
    match e {
        Error::Invalid(_) | Error::Json(_) | Error::Conflict { .. } | Error::NotFound { .. } => {
            true
        }
        Error::Sqlite(e) => matches!(
            e.sqlite_error_code(),
            Some(ErrorCode::ConstraintViolation | ErrorCode::TypeMismatch | ErrorCode::TooBig)
        ),
        _ => false,
    }
}

fn reason_code(r: RefuseReason) -> &'static str {
    match r {
        RefuseReason::OutsideGrants => "outside_grants",
        RefuseReason::Invalid => "invalid",
        RefuseReason::SeqConflict => "seq_conflict",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_protocol::sync::{ChangeResult, PulledChange};
    use serde_json::json;

    static LEDGER: TableDef = TableDef {
        name: "test_ledger",
        kind: TableKind::Fact,
        columns: &["account", "delta"],
    };

    fn store() -> (Store, Schema) {
        let s = Store::open_in_memory().unwrap();
        s.conn()
            .execute_batch(
                "CREATE TABLE test_ledger (id TEXT PRIMARY KEY, account TEXT NOT NULL DEFAULT '',
                 delta INTEGER NOT NULL DEFAULT 0) STRICT;",
            )
            .unwrap();
        (s, Schema::default().with(&LEDGER))
    }

    fn place(name: &str) -> SyncWrite {
        SyncWrite {
            table: "places".into(),
            row_id: Id::new(),
            fields: [
                ("kind".to_owned(), json!("community")),
                ("name".to_owned(), json!(name)),
            ]
            .into(),
            scope_community: None,
            scope_grid: None,
            scope_place: None,
        }
    }

    fn accepted(c: &Change, seq: i64) -> ChangeResult {
        ChangeResult {
            device_seq: c.device_seq,
            outcome: ChangeOutcome::Accepted {
                server_seq: seq,
                needs_review: false,
            },
        }
    }

    #[test]
    fn the_outbox_empties_as_the_server_acknowledges_and_refusals_are_kept() {
        let (mut s, schema) = store();
        let a = s.write_row(&schema, place("北门"), 1_000).unwrap();
        let b = s.write_row(&schema, place("南门"), 1_000).unwrap();
        assert_eq!(s.outbox_len().unwrap(), 2);
        let sent = s.outbox(10).unwrap();
        assert_eq!(sent, vec![a.clone(), b.clone()]);
        let resp = PushResponse {
            results: vec![
                accepted(&a, 1),
                ChangeResult {
                    device_seq: b.device_seq,
                    outcome: ChangeOutcome::Refused {
                        reason: RefuseReason::OutsideGrants,
                        message: "不在你的授权范围内".into(),
                    },
                },
            ],
            // an hour ahead of this laptop: within the day a laptop takes from a server
            server_time: Hlc::new(now_ms() + 3_600_000, 0),
        };
        let server_time = resp.server_time;
        // an answer for another batch is not recorded
        assert!(s.acknowledge(&sent[..1], &resp).is_err());
        s.acknowledge(&sent, &resp).unwrap();
        assert_eq!(s.outbox_len().unwrap(), 0);
        let status = s.sync_status().unwrap();
        assert_eq!(status.refused.len(), 1);
        assert_eq!(status.refused[0].row_id, b.row_id);
        // the server's time was observed: the next write sorts after it
        let c = s.write_row(&schema, place("东门"), 2_000).unwrap();
        assert!(c.hlc > server_time);
        // a server in the year 2255 drags the clock no further than a day ahead
        s.observe_server_time(Hlc::new(9_000_000_000_000, 0))
            .unwrap();
        let d = s.write_row(&schema, place("西门"), 2_000).unwrap();
        assert!(d.hlc.ms <= now_ms() + MAX_OBSERVED_AHEAD_MS, "{:?}", d.hlc);
    }

    fn pulled(seq: i64, c: Change) -> PulledChange {
        PulledChange {
            server_seq: seq,
            needs_review: false,
            read_only: false,
            change: c,
        }
    }

    #[test]
    fn the_checkpointer_copies_the_log_into_the_file_while_the_writer_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let schema = Schema::default();
        let main_file = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().len();
        let write = |s: &mut Store| {
            for _ in 0..20 {
                let rows = (0..200)
                    .map(|i| place(&format!("{i}号楼{}", "楼".repeat(100))))
                    .collect();
                s.write_rows(&schema, rows, 1_000).unwrap();
            }
        };
        // without it, and without automatic checkpoints, everything stays in the log
        let mut idle = Store::open(dir.path().join("idle.db")).unwrap();
        idle.set_wal_autocheckpoint(0).unwrap();
        let before = main_file("idle.db");
        write(&mut idle);
        assert_eq!(main_file("idle.db"), before);
        // with it, the file takes the rows while the writer is still writing
        let mut busy = Store::open(dir.path().join("busy.db")).unwrap();
        busy.set_wal_autocheckpoint(0).unwrap();
        let before = main_file("busy.db");
        let checkpointer = busy.start_checkpointer().unwrap();
        assert!(checkpointer.is_some());
        write(&mut busy);
        std::thread::sleep(std::time::Duration::from_millis(200));
        drop(checkpointer);
        assert!(main_file("busy.db") > before + 1_000_000, "{before}");
        // a store in memory has no log to copy
        assert!(Store::open_in_memory()
            .unwrap()
            .start_checkpointer()
            .unwrap()
            .is_none());
    }

    /// The rows the search finds for `q`.
    fn found(s: &Store, q: &str) -> Vec<Id> {
        s.search(&linli_protocol::Search {
            query: q.into(),
            limit: 20,
        })
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect()
    }

    #[test]
    fn pulled_households_are_found_by_address_whatever_order_their_places_arrive_in() {
        // laptop A registers 3栋 2单元 with rooms 301 and 302, then 303
        let (mut a, schema) = store();
        let community = a.write_row(&schema, place("北门"), 1_000).unwrap().row_id;
        let sub = |kind: &str, name: &str, parent: Id| SyncWrite {
            table: "places".into(),
            row_id: Id::new(),
            fields: [
                ("kind".to_owned(), json!(kind)),
                ("name".to_owned(), json!(name)),
                ("parent_id".to_owned(), json!(parent.to_string())),
            ]
            .into(),
            scope_community: Some(community),
            scope_grid: None,
            scope_place: None,
        };
        let building = a
            .write_row(&schema, sub("building", "3栋", community), 1_000)
            .unwrap();
        let unit = a
            .write_row(&schema, sub("unit", "2单元", building.row_id), 1_000)
            .unwrap();
        let household = |room: &str, phone: &str| SyncWrite {
            table: "households".into(),
            row_id: Id::new(),
            fields: [
                ("community_id", json!(community.to_string())),
                ("building_id", json!(building.row_id.to_string())),
                ("unit_id", json!(unit.row_id.to_string())),
                ("room", json!(room)),
                ("phone", json!(phone)),
                ("residence_status", json!("consistent")),
                ("floating", json!(false)),
                ("tags", json!("[]")),
                ("notes", json!("")),
                ("moved_out", Value::Null),
                ("deleted", json!(false)),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
            scope_community: Some(community),
            scope_grid: None,
            scope_place: Some(unit.row_id),
        };
        let h1 = a
            .write_row(&schema, household("301", "13900000001"), 1_000)
            .unwrap();
        let h2 = a
            .write_row(&schema, household("302", "13900000002"), 1_000)
            .unwrap();
        let h3 = a
            .write_row(&schema, household("303", "13900000003"), 1_000)
            .unwrap();
        let renamed = |c: &Change, name: &str, ms: u64| {
            let mut c = c.clone();
            c.change_id = Id::new();
            c.device_seq += 1_000;
            c.hlc = Hlc::new(c.hlc.ms + ms, 0);
            c.fields = [("name".to_owned(), json!(name))].into();
            c
        };
        let community_change = a.journal().unwrap().remove(0);

        // laptop B: the first household arrives before its building and unit, in one page
        let (mut b, schema) = store();
        let page = |changes: Vec<Change>, next: i64| PullResponse {
            changes: changes
                .into_iter()
                .enumerate()
                .map(|(i, c)| pulled(next - 9 + i as i64, c))
                .collect(),
            next,
            more: false,
            server_time: Hlc::new(2_000, 0),
        };
        b.apply_pulled(
            &schema,
            &page(
                vec![
                    community_change,
                    h1.clone(),
                    building.clone(),
                    unit.clone(),
                    h2.clone(),
                ],
                10,
            ),
        )
        .unwrap();
        assert_eq!(found(&b, "3-2-301"), [h1.row_id]);
        assert_eq!(found(&b, "3栋2单元302"), [h2.row_id]);
        assert_eq!(found(&b, "0002"), [h2.row_id]);

        // the building is renamed after a household of the same page was indexed, the unit
        // before one: both keys follow
        b.apply_pulled(
            &schema,
            &page(
                vec![
                    h3.clone(),
                    renamed(&building, "5栋", 10),
                    renamed(&unit, "1单元", 10),
                ],
                20,
            ),
        )
        .unwrap();
        for (room, h) in [("301", &h1), ("302", &h2), ("303", &h3)] {
            assert_eq!(found(&b, &format!("5-1-{room}")), [h.row_id], "{room}");
            assert!(found(&b, &format!("3-2-{room}")).is_empty(), "{room}");
        }

        // a later page renames it again: the households of earlier pages follow too
        b.apply_pulled(&schema, &page(vec![renamed(&building, "7栋", 20)], 30))
            .unwrap();
        assert_eq!(found(&b, "7-1-302"), [h2.row_id]);
        assert!(found(&b, "5-1-302").is_empty());
    }

    #[test]
    fn pulled_changes_merge_per_field_and_facts_land_once() {
        let (mut a, schema) = store();
        let (mut b, _) = store();
        let w = place("北门");
        let id = w.row_id;
        let created = a.write_row(&schema, w, 1_000).unwrap();
        let page = PullResponse {
            changes: vec![pulled(1, created.clone())],
            next: 1,
            more: false,
            server_time: Hlc::new(1_000, 0),
        };
        assert_eq!(b.apply_pulled(&schema, &page).unwrap().changed, 1);
        // b renames later; a's older rename arrives after it and loses
        let mut rename = place("新北门");
        rename.row_id = id;
        rename.fields.remove("kind");
        let newer = b.write_row(&schema, rename.clone(), 5_000).unwrap();
        rename.fields.insert("name".into(), json!("旧北门"));
        let older = a.write_row(&schema, rename, 2_000).unwrap();
        assert!(older.hlc < newer.hlc);
        let page = PullResponse {
            changes: vec![pulled(2, older)],
            next: 2,
            more: false,
            server_time: Hlc::new(1_000, 0),
        };
        assert_eq!(b.apply_pulled(&schema, &page).unwrap().unchanged, 1);
        assert_eq!(b.pull_cursor().unwrap(), 2);
        let export = b.export(&schema).unwrap();
        assert_eq!(export["places"][&id]["name"], json!("新北门"));

        // a fact arrives twice (a duplicated page): inserted once
        let fact = SyncWrite {
            table: "test_ledger".into(),
            row_id: Id::new(),
            fields: [
                ("account".to_owned(), json!("张三")),
                ("delta".to_owned(), json!(5)),
            ]
            .into(),
            scope_community: Some(id),
            scope_grid: None,
            scope_place: None,
        };
        let f = a.write_row(&schema, fact.clone(), 3_000).unwrap();
        assert!(matches!(
            a.write_row(&schema, fact, 3_000),
            Err(Error::Conflict { .. })
        ));
        let page = PullResponse {
            changes: vec![pulled(3, f.clone()), pulled(4, f)],
            next: 4,
            more: false,
            server_time: Hlc::new(1_000, 0),
        };
        let stats = b.apply_pulled(&schema, &page).unwrap();
        assert_eq!((stats.changed, stats.unchanged), (1, 1));
        let n: i64 = b
            .conn()
            .query_row("SELECT count(*) FROM test_ledger", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        // once a sees b's rename, both agree
        let page = PullResponse {
            changes: vec![pulled(5, newer)],
            next: 5,
            more: false,
            server_time: Hlc::new(1_000, 0),
        };
        a.apply_pulled(&schema, &page).unwrap();
        assert_eq!(a.export(&schema).unwrap(), b.export(&schema).unwrap());
    }

    #[test]
    fn unknown_tables_and_fields_from_the_wire_are_kept_aside_not_interpolated() {
        let (mut s, schema) = store();
        let mut c = s.write_row(&schema, place("北门"), 1_000).unwrap();
        c.device_id = Id::new();
        let mut evil = c.clone();
        evil.table = "places; DROP TABLE places".into();
        let mut odd = c.clone();
        odd.fields.insert("name = 'x' --".into(), json!(1));
        let page = PullResponse {
            changes: vec![pulled(1, evil), pulled(2, odd)],
            next: 2,
            more: false,
            server_time: Hlc::ZERO,
        };
        let stats = s.apply_pulled(&schema, &page).unwrap();
        assert_eq!(stats.kept_aside, 2);
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM sync_unapplied", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2);
        assert_eq!(s.export(&schema).unwrap()["places"].len(), 1);
    }

    #[test]
    fn a_second_connection_to_the_file_never_stamps_below_the_time_the_first_has_seen() {
        // the desktop's background sync pulls on its own connection while the window writes on another
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("linli.db");
        let mut window = Store::open(&path).unwrap();
        let mut background = Store::open(&path).unwrap();
        let now = now_ms();
        let first = window
            .write_row(&Schema::default(), place("北门社区"), now)
            .unwrap();
        // the server's clock is a day ahead; the background connection observes it
        let ahead = Hlc::new(now + 86_400_000, 0);
        background.observe_server_time(ahead).unwrap();
        let second = window
            .write_row(&Schema::default(), place("南门社区"), now)
            .unwrap();
        assert!(first.hlc < ahead);
        assert!(second.hlc > ahead, "{} is not after {ahead}", second.hlc);
        // and the background's own bookkeeping does not move the stored time back
        background.observe_server_time(Hlc::new(now, 0)).unwrap();
        let reopened = Store::open(&path).unwrap();
        let stored: String = reopened
            .conn()
            .query_row("SELECT value FROM meta WHERE key = 'hlc'", [], |r| r.get(0))
            .unwrap();
        assert!(stored.parse::<Hlc>().unwrap() > second.hlc);
    }
}

#[cfg(test)]
#[path = "sync_state_tests.rs"]
mod hostile_tests;
