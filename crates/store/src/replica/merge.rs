//! Merging a change that another device made into this laptop's rows: `linli_domain::merge`'s
//! per-field rule (a field takes the write with the greater (HLC, device) version) against the
//! versions each row keeps in `_v`, through the journal's SQL. Idempotent: applying a change
//! twice, or an older change after a newer one, changes nothing. Any table of a schema merges
//! the same way; nothing here knows what a feature derives from a row.

use std::collections::BTreeMap;

use linli_domain::merge::Version;
use linli_domain::{DomainError, Hlc, Id};
use linli_protocol::sync::Change;
use rusqlite::Transaction;
use serde_json::Value;

use crate::journal::{insert_fact_row, upsert_entity, JournalText, PageStatements, Touched};
use crate::tables::{self, TableKind};
use crate::Result;

/// What applying one change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The fields whose value changed (all of them for a new fact; none for a repeat).
    pub fields: Vec<&'static str>,
    /// Whether the change was new to the journal.
    pub new: bool,
    /// Whether the row was not here before (inserted by this change).
    pub inserted: bool,
}

fn parse_version(text: &str) -> Option<Version> {
    let (hlc, device) = text.split_once(' ')?;
    Some(Version {
        hlc: hlc.parse::<Hlc>().ok()?,
        device: device.parse::<Id>().ok()?,
    })
}

/// The versions of a row's fields, from its `_v` column.
pub(crate) fn field_versions(v: &str) -> BTreeMap<String, Version> {
    serde_json::from_str::<BTreeMap<String, String>>(v)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, t)| parse_version(&t).map(|v| (k, v)))
        .collect()
}

