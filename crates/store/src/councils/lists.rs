//! The lists: topics by community and month (the month's theme groups them so), meetings,
//! suggestions; each filtered and sorted.

use linli_domain::councils as rules;
use linli_domain::Id;
use linli_protocol::*;

use super::communities;
use super::meetings::meeting_row;
use super::suggestions::{suggestion_row, suggestion_view};
use crate::{Result, Store};

fn month_filter(m: &Option<String>) -> Option<String> {
    m.as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_owned)
}

impl Store {
    /// The community's topics proposed, or put to a meeting, in `month` ("YYYY-MM"), for the
    /// month's theme: by day (the meeting's when it falls in the month, else the proposal's).
    pub(crate) fn theme_topics(&self, community: Id, month: &str) -> Result<Vec<ThemeItem>> {
        let today = self.now().today();
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "SELECT id FROM council_topics WHERE community_id = ?1 AND deleted = 0",
            )?
            .query_map([community.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for id in ids {
            let t = self.topic_view(id, &today, true)?;
            let met = t.meeting_on.as_deref().filter(|d| d.starts_with(month));
            if met.is_none() && !t.proposed_on.starts_with(month) {
                continue;
            }
            let mut detail = vec![
                t.category.label_zh().to_owned(),
                t.state.label_zh().to_owned(),
            ];
            if let Some(d) = met {
                detail.push(format!("{d}上会"));
            }
            if !t.place.is_empty() {
                detail.insert(0, t.place.clone());
            }
            out.push(ThemeItem {
                id,
                date: met.unwrap_or(&t.proposed_on).to_owned(),
                title: t.title,
                detail: detail.join(" · "),
            });
        }
        out.sort_by(|a, b| (&a.date, a.id).cmp(&(&b.date, b.id)));
        Ok(out)
    }

    pub fn list_council_topics(&mut self, req: &ListCouncilTopics) -> Result<Vec<CouncilTopic>> {
        let today = self.now().today();
        let withheld = self.council_withheld()?;
        let month = month_filter(&req.month);
        let text = req.text.trim();
        let mut out = Vec::new();
        for c in communities(&self.conn, req.community_id)? {
            let ids: Vec<Id> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM council_topics WHERE community_id = ?1 AND deleted = 0",
                )?
                .query_map([c.to_string()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                let t = self.topic_view(id, &today, withheld)?;
                let keep = month.as_deref().is_none_or(|m| t.month.starts_with(m))
                    && req.state.is_none_or(|s| s == t.state)
                    && req.category.is_none_or(|k| k == t.category)
                    && (text.is_empty()
                        || t.title.contains(text)
                        || t.text.contains(text)
                        || t.proposer.contains(text));
                if keep {
                    out.push(t);
                }
            }
        }
        match req.sort {
            TopicSort::Proposed => {
                out.sort_by(|a, b| (&b.proposed_on, b.id).cmp(&(&a.proposed_on, a.id)))
            }
            TopicSort::State => out.sort_by_key(|t| {
                (
                    rules::TopicState::ALL.iter().position(|s| *s == t.state),
                    t.proposed_on.clone(),
                )
            }),
            TopicSort::Category => out.sort_by_key(|t| (t.category.code(), t.proposed_on.clone())),
        }
        Ok(out)
    }

    pub fn list_council_meetings(
        &mut self,
        req: &ListCouncilMeetings,
    ) -> Result<Vec<CouncilMeetingLine>> {
        let month = month_filter(&req.month);
        let mut out = Vec::new();
        for c in communities(&self.conn, req.community_id)? {
            let ids: Vec<Id> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM council_meetings WHERE community_id = ?1 AND deleted = 0",
                )?
                .query_map([c.to_string()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                let m = meeting_row(&self.conn, id)?;
                if month.as_deref().is_some_and(|x| !m.date.starts_with(x)) {
                    continue;
                }
                let (topics, passed) = self.votes_at(id)?;
                let present = m.present();
                out.push(CouncilMeetingLine {
                    id,
                    community_id: m.community,
                    quorate: m.rule.quorate(m.expected, present),
                    rule: m.rule,
                    date: m.date,
                    time: m.time,
                    place: m.place,
                    host: m.host,
                    expected: m.expected,
                    present,
                    topics,
                    passed,
                });
            }
        }
        out.sort_by(|a, b| (&b.date, b.id).cmp(&(&a.date, a.id)));
        Ok(out)
    }

    /// Topics voted at a meeting, and of those passed.
    pub(super) fn votes_at(&self, meeting: Id) -> Result<(u32, u32)> {
        let m = meeting_row(&self.conn, meeting)?;
        let votes: Vec<(i64, i64, i64)> = self
            .conn
            .prepare_cached(
                "SELECT coalesce(votes_for, 0), coalesce(votes_against, 0),
                        coalesce(votes_abstain, 0)
                 FROM council_topic_events WHERE meeting_id = ?1 AND kind = 'vote'",
            )?
            .query_map([meeting.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let passed = votes
            .iter()
            .filter(|(f, a, b)| {
                m.rule.passes(
                    m.present(),
                    rules::Votes {
                        for_: *f as u32,
                        against: *a as u32,
                        abstain: *b as u32,
                    },
                )
            })
            .count();
        Ok((votes.len() as u32, passed as u32))
    }

    pub fn list_suggestions(&mut self, req: &ListSuggestions) -> Result<Vec<Suggestion>> {
        let withheld = self.council_withheld()?;
        let month = month_filter(&req.month);
        let text = req.text.trim();
        let mut out = Vec::new();
        for c in communities(&self.conn, req.community_id)? {
            let ids: Vec<Id> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM council_suggestions WHERE community_id = ?1 AND deleted = 0",
                )?
                .query_map([c.to_string()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                let s = suggestion_view(&self.conn, suggestion_row(&self.conn, id)?, withheld)?;
                let keep = month
                    .as_deref()
                    .is_none_or(|m| s.received_on.starts_with(m))
                    && req.state.is_none_or(|x| x == s.state)
                    && req.source.is_none_or(|x| x == s.source)
                    && (text.is_empty()
                        || s.text.contains(text)
                        || s.name.contains(text)
                        || s.household.contains(text)
                        || s.answer.contains(text));
                if keep {
                    out.push(s);
                }
            }
        }
        match req.sort {
            SuggestionSort::Received => {
                out.sort_by(|a, b| (&b.received_on, b.id).cmp(&(&a.received_on, a.id)))
            }
            SuggestionSort::Waiting => out.sort_by_key(|s| {
                (
                    s.state != linli_domain::councils::SuggestionState::Received,
                    s.received_on.clone(),
                )
            }),
            SuggestionSort::Source => out.sort_by_key(|s| (s.source.code(), s.received_on.clone())),
        }
        Ok(out)
    }
}
