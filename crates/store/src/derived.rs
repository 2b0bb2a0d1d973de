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

/// Whether writing `fields` of a row of `table` can change what is derived from it: the
/// columns the search keys are made from (a household's phone and address, a resident's name,
/// numbers and household; a place's name, which its households' addresses hold), or its
/// deletion. A pulled change to anything else (a household's notes, a resident's occupation)
/// leaves the row's derived data as it is and is not refreshed. A row a change inserts always is.
pub(crate) fn derives_from(table: &str, fields: &[&str]) -> bool {
    let keys: &[&str] = match table {
        "households" => search::HOUSEHOLD_KEYS,
        "residents" => search::RESIDENT_KEYS,
        "places" => search::PLACE_KEYS,
        _ => return false,
    };
    fields.iter().any(|f| keys.contains(f))
}

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
