//! The replica: this laptop's side of sync, below every feature. It speaks no HTTP (`linli-sync`
//! drives it) and names no feature: what is derived from the rows a pull writes is refreshed by
//! the commit step above (`crate::commit`).
//!
//! - `outbox`: journal entries the server has not acknowledged, acknowledgements and refusals,
//!   the device's sequence floor and a new device id after a copied file;
//! - `pull`: a pull page applied as a pipeline (check, merge, write, collect the touched rows);
//! - `redact`: a redaction the server sends after an erasure, rewriting a row and its journal;
//! - `merge`: `linli_domain::merge`'s rule against the versions each row keeps;
//! - `checkpoint`: the write-ahead log copied beside a long pull, behind [`Store::bulk_pull`];
//! - `set_aside`: the indexes a first pull drops and makes again when it ends (or at the next open);
//! - `enrolment`: the server, token and trust `linli login` stores;
//! - `handover`: signing in as another user clears the previous user's rows, files and cursor;
//! - `status`: what the Sync page shows;
//! - `export`: the replica's rows for comparing with other replicas, and the canonical export.

mod checkpoint;
mod enrolment;
mod export;
mod handover;
pub(crate) mod merge;
mod outbox;
pub(crate) mod pull;
mod redact;
pub(crate) mod set_aside;
pub(crate) mod status;

pub use checkpoint::BulkPull;
pub use enrolment::Enrolment;
pub use export::{sql_canonical, Export};
pub use pull::{PageApplied, PreparedPage};

use crate::tables::{TableDef, TableKind, TABLES};
use crate::Error;

/// The synced tables that sync may write: `tables::TABLES`, plus extra ones in tests.
#[derive(Debug, Clone)]
pub struct Schema {
    tables: Vec<&'static TableDef>,
}

impl Default for Schema {
    fn default() -> Self {
        Schema {
            tables: TABLES.iter().collect(),
        }
    }
}

impl Schema {
    /// `tables::TABLES` plus `extra` (a test fact table, say).
    #[cfg(any(test, feature = "test-support"))]
    pub fn with(mut self, extra: &'static TableDef) -> Schema {
        self.tables.push(extra);
        self
    }

    pub fn tables(&self) -> &[&'static TableDef] {
        &self.tables
    }

    /// The names of the fact tables, as a push declares them.
    pub fn fact_tables(&self) -> Vec<String> {
        self.tables
            .iter()
            .filter(|t| t.kind == TableKind::Fact)
            .map(|t| t.name.to_owned())
            .collect()
    }

    pub fn table(&self, name: &str) -> Option<&'static TableDef> {
        self.tables.iter().copied().find(|t| t.name == name)
    }
}

const CURSOR: &str = "sync_cursor";
const TOKEN_DEVICE: &str = "sync_token_device";
pub(crate) const ACKED: &str = "sync_acked_seq";
const LAST_SUCCESS: &str = "sync_last_success_ms";

fn bad(field: &'static str, message: String) -> Error {
    linli_domain::DomainError::invalid(field, message).into()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod hostile_tests;

#[cfg(test)]
mod pull_tests;
