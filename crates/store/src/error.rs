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

    /// A clash with data already there. `code` holds its catalogue message and arguments, from
    /// which `message` was rendered ([`Error::conflict`]); `None` for a plain sentence not yet in
    /// the catalogue.
    #[error("{message}")]
    Conflict {
        message: String,
        code: Option<(linli_domain::msg::Msg, linli_domain::msg::Args)>,
    },

    /// Someone who may be the same person is registered already; `code` holds its catalogue
    /// message and arguments, from which `message` was rendered ([`Error::possible_duplicate`]).
    #[error("{message}")]
    PossibleDuplicate {
        message: String,
        code: (linli_domain::msg::Msg, linli_domain::msg::Args),
    },

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
    /// A write refused because the connection only reads ([`Store::open_reader`]).
    ///
    /// [`Store::open_reader`]: crate::Store::open_reader
    pub fn is_read_only(&self) -> bool {
        matches!(
            self,
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ReadOnly
        )
    }

    /// A clash with data already there, from the catalogue: `Error::conflict(msg::X, args![…])`.
    pub fn conflict(msg: linli_domain::msg::Msg, args: linli_domain::msg::Args) -> Self {
        Error::Conflict {
            message: msg.zh(&args),
            code: Some((msg, args)),
        }
    }

    /// A possible duplicate, from the catalogue (the worker may save anyway).
    pub fn possible_duplicate(msg: linli_domain::msg::Msg, args: linli_domain::msg::Args) -> Self {
        Error::PossibleDuplicate {
            message: msg.zh(&args),
            code: (msg, args),
        }
    }

    /// The catalogue code and arguments of this error, when it has them.
    pub fn code(&self) -> Option<(&'static str, linli_domain::msg::Args)> {
        use linli_domain::{args, msg};
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            Error::Conflict {
                code: Some((msg, args)),
                ..
            } => Some((msg.code, args.clone())),
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
            Error::PinNeeded { path: p, first } => Some((
                if *first {
                    msg::DB_PIN_SET.code
                } else {
                    msg::DB_PIN_NEEDED.code
                },
                args![path = path(p)],
            )),
            Error::WrongPin { path: p } => Some((msg::DB_WRONG_PIN.code, args![path = path(p)])),
            Error::KeyFile { path: p, reason } => Some((
                msg::DB_KEY_FILE.code,
                args![path = path(p), reason = reason],
            )),
            Error::Sqlite(e) => Some((msg::DB_ERROR.code, args![reason = e])),
            Error::Json(e) => Some((msg::DATA_FORMAT.code, args![reason = e])),
            Error::Sheets(e) => Some(sheets_code(e)),
            Error::PossibleDuplicate {
                code: (msg, args), ..
            } => Some((msg.code, args.clone())),
            Error::Conflict { code: None, .. } => None,
        }
    }
}

/// The catalogue code and arguments of a spreadsheet's error.
fn sheets_code(e: &linli_sheets::Error) -> (&'static str, linli_domain::msg::Args) {
    use linli_domain::{args, msg};
    use linli_sheets::Error as S;
    match e {
        S::Io { path, source } => (
            msg::SHEET_IO.code,
            args![path = path.display(), reason = source],
        ),
        S::UnsupportedFormat(ext) => (msg::SHEET_UNSUPPORTED.code, args![ext = ext]),
        S::Excel { path, message } => (
            msg::SHEET_EXCEL.code,
            args![path = path.display(), reason = message],
        ),
        S::SheetNotFound(name) => (msg::SHEET_NOT_FOUND.code, args![name = name]),
        S::NoData(file) => (msg::SHEET_NO_DATA.code, args![file = file]),
        S::NoPlaces(file) => (msg::SHEET_NO_PLACES.code, args![file = file]),
        S::NotList {
            file,
            list,
            headers,
        } => (
            msg::SHEET_NOT_LIST.code,
            args![file = file, list = list, headers = headers],
        ),
        S::Mapping(e) => (msg::SHEET_MAPPING.code, args![reason = e]),
        S::Xlsx(reason) => (msg::SHEET_XLSX.code, args![reason = reason]),
        S::Write { path, message } => (
            msg::SHEET_WRITE.code,
            args![path = path.display(), reason = message],
        ),
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

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
