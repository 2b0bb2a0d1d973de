//! Kinds and copies, a scanned basket lent and returned, a consumable, buffer days, approval,
//! retired copies, the month's figures.
use linli_domain::lending::{CopyAction, CopyStatus, DepositUnit, ReturnOutcome};
use linli_protocol::*;

use super::{add_kind, code_of, give_back, kind, lend, on, station, status, Station};

#[test]
fn kinds_and_copies_are_checked_and_a_bad_one_changes_nothing() {
    let mut st = station();
    let before = st.s.journal().unwrap().len();
    for bad in [0, 366] {
        let e =
            st.s.add_lend_kind(&AddLendKind {
                community_id: st.community,
                fields: kind("轮椅", bad),
            })
            .unwrap_err();
        assert_eq!(e.to_string(), "借期天数应在1到365之间");
    }
    let mut f = kind("轮椅", 30);
    f.deposit_unit = DepositUnit::Yuan;
    f.deposit = 0;
    assert_eq!(
        code_of(
            &st.s
                .add_lend_kind(&AddLendKind {
                    community_id: st.community,
                    fields: f
                })
                .unwrap_err()
        ),
        "lend_number_range"
    );
    assert_eq!(st.s.journal().unwrap().len(), before, "nothing written");

    let k = add_kind(&mut st.s, st.community, kind("轮椅", 30), &[" wc-01 "]);
    assert_eq!(
        status(&mut st.s, st.community, "WC-01"),
        CopyStatus::OnShelf,
        "codes are stored upper-case"
    );
    let e =
        st.s.add_lend_copy(&AddLendCopy {
            kind_id: k,
            donor_points: 0,
            donor_volunteer_id: None,
            fields: LendCopyFields {
                code: "WC-01".into(),
                ..Default::default()
            },
        })
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "编码“WC-01”已是本驿站另一件物品（轮椅）的编码，请换一个"
    );
    let e =
        st.s.add_lend_copy(&AddLendCopy {
            kind_id: k,
            donor_points: 0,
            donor_volunteer_id: None,
            fields: LendCopyFields {
                code: "轮椅2".into(),
                ..Default::default()
            },
        })
        .unwrap_err();
    assert_eq!(code_of(&e), "lend_bad_code");
    let kinds =
        st.s.list_lend_kinds(&ListLendKinds {
            community_id: st.community,
        })
        .unwrap();
    assert_eq!((kinds.len(), kinds[0].copies, kinds[0].on_shelf), (1, 1, 1));
}

#[test]
fn a_scanned_basket_is_lent_and_returned_one_damaged() {
    let mut st = station();
    add_kind(&mut st.s, st.community, kind("轮椅", 30), &["WC-01"]);
    add_kind(&mut st.s, st.community, kind("助行器", 14), &["WK-01"]);
    let loans = lend(&mut st, 0, &["wc-01", "WK-01"]).unwrap();
    assert_eq!(loans.len(), 2);
    assert_eq!(
        (loans[0].due.as_str(), loans[1].due.as_str()),
        ("2026-04-01", "2026-03-16")
    );
    assert_eq!(
        loans[0].household, "西门新村3栋101",
        "the full address, compound first"
    );
    assert_eq!(loans[0].building, "西门新村3栋");
    assert_eq!(status(&mut st.s, st.community, "WC-01"), CopyStatus::OnLoan);
    // a copy on loan cannot be lent again, and the whole basket is refused
    let before = st.s.journal().unwrap().len();
    let e = lend(&mut st, 1, &["WC-01"]).unwrap_err();
    assert_eq!(e.to_string(), "“WC-01”（轮椅）现在是“借出”，不能借出");
    assert_eq!(st.s.journal().unwrap().len(), before);

    on(&mut st.s, "2026-03-10");
    let back = give_back(&mut st, "WC-01", ReturnOutcome::Damaged).unwrap();
    assert_eq!(back[0].loan.closed_on.as_deref(), Some("2026-03-10"));
    assert_eq!(
        status(&mut st.s, st.community, "WC-01"),
        CopyStatus::Maintenance,
        "damaged goes to maintenance"
    );
    give_back(&mut st, "WK-01", ReturnOutcome::Returned).unwrap();
    assert_eq!(
        status(&mut st.s, st.community, "WK-01"),
        CopyStatus::OnShelf
    );
    assert_eq!(
        code_of(&give_back(&mut st, "WK-01", ReturnOutcome::Returned).unwrap_err()),
        "lend_not_on_loan"
    );
    let open =
        st.s.list_loans(&ListLoans {
            community_id: st.community,
            household_id: None,
            building_id: None,
            include_closed: false,
            overdue_only: false,
            conflicts_only: false,
            person_id: None,
            grid_id: None,
        })
        .unwrap();
    assert!(open.is_empty());
}

