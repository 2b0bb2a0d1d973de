//! A lived-in month for the demo town: visits, findings reviewed at night, and tasks at every
//! stage of the five-list flow.

use linli_domain::field::{SnapshotKind, TaskCategory};
use linli_domain::{Id, Now};
use serde_json::json;

use super::people::Rng;
use super::task_life::{task_life, Raised};
use crate::write::{RowWrite, Scope, Writer};
use crate::{Result, Store};

const FINDINGS: &[(&str, Option<(&str, TaskCategory)>)] = &[
    (
        "老人腿脚不便，想申请助餐服务",
        Some(("申请助餐服务", TaskCategory::HouseholdMatter)),
    ),
    (
        "楼道灯不亮，晚上出入不便",
        Some(("修楼道灯", TaskCategory::PublicMatter)),
    ),
    (
        "厨房水管老化漏水",
        Some(("更换厨房水管", TaskCategory::HouseholdMatter)),
    ),
    (
        "楼道堆放杂物，有消防隐患",
        Some(("清理楼道杂物", TaskCategory::PublicMatter)),
    ),
    (
        "孩子想要一套课外读物",
        Some(("点亮微心愿：课外读物", TaskCategory::MicroWish)),
    ),
    (
        "邻里因漏水到楼下产生矛盾",
        Some(("调解漏水纠纷", TaskCategory::CivicMatter)),
    ),
    (
        "反映小区停车难",
        Some(("协调小区停车", TaskCategory::CivicMatter)),
    ),
    ("身体状况良好，子女每周探望", None),
    ("家中新添一口人，需补登记", None),
    ("外出务工，家中只有老人", None),
    ("对社区服务表示满意", None),
];

const SNAPSHOTS: &[(&str, SnapshotKind)] = &[
    ("小区门口占道经营", SnapshotKind::Violation),
    ("垃圾桶满溢无人清运", SnapshotKind::Environment),
    ("夜间有陌生人在楼道逗留", SnapshotKind::PublicOrder),
    ("绿化带被私自种菜", SnapshotKind::Violation),
];

