//! The generic tests, one file per subject. Each takes a fresh database of some backend.

mod blobs;
mod concurrency;
mod counties;
mod devices;
mod place_details;
mod push_pull;
mod refusals;
mod reveals;
mod roles;
mod rules;
mod scope;

pub use crate::conformance::accounts::accounts_disable_revoke_expire_and_audit;
pub use blobs::*;
pub use concurrency::*;
pub use counties::*;
pub use devices::*;
pub use place_details::*;
pub use push_pull::*;
pub use refusals::*;
pub use reveals::*;
pub use roles::*;
pub use rules::*;
pub use scope::*;
