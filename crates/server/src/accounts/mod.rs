//! Accounts over time (issue 17): users an administrator disables and enables, device tokens that
//! a password change revokes and that expire when idle, and the append-only audit log of every
//! admin action. [`Accounts`] is a supertrait of [`ServerDb`](crate::ServerDb), implemented for
//! each backend in its own file here; [`guard`] slows password guessing.

pub mod guard;
mod postgres;
mod reveals;
mod sqlite;

pub use reveals::{RevealEntry, RevealFilter};

use std::future::Future;

use linli_domain::Id;
use serde::Serialize;

use crate::Result;

/// What an authenticated device may do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceCheck {
    /// Go ahead (and the device has been marked as seen).
    Active,
    /// Its user has been disabled by an administrator.
    Disabled,
    /// Its token has not been used for longer than the idle limit: sign in again.
    Expired,
}

/// One admin action: who did what to whom, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at_ms: i64,
    /// Who ran the command: the operating-system account on the server (`root@county-vm`).
    pub actor: String,
    /// `user.add`, `user.passwd`, `user.grant`, `user.revoke`, `user.disable`, `user.enable`,
    /// `device.revoke`.
    pub action: String,
    pub county: String,
    /// The user name or device id acted on.
    pub target: String,
    /// Anything else worth keeping (the places granted, the role given).
    pub detail: String,
}

/// A user as the admin API lists it (issue 22).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfo {
    pub name: String,
    pub role: linli_protocol::sync::Role,
    pub grants: Vec<Id>,
    pub county_wide: bool,
    pub disabled: bool,
}

/// Marks a device seen at most this often, so a pull's pages do not each write.
pub(crate) const SEEN_EVERY_MS: i64 = 60_000;

/// The account side of the server's storage. Every method is one transaction.
pub trait Accounts: Send + Sync + 'static {
    /// Checks a device whose token just authenticated: its user disabled, or its token idle for
    /// longer than `idle_ms` since it was last used (or enrolled). An active device is marked as
    /// seen at `now_ms` (at most once a minute), so pulls and blob fetches count as use too.
    fn device_check(
        &self,
        county: String,
        device_id: Id,
        now_ms: i64,
        idle_ms: i64,
    ) -> impl Future<Output = Result<DeviceCheck>> + Send;

    /// Marks a device as used at `now_ms`: a sign-in (a re-enrolment keeps its first enrolment
    /// time) starts its idle time afresh.
    fn mark_seen(
        &self,
        county: String,
        device_id: Id,
        now_ms: i64,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Whether the user of this name is disabled (`false` for no such user).
    fn user_disabled(&self, name: String) -> impl Future<Output = Result<bool>> + Send;

    /// Disables or enables a user. A disabled user's devices are refused with 403 at their next
    /// request and cannot enrol; enabling lets them sync again with the tokens they hold.
    fn set_user_disabled(
        &self,
        name: String,
        disabled: bool,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Makes every device token of the user stop working (401: sign in again); the devices stay
    /// enrolled and not revoked, so signing in with the new password enrols them again. Returns
    /// how many devices had a token.
    fn revoke_user_tokens(&self, name: String) -> impl Future<Output = Result<u64>> + Send;

    /// Appends one admin action to the audit log, which is never updated or deleted.
    fn append_audit(&self, entry: AuditEntry) -> impl Future<Output = Result<()>> + Send;

    /// The audit log in order, from `since_ms` on (all of it when `None`).
    fn audit_log(
        &self,
        since_ms: Option<i64>,
    ) -> impl Future<Output = Result<Vec<AuditEntry>>> + Send;

    /// Every reveal the laptops pushed, as the server stamped it on arrival, filtered, in the
    /// order received (issue 16: `linli admin reveals`).
    fn reveals(
        &self,
        filter: RevealFilter,
    ) -> impl Future<Output = Result<Vec<RevealEntry>>> + Send;

    /// The users of `county` with their grants, by name (the admin API, issue 22).
    fn list_users_in(&self, county: String) -> impl Future<Output = Result<Vec<UserInfo>>> + Send;

    /// The place tree of `county` as the server knows it: (place, parent).
    fn place_tree_in(
        &self,
        county: String,
    ) -> impl Future<Output = Result<Vec<(Id, Option<Id>)>>> + Send;
}

impl Accounts for crate::AnyDb {
    async fn device_check(
        &self,
        county: String,
        device_id: Id,
        now_ms: i64,
        idle_ms: i64,
    ) -> Result<DeviceCheck> {
        match self {
            crate::AnyDb::Sqlite(db) => db.device_check(county, device_id, now_ms, idle_ms).await,
            crate::AnyDb::Postgres(db) => db.device_check(county, device_id, now_ms, idle_ms).await,
        }
    }

    async fn mark_seen(&self, county: String, device_id: Id, now_ms: i64) -> Result<()> {
        match self {
            crate::AnyDb::Sqlite(db) => db.mark_seen(county, device_id, now_ms).await,
            crate::AnyDb::Postgres(db) => db.mark_seen(county, device_id, now_ms).await,
        }
    }

    async fn user_disabled(&self, name: String) -> Result<bool> {
        match self {
            crate::AnyDb::Sqlite(db) => db.user_disabled(name).await,
            crate::AnyDb::Postgres(db) => db.user_disabled(name).await,
        }
    }

    async fn set_user_disabled(&self, name: String, disabled: bool) -> Result<()> {
        match self {
            crate::AnyDb::Sqlite(db) => db.set_user_disabled(name, disabled).await,
            crate::AnyDb::Postgres(db) => db.set_user_disabled(name, disabled).await,
        }
    }

    async fn revoke_user_tokens(&self, name: String) -> Result<u64> {
        match self {
            crate::AnyDb::Sqlite(db) => db.revoke_user_tokens(name).await,
            crate::AnyDb::Postgres(db) => db.revoke_user_tokens(name).await,
        }
    }

    async fn append_audit(&self, entry: AuditEntry) -> Result<()> {
        match self {
            crate::AnyDb::Sqlite(db) => db.append_audit(entry).await,
            crate::AnyDb::Postgres(db) => db.append_audit(entry).await,
        }
    }

    async fn audit_log(&self, since_ms: Option<i64>) -> Result<Vec<AuditEntry>> {
        match self {
            crate::AnyDb::Sqlite(db) => db.audit_log(since_ms).await,
            crate::AnyDb::Postgres(db) => db.audit_log(since_ms).await,
        }
    }

    async fn reveals(&self, filter: RevealFilter) -> Result<Vec<RevealEntry>> {
        match self {
            crate::AnyDb::Sqlite(db) => db.reveals(filter).await,
            crate::AnyDb::Postgres(db) => db.reveals(filter).await,
        }
    }

    async fn list_users_in(&self, county: String) -> Result<Vec<UserInfo>> {
        match self {
            crate::AnyDb::Sqlite(db) => db.list_users_in(county).await,
            crate::AnyDb::Postgres(db) => db.list_users_in(county).await,
        }
    }

    async fn place_tree_in(&self, county: String) -> Result<Vec<(Id, Option<Id>)>> {
        match self {
            crate::AnyDb::Sqlite(db) => db.place_tree_in(county).await,
            crate::AnyDb::Postgres(db) => db.place_tree_in(county).await,
        }
    }
}
