//! The demo's residents' councils (议事会) and suggestions, a lived-in year in the county reports'
//! proportions: 54 liaison points in 13 communities (four each, at the service centre and its
//! compounds), a round-table meeting every month in every community, about 180 suggestions a
//! year (fourteen a community), most answered, some made topics or requests, the latest still
//! waiting. A topic a month per community goes review → publication → the month's meeting → vote
//! → resolution → requests dispatched to grid workers; those of earlier months are done, the
//! latest still being carried out, and this month's meeting (if still ahead) has its agenda.
//! Everything goes through the store's own operations, the demo's clock pinned to each day.

use linli_domain::calendar::{add_days, day_number, month_of, months_before};
use linli_domain::councils::{AttendeeRole, SuggestionSource, TopicCategory, TopicOrigin};
use linli_domain::field::TaskCategory;
use linli_domain::Id;
use linli_protocol::*;

use super::people::Rng;
use crate::{Result, Store};

/// What the demo's councils hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CouncilSummary {
    pub points: u32,
    pub meetings: u32,
    pub topics: u32,
    pub suggestions: u32,
}

/// (title, the suggestion or proposal, category, the resolution, the request it makes)
type TopicText = (
    &'static str,
    &'static str,
    TopicCategory,
    &'static str,
    &'static str,
);

const TOPICS: &[TopicText] = &[
    (
        "楼道堆放杂物清理",
        "楼道里堆了纸箱和旧家具，消防通道不畅，建议集中清理。",
        TopicCategory::Environment,
        "本月第三个周六开展楼道清理日，楼栋长逐户告知，大件由社区联系清运。",
        "组织楼道杂物集中清运",
    ),
    (
        "小区夜间照明不足",
        "小区东侧步道路灯坏了两盏，老人晚上散步看不清路。",
        TopicCategory::Facilities,
        "由物业本月内更换损坏路灯，社区跟进验收。",
        "更换东侧步道损坏路灯",
    ),
    (
        "电动车楼道充电隐患",
        "有住户把电动车推进楼道充电，存在火灾隐患。",
        TopicCategory::Safety,
        "在小区北门增设集中充电桩，楼道禁止充电，网格员上门宣传。",
        "协调增设电动车集中充电桩",
    ),
    (
        "小区停车秩序",
        "晚上车辆乱停，堵住消防通道和单元门口。",
        TopicCategory::Parking,
        "施划停车位和禁停线，设立临时停车登记。",
        "施划停车位与消防通道禁停线",
    ),
    (
        "垃圾分类投放点调整",
        "投放点离三号楼太近，夏天气味大。",
        TopicCategory::Environment,
        "投放点外移二十米并加装洗手池，定时投放。",
        "迁移垃圾分类投放点",
    ),
    (
        "老年助餐点开餐时间",
        "助餐点十一点半才开饭，老人希望早一点。",
        TopicCategory::Elderly,
        "助餐点提前到十一点开餐，独居老人可预约送餐。",
        "调整助餐点开餐时间并开通送餐预约",
    ),
    (
        "二次供水水箱清洗",
        "自来水有异味，希望清洗水箱并公布检测结果。",
        TopicCategory::Property,
        "物业本月清洗水箱，水质检测报告在公示栏张贴。",
        "督促物业清洗水箱并公示水质",
    ),
    (
        "文明养犬",
        "有狗在小区里不牵绳，孩子害怕。",
        TopicCategory::Civility,
        "开展文明养犬宣传，设置宠物便便箱，劝导不文明行为。",
        "设置宠物便便箱并开展文明养犬宣传",
    ),
    (
        "儿童游乐设施维修",
        "小区滑梯有裂缝，秋千链条生锈。",
        TopicCategory::Facilities,
        "暂停使用并设置警示，由物业维修后重新开放。",
        "维修儿童游乐设施",
    ),
    (
        "楼顶违章搭建",
        "顶楼有人加盖棚子，影响防水。",
        TopicCategory::Safety,
        "社区上门劝导限期拆除，逾期报街道执法。",
        "劝导拆除楼顶违章搭建",
    ),
];

