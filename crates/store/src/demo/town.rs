//! The demo's register: the county and the town, communities with their big grids, building
//! sections and the people who work them, compounds of buildings, units and rooms, and the
//! households in them with their residents.

use linli_domain::register::{GridKind, ResidenceStatus, Role};
use linli_domain::{make_resident_id, Id, Now, PlaceKind};
use linli_protocol::{HouseholdFields, ResidentFields};
use serde_json::json;

use super::people::{care_tags, family, phone, share, staff_name, Rng, COMMUNITIES, COMPOUNDS};
use super::rows::{assignment, grid, place, staff};
use super::DemoSummary;
use crate::register::{households::insert_household, residents};
use crate::write::{RowWrite, Scope};
use crate::{Result, Store};

/// Writes the town for `opts`; returns what it made, the communities' ids and the demo's clock
/// (its ids moved on) for what comes after.
pub(super) fn generate(
    store: &mut Store,
    opts: super::DemoOptions,
    real: &Now,
) -> Result<(DemoSummary, Vec<Id>, Now)> {
    let n = opts.households.max(1);
    let mut rng = Rng(opts.seed);
    // ids from the seed (the same options give the same rows), at the store's time and day
    let mut ids = Now::seeded(real.wall_ms(), real.offset_minutes(), opts.seed ^ 0x5EED);
    let mut sum = DemoSummary::default();
    let scale = |town: u32| ((u64::from(town) * u64::from(n) + 775) / 1550).max(1) as u32;
    let (big_total, section_total, worker_total) =
        (scale(34), scale(110).max(scale(34)), scale(49));

    let county = ids.id();
    let town = ids.id();
    let mut w = store.begin()?;
    place(&mut w, county, PlaceKind::County, "永泰县", None, None)?;
    place(&mut w, town, PlaceKind::Town, "樟城镇", Some(county), None)?;
    w.commit()?;

    let communities = (n / 300).clamp(1, COMMUNITIES.len() as u32);
    let mut seq: u16 = 0;
    // Every number made so far: two people born the same day whose order codes share a pair
    // (2k, 2k+1) and who are of the same sex would otherwise get the same number (twins, for
    // one), since the order code's parity is the sex.
    let mut made_ids = std::collections::HashSet::new();
    let mut community_ids = Vec::new();
    for ci in 0..communities {
        let c_households = share(n, communities, ci);
        let c_big = share(big_total, communities, ci).max(1);
        let c_sections = share(section_total, communities, ci).max(c_big);
        let c_workers = share(worker_total, communities, ci).max(1);
        let community = ids.id();
        community_ids.push(community);
        let mut w = store.begin()?;
        place(
            &mut w,
            community,
            PlaceKind::Community,
            COMMUNITIES[ci as usize],
            Some(town),
            Some(community),
        )?;
        sum.communities += 1;

        // the grids of the community, and who works them
        let mut bigs = Vec::new();
        for b in 0..c_big {
            let id = ids.id();
            grid(
                &mut w,
                id,
                GridKind::Big,
                &format!("第{}网格", b + 1),
                None,
                community,
            )?;
            bigs.push(id);
        }
        let mut sections = Vec::new();
        for s in 0..c_sections {
            let id = ids.id();
            let big = bigs[(s as usize * bigs.len()) / c_sections as usize];
            grid(
                &mut w,
                id,
                GridKind::Section,
                &format!("第{}楼段", s + 1),
                Some(big),
                community,
            )?;
            sections.push(id);
        }
        sum.big_grids += c_big;
        sum.sections += c_sections;
        for k in 0..c_workers {
            let id = ids.id();
            let p = staff_name(&mut rng);
            let role = if k % 4 == 3 {
                Role::PartTimeGridWorker
            } else {
                Role::GridWorker
            };
            staff(&mut w, id, community, &p, &phone(&mut rng), &[role])?;
            // each worker walks a run of sections
            let per = (sections.len() as u32).div_ceil(c_workers) as usize;
            for s in sections.iter().skip(k as usize * per).take(per) {
                assignment(&mut w, ids.id(), id, role, Some(*s), None, community)?;
            }
        }
        sum.grid_workers += c_workers;
        sum.people += c_workers;
        for role in [Role::Admin, Role::VolunteerCoordinator] {
            let id = ids.id();
            let p = staff_name(&mut rng);
            staff(&mut w, id, community, &p, &phone(&mut rng), &[role])?;
            sum.people += 1;
        }
        w.commit()?;

        // compounds, buildings, units and rooms, filled with households
        let compounds = c_households.div_ceil(120).max(1);
        let mut unit_index = 0usize;
        let total_units = c_households.div_ceil(10).max(1) as usize;
        for k in 0..compounds {
            let k_households = share(c_households, compounds, k);
            let compound = ids.id();
            let base = COMPOUNDS[(ci as usize * 7 + k as usize) % COMPOUNDS.len()];
            let round = (ci as usize * 7 + k as usize) / COMPOUNDS.len();
            let name = if round == 0 {
                base.to_owned()
            } else {
                format!("{base}{}期", round + 1)
            };
            let mut w = store.begin()?;
            place(
                &mut w,
                compound,
                PlaceKind::Compound,
                &name,
                Some(community),
                Some(community),
            )?;
            sum.compounds += 1;
            let mut left = k_households;
            let mut b = 0;
            while left > 0 {
                b += 1;
                let building = ids.id();
                place(
                    &mut w,
                    building,
                    PlaceKind::Building,
                    &format!("{b}栋"),
                    Some(compound),
                    Some(community),
                )?;
                sum.buildings += 1;
                let floors = 5 + rng.below(3) as u32;
                let steward = ids.id();
                let s = staff_name(&mut rng);
                staff(
                    &mut w,
                    steward,
                    community,
                    &s,
                    &phone(&mut rng),
                    &[Role::BuildingSteward],
                )?;
                assignment(
                    &mut w,
                    ids.id(),
                    steward,
                    Role::BuildingSteward,
                    None,
                    Some(building),
                    community,
                )?;
                sum.people += 1;
                for u in 1..=2u32 {
                    if left == 0 {
                        break;
                    }
                    let unit = ids.id();
                    place(
                        &mut w,
                        unit,
                        PlaceKind::Unit,
                        &format!("{u}单元"),
                        Some(building),
                        Some(community),
                    )?;
                    sum.units += 1;
                    let section = sections
                        [(unit_index * sections.len() / total_units).min(sections.len() - 1)];
                    unit_index += 1;
                    w.write(RowWrite {
                        table: "grid_places",
                        row_id: ids.id(),
                        fields: vec![
                            ("grid_id", json!(section.to_string())),
                            ("place_id", json!(unit.to_string())),
                            ("deleted", json!(false)),
                        ],
                        scope: Scope {
                            community: Some(community),
                            grid: Some(section),
                            place: Some(unit),
                        },
                    })?;
                    if u == 1 && rng.chance(50) {
                        let cs = ids.id();
                        let p = staff_name(&mut rng);
                        staff(
                            &mut w,
                            cs,
                            community,
                            &p,
                            &phone(&mut rng),
                            &[Role::CorridorSteward],
                        )?;
                        assignment(
                            &mut w,
                            ids.id(),
                            cs,
                            Role::CorridorSteward,
                            None,
                            Some(unit),
                            community,
                        )?;
                        sum.people += 1;
                    }
                    let scope = Scope {
                        community: Some(community),
                        grid: Some(section),
                        place: Some(unit),
                    };
                    'rooms: for floor in 1..=floors {
                        for r in 1..=2u32 {
                            if left == 0 {
                                break 'rooms;
                            }
                            left -= 1;
                            let household = ids.id();
                            let members = family(&mut rng);
                            let status = match rng.below(100) {
                                0..=84 => ResidenceStatus::Consistent,
                                85..=94 => ResidenceStatus::RegisteredElsewhere,
                                _ => ResidenceStatus::LivingElsewhere,
                            };
                            let fields = HouseholdFields {
                                phone: Some(phone(&mut rng)),
                                residence_status: status,
                                floating: status == ResidenceStatus::RegisteredElsewhere
                                    && rng.chance(60),
                                tags: if members.len() == 1 {
                                    vec!["独居".into()]
                                } else {
                                    Vec::new()
                                },
                                notes: String::new(),
                            };
                            insert_household(
                                &mut w,
                                household,
                                building,
                                Some(unit),
                                &format!("{floor}{r:02}"),
                                &fields,
                                scope,
                            )?;
                            sum.households += 1;
                            for p in &members {
                                seq = seq.wrapping_add(1) % 1000;
                                let (y, m, d) = p.birth;
                                let mut number = make_resident_id(350125, y, m, d, seq, p.gender);
                                while !made_ids.insert(number.as_str().to_owned()) {
                                    seq = (seq + 2) % 1000;
                                    number = make_resident_id(350125, y, m, d, seq, p.gender);
                                }
                                let adult = y <= 2008;
                                let f = ResidentFields {
                                    name: p.name.clone(),
                                    gender: Some(p.gender),
                                    birth_date: None,
                                    id_number: Some(number.as_str().to_owned()),
                                    phone: adult.then(|| phone(&mut rng)),
                                    relation: p.relation.into(),
                                    care_tags: care_tags(&mut rng, p, members.len()),
                                    moved_in: Some(format!(
                                        "{}-{:02}-01",
                                        1995 + rng.below(30),
                                        1 + rng.below(12)
                                    )),
                                    notes: String::new(),
                                    party_member: false,
                                    accept_possible_duplicate: true,
                                };
                                let clean = residents::clean(&f)?;
                                residents::insert_resident(
                                    &mut w,
                                    ids.id(),
                                    household,
                                    &clean,
                                    scope,
                                )?;
                                sum.residents += 1;
                            }
                        }
                    }
                }
            }
            w.commit()?;
        }
    }
    Ok((sum, community_ids, ids))
}
