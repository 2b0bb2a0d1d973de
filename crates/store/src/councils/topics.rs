//! Topics (议题): proposed, each stage recorded in order as a fact, requests (诉求) made from a
//! published resolution inside the same transaction as the facts that link them, and a topic
//! read whole with its requests' live status.

use linli_domain::councils::{
    self as rules, TopicCategory, TopicOrigin, TopicSoFar, TopicStep, Votes,
};
use linli_domain::field::{TaskEventKind, TaskSource};
use linli_domain::{date, Id};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{json, Value};

use super::meetings::meeting_row;
use super::{
    check_household_in, check_place_in, coded, known, past_day, person_name, place_name, scope,
};
use crate::field::tasks::{check_new_task, write_event, write_new_task, TaskPlace};
use crate::volunteers::{check_community, text_field};
use crate::write::{RowWrite, Scope, Writer};
use crate::{Error, Result, Store};

/// A topic's own row.
pub(super) struct TopicRow {
    pub id: Id,
    pub community: Id,
    pub place: Option<Id>,
    pub title: String,
    pub text: String,
    pub category: TopicCategory,
    pub origin: TopicOrigin,
    pub origin_id: Option<Id>,
    pub proposer_person: Option<Id>,
    pub proposer_household: Option<Id>,
    pub proposer_name: String,
    pub proposed_on: String,
}

