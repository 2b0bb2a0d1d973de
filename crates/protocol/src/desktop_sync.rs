//! The desktop's sync requests: what the Sync page (同步) asks of the background sync, as opposed
//! to the store requests of [`with_commands!`](crate::with_commands). They are carried out by
//! linli-sync, not by the store, so they have their own list, [`with_sync_commands!`].
//!
//! Frozen once released like every wire type: new fields are `#[serde(default)]`.

use serde::{Deserialize, Serialize};

use crate::sync::SyncStatus;
use crate::Command;

/// Calls `$m!` with every sync request as `name => Type` pairs, like
/// [`with_commands!`](crate::with_commands) does for the store's.
#[macro_export]
macro_rules! with_sync_commands {
    ($m:ident) => {
        $m! {
            sync_status => $crate::SyncStatusQuery,
            sync_now => $crate::SyncNow,
            sync_login => $crate::SyncLogin,
            sync_test => $crate::SyncTest,
            admin_overview => $crate::AdminOverviewQuery,
            admin_act => $crate::AdminAct,
        }
    };
}

/// Where this laptop stands with the server, and what a running sync is doing. The Sync page asks
/// for it once a second while a sync runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatusQuery {}

impl Command for SyncStatusQuery {
    const NAME: &'static str = "sync_status";
    type Response = SyncPanel;
}

/// Syncs now (or right after the sync already running) and answers when that sync has finished.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncNow {}

impl Command for SyncNow {
    const NAME: &'static str = "sync_now";
    type Response = SyncOutcome;
}

/// Enrols this laptop with a server, as `linli login` does.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncLogin {
    /// The server's address, e.g. `https://sync.county.example`.
    pub server: String,
    pub user: String,
    pub password: String,
    /// The county's CA certificate (PEM text), trusted besides the system's roots; kept with the
    /// enrolment (`linli login --ca`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_pem: Option<String>,
    /// Plain `http://` to another machine allowed: the person confirmed the warning
    /// (`linli login --insecure`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub insecure: bool,
    /// The laptop is signed in as another user and the person confirmed handing it over: the
    /// previous user's unsent changes go first, then the laptop's copy of the community's data is
    /// cleared and the new user's pulled (issue 16). Without it such a sign-in is refused
    /// (`sync_handover_unconfirmed`) and changes nothing.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hand_over: bool,
    /// The previous user's changes that cannot be sent are discarded: the person confirmed it a
    /// second time, after `sync_handover_unsent` said how many (`linli login --discard-unsent`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub discard_unsent: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Command for SyncLogin {
    const NAME: &'static str = "sync_login";
    type Response = Enrolled;
}

/// 测试连接: asks the server this laptop is enrolled with whether it answers, over a trusted
/// connection, at this protocol version, to this laptop's sign-in, without syncing anything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncTest {}

impl Command for SyncTest {
    const NAME: &'static str = "sync_test";
    type Response = ConnectionCheck;
}

/// How a connection test ended: the first check that failed, or `Ok`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionVerdict {
    /// Reachable, trusted, the same protocol, and the sign-in is valid.
    Ok,
    /// No answer: a wrong address, no network, or the server is down.
    Unreachable,
    /// The server's certificate is not trusted (TLS).
    Untrusted,
    /// The server speaks another protocol version: one side needs upgrading.
    Version,
    /// The server does not accept this laptop's sign-in (expired, or the device was revoked).
    SignedOut,
    /// The server answered with another error; `detail` holds its sentence.
    Refused,
}

/// The answer to [`SyncTest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionCheck {
    pub verdict: ConnectionVerdict,
    /// The server asked.
    pub server: String,
    /// The server's or the network's own words, when something failed (may be empty).
    #[serde(default)]
    pub detail: String,
    /// How long the round trip took, in milliseconds.
    #[serde(default)]
    pub millis: u64,
}

/// The answer to a login: who this laptop now syncs as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolled {
    pub server: String,
    pub user: String,
    /// The user's role code (`grid-worker`, `steward`…).
    pub role: String,
    /// How many places the user's grants name.
    pub grants: usize,
}

/// Everything the Sync page shows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SyncPanel {
    /// What the store knows: server, user, last success, outbox, refused changes.
    pub status: SyncStatus,
    /// Whether this laptop has logged in to a server (and so syncs by itself).
    pub enrolled: bool,
    /// The sync running now, if one is.
    pub running: Option<SyncProgress>,
    /// How the last attempt ended (since the app started).
    pub last: Option<SyncOutcome>,
    /// Unix milliseconds when the next automatic sync is due, if one is planned.
    #[serde(default)]
    pub next_auto_ms: Option<u64>,
    /// The laptop syncs over plain `http://` with another machine (allowed at login): the page
    /// keeps warning that nothing is encrypted.
    #[serde(default, skip_serializing_if = "is_false")]
    pub insecure: bool,
}

