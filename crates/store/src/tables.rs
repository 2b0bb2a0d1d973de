//! The synced tables and their columns: the one whitelist that local writes, applied remote
//! changes and the canonical export all go through. A table or column not listed here cannot be
//! written through the journal, whoever asks. The list is linli-protocol's
//! [`SYNCED_TABLES`](linli_protocol::schema::SYNCED_TABLES), the one the server checks values
//! against: written once, read here as names.

use std::sync::LazyLock;

use linli_domain::DomainError;
pub use linli_protocol::schema::TableKind;

/// A synced table.
#[derive(Debug)]
pub struct TableDef {
    pub name: &'static str,
    pub kind: TableKind,
    /// Every column but `id`.
    pub columns: &'static [&'static str],
}

/// Every synced table, in the order the canonical export lists them: the shared list's tables
/// with their columns' names (made once, kept for the process).
pub static TABLES: LazyLock<Vec<TableDef>> = LazyLock::new(|| {
    linli_protocol::schema::SYNCED_TABLES
        .iter()
        .map(|t| TableDef {
            name: t.name,
            kind: t.kind,
            columns: Vec::leak(t.columns.iter().map(|c| c.name).collect()),
        })
        .collect()
});

/// The definition of a synced table.
pub fn table(name: &str) -> Option<&'static TableDef> {
    TABLES.iter().find(|t| t.name == name)
}

/// `name` as the column of `def` it names (a `'static` name), if it is one.
pub(crate) fn column(def: &'static TableDef, name: &str) -> Option<&'static str> {
    def.columns.iter().copied().find(|c| *c == name)
}

/// Refuses a write to a table or column that is not synced, or of the wrong kind.
pub(crate) fn check_write<'a>(
    name: &str,
    kind: TableKind,
    mut fields: impl Iterator<Item = &'a str>,
) -> crate::Result<&'static TableDef> {
    let def = table(name).filter(|d| d.kind == kind).ok_or_else(|| {
        DomainError::coded(
            "table",
            linli_domain::msg::NOT_A_SYNC_TABLE,
            linli_domain::args![name = name],
        )
    })?;
    if let Some(bad) = fields.find(|f| !def.columns.contains(f)) {
        return Err(DomainError::coded(
            "field",
            linli_domain::msg::TABLE_NO_FIELD,
            linli_domain::args![table = name, field = bad],
        )
        .into());
    }
    Ok(def)
}

#[cfg(test)]
#[path = "tables_tests.rs"]
mod tests;
