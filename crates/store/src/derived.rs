//! Local, derived data kept in step with the synced rows it comes from (search keys). Called by
//! the write path and by `apply_change` after every row they change; never synced.

use linli_domain::Id;
use rusqlite::Transaction;

use crate::register::search;
use crate::Result;

/// Brings what is derived from `table`/`row_id` up to date.
pub(crate) fn refresh(tx: &Transaction<'_>, table: &str, row_id: Id) -> Result<()> {
    match table {
        "residents" => search::refresh_resident(tx, row_id),
        "households" => search::refresh_household(tx, row_id),
        "places" => search::refresh_place(tx, row_id),
        _ => Ok(()),
    }
}
