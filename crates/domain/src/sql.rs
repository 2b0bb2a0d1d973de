//! How the domain's values go in and out of SQLite columns, behind the optional `rusqlite`
//! feature (the store turns it on; the UI's wasm32 build never does): ids and clocks as their
//! text, coded enums as their code. A code this version does not know is an error when read as
//! its enum, and kept as it is when read as [`Code`].

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::code::{Code, Coded};
use crate::{Hlc, Id};

fn other(e: impl std::error::Error + Send + Sync + 'static) -> FromSqlError {
    FromSqlError::Other(Box::new(e))
}

impl ToSql for Id {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Id {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value.as_str()?.parse().map_err(other)
    }
}

impl ToSql for Hlc {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Hlc {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value.as_str()?.parse().map_err(other)
    }
}

impl<T: Coded> ToSql for Code<T> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_code()))
    }
}

impl<T: Coded> FromSql for Code<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Ok(Code::read(value.as_str()?))
    }
}

/// A code this version does not know, read as its enum.
#[derive(Debug)]
struct UnknownCode(String);

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown code “{}” (written by a newer Linli?)", self.0)
    }
}

impl std::error::Error for UnknownCode {}

macro_rules! sql_by_code {
    ($($t:ty),* $(,)?) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(Coded::code(*self)))
            }
        }

        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let s = value.as_str()?;
                <$t as Coded>::from_code(s).ok_or_else(|| other(UnknownCode(s.to_owned())))
            }
        }
    )*};
}

sql_by_code!(
    crate::field::VisitKind,
    crate::field::VisitOutcome,
    crate::field::TaskCategory,
    crate::field::SnapshotKind,
    crate::field::TaskEventKind,
    crate::field::TaskSource,
    crate::field::Rater,
    crate::field::TaskStatus,
    crate::register::ResidenceStatus,
    crate::register::Role,
    crate::register::GridKind,
    crate::volunteers::TeamKind,
    crate::volunteers::LedgerKind,
    crate::volunteers::ItemKind,
    crate::place::PlaceKind,
    crate::gender::Gender,
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::VisitKind;
    use rusqlite::Connection;

    #[test]
    fn values_round_trip_through_columns() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t (id TEXT, hlc TEXT, kind TEXT)")
            .unwrap();
        let (id, hlc) = (Id::new(), Hlc::new(1_700_000_000_000, 3));
        c.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3)",
            rusqlite::params![id, hlc, VisitKind::Care],
        )
        .unwrap();
        let (i, h, k): (Id, Hlc, VisitKind) = c
            .query_row("SELECT id, hlc, kind FROM t", [], |r| {
                Ok((r.get("id")?, r.get("hlc")?, r.get("kind")?))
            })
            .unwrap();
        assert_eq!((i, h, k), (id, hlc, VisitKind::Care));
        let text: String = c.query_row("SELECT kind FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(text, "care");
    }

    #[test]
    fn an_unknown_code_is_kept_as_code_and_refused_as_its_enum() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t (kind TEXT); INSERT INTO t VALUES ('phone_call')")
            .unwrap();
        let kept: Code<VisitKind> = c.query_row("SELECT kind FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(kept, Code::Unknown("phone_call".into()));
        c.execute("UPDATE t SET kind = ?1", [&kept]).unwrap();
        let back: String = c.query_row("SELECT kind FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(back, "phone_call", "written back unchanged");
        let as_enum = c.query_row("SELECT kind FROM t", [], |r| r.get::<_, VisitKind>(0));
        assert!(as_enum.is_err(), "never silently another kind");
    }
}