/// Applies a change from any device within the caller's transaction, noting the row in
/// `touched` when it changed.
pub(crate) fn apply_change(
    tx: &Transaction<'_>,
    c: &Change,
    touched: &mut Touched,
) -> Result<Applied> {
    let def = tables::table(&c.table).ok_or_else(|| {
        DomainError::coded(
            "table",
            linli_domain::msg::NOT_A_SYNC_TABLE,
            linli_domain::args![name = c.table],
        )
    })?;
    tables::check_write(&c.table, def.kind, c.fields.keys().map(String::as_str))?;
    let cols: Vec<(&'static str, &Value)> = c
        .fields
        .iter()
        .filter_map(|(k, v)| Some((tables::column(def, k)?, v)))
        .collect();
    let mut st = PageStatements::new(tx);
    let applied = apply_checked(&mut st, tx, def, c, &cols, &JournalText::of(c)?, true)?;
    if !applied.fields.is_empty() {
        touched.note(def.name, c.row_id);
    }
    Ok(applied)
}

/// Applies `c` to the synced table `def`; `cols` are its fields, each checked to be a column of
/// `def` (one entry per field, as the change's map has them). `journal` false leaves the change
/// out of the journal (a change a copy of this laptop's file made under its device id: its
/// number must stay free here, so that this laptop's own change under it is a seq_conflict).
pub(crate) fn apply_checked(
    st: &mut PageStatements<'_>,
    tx: &Transaction<'_>,
    def: &'static tables::TableDef,
    c: &Change,
    cols: &[(&'static str, &Value)],
    text: &JournalText,
    journal: bool,
) -> Result<Applied> {
    let new = journal && st.journal(c, text)?;
    let fields: Vec<&'static str> = match def.kind {
        TableKind::Fact => {
            return Ok(if insert_fact_row(tx, def.name, c.row_id, cols)? {
                Applied {
                    fields: cols.iter().map(|(k, _)| *k).collect(),
                    new,
                    inserted: true,
                }
            } else {
                Applied {
                    fields: Vec::new(),
                    new,
                    inserted: false,
                }
            });
        }
        TableKind::Entity => {
            let version = &text.version;
            // a row new here is inserted straight away, every field winning (as the merge below
            // would have it against no versions); a row already here merges. Most rows of a
            // first pull are new (tried first), most of a later pull's are here (looked up first).
            let all_new = || Applied {
                fields: cols.iter().map(|(k, _)| *k).collect(),
                new,
                inserted: true,
            };
            if !cols.is_empty()
                && st.expect_new
                && st.insert_new(def, &text.row_id, cols, version)?
            {
                return Ok(all_new());
            }
            let current = st.versions(def.name, &text.row_id)?;
            if current.is_none()
                && !cols.is_empty()
                && !st.expect_new
                && st.insert_new(def, &text.row_id, cols, version)?
            {
                return Ok(all_new());
            }
            let versions = current.as_deref().map(field_versions).unwrap_or_default();
            let star = versions.get("*").copied();
            let incoming = Version {
                hlc: c.hlc,
                device: c.device_id,
            };
            let winners: Vec<(&'static str, &Value)> = cols
                .iter()
                .filter(|(k, _)| {
                    versions
                        .get(*k)
                        .copied()
                        .or(star)
                        .is_none_or(|cur| incoming > cur)
                })
                .copied()
                .collect();
            if !winners.is_empty() {
                // a change that wins every column leaves them all at its version: `_v` becomes
                // one `*` entry, as for a local write of every column (a pulled household's row
                // is a quarter of the size it was with a version per field)
                if current.is_some() {
                    st.update(def, &text.row_id, &winners, version)?;
                } else {
                    let all = winners.len() == def.columns.len();
                    upsert_entity(tx, def.name, c.row_id, &winners, version, all)?;
                }
            }
            winners.iter().map(|(k, _)| *k).collect()
        }
    };
    Ok(Applied {
        fields,
        new,
        inserted: false,
    })
}

#[cfg(test)]
mod tests {
    //! The store's merge held against `linli_domain::merge`, the one rule: any changes to one row,
    //! applied in any order (and some twice), leave the row as the rule's merge of them all.

    use std::collections::BTreeMap;

    use linli_domain::merge::{self as rule, Versioned};
    use proptest::prelude::*;

    use super::*;
    use crate::journal::Touched;
    use crate::Store;

    const FIELDS: [&str; 3] = ["kind", "name", "parent_id"];

    /// A change to some of a place's fields: (which fields as bits, value seed, ms, device).
    fn changes() -> impl Strategy<Value = Vec<(u8, u8, u64, u8)>> {
        prop::collection::vec((1u8..8, 0u8..4, 0u64..6, 0u8..3), 1..8)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_order_of_changes_ends_as_the_domain_rule_merges_them(
            ops in changes(),
            order in prop::collection::vec(any::<prop::sample::Index>(), 1..16),
        ) {
            let row = Id::new();
            let devices = [Id::new(), Id::new(), Id::new()];
            // one (HLC, device) per change, as a correct device never repeats one
            let mut seen = std::collections::BTreeSet::new();
            let cs: Vec<Change> = ops
                .iter()
                .enumerate()
                .filter(|(_, (_, _, ms, d))| seen.insert((*ms, *d)))
                .map(|(i, (bits, seed, ms, d))| Change {
                    change_id: Id::new(),
                    device_id: devices[*d as usize],
                    device_seq: i as i64 + 1,
                    hlc: Hlc::new(1_000 + ms, 0),
                    author: None,
                    scope_community: None,
                    scope_grid: None,
                    scope_place: None,
                    table: "places".into(),
                    row_id: row,
                    fields: FIELDS
                        .iter()
                        .enumerate()
                        .filter(|(f, _)| bits & (1 << f) != 0)
                        .map(|(_, f)| ((*f).to_owned(), Value::from(format!("{f}{seed}"))))
                        .collect(),
                })
                .collect();
            // the rule's answer
            let mut expected = rule::Fields::new();
            for c in &cs {
                let incoming: rule::Fields = c
                    .fields
                    .iter()
                    .map(|(k, v)| {
                        let version = Version { hlc: c.hlc, device: c.device_id };
                        (k.clone(), Versioned { version, value: v.to_string() })
                    })
                    .collect();
                rule::apply(&mut expected, &incoming);
            }
            // the store's, in the drawn order, each change at least once
            let mut picks: Vec<usize> = order.iter().map(|i| i.index(cs.len())).collect();
            picks.extend(0..cs.len());
            let mut s = Store::open_in_memory().unwrap();
            let tx = s.conn.transaction().unwrap();
            let mut touched = Touched::default();
            for i in picks {
                apply_change(&tx, &cs[i], &mut touched).unwrap();
            }
            let got: BTreeMap<String, Value> = tx
                .query_row(
                    "SELECT kind, name, parent_id FROM places WHERE id = ?1",
                    [row.to_string()],
                    |r| {
                        Ok(FIELDS
                            .iter()
                            .enumerate()
                            .filter_map(|(i, f)| {
                                let v: Option<String> = r.get(i).ok()?;
                                Some(((*f).to_owned(), Value::from(v?)))
                            })
                            .collect())
                    },
                )
                .unwrap();
            let want: BTreeMap<String, Value> = expected
                .into_iter()
                .map(|(k, v)| (k, serde_json::from_str(&v.value).unwrap()))
                .collect();
            // a field no change set keeps its column default, which the rule does not know
            let got: BTreeMap<String, Value> =
                got.into_iter().filter(|(k, _)| want.contains_key(k)).collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(touched.of("places").count(), 1);
        }
    }
}
