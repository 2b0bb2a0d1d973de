//! 巡防 in 统计: the patrols done (logs dated in the period; by team and by community) and the
//! person-times on them, the rota slots due and kept or missed (a slot over with no log), the
//! findings (by category) and those made requests — done, still open, past their due date, as
//! they stand today. Counted as `linli report patrols` and the monthly report's patrol lines
//! count a month, over any period. No member's name is listed (a log shows how many went).

use std::collections::BTreeMap;

use linli_domain::patrols::{FindingCategory, SlotState};
use linli_domain::Id;

use super::{Def, Item, List, Section, Shape, Within, Words};
use crate::patrols::slots_between;
use crate::{Result, Store};

const LOGS: usize = 0;
const SLOTS: usize = 1;
const FINDINGS: usize = 2;

const LOG_HEADERS: [Words; 7] = [
    ("社区", "Community"),
    ("日期", "Date"),
    ("时间", "Time"),
    ("巡防队", "Patrol team"),
    ("路线/区域", "Route or area"),
    ("队员人数", "Members out"),
    ("发现问题（个）", "Findings"),
];
/// The column of [`LOG_HEADERS`] the person-times add up.
const PEOPLE: usize = 5;

const SLOT_HEADERS: [Words; 5] = [
    ("社区", "Community"),
    ("日期", "Date"),
    ("时间", "Time"),
    ("巡防队", "Patrol team"),
    ("班次状态", "Slot"),
];

const FINDING_HEADERS: [Words; 9] = [
    ("社区", "Community"),
    ("日期", "Date"),
    ("巡防队", "Patrol team"),
    ("问题类别", "Category"),
    ("地点", "Place"),
    ("问题", "Finding"),
    ("诉求", "Request"),
    ("承办", "Handled by"),
    ("办理情况", "How it went"),
];

const DONE: &str = "已办结";
const OPEN: &str = "办理中";
const OVERDUE: &str = "已超期";

type Bucket = (String, String, String);

fn defs(
    teams: Vec<Bucket>,
    places: Vec<Bucket>,
    missed: Vec<Bucket>,
    cats: Vec<Bucket>,
) -> Vec<Def> {
    let def = |key, words, list, shape| Def {
        key,
        words,
        list,
        shape,
    };
    let count = |key, words, list| def(key, words, list, Shape::Count);
    vec![
        count("done", ("巡防（次）", "Patrols done"), LOGS),
        def(
            "person_times",
            ("巡防人次", "Person-times on patrol"),
            LOGS,
            Shape::Sum {
                mark: "done",
                column: PEOPLE,
            },
        ),
        count("due", ("应巡班次（个）", "Rota slots due"), SLOTS),
        count("kept", ("按时巡防班次（个）", "Slots kept"), SLOTS),
        count("missed", ("漏巡班次（个）", "Slots missed"), SLOTS),
        def(
            "kept_rate",
            ("排班完成率", "Slots kept, rate"),
            SLOTS,
            Shape::Rate {
                num: "kept",
                den: "due",
            },
        ),
        count("findings", ("发现问题（个）", "Findings"), FINDINGS),
        count(
            "requests",
            ("问题转诉求（件）", "Findings made requests"),
            FINDINGS,
        ),
        count(
            "requests_done",
            ("诉求已办结（件）", "Requests done"),
            FINDINGS,
        ),
        count(
            "requests_open",
            ("诉求办理中（件）", "Requests open"),
            FINDINGS,
        ),
        count(
            "requests_overdue",
            ("诉求已超期（件）", "Requests overdue"),
            FINDINGS,
        ),
        def(
            "by_team",
            ("巡防·按巡防队", "Patrols, by team"),
            LOGS,
            Shape::Chart(teams),
        ),
        def(
            "by_community",
            ("巡防·按社区", "Patrols, by community"),
            LOGS,
            Shape::Chart(places),
        ),
        def(
            "missed_by_team",
            ("漏巡·按巡防队", "Slots missed, by team"),
            SLOTS,
            Shape::Chart(missed),
        ),
        def(
            "by_category",
            ("问题·按类别", "Findings, by category"),
            FINDINGS,
            Shape::Chart(cats),
        ),
    ]
}

fn community_name(store: &Store, id: Id) -> Result<String> {
    crate::circle::place_name(&store.conn, id)
}

fn bucket(key: String, name: &str) -> Bucket {
    (key, name.to_owned(), name.to_owned())
}

