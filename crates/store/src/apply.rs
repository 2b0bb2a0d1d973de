//! Applying a change that another device made: the same per-field merge rule as
//! `linli_domain::merge`, against the versions each row keeps in `_v`. Idempotent: applying a
//! change twice, or an older change after a newer one, changes nothing.

use std::collections::BTreeMap;

use linli_domain::merge::Version;
use linli_domain::{DomainError, Hlc, Id};
use linli_protocol::sync::Change;
use rusqlite::{OptionalExtension, Transaction};
use serde_json::Value;

use crate::derived::Pending;
use crate::tables::{self, TableKind};
use crate::write::{insert_fact_row, upsert_entity, JournalText, PageStatements};
use crate::Result;

/// What applying one change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The fields whose value changed (all of them for a new fact; none for a repeat).
    pub fields: Vec<&'static str>,
    /// Whether the change was new to the journal.
    pub new: bool,
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

/// Applies a change from any device within the caller's transaction.
pub fn apply_change(tx: &Transaction<'_>, c: &Change) -> Result<Applied> {
    let mut pending = Pending::default();
    let mut st = PageStatements::new(tx);
    let applied = apply_change_deferred(&mut st, tx, c, &JournalText::of(c)?, &mut pending)?;
    drop(st);
    pending.flush(tx)?;
    Ok(applied)
}

