//! The demo's volunteer time bank: per community, points rules, six teams, volunteers drawn
//! from the register's adult residents, party members of several work units, a season of
//! activities with sign-ups, attendance and hours (most verified, the last ones waiting), a
//! catalogue, and redemptions that the balances allow. Deterministic from the seed: ids come
//! from the demo's clock (pinned on the store while this runs) and every time and date is fixed.

use std::collections::BTreeMap;

use linli_domain::volunteers::{hours_to_minutes, ItemKind, TeamKind};
use linli_domain::Id;
use linli_protocol::SetPointsRules;

use crate::volunteers::activities::{
    insert_activity, insert_attendance, insert_signup, NewActivity,
};
use crate::volunteers::hours::{insert_entry, verify_entry, NewEntry};
use crate::volunteers::ledger::{insert_item, redeem_in, write_rules};
use crate::volunteers::registry::{
    insert_team, insert_volunteer, write_member, write_party, NewVolunteer,
};
use crate::{Result, Store};

/// 2026-04-01T01:00:00Z, 09:00 in China: the time the demo's time bank is written at.
const TIME_BANK_MS: u64 = 1_775_005_200_000;

/// What the time bank of the demo holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimeBankSummary {
    pub volunteers: u32,
    pub teams: u32,
    pub activities: u32,
    pub hour_entries: u32,
    pub redemptions: u32,
}

const WORK_UNITS: &[&str] = &[
    "永泰县人民医院",
    "永泰县税务局",
    "樟城中学",
    "永泰县自然资源局",
    "国网永泰供电公司",
];

const PLEDGES: &[&str] = &[
    "每月服务不少于4小时",
    "结对帮扶一户独居老人",
    "参加周末护学岗",
    "入户宣讲医保政策",
    "协助调解邻里纠纷",
];

const SKILLS: &[&str] = &[
    "理发",
    "量血压",
    "维修家电",
    "书法",
    "英语辅导",
    "法律咨询",
    "摄影",
    "驾驶",
];

const AVAILABILITY: &[&str] = &["周末上午", "工作日晚上", "周末全天", "工作日上午", "随时"];

fn category(kind: TeamKind) -> &'static str {
    match kind {
        TeamKind::SchoolCrossing => "护学",
        TeamKind::Errands => "跑腿代办",
        TeamKind::Traffic => "交通劝导",
        TeamKind::Tutoring => "课业辅导",
        TeamKind::Mediation => "矛盾调解",
        TeamKind::PolicyExplaining | TeamKind::Unknown => "政策宣讲",
    }
}

fn activity_title(kind: TeamKind) -> &'static str {
    match kind {
        TeamKind::SchoolCrossing => "城关小学上学护学岗",
        TeamKind::Errands => "为独居老人代购代办",
        TeamKind::Traffic => "樟城路口文明劝导",
        TeamKind::Tutoring => "四点半课堂作业辅导",
        TeamKind::Mediation => "楼道邻里纠纷调解",
        TeamKind::PolicyExplaining | TeamKind::Unknown => "医保新政进小区",
    }
}

