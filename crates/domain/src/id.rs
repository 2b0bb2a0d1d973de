//! Row ids: UUIDv7, made on the device that creates the row, so two offline laptops never clash
//! and ids sort roughly by creation time.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
pub use uuid::Uuid;

/// The id of any row. Serializes as the hyphenated UUID string.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(Uuid);

impl Id {
    /// A new time-ordered id. Only the native side makes ids; the UI receives them.
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Id(Uuid::now_v7())
    }

    pub const fn from_uuid(uuid: Uuid) -> Self {
        Id(uuid)
    }

    pub fn as_uuid(&self) -> &Uuid {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.0.hyphenated())
    }
}

impl FromStr for Id {
    type Err = crate::DomainError;

    fn from_str(s: &str) -> crate::Result<Self> {
        Uuid::parse_str(s.trim()).map(Id).map_err(|_| {
            crate::DomainError::coded("id", crate::msg::BAD_ID, crate::args![value = s])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_json() {
        let id = Id::new();
        assert_eq!(id.to_string().parse::<Id>().unwrap(), id);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert_eq!(serde_json::from_str::<Id>(&json).unwrap(), id);
    }

    #[test]
    fn later_ids_sort_after_earlier_ones() {
        let a = Id::new();
        let b = Id::new();
        assert!(a < b);
    }

    #[test]
    fn garbage_is_refused_with_a_message() {
        let err = "not-an-id".parse::<Id>().unwrap_err();
        assert_eq!(err.field(), "id");
        assert!(err.to_string().contains("not-an-id"));
    }
}
