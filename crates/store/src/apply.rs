//! Applying one change that another device made, outside a pull page: the replica's merge
//! (`replica::merge`), then what is derived from the row refreshed, within the caller's
//! transaction.

use linli_protocol::sync::Change;
use rusqlite::Transaction;

use crate::journal::Touched;
use crate::{derived, Result};

pub use crate::replica::merge::Applied;

/// Applies a change from any device within the caller's transaction.
pub fn apply_change(tx: &Transaction<'_>, c: &Change) -> Result<Applied> {
    let mut touched = Touched::default();
    let applied = crate::replica::merge::apply_change(tx, c, &mut touched)?;
    derived::refresh(tx, &touched)?;
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::version_text;
    use crate::Store;
    use linli_domain::{Hlc, Id, PlaceKind};
    use linli_protocol::{AddPlace, ListPlaces};
    use serde_json::Value;

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
