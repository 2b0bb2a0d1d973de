//! Local, derived data kept in step with the synced rows it comes from (search keys, name
//! suffixes), never synced. The commit step (`crate::commit`) hands it the rows a transaction
//! touched, a local write's or a whole pull page's, and it refreshes each derived row once.
//! This is the one place that knows which feature derives what from which table.

use std::collections::BTreeSet;

use linli_domain::Id;
use rusqlite::Transaction;

use crate::journal::Touched;
use crate::register::search;
use crate::Result;

/// Brings what is derived from the `touched` rows up to date, within their transaction: the
/// search keys of the households and residents written, and of the households at a place that
/// was renamed or moved.
pub(crate) fn refresh(tx: &Transaction<'_>, touched: &Touched) -> Result<()> {
    if touched.is_empty() {
        return Ok(());
    }
    let mut households: BTreeSet<Id> = touched.of("households").collect();
    if touched.any("places") {
        households.extend(search::households_at(tx, touched.of("places"))?);
    }
    if !households.is_empty() {
        search::refresh_households(tx, households)?;
    }
    for r in touched.of("residents") {
        search::refresh_resident(tx, r)?;
    }
    Ok(())
}
