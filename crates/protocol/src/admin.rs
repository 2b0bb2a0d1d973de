//! 管理 (issue 22): the admin API of the server, for an administrator's laptop. Two requests,
//! both `POST` with a zstd JSON body and the device's bearer token like every sync request:
//! [`ADMIN_OVERVIEW_PATH`] answers the users, devices and audit within the administrator's
//! grants; [`ADMIN_ACT_PATH`] carries out one [`AdminAction`] and answers the overview after it.
//! Only an administrator's token is allowed (403 otherwise), and only on users whose grants lie
//! within the administrator's own (a county-wide administrator: the whole county).
//!
//! The desktop asks through its background sync with [`AdminOverviewQuery`] and [`AdminAct`]
//! (listed in [`with_sync_commands!`](crate::with_sync_commands)). Frozen once released like
//! every wire type: new fields are `#[serde(default)]`.

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::sync::Role;
use crate::Command;

/// The overview of what an administrator manages.
pub const ADMIN_OVERVIEW_PATH: &str = "/v1/admin/overview";
/// One admin action; answers the overview after it.
pub const ADMIN_ACT_PATH: &str = "/v1/admin/act";

/// 管理 page: what the administrator signed in on this laptop manages (asked of the server).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverviewQuery {}

impl Command for AdminOverviewQuery {
    const NAME: &'static str = "admin_overview";
    type Response = AdminOverview;
}

/// 管理 page: one action on the server; the answer is the overview after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminAct {
    pub action: AdminAction,
}

impl Command for AdminAct {
    const NAME: &'static str = "admin_act";
    type Response = AdminOverview;
}

/// What an administrator may do to the users and devices within their grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum AdminAction {
    /// A new user with a password (at least 8 characters) and places to work in (at least one,
    /// each within the administrator's grants).
    AddUser {
        name: String,
        role: Role,
        password: String,
        grants: Vec<Id>,
    },
    /// A new password; the user's laptops must sign in again.
    ResetPassword { name: String, password: String },
    /// Disables (a worker who left: every laptop of theirs is refused) or enables a user.
    SetDisabled { name: String, disabled: bool },
    /// Grants places (each within the administrator's grants).
    Grant { name: String, places: Vec<Id> },
    /// Takes places away (at least one must remain).
    RevokeGrants { name: String, places: Vec<Id> },
    /// Revokes a laptop: its next request is refused.
    RevokeDevice { device_id: Id },
}

/// Everything the 管理 page shows, within the administrator's grants.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AdminOverview {
    /// The administrator asking.
    pub me: String,
    /// Whether the administrator manages the whole county.
    #[serde(default)]
    pub county_wide: bool,
    /// The administrator's own grants: new users' places are picked under them.
    #[serde(default)]
    pub grants: Vec<Id>,
    pub users: Vec<AdminUser>,
    pub devices: Vec<AdminDevice>,
    /// The admin audit, newest first (at most the last 200 entries).
    pub audit: Vec<AdminAuditEntry>,
}

/// A user as the 管理 page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminUser {
    pub name: String,
    pub role: Role,
    pub grants: Vec<Id>,
    #[serde(default)]
    pub county_wide: bool,
    #[serde(default)]
    pub disabled: bool,
}

/// An enrolled laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminDevice {
    pub device_id: Id,
    pub user: String,
    pub name: String,
    pub enrolled_ms: i64,
    #[serde(default)]
    pub last_seen_ms: Option<i64>,
    #[serde(default)]
    pub revoked: bool,
}

/// One admin action: who did what to whom, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminAuditEntry {
    pub at_ms: i64,
    /// The operating-system account for the CLI (`root@county-vm`), the user and laptop for the
    /// 管理 page (`wang@app:1a2b3c4d`).
    pub actor: String,
    /// `user.add`, `user.passwd`, `user.grant`, `user.revoke`, `user.disable`, `user.enable`,
    /// `device.revoke`.
    pub action: String,
    pub target: String,
    #[serde(default)]
    pub detail: String,
}
