//! Sync wire types: a change as the journal records it and as it travels between laptops and the
//! server, and the requests and answers of the sync protocol (see `docs/sync-protocol.md`).
//!
//! Frozen once released: new fields are `#[serde(default)]`, nothing is renamed.

use std::collections::BTreeMap;

use linli_domain::{Hlc, Id};
use serde::{Deserialize, Serialize};

/// The version of the sync protocol. Sent on every request in the [`VERSION_HEADER`] header; a
/// server answers an older client with 426 and a "please upgrade" message.
pub const SYNC_PROTOCOL_VERSION: u32 = 1;

/// The HTTP header carrying [`SYNC_PROTOCOL_VERSION`] on every request.
pub const VERSION_HEADER: &str = "linli-sync-version";

/// The HTTP header carrying the server's HLC (`Hlc`'s text form) on every response.
pub const SERVER_TIME_HEADER: &str = "linli-server-time";

/// The most changes one push may carry; a client sends its outbox in batches of at most this.
pub const MAX_PUSH_BATCH: usize = 1000;

/// The most changes one pull page holds (2,000 before the first pull got faster). A server clamps
/// a larger `limit` to its own maximum, so clients and servers of either size work together; the
/// client's pages are this size by default.
pub const MAX_PULL_PAGE: u32 = 5000;

/// The most bytes of changes (as JSON) one pull page holds: a page stops before the change that
/// would pass it (a page always holds at least one change), so that a page of big rows stays a
/// few megabytes whatever its count.
pub const MAX_PULL_BYTES: usize = 8 * 1024 * 1024;

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

impl Change {
    /// The most specific scope the change declares.
    pub fn declared_scope(&self) -> Option<Id> {
        self.scope_place
            .or(self.scope_grid)
            .or(self.scope_community)
    }
}

/// A fact table whose running sum per account must not go below zero (a points balance). The
/// server replays such facts in server order and marks the one that overdraws as needing review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FloorRule {
    pub table: &'static str,
    pub account_field: &'static str,
    pub delta_field: &'static str,
}

/// Every fact table with a floor: the volunteers' points ledger (per volunteer, signed points),
/// and `test_ledger`, which the sync tests exercise the mechanism with.
pub const FLOOR_RULES: &[FloorRule] = &[
    FloorRule {
        table: "ledger",
        account_field: "volunteer_id",
        delta_field: "points",
    },
    FloorRule {
        table: "test_ledger",
        account_field: "account",
        delta_field: "delta",
    },
];

/// The floor rule of a table, if it has one.
pub fn floor_rule(table: &str) -> Option<&'static FloorRule> {
    FLOOR_RULES.iter().find(|r| r.table == table)
}

/// A user's role. Grants, not roles, decide what a device sees; the role says what the person does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Admin,
    GridWorker,
    Steward,
    Coordinator,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::GridWorker,
        Role::Steward,
        Role::Coordinator,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::GridWorker => "grid-worker",
            Role::Steward => "steward",
            Role::Coordinator => "coordinator",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// `POST /v1/enrol`: a laptop signs in once with a user's password and receives a device token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrolRequest {
    pub user: String,
    pub password: String,
    /// The local store's device id.
    pub device_id: Id,
    /// A name the admin recognises in `linli admin device list` (the host name).
    #[serde(default)]
    pub device_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrolResponse {
    /// The bearer token for every later request. The server keeps only its hash.
    pub token: String,
    pub user_id: Id,
    pub role: Role,
    pub grants: Vec<Id>,
    pub server_time: Hlc,
    /// The highest device sequence the server has accepted from this device id (0 for a new
    /// device). A laptop whose own journal is behind it was restored from a backup or copied,
    /// and takes a new device id rather than reuse sequence numbers the server already holds.
    #[serde(default)]
    pub last_seq: i64,
}

/// `POST /v1/device`: a laptop that must take a new device id (its file was copied or restored,
/// so the server holds other changes under its old sequence numbers) enrols the new id with its
/// current token, for the same user, and gets the new id's token in an [`EnrolResponse`]. The id
/// must be new to the server (409 otherwise).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewDeviceRequest {
    pub device_id: Id,
    #[serde(default)]
    pub device_name: String,
}

/// `POST /v1/push`: a batch of the outbox, in device-sequence order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub changes: Vec<Change>,
    /// The tables among `changes` that hold facts (inserted once, never changed); the others are
    /// entities, merged per field.
    #[serde(default)]
    pub fact_tables: Vec<String>,
}

/// Why the server refused a change. The change is not stored and nobody else receives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefuseReason {
    /// The row's place is not under any of the user's grants.
    OutsideGrants,
    /// The change is malformed (bad table or field name, a fact rewritten, no scope…).
    Invalid,
    /// The server already holds another change under this (device, device seq): the laptop's
    /// file was copied or restored from a backup. The laptop takes a new device id and journals
    /// again what the server has not acknowledged.
    SeqConflict,
}

