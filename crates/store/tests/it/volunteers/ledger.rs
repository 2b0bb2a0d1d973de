use super::*;

#[test]
fn a_redemption_checks_balance_and_stock_and_says_when_it_cannot_be_sure() {
    let mut b = bank();
    let s = &mut b.store;
    let v = volunteer(s, b.community, "林秀英");
    let a = activity(s, b.community, None, "护学", "2026-03-02", 3.0);
    serve(s, a, &[v]);
    let rice = goods(s, b.community, "大米5斤", 20, 1);
    let class = s
        .add_catalogue_item(&AddCatalogueItem {
            community_id: b.community,
            kind: ItemKind::ClassHours,
            name: "少儿书法课".into(),
            cost: 5,
            unit: "课时".into(),
            stock: 0,
        })
        .unwrap();
    assert_eq!(class.stock, None);

    let r = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: rice,
            quantity: 1,
        })
        .unwrap();
    assert_eq!(r.points, 20);
    assert_eq!(r.item.stock, Some(0));
    assert_eq!(r.balance.balance, 10);
    // never synced: everything here is pending, and the laptop says it cannot be sure
    assert_eq!(r.balance.pending_here, 10);
    assert!(!r.balance.certain);
    assert!(
        r.balance.note.contains("还没有与服务器同步过"),
        "{}",
        r.balance.note
    );

    let out = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: rice,
            quantity: 1,
        })
        .unwrap_err();
    assert!(out.to_string().contains("库存不足"), "{out}");
    s.restock(&Restock {
        item_id: rice,
        quantity: 5,
    })
    .unwrap();
    let short = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: rice,
            quantity: 1,
        })
        .unwrap_err();
    assert!(matches!(short, Error::Conflict { .. }));
    assert!(
        short.to_string().contains("积分不足：林秀英现有10分"),
        "{short}"
    );
    assert_eq!(balance(s, v), 10, "a refused redemption writes nothing");
    let two = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: class.id,
            quantity: 2,
        })
        .unwrap();
    assert_eq!(two.balance.balance, 0);

    // after a sync that acknowledged everything, a fresh balance is certain and nothing pending
    let last_seq: i64 = s
        .conn()
        .query_row("SELECT max(device_seq) FROM journal", [], |r| r.get(0))
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    s.conn()
        .execute_batch(&format!(
            "INSERT INTO meta VALUES ('sync_acked_seq', '{last_seq}');
             INSERT INTO meta VALUES ('sync_last_success_ms', '{now}');"
        ))
        .unwrap();
    let bal = s
        .points_balance(&PointsBalance { volunteer_id: v })
        .unwrap();
    assert!(bal.certain, "{}", bal.note);
    assert_eq!(bal.pending_here, 0);
    // an old sync is not
    s.conn()
        .execute(
            "UPDATE meta SET value = ?1 WHERE key = 'sync_last_success_ms'",
            [(now - 3 * 3_600_000).to_string()],
        )
        .unwrap();
    let bal = s
        .points_balance(&PointsBalance { volunteer_id: v })
        .unwrap();
    assert!(!bal.certain);
    assert!(bal.note.contains("上次同步在3小时前"), "{}", bal.note);

    // reversing a redemption gives the points and the goods back
    let after = s
        .reverse_ledger(&ReverseLedger {
            ledger_id: r.ledger_id,
            reason: "物品退回".into(),
        })
        .unwrap();
    assert_eq!(after.balance, 20);
    let items = s
        .list_catalogue(&ListCatalogue {
            community_id: b.community,
        })
        .unwrap();
    let rice_now = items.iter().find(|i| i.id == rice).unwrap();
    assert_eq!(rice_now.stock, Some(6));
}

