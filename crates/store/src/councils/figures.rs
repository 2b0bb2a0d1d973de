//! A month's figures: topics proposed, meetings held, topics voted and passed, resolutions
//! published and done (every request made from them closed, the last in the month), requests
//! made; suggestions received, answered, made topics or requests, waiting. The monthly report's
//! lines count the rows [`council_records`] lists, so each figure opens exactly its records.

use std::collections::BTreeMap;

use linli_domain::calendar::month_bounds;
use linli_domain::councils::{SuggestionState, TopicStep};
use linli_domain::{DomainError, Id};
use linli_protocol::*;

use super::meetings::meeting_row;
use super::suggestions::{suggestion_row, SuggestionRow};
use super::topics::{events_of, topic_row};
use super::{communities, place_name};
use crate::{Result, Store};

/// The keys of the council and suggestion figures, in the report's order.
pub(crate) const COUNCIL_KEYS: [&str; 5] = [
    "council_topics",
    "council_meetings",
    "council_resolutions_done",
    "suggestions_received",
    "suggestions_answered",
];

/// The headers of each kind of record.
pub(crate) const RECORD_HEADERS: [(&str, &[&str]); 3] = [
    (
        "topic",
        &[
            "社区",
            "议题",
            "类别",
            "来源",
            "提出日期",
            "会议日期",
            "状态",
            "办结日期",
        ],
    ),
    (
        "meeting",
        &[
            "社区",
            "会议日期",
            "地点",
            "主持人",
            "应到",
            "实到",
            "表决议题",
            "通过",
        ],
    ),
    (
        "suggestion",
        &[
            "社区",
            "受理日期",
            "来源",
            "建议内容",
            "状态",
            "答复日期",
            "答复",
        ],
    ),
];

fn headers_of(key: &str) -> Vec<String> {
    let kind = match key {
        "council_meetings" => "meeting",
        k if k.starts_with("suggestions") => "suggestion",
        _ => "topic",
    };
    RECORD_HEADERS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, h)| h.iter().map(|s| (*s).to_owned()).collect())
        .unwrap_or_default()
}

/// The day a topic was done: its last request's finishing day, once every request is finished.
pub(crate) fn done_on(t: &CouncilTopic) -> Option<String> {
    if t.state != linli_domain::councils::TopicState::Done {
        return None;
    }
    t.requests
        .iter()
        .filter_map(|r| r.finished_at.as_deref().and_then(|f| f.get(..10)))
        .max()
        .map(str::to_owned)
}

