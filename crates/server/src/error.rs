//! The crate's error type and its HTTP face: `ApiError` hides internals behind a request id.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
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

/// An error answer: a status, a kind the client can match on, and a sentence for the person.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub message: String,
    /// Seconds to wait before trying again, sent as `Retry-After`.
    pub retry_after: Option<u32>,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            kind,
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 413 `too_large`: a body, batch or query past the server's limit.
    pub fn too_large(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
    }

    pub fn unauthenticated() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "未登录或登录已失效，请运行 linli login 重新登录 (not signed in: run `linli login` again)",
        )
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::Invalid(m) => ApiError::bad_request(m),
            Error::NotFound(m) => ApiError::new(StatusCode::NOT_FOUND, "not_found", m),
            Error::Conflict(m) => ApiError::new(StatusCode::CONFLICT, "conflict", m),
            Error::Unavailable(m) => {
                tracing::warn!(error = %m, "database unavailable");
                ApiError {
                    retry_after: Some(RETRY_AFTER_SECS),
                    ..ApiError::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "unavailable",
                        format!("服务器的数据库暂时无法连接，数据未作改动，请 {RETRY_AFTER_SECS} 秒后再同步 (the server's database is unavailable right now; nothing was changed: sync again in {RETRY_AFTER_SECS} seconds)"),
                    )
                }
            }
            other => {
                tracing::error!(error = %other, "internal error");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "服务器内部出错，请稍后再同步，并把请求编号告诉管理员 (internal server error: try again later and give the request id to the administrator)",
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
