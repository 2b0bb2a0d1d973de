//! The demo's security patrols (巡防, issue 25 item 2): in the first community a 治安巡防队 of
//! three residents from the register (a party member, a building steward, a volunteer) and two
//! outside members (the community police officer, 片警, and a compound guard); an evening rota on
//! Monday, Wednesday and Friday from four weeks back to two weeks ahead; logs for most of the past
//! slots (some missed), a few findings, one made a request. Written from the start of today's
//! local day (as the boards are, `board/demo.rs`): two demos from one seed export byte-identically.
//! Everything goes through the store's own operations.

use linli_domain::calendar::add_days;
use linli_domain::field::TaskCategory;
use linli_domain::patrols::{FindingCategory, MemberRole};
use linli_domain::{Id, Now};
use linli_protocol::*;

use super::people::Rng;
use crate::{Result, Store};

/// What the patrols of the demo hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PatrolsSummary {
    pub members: u32,
    pub slots: u32,
    pub logs: u32,
    pub findings: u32,
    pub requests: u32,
}

const FINDINGS: &[(FindingCategory, &str, &str)] = &[
    (
        FindingCategory::Hazard,
        "5号楼一单元",
        "楼道堆放纸箱杂物，堵塞消防通道",
    ),
    (
        FindingCategory::Facility,
        "南门至3号楼路段",
        "两盏路灯不亮，夜间照明不足",
    ),
    (
        FindingCategory::Hazard,
        "地下车库入口",
        "电动车在楼道内充电，飞线拉到一楼",
    ),
    (
        FindingCategory::Order,
        "北侧围墙",
        "围墙护栏有缺口，有外来人员从此进出",
    ),
    (
        FindingCategory::Environment,
        "垃圾分类亭旁",
        "建筑垃圾乱堆，无人清运",
    ),
    (
        FindingCategory::Facility,
        "7号楼单元门",
        "单元门门禁损坏，门常开",
    ),
];

const ROUTES: &[&str] = &[
    "南门—1至6号楼—地下车库—北门",
    "北门—7至12号楼—小广场—南门",
    "全小区环线（含围墙周边）",
];

pub(crate) fn generate(
    store: &mut Store,
    communities: &[Id],
    real: &Now,
    rng: &mut Rng,
) -> Result<PatrolsSummary> {
    let mut sum = PatrolsSummary::default();
    let Some(&community) = communities.first() else {
        return Ok(sum);
    };
    if let Some(clock) = store.pinned_now_mut() {
        const DAY_MS: i64 = 86_400_000;
        let offset_ms = i64::from(real.offset_minutes()) * 60_000;
        let local = real.wall_ms() as i64 + offset_ms;
        let midnight = local - local.rem_euclid(DAY_MS) - offset_ms;
        clock.set_wall_ms(midnight.max(0) as u64);
        clock.set_offset_minutes(real.offset_minutes());
    }
    let today = store.now().today();
    let team = store.save_patrol_team(&SavePatrolTeam {
        id: None,
        fields: PatrolTeamFields {
            community_id: community,
            name: "治安巡防队".to_owned(),
            area: "全小区：各楼栋、地下车库、围墙周边".to_owned(),
            note: "每周一、三、五晚上巡防，遇警情先报110".to_owned(),
        },
    })?;
    let residents: Vec<Id> = store
        .conn()
        .prepare(
            "SELECT id FROM residents WHERE community_id = ?1 AND deleted = 0
             AND moved_out IS NULL AND birth_date BETWEEN '1960-01-01' AND '1990-12-31'
             ORDER BY id LIMIT 40",
        )?
        .query_map([community.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut picked: Vec<Id> = Vec::new();
    for role in [
        MemberRole::PartyMember,
        MemberRole::Steward,
        MemberRole::Volunteer,
    ] {
        if residents.is_empty() {
            break;
        }
        let r = residents[rng.below(residents.len() as u64) as usize];
        if picked.contains(&r) {
            continue;
        }
        picked.push(r);
        store.save_patrol_member(&SavePatrolMember {
            id: None,
            team_id: team.id,
            resident_id: Some(r),
            name: String::new(),
            phone: String::new(),
            role,
        })?;
    }
    for (name, phone, role) in [
        ("李建国（社区民警）", "13905910110", MemberRole::Police),
        ("王师傅", "13859012345", MemberRole::Guard),
    ] {
        store.save_patrol_member(&SavePatrolMember {
            id: None,
            team_id: team.id,
            resident_id: None,
            name: name.to_owned(),
            phone: phone.to_owned(),
            role,
        })?;
    }
    let team = store
        .list_patrol_teams(&ListPatrolTeams {
            community_id: Some(community),
        })?
        .into_iter()
        .find(|t| t.id == team.id)
        .unwrap_or(team);
    sum.members = team.members.len() as u32;
    let members: Vec<Id> = team.members.iter().map(|m| m.id).collect();
    let slots = store.generate_patrol_rota(&GeneratePatrolRota {
        team_id: team.id,
        weekdays: "135".to_owned(),
        starts: "19:00".to_owned(),
        ends: "21:00".to_owned(),
        from: add_days(&today, -28).unwrap_or_else(|| today.clone()),
        to: add_days(&today, 14).unwrap_or_else(|| today.clone()),
        members: members.clone(),
    })?;
    sum.slots = slots.len() as u32;
    let mut made_request = false;
    for slot in slots.iter().filter(|s| s.date < today) {
        // about one slot in six is missed
        if rng.chance(16) {
            continue;
        }
        let went: Vec<Id> = members.iter().copied().filter(|_| rng.chance(70)).collect();
        let went = if went.is_empty() {
            members.iter().take(2).copied().collect()
        } else {
            went
        };
        let findings: Vec<FindingFields> = if rng.chance(30) {
            let (category, place, description) =
                FINDINGS[rng.below(FINDINGS.len() as u64) as usize];
            vec![FindingFields {
                id: None,
                category,
                place: place.to_owned(),
                description: description.to_owned(),
            }]
        } else {
            Vec::new()
        };
        let log = store.log_patrol(&LogPatrol {
            id: None,
            fields: PatrolLogFields {
                team_id: team.id,
                slot_id: Some(slot.id),
                date: slot.date.clone(),
                starts: "19:00".to_owned(),
                ends: if rng.chance(50) { "21:00" } else { "20:45" }.to_owned(),
                route: rng.pick(ROUTES).to_owned(),
                members: went,
                findings,
                note: String::new(),
            },
        })?;
        sum.logs += 1;
        sum.findings += log.findings.len() as u32;
        if let (false, Some(f)) = (made_request, log.findings.first()) {
            store.patrol_finding_to_request(&PatrolFindingToRequest {
                finding_id: f.id,
                title: String::new(),
                category: TaskCategory::PublicMatter,
                owner_id: None,
                due_date: add_days(&today, 7),
            })?;
            made_request = true;
            sum.requests += 1;
        }
    }
    Ok(sum)
}
