//! Deposits through the points ledger and its floor.
use linli_domain::lending::{CopyStatus, DepositKind, DepositUnit, ReturnOutcome};
use linli_domain::Id;
use linli_protocol::*;
use linli_store::Store;

use super::{add_kind, code_of, give_back, kind, station, status};

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
