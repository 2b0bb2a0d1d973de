//! The demo's children's programmes (托管, issue 25 item 1): in the first community a 四点半学校
//! (weekdays 16:30–18:30, 20 places, two waiting) and a 周末学吧 (Saturdays 09:00–11:30), staffed
//! from the time bank's volunteers on a rota; a term begun six weeks before the real today with
//! its attendance day by day — most children in, collected by a guardian, now and then by a
//! neighbour with a reason, one or two absent — and each day's shift credited. Everything goes
//! through the store's own operations; ids come from the demo's clock, pinned meanwhile.

use linli_domain::calendar::{add_days, age_on, day_number};
use linli_domain::programmes::{meets_on, CollectorKind, EnrolState, ProgrammeKind};
use linli_domain::Id;
use linli_protocol::*;

use super::people::Rng;
use crate::{Result, Store};

/// What the programmes of the demo hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProgrammesSummary {
    pub programmes: u32,
    pub enrolled: u32,
    pub sign_ins: u32,
    pub shifts: u32,
}

/// `day` at `minute` after midnight in China, as wall milliseconds.
fn at(day: &str, minute: u64) -> u64 {
    let n = day_number(day).unwrap_or(0);
    (n * 86_400_000) as u64 + minute * 60_000 - 8 * 3_600_000
}

fn set_time(store: &mut Store, day: &str, minute: u64) {
    if let Some(clock) = store.pinned_now_mut() {
        clock.set_wall_ms(at(day, minute));
        clock.set_offset_minutes(480);
    }
}

fn clock(m: u64) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

const NEIGHBOURS: &[&str] = &["王阿姨（邻居）", "陈奶奶（邻居）", "刘叔叔（同学家长）"];
const REASONS: &[&str] = &["妈妈加班，电话委托", "爸爸出差，奶奶生病", "监护人电话委托"];

