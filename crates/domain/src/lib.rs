//! linli-domain: the words of the domain as types — ids, places and their hierarchy, validation
//! rules, the hybrid logical clock — with no I/O. It builds for wasm32, so the UI can use the same
//! rules the store enforces. It must never depend on rusqlite, tokio or tauri.

pub mod address;
pub mod board;
pub mod calendar;
pub mod circle;
pub mod code;
pub mod council_votes;
pub mod councils;
pub mod date;
pub mod error;
pub mod field;
pub mod gender;
pub mod hlc;
pub mod id;
pub mod idcard;
pub mod lending;
pub mod mediation;
pub mod merge;
pub mod msg;
pub mod now;
pub mod patrols;
pub mod period;
pub mod phone;
pub mod pinyin;
pub mod place;
pub mod points;
pub mod programmes;
pub mod register;
#[cfg(feature = "rusqlite")]
pub mod sql;
pub mod targets;
pub mod volunteers;

pub use self::pinyin::{pinyin_full, pinyin_initials};
pub use code::{Code, Coded};
pub use error::{DomainError, Result};
pub use gender::Gender;
pub use hlc::{Clock, Hlc};
pub use id::Id;
pub use idcard::{make_resident_id, ResidentId};
pub use now::Now;
pub use phone::Phone;
pub use place::PlaceKind;
