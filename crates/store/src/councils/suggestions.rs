//! Residents' suggestions (居民建议): taken at the desk, by phone, through a steward, at a
//! liaison point or the broadcast; each answered, made a council topic or made a request (诉求),
//! with the answer recorded every time. Handled once.

use linli_domain::councils::{SuggestionSource, SuggestionState, TopicOrigin};
use linli_domain::field::{TaskEventKind, TaskSource};
use linli_domain::Id;
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{json, Value};

use super::{check_household_in, check_place_in, coded, household_address, known, past_day, scope};
use crate::field::tasks::{check_new_task, write_event, write_new_task, TaskPlace};
use crate::volunteers::{check_community, text_field};
use crate::write::{RowWrite, Scope};
use crate::{Error, Result, Store};

pub(crate) struct SuggestionRow {
    pub id: Id,
    pub community: Id,
    pub point: Option<Id>,
    pub place: Option<Id>,
    pub source: SuggestionSource,
    pub household: Option<Id>,
    pub name: String,
    pub text: String,
    pub received_on: String,
    pub taken_by: Option<Id>,
    pub answer: String,
    pub answered_on: Option<String>,
    pub topic: Option<Id>,
    pub task: Option<Id>,
}

impl SuggestionRow {
    pub fn state(&self) -> SuggestionState {
        match (self.topic, self.task, &self.answered_on) {
            (Some(_), _, _) => SuggestionState::Topic,
            (_, Some(_), _) => SuggestionState::Request,
            (_, _, Some(_)) => SuggestionState::Answered,
            _ => SuggestionState::Received,
        }
    }
}

