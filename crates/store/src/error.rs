use std::path::PathBuf;

use linli_protocol::{ApiError, ErrorKind};

/// Everything the store can fail with. Messages are one line, in Chinese, and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: 无法打开数据库（{reason}）。请检查路径和权限，或用 --db 指定另一个文件。", path.display())]
    Open { path: PathBuf, reason: String },

    #[error("{}: 这不是邻里(Linli)的数据库，文件未作任何改动。请用 --db 指定邻里的数据库文件，或指定一个新文件名。", path.display())]
    NotLinli { path: PathBuf },

    #[error("{}: 此数据库由更新版本的邻里创建（数据库版本 {found}，本程序最高支持 {supported}），文件未作任何改动。请升级邻里后再打开。", path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error(transparent)]
    Invalid(#[from] linli_domain::DomainError),

    #[error("找不到{what}（编号 {id}）")]
    NotFound { what: &'static str, id: String },

    #[error("{message}")]
    Conflict { message: String },

    #[error("{message}")]
    PossibleDuplicate { message: String },

    #[error("数据库出错：{0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("数据格式出错：{0}")]
    Json(#[from] serde_json::Error),

    /// A spreadsheet that cannot be read or written; the message says what to do.
    #[error(transparent)]
    Sheets(#[from] linli_sheets::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::Invalid(d) => d.into(),
            e @ Error::NotFound { .. } => ApiError::new(ErrorKind::NotFound, e.to_string()),
            e @ Error::Conflict { .. } => ApiError::new(ErrorKind::Conflict, e.to_string()),
            e @ Error::PossibleDuplicate { .. } => {
                ApiError::new(ErrorKind::PossibleDuplicate, e.to_string())
            }
            e @ (Error::Open { .. } | Error::NotLinli { .. } | Error::TooNew { .. }) => {
                ApiError::new(ErrorKind::Database, e.to_string())
            }
            e @ Error::Sheets(_) => ApiError::new(ErrorKind::Invalid, e.to_string()),
            e @ (Error::Sqlite(_) | Error::Json(_)) => {
                ApiError::new(ErrorKind::Internal, e.to_string())
            }
        }
    }
}
