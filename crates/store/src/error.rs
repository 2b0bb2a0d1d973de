use std::path::PathBuf;

use linli_protocol::{ApiError, ErrorKind};

/// Everything the store can fail with. Messages are one line, in Chinese, and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: 无法打开数据库（{reason}）。请检查路径和权限，或用 --db 指定另一个文件。", path.display())]
    Open { path: PathBuf, reason: String },

    #[error("{}: 这不是邻里(Linli)的数据库（或是加密的邻里数据库，而这台电脑上没有它的密钥），文件未作任何改动。请用 --db 指定邻里的数据库文件，或指定一个新文件名。", path.display())]
    NotLinli { path: PathBuf },

    #[error("{}: 此数据库由更新版本的邻里创建（数据库版本 {found}，本程序最高支持 {supported}），文件未作任何改动。请升级邻里后再打开。", path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// The database is encrypted and its key is wrapped by a PIN that was not given (`first`: no
    /// key exists yet and no keystore answers, so the worker must set one).
    #[error("{}: {}", path.display(), if *first { "这台电脑没有可用的系统钥匙串，请设置一个至少 6 位的 PIN 来保护数据库的密钥（桌面版会提示输入；命令行请在终端输入或设置环境变量 LINLI_PIN）。" } else { "数据库已加密，请输入 PIN 解锁（桌面版会提示输入；命令行请在终端输入或设置环境变量 LINLI_PIN）。" })]
    PinNeeded { path: PathBuf, first: bool },

    #[error("{}: PIN 不对，数据库没有打开，文件未作任何改动。请重新输入。", path.display())]
    WrongPin { path: PathBuf },

    #[error("{}: 无法读写数据库的密钥文件（{reason}）。", path.display())]
    KeyFile { path: PathBuf, reason: String },

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
            e @ (Error::Open { .. }
            | Error::NotLinli { .. }
            | Error::TooNew { .. }
            | Error::PinNeeded { .. }
            | Error::WrongPin { .. }
            | Error::KeyFile { .. }) => ApiError::new(ErrorKind::Database, e.to_string()),
            e @ Error::Sheets(_) => ApiError::new(ErrorKind::Invalid, e.to_string()),
            e @ (Error::Sqlite(_) | Error::Json(_)) => {
                ApiError::new(ErrorKind::Internal, e.to_string())
            }
        }
    }
}