pub(crate) fn suggestion_row(conn: &Connection, id: Id) -> Result<SuggestionRow> {
    conn.prepare_cached(
        "SELECT community_id, point_id, place_id, source, household_id, name, text, received_on,
                taken_by, answer, answered_on, topic_id, task_id
         FROM council_suggestions WHERE id = ?1 AND deleted = 0",
    )?
    .query_row([id.to_string()], |r| {
        Ok(SuggestionRow {
            id,
            community: r.get("community_id")?,
            point: r.get("point_id")?,
            place: r.get("place_id")?,
            source: SuggestionSource::read(&r.get::<_, String>("source")?),
            household: r.get("household_id")?,
            name: r.get("name")?,
            text: r.get("text")?,
            received_on: r.get("received_on")?,
            taken_by: r.get("taken_by")?,
            answer: r.get("answer")?,
            answered_on: r.get("answered_on")?,
            topic: r.get("topic_id")?,
            task: r.get("task_id")?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound {
        what: "居民建议",
        id: id.to_string(),
    })
}

pub(super) fn suggestion_view(
    conn: &Connection,
    s: SuggestionRow,
    withheld: bool,
) -> Result<Suggestion> {
    let point = match s.point {
        Some(p) => super::point_view(conn, p)
            .map(|p| p.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(Suggestion {
        id: s.id,
        community_id: s.community,
        point_id: s.point,
        point,
        place_id: s.place,
        state: s.state(),
        source: s.source,
        household_id: if withheld { None } else { s.household },
        household: if withheld {
            String::new()
        } else {
            household_address(conn, s.household)
        },
        name: if withheld { String::new() } else { s.name },
        text: s.text,
        received_on: s.received_on,
        taken_by: s.taken_by,
        answer: s.answer,
        answered_on: s.answered_on,
        topic_id: s.topic,
        task_id: s.task,
        withheld,
    })
}

impl Store {
    pub fn take_suggestion(&mut self, req: &TakeSuggestion) -> Result<Suggestion> {
        let community = req.community_id;
        check_community(&self.conn, community)?;
        check_place_in(self, community, req.place_id, "建议涉及的地点")?;
        let source = known(req.source, SuggestionSource::Unknown, "source")?;
        let name = text_field("name", "建议人", &req.name, 30, true)?;
        if let Some(h) = req.household_id {
            check_household_in(&self.conn, community, h)?;
        } else if name.is_empty() {
            return Err(coded("name", linli_domain::msg::CNC_SUGGESTER, vec![]));
        }
        let text = text_field("text", "建议内容", &req.text, 2000, false)?;
        if let Some(p) = req.point_id {
            if super::point_view(&self.conn, p)?.community_id != community {
                return Err(coded(
                    "point_id",
                    linli_domain::msg::CNC_NOT_HERE,
                    linli_domain::args![what = "联络点"],
                ));
            }
        }
        if let Some(p) = req.taken_by {
            self.person(p)?;
        }
        let received_on = past_day(self, "received_on", &req.received_on)?;
        let mut w = self.begin()?;
        let id = w.id();
        w.write(RowWrite {
            table: "council_suggestions",
            row_id: id,
            fields: vec![
                ("community_id", json!(community.to_string())),
                ("point_id", json!(req.point_id.map(|p| p.to_string()))),
                ("place_id", json!(req.place_id.map(|p| p.to_string()))),
                ("source", json!(source.code())),
                (
                    "household_id",
                    json!(req.household_id.map(|p| p.to_string())),
                ),
                ("name", json!(name)),
                ("text", json!(text)),
                ("received_on", json!(received_on)),
                ("taken_by", json!(req.taken_by.map(|p| p.to_string()))),
                ("answer", json!("")),
                ("answered_on", Value::Null),
                ("topic_id", Value::Null),
                ("task_id", Value::Null),
                ("deleted", json!(0)),
            ],
            scope: scope(community),
        })?;
        w.commit()?;
        let withheld = self.council_withheld()?;
        suggestion_view(&self.conn, suggestion_row(&self.conn, id)?, withheld)
    }

    /// Answers a suggestion, or makes it a topic or a request, recording the answer.
    pub fn handle_suggestion(&mut self, req: &HandleSuggestion) -> Result<Suggestion> {
        let s = suggestion_row(&self.conn, req.id)?;
        if s.state() != SuggestionState::Received {
            return Err(Error::conflict(
                linli_domain::msg::CNC_SUGGESTION_DONE,
                linli_domain::args![state = s.state().code()],
            ));
        }
        let answer_of = |a: &str, default: &str, needed: bool| -> Result<String> {
            let a = text_field("answer", "答复内容", a, 1000, !needed)?;
            Ok(if a.is_empty() { default.to_owned() } else { a })
        };
        let day = |d: &Option<String>| -> Result<String> {
            let d = past_day(self, "date", d)?;
            if d < s.received_on {
                return Err(coded(
                    "date",
                    linli_domain::msg::CNC_BEFORE_PROPOSED,
                    linli_domain::args![date = d, proposed = s.received_on],
                ));
            }
            Ok(d)
        };
        let mut fields: Vec<(&'static str, Value)> = Vec::new();
        match &req.action {
            SuggestionAction::Answer { answer, date } => {
                fields.push(("answer", json!(answer_of(answer, "", true)?)));
                fields.push(("answered_on", json!(day(date)?)));
                let mut w = self.begin()?;
                w.write(RowWrite {
                    table: "council_suggestions",
                    row_id: s.id,
                    fields,
                    scope: scope(s.community),
                })?;
                w.commit()?;
            }
            SuggestionAction::Topic {
                title,
                category,
                answer,
                date,
            } => {
                let d = day(date)?;
                let topic = self.checked_topic(&ProposeTopic {
                    community_id: s.community,
                    place_id: s.place,
                    title: title.clone(),
                    text: s.text.clone(),
                    category: *category,
                    origin: TopicOrigin::Suggestion,
                    origin_id: Some(s.id),
                    proposer_person_id: None,
                    proposer_household_id: s.household,
                    proposer_name: s.name.clone(),
                    proposed_on: Some(d.clone()),
                })?;
                let answer = answer_of(
                    answer,
                    "已转为议事会议题，将公示征求意见后提交会议讨论",
                    false,
                )?;
                let mut w = self.begin()?;
                let topic_id = w.id();
                topic.write(&mut w, topic_id)?;
                w.write(RowWrite {
                    table: "council_suggestions",
                    row_id: s.id,
                    fields: vec![
                        ("answer", json!(answer)),
                        ("answered_on", json!(d)),
                        ("topic_id", json!(topic_id.to_string())),
                    ],
                    scope: scope(s.community),
                })?;
                w.commit()?;
            }
            SuggestionAction::Request {
                title,
                category,
                owner_id,
                due_date,
                answer,
                date,
            } => {
                let d = day(date)?;
                let task = check_new_task(&NewTask {
                    title: title.clone(),
                    category: *category,
                    subcategory: None,
                    description: s.text.clone(),
                    due_date: due_date.clone(),
                })?;
                let dispatch = match owner_id {
                    Some(o) => Some(self.dispatch_fields(
                        Some(*o),
                        None,
                        task.due_date.as_deref().unwrap_or(&d),
                    )?),
                    None => None,
                };
                let (at_place, task_scope) = match (s.household, s.place) {
                    (Some(h), _) => (TaskPlace::Household(h), self.household_scope_of(h)?),
                    (None, p) => {
                        let p = p.unwrap_or(s.community);
                        (
                            TaskPlace::Place(p),
                            Scope {
                                community: Some(s.community),
                                grid: crate::register::grid_of(&self.conn, &[p])?,
                                place: Some(p),
                            },
                        )
                    }
                };
                let answer = answer_of(answer, "已转为诉求，由社区派单办理", false)?;
                let source = match s.source {
                    SuggestionSource::Phone => TaskSource::Phone,
                    SuggestionSource::Desk => TaskSource::WalkIn,
                    _ => TaskSource::GridReport,
                };
                let at = self.now().stamp();
                let mut w = self.begin()?;
                let id = (w.id(), w.id());
                write_new_task(
                    &mut w,
                    id,
                    &task,
                    at_place,
                    s.taken_by,
                    None,
                    &at,
                    task_scope,
                    Some(source),
                )?;
                if let Some(extra) = dispatch {
                    let ev = w.id();
                    write_event(
                        &mut w,
                        ev,
                        id.0,
                        TaskEventKind::Dispatched,
                        &at,
                        None,
                        &extra,
                        task_scope,
                    )?;
                }
                w.write(RowWrite {
                    table: "council_suggestions",
                    row_id: s.id,
                    fields: vec![
                        ("answer", json!(answer)),
                        ("answered_on", json!(d)),
                        ("task_id", json!(id.0.to_string())),
                    ],
                    scope: scope(s.community),
                })?;
                w.commit()?;
            }
        }
        let withheld = self.council_withheld()?;
        suggestion_view(&self.conn, suggestion_row(&self.conn, s.id)?, withheld)
    }
}
