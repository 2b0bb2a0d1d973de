//! Renewals refused with their reason, the hold queue and its pickup deadline, the household
//! limit and the overdue block, maintenance.
use linli_domain::lending::{CopyAction, CopyStatus, HoldState, ReturnOutcome};
use linli_protocol::*;

use super::{add_kind, code_of, give_back, kind, lend, on, station, status};

#[test]
fn renewals_are_refused_while_a_hold_waits_past_the_limit_and_when_long_overdue() {
    let mut st = station();
    let k = add_kind(&mut st.s, st.community, kind("轮椅", 10), &["WC-01"]);
    let l = lend(&mut st, 0, &["WC-01"]).unwrap().remove(0);
    let hold =
        st.s.place_hold(&PlaceHold {
            kind_id: k,
            household_id: st.homes[1],
            resident_id: None,
        })
        .unwrap();
    assert_eq!((hold.state, hold.position), (HoldState::Waiting, Some(1)));
    let e = st.s.renew_loan(&RenewLoan { loan_id: l.id }).unwrap_err();
    assert_eq!(e.to_string(), "不能续借：有1户在排队预约“轮椅”，请按时归还");
    st.s.cancel_hold(&CancelHold { hold_id: hold.id }).unwrap();
    let renewed = st.s.renew_loan(&RenewLoan { loan_id: l.id }).unwrap();
    assert_eq!((renewed.due.as_str(), renewed.renewals), ("2026-03-12", 1));
    assert_eq!(
        code_of(&st.s.renew_loan(&RenewLoan { loan_id: l.id }).unwrap_err()),
        "renew_limit"
    );

    // a second loan long overdue: more than the 7 days the rules allow
    add_kind(&mut st.s, st.community, kind("拐杖", 10), &["CN-01"]);
    let l2 = lend(&mut st, 2, &["CN-01"]).unwrap().remove(0);
    on(&mut st.s, "2026-03-20");
    let e = st.s.renew_loan(&RenewLoan { loan_id: l2.id }).unwrap_err();
    assert_eq!(
        e.to_string(),
        "不能续借：“CN-01”已逾期8天（超过7天不可续借），请先归还"
    );
    on(&mut st.s, "2026-03-19");
    assert_eq!(
        st.s.renew_loan(&RenewLoan { loan_id: l2.id }).unwrap().due,
        "2026-03-29"
    );
}

#[test]
fn a_returned_copy_waits_for_the_first_in_line_then_passes_on() {
    let mut st = station();
    let k = add_kind(&mut st.s, st.community, kind("轮椅", 10), &["WC-01"]);
    lend(&mut st, 0, &["WC-01"]).unwrap();
    let first =
        st.s.place_hold(&PlaceHold {
            kind_id: k,
            household_id: st.homes[1],
            resident_id: None,
        })
        .unwrap();
    let second =
        st.s.place_hold(&PlaceHold {
            kind_id: k,
            household_id: st.homes[2],
            resident_id: None,
        })
        .unwrap();
    assert_eq!(second.position, Some(2));
    on(&mut st.s, "2026-03-05");
    let back = give_back(&mut st, "WC-01", ReturnOutcome::Returned).unwrap();
    let aside = back[0].set_aside_for.clone().unwrap();
    assert_eq!(
        (aside.id, aside.pickup_by.as_deref()),
        (first.id, Some("2026-03-08"))
    );
    assert_eq!(
        status(&mut st.s, st.community, "WC-01"),
        CopyStatus::HeldForPickup
    );
    let e = lend(&mut st, 2, &["WC-01"]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "“WC-01”（轮椅）已为预约的住户留存，保留到2026-03-08；请借另一件，或等预约过期"
    );

    // the deadline passes: the first hold lapses and the copy is set aside for the next
    on(&mut st.s, "2026-03-09");
    let holds =
        st.s.list_holds(&ListHolds {
            community_id: st.community,
            kind_id: Some(k),
        })
        .unwrap();
    assert_eq!(holds.len(), 1);
    assert_eq!(
        (holds[0].id, holds[0].state, holds[0].pickup_by.as_deref()),
        (second.id, HoldState::Ready, Some("2026-03-12"))
    );
    assert_eq!(
        code_of(&lend(&mut st, 1, &["WC-01"]).unwrap_err()),
        "lend_held_for_other"
    );
    let l = lend(&mut st, 2, &["WC-01"]).unwrap();
    assert_eq!(l[0].household_id, st.homes[2]);
    assert!(
        st.s.list_holds(&ListHolds {
            community_id: st.community,
            kind_id: Some(k)
        })
        .unwrap()
        .is_empty(),
        "fulfilled"
    );
}