pub(super) fn section(store: &Store, w: &Within) -> Result<Section> {
    let mut lists: Vec<Vec<Item>> = (0..3).map(|_| Vec::new()).collect();
    let (mut teams, mut places, mut missed_teams) =
        (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let mut cats = std::collections::BTreeSet::new();
    let minute = store.now().local_minute();
    let now = (&minute[..10], &minute[11..]);
    for &c in &w.communities {
        let cname = community_name(store, c)?;
        let ids: Vec<Id> = store
            .conn
            .prepare_cached(
                "SELECT l.id FROM patrol_logs l JOIN patrol_teams t ON t.id = l.team_id
                 WHERE l.deleted = 0 AND t.deleted = 0 AND l.community_id = ?1
                 AND l.date BETWEEN ?2 AND ?3 ORDER BY l.date, l.starts, l.id",
            )?
            .query_map(rusqlite::params![c.to_string(), w.from, w.to], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let l = store.patrol_log_view(id)?;
            let time = format!("{}–{}", l.starts, l.ends);
            teams.insert(l.team_id.to_string(), l.team_name.clone());
            places.insert(c.to_string(), cname.clone());
            lists[LOGS].push(Item {
                row: vec![
                    cname.clone(),
                    l.date.clone(),
                    time,
                    l.team_name.clone(),
                    l.route.clone(),
                    l.members.len().to_string(),
                    l.findings.len().to_string(),
                ],
                marks: vec![
                    ("done", String::new()),
                    ("by_team", l.team_id.to_string()),
                    ("by_community", c.to_string()),
                ],
            });
            for f in &l.findings {
                let category = match f.category {
                    FindingCategory::Unknown => FindingCategory::Other,
                    x => x,
                };
                cats.insert(category.code());
                let mut marks = vec![
                    ("findings", String::new()),
                    ("by_category", category.code().to_owned()),
                ];
                let (mut title, mut owner, mut went) = (String::new(), String::new(), "");
                if let Some(t) = f.task_id {
                    marks.push(("requests", String::new()));
                    if let Ok(k) = store.task(t, Some(&w.today)) {
                        title = k.title;
                        owner = k.assignee_name.unwrap_or_default();
                        went = if k.status.resolved() {
                            marks.push(("requests_done", String::new()));
                            DONE
                        } else {
                            marks.push(("requests_open", String::new()));
                            if k.overdue {
                                marks.push(("requests_overdue", String::new()));
                                OVERDUE
                            } else {
                                OPEN
                            }
                        };
                    }
                }
                lists[FINDINGS].push(Item {
                    row: vec![
                        cname.clone(),
                        l.date.clone(),
                        l.team_name.clone(),
                        category.label_zh().to_owned(),
                        f.place.clone(),
                        f.description.clone(),
                        title,
                        owner,
                        went.to_owned(),
                    ],
                    marks,
                });
            }
        }
        for slot in slots_between(&store.conn, Some(c), None, &w.from, &w.to, now)? {
            let mut marks = Vec::new();
            match slot.state {
                SlotState::Done => {
                    marks.push(("due", String::new()));
                    marks.push(("kept", String::new()));
                }
                SlotState::Missed => {
                    marks.push(("due", String::new()));
                    marks.push(("missed", String::new()));
                    marks.push(("missed_by_team", slot.team_id.to_string()));
                    missed_teams.insert(slot.team_id.to_string(), slot.team_name.clone());
                }
                _ => continue,
            }
            lists[SLOTS].push(Item {
                row: vec![
                    cname.clone(),
                    slot.date.clone(),
                    format!("{}–{}", slot.starts, slot.ends),
                    slot.team_name.clone(),
                    slot.state.label_zh().to_owned(),
                ],
                marks,
            });
        }
    }
    let buckets = |m: BTreeMap<String, String>| -> Vec<Bucket> {
        let mut v: Vec<Bucket> = m.into_iter().map(|(k, n)| bucket(k, &n)).collect();
        v.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        v
    };
    let cats = FindingCategory::present(|c| cats.contains(c));
    let word = |zh: &str, en: &str| (zh.to_owned(), en.to_owned());
    let mut cells_en = vec![
        word(DONE, "done"),
        word(OPEN, "open"),
        word(OVERDUE, "overdue"),
    ];
    cells_en.extend(FindingCategory::labels().map(|(zh, en)| word(zh, en)));
    cells_en.extend(SlotState::labels().map(|(zh, en)| word(zh, en)));
    let headers: [Vec<Words>; 3] = [
        LOG_HEADERS.to_vec(),
        SLOT_HEADERS.to_vec(),
        FINDING_HEADERS.to_vec(),
    ];
    Ok(Section {
        words: ("治安巡防", "Security patrols"),
        defs: defs(buckets(teams), buckets(places), buckets(missed_teams), cats),
        lists: headers
            .into_iter()
            .zip(lists)
            .map(|(headers, items)| List { headers, items })
            .collect(),
        cells_en,
    })
}
