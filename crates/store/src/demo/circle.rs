//! The demo's 15-minute neighbourhood service circle (服务圈, issue 25 item 3): a dozen service
//! points across the first four communities — party service centres, a canteen, a clinic run by
//! the county hospital, the power company's room, a liaison point, a square, a barber's corner —
//! several shared with neighbours, and a few joint activities with co-building units over the
//! last six weeks. Each point has its opening date; one has closed. Written from the start of
//! today's local day (see `crate::board::demo`), so two demos from one seed export
//! byte-identically; phones from the circle's own seed.

use linli_domain::calendar::add_days;
use linli_domain::circle::PointKind;
use linli_domain::{Id, Now};
use linli_protocol::*;

use super::people::{phone, Rng};
use crate::{Result, Store};

/// What the circle of the demo holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CircleSummary {
    pub points: u32,
    pub shared: u32,
    pub activities: u32,
}

/// Who runs a point: a community (by index) or a unit.
enum Runner {
    Community(usize),
    Unit(&'static str),
}

type PointPlan = (
    usize,
    PointKind,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [usize],
    Runner,
    &'static str,
);

#[rustfmt::skip]
const POINTS: &[PointPlan] = &[
    (0, PointKind::PartyCentre, "北门社区党群服务中心", "北门街18号",
     "周一至周五 08:30-12:00, 14:30-17:30", &["代办服务", "法律咨询", "矛盾调解", "就业指导"],
     &[], Runner::Community(0), "周红梅"),
    (0, PointKind::Canteen, "北门长者食堂", "北门街22号一楼", "每天 11:00-13:00, 17:00-18:30",
     &["助餐", "量血压"], &[1], Runner::Unit("樟城镇颐康餐饮服务中心"), "吴秀珍"),
    (0, PointKind::Sharing, "北门米邻驿站", "西门新村3栋架空层", "每天 08:00-20:00",
     &["工具借用", "图书借阅", "快递代收"], &[], Runner::Community(0), "林志强"),
    (0, PointKind::School, "北门四点半学校", "北门社区二楼活动室", "周一至周五 16:30-18:30",
     &["托管", "课业辅导"], &[1], Runner::Community(0), "周老师"),
    (1, PointKind::Clinic, "南门社区卫生服务站", "南门路5号", "周一至周六 08:00-17:00",
     &["量血压", "健康咨询", "康复理疗"], &[0, 2], Runner::Unit("县人民医院"), "陈医生"),
    (1, PointKind::PartyCentre, "南门社区党群服务站", "南门路12号", "周一至周五 08:30-17:30",
     &["代办服务", "议事协商", "理发"], &[], Runner::Community(1), "黄丽"),
    (1, PointKind::UnitRoom, "县供电公司职工之家", "南门路36号供电大楼一楼", "周六 09:00-17:00",
     &["家电维修", "文体活动"], &[0, 2, 3], Runner::Unit("县供电公司"), "郑工"),
    (2, PointKind::Liaison, "东门居民议事联络点", "东门小区5栋一楼", "每周三 19:00-21:00",
     &["议事协商", "矛盾调解"], &[], Runner::Community(2), "杨建国"),
    (2, PointKind::Culture, "东门文体广场", "东门路与环城路交叉口", "每天 06:00-22:00",
     &["文体活动"], &[3], Runner::Community(2), "刘强"),
    (2, PointKind::Other, "东门爱心理发室", "东门菜市场旁", "每月5日、20日 08:30-11:30",
     &["理发", "助浴"], &[1], Runner::Unit("樟城镇美发协会"), "许师傅"),
    (3, PointKind::Canteen, "西门老年助餐点", "西门路8号", "每天 11:00-12:30",
     &["助餐"], &[], Runner::Community(3), "何春兰"),
    (3, PointKind::School, "城关第二幼儿园", "西门路20号", "周一至周五 07:30-17:30",
     &["托育"], &[0], Runner::Unit("城关第二幼儿园"), "张园长"),
    (3, PointKind::Clinic, "西门仁心诊所", "西门路31号", "每天 08:00-21:00",
     &["量血压", "健康咨询"], &[], Runner::Unit("西门仁心诊所"), "罗医生"),
];

/// When each point of [`POINTS`] opened (days before today), and the one that has closed (its
/// index, days before today): 西门仁心诊所 closed three weeks ago, so last month's end still
/// counts it and this month's does not.
const OPENED_AGO: [i64; 13] = [
    1460, 420, 300, 250, 900, 1100, 130, 510, 1000, 75, 45, 1200, 700,
];
const CLOSED: (usize, i64) = (12, 20);

/// (days before today, title, communities, units, the point's index, participants)
type ActivityPlan = (
    i64,
    &'static str,
    &'static [usize],
    &'static [&'static str],
    usize,
    i64,
);

