//! 米邻驿站 (issue 19) through the real server over HTTP on 127.0.0.1: two station laptops lend
//! the same wheelchair offline; after sync both keep both loans and show the conflict to a
//! person (never merged away), until one of them voids the loan that never happened; then a
//! return and the copy set aside for a hold reach the other laptop.

use linli_tests::{spawn_server, TestServer as Server, Town};

use linli_domain::lending::{CopyStatus, DepositUnit, HoldState, ReturnOutcome};
use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_protocol::*;
use linli_store::Store;
use linli_sync::{Engine, HttpTransport};

fn laptop(srv: &Server, user: &str) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let mut t = HttpTransport::new(&srv.url);
    linli_sync::login(&mut s, &mut t, &srv.url, user, "secret", "station laptop").unwrap();
    s
}

fn sync(srv: &Server, s: &mut Store) {
    Engine::new(HttpTransport::new(&srv.url))
        .sync(s, &mut |_| {})
        .unwrap();
}

fn lend(s: &mut Store, community: Id, household: Id, code: &str) -> Loan {
    s.lend(&Lend {
        community_id: community,
        household_id: household,
        resident_id: None,
        codes: vec![code.into()],
        due: None,
        approved_by: String::new(),
        deposit_volunteer_id: None,
        note: String::new(),
    })
    .unwrap()
    .remove(0)
}

fn copy(s: &mut Store, community: Id) -> LendCopy {
    s.find_lend_copy(&FindLendCopy {
        community_id: community,
        code: "WC-01".into(),
    })
    .unwrap()
}

fn conflicts(s: &mut Store, community: Id) -> Vec<Id> {
    let mut ids: Vec<Id> = s
        .list_loans(&ListLoans {
            community_id: community,
            household_id: None,
            building_id: None,
            include_closed: false,
            overdue_only: false,
            conflicts_only: true,
            person_id: None,
            grid_id: None,
        })
        .unwrap()
        .into_iter()
        .map(|l| l.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn two_laptops_lending_one_copy_offline_both_show_the_conflict_after_sync() {
    let srv = spawn_server();
    srv.user("station", Role::Admin, &[]);
    let mut a = laptop(&srv, "station");
    let mut b = laptop(&srv, "station");
    let town = Town::new("樟城镇")
        .community("北门社区")
        .compound("西门新村")
        .building("3栋")
        .household("101")
        .household("102")
        .household("103")
        .build(&mut a);
    let community = town["北门社区"];
    let (h1, h2, h3) = (
        town.household("3栋", "101"),
        town.household("3栋", "102"),
        town.household("3栋", "103"),
    );
    let kind = a
        .add_lend_kind(&AddLendKind {
            community_id: community,
            fields: LendKindFields {
                name: "轮椅".into(),
                category: "助行".into(),
                loan_days: 30,
                max_renewals: 1,
                buffer_days: 0,
                deposit_unit: DepositUnit::Yuan,
                deposit: 200,
                needs_approval: false,
                consumable: false,
                care_notes: String::new(),
                parts: vec![],
            },
        })
        .unwrap()
        .id;
    a.add_lend_copy(&AddLendCopy {
        kind_id: kind,
        donor_points: 0,
        donor_volunteer_id: None,
        fields: LendCopyFields {
            code: "WC-01".into(),
            ..Default::default()
        },
    })
    .unwrap();
    sync(&srv, &mut a);
    sync(&srv, &mut b);
    assert_eq!(copy(&mut b, community).status, CopyStatus::OnShelf);

    // offline, both desks hand the one wheelchair out
    let la = lend(&mut a, community, h1, "WC-01");
    let lb = lend(&mut b, community, h2, "WC-01");
    sync(&srv, &mut a);
    sync(&srv, &mut b);
    sync(&srv, &mut a);
    let mut both = vec![la.id, lb.id];
    both.sort();
    for s in [&mut a, &mut b] {
        let c = copy(s, community);
        assert_eq!(c.status, CopyStatus::OnLoan);
        assert_eq!(c.open_loans.len(), 2, "neither loan merged away");
        assert_eq!(conflicts(s, community), both, "the conflict is shown");
        let d = s.list_deposits(&ListDeposits { household_id: h2 }).unwrap();
        assert_eq!(d.held_yuan, 200, "each deposit kept");
    }

    // a person settles it on laptop B: the wheelchair went to 101
    b.void_loan(&VoidLoan {
        loan_id: lb.id,
        reason: "轮椅实际借给了101".into(),
    })
    .unwrap();
    b.place_hold(&PlaceHold {
        kind_id: kind,
        household_id: h3,
        resident_id: None,
    })
    .unwrap();
    sync(&srv, &mut b);
    sync(&srv, &mut a);
    assert!(conflicts(&mut a, community).is_empty());
    assert_eq!(copy(&mut a, community).open_loans, vec![la.id]);
    assert_eq!(
        a.list_deposits(&ListDeposits { household_id: h2 })
            .unwrap()
            .held_yuan,
        0,
        "the voided loan's deposit refunded"
    );

    // A takes it back; the hold B placed gets it, and B sees it set aside
    let back = a
        .return_loans(&ReturnLoans {
            community_id: community,
            items: vec![ReturnItem {
                code: "WC-01".into(),
                loan_id: None,
                outcome: ReturnOutcome::Returned,
                condition: "良好".into(),
                missing_parts: vec![],
                note: String::new(),
                deposit: None,
                photos: vec![],
            }],
        })
        .unwrap();
    assert_eq!(
        back[0].set_aside_for.as_ref().map(|h| h.household_id),
        Some(h3)
    );
    sync(&srv, &mut a);
    sync(&srv, &mut b);
    assert_eq!(copy(&mut b, community).status, CopyStatus::HeldForPickup);
    let holds = b
        .list_holds(&ListHolds {
            community_id: community,
            kind_id: Some(kind),
        })
        .unwrap();
    assert_eq!(holds[0].state, HoldState::Ready);
    assert_eq!(lend(&mut b, community, h3, "WC-01").household_id, h3);
}
