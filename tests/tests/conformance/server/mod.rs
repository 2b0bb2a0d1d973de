//! The server's own HTTP face over real HTTP on 127.0.0.1 (`linli_tests::spawn_server`, SQLite),
//! moved from linli-server's tests in issue 18 so that one helper starts the server everywhere.
//!
//! mod list:
//! - `accounts`: the sign-in guard, oversized sign-ins, disabled users, password changes, idle
//!   tokens, request ids, the database file's mode
//! - `admin`: the admin API (管理, issue 22) within an administrator's grants, both backends
//! - `bad_input`: malformed, truncated, oversized, wrong-version and unauthenticated requests
//! - `codes`: every kind of refusal carries a catalogue code (both backends)

mod accounts;
mod admin;
mod bad_input;
mod codes;
