//! 米邻驿站 (issue 19) on real SQLite files: kinds and copies checked, a scanned basket lent and
//! returned, renewals refused with their reason, the hold queue and its pickup deadline, the
//! household limit and the overdue block, deposits through the points ledger and its floor,
//! maintenance, a consumable handed out, and two laptops lending one copy offline.

use crate::common::add;
use linli_domain::calendar::days_from_civil;
use linli_domain::lending::{
    CopyAction, CopyStatus, DepositKind, DepositUnit, HoldState, ReturnOutcome,
};
use linli_domain::{Hlc, Id, Now, PlaceKind};
use linli_protocol::sync::{PullResponse, PulledChange};
use linli_protocol::*;
use linli_store::{Error, Store};

pub struct Station {
    pub s: Store,
    _dir: tempfile::TempDir,
    pub community: Id,
    pub building: Id,
    pub homes: Vec<Id>,
}

/// Pins the store's clock to noon of `day` ("2026-03-02") in China.
pub fn on(s: &mut Store, day: &str) {
    let (y, m, d) = (&day[..4], &day[5..7], &day[8..]);
    let n = days_from_civil(y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap());
    s.pin_now(Now::at((n * 86_400_000 + 4 * 3_600_000) as u64, 480));
}

pub fn station_at(path: &std::path::Path) -> (Store, Id, Id, Vec<Id>) {
    let mut s = Store::open(path).unwrap();
    on(&mut s, "2026-03-02");
    let town = add(&mut s, PlaceKind::Town, "樟城镇", None);
    let community = add(&mut s, PlaceKind::Community, "北门社区", Some(town));
    let compound = add(&mut s, PlaceKind::Compound, "西门新村", Some(community));
    let building = add(&mut s, PlaceKind::Building, "3栋", Some(compound));
    let homes = (1..=3)
        .map(|i| {
            s.add_household(&AddHousehold {
                building_id: building,
                unit_id: None,
                room: format!("{i}01"),
                fields: HouseholdFields::default(),
            })
            .unwrap()
            .id
        })
        .collect();
    (s, community, building, homes)
}

fn station() -> Station {
    let dir = tempfile::tempdir().unwrap();
    let (s, community, building, homes) = station_at(&dir.path().join("linli.db"));
    Station {
        s,
        _dir: dir,
        community,
        building,
        homes,
    }
}

pub fn kind(name: &str, loan_days: i64) -> LendKindFields {
    LendKindFields {
        name: name.into(),
        category: "助行".into(),
        loan_days,
        max_renewals: 1,
        buffer_days: 0,
        deposit_unit: DepositUnit::None,
        deposit: 0,
        needs_approval: false,
        consumable: false,
        care_notes: String::new(),
        parts: vec![],
    }
}

pub fn add_kind(s: &mut Store, community: Id, f: LendKindFields, codes: &[&str]) -> Id {
    let k = s
        .add_lend_kind(&AddLendKind {
            community_id: community,
            fields: f,
        })
        .unwrap()
        .id;
    for c in codes {
        s.add_lend_copy(&AddLendCopy {
            kind_id: k,
            fields: LendCopyFields {
                code: (*c).into(),
                condition: "良好".into(),
                ..Default::default()
            },
        })
        .unwrap();
    }
    k
}

fn lend(st: &mut Station, home: usize, codes: &[&str]) -> Result<Vec<Loan>, Error> {
    st.s.lend(&Lend {
        community_id: st.community,
        household_id: st.homes[home],
        resident_id: None,
        codes: codes.iter().map(|c| (*c).to_owned()).collect(),
        due: None,
        approved_by: String::new(),
        deposit_volunteer_id: None,
        note: String::new(),
    })
}

fn give_back(st: &mut Station, code: &str, outcome: ReturnOutcome) -> Result<Vec<Returned>, Error> {
    st.s.return_loans(&ReturnLoans {
        community_id: st.community,
        items: vec![ReturnItem {
            code: code.into(),
            loan_id: None,
            outcome,
            condition: String::new(),
            missing_parts: vec![],
            note: String::new(),
            deposit: None,
        }],
    })
}

