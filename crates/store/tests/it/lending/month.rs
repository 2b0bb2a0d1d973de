//! The station's lines in the monthly report, each the count of its records, and points for a
//! donor through the points ledger.
use linli_domain::lending::ReturnOutcome;
use linli_protocol::*;

use super::{add_kind, code_of, give_back, kind, lend, on, station};

#[test]
fn the_monthly_report_counts_the_station_and_opens_its_records() {
    let mut st = station();
    add_kind(
        &mut st.s,
        st.community,
        kind("轮椅", 7),
        &["W-1", "W-2", "W-3"],
    );
    lend(&mut st, 0, &["W-1", "W-3"]).unwrap();
    lend(&mut st, 1, &["W-2"]).unwrap();
    on(&mut st.s, "2026-03-05");
    give_back(&mut st, "W-2", ReturnOutcome::Lost).unwrap();
    on(&mut st.s, "2026-03-20");
    let req = MonthlyReport {
        month: "2026-03".into(),
        place_id: Some(st.community),
        path: None,
        grid_id: None,
    };
    let report = st.s.monthly_report(&req).unwrap();
    let fig = |key: &str| {
        report
            .figures
            .iter()
            .find(|f| f.key == key)
            .unwrap_or_else(|| panic!("no figure {key}"))
            .clone()
    };
    // W-1 and W-3 lent to one household, W-2 to another and lost; W-1 and W-3 past due on the 20th
    for (key, month) in [
        ("lend_loans", 3.0),
        ("lend_borrowers", 2.0),
        ("lend_returns", 1.0),
        ("lend_overdue", 2.0),
        ("lend_lost", 1.0),
    ] {
        let f = fig(key);
        assert_eq!((f.month, f.cumulative), (month, month), "{key}");
        assert!(f.label.contains("驿站"), "{}", f.label);
        for cumulative in [false, true] {
            let recs =
                st.s.monthly_figure_records(&MonthlyFigureRecords {
                    month: "2026-03".into(),
                    place_id: Some(st.community),
                    key: key.into(),
                    cumulative,
                    grid_id: None,
                })
                .unwrap();
            assert_eq!(recs.rows.len() as f64, month, "{key} {cumulative}");
            assert!(recs.rows.iter().all(|r| r.len() == recs.headers.len()));
        }
    }
    assert_eq!(
        fig("lend_overdue_rate").month,
        1.0,
        "both loans open are overdue"
    );
    // February had none of it
    let feb =
        st.s.monthly_report(&MonthlyReport {
            month: "2026-02".into(),
            ..req
        })
        .unwrap();
    let loans = feb.figures.iter().find(|f| f.key == "lend_loans").unwrap();
    assert_eq!(loans.month, 0.0);
}

#[test]
fn a_donor_earns_points_through_the_ledger() {
    let mut st = station();
    let k = add_kind(&mut st.s, st.community, kind("助行器", 14), &[]);
    let resident =
        st.s.add_resident(&AddResident {
            household_id: st.homes[2],
            fields: ResidentFields {
                name: "周桂兰".into(),
                relation: "户主".into(),
                ..Default::default()
            },
        })
        .unwrap()
        .id;
    let copy = |code: &str, points: i64| AddLendCopy {
        kind_id: k,
        fields: LendCopyFields {
            code: code.into(),
            donor_resident_id: Some(resident),
            ..Default::default()
        },
        donor_points: points,
        donor_volunteer_id: None,
    };
    // not a volunteer yet: refused, nothing written
    let before = st.s.journal().unwrap().len();
    let e = st.s.add_lend_copy(&copy("ZX-01", 20)).unwrap_err();
    assert_eq!(code_of(&e), "lend_donor_no_volunteer");
    assert_eq!(st.s.journal().unwrap().len(), before);
    let v =
        st.s.add_volunteer(&AddVolunteer {
            community_id: st.community,
            resident_id: Some(resident),
            name: "周桂兰".into(),
            phone: None,
            skills: vec![],
            availability: String::new(),
        })
        .unwrap()
        .id;
    let e = st.s.add_lend_copy(&copy("ZX-01", 5000)).unwrap_err();
    assert_eq!(code_of(&e), "lend_donor_points");
    st.s.add_lend_copy(&copy("ZX-01", 20)).unwrap();
    // a copy given without points earns none
    st.s.add_lend_copy(&copy("ZX-02", 0)).unwrap();
    let balance =
        st.s.points_balance(&PointsBalance { volunteer_id: v })
            .unwrap()
            .balance;
    assert_eq!(balance, 20);
    let adjusts: i64 = st
        .s
        .conn()
        .query_row(
            "SELECT count(*) FROM ledger WHERE volunteer_id = ?1 AND kind = 'adjust' AND note LIKE '捐赠物品：助行器 ZX-01'",
            [v.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(adjusts, 1);
}
