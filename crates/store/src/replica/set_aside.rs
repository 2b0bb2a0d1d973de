//! Indexes a first pull sets aside (issue 18: fewer index entries per row pulled). A laptop's
//! first pull writes every row of its scope, and each row's entries in the indexes that only the
//! pages and the search read (a household's in two of its own and two of the search index's, a
//! change's in the journal's by row) cost a random b-tree insert each. During a first pull those
//! indexes are dropped, and made again when it ends, each in one sorted pass.
//!
//! Nothing can be lost: the statements that make them again are kept in `meta` in the same
//! transaction that drops them, and whatever opens the file next ([`restore`] runs before the
//! migrations of every open) makes them again if a first pull was cut short. Until then a page
//! reads the same rows, only slower. Unique indexes and those the pull itself reads (a row by its
//! household, building or unit, a name's suffixes) are never set aside.

use rusqlite::{Connection, OptionalExtension};

use crate::journal::{get_meta, set_meta};
use crate::Result;

/// The `meta` key holding the statements that make the set-aside indexes again.
const PENDING: &str = "pull_indexes_set_aside";

/// The indexes a first pull sets aside: read by pages and search, never by applying a pull.
pub(crate) const SET_ASIDE: &[&str] = &[
    "households_live",
    "households_live_by_place",
    "journal_by_row",
    "residents_by_id_number",
    "residents_by_name_birth",
    "residents_live_by_household",
    "search_by_name",
    "search_by_py",
    "search_by_ini",
    "search_by_id",
    "search_by_phone",
    "search_by_addr",
    "visits_reached_by_day",
    "visits_flagged_by_day",
];

/// Drops the [`SET_ASIDE`] indexes that exist, keeping the statements that make them again in
/// `meta`, in one transaction. A file where a first pull was cut short keeps its earlier list.
pub(crate) fn set_aside(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut kept: Vec<(String, String)> = match get_meta(&tx, PENDING)? {
        Some(text) => serde_json::from_str(&text)?,
        None => Vec::new(),
    };
    for name in SET_ASIDE {
        let sql: Option<String> = tx
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let Some(sql) = sql else { continue };
        // never a unique index: it is a rule the pull must keep, not a way to find rows
        if sql
            .trim_start()
            .to_ascii_uppercase()
            .starts_with("CREATE UNIQUE")
        {
            continue;
        }
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
        kept.push(((*name).to_owned(), sql));
    }
    if !kept.is_empty() {
        set_meta(&tx, PENDING, &serde_json::to_string(&kept)?)?;
    }
    tx.commit()?;
    Ok(())
}

/// Makes the indexes a first pull set aside again, if any are, in one transaction (each in one
/// sorted pass over its table). Runs when a first pull ends and before every open's migrations.
pub(crate) fn restore(conn: &mut Connection) -> Result<()> {
    let has_meta: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
        [],
        |r| r.get(0),
    )?;
    if !has_meta || get_meta(conn, PENDING)?.is_none() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // read again inside the transaction: another connection may have restored them meanwhile
    let Some(text) = get_meta(&tx, PENDING)? else {
        return Ok(());
    };
    let kept: Vec<(String, String)> = serde_json::from_str(&text)?;
    for (name, sql) in kept {
        let there: bool = tx.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'index' AND name = ?1",
            [&name],
            |r| r.get(0),
        )?;
        if !there {
            tx.execute_batch(&sql)?;
        }
    }
    tx.execute("DELETE FROM meta WHERE key = ?1", [PENDING])?;
    tx.commit()?;
    Ok(())
}

/// Whether a first pull is under way here: its indexes are set aside (its rows are mostly new).
pub(crate) fn in_first_pull(conn: &Connection) -> Result<bool> {
    Ok(get_meta(conn, PENDING)?.is_some())
}

/// The names of the indexes set aside now (none outside a first pull).
#[cfg(test)]
pub(crate) fn pending(conn: &Connection) -> Result<Vec<String>> {
    Ok(match get_meta(conn, PENDING)? {
        Some(text) => serde_json::from_str::<Vec<(String, String)>>(&text)?
            .into_iter()
            .map(|(name, _)| name)
            .collect(),
        None => Vec::new(),
    })
}