pub(crate) fn ids(store: &Store, table: &str, community: Id) -> Result<Vec<Id>> {
    let sql = format!("SELECT id FROM {table} WHERE community_id = ?1 AND deleted = 0 ORDER BY id");
    Ok(store
        .conn
        .prepare_cached(&sql)?
        .query_map([community.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn suggestion_line(cname: &str, s: &SuggestionRow) -> Vec<String> {
    vec![
        cname.to_owned(),
        s.received_on.clone(),
        s.source.label_zh().to_owned(),
        s.text.clone(),
        s.state().label_zh().to_owned(),
        s.answered_on.clone().unwrap_or_default(),
        s.answer.clone(),
    ]
}

/// A figure's records: headers and rows.
pub(crate) type Records = (Vec<String>, Vec<Vec<String>>);

/// The rows behind a council or suggestion figure for the communities under `community` (every
/// one when none) in `from`..=`to`; `None` when `key` is not one of [`COUNCIL_KEYS`].
pub(crate) fn council_records(
    store: &Store,
    community: Option<Id>,
    from: &str,
    to: &str,
    today: &str,
    key: &str,
) -> Result<Option<Records>> {
    if !COUNCIL_KEYS.contains(&key) {
        return Ok(None);
    }
    let within = |d: &str| d >= from && d <= to && d <= today;
    let mut rows = Vec::new();
    for c in communities(&store.conn, community)? {
        let cname = place_name(&store.conn, Some(c))?;
        match key {
            "council_topics" | "council_resolutions_done" => {
                for id in ids(store, "council_topics", c)? {
                    let t = store.topic_view(id, today, false)?;
                    let done_on = done_on(&t);
                    let keep = if key == "council_topics" {
                        within(&t.proposed_on)
                    } else {
                        done_on.as_deref().is_some_and(within)
                    };
                    if keep {
                        rows.push(vec![
                            cname.clone(),
                            t.title.clone(),
                            t.category.label_zh().to_owned(),
                            t.origin.label_zh().to_owned(),
                            t.proposed_on.clone(),
                            t.meeting_on.clone().unwrap_or_default(),
                            t.state.label_zh().to_owned(),
                            done_on.unwrap_or_default(),
                        ]);
                    }
                }
            }
            "council_meetings" => {
                for id in ids(store, "council_meetings", c)? {
                    let m = meeting_row(&store.conn, id)?;
                    if within(&m.date) {
                        let (voted, passed) = store.votes_at(id)?;
                        rows.push(vec![
                            cname.clone(),
                            m.date.clone(),
                            m.place.clone(),
                            m.host.clone(),
                            m.expected.to_string(),
                            m.present().to_string(),
                            voted.to_string(),
                            passed.to_string(),
                        ]);
                    }
                }
            }
            _ => {
                for id in ids(store, "council_suggestions", c)? {
                    let s = suggestion_row(&store.conn, id)?;
                    let keep = if key == "suggestions_received" {
                        within(&s.received_on)
                    } else {
                        s.answered_on.as_deref().is_some_and(within)
                    };
                    if keep {
                        rows.push(suggestion_line(&cname, &s));
                    }
                }
            }
        }
    }
    Ok(Some((headers_of(key), rows)))
}

/// The council and suggestion lines of the monthly report: the month `from`..=`to` and the
/// year to date `cum_from`..=`to`.
pub(crate) fn council_figures(
    store: &Store,
    community: Option<Id>,
    (from, cum_from, to): (&str, &str, &str),
    today: &str,
    narrower: bool,
) -> Result<Vec<MonthlyFigure>> {
    let count = |key: &str, from: &str| -> Result<f64> {
        Ok(
            council_records(store, community, from, to, today, key)?.map_or(0, |(_, r)| r.len())
                as f64,
        )
    };
    let by_community = if narrower {
        "（按所在社区统计）"
    } else {
        ""
    };
    let mut out = Vec::new();
    for (key, label, source) in [
        (
            "council_topics",
            "议事会议题（件）",
            "议事→议题名单中提出日期在统计期内的行数",
        ),
        (
            "council_meetings",
            "议事会议（次）",
            "议事→会议名单中会议日期在统计期内（且已到）的行数",
        ),
        (
            "council_resolutions_done",
            "议事决议办结（件）",
            "议事→议题名单中状态为“已办结”、最后一件诉求办结日期在统计期内的行数",
        ),
        (
            "suggestions_received",
            "居民建议受理（条）",
            "议事→建议名单中受理日期在统计期内的行数",
        ),
        (
            "suggestions_answered",
            "居民建议答复（条）",
            "议事→建议名单中答复日期在统计期内的行数（含转议题、转诉求）",
        ),
    ] {
        out.push(MonthlyFigure {
            key: key.to_owned(),
            label: label.to_owned(),
            unit: FigureUnit::Count,
            month: count(key, from)?,
            cumulative: count(key, cum_from)?,
            source: format!("{source}{by_community}"),
        });
    }
    Ok(out)
}

/// The month's bounds, and the last day counted (the month's end, or today).
fn month_of(store: &Store, month: &Option<String>) -> Result<(String, String, String, String)> {
    let today = store.now().today();
    let month = month
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map_or_else(|| today[..7].to_owned(), str::to_owned);
    let Some((first, last)) = month_bounds(&month) else {
        return Err(DomainError::coded(
            "month",
            linli_domain::msg::BAD_DATE,
            linli_domain::args![value = month],
        )
        .into());
    };
    Ok((month, first, last, today))
}

fn counts(map: BTreeMap<&'static str, u32>) -> Vec<CodeCount> {
    map.into_iter()
        .map(|(code, n)| CodeCount {
            code: code.to_owned(),
            n,
        })
        .collect()
}

impl Store {
    pub fn council_report(&mut self, req: &CouncilReport) -> Result<CouncilFigures> {
        let (month, first, last, today) = month_of(self, &req.month)?;
        let n = |key: &str| -> Result<u32> {
            Ok(
                council_records(self, req.place_id, &first, &last, &today, key)?
                    .map_or(0, |(_, r)| r.len()) as u32,
            )
        };
        let mut f = CouncilFigures {
            month: month.clone(),
            place_id: req.place_id,
            topics: n("council_topics")?,
            meetings: n("council_meetings")?,
            voted: 0,
            passed: 0,
            resolutions: 0,
            resolutions_done: n("council_resolutions_done")?,
            requests: 0,
            liaison_points: 0,
            by_category: Vec::new(),
        };
        let within = |d: &str| d >= first.as_str() && d <= last.as_str();
        let mut cats = BTreeMap::new();
        for c in communities(&self.conn, req.place_id)? {
            f.liaison_points += ids(self, "liaison_points", c)?.len() as u32;
            for id in ids(self, "council_meetings", c)? {
                let m = meeting_row(&self.conn, id)?;
                if within(&m.date) && m.date <= today {
                    let (v, p) = self.votes_at(id)?;
                    f.voted += v;
                    f.passed += p;
                }
            }
            for id in ids(self, "council_topics", c)? {
                let t = topic_row(&self.conn, id)?;
                if within(&t.proposed_on) {
                    *cats.entry(t.category.code()).or_insert(0) += 1;
                }
                for e in events_of(&self.conn, id)? {
                    if !within(&e.date) {
                        continue;
                    }
                    match e.kind {
                        TopicStep::Resolution => f.resolutions += 1,
                        TopicStep::Request => f.requests += 1,
                        _ => {}
                    }
                }
            }
        }
        f.by_category = counts(cats);
        Ok(f)
    }

    pub fn suggestion_report(&mut self, req: &SuggestionReport) -> Result<SuggestionFigures> {
        let (month, first, last, today) = month_of(self, &req.month)?;
        let end = last.clone().min(today.clone());
        let within = |d: &str| d >= first.as_str() && d <= end.as_str();
        let mut f = SuggestionFigures {
            month,
            place_id: req.place_id,
            received: 0,
            answered: 0,
            to_topic: 0,
            to_request: 0,
            answer_rate: 0.0,
            waiting: 0,
            by_source: Vec::new(),
        };
        let (mut sources, mut received_answered) = (BTreeMap::new(), 0u32);
        for c in communities(&self.conn, req.place_id)? {
            for id in ids(self, "council_suggestions", c)? {
                let s = suggestion_row(&self.conn, id)?;
                let answered_by_end = s.answered_on.as_deref().filter(|d| *d <= end.as_str());
                if within(&s.received_on) {
                    f.received += 1;
                    *sources.entry(s.source.code()).or_insert(0) += 1;
                    if answered_by_end.is_some() {
                        received_answered += 1;
                    }
                }
                if answered_by_end.is_some_and(&within) {
                    f.answered += 1;
                    match s.state() {
                        SuggestionState::Topic => f.to_topic += 1,
                        SuggestionState::Request => f.to_request += 1,
                        _ => {}
                    }
                }
                if s.received_on.as_str() <= end.as_str() && answered_by_end.is_none() {
                    f.waiting += 1;
                }
            }
        }
        if f.received > 0 {
            f.answer_rate = f64::from(received_answered) / f64::from(f.received);
        }
        f.by_source = counts(sources);
        Ok(f)
    }
}
