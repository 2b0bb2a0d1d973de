//! linli-sync: the client side of sync — pushing the journal's outbox, pulling pages after a
//! cursor, applying them through the store's merge — over a `Transport` trait (HTTP in production,
//! in-process in tests). It must not depend on the server crate, nor on tauri.
//!
//! The foundation issue lays the crate out; the sync issue fills it.
