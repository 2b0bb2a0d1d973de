//! 议事 in 统计: the residents' suggestions taken (by source), answered, made topics or requests;
//! the council topics proposed (by where they stand now), resolutions published, and the
//! requests made from them — done, still open, past their due date; the meetings held and those
//! that were quorate (过半数). Counted as `linli report councils` and `linli report suggestions`
//! count a month, over any period. No proposer's or suggester's name is listed.

use std::collections::BTreeSet;

use linli_domain::councils::{
    self as rules, SuggestionSource, SuggestionState, TopicState, TopicStep,
};

use super::{Def, Item, List, Section, Shape, Within, Words};
use crate::councils::{done_on, ids, meeting_row, suggestion_row};
use crate::{Result, Store};

const SUGGESTIONS: usize = 0;
const TOPICS: usize = 1;
const REQUESTS: usize = 2;
const MEETINGS: usize = 3;

const SUGGESTION_HEADERS: [Words; 6] = [
    ("社区", "Community"),
    ("受理日期", "Taken on"),
    ("来源", "Source"),
    ("建议内容", "Suggestion"),
    ("状态", "State"),
    ("答复日期", "Answered on"),
];

const TOPIC_HEADERS: [Words; 8] = [
    ("社区", "Community"),
    ("议题", "Topic"),
    ("类别", "Category"),
    ("提出日期", "Proposed on"),
    ("会议日期", "Meeting"),
    ("状态", "State"),
    ("决议公布", "Resolution on"),
    ("办结日期", "Done on"),
];

const REQUEST_HEADERS: [Words; 7] = [
    ("社区", "Community"),
    ("议题", "Topic"),
    ("诉求", "Request"),
    ("承办", "Handled by"),
    ("转办日期", "Made on"),
    ("办理期限", "Due"),
    ("办理情况", "How it went"),
];

const MEETING_HEADERS: [Words; 7] = [
    ("社区", "Community"),
    ("会议日期", "Date"),
    ("地点", "Place"),
    ("应到", "Expected"),
    ("实到", "Present"),
    ("过半数", "Quorate"),
    ("表决议题", "Topics voted"),
];

type Bucket = (String, String, String);

fn defs(sources: Vec<Bucket>, states: Vec<Bucket>) -> Vec<Def> {
    let def = |key, words, list, shape| Def {
        key,
        words,
        list,
        shape,
    };
    vec![
        def(
            "suggestions",
            ("居民建议受理（条）", "Suggestions taken"),
            SUGGESTIONS,
            Shape::Count,
        ),
        def(
            "answered",
            ("建议答复（条）", "Suggestions answered"),
            SUGGESTIONS,
            Shape::Count,
        ),
        def(
            "to_topic",
            ("建议转议题（条）", "Made topics"),
            SUGGESTIONS,
            Shape::Count,
        ),
        def(
            "to_request",
            ("建议转诉求（条）", "Made requests"),
            SUGGESTIONS,
            Shape::Count,
        ),
        def(
            "topics",
            ("议题提出（件）", "Topics proposed"),
            TOPICS,
            Shape::Count,
        ),
        def(
            "resolutions",
            ("决议公布（件）", "Resolutions published"),
            TOPICS,
            Shape::Count,
        ),
        def(
            "requests",
            ("决议转诉求（件）", "Requests from resolutions"),
            REQUESTS,
            Shape::Count,
        ),
        def(
            "requests_done",
            ("诉求已办结（件）", "Requests done"),
            REQUESTS,
            Shape::Count,
        ),
        def(
            "requests_open",
            ("诉求办理中（件）", "Requests open"),
            REQUESTS,
            Shape::Count,
        ),
        def(
            "requests_overdue",
            ("诉求已超期（件）", "Requests overdue"),
            REQUESTS,
            Shape::Count,
        ),
        def(
            "done_rate",
            ("决议诉求办结率", "Requests done, rate"),
            REQUESTS,
            Shape::Rate {
                num: "requests_done",
                den: "requests",
            },
        ),
        def(
            "meetings",
            ("议事会议（次）", "Meetings held"),
            MEETINGS,
            Shape::Count,
        ),
        def(
            "quorate",
            ("过半数到会（次）", "Quorate meetings"),
            MEETINGS,
            Shape::Count,
        ),
        def(
            "by_source",
            ("建议·按来源", "Suggestions, by source"),
            SUGGESTIONS,
            Shape::Chart(sources),
        ),
        def(
            "by_state",
            ("议题·按状态", "Topics, by where they stand"),
            TOPICS,
            Shape::Chart(states),
        ),
    ]
}