#[test]
fn the_household_limit_and_the_overdue_block_come_from_the_rules() {
    let mut st = station();
    add_kind(
        &mut st.s,
        st.community,
        kind("书", 7),
        &["BK-01", "BK-02", "BK-03"],
    );
    let k2 = add_kind(&mut st.s, st.community, kind("工具", 7), &["TL-01"]);
    st.s.set_lend_rules(&SetLendRules {
        rules: LendRules {
            community_id: st.community,
            max_loans: 2,
            block_overdue_days: 3,
            renew_overdue_days: 0,
            pickup_days: 2,
        },
    })
    .unwrap();
    let e = lend(&mut st, 0, &["BK-01", "BK-02", "BK-03"]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "这户已借0件，每户最多在借2件，本次还要借3件；请先归还一些"
    );
    lend(&mut st, 0, &["BK-01"]).unwrap();
    on(&mut st.s, "2026-03-12");
    // due 03-09: 3 days overdue is not beyond the block
    lend(&mut st, 0, &["BK-02"]).unwrap();
    on(&mut st.s, "2026-03-13");
    let e = lend(&mut st, 0, &["BK-03"]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "这户借的“BK-01”（书）已逾期4天（超过3天停借），归还前不能再借或预约"
    );
    let e =
        st.s.place_hold(&PlaceHold {
            kind_id: k2,
            household_id: st.homes[0],
            resident_id: None,
        })
        .unwrap_err();
    assert_eq!(code_of(&e), "lend_overdue_block");
    let overdue =
        st.s.list_loans(&ListLoans {
            community_id: st.community,
            household_id: None,
            building_id: Some(st.building),
            include_closed: false,
            overdue_only: true,
            conflicts_only: false,
            person_id: None,
            grid_id: None,
        })
        .unwrap();
    assert_eq!(
        overdue
            .iter()
            .map(|l| (l.code.as_str(), l.overdue_days))
            .collect::<Vec<_>>(),
        [("BK-01", 4)]
    );
    give_back(&mut st, "BK-01", ReturnOutcome::Returned).unwrap();
    lend(&mut st, 0, &["BK-03"]).unwrap();
    // a bad rule is refused
    let e =
        st.s.set_lend_rules(&SetLendRules {
            rules: LendRules {
                community_id: st.community,
                max_loans: 0,
                block_overdue_days: 3,
                renew_overdue_days: 0,
                pickup_days: 2,
            },
        })
        .unwrap_err();
    assert_eq!(e.to_string(), "每户最多在借件数应在1到100之间");
}

#[test]
fn maintenance_clears_a_holds_claim_leaves_lending_and_can_still_be_returned() {
    let mut st = station();
    let k = add_kind(
        &mut st.s,
        st.community,
        kind("轮椅", 10),
        &["WC-01", "WC-02"],
    );
    lend(&mut st, 0, &["WC-01"]).unwrap();
    let hold =
        st.s.place_hold(&PlaceHold {
            kind_id: k,
            household_id: st.homes[1],
            resident_id: None,
        })
        .unwrap();
    assert_eq!(
        (hold.state, hold.copy_code.as_deref()),
        (HoldState::Ready, Some("WC-02")),
        "the copy on the shelf is set aside at once"
    );
    let wc2 =
        st.s.find_lend_copy(&FindLendCopy {
            community_id: st.community,
            code: "WC-02".into(),
        })
        .unwrap()
        .id;
    let c =
        st.s.service_copy(&ServiceCopy {
            copy_id: wc2,
            action: CopyAction::Maintenance,
            note: "刹车松".into(),
            next_due: None,
        })
        .unwrap();
    assert_eq!(c.status, CopyStatus::Maintenance);
    let holds =
        st.s.list_holds(&ListHolds {
            community_id: st.community,
            kind_id: Some(k),
        })
        .unwrap();
    assert_eq!(
        (holds[0].state, holds[0].position),
        (HoldState::Waiting, Some(1)),
        "its claim is cleared"
    );
    assert_eq!(
        code_of(&lend(&mut st, 1, &["WC-02"]).unwrap_err()),
        "lend_not_available"
    );

    // a copy on loan sent to maintenance still comes back
    let wc1 =
        st.s.find_lend_copy(&FindLendCopy {
            community_id: st.community,
            code: "WC-01".into(),
        })
        .unwrap()
        .id;
    st.s.service_copy(&ServiceCopy {
        copy_id: wc1,
        action: CopyAction::Maintenance,
        note: String::new(),
        next_due: None,
    })
    .unwrap();
    let back = give_back(&mut st, "WC-01", ReturnOutcome::Returned).unwrap();
    assert!(
        back[0].set_aside_for.is_none(),
        "a copy in maintenance is not set aside"
    );
    assert_eq!(
        status(&mut st.s, st.community, "WC-01"),
        CopyStatus::Maintenance
    );
    let c =
        st.s.service_copy(&ServiceCopy {
            copy_id: wc2,
            action: CopyAction::Repair,
            note: "换刹车".into(),
            next_due: Some("2026-09-01".into()),
        })
        .unwrap();
    assert_eq!(c.next_service.as_deref(), Some("2026-09-01"));
    st.s.service_copy(&ServiceCopy {
        copy_id: wc2,
        action: CopyAction::BackInService,
        note: String::new(),
        next_due: None,
    })
    .unwrap();
    let holds =
        st.s.list_holds(&ListHolds {
            community_id: st.community,
            kind_id: Some(k),
        })
        .unwrap();
    assert_eq!(
        (holds[0].state, holds[0].copy_code.as_deref()),
        (HoldState::Ready, Some("WC-02"))
    );
    let log = st.s.copy_log(&CopyLog { copy_id: wc2 }).unwrap();
    assert_eq!(
        log.iter().map(|e| e.action).collect::<Vec<_>>(),
        [
            CopyAction::Maintenance,
            CopyAction::Repair,
            CopyAction::BackInService
        ]
    );
    let e =
        st.s.service_copy(&ServiceCopy {
            copy_id: wc2,
            action: CopyAction::Found,
            note: String::new(),
            next_due: None,
        })
        .unwrap_err();
    assert_eq!(e.to_string(), "“WC-02”现在是“预约待取”，不能找回");
}
