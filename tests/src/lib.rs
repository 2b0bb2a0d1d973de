//! linli-tests: tests that cross crates — the desktop driven end to end in a real window (and,
//! as later issues land, the multi-replica sync simulation and the server backend conformance
//! suite). The library itself is empty; the tests live in `tests/`.
