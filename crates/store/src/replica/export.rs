//! The exports of synced rows: [`Store::export`], table → row id → field → value for comparing
//! replicas with each other and with the server, and the canonical export, every row of every
//! synced table in one JSON object keyed by table name, rows sorted by id, columns in schema
//! order, no local bookkeeping (`_v`, the journal, the search index, meta). Two databases holding
//! the same data give byte-identical output.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use linli_domain::Id;
use rusqlite::types::{Value as SqlValue, ValueRef};
use serde_json::Value;

use super::Schema;
use crate::journal::to_sql;
use crate::register::households::mask_phone;
use crate::register::residents::mask_id;
use crate::tables::TABLES;
use crate::{Result, Store};

fn push_value(out: &mut String, v: ValueRef<'_>) -> Result<()> {
    match v {
        ValueRef::Null => out.push_str("null"),
        ValueRef::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        ValueRef::Real(f) => out.push_str(&serde_json::to_string(&f)?),
        ValueRef::Text(t) => out.push_str(&serde_json::to_string(&String::from_utf8_lossy(t))?),
        ValueRef::Blob(b) => out.push_str(&serde_json::to_string(&b)?),
    }
    Ok(())
}

impl Store {
    /// Writes the canonical export as pretty, stable JSON text.
    pub fn export_canonical(&self) -> Result<String> {
        self.canonical_text(false)
    }

    /// The canonical export with every ID number and phone masked (`3501**********123X`,
    /// `139****5678`), as `linli export --format json` writes it unless `--reveal` (issue 16).
    pub fn export_masked(&self) -> Result<String> {
        self.canonical_text(true)
    }

    fn canonical_text(&self, masked: bool) -> Result<String> {
        // fields by role: a steward's or coordinator's laptop writes no number, masked or clear
        if !masked {
            self.refuse_withheld()?;
        }
        let withheld = self.withheld()?;
        let mut out = String::from("{");
        for (ti, t) in TABLES.iter().enumerate() {
            if ti > 0 {
                out.push(',');
            }
            let _ = write!(out, "\n  {}: [", serde_json::to_string(t.name)?);
            let sql = format!(
                "SELECT id, {} FROM {} ORDER BY id",
                t.columns.join(", "),
                t.name
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            let mut first = true;
            while let Some(row) = rows.next()? {
                out.push_str(if first { "\n    {" } else { ",\n    {" });
                first = false;
                for (i, col) in std::iter::once(&"id").chain(t.columns.iter()).enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    let _ = write!(out, "{}: ", serde_json::to_string(col)?);
                    let v = row.get_ref(i)?;
                    match (masked, *col, v) {
                        (true, "id_number" | "phone", ValueRef::Text(_))
                            if withheld && matches!(t.name, "residents" | "households") =>
                        {
                            out.push_str(&serde_json::to_string(crate::WITHHELD_TEXT)?)
                        }
                        (true, "id_number", ValueRef::Text(t)) => out.push_str(
                            &serde_json::to_string(&mask_id(&String::from_utf8_lossy(t)))?,
                        ),
                        (true, "phone", ValueRef::Text(t)) => out.push_str(&serde_json::to_string(
                            &mask_phone(&String::from_utf8_lossy(t)),
                        )?),
                        _ => push_value(&mut out, v)?,
                    }
                }
                out.push('}');
            }
            out.push_str(if first { "]" } else { "\n  ]" });
        }
        out.push_str("\n}\n");
        Ok(out)
    }
}

/// One canonical export of synced rows: table → row id → field → value. Only fields that some
/// write set are listed (never column defaults), in the value form SQLite stores (see
/// [`sql_canonical`]), so a laptop's export and the server's can be compared.
pub type Export = BTreeMap<String, BTreeMap<Id, BTreeMap<String, Value>>>;

/// A JSON value as it reads back from a SQLite column: booleans become 0/1, arrays and objects
/// their JSON text.
pub fn sql_canonical(v: &Value) -> Value {
    from_sql(to_sql(v))
}

fn from_sql(v: SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => Value::from(f),
        SqlValue::Text(s) => Value::String(s),
        SqlValue::Blob(b) => Value::String(String::from_utf8_lossy(&b).into_owned()),
    }
}

impl Store {
    /// Every synced row in `schema` as table → row id → column → value (no `_v`, no journal),
    /// for comparing replicas with each other and with the server.
    pub fn export(&self, schema: &Schema) -> Result<Export> {
        let mut out = Export::new();
        for def in schema.tables() {
            let mut rows = BTreeMap::new();
            let cols = def.columns.join(", ");
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT id, {cols} FROM {}", def.name))?;
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                let id: String = r.get(0)?;
                let mut row = BTreeMap::new();
                for (i, c) in def.columns.iter().enumerate() {
                    row.insert((*c).to_owned(), from_sql(r.get::<_, SqlValue>(i + 1)?));
                }
                rows.insert(id.parse()?, row);
            }
            out.insert(def.name.to_owned(), rows);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::demo::{generate, DemoOptions};
    use crate::Store;

    #[test]
    fn the_same_data_exports_byte_identically_and_parses() {
        let opts = DemoOptions {
            households: 40,
            seed: 7,
        };
        let mut a = Store::open_in_memory().unwrap();
        let mut b = Store::open_in_memory().unwrap();
        generate(&mut a, opts).unwrap();
        generate(&mut b, opts).unwrap();
        let (ea, eb) = (a.export_canonical().unwrap(), b.export_canonical().unwrap());
        assert_eq!(ea, eb);
        let v: serde_json::Value = serde_json::from_str(&ea).unwrap();
        assert_eq!(v["households"].as_array().unwrap().len(), 40);
        assert!(v.get("journal").is_none() && v.get("search_index").is_none());
        assert!(!ea.contains("\"_v\""));
        let ids: Vec<&str> = v["residents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        // another seed is another town
        let mut c = Store::open_in_memory().unwrap();
        generate(
            &mut c,
            DemoOptions {
                households: 40,
                seed: 8,
            },
        )
        .unwrap();
        assert_ne!(c.export_canonical().unwrap(), ea);
    }
}
