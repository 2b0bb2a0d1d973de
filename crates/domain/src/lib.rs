//! linli-domain: the words of the domain as types — ids, places and their hierarchy, validation
//! rules, the hybrid logical clock — with no I/O. It builds for wasm32, so the UI can use the same
//! rules the store enforces. It must never depend on rusqlite, tokio or tauri.

pub mod address;
pub mod date;
pub mod error;
pub mod hlc;
pub mod id;
pub mod merge;
pub mod place;
pub mod register;

pub use error::{DomainError, Result};
pub use hlc::{Clock, Hlc};
pub use id::Id;
pub use place::PlaceKind;