/// How far a running sync has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SyncProgress {
    /// Local changes sent so far, of `to_push`.
    pub pushed: u64,
    pub to_push: u64,
    /// Changes received so far.
    pub pulled: u64,
    /// True once the push is done and pages are being pulled.
    pub pulling: bool,
}

/// What one sync did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SyncReport {
    pub pushed: u64,
    pub accepted: u64,
    pub refused: u64,
    pub needs_review: u64,
    pub pulled: u64,
    pub applied: u64,
    /// Attachment files uploaded and downloaded.
    #[serde(default)]
    pub blobs_sent: u64,
    #[serde(default)]
    pub blobs_fetched: u64,
    /// Files that could not go up or come down this time; the next sync tries again.
    #[serde(default)]
    pub blobs_pending: u64,
}

/// How a sync attempt ended. Being offline is an ordinary outcome, not an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SyncOutcome {
    Synced {
        at_ms: u64,
        report: SyncReport,
    },
    /// The server could not be reached; everything stays on this laptop until it can.
    Offline {
        at_ms: u64,
        detail: String,
    },
    /// The server answered with a refusal (signed out, device revoked, please upgrade…):
    /// `message` says what to do.
    Failed {
        at_ms: u64,
        message: String,
        /// The server's sentence as a catalogue code with its arguments, for the window to say
        /// in its language (none from an older server or for a failure of this laptop).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<String>,
        #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
        args: std::collections::BTreeMap<String, String>,
    },
}

impl SyncOutcome {
    pub fn at_ms(&self) -> u64 {
        match self {
            SyncOutcome::Synced { at_ms, .. }
            | SyncOutcome::Offline { at_ms, .. }
            | SyncOutcome::Failed { at_ms, .. } => *at_ms,
        }
    }
}

macro_rules! sync_names {
    ($($name:ident => $ty:path),* $(,)?) => {
        /// Any one sync request, as `linli exec` reads it: `{"cmd": "sync_now", "args": {}}`, like
        /// [`Request`](crate::Request) for the store's.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "cmd", content = "args", rename_all = "snake_case")]
        #[allow(non_camel_case_types)]
        pub enum SyncCall {
            $($name($ty),)*
        }

        impl SyncCall {
            /// The command name, the same as `<T as Command>::NAME`.
            pub fn name(&self) -> &'static str {
                match self {
                    $(SyncCall::$name(_) => <$ty as Command>::NAME,)*
                }
            }
        }

        /// Every sync command name, in declaration order.
        pub const SYNC_COMMAND_NAMES: &[&str] = &[$(<$ty as Command>::NAME),*];

        #[cfg(test)]
        mod names {
            #[test]
            fn macro_names_match_command_names() {
                $(assert_eq!(stringify!($name), <$ty as $crate::Command>::NAME);)*
            }
        }
    };
}

with_sync_commands!(sync_names);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_names_do_not_clash_with_store_commands() {
        for n in SYNC_COMMAND_NAMES {
            assert!(!crate::COMMAND_NAMES.contains(n), "{n}");
        }
    }

    #[test]
    fn a_sync_call_reads_like_a_store_request() {
        let call: SyncCall = serde_json::from_str(r#"{"cmd":"sync_now","args":{}}"#).unwrap();
        assert_eq!(call, SyncCall::sync_now(SyncNow {}));
        assert_eq!(call.name(), SyncNow::NAME);
        let login: SyncCall = serde_json::from_str(
            r#"{"cmd":"sync_login","args":{"server":"http://127.0.0.1:8470","user":"a","password":"b"}}"#,
        )
        .unwrap();
        assert_eq!(login.name(), "sync_login");
    }

    #[test]
    fn an_outcome_reads_as_tagged_json() {
        let o = SyncOutcome::Offline {
            at_ms: 5,
            detail: "refused".into(),
        };
        let v = serde_json::to_value(&o).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"outcome": "offline", "at_ms": 5, "detail": "refused"})
        );
        assert_eq!(serde_json::from_value::<SyncOutcome>(v).unwrap(), o);
        assert_eq!(
            serde_json::to_value(SyncNow {}).unwrap(),
            serde_json::json!({})
        );
    }
}