#[test]
fn a_statement_has_a_running_balance_and_shows_review_marks() {
    let mut b = bank();
    let s = &mut b.store;
    let v = volunteer(s, b.community, "林秀英");
    let a = activity(s, b.community, None, "环境整治", "2026-03-02", 2.0);
    serve(s, a, &[v]);
    s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points: 5,
        reason: "表彰奖励".into(),
    })
    .unwrap();
    let neg = s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points: -100,
        reason: "扣分".into(),
    });
    assert!(
        neg.is_err(),
        "an adjustment may not take the balance below zero here"
    );
    let soap = goods(s, b.community, "洗衣液", 15, 3);
    let r = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: soap,
            quantity: 1,
        })
        .unwrap();
    let st = s
        .ledger_statement(&LedgerStatement { volunteer_id: v })
        .unwrap();
    let running: Vec<i64> = st.lines.iter().map(|l| l.running).collect();
    let points: Vec<i64> = st.lines.iter().map(|l| l.points).collect();
    assert_eq!(points.iter().sum::<i64>(), st.balance.balance);
    assert_eq!(*running.last().unwrap(), 10);
    assert_eq!(st.community_name, "北门社区");
    assert!(st.lines.iter().any(|l| l.description == "兑换：洗衣液 ×1"));

    // the server's mark arrives with sync; the coordinator resolves it
    s.record_ledger_review(r.ledger_id, "超支5分").unwrap();
    s.record_ledger_review(r.ledger_id, "超支5分").unwrap();
    let reviews = s
        .list_reviews(&ListReviews {
            community_id: Some(b.community),
        })
        .unwrap();
    assert_eq!(reviews.len(), 1, "a mark recorded twice is one review");
    assert_eq!(reviews[0].volunteer_name, "林秀英");
    let bal = s
        .points_balance(&PointsBalance { volunteer_id: v })
        .unwrap();
    assert_eq!(bal.open_reviews, 1);
    assert!(!bal.certain);
    let bal = s
        .resolve_review(&ResolveReview {
            ledger_id: r.ledger_id,
            resolution: ReviewResolution::Reverse,
            note: String::new(),
        })
        .unwrap();
    assert_eq!(bal.balance, 25);
    assert_eq!(bal.open_reviews, 0);
    assert!(s
        .list_reviews(&ListReviews { community_id: None })
        .unwrap()
        .is_empty());
    let st = s
        .ledger_statement(&LedgerStatement { volunteer_id: v })
        .unwrap();
    let redeemed = st.lines.iter().find(|l| l.id == r.ledger_id).unwrap();
    assert!(!redeemed.needs_review);
    assert_eq!(redeemed.resolution.as_deref(), Some("已核查并冲正"));
    let twice = s.resolve_review(&ResolveReview {
        ledger_id: r.ledger_id,
        resolution: ReviewResolution::Accept,
        note: String::new(),
    });
    assert!(matches!(twice, Err(Error::Conflict { .. })));
}

#[test]
fn a_mark_the_sync_engine_kept_shows_as_a_review() {
    let mut b = bank();
    let s = &mut b.store;
    let v = volunteer(s, b.community, "林秀英");
    s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points: 10,
        reason: "补录".into(),
    })
    .unwrap();
    let soap = goods(s, b.community, "香皂", 10, 3);
    let r = s
        .redeem(&Redeem {
            volunteer_id: v,
            item_id: soap,
            quantity: 1,
        })
        .unwrap();
    // what linli-sync records when the server answers that the fact overdrew
    s.conn()
        .execute(
            "INSERT INTO sync_reviews (tbl, row_id, server_seq) VALUES ('ledger', ?1, 7)",
            [r.ledger_id.to_string()],
        )
        .unwrap();
    let reviews = s.list_reviews(&ListReviews { community_id: None }).unwrap();
    assert_eq!(reviews.len(), 1);
    assert!(reviews[0].line.needs_review);
    let bal = s
        .resolve_review(&ResolveReview {
            ledger_id: r.ledger_id,
            resolution: ReviewResolution::Accept,
            note: "下月补服务时长".into(),
        })
        .unwrap();
    assert_eq!(bal.balance, 0, "accepted: the redemption stands");
    assert_eq!(bal.open_reviews, 0);
}

