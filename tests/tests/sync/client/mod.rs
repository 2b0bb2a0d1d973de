//! The sync client (linli-sync's `Engine`, `login`, `HttpTransport`) against the real server in
//! process over HTTP on 127.0.0.1 (`linli_tests::spawn_server`). They live here, not in
//! linli-sync, because linli-sync must not depend on the server crate, not even for its tests.
//!
//! mod list:
//! - `blobs`: attachment bytes up and down, refusals, files that cannot come down
//! - `circle`: a shared service point reaches every community it serves, read-only (both backends)
//! - `engine`: round trips, idempotent retries, scope both ways, the ledger floor, revocation
//! - `https`: the county CA, a laptop that does not trust it, plain HTTP to another machine
//! - `lending`: two laptops lend one copy offline; both show the conflict after sync
//! - `retry_after`: a 503 with `Retry-After` waited out, capped, given up
//! - `time_bank`: two laptops redeem the last points offline; the overdraft is marked

mod blobs;
mod circle;
mod engine;
mod https;
mod lending;
mod retry_after;
mod time_bank;
