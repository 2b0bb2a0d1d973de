//! The crate's error type and its HTTP face: `ApiError` hides internals behind a request id.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use linli_domain::{args, msg};
use linli_protocol::sync::SyncError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("数据库出错：{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("数据库出错：{0}")]
    Postgres(tokio_postgres::Error),
    /// The database cannot be reached (down, restarting, out of connections): try again soon.
    #[error("数据库暂时无法连接：{0}")]
    Unavailable(String),
    #[error("数据格式出错：{0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Invalid(String),
    #[error("找不到{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{path}: 这不是邻里服务器的数据库，文件未作任何改动 (not a Linli server database; the file was left untouched)")]
    NotOurs { path: String },
    #[error("{path}: 此服务器数据库由更新版本的邻里创建，请升级邻里 (made by a newer Linli server; please upgrade)")]
    TooNew { path: String },
    #[error("后台任务失败：{0}")]
    Join(String),
    #[error("密码处理失败：{0}")]
    Password(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<tokio_postgres::Error> for Error {
    fn from(e: tokio_postgres::Error) -> Self {
        if pg_gone(&e) {
            Error::Unavailable(e.to_string())
        } else {
            Error::Postgres(e)
        }
    }
}

impl From<deadpool_postgres::PoolError> for Error {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        match e {
            deadpool_postgres::PoolError::Backend(e) => e.into(),
            other => Error::Unavailable(other.to_string()),
        }
    }
}

/// Whether a PostgreSQL error means "not reachable right now" rather than a fault in the request:
/// a closed or refused connection, the server shutting down or starting, too many connections,
/// or a lock conflict that a retry resolves.
fn pg_gone(e: &tokio_postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    if let Some(state) = e.code() {
        let c = state.code();
        return c.starts_with("08")
            || matches!(c, "57P01" | "57P02" | "57P03" | "53300" | "40001" | "40P01");
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if s.is::<std::io::Error>() {
            return true;
        }
        source = s.source();
    }
    false
}

/// Seconds a client is told to wait before retrying when the database is unavailable.
pub const RETRY_AFTER_SECS: u32 = 5;

impl From<linli_domain::DomainError> for Error {
    fn from(e: linli_domain::DomainError) -> Self {
        Error::Invalid(e.to_string())
    }
}

/// An error answer: a status, a kind the client can match on, a sentence for the person ("中文
/// (English)"), and the same sentence as a code of the message catalogue with its arguments
/// (`linli_domain::msg`) so the laptop's window says it in its language.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub message: String,
    /// Seconds to wait before trying again, sent as `Retry-After`.
    pub retry_after: Option<u32>,
    pub code: Option<&'static str>,
    pub args: msg::Args,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            kind,
            message: message.into(),
            retry_after: None,
            code: None,
            args: Vec::new(),
        }
    }

    /// An answer from the catalogue: `m` with `args`; its message is the Chinese sentence with
    /// the English one after it in brackets, as every answer of the server reads.
    pub fn said(status: StatusCode, kind: &'static str, m: msg::Msg, args: msg::Args) -> Self {
        let en = msg::fill(m.en, &args, &|_, _| None);
        ApiError {
            message: format!("{} ({en})", m.zh(&args)),
            code: Some(m.code),
            args,
            ..ApiError::new(status, kind, "")
        }
    }

    /// 400 `bad_request` from the catalogue.
    pub fn bad(m: msg::Msg, args: msg::Args) -> Self {
        ApiError::said(StatusCode::BAD_REQUEST, "bad_request", m, args)
    }

    /// 413 `too_large` from the catalogue.
    pub fn large(m: msg::Msg, args: msg::Args) -> Self {
        ApiError::said(StatusCode::PAYLOAD_TOO_LARGE, "too_large", m, args)
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 413 `too_large`: a body, batch or query past the server's limit.
    pub fn too_large(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
    }

    pub fn unauthenticated() -> Self {
        ApiError::said(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            msg::SERVER_UNAUTHENTICATED,
            vec![],
        )
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::Invalid(m) => ApiError::bad_request(m),
            Error::NotFound(m) => ApiError::new(StatusCode::NOT_FOUND, "not_found", m),
            Error::Conflict(m) if m == crate::db::DEVICE_OF_ANOTHER_USER => ApiError::said(
                StatusCode::CONFLICT,
                "conflict",
                msg::SERVER_DEVICE_OF_ANOTHER,
                vec![],
            ),
            Error::Conflict(m) if m == crate::db::DEVICE_ID_TAKEN => ApiError::said(
                StatusCode::CONFLICT,
                "conflict",
                msg::SERVER_DEVICE_ID_TAKEN,
                vec![],
            ),
            Error::Conflict(m) => ApiError::new(StatusCode::CONFLICT, "conflict", m),
            Error::Unavailable(m) => {
                tracing::warn!(error = %m, "database unavailable");
                ApiError {
                    retry_after: Some(RETRY_AFTER_SECS),
                    ..ApiError::said(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "unavailable",
                        msg::SERVER_UNAVAILABLE,
                        args![secs = RETRY_AFTER_SECS],
                    )
                }
            }
            other => {
                tracing::error!(error = %other, "internal error");
                ApiError::said(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    msg::SERVER_INTERNAL,
                    vec![],
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(status = %self.status, kind = self.kind, "answered with an error");
        } else {
            tracing::warn!(status = %self.status, kind = self.kind, message = %self.message, "refused");
        }
        let body = SyncError {
            kind: self.kind.to_owned(),
            message: self.message,
            request_id: crate::http::current_request_id(),
            code: self.code.map(str::to_owned),
            args: self
                .args
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        };
        let mut resp = (self.status, axum::Json(body)).into_response();
        resp.headers_mut()
            .insert("x-linli-error", HeaderValue::from_static("1"));
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}
