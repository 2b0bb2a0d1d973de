//! 米邻驿站, the sharing station's lending register (issue 19; docs/lending.md): kinds and copies
//! (`stock`), the desk — loans, returns, renewals, holds, deposits, the service log (`desk`) —
//! and the figures (`figures`). A copy's status and a deposit's balance are derived by the store
//! from synced facts, never stored.

mod desk;
mod figures;
mod stock;

pub use desk::*;
pub use figures::*;
pub use stock::*;