pub(super) fn topic_row(conn: &Connection, id: Id) -> Result<TopicRow> {
    conn.prepare_cached(
        "SELECT community_id, place_id, title, text, category, origin, origin_id,
                proposer_person_id, proposer_household_id, proposer_name, proposed_on
         FROM council_topics WHERE id = ?1 AND deleted = 0",
    )?
    .query_row([id.to_string()], |r| {
        Ok(TopicRow {
            id,
            community: r.get("community_id")?,
            place: r.get("place_id")?,
            title: r.get("title")?,
            text: r.get("text")?,
            category: TopicCategory::read(&r.get::<_, String>("category")?),
            origin: TopicOrigin::read(&r.get::<_, String>("origin")?),
            origin_id: r.get("origin_id")?,
            proposer_person: r.get("proposer_person_id")?,
            proposer_household: r.get("proposer_household_id")?,
            proposer_name: r.get("proposer_name")?,
            proposed_on: r.get("proposed_on")?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound {
        what: "议题",
        id: id.to_string(),
    })
}

fn u32_of(v: Option<i64>) -> Option<u32> {
    v.and_then(|n| u32::try_from(n).ok())
}

pub(super) fn events_of(conn: &Connection, topic: Id) -> Result<Vec<TopicEvent>> {
    let mut st = conn.prepare_cached(
        "SELECT id, kind, date, text, accepted, until, meeting_id, votes_for, votes_against,
                votes_abstain, task_id FROM council_topic_events WHERE topic_id = ?1
         ORDER BY date, id",
    )?;
    let rows = st.query_map([topic.to_string()], |r| {
        let votes = (
            u32_of(r.get("votes_for")?),
            u32_of(r.get("votes_against")?),
            u32_of(r.get("votes_abstain")?),
        );
        Ok(TopicEvent {
            id: r.get("id")?,
            kind: TopicStep::read(&r.get::<_, String>("kind")?),
            date: r.get("date")?,
            text: r.get("text")?,
            accepted: r.get::<_, Option<i64>>("accepted")?.map(|a| a != 0),
            until: r.get("until")?,
            meeting_id: r.get("meeting_id")?,
            votes_for: votes.0,
            votes_against: votes.1,
            votes_abstain: votes.2,
            passed: None,
            task_id: r.get("task_id")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The requests made from a topic's resolution, with their live status.
    pub(super) fn requests_of(
        &self,
        t: &TopicRow,
        events: &[TopicEvent],
        today: &str,
    ) -> Result<Vec<CouncilRequest>> {
        let mut out = Vec::new();
        for e in events.iter().filter(|e| e.kind == TopicStep::Request) {
            let Some(task) = e.task_id else { continue };
            let Ok(k) = self.task(task, Some(today)) else {
                continue;
            };
            out.push(CouncilRequest {
                task_id: task,
                topic_id: t.id,
                topic: t.title.clone(),
                title: k.title,
                status: k.status,
                owner: k.assignee_name.or(k.team).unwrap_or_default(),
                due_date: k.due_date,
                finished_at: k.finished_at,
                overdue: k.overdue,
            });
        }
        Ok(out)
    }

    /// What a topic's facts say, its meeting's date read, the votes' outcome computed.
    pub(super) fn topic_so_far(
        &self,
        t: &TopicRow,
        events: &mut [TopicEvent],
        requests: &[CouncilRequest],
    ) -> Result<(TopicSoFar, Option<Id>)> {
        let mut s = TopicSoFar {
            proposed_on: t.proposed_on.clone(),
            ..TopicSoFar::default()
        };
        let mut meeting = None;
        for e in events.iter_mut() {
            match e.kind {
                TopicStep::Review if s.review.is_none() => s.review = e.accepted,
                TopicStep::Publish if s.published_on.is_none() => {
                    s.published_on = Some(e.date.clone());
                }
                TopicStep::Schedule => {
                    meeting = e.meeting_id;
                    s.meeting_on = Some(e.date.clone());
                }
                TopicStep::Vote if s.passed.is_none() => {
                    let (present, rule) = match e.meeting_id.map(|m| meeting_row(&self.conn, m)) {
                        Some(Ok(m)) => (m.present(), m.rule),
                        _ => (0, rules::VoteRule::default()),
                    };
                    let v = Votes {
                        for_: e.votes_for.unwrap_or(0),
                        against: e.votes_against.unwrap_or(0),
                        abstain: e.votes_abstain.unwrap_or(0),
                    };
                    let passed = rule.passes(present, v);
                    e.passed = Some(passed);
                    s.passed = Some(passed);
                }
                TopicStep::Resolution => s.resolved = true,
                _ => {}
            }
        }
        s.requests = requests.len();
        s.requests_open = requests.iter().filter(|r| !r.status.resolved()).count();
        Ok((s, meeting))
    }

    /// A topic read whole on `today`.
    pub(crate) fn topic_view(&self, id: Id, today: &str, withheld: bool) -> Result<CouncilTopic> {
        let t = topic_row(&self.conn, id)?;
        let mut events = events_of(&self.conn, id)?;
        let requests = self.requests_of(&t, &events, today)?;
        let (s, meeting_id) = self.topic_so_far(&t, &mut events, &requests)?;
        let proposer = if withheld {
            String::new()
        } else if t.proposer_person.is_some() {
            person_name(&self.conn, t.proposer_person)?
        } else {
            t.proposer_name.clone()
        };
        let resolution = events
            .iter()
            .find(|e| e.kind == TopicStep::Resolution)
            .map(|e| e.text.clone())
            .unwrap_or_default();
        Ok(CouncilTopic {
            id,
            community_id: t.community,
            place_id: t.place,
            place: place_name(&self.conn, t.place)?,
            title: t.title.clone(),
            text: t.text.clone(),
            category: t.category,
            origin: t.origin,
            origin_id: t.origin_id,
            proposer_person_id: t.proposer_person,
            proposer_household_id: if withheld { None } else { t.proposer_household },
            proposer,
            proposed_on: t.proposed_on.clone(),
            month: rules::topic_month(&t.proposed_on, s.meeting_on.as_deref()),
            state: s.state(),
            meeting_id,
            meeting_on: s.meeting_on.clone(),
            resolution,
            events,
            requests,
            withheld,
        })
    }

    /// A new topic's row, checked (a suggestion made a topic writes it with its own change).
    pub(super) fn checked_topic(&self, req: &ProposeTopic) -> Result<NewTopicRow> {
        let community = req.community_id;
        check_community(&self.conn, community)?;
        check_place_in(self, community, req.place_id, "议题涉及的地点")?;
        let category = known(req.category, TopicCategory::Unknown, "category")?;
        let origin = known(req.origin, TopicOrigin::Unknown, "origin")?;
        let title = text_field("title", "议题名称", &req.title, 60, false)?;
        let text = text_field("text", "议题内容", &req.text, 2000, true)?;
        let name = text_field("proposer_name", "提议人", &req.proposer_name, 30, true)?;
        if let Some(p) = req.proposer_person_id {
            self.person(p)?;
        }
        if let Some(h) = req.proposer_household_id {
            check_household_in(&self.conn, community, h)?;
        }
        let proposed_on = past_day(self, "proposed_on", &req.proposed_on)?;
        Ok(NewTopicRow {
            community,
            fields: vec![
                ("community_id", json!(community.to_string())),
                ("place_id", json!(req.place_id.map(|p| p.to_string()))),
                ("title", json!(title)),
                ("text", json!(text)),
                ("category", json!(category.code())),
                ("origin", json!(origin.code())),
                ("origin_id", json!(req.origin_id.map(|p| p.to_string()))),
                (
                    "proposer_person_id",
                    json!(req.proposer_person_id.map(|p| p.to_string())),
                ),
                (
                    "proposer_household_id",
                    json!(req.proposer_household_id.map(|p| p.to_string())),
                ),
                ("proposer_name", json!(name)),
                ("proposed_on", json!(proposed_on)),
                ("deleted", json!(0)),
            ],
        })
    }

    pub fn propose_topic(&mut self, req: &ProposeTopic) -> Result<CouncilTopic> {
        let row = self.checked_topic(req)?;
        let mut w = self.begin()?;
        let id = w.id();
        row.write(&mut w, id)?;
        w.commit()?;
        let today = self.now().today();
        self.topic_view(id, &today, self.council_withheld()?)
    }

    pub fn council_topic(&mut self, req: &GetCouncilTopic) -> Result<CouncilTopic> {
        let today = self.now().today();
        self.topic_view(req.id, &today, self.council_withheld()?)
    }

    pub fn record_topic_step(&mut self, req: &RecordTopicStep) -> Result<CouncilTopic> {
        let t = topic_row(&self.conn, req.topic_id)?;
        let today = self.now().today();
        let mut events = events_of(&self.conn, t.id)?;
        let requests = self.requests_of(&t, &events, &today)?;
        let (so_far, meeting) = self.topic_so_far(&t, &mut events, &requests)?;
        let mut f: Vec<(&'static str, Value)> = Vec::new();
        let (kind, date, text) = match &req.step {
            TopicStepInput::Review {
                date,
                accepted,
                note,
            } => {
                f.push(("accepted", json!(i64::from(*accepted))));
                let note = text_field("note", "审核意见", note, 500, *accepted)?;
                (TopicStep::Review, self.day(date)?, note)
            }
            TopicStepInput::Publish { date, until, note } => {
                let day = self.day(date)?;
                if let Some(u) = until.as_deref().filter(|u| !u.trim().is_empty()) {
                    let u = date::validate("until", u)?;
                    if u < day {
                        return Err(coded(
                            "until",
                            linli_domain::msg::CNC_COMMENT_UNTIL,
                            linli_domain::args![until = u, date = day],
                        ));
                    }
                    f.push(("until", json!(u)));
                }
                let note = text_field("note", "公示说明", note, 500, true)?;
                (TopicStep::Publish, day, note)
            }
            TopicStepInput::Comment { date, text } => (
                TopicStep::Comment,
                self.day(date)?,
                text_field("text", "居民意见", text, 500, false)?,
            ),
            TopicStepInput::Schedule { meeting_id } => {
                let m = meeting_row(&self.conn, *meeting_id)?;
                if m.community != t.community {
                    return Err(coded(
                        "meeting_id",
                        linli_domain::msg::CNC_NOT_HERE,
                        linli_domain::args![what = "会议"],
                    ));
                }
                f.push(("meeting_id", json!(meeting_id.to_string())));
                (TopicStep::Schedule, m.date, String::new())
            }
            TopicStepInput::Vote {
                votes_for,
                votes_against,
                votes_abstain,
            } => {
                // the order first: a vote needs a meeting
                rules::check_step(&so_far, TopicStep::Vote, &today, &today)?;
                let m = meeting_row(
                    &self.conn,
                    meeting.ok_or_else(|| {
                        coded("step", linli_domain::msg::CNC_SCHEDULE_FIRST, vec![])
                    })?,
                )?;
                let v = Votes {
                    for_: *votes_for,
                    against: *votes_against,
                    abstain: *votes_abstain,
                };
                m.rule.check_vote(m.expected, m.present(), v)?;
                f.push(("meeting_id", json!(m.id.to_string())));
                f.push(("votes_for", json!(votes_for)));
                f.push(("votes_against", json!(votes_against)));
                f.push(("votes_abstain", json!(votes_abstain)));
                (TopicStep::Vote, m.date, String::new())
            }
            TopicStepInput::Resolution { date, text } => (
                TopicStep::Resolution,
                self.day(date)?,
                text_field("text", "决议内容", text, 2000, false)?,
            ),
        };
        rules::check_step(&so_far, kind, &date, &today)?;
        let mut w = self.begin()?;
        let id = w.id();
        write_topic_event(&mut w, id, &t, kind, &date, &text, f)?;
        w.commit()?;
        self.topic_view(t.id, &today, self.council_withheld()?)
    }

    fn day(&self, d: &Option<String>) -> Result<String> {
        crate::field::day_or_today(&self.now(), "date", d)
    }

    /// Turns a published resolution into requests, each raised and dispatched to its owner, in
    /// one transaction with the facts linking them to the topic.
    pub fn make_topic_requests(&mut self, req: &MakeTopicRequests) -> Result<CouncilTopic> {
        let t = topic_row(&self.conn, req.topic_id)?;
        let today = self.now().today();
        let mut events = events_of(&self.conn, t.id)?;
        let requests = self.requests_of(&t, &events, &today)?;
        let (so_far, _) = self.topic_so_far(&t, &mut events, &requests)?;
        rules::check_step(&so_far, TopicStep::Request, &today, &today)?;
        if req.requests.is_empty() {
            return Err(coded(
                "requests",
                linli_domain::msg::CNC_NO_REQUESTS,
                vec![],
            ));
        }
        let place = t.place.unwrap_or(t.community);
        let task_scope = Scope {
            community: Some(t.community),
            grid: crate::register::grid_of(&self.conn, &[place])?,
            place: Some(place),
        };
        let mut checked = Vec::new();
        for r in &req.requests {
            let task = check_new_task(&NewTask {
                title: r.title.clone(),
                category: r.category,
                subcategory: None,
                description: r.description.clone(),
                due_date: Some(r.due_date.clone()),
            })?;
            let due = task.due_date.clone().unwrap_or_default();
            if due < today {
                return Err(coded(
                    "due_date",
                    linli_domain::msg::CNC_DUE_PAST,
                    linli_domain::args![due = due],
                ));
            }
            let dispatch = self.dispatch_fields(Some(r.owner_id), None, &due)?;
            checked.push((task, dispatch));
        }
        let at = self.now().stamp();
        let mut w = self.begin()?;
        for (task, dispatch) in checked {
            let id = (w.id(), w.id());
            write_new_task(
                &mut w,
                id,
                &task,
                TaskPlace::Place(place),
                None,
                None,
                &at,
                task_scope,
                Some(TaskSource::GridReport),
            )?;
            let ev = w.id();
            write_event(
                &mut w,
                ev,
                id.0,
                TaskEventKind::Dispatched,
                &at,
                None,
                &dispatch,
                task_scope,
            )?;
            let fact = w.id();
            write_topic_event(
                &mut w,
                fact,
                &t,
                TopicStep::Request,
                &today,
                &task.title,
                vec![("task_id", json!(id.0.to_string()))],
            )?;
        }
        w.commit()?;
        self.topic_view(t.id, &today, self.council_withheld()?)
    }
}

/// A new topic's fields, checked.
pub(super) struct NewTopicRow {
    pub community: Id,
    pub fields: Vec<(&'static str, Value)>,
}

impl NewTopicRow {
    pub(super) fn write(self, w: &mut Writer<'_>, id: Id) -> Result<()> {
        w.write(RowWrite {
            table: "council_topics",
            row_id: id,
            fields: self.fields,
            scope: scope(self.community),
        })?;
        Ok(())
    }
}

/// Inserts one stage of a topic (the columns its kind does not use left empty).
pub(super) fn write_topic_event(
    w: &mut Writer<'_>,
    id: Id,
    t: &TopicRow,
    kind: TopicStep,
    date: &str,
    text: &str,
    extra: Vec<(&'static str, Value)>,
) -> Result<()> {
    let at = w.now().stamp();
    let mut fields = vec![
        ("topic_id", json!(t.id.to_string())),
        ("community_id", json!(t.community.to_string())),
        ("kind", json!(kind.code())),
        ("date", json!(date)),
        ("text", json!(text)),
        ("accepted", Value::Null),
        ("until", Value::Null),
        ("meeting_id", Value::Null),
        ("votes_for", Value::Null),
        ("votes_against", Value::Null),
        ("votes_abstain", Value::Null),
        ("task_id", Value::Null),
        ("at", json!(at)),
    ];
    for (k, v) in extra {
        if let Some(slot) = fields.iter_mut().find(|(f, _)| *f == k) {
            slot.1 = v;
        }
    }
    w.insert_fact(RowWrite {
        table: "council_topic_events",
        row_id: id,
        fields,
        scope: scope(t.community),
    })?;
    Ok(())
}
