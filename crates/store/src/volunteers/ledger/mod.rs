//! The points side of the time bank: each community's rules, the ledger (earn, redeem, reverse,
//! adjust), balances and statements derived from it, the catalogue with its stock (a sum of
//! stock moves), redemptions, and the reviews the server's ledger floor asks for.
//!
//! A balance is what this laptop knows: every ledger fact it holds, synced or made here and not
//! yet pushed. Another station may have redeemed meanwhile; the balance says when it cannot be
//! sure, and the server marks an overdrawing fact for review after sync.

//!
//! Split along its sections, lower files first: `rules` (a community's points rules and what an
//! entry earns under them), `facts` (writing and reversing ledger facts), `balance` (what the
//! laptop knows of a balance), `catalogue` (items, stock, redemptions), `reviews` (statements
//! and the server's overdraw marks). The arithmetic — caps, first-earned-first-used expiry — is
//! `linli_domain::points`.

mod balance;
mod catalogue;
mod facts;
mod item;
mod reviews;
mod rules;

pub(crate) use balance::balance_of;
pub(crate) use catalogue::{insert_item, redeem_in};
pub(crate) use facts::{insert_ledger, reverse_fact, NewLedger};
pub(crate) use rules::{points_earned, rules_of, write_rules};

/// Points per hour when a community has set no rules.
pub const DEFAULT_RATE: i64 = 10;

/// The ledger facts marked as overdrawing: recorded as `ledger_reviews` facts, or kept by the
/// sync engine in `sync_reviews` when a push is answered or a pull carries the server's mark.
const REVIEWS: &str = "(SELECT ledger_id, reason, at FROM ledger_reviews
    UNION SELECT row_id, '服务器标记：这笔记录使积分余额低于零', '' FROM sync_reviews WHERE tbl = 'ledger')";

/// How long after the last successful sync a balance still counts as certain.
pub const FRESH_SYNC_MS: i64 = 10 * 60 * 1000;
