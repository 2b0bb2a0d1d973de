//! Errors say their catalogue sentences: every coded error prints its template filled with its
//! arguments and hands the window the same code, and no refusal of the store is left without a
//! code.

use linli_domain::{args, msg};

use super::*;

/// The sentence an error prints is its catalogue template filled with its arguments, and the
/// window gets the same code and arguments.
#[test]
fn every_coded_error_says_its_catalogue_sentence() {
    let cases = vec![
        Error::NotFound {
            what: "住户",
            id: "019".into(),
        },
        Error::Open {
            path: "a.db".into(),
            reason: "权限不足".into(),
        },
        Error::NotLinli {
            path: "a.db".into(),
        },
        Error::TooNew {
            path: "a.db".into(),
            found: 9,
            supported: 8,
        },
        Error::PinNeeded {
            path: "a.db".into(),
            first: true,
        },
        Error::PinNeeded {
            path: "a.db".into(),
            first: false,
        },
        Error::WrongPin {
            path: "a.db".into(),
        },
        Error::KeyFile {
            path: "a.db.key".into(),
            reason: "denied".into(),
        },
        Error::conflict(msg::ADDRESS_OCCUPIED, args![address = "南湖苑1栋502"]),
        Error::possible_duplicate(msg::POSSIBLE_DUPLICATE, args![who = "王芳（南湖苑1栋502）"]),
        Error::Invalid(linli_domain::DomainError::coded(
            "notes",
            msg::NOTES_TOO_LONG,
            vec![],
        )),
        Error::Sqlite(rusqlite::Error::InvalidQuery),
        Error::Json(serde_json::from_str::<i32>("x").unwrap_err()),
        // every spreadsheet error
        Error::Sheets(linli_sheets::Error::Io {
            path: "a.xlsx".into(),
            source: std::io::Error::other("denied"),
        }),
        Error::Sheets(linli_sheets::Error::UnsupportedFormat("doc".into())),
        Error::Sheets(linli_sheets::Error::Excel {
            path: "a.xlsx".into(),
            message: "zip".into(),
        }),
        Error::Sheets(linli_sheets::Error::SheetNotFound("Sheet9".into())),
        Error::Sheets(linli_sheets::Error::NoData("a.xlsx".into())),
        Error::Sheets(linli_sheets::Error::NoPlaces("a.xlsx".into())),
        Error::Sheets(linli_sheets::Error::NotList {
            file: "a.xlsx".into(),
            list: "志愿者名单".into(),
            headers: "姓名、电话".into(),
        }),
        Error::Sheets(linli_sheets::Error::Mapping(
            serde_json::from_str::<i32>("x").unwrap_err(),
        )),
        Error::Sheets(linli_sheets::Error::Xlsx("full".into())),
        Error::Sheets(linli_sheets::Error::Write {
            path: "a.xlsx".into(),
            message: "full".into(),
        }),
    ];
    for e in cases {
        let (code, args) = e.code().unwrap_or_else(|| panic!("{e:?} has no code"));
        let m = msg::find(code).unwrap_or_else(|| panic!("{code} is not in the catalogue"));
        assert_eq!(e.to_string(), m.zh(&args), "{code}");
        let api = ApiError::from(e);
        assert_eq!(api.code.as_deref(), Some(code));
        assert_eq!(api.args.len(), args.len(), "{code}");
    }
}

/// Every refusal of the store comes from the catalogue, so the window can say it in its
/// language. A new `DomainError::invalid` or `Error::Conflict { message, code: None }` fails
/// here: give it a code in `linli_domain::msg` instead. The one plain sentence left is
/// `replica/mod.rs`'s `bad`, used only when the operating system refuses to start the WAL
/// checkpoint thread: its message is the OS's own error text, with nothing to translate.
/// (Files named `*test*` hold test helpers and are not counted.)
#[test]
fn no_new_refusal_without_a_catalogue_code() {
    const STILL_PLAIN: usize = 1;
    let mut plain = Vec::new();
    let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy();
            if name.contains("test") || name == "error.rs" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let n = text.matches(concat!("DomainError::", "invalid(")).count()
                + text.matches(concat!("code: ", "None")).count();
            if n > 0 {
                plain.push(format!("{}: {n}", path.display()));
            }
        }
    }
    let total: usize = plain
        .iter()
        .map(|l| l.rsplit(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert!(
        total <= STILL_PLAIN && plain.iter().all(|l| l.contains("replica")),
        "{total} refusals without a catalogue code (at most {STILL_PLAIN}, the checkpoint thread's):\n{}",
        plain.join("\n")
    );
}
