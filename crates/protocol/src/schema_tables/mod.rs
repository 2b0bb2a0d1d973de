//! Every synced table of the laptop with its columns: the list `schema.rs` checks values against,
//! and the one the laptop's store reads its whitelist from. One file a group of registers; the
//! list is their concatenation, in the order the canonical export lists them.

use super::SyncedTable;

mod boards;
mod civic;
mod core;
mod lending;
mod rounds;

/// The groups, in the export's order.
const PARTS: &[&[SyncedTable]] = &[
    core::TABLES,
    lending::TABLES,
    civic::TABLES,
    boards::TABLES,
    rounds::TABLES,
];

const COUNT: usize = {
    let mut n = 0;
    let mut p = 0;
    while p < PARTS.len() {
        n += PARTS[p].len();
        p += 1;
    }
    n
};

const ALL: [SyncedTable; COUNT] = {
    let mut out = [PARTS[0][0]; COUNT];
    let (mut k, mut p) = (0, 0);
    while p < PARTS.len() {
        let mut i = 0;
        while i < PARTS[p].len() {
            out[k] = PARTS[p][i];
            k += 1;
            i += 1;
        }
        p += 1;
    }
    out
};

/// Every synced table of the laptop, in the order the canonical export lists them.
pub const SYNCED_TABLES: &[SyncedTable] = &ALL;
