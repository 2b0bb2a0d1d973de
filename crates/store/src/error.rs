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

    /// A clash with data already there, as a plain sentence (a message not yet in the catalogue;
    /// prefer [`Error::conflict`]).
    #[error("{message}")]
    Conflict { message: String },

    /// A refusal from the message catalogue: its kind, code and arguments; the Chinese sentence is
    /// rendered from them.
    #[error("{}", msg.zh(args))]
    Coded {
        kind: ErrorKind,
        msg: linli_domain::msg::Msg,
        args: linli_domain::msg::Args,
    },

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

impl Error {
    /// A clash with data already there, from the catalogue: `Error::conflict(msg::X, args![…])`.
    pub fn conflict(msg: linli_domain::msg::Msg, args: linli_domain::msg::Args) -> Self {
        Error::Coded {
            kind: ErrorKind::Conflict,
            msg,
            args,
        }
    }

    /// The catalogue code and arguments of this error, when it has them.
    pub fn code(&self) -> Option<(&'static str, linli_domain::msg::Args)> {
        use linli_domain::{args, msg};
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            Error::Coded { msg, args, .. } => Some((msg.code, args.clone())),
            Error::Invalid(d) => d.code().map(|c| (c, d.args().to_vec())),
            Error::NotFound { what, id } => {
                Some((msg::NOT_FOUND.code, args![what = what, id = id]))
            }
            Error::Open { path: p, reason } => {
                Some((msg::DB_OPEN.code, args![path = path(p), reason = reason]))
            }
            Error::NotLinli { path: p } => Some((msg::DB_NOT_LINLI.code, args![path = path(p)])),
            Error::TooNew {
                path: p,
                found,
                supported,
            } => Some((
                msg::DB_TOO_NEW.code,
                args![path = path(p), found = found, supported = supported],
            )),
            Error::Sqlite(e) => Some((msg::DB_ERROR.code, args![reason = e])),
            Error::Json(e) => Some((msg::DATA_FORMAT.code, args![reason = e])),
            Error::Conflict { .. } | Error::PossibleDuplicate { .. } | Error::Sheets(_) => None,
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        let code = e.code();
        let mut api = api_error(e);
        if let Some((code, args)) = code {
            api.code = Some(code.to_owned());
            api.args = args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        }
        api
    }
}

fn api_error(e: Error) -> ApiError {
    match e {
        e @ Error::Coded { kind, .. } => ApiError::new(kind, e.to_string()),
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
