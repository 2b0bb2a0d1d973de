//! The rows a transaction wrote, by table: what the commit step refreshes derived data for.

use std::collections::{BTreeMap, BTreeSet};

use linli_domain::Id;

/// The rows written, by table name, each row once. Ordered: ids are UUIDv7, so whatever is
/// refreshed from them is written in id order, near the end of the b-trees keyed by row id.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Touched {
    rows: BTreeMap<&'static str, BTreeSet<Id>>,
}

impl Touched {
    /// Notes that `row_id` of `table` was written.
    pub(crate) fn note(&mut self, table: &'static str, row_id: Id) {
        self.rows.entry(table).or_default().insert(row_id);
    }

    /// The rows written to `table`.
    pub(crate) fn of(&self, table: &str) -> impl Iterator<Item = Id> + '_ {
        self.rows.get(table).into_iter().flatten().copied()
    }

    /// Whether any row of `table` was written.
    pub(crate) fn any(&self, table: &str) -> bool {
        self.rows.get(table).is_some_and(|r| !r.is_empty())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows.values().all(BTreeSet::is_empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_is_noted_once_in_id_order() {
        let mut t = Touched::default();
        assert!(t.is_empty());
        let (a, b) = (Id::new(), Id::new());
        t.note("places", b);
        t.note("places", a);
        t.note("places", b);
        t.note("households", a);
        assert_eq!(t.of("places").collect::<Vec<_>>(), [a, b]);
        assert!(t.any("households") && !t.any("residents"));
        assert_eq!(t.of("residents").count(), 0);
    }
}