#[test]
fn a_consumable_is_handed_out_in_one_step() {
    let mut st = station();
    let mut f = kind("老花镜", 1);
    f.consumable = true;
    add_kind(&mut st.s, st.community, f, &["RG-01"]);
    let l = lend(&mut st, 0, &["RG-01"]).unwrap().remove(0);
    assert!(l.handout && l.due.is_empty() && l.overdue_days == 0);
    assert_eq!(
        status(&mut st.s, st.community, "RG-01"),
        CopyStatus::HandedOut
    );
    assert_eq!(
        code_of(&st.s.renew_loan(&RenewLoan { loan_id: l.id }).unwrap_err()),
        "renew_handout"
    );
    let listed =
        st.s.list_lend_copies(&ListLendCopies {
            community_id: st.community,
            kind_id: None,
            include_gone: false,
        })
        .unwrap();
    assert!(
        listed.is_empty(),
        "a handed-out copy is not offered at the desk"
    );
}

#[test]
fn buffer_days_approval_and_retired_copies_keep_things_out_of_lending() {
    let mut st = station();
    let mut f = kind("轮椅", 10);
    f.buffer_days = 2;
    f.needs_approval = true;
    add_kind(&mut st.s, st.community, f, &["WC-01", "WC-02"]);
    let e = lend(&mut st, 0, &["WC-01"]).unwrap_err();
    assert_eq!(e.to_string(), "“轮椅”需经审批才能借出；请填写批准人");
    let approved = |st: &mut Station, home: usize, code: &str| {
        st.s.lend(&Lend {
            community_id: st.community,
            household_id: st.homes[home],
            resident_id: None,
            codes: vec![code.into()],
            due: None,
            approved_by: "王主任".into(),
            deposit_volunteer_id: None,
            note: String::new(),
        })
    };
    let l = approved(&mut st, 0, "WC-01").unwrap().remove(0);
    let note: String =
        st.s.conn()
            .query_row(
                "SELECT note FROM loans WHERE id = ?1",
                [l.id.to_string()],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(note, "批准：王主任");
    on(&mut st.s, "2026-03-05");
    give_back(&mut st, "WC-01", ReturnOutcome::Returned).unwrap();
    let c =
        st.s.find_lend_copy(&FindLendCopy {
            community_id: st.community,
            code: "WC-01".into(),
        })
        .unwrap();
    assert_eq!(
        (c.status, c.available_from.as_deref()),
        (CopyStatus::OnShelf, Some("2026-03-07"))
    );
    let e = approved(&mut st, 1, "WC-01").unwrap_err();
    assert_eq!(
        e.to_string(),
        "“WC-01”（轮椅）刚归还，需清洁检查，2026-03-07起才能再借出"
    );
    on(&mut st.s, "2026-03-07");
    approved(&mut st, 1, "WC-01").unwrap();

    // a retired copy is neither offered at the desk nor lent
    let wc2 =
        st.s.find_lend_copy(&FindLendCopy {
            community_id: st.community,
            code: "WC-02".into(),
        })
        .unwrap()
        .id;
    st.s.service_copy(&ServiceCopy {
        copy_id: wc2,
        action: CopyAction::Retire,
        note: "车架断裂".into(),
        next_due: None,
    })
    .unwrap();
    let offered =
        st.s.list_lend_copies(&ListLendCopies {
            community_id: st.community,
            kind_id: None,
            include_gone: false,
        })
        .unwrap();
    assert!(offered.iter().all(|c| c.id != wc2));
    assert_eq!(
        code_of(&approved(&mut st, 2, "WC-02").unwrap_err()),
        "lend_not_available"
    );
    let all =
        st.s.list_lend_copies(&ListLendCopies {
            community_id: st.community,
            kind_id: None,
            include_gone: true,
        })
        .unwrap();
    assert!(all
        .iter()
        .any(|c| c.id == wc2 && c.status == CopyStatus::Retired));
}
#[test]
fn the_months_figures_count_loans_borrowers_overdue_and_lost() {
    let mut st = station();
    add_kind(&mut st.s, st.community, kind("书", 7), &["BK-01", "BK-02"]);
    lend(&mut st, 0, &["BK-01"]).unwrap();
    lend(&mut st, 1, &["BK-02"]).unwrap();
    on(&mut st.s, "2026-03-20");
    give_back(&mut st, "BK-02", ReturnOutcome::Lost).unwrap();
    let f =
        st.s.lending_report(&LendingReport {
            month: Some("2026-03".into()),
            place_id: Some(st.community),
        })
        .unwrap();
    assert_eq!(
        (
            f.loans,
            f.active_borrowers,
            f.returns,
            f.lost,
            f.open,
            f.overdue
        ),
        (2, 2, 1, 1, 1, 1)
    );
    assert_eq!(f.overdue_rate, 1.0);
    assert_eq!(
        (f.kinds[0].copies, f.kinds[0].loans, f.kinds[0].turnover),
        (1, 2, 2.0)
    );
    let april =
        st.s.lending_report(&LendingReport {
            month: Some("2026-04".into()),
            place_id: None,
        })
        .unwrap();
    assert_eq!((april.loans, april.open), (0, 1));
    let rows = linli_store::lending::export_loans(&st.s, None).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2][8], "遗失");
}