fn community_name(store: &Store, id: linli_domain::Id) -> Result<String> {
    Ok(store
        .conn
        .prepare_cached("SELECT name FROM places WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .unwrap_or_default())
}

const DONE: &str = "已办结";
const OPEN: &str = "办理中";
const OVERDUE: &str = "已超期";

pub(super) fn section(store: &Store, w: &Within) -> Result<Section> {
    let mut lists: Vec<Vec<Item>> = (0..4).map(|_| Vec::new()).collect();
    let (mut sources, mut states) = (BTreeSet::new(), BTreeSet::new());
    let upto = |d: &str| d <= w.end.as_str();
    for &c in &w.communities {
        let cname = community_name(store, c)?;
        for id in ids(store, "council_suggestions", c)? {
            let s = suggestion_row(&store.conn, id)?;
            let answered = s.answered_on.as_deref().filter(|d| upto(d));
            let mut marks = Vec::new();
            if w.holds(&s.received_on) {
                marks.push(("suggestions", String::new()));
                marks.push(("by_source", s.source.code().to_owned()));
                sources.insert(s.source.code());
            }
            if answered.is_some_and(|d| w.holds(d)) {
                marks.push(("answered", String::new()));
                match s.state() {
                    SuggestionState::Topic => marks.push(("to_topic", String::new())),
                    SuggestionState::Request => marks.push(("to_request", String::new())),
                    _ => {}
                }
            }
            if marks.is_empty() {
                continue;
            }
            let state = if answered.is_some() {
                s.state()
            } else {
                SuggestionState::Received
            };
            lists[SUGGESTIONS].push(Item {
                row: vec![
                    cname.clone(),
                    s.received_on.clone(),
                    s.source.label_zh().to_owned(),
                    s.text.clone(),
                    state.label_zh().to_owned(),
                    answered.unwrap_or_default().to_owned(),
                ],
                marks,
            });
        }
        for id in ids(store, "council_topics", c)? {
            let t = store.topic_view(id, &w.today, true)?;
            let resolved_on = t
                .events
                .iter()
                .find(|e| e.kind == TopicStep::Resolution)
                .map(|e| e.date.clone());
            let mut marks = Vec::new();
            if w.holds(&t.proposed_on) {
                marks.push(("topics", String::new()));
                marks.push(("by_state", t.state.code().to_owned()));
                states.insert(t.state.code());
            }
            if resolved_on
                .as_deref()
                .is_some_and(|d| w.holds(d) && upto(d))
            {
                marks.push(("resolutions", String::new()));
            }
            for e in t.events.iter().filter(|e| e.kind == TopicStep::Request) {
                if !(w.holds(&e.date) && upto(&e.date)) {
                    continue;
                }
                let Some(r) = t.requests.iter().find(|r| Some(r.task_id) == e.task_id) else {
                    continue;
                };
                let done = r.status.resolved();
                let went = if done {
                    DONE
                } else if r.overdue {
                    OVERDUE
                } else {
                    OPEN
                };
                let mut rm = vec![("requests", String::new())];
                rm.push(if done {
                    ("requests_done", String::new())
                } else {
                    ("requests_open", String::new())
                });
                if !done && r.overdue {
                    rm.push(("requests_overdue", String::new()));
                }
                lists[REQUESTS].push(Item {
                    row: vec![
                        cname.clone(),
                        t.title.clone(),
                        r.title.clone(),
                        r.owner.clone(),
                        e.date.clone(),
                        r.due_date.clone().unwrap_or_default(),
                        went.to_owned(),
                    ],
                    marks: rm,
                });
            }
            if marks.is_empty() {
                continue;
            }
            lists[TOPICS].push(Item {
                row: vec![
                    cname.clone(),
                    t.title.clone(),
                    t.category.label_zh().to_owned(),
                    t.proposed_on.clone(),
                    t.meeting_on.clone().unwrap_or_default(),
                    t.state.label_zh().to_owned(),
                    resolved_on.unwrap_or_default(),
                    done_on(&t).unwrap_or_default(),
                ],
                marks,
            });
        }
        for id in ids(store, "council_meetings", c)? {
            let m = meeting_row(&store.conn, id)?;
            if !(w.holds(&m.date) && m.date <= w.today) {
                continue;
            }
            let quorate = rules::quorate(m.expected, m.present());
            let mut marks = vec![("meetings", String::new())];
            if quorate {
                marks.push(("quorate", String::new()));
            }
            let voted: u32 = store
                .conn
                .prepare_cached(
                    "SELECT count(*) FROM council_topic_events WHERE meeting_id = ?1 AND kind = 'vote'",
                )?
                .query_row([id.to_string()], |r| r.get(0))?;
            lists[MEETINGS].push(Item {
                row: vec![
                    cname.clone(),
                    m.date.clone(),
                    m.place.clone(),
                    m.expected.to_string(),
                    m.present().to_string(),
                    (if quorate { "是" } else { "否" }).to_owned(),
                    voted.to_string(),
                ],
                marks,
            });
        }
    }
    let sources = SuggestionSource::present(|c| sources.contains(c));
    let states = TopicState::present(|c| states.contains(c));
    let word = |zh: &str, en: &str| (zh.to_owned(), en.to_owned());
    let mut cells_en = vec![
        word(DONE, "done"),
        word(OPEN, "open"),
        word(OVERDUE, "overdue"),
        word("是", "yes"),
        word("否", "no"),
    ];
    cells_en.extend(SuggestionSource::labels().map(|(zh, en)| word(zh, en)));
    cells_en.extend(SuggestionState::labels().map(|(zh, en)| word(zh, en)));
    cells_en.extend(TopicState::labels().map(|(zh, en)| word(zh, en)));
    cells_en.extend(rules::TopicCategory::labels().map(|(zh, en)| word(zh, en)));
    let headers: [Vec<Words>; 4] = [
        SUGGESTION_HEADERS.to_vec(),
        TOPIC_HEADERS.to_vec(),
        REQUEST_HEADERS.to_vec(),
        MEETING_HEADERS.to_vec(),
    ];
    Ok(Section {
        words: ("议事协商", "Council"),
        defs: defs(sources, states),
        lists: headers
            .into_iter()
            .zip(lists)
            .map(|(headers, items)| List { headers, items })
            .collect(),
        cells_en,
    })
}
