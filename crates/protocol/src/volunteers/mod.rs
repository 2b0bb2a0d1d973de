//! The volunteer time bank on the wire: volunteers, teams and party members' registration
//! (双报到); activities with sign-up and attendance; service hours and their verification; the
//! points rules, the ledger and its statements; the redemption catalogue; reports.
//!
//! Hours travel as hours (`2.5`), points as whole numbers. A balance is always derived by the
//! store from the ledger facts; no request sets one.

mod activities;
mod hours;
mod ledger;
mod people;
mod reports;
mod rules;

pub use activities::*;
pub use hours::*;
pub use ledger::*;
pub use people::*;
pub use reports::*;
pub use rules::*;
