//! 查看记录 (issue 16 item 3): who saw which number of a household's residents, and when, from
//! the synced `reveals` facts the laptop holds. The server stamps each reveal on arrival with the
//! signed-in user it authenticated and its own time; an administrator's laptop pulls those
//! stamps. A reveal this laptop made itself, not yet stamped, is listed with its own claim.

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::{Command, RevealField};

/// The reveals of a household's residents, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdReveals {
    pub household_id: Id,
}

impl Command for HouseholdReveals {
    const NAME: &'static str = "household_reveals";
    type Response = Vec<RevealSeen>;
}

/// One reveal: the resident, the number, who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevealSeen {
    pub resident_id: Id,
    pub resident_name: String,
    pub field: RevealField,
    /// The user the server authenticated (its name); `None` while the reveal has not been
    /// stamped by the server (made on this laptop, or before the server stamped reveals).
    #[serde(default)]
    pub by: Option<String>,
    /// When: the server's time of arrival when stamped, else the laptop's own ("YYYY-MM-DDTHH:MM:SS±HH:MM").
    pub at: String,
    /// Whether `by` and `at` are the server's stamp (trusted), not the laptop's claim.
    #[serde(default)]
    pub stamped: bool,
}