/// A lived-in month: visits over the 30 days before `today` by the workers of each section (care
/// households more often), findings reviewed at night, and tasks from follow-ups and snapshot
/// reports at every stage of the five-list flow — open, overdue, finished, rated. Deterministic
/// for a seed and a day.
pub(super) fn lived_in_month(store: &mut Store, seed: u64, today: &str) -> Result<(u32, u32)> {
    use linli_domain::field::{add_days, VisitKind, VisitOutcome};

    let mut rng = Rng(seed ^ 0x0F1E_1D00);
    let mut ids = Now::seeded(0, 0, seed ^ 0xF1E1_D5EE);
    let day = |n: i64| add_days(today, -n).unwrap_or_else(|| today.to_owned());
    // the times of the month as stamps at this laptop's offset
    let clock = Now::at(0, store.now().offset_minutes());
    let stamp = |local: String| crate::field::stamp_of(&clock, &local);
    let conn = store.conn();
    let workers: std::collections::HashMap<String, String> = conn
        .prepare(
            "SELECT grid_id, person_id FROM assignments
             WHERE grid_id IS NOT NULL AND role IN ('grid_worker', 'part_time_grid_worker')
             ORDER BY id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let admins: std::collections::HashMap<String, String> = conn
        .prepare("SELECT community_id, id FROM people WHERE roles LIKE '%\"admin\"%' ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    /// A household the month's visits and tasks are made for.
    struct Home {
        household: String,
        community: String,
        section: String,
        unit: Option<String>,
        care: bool,
    }
    let homes: Vec<Home> = conn
        .prepare(
            "SELECT h.id, h.community_id, gp.grid_id, h.unit_id,
                EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id
                        AND r.care_tags NOT IN ('[]', '[\"党员\"]')) AS care
             FROM households h JOIN grid_places gp ON gp.place_id = h.unit_id AND gp.deleted = 0
             ORDER BY h.id",
        )?
        .query_map([], |r| {
            Ok(Home {
                household: r.get("id")?,
                community: r.get("community_id")?,
                section: r.get("grid_id")?,
                unit: r.get("unit_id")?,
                care: r.get("care")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let buildings: Vec<(String, String)> = conn
        .prepare(
            "SELECT p.id, h.community_id FROM places p JOIN households h ON h.building_id = p.id
                  WHERE p.kind = 'building' GROUP BY p.id ORDER BY p.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let communities: Vec<String> = admins
        .keys()
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();

    let (mut visits, mut tasks) = (0u32, 0u32);
    let mut w = store.begin()?;
    for c in &communities {
        let id: Id = c.parse()?;
        crate::field::visits::write_visit_rules(
            &mut w,
            &linli_protocol::SetVisitRules {
                community_id: id,
                care_days: 7,
                everyone_days: 30,
            },
        )?;
    }
    // the life of one task from the day it was raised, as far as `today` allows
    let at = |n: i64, h: u64| stamp(format!("{} {:02}:{:02}", day(n.max(0)), h, 0));
    let task_life = |w: &mut Writer<'_>,
                     rng: &mut Rng,
                     ids: &mut Now,
                     task: Id,
                     raised: i64,
                     worker: Option<Id>,
                     admin: Option<Id>,
                     scope: Scope| {
        let raised = Raised {
            task,
            raised,
            worker,
            admin,
            scope,
        };
        task_life(w, rng, ids, &day, &at, raised)
    };
    for Home {
        household,
        community,
        section,
        unit,
        care,
    } in &homes
    {
        let worker: Option<Id> = workers.get(section).map(|p| p.parse()).transpose()?;
        let admin: Option<Id> = admins.get(community).map(|p| p.parse()).transpose()?;
        let Some(visitor) = worker else { continue };
        let scope = Scope {
            community: Some(community.parse()?),
            grid: Some(section.parse()?),
            place: unit.as_deref().map(str::parse).transpose()?,
        };
        let household_id: Id = household.parse()?;
        // care households about weekly, the rest once in the month for most of them
        let mut days: Vec<i64> = if *care {
            let first = rng.below(7) as i64;
            (0..5).map(|k| first + 7 * k).filter(|d| *d < 30).collect()
        } else if rng.chance(72) {
            vec![rng.below(30) as i64]
        } else {
            vec![]
        };
        days.sort_unstable_by(|a, b| b.cmp(a));
        for d in days {
            let outcome = match rng.below(100) {
                0..=9 => VisitOutcome::NobodyHome,
                10..=11 => VisitOutcome::Refused,
                _ => VisitOutcome::Met,
            };
            let kind = if *care {
                VisitKind::Care
            } else if rng.chance(40) {
                VisitKind::DoorKnocking
            } else {
                VisitKind::Routine
            };
            let finding = (outcome == VisitOutcome::Met && rng.chance(18))
                .then(|| FINDINGS[rng.below(FINDINGS.len() as u64) as usize]);
            let follow = finding.and_then(|f| f.1);
            let at = stamp(format!(
                "{} {:02}:{:02}",
                day(d),
                9 + rng.below(8),
                rng.below(60)
            ));
            let visit = ids.id();
            w.insert_fact(RowWrite {
                table: "visits",
                row_id: visit,
                fields: vec![
                    ("household_id", json!(household)),
                    ("community_id", json!(community)),
                    ("visitor_id", json!(visitor.to_string())),
                    ("at", json!(at)),
                    ("kind", json!(kind.code())),
                    ("outcome", json!(outcome.code())),
                    ("findings", json!(finding.map_or("", |f| f.0))),
                    ("member_updates", json!("[]")),
                    ("needs_follow_up", json!(follow.is_some())),
                    ("corrects", json!(null)),
                    ("void", json!(false)),
                ],
                scope,
            })?;
            visits += 1;
            if finding.is_some() && d >= 1 && rng.chance(80) {
                w.insert_fact(RowWrite {
                    table: "visit_reviews",
                    row_id: ids.id(),
                    fields: vec![
                        ("visit_id", json!(visit.to_string())),
                        ("reviewer_id", json!(admin.map(|a| a.to_string()))),
                        ("at", json!(stamp(format!("{} 20:30", day(d))))),
                        ("note", json!("已研判")),
                        ("task_id", json!(null)),
                    ],
                    scope,
                })?;
            }
            if let Some((title, category)) = follow {
                let task = ids.id();
                let t = linli_protocol::NewTask {
                    title: title.into(),
                    category,
                    subcategory: None,
                    description: finding.map_or("", |f| f.0).into(),
                    due_date: None,
                };
                crate::field::tasks::write_new_task(
                    &mut w,
                    (task, ids.id()),
                    &t,
                    crate::field::tasks::TaskPlace::Household(household_id),
                    Some(visitor),
                    Some(visit),
                    &at,
                    scope,
                    None,
                )?;
                tasks += 1;
                task_life(&mut w, &mut rng, &mut ids, task, d, worker, admin, scope)?;
            }
        }
    }
    // snapshot reports (随手拍) at buildings, a few per community
    for (building, community) in &buildings {
        if !rng.chance(25) {
            continue;
        }
        let (title, kind) = SNAPSHOTS[rng.below(SNAPSHOTS.len() as u64) as usize];
        let d = rng.below(30) as i64;
        let task = ids.id();
        let b: Id = building.parse()?;
        let scope = Scope {
            community: Some(community.parse()?),
            grid: None,
            place: Some(b),
        };
        let admin: Option<Id> = admins.get(community).map(|p| p.parse()).transpose()?;
        crate::field::tasks::write_new_task(
            &mut w,
            (task, ids.id()),
            &linli_protocol::NewTask {
                title: title.into(),
                category: TaskCategory::Snapshot,
                subcategory: Some(kind),
                description: String::new(),
                due_date: None,
            },
            crate::field::tasks::TaskPlace::Place(b),
            None,
            None,
            &stamp(format!(
                "{} {:02}:{:02}",
                day(d),
                8 + rng.below(12),
                rng.below(60)
            )),
            scope,
            None,
        )?;
        tasks += 1;
        task_life(&mut w, &mut rng, &mut ids, task, d, None, admin, scope)?;
    }
    w.commit()?;
    Ok((visits, tasks))
}