const ACTIVITIES: &[ActivityPlan] = &[
    (40, "邻里义诊进社区", &[0, 1], &["县人民医院"], 4, 86),
    (
        21,
        "供电服务进小区·家电义修",
        &[1, 2, 0],
        &["县供电公司"],
        6,
        64,
    ),
    (15, "四点半学校亲子阅读", &[0], &["县图书馆"], 3, 38),
    (
        9,
        "重阳敬老百家宴",
        &[0, 1],
        &["樟城镇颐康餐饮服务中心"],
        1,
        120,
    ),
    (3, "广场舞联谊", &[2, 3], &[], 8, 150),
];

/// Writes the demo's circle.
pub(crate) fn generate(
    store: &mut Store,
    communities: &[Id],
    real: &Now,
    rng: &mut Rng,
) -> Result<CircleSummary> {
    // from the start of today's local day, as the boards are (crate::board::demo)
    if let Some(clock) = store.pinned_now_mut() {
        const DAY_MS: i64 = 86_400_000;
        let offset_ms = i64::from(real.offset_minutes()) * 60_000;
        let local = real.wall_ms() as i64 + offset_ms;
        let midnight = local - local.rem_euclid(DAY_MS) - offset_ms;
        clock.set_wall_ms(midnight.max(0) as u64);
        clock.set_offset_minutes(real.offset_minutes());
    }
    let today = real.today();
    let mut sum = CircleSummary::default();
    let mut ids: Vec<Option<Id>> = Vec::new();
    for (i, (home, kind, name, address, hours, services, serves, runner, contact)) in
        POINTS.iter().enumerate()
    {
        let ago = |n: i64| add_days(&today, -n).unwrap_or_default();
        let opened_on = ago(OPENED_AGO.get(i).copied().unwrap_or(365));
        let closed_on = if CLOSED.0 == i {
            ago(CLOSED.1)
        } else {
            String::new()
        };
        let Some(&community) = communities.get(*home) else {
            ids.push(None);
            continue;
        };
        let serves: Vec<Id> = serves
            .iter()
            .filter_map(|i| communities.get(*i).copied())
            .collect();
        let (run_by_community_id, run_by_unit) = match runner {
            Runner::Community(i) => (communities.get(*i).copied(), String::new()),
            Runner::Unit(u) => (None, (*u).to_owned()),
        };
        let p = store.save_circle_point(&SaveCirclePoint {
            id: None,
            fields: PointFields {
                community_id: community,
                kind: *kind,
                name: (*name).to_owned(),
                address: (*address).to_owned(),
                hours: (*hours).to_owned(),
                contact_name: (*contact).to_owned(),
                contact_phone: phone(rng),
                run_by_community_id,
                run_by_unit,
                services: services.iter().map(|s| (*s).to_owned()).collect(),
                services_text: String::new(),
                serves,
                note: String::new(),
                opened_on,
                closed_on,
            },
        })?;
        sum.points += 1;
        if p.shared {
            sum.shared += 1;
        }
        ids.push(Some(p.id));
    }
    for (ago, title, cs, units, point, n) in ACTIVITIES {
        let cs: Vec<Id> = cs
            .iter()
            .filter_map(|i| communities.get(*i).copied())
            .collect();
        if cs.is_empty() {
            continue;
        }
        let Some(date) = add_days(&today, -ago) else {
            continue;
        };
        store.save_circle_activity(&SaveCircleActivity {
            id: None,
            fields: ActivityFields {
                date,
                title: (*title).to_owned(),
                communities: cs,
                units: units.iter().map(|u| (*u).to_owned()).collect(),
                point_id: ids.get(*point).copied().flatten(),
                participants: *n,
                note: String::new(),
            },
        })?;
        sum.activities += 1;
    }
    Ok(sum)
}
