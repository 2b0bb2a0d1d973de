//! The entry of a change: the journal row written beside every synced row in the same
//! transaction, its text made without the database (so a pull makes a page's on the thread that
//! fetches it), and reading the journal back.

use linli_domain::Id;
use linli_protocol::sync::Change;
use rusqlite::{params, Transaction};

use crate::{Result, Store};

pub(crate) const JOURNAL_INSERT: &str = "INSERT OR IGNORE INTO journal (change_id, device_id, device_seq, hlc, author, scope_community, scope_grid, scope_place, tbl, row_id, fields)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

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

pub(crate) fn journal_params<'a>(
    c: &'a Change,
    text: &'a JournalText,
) -> impl rusqlite::Params + 'a {
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
