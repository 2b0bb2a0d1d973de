//! Sync wire types: a change as the journal records it and as it travels between laptops and the
//! server.

use std::collections::BTreeMap;

use linli_domain::{Hlc, Id};
use serde::{Deserialize, Serialize};

/// One journal entry: a write to one row, by one device, at one HLC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub change_id: Id,
    pub device_id: Id,
    /// Gapless per device, from 1.
    pub device_seq: i64,
    pub hlc: Hlc,
    pub author: Option<Id>,
    pub scope_community: Option<Id>,
    pub scope_grid: Option<Id>,
    /// The most specific place the row belongs to (a household's building, a place itself), for
    /// scopes narrower than a community, such as a building steward's buildings.
    #[serde(default)]
    pub scope_place: Option<Id>,
    pub table: String,
    pub row_id: Id,
    /// The fields written, with their new values. For an entity, only the fields this write
    /// touched; for a fact, the whole row.
    pub fields: BTreeMap<String, serde_json::Value>,
}