pub fn status(s: &mut Store, community: Id, code: &str) -> CopyStatus {
    s.find_lend_copy(&FindLendCopy {
        community_id: community,
        code: code.into(),
    })
    .unwrap()
    .status
}

fn code_of(e: &Error) -> &'static str {
    e.code().map(|(c, _)| c).unwrap_or("")
}

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
    assert_eq!(loans[0].household, "3栋101");
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

fn volunteer_with(s: &mut Store, community: Id, points: i64) -> Id {
    let v = s
        .add_volunteer(&AddVolunteer {
            community_id: community,
            resident_id: None,
            name: "林秀英".into(),
            phone: None,
            skills: vec![],
            availability: String::new(),
        })
        .unwrap()
        .id;
    s.adjust_points(&AdjustPoints {
        volunteer_id: v,
        points,
        reason: "开户".into(),
    })
    .unwrap();
    v
}

#[test]
fn a_points_deposit_goes_through_the_ledger_and_its_floor() {
    let mut st = station();
    let mut f = kind("电钻", 7);
    f.deposit_unit = DepositUnit::Points;
    f.deposit = 50;
    add_kind(&mut st.s, st.community, f, &["DR-01", "DR-02"]);
    let v = volunteer_with(&mut st.s, st.community, 60);
    let mut req = Lend {
        community_id: st.community,
        household_id: st.homes[0],
        resident_id: None,
        codes: vec!["DR-01".into()],
        due: None,
        approved_by: String::new(),
        deposit_volunteer_id: None,
        note: String::new(),
    };
    assert_eq!(code_of(&st.s.lend(&req).unwrap_err()), "lend_deposit_who");
    req.deposit_volunteer_id = Some(v);
    req.codes = vec!["DR-01".into(), "DR-02".into()];
    let before = st.s.journal().unwrap().len();
    let e = st.s.lend(&req).unwrap_err();
    assert_eq!(
        e.to_string(),
        "林秀英的积分余额为10分，不够“电钻”的押金50分"
    );
    assert_eq!(
        st.s.journal().unwrap().len(),
        before,
        "the first loan of the basket is not kept"
    );
    req.codes = vec!["DR-01".into()];
    st.s.lend(&req).unwrap();
    let balance = |s: &Store| {
        s.points_balance(&PointsBalance { volunteer_id: v })
            .unwrap()
            .balance
    };
    assert_eq!(balance(&st.s), 10);
    let d =
        st.s.list_deposits(&ListDeposits {
            household_id: st.homes[0],
        })
        .unwrap();
    assert_eq!((d.held_points, d.held_yuan, d.lines.len()), (50, 0, 1));
    give_back(&mut st, "DR-01", ReturnOutcome::Returned).unwrap();
    assert_eq!(balance(&st.s), 60, "refunded through the ledger");
    let d =
        st.s.list_deposits(&ListDeposits {
            household_id: st.homes[0],
        })
        .unwrap();
    assert_eq!((d.held_points, d.lines.len()), (0, 2));
    assert_eq!(
        code_of(
            &st.s
                .settle_deposit(&SettleDeposit {
                    deposit_id: d.lines[0].id,
                    kind: DepositKind::Forfeit,
                    note: String::new()
                })
                .unwrap_err()
        ),
        "deposit_settled"
    );

    // lost: the deposit is forfeited, the points stay spent, the copy is lost
    st.s.lend(&req).unwrap();
    give_back(&mut st, "DR-01", ReturnOutcome::Lost).unwrap();
    assert_eq!(balance(&st.s), 10);
    assert_eq!(status(&mut st.s, st.community, "DR-01"), CopyStatus::Lost);
    assert_eq!(
        st.s.list_deposits(&ListDeposits {
            household_id: st.homes[0]
        })
        .unwrap()
        .held_points,
        0
    );
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

/// The journal of `from` applied to `to`, as a pull would carry it (each carry numbered after
/// the last, as a server's sequence grows).
pub fn carry(from: &Store, to: &mut Store) {
    static PAGES: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    let base = PAGES.fetch_add(1, std::sync::atomic::Ordering::SeqCst) * 1_000_000;
    let changes: Vec<PulledChange> = from
        .journal()
        .unwrap()
        .into_iter()
        .enumerate()
        .map(|(i, change)| PulledChange {
            server_seq: base + i as i64 + 1,
            needs_review: false,
            read_only: false,
            change,
        })
        .collect();
    to.apply_pulled(
        &linli_store::Schema::default(),
        &PullResponse {
            next: changes.last().unwrap().server_seq,
            changes,
            more: false,
            server_time: Hlc::new(4_000_000_000_000, 0),
        },
    )
    .unwrap();
}

#[test]
fn two_laptops_lending_one_copy_offline_both_show_the_conflict_until_one_is_voided() {
    let mut a = station();
    add_kind(&mut a.s, a.community, kind("轮椅", 10), &["WC-01"]);
    let dir = tempfile::tempdir().unwrap();
    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    on(&mut b, "2026-03-02");
    carry(&a.s, &mut b);
    assert_eq!(status(&mut b, a.community, "WC-01"), CopyStatus::OnShelf);
    // offline, each lends it to another household
    let la = lend(&mut a, 0, &["WC-01"]).unwrap().remove(0);
    let lb = b
        .lend(&Lend {
            community_id: a.community,
            household_id: a.homes[1],
            resident_id: None,
            codes: vec!["WC-01".into()],
            due: None,
            approved_by: String::new(),
            deposit_volunteer_id: None,
            note: String::new(),
        })
        .unwrap()
        .remove(0);
    carry(&b, &mut a.s);
    carry(&a.s, &mut b);
    for s in [&mut a.s, &mut b] {
        let c = s
            .find_lend_copy(&FindLendCopy {
                community_id: a.community,
                code: "WC-01".into(),
            })
            .unwrap();
        assert_eq!(c.open_loans.len(), 2, "both loans kept");
        let conflicts = s
            .list_loans(&ListLoans {
                community_id: a.community,
                household_id: None,
                building_id: None,
                include_closed: false,
                overdue_only: false,
                conflicts_only: true,
            })
            .unwrap();
        assert_eq!(
            conflicts
                .iter()
                .map(|l| l.id)
                .collect::<std::collections::BTreeSet<_>>(),
            [la.id, lb.id].into()
        );
        let e = s
            .return_loans(&ReturnLoans {
                community_id: a.community,
                items: vec![ReturnItem {
                    code: "WC-01".into(),
                    loan_id: None,
                    outcome: ReturnOutcome::Returned,
                    condition: String::new(),
                    missing_parts: vec![],
                    note: String::new(),
                    deposit: None,
                }],
            })
            .unwrap_err();
        assert_eq!(code_of(&e), "lend_two_loans");
        assert_eq!(
            s.lending_report(&LendingReport {
                month: Some("2026-03".into()),
                place_id: None
            })
            .unwrap()
            .conflicts,
            1
        );
    }
    // a person settles it on one laptop: the copy went to household 1
    a.s.void_loan(&VoidLoan {
        loan_id: lb.id,
        reason: "实际借给了101".into(),
    })
    .unwrap();
    carry(&a.s, &mut b);
    for (i, s) in [&mut a.s, &mut b].into_iter().enumerate() {
        let c = s
            .find_lend_copy(&FindLendCopy {
                community_id: a.community,
                code: "WC-01".into(),
            })
            .unwrap();
        assert_eq!(
            (c.status, c.open_loans.clone()),
            (CopyStatus::OnLoan, vec![la.id]),
            "laptop {i}"
        );
    }
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
