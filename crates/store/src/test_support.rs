//! Test-only seams, behind the `test-support` feature (the store's own tests, and the sync
//! simulation, the benchmarks and other crates' tests through their dev-dependencies): writing
//! rows of any table in a schema without a typed store function, at a wall time of the caller's.

use std::collections::BTreeMap;

use linli_domain::Id;
use linli_protocol::sync::Change;
use serde_json::Value;

use crate::journal::Scope;
use crate::{Result, Schema, Store};

fn bad(field: &'static str, message: String) -> crate::Error {
    linli_domain::DomainError::invalid(field, message).into()
}

/// A write to one row for tables that have no typed store function yet (and the sync simulation).
#[derive(Debug, Clone)]
pub struct SyncWrite {
    pub table: String,
    pub row_id: Id,
    pub fields: BTreeMap<String, Value>,
    pub scope_community: Option<Id>,
    pub scope_grid: Option<Id>,
    pub scope_place: Option<Id>,
}

impl Store {
    /// Writes one row of any table in `schema` with its field versions and journal entry, in one
    /// transaction, at wall time `now_ms` (the simulation skews it). Entities upsert the given
    /// fields; a fact must carry a new row id.
    pub fn write_row(&mut self, schema: &Schema, w: SyncWrite, now_ms: u64) -> Result<Change> {
        Ok(self.write_rows(schema, vec![w], now_ms)?.remove(0))
    }

    /// Writes many rows like [`Store::write_row`], in one transaction, through the one write path.
    pub fn write_rows(
        &mut self,
        schema: &Schema,
        ws: Vec<SyncWrite>,
        now_ms: u64,
    ) -> Result<Vec<Change>> {
        let mut resolved = Vec::with_capacity(ws.len());
        for w in ws {
            let def = schema
                .table(&w.table)
                .ok_or_else(|| bad("table", format!("“{}”不是可同步的数据表", w.table)))?;
            let mut cols = Vec::with_capacity(w.fields.len());
            for (name, value) in w.fields {
                let col = crate::tables::column(def, &name)
                    .ok_or_else(|| bad("field", format!("数据表“{}”没有字段“{name}”", def.name)))?;
                cols.push((col, value));
            }
            let scope = Scope {
                community: w.scope_community,
                grid: w.scope_grid,
                place: w.scope_place,
            };
            resolved.push((def, w.row_id, cols, scope));
        }
        let mut writer = self.begin()?;
        writer.at_wall_time(now_ms);
        let mut out = Vec::with_capacity(resolved.len());
        for (def, row_id, cols, scope) in resolved {
            out.push(writer.write_def(def, row_id, cols, scope)?);
        }
        writer.commit()?;
        Ok(out)
    }
}
