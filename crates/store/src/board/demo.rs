//! The demo's boards (`linli demo`): for each community, a theme for each of the twelve months
//! up to this one, two or three notices a month (some for a building), the stewards' campaign
//! lines under the themes, and duty boards on the first entrances with a year of weeks marked
//! (mostly done, some not, the last weeks still open) and one household moving off the rota.
//! Deterministic: ids come from the demo's pinned clock and every choice from a fixed mix.

use linli_domain::board::{weeks_after, Audience, ThemeKind};
use linli_domain::{calendar, Id, Now};
use linli_protocol::*;

use crate::{Result, Store};

/// The themes of the year, in turn (each community starts at a different one).
const THEMES: &[(ThemeKind, &str, &str)] = &[
    (
        ThemeKind::Cleaning,
        "清洁家园 从我做起",
        "清理楼道堆物、绿化带垃圾，整治飞线充电。",
    ),
    (
        ThemeKind::Sorting,
        "垃圾分类 我们在行动",
        "入户宣传分类知识，督导定时定点投放。",
    ),
    (
        ThemeKind::FireSafety,
        "消防安全进楼栋",
        "检查楼道消防通道，讲解灭火器使用。",
    ),
    (
        ThemeKind::Health,
        "健康生活 幸福邻里",
        "联合卫生院开展义诊、量血压和健康讲座。",
    ),
    (
        ThemeKind::AntiFraud,
        "反诈宣传进万家",
        "讲解常见电信诈骗，推广国家反诈中心App。",
    ),
    (
        ThemeKind::Civility,
        "文明养犬 和谐邻里",
        "倡导文明养犬，清理楼道宠物粪便。",
    ),
    (
        ThemeKind::Elders,
        "敬老月 暖心行",
        "走访独居老人，上门理发、打扫卫生。",
    ),
    (
        ThemeKind::Safety,
        "平安建设 人人参与",
        "夜间巡逻，排查楼栋安全隐患。",
    ),
    (
        ThemeKind::Culture,
        "邻里文化节",
        "组织书法、合唱和亲子活动。",
    ),
];

/// Notices that come back through the year: (title, text, days it runs, for a building).
const NOTICES: &[(&str, &str, i64, bool)] = &[
    (
        "停水通知",
        "因供水管道维修，本楼栋将于当日8:00至17:00停水，请提前储水。",
        1,
        true,
    ),
    (
        "免费体检通知",
        "65岁以上老人可到社区卫生服务站免费体检，请携带身份证。",
        14,
        false,
    ),
    (
        "消防演练通知",
        "社区将组织消防疏散演练，请居民听到警报后有序下楼。",
        3,
        false,
    ),
    (
        "电梯维保通知",
        "电梯年度维保期间暂停使用，给您带来不便敬请谅解。",
        2,
        true,
    ),
    (
        "医保缴费提醒",
        "城乡居民医保缴费截止本月底，可通过闽政通或到社区缴纳。",
        20,
        false,
    ),
    (
        "楼道清理通知",
        "请各户在截止日期前自行清理楼道堆放物品，逾期将统一清理。",
        7,
        true,
    ),
];

/// Campaign lines as the stewards write them.
const LINES: &[&str] = &[
    "清理楼道堆物三处",
    "张贴宣传海报，入户发放资料",
    "组织本楼居民参加活动",
    "排查电动车飞线充电并劝导",
    "走访独居老人两户",
];

const STEWARDS: &[&str] = &["林秀英", "陈建华", "张丽", "黄志明", "王芳"];

