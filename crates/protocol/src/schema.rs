//! Every synced table's columns with their types and whether they may be null: the one list the
//! server checks pushed values against and the laptop checks pulled values against (its SQL
//! schema is tested to match it). A value that passes here can be stored by every laptop.

use serde_json::Value;

/// Entities merge per field; facts are inserted once and never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Entity,
    Fact,
}

/// The type of a synced column as it travels: SQLite `TEXT` or `INTEGER`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// A JSON string (JSON lists such as `tags` travel as their text).
    Text,
    /// A JSON whole number in `i64`, or `true`/`false` (stored as 1/0).
    Int,
}

/// One column of a synced table (every column but `id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColType,
    pub nullable: bool,
}

/// A synced table: its name, kind and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncedTable {
    pub name: &'static str,
    pub kind: TableKind,
    pub columns: &'static [Column],
}

impl SyncedTable {
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// The most fields one change may carry.
pub const MAX_FIELDS: usize = 64;

/// The largest value (as JSON text) one field may carry: 64 KiB.
pub const MAX_VALUE_BYTES: usize = 64 * 1024;

const fn text(name: &'static str) -> Column {
    Column {
        name,
        ty: ColType::Text,
        nullable: false,
    }
}

const fn text_or_null(name: &'static str) -> Column {
    Column {
        name,
        ty: ColType::Text,
        nullable: true,
    }
}

const fn int(name: &'static str) -> Column {
    Column {
        name,
        ty: ColType::Int,
        nullable: false,
    }
}

const fn int_or_null(name: &'static str) -> Column {
    Column {
        name,
        ty: ColType::Int,
        nullable: true,
    }
}

const fn entity(name: &'static str, columns: &'static [Column]) -> SyncedTable {
    SyncedTable {
        name,
        kind: TableKind::Entity,
        columns,
    }
}

const fn fact(name: &'static str, columns: &'static [Column]) -> SyncedTable {
    SyncedTable {
        name,
        kind: TableKind::Fact,
        columns,
    }
}

// the tables themselves, one list in a file of its own
#[path = "schema_tables/mod.rs"]
mod tables;
pub use tables::SYNCED_TABLES;

/// `test_ledger`: a fact table with a floor (`FLOOR_RULES`) that the sync tests exercise the
/// mechanism with. The server accepts it like any synced table; a laptop without it keeps its
/// changes aside.
pub const TEST_LEDGER: SyncedTable = fact("test_ledger", &[text("account"), int("delta")]);

/// A synced table of the laptop by name.
pub fn synced_table(name: &str) -> Option<&'static SyncedTable> {
    SYNCED_TABLES.iter().find(|t| t.name == name)
}

/// A table the server accepts changes for: every synced table and [`TEST_LEDGER`].
pub fn server_table(name: &str) -> Option<&'static SyncedTable> {
    synced_table(name).or((name == TEST_LEDGER.name).then_some(&TEST_LEDGER))
}

/// Why a value does not fit its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueProblem {
    /// null in a column that may not be null
    Null,
    /// not text in a text column
    NotText,
    /// not a whole number (or a bool) in an integer column
    NotInt,
}

impl ValueProblem {
    /// The reason in Chinese and English, as the laptop's kept-aside changes give it.
    pub fn why(self) -> &'static str {
        match self {
            ValueProblem::Null => "不能为空 (may not be null)",
            ValueProblem::NotText => "必须是文字 (must be text)",
            ValueProblem::NotInt => "必须是整数 (must be a whole number)",
        }
    }
}

/// Why a value does not fit its column, if it does not.
pub fn value_problem(col: &Column, v: &Value) -> Option<ValueProblem> {
    match (v, col.ty) {
        (Value::Null, _) if col.nullable => None,
        (Value::Null, _) => Some(ValueProblem::Null),
        (Value::String(_), ColType::Text) => None,
        (Value::Bool(_), ColType::Int) => None,
        (Value::Number(n), ColType::Int) if n.is_i64() => None,
        (_, ColType::Text) => Some(ValueProblem::NotText),
        (_, ColType::Int) => Some(ValueProblem::NotInt),
    }
}

/// What is wrong with a change's fields against its table (the one rule; [`check_fields`] says
/// it as a sentence, the server as a catalogue code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    /// more than [`MAX_FIELDS`] fields
    TooMany,
    /// a field the table does not have
    NoSuchField(String),
    /// a value that does not fit its column
    Value(String, ValueProblem),
    /// a text value over [`MAX_VALUE_BYTES`] (its length in bytes)
    TooLong(String, usize),
}

/// Checks a change's fields against `table`: each a known column, of its type, null only where
/// allowed, at most [`MAX_FIELDS`] of them, none over [`MAX_VALUE_BYTES`]. Answers the first
/// problem.
pub fn field_problem<'a>(
    table: &SyncedTable,
    fields: impl ExactSizeIterator<Item = (&'a String, &'a Value)>,
) -> Option<FieldProblem> {
    if fields.len() > MAX_FIELDS {
        return Some(FieldProblem::TooMany);
    }
    for (name, v) in fields {
        let Some(col) = table.column(name) else {
            return Some(FieldProblem::NoSuchField(name.clone()));
        };
        if let Some(why) = value_problem(col, v) {
            return Some(FieldProblem::Value(name.clone(), why));
        }
        if let Value::String(s) = v {
            if s.len() > MAX_VALUE_BYTES {
                return Some(FieldProblem::TooLong(name.clone(), s.len()));
            }
        }
    }
    None
}

/// [`field_problem`] as one sentence in Chinese and English naming the table, the field and why.
pub fn check_fields<'a>(
    table: &SyncedTable,
    fields: impl ExactSizeIterator<Item = (&'a String, &'a Value)>,
) -> Result<(), String> {
    let t = table.name;
    match field_problem(table, fields) {
        None => Ok(()),
        Some(FieldProblem::TooMany) => Err(format!(
            "数据表“{t}”的一条变更最多 {MAX_FIELDS} 个字段 (a change to {t} carries at most {MAX_FIELDS} fields)"
        )),
        Some(FieldProblem::NoSuchField(name)) => Err(format!(
            "数据表“{t}”没有字段“{name}” (table {t} has no field {name})"
        )),
        Some(FieldProblem::Value(name, why)) => Err(format!("{t}.{name} {}", why.why())),
        Some(FieldProblem::TooLong(name, len)) => Err(format!(
            "{t}.{name} 超过 64 KB (is over 64 KiB: {len} bytes)"
        )),
    }
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
