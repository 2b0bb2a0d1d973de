//! Local, derived data kept in step with the synced rows it comes from (search keys). Called by
//! the write path after every row it changes, and by a pull once per page for the rows the page
//! changed ([`Pending`]); never synced.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use linli_domain::Id;
use rusqlite::Transaction;

use crate::register::search;
use crate::write::PageStatements;
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
/// refreshed once. Ordered sets: ids are UUIDv7, so refreshing in id order writes the search
/// index (keyed by row id) near its end rather than all over it.
///
/// A household a pull inserts new with every field is indexed at once from the change itself
/// ([`Pending::index_new_household`]); the flush leaves it alone unless its building or unit
/// changed after it was indexed.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    residents: BTreeSet<Id>,
    households: BTreeSet<Id>,
    places: BTreeSet<Id>,
    /// Counts what was noted, to order place changes against households indexed at once.
    tick: u64,
    /// When each place of `places` last changed.
    place_changed: HashMap<Id, u64>,
    /// Households indexed at once: when, and their building and unit.
    indexed: HashMap<Id, (u64, Option<Id>, Option<Id>)>,
    place_names: search::PlaceNames,
}

impl Pending {
    /// Notes that `table`/`row_id` changed.
    pub(crate) fn note(&mut self, table: &str, row_id: Id) {
        self.tick += 1;
        match table {
            "residents" => self.residents.insert(row_id),
            "households" => self.households.insert(row_id),
            "places" => {
                self.place_changed.insert(row_id, self.tick);
                self.place_names.forget(row_id);
                self.places.insert(row_id)
            }
            _ => false,
        };
    }

    /// Indexes a household just inserted with every field (`fields`, the change's) without
    /// reading it back; notes it for the flush when that cannot be done.
    pub(crate) fn index_new_household(
        &mut self,
        st: &mut PageStatements<'_>,
        id: Id,
        id_text: &str,
        fields: &BTreeMap<String, serde_json::Value>,
    ) -> Result<()> {
        if search::index_new_household(st, id_text, fields, &mut self.place_names)? {
            self.tick += 1;
            let place = |k: &str| fields.get(k).and_then(|v| v.as_str()?.parse::<Id>().ok());
            self.indexed
                .insert(id, (self.tick, place("building_id"), place("unit_id")));
        } else {
            self.note("households", id);
        }
        Ok(())
    }

    /// Refreshes everything noted, within the batch's transaction.
    pub(crate) fn flush(self, tx: &Transaction<'_>) -> Result<()> {
        let Pending {
            residents,
            mut households,
            places,
            place_changed,
            indexed,
            ..
        } = self;
        if !places.is_empty() {
            let changed_before = |p: Option<Id>, at: u64| {
                p.and_then(|p| place_changed.get(&p))
                    .is_none_or(|changed| *changed < at)
            };
            for h in search::households_at(tx, places)? {
                let current = indexed.get(&h).is_some_and(|(at, building, unit)| {
                    changed_before(*building, *at) && changed_before(*unit, *at)
                });
                if !current {
                    households.insert(h);
                }
            }
        }
        if !households.is_empty() {
            search::refresh_households(tx, households)?;
        }
        for r in residents {
            search::refresh_resident(tx, r)?;
        }
        Ok(())
    }
}
