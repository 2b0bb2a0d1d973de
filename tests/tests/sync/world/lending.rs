//! The simulation's sharing station (issue 19): the admin's laptop registers two wheelchairs and
//! every laptop that sees them lends and returns them to the shared households through the
//! store's own checks, offline and under faults (kills, power cuts, server restarts). The
//! station's rows are the community's, so of this simulation's laptops only the county-wide
//! admin sees them (the grid workers' and the steward's grants are narrower): two laptops lending
//! one copy offline is the client test `client::lending`'s. After quiescence every laptop that
//! holds a copy derives the same status and the same open loans for it.

use linli_domain::lending::{DepositUnit, ReturnOutcome};
use linli_domain::Id;
use linli_protocol::*;
use linli_store::{Error, Store};

use super::{Laptop, Rng};

pub(super) const CODES: [&str; 2] = ["SIM-1", "SIM-2"];

/// The station's kind and copies, made by the admin's laptop before the faults.
pub(super) fn setup(store: &mut Store, community: Id) {
    let kind = store
        .add_lend_kind(&AddLendKind {
            community_id: community,
            fields: LendKindFields {
                name: "轮椅".into(),
                category: "助行".into(),
                loan_days: 7,
                max_renewals: 1,
                buffer_days: 0,
                deposit_unit: DepositUnit::None,
                deposit: 0,
                needs_approval: false,
                consumable: false,
                care_notes: String::new(),
                parts: vec![],
            },
        })
        .unwrap()
        .id;
    for code in CODES {
        store
            .add_lend_copy(&AddLendCopy {
                kind_id: kind,
                donor_points: 0,
                donor_volunteer_id: None,
                fields: LendCopyFields {
                    code: code.into(),
                    ..Default::default()
                },
            })
            .unwrap();
    }
}

/// One step at a laptop's desk: lend a copy to one of its households, or take one back. A
/// refusal of the desk's rules (the copy is out, not on loan, not seen by this laptop) changes
/// nothing; any other error fails the run. Answers whether something was written.
pub(super) fn step(l: &mut Laptop, rng: &mut Rng, community: Id, households: &[Id]) -> bool {
    if households.is_empty() {
        return false;
    }
    let code = CODES[rng.below(2) as usize].to_owned();
    let household = households[rng.below(households.len() as u64) as usize];
    let store = l.store();
    let done = if rng.below(3) != 0 {
        store
            .lend(&Lend {
                community_id: community,
                household_id: household,
                resident_id: None,
                codes: vec![code],
                due: None,
                approved_by: String::new(),
                deposit_volunteer_id: None,
                note: String::new(),
            })
            .map(|_| ())
    } else {
        store
            .return_loans(&ReturnLoans {
                community_id: community,
                items: vec![ReturnItem {
                    code,
                    loan_id: None,
                    outcome: ReturnOutcome::Returned,
                    condition: String::new(),
                    missing_parts: vec![],
                    note: String::new(),
                    deposit: None,
                    photos: vec![],
                }],
            })
            .map(|_| ())
    };
    if let (Err(e), Ok(_)) = (&done, std::env::var("LINLI_SIM_TRACE")) {
        eprintln!("{} lending: {e}", l.name);
    }
    match done {
        Ok(()) => true,
        Err(Error::Conflict { .. } | Error::NotFound { .. } | Error::Invalid(_)) => false,
        Err(e) => panic!("{}: {e}", l.name),
    }
}

/// After quiescence: every laptop that holds a copy derives the same status and open loans for
/// it. Answers how many copies are in conflict (on two open loans).
pub(super) fn check(laptops: &mut [Laptop], community: Id) -> usize {
    let mut conflicts = 0;
    for code in CODES {
        let mut views: Vec<(&'static str, String, Vec<Id>)> = Vec::new();
        for l in laptops.iter_mut() {
            let name = l.name;
            if let Ok(c) = l.store().find_lend_copy(&FindLendCopy {
                community_id: community,
                code: code.into(),
            }) {
                let mut open = c.open_loans.clone();
                open.sort();
                views.push((name, c.status.code().to_owned(), open));
            }
        }
        assert!(!views.is_empty(), "{code} reached no laptop");
        for v in &views[1..] {
            assert_eq!(
                (&v.1, &v.2),
                (&views[0].1, &views[0].2),
                "{code}: {} and {} disagree",
                v.0,
                views[0].0
            );
        }
        if views[0].2.len() > 1 {
            conflicts += 1;
        }
    }
    conflicts
}
