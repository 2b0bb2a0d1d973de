//! Two laptops lending one copy offline, carried between their files.
use linli_domain::lending::{CopyStatus, ReturnOutcome};
use linli_domain::Hlc;
use linli_protocol::sync::{PullResponse, PulledChange};
use linli_protocol::*;
use linli_store::Store;

use super::{add_kind, code_of, kind, lend, on, station, status};

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
                person_id: None,
                grid_id: None,
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
                    photos: vec![],
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
