//! The ledger invariants, as properties, over random runs of a coordinator's operations.

use super::*;

#[derive(Debug, Clone)]
enum Op {
    Earn(u8),
    Adjust(i16),
    Redeem(u8),
    ReverseLast,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1u8..8).prop_map(Op::Earn),
        (-40i16..40).prop_map(Op::Adjust),
        (1u8..4).prop_map(Op::Redeem),
        Just(Op::ReverseLast),
    ]
}

struct Run {
    store: Store,
    volunteer: Id,
}

/// Runs the operations as a coordinator would; refusals are part of the run.
fn run(ops: &[Op]) -> Run {
    let mut s = Store::open_in_memory().unwrap();
    let c = s
        .add_place(&AddPlace {
            kind: PlaceKind::Community,
            name: "北门社区".into(),
            parent_id: None,
        })
        .unwrap()
        .id;
    let v = volunteer(&mut s, c, "林秀英");
    let item = goods(&mut s, c, "香皂", 7, 1000);
    let mut reversible: Vec<Id> = Vec::new();
    let mut entries: Vec<Id> = Vec::new();
    for o in ops {
        let before = balance(&s, v);
        match o {
            Op::Earn(h) => {
                let e = s
                    .credit_hours(&CreditHours {
                        activity_id: None,
                        volunteer_ids: vec![v],
                        hours: Some(f64::from(*h)),
                        category: Some("护学".into()),
                        date: Some("2026-03-02".into()),
                        note: String::new(),
                        each: vec![],
                    })
                    .unwrap();
                s.verify_hours(&VerifyHours {
                    entry_ids: vec![e[0].id],
                    verified_by: None,
                })
                .unwrap();
                entries.push(e[0].id);
                assert_eq!(balance(&s, v), before + 10 * i64::from(*h));
            }
            Op::Adjust(p) => {
                if *p != 0 {
                    let r = s.adjust_points(&AdjustPoints {
                        volunteer_id: v,
                        points: i64::from(*p),
                        reason: "调整".into(),
                    });
                    assert_eq!(r.is_ok(), before + i64::from(*p) >= 0);
                }
            }
            Op::Redeem(q) => {
                let r = s.redeem(&Redeem {
                    volunteer_id: v,
                    item_id: item,
                    quantity: i64::from(*q),
                });
                let cost = 7 * i64::from(*q);
                match r {
                    Ok(r) => {
                        assert!(before >= cost, "redeemed {cost} with only {before}");
                        assert_eq!(r.balance.balance, before - cost);
                        reversible.push(r.ledger_id);
                    }
                    Err(e) => {
                        assert!(before < cost, "refused with enough points: {e}");
                        assert_eq!(balance(&s, v), before, "a refusal writes nothing");
                    }
                }
            }
            Op::ReverseLast => {
                if let Some(l) = reversible.pop() {
                    let after = s
                        .reverse_ledger(&ReverseLedger {
                            ledger_id: l,
                            reason: "退回".into(),
                        })
                        .unwrap();
                    assert_eq!(after.balance, before + 7 * redeemed_qty(&s, l));
                } else if let Some(e) = entries.pop() {
                    s.reverse_hours(&ReverseHours {
                        entry_id: e,
                        reason: "更正".into(),
                    })
                    .unwrap();
                }
            }
        }
    }
    Run {
        store: s,
        volunteer: v,
    }
}

fn redeemed_qty(s: &Store, ledger: Id) -> i64 {
    s.conn()
        .query_row(
            "SELECT quantity FROM ledger WHERE id = ?1",
            [ledger.to_string()],
            |r| r.get(0),
        )
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The balance is the sum of the facts; the statement's last running figure is the same;
    /// redemptions and adjustments never take it below zero here (checked at every step in
    /// `run`).
    #[test]
    fn balance_is_the_sum_of_the_facts(ops in prop::collection::vec(op(), 0..24)) {
        let r = run(&ops);
        let s = &r.store;
        let sum: i64 = s.conn().query_row(
            "SELECT coalesce(sum(points), 0) FROM ledger WHERE volunteer_id = ?1",
            [r.volunteer.to_string()], |x| x.get(0)).unwrap();
        let st = s.ledger_statement(&LedgerStatement { volunteer_id: r.volunteer }).unwrap();
        prop_assert_eq!(st.balance.balance, sum);
        prop_assert_eq!(st.lines.last().map_or(0, |l| l.running), sum);
        // only a correction of hours whose points were already spent can take it below zero
        let corrected = ops.iter().any(|o| matches!(o, Op::ReverseLast));
        prop_assert!(sum >= 0 || corrected);
    }

    /// Another laptop that receives the same changes in any order derives the same balance.
    #[test]
    fn any_order_of_changes_gives_the_same_balance(
        ops in prop::collection::vec(op(), 1..16),
        seed in any::<u64>(),
    ) {
        let r = run(&ops);
        let mut changes = r.store.journal().unwrap();
        // a deterministic shuffle from the seed
        let mut x = seed | 1;
        for i in (1..changes.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            changes.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let other = Store::open_in_memory().unwrap();
        let tx = other.conn().unchecked_transaction().unwrap();
        for c in &changes {
            linli_store::apply::apply_change(&tx, c).unwrap();
        }
        tx.commit().unwrap();
        prop_assert_eq!(balance(&other, r.volunteer), balance(&r.store, r.volunteer));
        prop_assert_eq!(other.export_canonical().unwrap(), r.store.export_canonical().unwrap());
    }

    /// Reversing a redemption restores the balance before it, whatever came between.
    #[test]
    fn reversal_restores(ops in prop::collection::vec(op(), 0..12), q in 1u8..4) {
        let mut r = run(&ops);
        let s = &mut r.store;
        let v = r.volunteer;
        // a correction of spent hours may have left a debt; make up for it and some
        let owed = (-balance(s, v)).max(0);
        s.adjust_points(&AdjustPoints { volunteer_id: v, points: 50 + owed, reason: "补录".into() }).unwrap();
        let before = balance(s, v);
        let item = s.list_catalogue(&ListCatalogue {
            community_id: s.volunteer(v).unwrap().community_id,
        }).unwrap()[0].clone();
        let red = s.redeem(&Redeem { volunteer_id: v, item_id: item.id, quantity: i64::from(q) }).unwrap();
        prop_assert_eq!(balance(s, v), before - red.points);
        let after = s.reverse_ledger(&ReverseLedger { ledger_id: red.ledger_id, reason: "退回".into() }).unwrap();
        prop_assert_eq!(after.balance, before);
        let stock = s.list_catalogue(&ListCatalogue { community_id: item.community_id }).unwrap()[0].stock;
        prop_assert_eq!(stock, item.stock);
    }
}
