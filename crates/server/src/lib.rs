//! linli-server: the central server many stations sync with — the axum router, accounts and
//! device tokens, scoping by grants, and one `ServerDb` trait with an embedded SQLite and a
//! PostgreSQL backend. It must not depend on linli-store (the laptop's schema) nor on tauri.
//!
//! The foundation issue lays the crate out; the sync issue fills it.
