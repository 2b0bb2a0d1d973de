//! A redaction pulled from the server (issue 16 item 5: `linli admin erase`, `linli admin
//! purge`; `linli_protocol::erasure`): set the erased fields of one row to their tombstones in
//! the row itself, in every journal entry of that row — the outbox is the journal's unsent tail,
//! so an unsent edit carrying the old value is rewritten too and never pushed — and in changes
//! kept aside in `sync_unapplied`. The row is noted as touched, so the commit step refreshes what
//! is derived from it (a resident's search keys) in the same transaction. The redaction itself is
//! neither stored as a row nor journalled: the server keeps it in its log for every laptop that
//! has not pulled it yet, however long it was offline.
//!
//! The row's versions (`_v`) stay: the tombstone takes the place of the value it replaces, and
//! the server holds the same tombstone under the same version.

use std::collections::BTreeMap;

use linli_protocol::erasure::Redaction;
use linli_protocol::sync::Change;
use rusqlite::{params, Transaction};
use serde_json::Value;

use super::Schema;
use crate::journal::Touched;
use crate::tables::column;
use crate::Result;

/// Applies a redaction within `tx`. Answers why not, for one this laptop cannot apply (a table
/// or field it does not know), which the caller keeps aside.
pub(crate) fn apply(
    tx: &Transaction<'_>,
    schema: &Schema,
    r: &Redaction,
    touched: &mut Touched,
) -> Result<Option<String>> {
    let Some(def) = schema.table(&r.table) else {
        return Ok(Some(unknown(&r.table)));
    };
    let mut cols = Vec::new();
    for (field, value) in &r.set {
        let Some(col) = column(def, field) else {
            return Ok(Some(unknown(&r.table)));
        };
        cols.push((col, value));
    }
    if cols.is_empty() {
        return Ok(None);
    }
    // a value this laptop cannot store is kept aside rather than stopping the page
    if let Some(table) = linli_protocol::schema::synced_table(def.name) {
        if let Err(reason) = linli_protocol::schema::check_fields(table, r.set.iter()) {
            return Ok(Some(reason));
        }
    }
    let row = r.row_id.to_string();
    // the row (names from the schema, never from the wire)
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, (c, _))| format!("{c} = ?{}", i + 2))
        .collect();
    let sql = format!("UPDATE {} SET {} WHERE id = ?1", def.name, sets.join(", "));
    let mut values: Vec<rusqlite::types::Value> = vec![row.clone().into()];
    values.extend(cols.iter().map(|(_, v)| crate::journal::to_sql(v)));
    tx.execute(&sql, rusqlite::params_from_iter(values))?;
    // its journal entries, the unsent ones (the outbox) among them
    let entries: Vec<(String, i64, String)> = tx
        .prepare_cached(
            "SELECT device_id, device_seq, fields FROM journal WHERE tbl = ?1 AND row_id = ?2",
        )?
        .query_map(params![def.name, row], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (device, seq, text) in entries {
        let mut fields: BTreeMap<String, Value> = serde_json::from_str(&text)?;
        if overwrite(&mut fields, &r.set) {
            tx.prepare_cached(
                "UPDATE journal SET fields = ?3 WHERE device_id = ?1 AND device_seq = ?2",
            )?
            .execute(params![device, seq, serde_json::to_string(&fields)?])?;
        }
    }
    // pulled changes of the row kept aside
    let aside: Vec<(i64, String)> = tx
        .prepare_cached("SELECT server_seq, change FROM sync_unapplied")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (seq, text) in aside {
        let Ok(mut c) = serde_json::from_str::<Change>(&text) else {
            continue;
        };
        if c.table == r.table && c.row_id == r.row_id && overwrite(&mut c.fields, &r.set) {
            tx.execute(
                "UPDATE sync_unapplied SET change = ?2 WHERE server_seq = ?1",
                params![seq, serde_json::to_string(&c)?],
            )?;
        }
    }
    touched.note(def.name, r.row_id);
    Ok(None)
}

/// Sets the fields of `set` that `fields` holds; answers whether any changed.
fn overwrite(fields: &mut BTreeMap<String, Value>, set: &BTreeMap<String, Value>) -> bool {
    let mut changed = false;
    for (k, v) in set {
        if let Some(old) = fields.get_mut(k) {
            if old != v {
                *old = v.clone();
                changed = true;
            }
        }
    }
    changed
}

fn unknown(table: &str) -> String {
    format!(
        "这个版本的邻里不认识要删除的数据表“{table}”或它的某个字段；升级后可以补上 (this version of Linli does not know table {table} or one of its fields named by a redaction)"
    )
}

#[cfg(test)]
mod tests {
    use linli_domain::{Hlc, Id, PlaceKind};
    use linli_protocol::erasure::{REDACTIONS, SERVER_DEVICE};
    use linli_protocol::sync::{PullResponse, PulledChange};
    use linli_protocol::AddPlace;
    use serde_json::json;

    use super::*;
    use crate::Store;

    fn redaction(seq: i64, fields: serde_json::Value) -> PulledChange {
        PulledChange {
            server_seq: seq,
            needs_review: false,
            read_only: false,
            change: Change {
                change_id: Id::new(),
                device_id: SERVER_DEVICE,
                device_seq: seq,
                hlc: Hlc::new(1_000, 0),
                author: None,
                scope_community: None,
                scope_grid: None,
                scope_place: None,
                table: REDACTIONS.into(),
                row_id: Id::new(),
                fields: serde_json::from_value(fields).unwrap(),
            },
        }
    }

    #[test]
    fn a_redaction_rewrites_the_row_and_its_journal_and_one_it_cannot_read_is_kept_aside() {
        let mut s = Store::open_in_memory().unwrap();
        let place = s
            .add_place(&AddPlace {
                kind: PlaceKind::Community,
                name: "北门社区".into(),
                parent_id: None,
            })
            .unwrap()
            .id;
        let page = PullResponse {
            changes: vec![
                redaction(
                    1,
                    json!({"table": "places", "row_id": place.to_string(), "set": {"name": "已删除"}}),
                ),
                redaction(
                    2,
                    json!({"table": "nope", "row_id": place.to_string(), "set": {"name": "x"}}),
                ),
                redaction(
                    3,
                    json!({"table": "places", "row_id": place.to_string(), "set": {"nope": "x"}}),
                ),
                redaction(4, json!({"table": "places"})),
                redaction(
                    5,
                    json!({"table": "places", "row_id": place.to_string(), "set": {"name": null}}),
                ),
            ],
            next: 5,
            more: false,
            server_time: Hlc::new(1_000, 0),
        };
        let applied = s.apply_pulled(&Schema::default(), &page).unwrap();
        assert_eq!((applied.changed, applied.kept_aside), (1, 4));
        let name: String = s
            .conn()
            .query_row(
                "SELECT name FROM places WHERE id = ?1",
                [place.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(name, "已删除");
        let journal = s.journal().unwrap();
        assert_eq!(journal.len(), 1, "the redaction itself is not journalled");
        assert_eq!(journal[0].fields["name"], json!("已删除"));
        assert_eq!(journal[0].fields["kind"], json!("community"));
        let aside: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM sync_unapplied", [], |r| r.get(0))
            .unwrap();
        assert_eq!(aside, 4);
    }
}
