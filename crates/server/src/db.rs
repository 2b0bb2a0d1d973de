//! The one storage interface of the server. Every method is a whole unit of work (one transaction
//! in the backend), keyed by the tenant (`county_id`) of the device or admin asking: a device's
//! county comes with its token, a user's with its account. [`crate::SqliteDb`] and
//! [`crate::PgDb`] implement it.

use std::collections::BTreeMap;
use std::future::Future;

use linli_domain::Id;
use linli_protocol::sync::{ChangeResult, PulledChange, PushRequest, Role};
use serde_json::Value;

use crate::Result;

/// The county of a single-county server: users added without `--county`, and every device token
/// without a county prefix (all tokens issued before counties were real).
pub const DEFAULT_COUNTY: &str = "default";

/// Checks a county id: 1–32 ASCII letters, digits, `-` or `_` (an administrative division code
/// such as `350125` fits). It is the tenant key of every table and the prefix of device tokens.
pub fn check_county(county: &str) -> Result<()> {
    let ok = (1..=32).contains(&county.len())
        && county
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(crate::Error::Invalid(format!(
            "县（区）编号“{county}”无效：只能用 1–32 个英文字母、数字、- 或 _ (a county id is 1–32 ASCII letters, digits, '-' or '_')"
        )))
    }
}

/// The refusal of enrolling a device id that another user's laptop holds (409).
pub const DEVICE_OF_ANOTHER_USER: &str = "这个设备编号属于另一位用户的电脑，不能用来登录；请在自己的电脑上登录 (this device id belongs to another user's laptop: it cannot be enrolled for you)";

/// The refusal of taking a device id the server already knows as a new one (409).
pub const DEVICE_ID_TAKEN: &str =
    "这个设备编号已经登记过，请换一个新的 (this device id is already enrolled: take a new one)";

/// An authenticated device, from its bearer token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceAuth {
    pub county: String,
    pub device_id: Id,
    pub user_id: Id,
    pub user: String,
    pub role: Role,
    pub grants: Vec<Id>,
    /// Sees and writes the whole county, whatever its grants (`linli admin user add …
    /// --county-wide`); never inferred from having no grants.
    pub county_wide: bool,
    pub revoked: bool,
}

/// A user as `enrol` needs it: the password hash to verify.
#[derive(Debug, Clone)]
pub struct UserRecord {
    pub county: String,
    pub user_id: Id,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub grants: Vec<Id>,
    pub county_wide: bool,
}

/// A device as `linli admin device list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    pub device_id: Id,
    pub user: String,
    pub name: String,
    pub enrolled_ms: i64,
    pub last_seen_ms: Option<i64>,
    pub revoked: bool,
}

/// One page of the log within a device's scope.
#[derive(Debug, Clone, PartialEq)]
pub struct PullPage {
    pub changes: Vec<PulledChange>,
    pub next: i64,
    pub more: bool,
}

/// What the server did with an uploaded blob.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobPut {
    /// Stored now (`true`) or already held (`false`).
    Stored(bool),
    /// No attachment row within the device's scope names this hash: nothing stored.
    OutOfScope,
}

/// What the server has for a blob a device asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlobGet {
    Found(Vec<u8>),
    /// An attachment row in scope names it, but its bytes have not been uploaded yet.
    NotYet,
    /// No attachment row within the device's scope names this hash.
    OutOfScope,
}

/// The server's merged state: table → row → field → value (JSON, as pushed).
pub type ServerExport = BTreeMap<String, BTreeMap<Id, BTreeMap<String, Value>>>;

