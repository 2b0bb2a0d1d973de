//! Applying a pull page, as a pipeline: each change is checked against the schema, merged
//! ([`super::merge`]) and written with its journal entry, the rows it touched are collected, and
//! the page's cursor and the clock are kept; the commit step above (`crate::commit`) then
//! refreshes what is derived from the touched rows once for the page and commits.
//!
//! Table and column names in SQL come only from a [`Schema`] (by default `tables::TABLES`), never
//! from the wire: a pulled change naming anything else is kept aside in `sync_unapplied`.

use linli_domain::{Clock, Id};
use linli_protocol::sync::{PullResponse, PulledChange};
use rusqlite::{params, Transaction};

use super::merge::apply_checked;
use super::{Schema, CURSOR};
use crate::journal::{get_meta, meta_i64, now_ms, observe_in, set_meta, JournalText};
use crate::journal::{PageStatements, Touched};
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

impl Store {
    /// The last server sequence this laptop has applied.
    pub fn pull_cursor(&self) -> Result<i64> {
        meta_i64(&self.conn, CURSOR)
    }
}

/// Applies one pull page within `tx` (not committed): entities merge per field by (HLC, device)
/// against each row's versions; facts are inserted once; review marks are kept; the cursor moves
/// to the page's and `clock` observes the newest time seen. A change already applied (at or
/// below the stored cursor: a duplicated or reordered answer) is skipped. Answers what the page
/// did and the rows it wrote. `device` is this laptop's id when the file names none.
///
/// A page is first applied straight through; only when one of its changes will not apply is it
/// rolled back and applied again change by change, each under its own savepoint, so that the one
/// is kept aside with its reason and the rest commits (a savepoint per change cost a clean page
/// a tenth of its time).
pub(crate) fn apply_page(
    tx: &Transaction<'_>,
    clock: &mut Clock,
    device: Id,
    schema: &Schema,
    page: &PullResponse,
    prepared: &PreparedPage,
    derives: Derives,
) -> Result<(PageApplied, Touched)> {
    if prepared.journal.len() != page.changes.len() {
        return Err(linli_domain::DomainError::coded(
            "page",
            linli_domain::msg::SYNC_PAGE_MISMATCH,
            vec![],
        )
        .into());
    }
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    let cursor = meta_i64(tx, CURSOR)?;
    // a change under this laptop's own id came from a copy of its file: applied, not journalled
    let own: Id = get_meta(tx, "device_id")?
        .and_then(|s| s.parse().ok())
        .unwrap_or(device);
    // a first pull's rows are mostly new here: every page of it, not only the first
    let first = cursor == 0 || super::set_aside::in_first_pull(tx)?;
    let page_in = PageIn {
        first,
        schema,
        page,
        prepared,
        cursor,
        own,
        derives,
    };
    tx.execute_batch("SAVEPOINT pulled_page")?;
    let (stats, touched) = match page_in.apply(tx, false) {
        Ok(done) => {
            tx.execute_batch("RELEASE pulled_page")?;
            done
        }
        Err(e) if this_change(&e) => {
            tx.execute_batch("ROLLBACK TO pulled_page; RELEASE pulled_page")?;
            page_in.apply(tx, true)?
        }
        Err(e) => return Err(e),
    };
    let top = page
        .changes
        .iter()
        .filter(|p| p.server_seq > cursor)
        .map(|p| p.change.hlc)
        .fold(page.server_time, Ord::max);
    set_meta(tx, CURSOR, &page.next.max(cursor).to_string())?;
    observe_in(clock, tx, top, now_ms())?;
    Ok((stats, touched))
}

/// A page to apply and what it is applied against.
struct PageIn<'a> {
    schema: &'a Schema,
    page: &'a PullResponse,
    prepared: &'a PreparedPage,
    /// The stored cursor: changes at or below it are skipped.
    cursor: i64,
    /// This laptop's device id.
    own: Id,
    derives: Derives,
    /// Whether this page belongs to a first pull (its rows are mostly new here).
    first: bool,
}

/// Whether writing these fields of a row of this table changes what is derived from the row:
/// the commit step above says (`crate::derived::derives_from`), so that a row whose change
/// leaves its derived data as it was (a household's notes, say) is not refreshed.
pub(crate) type Derives = fn(&str, &[&str]) -> bool;

impl PageIn<'_> {
    /// Applies every change of the page; `careful` puts each under a savepoint and keeps one
    /// that will not apply aside, where otherwise its error ends the page.
    fn apply(&self, tx: &Transaction<'_>, careful: bool) -> Result<(PageApplied, Touched)> {
        let mut stats = PageApplied::default();
        let mut touched = Touched::default();
        let mut st = PageStatements::new(tx);
        st.expect_new = self.first;
        for (pulled, text) in self.page.changes.iter().zip(&self.prepared.journal) {
            if pulled.server_seq <= self.cursor {
                continue;
            }
            let c = &pulled.change;
            // issue 16: a redaction from the server rewrites a row instead of being stored
            if let Some(r) = linli_protocol::erasure::Redaction::of(c) {
                let why = match r {
                    Ok(r) => super::redact::apply(tx, self.schema, &r, &mut touched)?,
                    Err(e) => Some(e),
                };
                match why {
                    None => stats.changed += 1,
                    Some(why) => {
                        keep_aside(tx, pulled, &why)?;
                        stats.kept_aside += 1;
                    }
                }
                continue;
            }
            if pulled.needs_review {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO sync_reviews (tbl, row_id, server_seq) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![c.table, c.row_id.to_string(), pulled.server_seq])?;
            }
            let known = self.schema.table(&c.table).and_then(|def| {
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
                keep_aside(tx, pulled, &reason)?;
                stats.kept_aside += 1;
                continue;
            };
            // the one list of columns and types: a value this laptop cannot store is kept aside
            // instead of failing the page
            if let Some(table) = linli_protocol::schema::synced_table(def.name) {
                if let Err(reason) = linli_protocol::schema::check_fields(table, c.fields.iter()) {
                    keep_aside(tx, pulled, &reason)?;
                    stats.kept_aside += 1;
                    continue;
                }
            }
            if careful {
                tx.execute_batch("SAVEPOINT pulled_change")?;
            }
            match apply_checked(&mut st, tx, def, c, &cols, text, c.device_id != self.own) {
                Ok(applied) => {
                    if careful {
                        tx.execute_batch("RELEASE pulled_change")?;
                    }
                    if applied.fields.is_empty() {
                        stats.unchanged += 1;
                    } else {
                        if applied.inserted || (self.derives)(def.name, &applied.fields) {
                            touched.note(def.name, c.row_id);
                        }
                        stats.changed += 1;
                    }
                }
                Err(e) if careful && this_change(&e) => {
                    tx.execute_batch("ROLLBACK TO pulled_change; RELEASE pulled_change")?;
                    keep_aside(tx, pulled, &e.to_string())?;
                    stats.kept_aside += 1;
                }
                Err(e) => return Err(e),
            }
        }
        Ok((stats, touched))
    }
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
