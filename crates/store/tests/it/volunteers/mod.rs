//! The volunteer time bank on real SQLite files: registering volunteers, teams and party members;
//! activities, crediting many at once, verification by the rules, reversal; the ledger with
//! redemptions, balances that say how sure they are, statements, the server's review marks; and
//! the reports. Plus the ledger invariants as properties. This module holds the bank they share
//! and the helpers; the tests are in:
//! - `desk`: the desk's rules (issue 15): self-verification, rejecting, hours per person, capacity,
//!   edits, explaining an entry's points
//! - `registry`: volunteers, teams, party members, hours, reversals, the reports, the journal
//! - `ledger`: redemptions, statements, review marks, points expiring
//! - `properties`: the ledger invariants (its regressions in `properties.proptest-regressions`)

use linli_domain::volunteers::{ItemKind, LedgerKind, TeamKind};
use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use linli_store::{Error, Store};
use proptest::prelude::*;

struct Bank {
    store: Store,
    _dir: tempfile::TempDir,
    community: Id,
}

fn bank() -> Bank {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("linli.db")).unwrap();
    let town = store
        .add_place(&AddPlace {
            kind: PlaceKind::Town,
            name: "樟城镇".into(),
            parent_id: None,
        })
        .unwrap()
        .id;
    let community = store
        .add_place(&AddPlace {
            kind: PlaceKind::Community,
            name: "北门社区".into(),
            parent_id: Some(town),
        })
        .unwrap()
        .id;
    Bank {
        store,
        _dir: dir,
        community,
    }
}

fn volunteer(s: &mut Store, community: Id, name: &str) -> Id {
    s.add_volunteer(&AddVolunteer {
        community_id: community,
        resident_id: None,
        name: name.into(),
        phone: None,
        skills: vec![],
        availability: String::new(),
    })
    .unwrap()
    .id
}

fn activity(
    s: &mut Store,
    community: Id,
    team: Option<Id>,
    category: &str,
    date: &str,
    hours: f64,
) -> Id {
    s.add_activity(&AddActivity {
        community_id: community,
        team_id: team,
        title: format!("{category}活动"),
        category: category.into(),
        date: date.into(),
        hours,
        place: "社区广场".into(),
        time: String::new(),
        capacity: None,
    })
    .unwrap()
    .id
}

/// Credits and verifies hours for each volunteer; returns the entry ids.
fn serve(s: &mut Store, activity: Id, people: &[Id]) -> Vec<Id> {
    let entries = s
        .credit_hours(&CreditHours {
            activity_id: Some(activity),
            volunteer_ids: people.to_vec(),
            ..Default::default()
        })
        .unwrap();
    let ids: Vec<Id> = entries.iter().map(|e| e.id).collect();
    s.verify_hours(&VerifyHours {
        entry_ids: ids.clone(),
        verified_by: None,
    })
    .unwrap();
    ids
}

fn goods(s: &mut Store, community: Id, name: &str, cost: i64, stock: i64) -> Id {
    s.add_catalogue_item(&AddCatalogueItem {
        community_id: community,
        kind: ItemKind::Goods,
        name: name.into(),
        cost,
        unit: "份".into(),
        stock,
    })
    .unwrap()
    .id
}

fn balance(s: &Store, v: Id) -> i64 {
    s.points_balance(&PointsBalance { volunteer_id: v })
        .unwrap()
        .balance
}

mod desk;
mod ledger;
mod properties;
mod registry;
