//! linli-tests: tests that cross crates — the desktop driven end to end in a real window, the
//! multi-replica sync simulation, and the conformance suite every server backend passes. The
//! library holds what those tests share: a fresh database of each backend ([`backends`]) and the
//! throwaway PostgreSQL cluster that `cargo xtask test` starts ([`pg`]).

pub mod backends;
pub mod pg;
