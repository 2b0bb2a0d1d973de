//! Local, derived data kept in step with the synced rows it comes from (search keys). Called by
//! the write path after every row it changes, and by a pull once per page for the rows the page
//! changed ([`Pending`]); never synced.

use std::collections::HashSet;

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

/// The rows a batch of applied changes touched, refreshed together once the batch is in: a row
/// changed by several changes of a pull page, or a household whose building also changed, is
/// refreshed once.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    residents: HashSet<Id>,
    households: HashSet<Id>,
    places: HashSet<Id>,
}

impl Pending {
    /// Notes that `table`/`row_id` changed.
    pub(crate) fn note(&mut self, table: &str, row_id: Id) {
        match table {
            "residents" => self.residents.insert(row_id),
            "households" => self.households.insert(row_id),
            "places" => self.places.insert(row_id),
            _ => false,
        };
    }

    /// Refreshes everything noted, within the batch's transaction.
    pub(crate) fn flush(self, tx: &Transaction<'_>) -> Result<()> {
        let Pending {
            residents,
            mut households,
            places,
        } = self;
        for p in places {
            households.extend(search::households_at(tx, p)?);
        }
        for h in households {
            search::refresh_household(tx, h)?;
        }
        for r in residents {
            search::refresh_resident(tx, r)?;
        }
        Ok(())
    }
}