/// Children of the community aged `min`..=`max` on `day`, with a parent of the same household
/// (name, phone) when there is one.
#[allow(clippy::type_complexity)]
fn children(
    store: &Store,
    community: Id,
    day: &str,
    (min, max): (i64, i64),
) -> Result<Vec<(Id, Option<(Id, String, String)>)>> {
    let rows: Vec<(Id, String, Id)> = store
        .conn()
        .prepare(
            "SELECT id, birth_date, household_id FROM residents WHERE community_id = ?1
             AND deleted = 0 AND moved_out IS NULL AND birth_date IS NOT NULL
             AND household_id IS NOT NULL ORDER BY id",
        )?
        .query_map([community.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (id, birth, household) in rows {
        if !age_on(&birth, day).is_some_and(|a| (min..=max).contains(&a)) {
            continue;
        }
        let parent: Option<(Id, String, Option<String>, String)> = store
            .conn()
            .prepare(
                "SELECT id, name, phone, coalesce(gender, '') FROM residents
                 WHERE household_id = ?1 AND deleted = 0 AND birth_date BETWEEN ?2 AND ?3
                 ORDER BY gender DESC, id LIMIT 1",
            )?
            .query_row(
                rusqlite::params![
                    household.to_string(),
                    add_days(day, -50 * 365).unwrap_or_default(),
                    add_days(day, -22 * 365).unwrap_or_default()
                ],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .ok();
        let parent = parent.map(|(pid, name, phone, gender)| {
            let relation = if gender == "female" {
                "母亲"
            } else {
                "父亲"
            };
            let phone = phone.unwrap_or_else(|| {
                format!(
                    "139{:08}",
                    day_number(&birth).unwrap_or(0).rem_euclid(100_000_000)
                )
            });
            (pid, format!("{name}|{relation}"), phone)
        });
        out.push((id, parent));
    }
    Ok(out)
}

pub(crate) fn generate(
    store: &mut Store,
    communities: &[Id],
    today: &str,
    rng: &mut Rng,
) -> Result<ProgrammesSummary> {
    let mut sum = ProgrammesSummary::default();
    let Some(&community) = communities.first() else {
        return Ok(sum);
    };
    let start = add_days(today, -42).unwrap_or_else(|| today.to_owned());
    let end = add_days(today, 60).unwrap_or_else(|| today.to_owned());
    set_time(store, &start, 9 * 60);
    let volunteers: Vec<Id> = store
        .conn()
        .prepare(
            "SELECT id FROM volunteers WHERE community_id = ?1 AND deleted = 0 ORDER BY id LIMIT 5",
        )?
        .query_map([community.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let staff = |v: &[(usize, &str)]| -> Vec<StaffFields> {
        v.iter()
            .filter_map(|(i, days)| {
                volunteers.get(*i).map(|id| StaffFields {
                    volunteer_id: Some(*id),
                    person_id: None,
                    weekdays: (*days).to_owned(),
                })
            })
            .collect()
    };
    let plans = [
        (
            ProgrammeKind::AfterSchool,
            "四点半学校",
            "党群服务中心二楼活动室",
            "12345",
            (16 * 60 + 30, 18 * 60 + 30),
            20,
            (6, 12),
            staff(&[(0, "135"), (1, "24"), (2, "")]),
            22,
        ),
        (
            ProgrammeKind::WeekendStudy,
            "周末学吧",
            "社区图书室",
            "6",
            (9 * 60, 11 * 60 + 30),
            15,
            (8, 14),
            staff(&[(3, ""), (4, "")]),
            12,
        ),
    ];
    let mut taken: Vec<Id> = Vec::new();
    for (kind, name, room, weekdays, (opens, closes), capacity, ages, staff, wanted) in plans {
        set_time(store, &start, 9 * 60);
        let p = store.add_programme(&AddProgramme {
            fields: ProgrammeFields {
                community_id: community,
                kind,
                name: name.to_owned(),
                place_id: None,
                room: room.to_owned(),
                weekdays: weekdays.to_owned(),
                opens: clock(opens),
                closes: clock(closes),
                term_start: start.clone(),
                term_end: end.clone(),
                capacity,
                age_min: ages.0,
                age_max: ages.1,
                staff,
                note: String::new(),
            },
        })?;
        sum.programmes += 1;
        let mut enrolled = Vec::new();
        for (child, parent) in children(store, community, &start, ages)? {
            if enrolled.len() >= wanted || taken.contains(&child) {
                continue;
            }
            let guardian = match &parent {
                Some((pid, name_rel, phone)) => {
                    let (n, rel) = name_rel.split_once('|').unwrap_or((name_rel, ""));
                    Guardian {
                        resident_id: Some(*pid),
                        name: n.to_owned(),
                        relation: rel.to_owned(),
                        phone: phone.clone(),
                    }
                }
                None => Guardian {
                    resident_id: None,
                    name: "林秀兰".into(),
                    relation: "祖母".into(),
                    phone: format!("137{:08}", rng.below(100_000_000)),
                },
            };
            let e = store.enrol_child(&EnrolChild {
                programme_id: p.id,
                resident_id: child,
                guardians: vec![guardian],
                date: Some(start.clone()),
                note: String::new(),
            })?;
            taken.push(child);
            enrolled.push((e.id, e.state == EnrolState::Enrolled));
        }
        let roster: Vec<Id> = enrolled
            .iter()
            .filter(|(_, e)| *e)
            .map(|(id, _)| *id)
            .collect();
        sum.enrolled += roster.len() as u32;
        // the term so far, day by day (today's desk is left to the user)
        let mut day = start.clone();
        while day.as_str() < today {
            if meets_on(weekdays, &start, &end, &day) {
                for e in &roster {
                    if rng.chance(12) {
                        continue; // absent
                    }
                    let m_in = opens + rng.below(20);
                    set_time(store, &day, m_in);
                    store.sign_child_in(&SignIn {
                        enrolment_id: *e,
                        date: Some(day.clone()),
                        time: Some(clock(m_in)),
                    })?;
                    sum.sign_ins += 1;
                    let m_out = closes - 25 + rng.below(30);
                    set_time(store, &day, m_out);
                    let other = rng.chance(6);
                    let r = store.sign_child_out(&SignOut {
                        enrolment_id: *e,
                        date: Some(day.clone()),
                        time: Some(clock(m_out)),
                        collector: if other {
                            CollectorKind::Other
                        } else {
                            CollectorKind::Guardian
                        },
                        guardian: (!other).then_some(0),
                        name: if other {
                            rng.pick(NEIGHBOURS).to_owned()
                        } else {
                            String::new()
                        },
                        reason: if other {
                            rng.pick(REASONS).to_owned()
                        } else {
                            String::new()
                        },
                    });
                    r?;
                }
                set_time(store, &day, closes + 10);
                let c = store.credit_programme_shift(&CreditProgrammeShift {
                    programme_id: p.id,
                    date: Some(day.clone()),
                })?;
                sum.shifts += c.credited.len() as u32;
            }
            day = add_days(&day, 1).unwrap_or_else(|| today.to_owned());
        }
    }
    Ok(sum)
}
