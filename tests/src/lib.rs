//! linli-tests: tests that cross crates — the desktop driven end to end in a real window, the
//! multi-replica sync simulation and the sync client against the real server, the conformance
//! suite every server backend passes and the server's own HTTP face. The library holds what those
//! tests (and the CLI's) share: the real server in process on 127.0.0.1 ([`server`]:
//! `spawn_server()`), a town built by name ([`town`]), a test CA ([`pki`]), a fresh database of
//! each backend ([`backends`]) and the throwaway PostgreSQL cluster that `cargo xtask test`
//! starts ([`pg`]).

pub mod backends;
pub mod pg;
pub mod pki;
pub mod server;
pub mod town;

pub use server::{spawn_server, Spawn, TestServer};
pub use town::Town;