/// The server's answer for one pushed change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ChangeOutcome {
    Accepted {
        server_seq: i64,
        /// A fact with a floor that overdrew its account: kept, but a person must look at it.
        #[serde(default)]
        needs_review: bool,
    },
    Refused {
        reason: RefuseReason,
        /// One sentence in Chinese and English for the person at the laptop.
        message: String,
        /// The same sentence as a code of the message catalogue (`linli_domain::msg`) with its
        /// arguments, for the laptop's window to say in its language; none from an older server.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<String>,
        #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
        args: std::collections::BTreeMap<String, String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeResult {
    pub device_seq: i64,
    #[serde(flatten)]
    pub outcome: ChangeOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    /// One result per pushed change, in the order pushed.
    pub results: Vec<ChangeResult>,
    pub server_time: Hlc,
}

/// `POST /v1/pull`: the changes after `after` (a server sequence) within the device's scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullRequest {
    pub after: i64,
    #[serde(default = "default_page")]
    pub limit: u32,
    /// The highest device sequence this laptop has journalled under its device id. The device's
    /// own changes up to it are left out of the page; one above it was made by a copy of this
    /// laptop's file under the same id, and is sent. `None` (an older laptop) leaves out all of
    /// the device's own changes.
    #[serde(default)]
    pub own_seq: Option<i64>,
}

fn default_page() -> u32 {
    MAX_PULL_PAGE
}

/// A change as the server hands it out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PulledChange {
    pub server_seq: i64,
    #[serde(default)]
    pub needs_review: bool,
    /// True for a `places` row above the user's grants: shown for context, not editable.
    #[serde(default)]
    pub read_only: bool,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub changes: Vec<PulledChange>,
    /// The cursor to store with this page: the last server sequence the server looked at.
    pub next: i64,
    /// Whether more pages follow.
    pub more: bool,
    pub server_time: Hlc,
}

/// The body of every error answer (4xx and 5xx), uncompressed JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncError {
    /// `unauthenticated`, `revoked`, `upgrade`, `bad_request`, `too_large`, `internal`…
    pub kind: String,
    /// Chinese, then English: what happened and what to do.
    pub message: String,
    /// The request id in the server's log, to quote to the administrator.
    #[serde(default)]
    pub request_id: String,
    /// The same sentence as a code of the message catalogue (`linli_domain::msg`) with its
    /// arguments, for the laptop's window to say in its language; none from an older server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub args: std::collections::BTreeMap<String, String>,
}

/// A change of this laptop that the server refused, kept so the Sync page can show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    pub device_seq: i64,
    pub table: String,
    pub row_id: Id,
    pub reason: RefuseReason,
    pub message: String,
    /// The refusal's catalogue code and arguments (none for one kept before the laptop stored
    /// them, or sent by an older server).
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub args: std::collections::BTreeMap<String, String>,
}

/// What the Sync page shows: when the last sync succeeded, what waits to go, what was refused.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SyncStatus {
    /// The server this laptop is enrolled with, if any.
    pub server: Option<String>,
    pub user: Option<String>,
    /// Unix milliseconds of the last sync that pushed and pulled everything.
    pub last_success_ms: Option<u64>,
    /// Local changes not yet acknowledged by the server.
    pub outbox: u64,
    pub refused: Vec<Refusal>,
    /// Rows the server marked as needing review (`table`, row id).
    pub needs_review: Vec<(String, Id)>,
    /// Pulled changes this laptop could not apply, kept aside (the first 200).
    #[serde(default)]
    pub unapplied: Vec<Unapplied>,
}

/// A pulled change this laptop could not apply (an older server let it in, a newer Linli wrote
/// it), kept in `sync_unapplied` with the reason while the rest of its page applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unapplied {
    pub server_seq: i64,
    pub table: String,
    pub row_id: Option<Id>,
    pub reason: String,
}

/// The largest file (a photo) that may be attached: refused on the laptop when attached and by
/// the server when uploaded (413).
pub const MAX_BLOB_BYTES: u64 = 5 * 1024 * 1024;

/// The most hashes one [`BlobsQuery`] may ask about.
pub const MAX_BLOB_QUERY: usize = 1000;

/// `POST /v1/blobs/missing`: which of these files (by sha256, lowercase hex) the server lacks.
/// A laptop asks after pushing, then uploads each missing one with `PUT /v1/blobs/{sha256}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobsQuery {
    pub hashes: Vec<String>,
}

/// The answer to a [`BlobsQuery`]: the hashes asked about that the server does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobsMissing {
    pub missing: Vec<String>,
}

/// The answer to `PUT /v1/blobs/{sha256}`: the bytes are stored (or were already).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobStored {
    pub hash: String,
    pub size: u64,
    /// False when the server already held these bytes.
    pub created: bool,
}

/// Whether `s` is a sha256 in lowercase hex, the only form a blob is named by.
pub fn is_blob_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}
