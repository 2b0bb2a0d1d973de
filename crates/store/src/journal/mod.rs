//! The journal: the one write path below every feature. A write stores the row, the version of
//! each field it set (`_v`) and the change's journal entry in one transaction, stamped by the
//! device's clock, and notes the row it touched; nothing here knows what a feature derives from a
//! row (the commit step above refreshes that). Changes from other devices are merged by
//! `crate::replica` through the same SQL ([`sql`]).
//!
//! - `writer`: [`Writer`], opened by `Store::begin`, and the [`Touched`] rows it records;
//! - `sql`: the statements that upsert an entity's fields with their versions and insert a fact;
//! - `entry`: the journal entry ([`JournalText`]) and reading the journal back;
//! - `clock`: the hybrid logical clock as the file keeps it;
//! - `meta`: the store's key-value bookkeeping.

mod clock;
mod entry;
mod meta;
mod sql;
mod touched;
mod writer;

pub use clock::MAX_OBSERVED_AHEAD_MS;
pub(crate) use clock::{now_ms, observe_in};
#[cfg(test)]
pub(crate) use entry::version_text;
pub use entry::JournalText;
pub(crate) use meta::{get_meta, meta_i64, set_meta, SEQ_FLOOR};
pub(crate) use sql::{insert_fact_row, to_sql, upsert_entity, PageStatements};
pub(crate) use touched::Touched;
pub(crate) use writer::{RowWrite, Scope, Writer};
