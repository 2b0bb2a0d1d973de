//! The one merge rule for entities, shared by every laptop and the server: each field is a
//! last-writer-wins register ordered by (HLC, device id). A delete is the field `deleted` set to
//! `true`, and merges like any other field, so a later edit of another field never revives a
//! deleted row, and an older delete never wins over a newer undelete.
//!
//! Values are carried as canonical JSON text, which gives them a total order: two writes with the
//! same version (which a correct device never makes) still merge the same way on every replica.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Hlc, Id};

/// The name of the tombstone field.
pub const DELETED: &str = "deleted";

/// When and where a field was written: ordered by HLC, then by device id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Version {
    pub hlc: Hlc,
    pub device: Id,
}

/// A field's value with the version of the write that set it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Versioned {
    pub version: Version,
    /// Canonical JSON text of the value (`"\"北门社区\""`, `"3"`, `"null"`, `"true"`).
    pub value: String,
}

/// An entity row as its fields' registers.
pub type Fields = BTreeMap<String, Versioned>;

/// Whether a write `incoming` replaces `current` (none yet: it does).
pub fn wins(incoming: &Versioned, current: Option<&Versioned>) -> bool {
    current.is_none_or(|c| incoming > c)
}

/// Merges two states of one entity: per field, the greater write wins. Commutative, associative
/// and idempotent, so replicas that saw the same writes in any order and grouping agree.
pub fn merge(a: &Fields, b: &Fields) -> Fields {
    let mut out = a.clone();
    apply(&mut out, b);
    out
}

/// Merges `change` into `state` in place and returns the names of the fields that changed.
pub fn apply(state: &mut Fields, change: &Fields) -> Vec<String> {
    let mut changed = Vec::new();
    for (field, incoming) in change {
        if wins(incoming, state.get(field)) {
            state.insert(field.clone(), incoming.clone());
            changed.push(field.clone());
        }
    }
    changed
}

/// Whether the merged state is deleted.
pub fn is_deleted(state: &Fields) -> bool {
    state.get(DELETED).is_some_and(|v| v.value == "true")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn device(n: u8) -> Id {
        Id::from_uuid(uuid::Uuid::from_u128(u128::from(n) + 1))
    }

    fn w(ms: u64, counter: u32, dev: u8, value: &str) -> Versioned {
        Versioned {
            version: Version {
                hlc: Hlc::new(ms, counter),
                device: device(dev),
            },
            value: value.to_owned(),
        }
    }

    fn fields(entries: &[(&str, Versioned)]) -> Fields {
        entries
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    #[test]
    fn later_write_wins_per_field_and_device_breaks_ties() {
        let a = fields(&[
            ("name", w(10, 0, 1, "\"北门\"")),
            ("phone", w(30, 0, 1, "\"1\"")),
        ]);
        let b = fields(&[
            ("name", w(20, 0, 2, "\"南门\"")),
            ("phone", w(30, 0, 2, "\"2\"")),
        ]);
        let m = merge(&a, &b);
        assert_eq!(m["name"].value, "\"南门\"");
        assert_eq!(
            m["phone"].value, "\"2\"",
            "same HLC: the higher device id wins"
        );
        assert_eq!(m, merge(&b, &a));
    }

    #[test]
    fn a_delete_is_not_undone_by_a_later_edit_of_another_field() {
        let mut s = fields(&[("name", w(10, 0, 1, "\"x\""))]);
        apply(&mut s, &fields(&[(DELETED, w(20, 0, 2, "true"))]));
        apply(&mut s, &fields(&[("name", w(30, 0, 1, "\"y\""))]));
        assert!(is_deleted(&s));
        // an explicit, newer undelete does revive it
        apply(&mut s, &fields(&[(DELETED, w(40, 0, 1, "false"))]));
        assert!(!is_deleted(&s));
    }

    #[test]
    fn apply_reports_only_the_fields_that_changed() {
        let mut s = fields(&[("a", w(10, 0, 1, "1")), ("b", w(50, 0, 1, "1"))]);
        let changed = apply(
            &mut s,
            &fields(&[("a", w(20, 0, 2, "2")), ("b", w(20, 0, 2, "2"))]),
        );
        assert_eq!(changed, ["a"]);
    }

    /// One write from one device: (device, field, value or delete, local wall ms).
    fn op() -> impl Strategy<Value = (u8, u8, Option<u8>, u64)> {
        (0u8..3, 0u8..4, proptest::option::of(0u8..5), 0u64..1_000)
    }

    /// Turns ops into versioned single-field changes, with each device's clock skewed by days
    /// (device 0 on time, 1 three days fast, 2 two days slow) and HLCs from a real `Clock`.
    fn changes(ops: &[(u8, u8, Option<u8>, u64)]) -> Vec<Fields> {
        let skew = [0i64, 3 * 86_400_000, -2 * 86_400_000];
        let mut clocks = [crate::Clock::default(); 3];
        ops.iter()
            .map(|&(d, f, v, wall)| {
                let now = (1_764_316_800_000i64 + wall as i64 + skew[d as usize]) as u64;
                let hlc = clocks[d as usize].tick(now);
                let (field, value) = match v {
                    Some(v) => (format!("f{f}"), v.to_string()),
                    None => (DELETED.to_owned(), "true".to_owned()),
                };
                let mut c = Fields::new();
                c.insert(
                    field,
                    Versioned {
                        version: Version {
                            hlc,
                            device: device(d),
                        },
                        value,
                    },
                );
                c
            })
            .collect()
    }

    fn fold(cs: &[Fields]) -> Fields {
        cs.iter().fold(Fields::new(), |acc, c| merge(&acc, c))
    }

    proptest! {
        #[test]
        fn merge_is_commutative(a in prop::collection::vec(op(), 0..20), b in prop::collection::vec(op(), 0..20)) {
            let (a, b) = (fold(&changes(&a)), fold(&changes(&b)));
            prop_assert_eq!(merge(&a, &b), merge(&b, &a));
        }

        #[test]
        fn merge_is_associative(ops in prop::collection::vec(op(), 0..30), cut1 in 0usize..30, cut2 in 0usize..30) {
            let cs = changes(&ops);
            let (i, j) = (cut1.min(cut2).min(cs.len()), cut1.max(cut2).min(cs.len()));
            let (a, b, c) = (fold(&cs[..i]), fold(&cs[i..j]), fold(&cs[j..]));
            prop_assert_eq!(merge(&merge(&a, &b), &c), merge(&a, &merge(&b, &c)));
        }

        #[test]
        fn merge_is_idempotent(ops in prop::collection::vec(op(), 0..30)) {
            let a = fold(&changes(&ops));
            prop_assert_eq!(merge(&a, &a), a.clone());
            // re-applying every change again (a retried sync) changes nothing
            let mut again = a.clone();
            for c in changes(&ops) {
                prop_assert!(apply(&mut again, &c).is_empty());
            }
            prop_assert_eq!(again, a);
        }

        #[test]
        fn any_delivery_order_gives_the_same_state(ops in prop::collection::vec(op(), 0..30), seed in any::<u64>()) {
            let cs = changes(&ops);
            let mut shuffled = cs.clone();
            // a deterministic shuffle from the seed
            let mut x = seed | 1;
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            prop_assert_eq!(fold(&cs), fold(&shuffled));
        }
    }
}