/// Storage of the server. Implementations keep the change log with its server sequence, the
/// per-field versions of every row (merged with `linli_domain::merge`), the place tree for scope
/// checks, fact balances for floors, users, grants and devices — all of it per county: nothing of
/// one county is seen, changed or counted by a device or an admin command of another.
///
/// User names are unique on the whole server (a laptop signs in with name and password only), so
/// the commands that name a user find its county from the account; the commands that do not name
/// one take the county (`…_in`), and their county-less forms act on [`DEFAULT_COUNTY`].
pub trait ServerDb: crate::accounts::Accounts + Send + Sync + 'static {
    /// The device of `county` holding the token whose SHA-256 is `token_hash`, revoked or not.
    fn authenticate(
        &self,
        county: String,
        token_hash: String,
    ) -> impl Future<Output = Result<Option<DeviceAuth>>> + Send;

    /// A user by name (in whichever county it is), for password sign-in.
    fn user_by_name(&self, name: String)
        -> impl Future<Output = Result<Option<UserRecord>>> + Send;

    /// Enrols (or re-enrols) a device for a user with a new token hash and answers the device's
    /// last accepted device sequence (0 for a new device). A revoked device stays revoked; a
    /// device of another user is refused ([`crate::Error::Conflict`]).
    fn enrol_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> impl Future<Output = Result<i64>> + Send;

    /// Enrols a device id new to the server for `user` (a laptop taking a new device id with its
    /// token). An id the server knows already is refused ([`crate::Error::Conflict`]) and
    /// nothing changes: a replayed request cannot take the token of the device it made.
    fn add_device(
        &self,
        user: UserRecord,
        device_id: Id,
        name: String,
        token_hash: String,
        now_ms: i64,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Merges a batch in one transaction and answers per change, idempotently on
    /// (device id, device seq).
    fn push(
        &self,
        auth: DeviceAuth,
        req: PushRequest,
    ) -> impl Future<Output = Result<Vec<ChangeResult>>> + Send;

    /// The changes after `after` within the device's scope, excluding its own.
    fn pull(
        &self,
        auth: DeviceAuth,
        after: i64,
        limit: u32,
    ) -> impl Future<Output = Result<PullPage>> + Send {
        self.pull_from(auth, after, limit, None)
    }

    /// [`ServerDb::pull`], excluding only the device's own changes numbered up to `own_seq` when
    /// it is given (those above were made by a copy of the laptop's file).
    fn pull_from(
        &self,
        auth: DeviceAuth,
        after: i64,
        limit: u32,
        own_seq: Option<i64>,
    ) -> impl Future<Output = Result<PullPage>> + Send;

    /// Adds a user to `county`; fails if the name is taken in any county, or the county id is not
    /// one ([`check_county`]).
    fn add_user_in(
        &self,
        county: String,
        name: String,
        role: Role,
        password_hash: String,
        grants: Vec<Id>,
    ) -> impl Future<Output = Result<Id>> + Send;

    /// Adds a user to the default county.
    fn add_user(
        &self,
        name: String,
        role: Role,
        password_hash: String,
        grants: Vec<Id>,
    ) -> impl Future<Output = Result<Id>> + Send {
        self.add_user_in(DEFAULT_COUNTY.to_owned(), name, role, password_hash, grants)
    }

    fn set_password(&self, name: String, hash: String) -> impl Future<Output = Result<()>> + Send;

    /// Makes a user county-wide (sees and writes the whole county) or not.
    fn set_county_wide(&self, name: String, on: bool) -> impl Future<Output = Result<()>> + Send;

    fn grant(&self, name: String, places: Vec<Id>) -> impl Future<Output = Result<()>> + Send;

    fn revoke_grants(
        &self,
        name: String,
        places: Vec<Id>,
    ) -> impl Future<Output = Result<()>> + Send;

    /// The devices enrolled in `county`.
    fn list_devices_in(
        &self,
        county: String,
    ) -> impl Future<Output = Result<Vec<DeviceInfo>>> + Send;

    /// The devices enrolled in the default county.
    fn list_devices(&self) -> impl Future<Output = Result<Vec<DeviceInfo>>> + Send {
        self.list_devices_in(DEFAULT_COUNTY.to_owned())
    }

    /// Revokes a device of `county`; its next request is refused with a message saying so.
    fn revoke_device_in(
        &self,
        county: String,
        device_id: Id,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Revokes a device of the default county.
    fn revoke_device(&self, device_id: Id) -> impl Future<Output = Result<()>> + Send {
        self.revoke_device_in(DEFAULT_COUNTY.to_owned(), device_id)
    }

    /// The merged rows of `county` visible to `grants` (all its rows when `None`), for tests and
    /// reports.
    fn export_in(
        &self,
        county: String,
        grants: Option<Vec<Id>>,
    ) -> impl Future<Output = Result<ServerExport>> + Send;

    /// The merged rows of the default county.
    fn export(&self, grants: Option<Vec<Id>>) -> impl Future<Output = Result<ServerExport>> + Send {
        self.export_in(DEFAULT_COUNTY.to_owned(), grants)
    }

    /// The fact rows of `county` the server marked as needing review: (table, row id).
    fn needs_review_in(
        &self,
        county: String,
    ) -> impl Future<Output = Result<Vec<(String, Id)>>> + Send;

    /// The rows of the default county marked as needing review.
    fn needs_review(&self) -> impl Future<Output = Result<Vec<(String, Id)>>> + Send {
        self.needs_review_in(DEFAULT_COUNTY.to_owned())
    }

    /// Of `hashes`, those whose bytes the device's county does not hold.
    fn blobs_missing(
        &self,
        auth: DeviceAuth,
        hashes: Vec<String>,
    ) -> impl Future<Output = Result<Vec<String>>> + Send;

    /// Stores a blob whose hash and size the caller has checked, if an attachment row within the
    /// device's scope names it.
    fn put_blob(
        &self,
        auth: DeviceAuth,
        hash: String,
        bytes: Vec<u8>,
    ) -> impl Future<Output = Result<BlobPut>> + Send;

    /// A blob's bytes, if an attachment row within the device's scope names it.
    fn get_blob(
        &self,
        auth: DeviceAuth,
        hash: String,
    ) -> impl Future<Output = Result<BlobGet>> + Send;
}