/// (the suggestion, what the answer says)
const SUGGESTIONS: &[(&str, &str)] = &[
    (
        "希望社区多办几场防诈骗讲座",
        "已列入下月活动安排，讲座通知将在群里发布。",
    ),
    ("健身器材有一个扶手松了", "已通知物业维修，三日内完成。"),
    ("建议在公告栏增加办事指南", "已在公告栏张贴常办事项指南。"),
    (
        "希望延长党群服务中心周末开放时间",
        "周六上午增开服务窗口，请留意公告。",
    ),
    ("快递柜前经常排长队", "已与快递公司沟通增设一组快递柜。"),
    (
        "建议开设老年智能手机课",
        "已联系志愿者开设每周一次的手机课。",
    ),
    ("小区绿化带杂草多", "已安排保洁本周内修剪清理。"),
    ("希望公布物业费收支", "已请物业在公示栏公布上半年收支。"),
];

fn set_time(store: &mut Store, day: &str, minute: u64) {
    if let Some(clock) = store.pinned_now_mut() {
        let n = day_number(day).unwrap_or(0);
        clock.set_wall_ms((n * 86_400_000 + 3_600_000) as u64 + minute * 60_000);
        clock.set_offset_minutes(480);
    }
}

fn ids(store: &Store, sql: &str, arg: Id) -> Result<Vec<Id>> {
    Ok(store
        .conn
        .prepare(sql)?
        .query_map([arg.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Day `d` of `month` ("YYYY-MM").
fn day_of(month: &str, d: u32) -> String {
    format!("{month}-{d:02}")
}

/// Fills the communities with a year of council work up to `today`.
pub(super) fn generate(
    store: &mut Store,
    communities: &[Id],
    today: &str,
    rng: &mut Rng,
) -> Result<CouncilSummary> {
    let mut sum = CouncilSummary::default();
    let this_month = month_of(today).to_owned();
    for (ci, &c) in communities.iter().enumerate() {
        let workers = ids(
            store,
            "SELECT id FROM people WHERE community_id = ?1 AND deleted = 0 ORDER BY id",
            c,
        )?;
        if workers.is_empty() {
            continue;
        }
        let compounds = ids(
            store,
            "SELECT id FROM places WHERE parent_id = ?1 AND kind = 'compound' AND deleted = 0 ORDER BY id",
            c,
        )?;
        let households = ids(
            store,
            "SELECT id FROM households WHERE community_id = ?1 AND deleted = 0 ORDER BY id LIMIT 200",
            c,
        )?;
        let year_ago = months_before(&day_of(&this_month, 1), 11);
        set_time(store, &year_ago, ci as u64);
        // four liaison points: the service centre and up to three compounds
        let mut points = Vec::new();
        let centre = store.save_liaison_point(&SaveLiaisonPoint {
            id: None,
            community_id: c,
            place_id: None,
            name: "党群服务中心联络点".into(),
            keeper_person_id: Some(workers[0]),
            keeper_resident_id: None,
            hours: "周一至周五 8:30-12:00，14:30-17:30".into(),
            note: String::new(),
            deleted: false,
        })?;
        points.push(centre.id);
        for (k, &p) in compounds.iter().take(3).enumerate() {
            let keeper = workers[(k + 1) % workers.len()];
            let name = crate::councils::place_label(store, p)?;
            let pt = store.save_liaison_point(&SaveLiaisonPoint {
                id: None,
                community_id: c,
                place_id: Some(p),
                name: format!("{name}居民联络点"),
                keeper_person_id: Some(keeper),
                keeper_resident_id: None,
                hours: [
                    "周二、周四 9:00-11:30",
                    "周三 19:00-21:00",
                    "周六 9:00-11:00",
                ][k]
                    .into(),
                note: "楼栋长轮流值守".into(),
                deleted: false,
            })?;
            points.push(pt.id);
        }
        sum.points += points.len() as u32;
        for back in (0..12).rev() {
            let month = month_of(&months_before(&day_of(&this_month, 1), back)).to_owned();
            // suggestions: fourteen a year, on days of the month
            let n_sugg = 1 + u32::from(rng.chance(17));
            for s in 0..n_sugg {
                let day = day_of(&month, 2 + rng.below(20) as u32);
                if day.as_str() > today {
                    continue;
                }
                set_time(store, &day, 30 + u64::from(s));
                let (text, answer) = SUGGESTIONS[rng.below(SUGGESTIONS.len() as u64) as usize];
                let source = SuggestionSource::ALL[rng.below(5) as usize];
                let taken = store.take_suggestion(&TakeSuggestion {
                    community_id: c,
                    point_id: (source == SuggestionSource::Point)
                        .then(|| points[rng.below(points.len() as u64) as usize]),
                    place_id: None,
                    source,
                    household_id: households
                        .get(rng.below(households.len().max(1) as u64) as usize)
                        .copied(),
                    name: String::new(),
                    text: text.into(),
                    received_on: Some(day.clone()),
                    taken_by: Some(workers[rng.below(workers.len() as u64) as usize]),
                })?;
                sum.suggestions += 1;
                // answered within a week; the last fortnight's may still wait
                let answer_on = add_days(&day, 1 + rng.below(6) as i64).unwrap_or(day.clone());
                if answer_on.as_str() > today || rng.chance(8) {
                    continue;
                }
                set_time(store, &answer_on, 40);
                let action = if rng.chance(12) {
                    SuggestionAction::Request {
                        title: text.chars().take(20).collect(),
                        category: TaskCategory::PublicMatter,
                        owner_id: Some(workers[rng.below(workers.len() as u64) as usize]),
                        due_date: add_days(&answer_on, 10),
                        answer: String::new(),
                        date: Some(answer_on),
                    }
                } else {
                    SuggestionAction::Answer {
                        answer: answer.into(),
                        date: Some(answer_on),
                    }
                };
                store.handle_suggestion(&HandleSuggestion {
                    id: taken.id,
                    action,
                })?;
            }
            // the month's meeting, on the 25th
            let meeting_day = day_of(&month, 25);
            set_time(store, &day_of(&month, 1), 50);
            let expected = 15;
            let present = 9 + rng.below(6) as usize;
            let mut attendees = vec![Attendee {
                name: crate::councils::person_label(store, workers[0])?,
                role: AttendeeRole::Host,
            }];
            for k in 1..present {
                let role = match k {
                    1 | 2 => AttendeeRole::Member,
                    3 => AttendeeRole::Property,
                    4 => AttendeeRole::Steward,
                    _ => AttendeeRole::Representative,
                };
                attendees.push(Attendee {
                    name: format!("{}（{}）", ["居民代表", "议事会成员"][k % 2], k),
                    role,
                });
            }
            let held = meeting_day.as_str() <= today;
            let meeting = store.save_council_meeting(&SaveCouncilMeeting {
                id: None,
                community_id: c,
                point_id: Some(points[0]),
                place: "党群服务中心议事厅".into(),
                date: meeting_day.clone(),
                time: "19:30".into(),
                host: attendees[0].name.clone(),
                expected,
                attendees: if held { attendees } else { Vec::new() },
                minutes: if held {
                    "通报上月决议落实情况，逐项审议本月议题并表决。".into()
                } else {
                    String::new()
                },
                rule: Default::default(),
                deleted: false,
            })?;
            sum.meetings += 1;
            // the month's topic
            let (title, text, category, resolution, request) =
                TOPICS[(ci + 12 - back as usize) % TOPICS.len()];
            let proposed = day_of(&month, 3 + rng.below(5) as u32);
            if proposed.as_str() > today {
                continue;
            }
            set_time(store, &proposed, 60);
            let origin = [
                TopicOrigin::Suggestion,
                TopicOrigin::Visit,
                TopicOrigin::Official,
            ][rng.below(3) as usize];
            let place_id = compounds
                .get(rng.below(compounds.len().max(1) as u64) as usize)
                .copied();
            let topic_id = if origin == TopicOrigin::Suggestion {
                // a resident's suggestion at a liaison point, made a topic the same day
                let taken = store.take_suggestion(&TakeSuggestion {
                    community_id: c,
                    point_id: Some(points[rng.below(points.len() as u64) as usize]),
                    place_id,
                    source: SuggestionSource::Point,
                    household_id: households
                        .get(rng.below(households.len().max(1) as u64) as usize)
                        .copied(),
                    name: String::new(),
                    text: text.into(),
                    received_on: Some(proposed.clone()),
                    taken_by: Some(workers[0]),
                })?;
                sum.suggestions += 1;
                store
                    .handle_suggestion(&HandleSuggestion {
                        id: taken.id,
                        action: SuggestionAction::Topic {
                            title: title.into(),
                            category,
                            answer: String::new(),
                            date: Some(proposed.clone()),
                        },
                    })?
                    .topic_id
                    .ok_or(crate::Error::NotFound {
                        what: "议题",
                        id: taken.id.to_string(),
                    })?
            } else {
                store
                    .propose_topic(&ProposeTopic {
                        community_id: c,
                        place_id,
                        title: title.into(),
                        text: text.into(),
                        category,
                        origin,
                        origin_id: None,
                        proposer_person_id: Some(workers[0]),
                        proposer_household_id: None,
                        proposer_name: String::new(),
                        proposed_on: Some(proposed.clone()),
                    })?
                    .id
            };
            sum.topics += 1;
            let step = |store: &mut Store, day: &str, step: TopicStepInput| -> Result<bool> {
                if day > today {
                    return Ok(false);
                }
                set_time(store, day, 70);
                store.record_topic_step(&RecordTopicStep { topic_id, step })?;
                Ok(true)
            };
            let reviewed = add_days(&proposed, 2).unwrap_or_default();
            let published = add_days(&proposed, 3).unwrap_or_default();
            let ok = step(
                store,
                &reviewed,
                TopicStepInput::Review {
                    date: Some(reviewed.clone()),
                    accepted: true,
                    note: "符合议事范围，同意立项".into(),
                },
            )? && step(
                store,
                &published,
                TopicStepInput::Publish {
                    date: Some(published.clone()),
                    until: add_days(&published, 7),
                    note: "在联络点和楼道公示栏公示七天".into(),
                },
            )? && step(
                store,
                &published,
                TopicStepInput::Schedule {
                    meeting_id: meeting.id,
                },
            )? && held
                && step(
                    store,
                    &meeting_day,
                    TopicStepInput::Vote {
                        votes_for: (present as u32) - 2,
                        votes_against: 1,
                        votes_abstain: 1,
                    },
                )?;
            let resolved_on = add_days(&meeting_day, 2).unwrap_or_default();
            if !ok
                || !step(
                    store,
                    &resolved_on,
                    TopicStepInput::Resolution {
                        date: Some(resolved_on.clone()),
                        text: resolution.into(),
                    },
                )?
            {
                continue;
            }
            set_time(store, &resolved_on, 80);
            let owner = workers[rng.below(workers.len() as u64) as usize];
            let due = add_days(&resolved_on, 20).unwrap_or_default();
            let t = store.make_topic_requests(&MakeTopicRequests {
                topic_id,
                requests: vec![ResolutionRequest {
                    title: request.into(),
                    category: TaskCategory::PublicMatter,
                    description: resolution.into(),
                    owner_id: owner,
                    due_date: due.clone(),
                }],
            })?;
            // carried out: accepted the next day, finished before the due date
            let finished = add_days(&resolved_on, 5 + rng.below(12) as i64).unwrap_or_default();
            if finished.as_str() >= today {
                continue;
            }
            for r in &t.requests {
                set_time(store, &add_days(&resolved_on, 1).unwrap_or_default(), 90);
                store.task_action(&TaskAction {
                    task_id: r.task_id,
                    by: Some(owner),
                    at: None,
                    step: TaskStep::Accept,
                })?;
                set_time(store, &finished, 100);
                store.task_action(&TaskAction {
                    task_id: r.task_id,
                    by: Some(owner),
                    at: None,
                    step: TaskStep::Finish {
                        result: "已按决议办理完毕，居民代表现场验收。".into(),
                        photos: vec![],
                    },
                })?;
            }
        }
    }
    Ok(sum)
}
