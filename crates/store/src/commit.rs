//! The commit step, the one place a write transaction ends: above the journal and the replica,
//! it takes the rows a local write ([`Writer`]) or a pull page (`replica::pull`) touched,
//! refreshes what is derived from them (`crate::derived`: search keys, name suffixes) once, and
//! commits. Local writes and pulls alike go through it, so the core below never names a feature.

use linli_protocol::sync::PullResponse;

use crate::journal::Writer;
use crate::replica::pull::apply_page;
use crate::replica::{PageApplied, PreparedPage, Schema};
use crate::{derived, Result, Store};

impl Writer<'_> {
    /// Commits the row changes, their journal entries, what is derived from the rows and the
    /// clock together.
    pub fn commit(self) -> Result<()> {
        let (tx, touched) = self.finish()?;
        derived::refresh(&tx, &touched)?;
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// Applies one pull page and its new cursor in one transaction: entities merge per field by
    /// (HLC, device) against each row's versions; facts are inserted once; review marks are
    /// kept; what is derived from the page's rows is refreshed once. A page whose cursor is
    /// behind the stored one (a duplicated or reordered answer) changes nothing.
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
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (stats, touched) = apply_page(
            &tx,
            &mut self.clock,
            self.device_id,
            schema,
            page,
            prepared,
            derived::derives_from,
        )?;
        derived::refresh(&tx, &touched)?;
        tx.commit()?;
        Ok(stats)
    }
}