/// A fixed mix of `i` and `salt` (splitmix64), for the demo's choices.
fn mix(i: u64, salt: u64) -> u64 {
    let mut z = i.wrapping_add(salt).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn ids(store: &Store, sql: &str, community: Id) -> Result<Vec<Id>> {
    let mut st = store.conn.prepare_cached(sql)?;
    let rows = st.query_map([community.to_string()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes the demo's boards; answers how many themes, notices and marked weeks it wrote.
pub(crate) fn generate(store: &mut Store, communities: &[Id], real: &Now) -> Result<u32> {
    // written from the start of today's local day (the demo's stations moved the pinned clock
    // into the past): today, and the same instant for every run of the day, so two demos made
    // from one seed export byte-identically
    if let Some(clock) = store.pinned_now_mut() {
        const DAY_MS: i64 = 86_400_000;
        let offset_ms = i64::from(real.offset_minutes()) * 60_000;
        let local = real.wall_ms() as i64 + offset_ms;
        let midnight = local - local.rem_euclid(DAY_MS) - offset_ms;
        clock.set_wall_ms(midnight.max(0) as u64);
        clock.set_offset_minutes(real.offset_minutes());
    }
    let today: &str = &store.now().today();
    let this = calendar::month_of(today).to_owned();
    let mut n = 0;
    for (ci, &c) in communities.iter().enumerate() {
        let buildings = ids(
            store,
            "SELECT b.id FROM places b WHERE b.kind = 'building' AND b.deleted = 0
             AND EXISTS (SELECT 1 FROM households h WHERE h.building_id = b.id AND h.deleted = 0)
             AND b.id IN (WITH RECURSIVE down(id) AS (SELECT ?1 UNION ALL
                 SELECT p.id FROM places p JOIN down ON p.parent_id = down.id) SELECT id FROM down)
             ORDER BY b.name, b.id",
            c,
        )?;
        if buildings.is_empty() {
            continue;
        }
        for back in (0..12).rev() {
            let month = calendar::month_of(&calendar::months_before(&format!("{this}-01"), back))
                .to_owned();
            let (first, last) = crate::monthly::month_bounds(&month)?;
            let (kind, title, text) = THEMES[(ci + 12 - back as usize) % THEMES.len()];
            store.set_month_theme(&SetMonthTheme {
                community_id: c,
                month: month.clone(),
                theme: MonthThemeFields {
                    kind,
                    title: title.into(),
                    text: text.into(),
                },
            })?;
            n += 1;
            // two or three notices, from the 3rd of the month on
            let k = 2 + (mix(back as u64, ci as u64) % 2) as usize;
            for j in 0..k {
                let pick = mix(back as u64 * 7 + j as u64, 11 + ci as u64) as usize;
                let (title, text, days, in_building) = NOTICES[pick % NOTICES.len()];
                let start = calendar::add_days(&first, 2 + 9 * j as i64).unwrap_or(first.clone());
                if start.as_str() > today {
                    continue;
                }
                let end = calendar::add_days(&start, days - 1).unwrap_or(start.clone());
                let place = if in_building {
                    buildings[pick % buildings.len()]
                } else {
                    c
                };
                store.post_notice(&PostNotice {
                    id: None,
                    community_id: c,
                    notice: NoticeFields {
                        place_id: place,
                        title: title.into(),
                        text: text.into(),
                        start_date: start,
                        end_date: end,
                        audience: if title.contains("体检") {
                            Audience::Elderly
                        } else {
                            Audience::All
                        },
                    },
                })?;
                n += 1;
            }
            // the stewards' lines, a few a month
            for j in 0..3u64 {
                let pick = mix(back as u64 * 13 + j, 29 + ci as u64) as usize;
                let date = calendar::add_days(&first, 5 + 8 * j as i64).unwrap_or(first.clone());
                if date.as_str() > today || date > last {
                    continue;
                }
                store.add_campaign_line(&AddCampaignLine {
                    community_id: c,
                    building_id: buildings[pick % buildings.len()],
                    date: Some(date),
                    text: LINES[pick % LINES.len()].into(),
                    by_name: STEWARDS[(pick / 7) % STEWARDS.len()].into(),
                })?;
            }
        }
        n += duty_boards(store, c, ci, today)?;
    }
    Ok(n)
}

/// Two duty boards on the community's first entrances (or buildings) that have households, a
/// year of weeks marked, one household taken off half-way and another put on.
fn duty_boards(store: &mut Store, c: Id, ci: usize, today: &str) -> Result<u32> {
    let places = ids(
        store,
        "SELECT coalesce(h.unit_id, h.building_id) AS p FROM households h
         WHERE h.community_id = ?1 AND h.deleted = 0 AND h.moved_out IS NULL
         GROUP BY p HAVING count(*) >= 5 ORDER BY p LIMIT 2",
        c,
    )?;
    let start = weeks_after(today, -51);
    let mut n = 0;
    for (bi, &p) in places.iter().enumerate() {
        let mut households: Vec<Id> = {
            let mut st = store.conn.prepare_cached(
                "SELECT id FROM households WHERE (unit_id = ?1 OR building_id = ?1)
                 AND deleted = 0 AND moved_out IS NULL
                 ORDER BY CAST(room AS INTEGER), room, id",
            )?;
            let rows = st.query_map([p.to_string()], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let spare = if households.len() > 6 {
            households.split_off(6)
        } else {
            Vec::new()
        };
        let board = store.add_duty_board(&AddDutyBoard {
            community_id: c,
            place_id: p,
            label: String::new(),
            chore: ["楼道清扫", "楼道垃圾清运"][bi % 2].into(),
            start_week: Some(start.clone()),
            households: households.clone(),
        })?;
        // half-way through the year one household moves off, another comes on
        store.change_duty_rota(&ChangeDutyRota {
            board_id: board.id,
            household_id: households[1],
            on: false,
            from_week: Some(weeks_after(&start, 26)),
        })?;
        if let Some(&h) = spare.first() {
            store.change_duty_rota(&ChangeDutyRota {
                board_id: board.id,
                household_id: h,
                on: true,
                from_week: Some(weeks_after(&start, 28)),
            })?;
        }
        // every week marked but the last two; about one in eight not done
        for w in 0..50 {
            let week = weeks_after(&start, w);
            let roll = mix(w as u64, 97 + (ci * 2 + bi) as u64) % 8;
            store.mark_duty_week(&MarkDutyWeek {
                board_id: board.id,
                week: Some(week),
                done: roll != 0,
                note: if roll == 0 {
                    "未打扫，已提醒"
                } else {
                    ""
                }
                .into(),
            })?;
            n += 1;
        }
    }
    Ok(n)
}
