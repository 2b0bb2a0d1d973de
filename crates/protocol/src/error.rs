use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What kind of failure, for the UI to choose its sentence and the CLI its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The input breaks a rule; `field` says which one.
    Invalid,
    /// Something named in the request does not exist.
    NotFound,
    /// The request clashes with data already there (a duplicate).
    Conflict,
    /// Someone alike is already registered (same name and birth date); the user may confirm and
    /// send the request again with `accept_possible_duplicate`.
    PossibleDuplicate,
    /// The database file cannot be used (not Linli's, from a newer Linli, unreadable).
    Database,
    /// A bug or an unexpected failure; the message says what happened.
    Internal,
}

/// The error every command returns: `{kind, message, field?, code?, args?}`. `message` is a
/// sentence in Chinese a grid worker can act on (what the CLI prints); `code` and `args` say the
/// same as data from the message catalogue ([`linli_domain::msg`]), so the window can say it in
/// the chosen language. An error without a code (an older peer, a message not yet in the
/// catalogue) is shown as its `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

impl ApiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ApiError {
            kind,
            message: message.into(),
            field: None,
            code: None,
            args: BTreeMap::new(),
        }
    }

    /// An error from the catalogue: `msg` with its arguments, its `message` the Chinese sentence.
    pub fn coded(
        kind: ErrorKind,
        msg: linli_domain::msg::Msg,
        args: linli_domain::msg::Args,
    ) -> Self {
        ApiError {
            kind,
            message: msg.zh(&args),
            field: None,
            code: Some(msg.code.to_owned()),
            args: args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<linli_domain::DomainError> for ApiError {
    fn from(e: linli_domain::DomainError) -> Self {
        ApiError {
            kind: ErrorKind::Invalid,
            field: Some(e.field().to_owned()),
            message: e.to_string(),
            code: e.code().map(str::to_owned),
            args: e
                .args()
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        }
    }
}