/// Adds a time bank to each community. `next` is the demo's id stream, `pick(n)` a number below
/// `n` from its seed.
pub(crate) fn generate(
    store: &mut Store,
    communities: &[Id],
    pick: &mut dyn FnMut(u64) -> u64,
) -> Result<TimeBankSummary> {
    let mut sum = TimeBankSummary::default();
    for (ci, &community) in communities.iter().enumerate() {
        // adult residents with a phone, spread over the community
        let residents: Vec<(String, String, String)> = store
            .conn()
            .prepare(
                "SELECT id, name, phone FROM residents
                 WHERE community_id = ?1 AND phone IS NOT NULL AND deleted = 0 ORDER BY id",
            )?
            .query_map([community.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let wanted = residents.len().min(18);
        if wanted == 0 {
            continue;
        }
        let step = residents.len() / wanted;
        // every time and day fixed: 1 April 2026, 09:00 in China, a minute a community
        if let Some(clock) = store.pinned_now_mut() {
            clock.set_wall_ms(TIME_BANK_MS + ci as u64 * 60_000);
            clock.set_offset_minutes(480);
        }
        let mut w = store.begin()?;
        write_rules(
            &mut w,
            &SetPointsRules {
                community_id: community,
                rates: [
                    ("护学".to_owned(), 15),
                    ("矛盾调解".to_owned(), 15),
                    ("课业辅导".to_owned(), 12),
                ]
                .into(),
                default_rate: 10,
                entry_cap: Some(60),
                month_cap: Some(300),
                expiry_months: None,
            },
        )?;

        let mut volunteers = Vec::new();
        for k in 0..wanted {
            let (rid, name, phone) = &residents[k * step];
            let id = w.id();
            let skills: Vec<String> = (0..pick(3))
                .map(|_| SKILLS[pick(SKILLS.len() as u64) as usize].to_owned())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            insert_volunteer(
                &mut w,
                id,
                &NewVolunteer {
                    community,
                    resident: Some(rid.parse()?),
                    name,
                    phone: Some(phone),
                    skills: &skills,
                    availability: AVAILABILITY[pick(AVAILABILITY.len() as u64) as usize],
                },
            )?;
            volunteers.push(id);
        }
        sum.volunteers += volunteers.len() as u32;

        // six teams; each volunteer in one team (by turn) and some in a second; the first a leader
        let mut teams: Vec<(Id, TeamKind, Vec<Id>)> = Vec::new();
        for kind in TeamKind::ALL {
            let id = w.id();
            insert_team(
                &mut w,
                id,
                community,
                kind,
                &format!("{}志愿服务队", kind.label_zh()),
            )?;
            teams.push((id, kind, Vec::new()));
        }
        sum.teams += teams.len() as u32;
        for (k, v) in volunteers.iter().enumerate() {
            let t = k % teams.len();
            let leader = teams[t].2.is_empty();
            let member_id = w.id();
            write_member(&mut w, member_id, community, teams[t].0, *v, leader, false)?;
            teams[t].2.push(*v);
            if pick(3) == 0 {
                let t2 = (t + 1 + pick(5) as usize) % teams.len();
                let member_id = w.id();
                write_member(&mut w, member_id, community, teams[t2].0, *v, false, false)?;
                teams[t2].2.push(*v);
            }
        }

        // party members registered with the community (双报到)
        for (k, v) in volunteers.iter().enumerate().filter(|(k, _)| k % 3 == 0) {
            let unit = WORK_UNITS[(k / 3 + ci) % WORK_UNITS.len()];
            let pledges = vec![
                PLEDGES[k % PLEDGES.len()].to_owned(),
                PLEDGES[(k + 2) % PLEDGES.len()].to_owned(),
            ];
            write_party(&mut w, *v, community, unit, &pledges, "2026-01-10")?;
        }

        // a season of activities, two a month per team kind in turn; the last ones not yet verified
        let dates = [
            "2026-01-08",
            "2026-01-17",
            "2026-01-24",
            "2026-02-06",
            "2026-02-21",
            "2026-02-28",
            "2026-03-07",
            "2026-03-14",
            "2026-03-21",
            "2026-03-28",
        ];
        for (ai, date) in dates.iter().enumerate() {
            let (team, kind, members) = &teams[(ai + ci) % teams.len()];
            if members.is_empty() {
                continue;
            }
            let hours = [1.5, 2.0, 2.0, 3.0][pick(4) as usize];
            let minutes = hours_to_minutes(hours)?;
            let activity = w.id();
            insert_activity(
                &mut w,
                activity,
                &NewActivity {
                    community,
                    team: Some(*team),
                    title: activity_title(*kind),
                    category: category(*kind),
                    date,
                    minutes,
                    place: "社区党群服务中心",
                    time: "",
                    capacity: None,
                },
            )?;
            sum.activities += 1;
            let verify = ai + 2 < dates.len();
            for v in members {
                insert_signup(&mut w, community, activity, *v)?;
                let present = pick(10) != 0;
                insert_attendance(&mut w, community, activity, *v, present)?;
                if !present {
                    continue;
                }
                let entry = insert_entry(
                    &mut w,
                    &NewEntry {
                        volunteer: *v,
                        community,
                        activity: Some(activity),
                        minutes,
                        category: category(*kind),
                        date,
                        reverses: None,
                        note: "",
                        credited_by: None,
                    },
                )?;
                sum.hour_entries += 1;
                if verify {
                    verify_entry(&mut w, entry, None)?;
                }
            }
        }

        // the catalogue of the station, and what volunteers took from it
        let mut items: BTreeMap<&str, Id> = BTreeMap::new();
        for (name, kind, cost, unit, stock) in [
            ("大米5斤", ItemKind::Goods, 50, "袋", 20),
            ("食用油1.8升", ItemKind::Goods, 80, "桶", 10),
            ("洗衣液", ItemKind::Goods, 30, "瓶", 15),
            ("少儿书法课", ItemKind::ClassHours, 20, "课时", 0),
            ("少儿美术课", ItemKind::ClassHours, 20, "课时", 0),
        ] {
            let id = w.id();
            insert_item(&mut w, id, community, kind, name, cost, unit, stock)?;
            items.insert(name, id);
        }
        for (k, v) in volunteers.iter().enumerate().filter(|(k, _)| k % 4 == 1) {
            let item = ["洗衣液", "少儿书法课", "大米5斤"][k % 3];
            // a redemption the balance does not cover is refused, as at the station
            if redeem_in(&mut w, *v, items[item], 1).is_ok() {
                sum.redemptions += 1;
            }
        }
        w.commit()?;
    }
    Ok(sum)
}
