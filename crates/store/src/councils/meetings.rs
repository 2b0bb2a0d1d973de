//! Meetings (议事会): called with a date, place, host and the members expected; the attendees
//! with their roles; the agenda (the topics put to it) and the review list (requests made from
//! earlier meetings' resolutions, with their live status).

use linli_domain::councils::{
    self as rules, AttendeeRole, PassRule, QuorumRule, TopicStep, VoteRule,
};
use linli_domain::{date, Id};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::topics::{events_of, topic_row};
use super::{coded, scope};
use crate::volunteers::{check_community, text_field};
use crate::write::RowWrite;
use crate::{Error, Result, Store};

/// A meeting's own row.
pub(crate) struct MeetingRow {
    pub id: Id,
    pub community: Id,
    pub point: Option<Id>,
    pub place: String,
    pub date: String,
    pub time: String,
    pub host: String,
    pub expected: u32,
    pub attendees: Vec<Attendee>,
    pub minutes: String,
    pub rule: VoteRule,
}

impl MeetingRow {
    /// 实到: attendees who count (observers do not).
    pub fn present(&self) -> u32 {
        self.attendees.iter().filter(|a| a.role.counts()).count() as u32
    }
}

fn attendees_of(text: &str) -> Vec<Attendee> {
    serde_json::from_str::<Vec<(String, String)>>(text)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, role)| Attendee {
            name,
            role: AttendeeRole::read(&role),
        })
        .collect()
}