/// [`apply_change`], noting the changed row in `pending` instead of refreshing what is derived
/// from it: a pull refreshes once per page.
pub(crate) fn apply_change_deferred(
    st: &mut PageStatements<'_>,
    tx: &Transaction<'_>,
    c: &Change,
    text: &JournalText,
    pending: &mut Pending,
) -> Result<Applied> {
    let def = tables::table(&c.table)
        .ok_or_else(|| DomainError::invalid("table", format!("“{}”不是可同步的数据表", c.table)))?;
    tables::check_write(&c.table, def.kind, c.fields.keys().map(String::as_str))?;
    let cols: Vec<(&'static str, &Value)> = c
        .fields
        .iter()
        .filter_map(|(k, v)| Some((tables::column(def, k)?, v)))
        .collect();
    apply_checked(st, tx, def, c, &cols, text, pending, true)
}

/// Applies `c` to the synced table `def`; `cols` are its fields, each checked to be a column of
/// `def` (one entry per field, as the change's map has them). `journal` false leaves the change
/// out of the journal (a change a copy of this laptop's file made under its device id: its
/// number must stay free here, so that this laptop's own change under it is a seq_conflict).
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply_checked(
    st: &mut PageStatements<'_>,
    tx: &Transaction<'_>,
    def: &'static tables::TableDef,
    c: &Change,
    cols: &[(&'static str, &Value)],
    text: &JournalText,
    pending: &mut Pending,
    journal: bool,
) -> Result<Applied> {
    let new = journal && st.journal(c, text)?;
    let fields: Vec<&'static str> = match def.kind {
        TableKind::Fact => {
            if insert_fact_row(tx, def.name, c.row_id, cols)? {
                cols.iter().map(|(k, _)| *k).collect()
            } else {
                Vec::new()
            }
        }
        TableKind::Entity => {
            let version = &text.version;
            let all = cols.len() == def.columns.len();
            // most rows of a pull are new here: inserted straight away, every field winning (as
            // the merge below would have it against no versions); a row already here merges
            if !cols.is_empty() && st.insert_new(def, &text.row_id, cols, version)? {
                if all && def.name == "households" {
                    pending.index_new_household(st, c.row_id, &text.row_id, &c.fields)?;
                } else {
                    pending.note(def.name, c.row_id);
                }
                return Ok(Applied {
                    fields: cols.iter().map(|(k, _)| *k).collect(),
                    new,
                });
            }
            let current: Option<String> = tx
                .prepare_cached(&format!("SELECT _v FROM {} WHERE id = ?1", def.name))?
                .query_row([&text.row_id], |r| r.get(0))
                .optional()?;
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
                let all = winners.len() == def.columns.len();
                upsert_entity(tx, def.name, c.row_id, &winners, version, all)?;
            }
            winners.iter().map(|(k, _)| *k).collect()
        }
    };
    if !fields.is_empty() {
        pending.note(def.name, c.row_id);
    }
    Ok(Applied { fields, new })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::version_text;
    use crate::Store;
    use linli_domain::PlaceKind;
    use linli_protocol::{AddPlace, ListPlaces};

    fn rename(c: &Change, name: &str, ms_later: u64, device: Id) -> Change {
        let mut c = c.clone();
        c.change_id = Id::new();
        c.device_id = device;
        c.hlc = Hlc::new(c.hlc.ms + ms_later, 0);
        c.fields = [("name".to_owned(), Value::from(name))].into();
        c
    }

    fn apply_all(s: &mut Store, cs: &[Change]) {
        let tx = s.conn.transaction().unwrap();
        for c in cs {
            apply_change(&tx, c).unwrap();
        }
        tx.commit().unwrap();
    }

    fn names(s: &Store) -> Vec<String> {
        s.list_places(&ListPlaces::default())
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn changes_from_another_laptop_merge_per_field_in_any_order() {
        let mut a = Store::open_in_memory().unwrap();
        a.add_place(&AddPlace {
            kind: PlaceKind::Town,
            name: "樟城镇".into(),
            parent_id: None,
        })
        .unwrap();
        let created = a.journal().unwrap().remove(0);
        let other = Id::new();
        let newer = rename(&created, "樟城街道", 10, other);
        let older = rename(&created, "旧名", 5, other);

        let mut b = Store::open_in_memory().unwrap();
        apply_all(&mut b, &[newer.clone(), created.clone(), older.clone()]);
        let mut c = Store::open_in_memory().unwrap();
        apply_all(
            &mut c,
            &[created.clone(), older.clone(), newer.clone(), newer.clone()],
        );
        assert_eq!(names(&b), ["樟城街道"]);
        assert_eq!(names(&c), ["樟城街道"]);
        // the creating laptop gets the rename and keeps it against its own older write
        apply_all(&mut a, &[older, newer]);
        assert_eq!(names(&a), ["樟城街道"]);
        // kind and parent came from the creation, on every replica
        assert_eq!(
            b.list_places(&ListPlaces::default()).unwrap()[0].kind,
            PlaceKind::Town
        );
    }

    #[test]
    fn a_change_of_every_column_keeps_one_version_and_still_merges_per_field() {
        let mut a = Store::open_in_memory().unwrap();
        a.add_place(&AddPlace {
            kind: PlaceKind::Town,
            name: "樟城镇".into(),
            parent_id: None,
        })
        .unwrap();
        let created = a.journal().unwrap().remove(0);
        let other = Id::new();
        let mut b = Store::open_in_memory().unwrap();
        apply_all(&mut b, std::slice::from_ref(&created));
        let v = |s: &Store| -> String {
            s.conn()
                .query_row("SELECT _v FROM places", [], |r| r.get(0))
                .unwrap()
        };
        let star = format!(
            r#"{{"*":"{}"}}"#,
            version_text(created.hlc, created.device_id)
        );
        assert_eq!(v(&b), star);
        // one field of it, older and newer, against the one `*` version
        let mut older = rename(&created, "旧名", 0, other);
        older.hlc = Hlc::new(created.hlc.ms - 5, 0);
        apply_all(&mut b, &[older]);
        assert_eq!(names(&b), ["樟城镇"]);
        let newer = rename(&created, "樟城街道", 10, other);
        apply_all(&mut b, &[newer]);
        assert_eq!(names(&b), ["樟城街道"]);
        assert!(
            v(&b).contains(r#""name":"#) && v(&b).contains(r#""*":"#),
            "{}",
            v(&b)
        );
        // a change of only some columns keeps a version per field on a new row
        let mut c = Store::open_in_memory().unwrap();
        apply_all(&mut c, &[rename(&created, "樟城街道", 10, other)]);
        assert!(!v(&c).contains('*'), "{}", v(&c));
    }

    #[test]
    fn a_repeat_changes_nothing_and_unknown_tables_are_refused() {
        let mut a = Store::open_in_memory().unwrap();
        a.add_place(&AddPlace {
            kind: PlaceKind::Town,
            name: "樟城镇".into(),
            parent_id: None,
        })
        .unwrap();
        let c = a.journal().unwrap().remove(0);
        let tx = a.conn.transaction().unwrap();
        let again = apply_change(&tx, &c).unwrap();
        assert!(again.fields.is_empty() && !again.new);
        let mut bad = c.clone();
        bad.table = "meta".into();
        assert!(apply_change(&tx, &bad).is_err());
        let mut bad = c;
        bad.fields.insert("_v".into(), Value::from("{}"));
        assert!(apply_change(&tx, &bad).is_err());
    }
}
