//! 米邻驿站 (issue 19) on real SQLite files: kinds and copies checked, a scanned basket lent and
//! returned, renewals refused with their reason, the hold queue and its pickup deadline, the
//! household limit and the overdue block, deposits through the points ledger and its floor,
//! maintenance, a consumable handed out, and two laptops lending one copy offline.

use crate::common::add;
use linli_domain::calendar::days_from_civil;
use linli_domain::lending::{CopyStatus, DepositUnit, ReturnOutcome};
use linli_domain::{Id, Now, PlaceKind};
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
            donor_points: 0,
            donor_volunteer_id: None,
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
            photos: vec![],
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

mod deposits;
mod desk;
mod gaps;
mod holds;
mod month;
pub(crate) mod sync;