fn attendees_text(a: &[Attendee]) -> String {
    let pairs: Vec<(&str, &str)> = a.iter().map(|a| (a.name.as_str(), a.role.code())).collect();
    serde_json::to_string(&pairs).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn meeting_row(conn: &Connection, id: Id) -> Result<MeetingRow> {
    conn.prepare_cached(
        "SELECT community_id, point_id, place, date, time, host, expected, attendees, minutes,
                quorum, pass_rule
         FROM council_meetings WHERE id = ?1 AND deleted = 0",
    )?
    .query_row([id.to_string()], |r| {
        Ok(MeetingRow {
            id,
            community: r.get("community_id")?,
            point: r.get("point_id")?,
            place: r.get("place")?,
            date: r.get("date")?,
            time: r.get("time")?,
            host: r.get("host")?,
            expected: u32::try_from(r.get::<_, i64>("expected")?).unwrap_or(0),
            attendees: attendees_of(&r.get::<_, String>("attendees")?),
            minutes: r.get("minutes")?,
            rule: VoteRule {
                quorum: QuorumRule::read(&r.get::<_, String>("quorum")?),
                pass: PassRule::read(&r.get::<_, String>("pass_rule")?),
            },
        })
    })
    .optional()?
    .ok_or(Error::NotFound {
        what: "议事会议",
        id: id.to_string(),
    })
}

/// Topics ever put to a meeting (some may have moved to a later one since).
fn scheduled_at(conn: &Connection, meeting: Id, kind: TopicStep) -> Result<Vec<Id>> {
    Ok(conn
        .prepare_cached(
            "SELECT DISTINCT topic_id FROM council_topic_events WHERE meeting_id = ?1 AND kind = ?2
             ORDER BY topic_id",
        )?
        .query_map(rusqlite::params![meeting.to_string(), kind.code()], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn checked_attendees(list: &[Attendee]) -> Result<Vec<Attendee>> {
    let mut out: Vec<Attendee> = Vec::new();
    for a in list {
        let name = text_field("attendees", "参会人员姓名", &a.name, 30, false)?;
        if a.role == AttendeeRole::Unknown {
            return Err(coded(
                "attendees",
                linli_domain::msg::UNKNOWN_CHOICE,
                vec![],
            ));
        }
        if out.iter().any(|b| b.name == name) {
            return Err(coded(
                "attendees",
                linli_domain::msg::CNC_ATTENDEE_TWICE,
                linli_domain::args![name = name],
            ));
        }
        out.push(Attendee { name, role: a.role });
    }
    Ok(out)
}

impl Store {
    /// A meeting with its agenda and review list, on `today`.
    pub(super) fn meeting_view(&self, id: Id, today: &str) -> Result<CouncilMeeting> {
        let m = meeting_row(&self.conn, id)?;
        let withheld = self.council_withheld()?;
        let mut topics = Vec::new();
        for t in scheduled_at(&self.conn, id, TopicStep::Schedule)? {
            let v = self.topic_view(t, today, withheld)?;
            if v.meeting_id == Some(id) {
                topics.push(v);
            }
        }
        // the review: the previous meeting's requests, and older ones still open
        let earlier: Vec<(Id, String)> = self
            .conn
            .prepare_cached(
                "SELECT id, date FROM council_meetings WHERE community_id = ?1 AND deleted = 0
                 AND (date < ?2 OR (date = ?2 AND id < ?3)) ORDER BY date DESC, id DESC",
            )?
            .query_map(
                rusqlite::params![m.community.to_string(), m.date, id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let mut review = Vec::new();
        for (i, (prev, _)) in earlier.iter().enumerate() {
            for t in scheduled_at(&self.conn, *prev, TopicStep::Vote)? {
                let row = topic_row(&self.conn, t)?;
                let events = events_of(&self.conn, t)?;
                for r in self.requests_of(&row, &events, today)? {
                    if i == 0 || !r.status.resolved() {
                        review.push(r);
                    }
                }
            }
        }
        let present = m.present();
        Ok(CouncilMeeting {
            id,
            community_id: m.community,
            point_id: m.point,
            place: m.place,
            month: m.date.get(..7).unwrap_or_default().to_owned(),
            date: m.date,
            time: m.time,
            host: m.host,
            expected: m.expected,
            present,
            rule: m.rule,
            quorate: m.rule.quorate(m.expected, present),
            attendees: m.attendees,
            minutes: m.minutes,
            topics,
            review,
        })
    }

    pub fn save_council_meeting(&mut self, req: &SaveCouncilMeeting) -> Result<CouncilMeeting> {
        let community = req.community_id;
        check_community(&self.conn, community)?;
        let day = date::validate("date", &req.date)?;
        let expected = rules::check_expected(req.expected)?;
        let attendees = checked_attendees(&req.attendees)?;
        let rule = req.rule.check()?;
        let host = text_field("host", "主持人", &req.host, 30, true)?;
        if host.is_empty() {
            return Err(coded("host", linli_domain::msg::CNC_NO_HOST, vec![]));
        }
        let time = match req.time.trim() {
            "" => String::new(),
            t => linli_domain::mediation::check_clock(t)?,
        };
        let place = text_field("place", "会议地点", &req.place, 60, true)?;
        let minutes = text_field("minutes", "会议记录", &req.minutes, 5000, true)?;
        if let Some(p) = req.point_id {
            let point = super::point_view(&self.conn, p)?;
            if point.community_id != community {
                return Err(coded(
                    "point_id",
                    linli_domain::msg::CNC_NOT_HERE,
                    linli_domain::args![what = "联络点"],
                ));
            }
        }
        if let Some(id) = req.id {
            let old = meeting_row(&self.conn, id)?;
            let voted = !scheduled_at(&self.conn, id, TopicStep::Vote)?.is_empty();
            let changes_vote = req.deleted
                || old.date != day
                || old.expected != expected
                || attendees_text(&old.attendees) != attendees_text(&attendees);
            if voted && changes_vote {
                return Err(Error::conflict(linli_domain::msg::CNC_MEETING_HELD, vec![]));
            }
            if voted && old.rule != rule {
                return Err(Error::conflict(
                    linli_domain::msg::CNC_RULE_AFTER_VOTE,
                    vec![],
                ));
            }
            if req.deleted {
                let view = self.meeting_view(id, &self.now().today())?;
                let mut w = self.begin()?;
                w.write(RowWrite {
                    table: "council_meetings",
                    row_id: id,
                    fields: vec![("deleted", json!(1))],
                    scope: scope(community),
                })?;
                w.commit()?;
                return Ok(view);
            }
        }
        let id = req.id.unwrap_or_else(|| self.next_id());
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "council_meetings",
            row_id: id,
            fields: vec![
                ("community_id", json!(community.to_string())),
                ("point_id", json!(req.point_id.map(|p| p.to_string()))),
                ("place", json!(place)),
                ("date", json!(day)),
                ("time", json!(time)),
                ("host", json!(host)),
                ("expected", json!(expected)),
                ("attendees", json!(attendees_text(&attendees))),
                ("minutes", json!(minutes)),
                ("quorum", json!(rule.quorum.code())),
                ("pass_rule", json!(rule.pass.code())),
                ("deleted", json!(0)),
            ],
            scope: scope(community),
        })?;
        w.commit()?;
        let today = self.now().today();
        self.meeting_view(id, &today)
    }

    pub fn council_meeting(&mut self, req: &GetCouncilMeeting) -> Result<CouncilMeeting> {
        let today = self.now().today();
        self.meeting_view(req.id, &today)
    }
}