#[test]
fn points_expire_by_the_rules_first_earned_first_used() {
    let mut b = bank();
    let s = &mut b.store;
    let rules = s
        .set_points_rules(&SetPointsRules {
            community_id: b.community,
            rates: Default::default(),
            default_rate: 10,
            entry_cap: None,
            month_cap: None,
            expiry_months: Some(12),
        })
        .unwrap();
    assert!(
        rules.description.contains("12个月内有效"),
        "{}",
        rules.description
    );
    let v = volunteer(s, b.community, "林秀英");
    let old = activity(s, b.community, None, "护学", "2024-01-05", 2.0);
    serve(s, old, &[v]);
    assert_eq!(balance(s, v), 0, "20 points earned in 2024 have expired");
    let bal = s
        .points_balance(&PointsBalance { volunteer_id: v })
        .unwrap();
    assert_eq!(bal.expired, 20);
    assert!(bal.note.contains("20分已过有效期"), "{}", bal.note);
    let today = chrono_free_today(s);
    let new = activity(s, b.community, None, "护学", &today, 1.0);
    serve(s, new, &[v]);
    assert_eq!(balance(s, v), 10);
    // a debit today cannot use points that had already expired
    s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points: -5,
        reason: "更正".into(),
    })
    .unwrap();
    let bal = s
        .points_balance(&PointsBalance { volunteer_id: v })
        .unwrap();
    assert_eq!((bal.balance, bal.expired), (5, 20));
    let over = s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points: -6,
        reason: "更正".into(),
    });
    assert!(over.is_err(), "expired points cannot be spent");
    let too_much = s.set_points_rules(&SetPointsRules {
        community_id: b.community,
        rates: Default::default(),
        default_rate: 10,
        entry_cap: None,
        month_cap: None,
        expiry_months: Some(0),
    });
    assert!(too_much.is_err());
}

/// Today as SQLite sees it (local time), so the test needs no clock crate.
fn chrono_free_today(s: &Store) -> String {
    s.conn()
        .query_row("SELECT date('now', 'localtime')", [], |r| r.get(0))
        .unwrap()
}

/// Every points figure opens its explanation (issue 15): a statement line that earned points
/// names the hours entry whose arithmetic explains it, and so does the line that took them back;
/// a redemption or an adjustment names none.
#[test]
fn a_statement_line_names_the_entry_that_earned_its_points() {
    let mut b = bank();
    let s = &mut b.store;
    let v = volunteer(s, b.community, "林秀英");
    let a = activity(s, b.community, None, "环境整治", "2026-03-02", 2.0);
    let entries = serve(s, a, &[v]);
    let second = activity(s, b.community, None, "护学", "2026-03-03", 1.0);
    let more = serve(s, second, &[v]);
    s.reverse_hours(&ReverseHours {
        entry_id: more[0],
        reason: "重复登记".into(),
    })
    .unwrap();
    s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points: 5,
        reason: "表彰奖励".into(),
    })
    .unwrap();
    let st = s
        .ledger_statement(&LedgerStatement { volunteer_id: v })
        .unwrap();
    let by_kind = |k: LedgerKind| -> Vec<Option<Id>> {
        st.lines
            .iter()
            .filter(|l| l.kind == k)
            .map(|l| l.entry_id)
            .collect()
    };
    assert_eq!(
        by_kind(LedgerKind::Earn),
        vec![Some(entries[0]), Some(more[0])]
    );
    assert_eq!(by_kind(LedgerKind::Reverse), vec![Some(more[0])]);
    assert_eq!(by_kind(LedgerKind::Adjust), vec![None]);
    // the entry's explanation gives the line's points
    let earned = st
        .lines
        .iter()
        .find(|l| l.entry_id == Some(entries[0]))
        .unwrap();
    let why = s
        .explain_points(&ExplainPoints {
            entry_id: entries[0],
        })
        .unwrap();
    assert_eq!(why.points, earned.points);
}
