//! The tests crate's one test binary (issue 18): each part keeps its directory and its `main.rs`.
//!
//! - `conformance`: the suite every `ServerDb` passes, on SQLite and on PostgreSQL;
//! - `sync`: the sync simulation under faults, and the sync client against the server;
//! - `desktop` (with the `e2e` feature): the app in a real window under Xvfb, driven through
//!   WebDriver. `cargo xtask test` runs these on their own, after everything else
//!   (`cargo test -p linli-tests --all-features --test it -- desktop::`), so that no other test
//!   competes with a window for the machine's two cores.

#[path = "conformance/main.rs"]
mod conformance;

#[path = "sync/main.rs"]
mod sync;

#[cfg(feature = "e2e")]
#[path = "desktop/main.rs"]
mod desktop;
