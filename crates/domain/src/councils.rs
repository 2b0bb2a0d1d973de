//! The words and rules of residents' councils (议事会) and liaison points (居民联络点), and of
//! residents' suggestions (居民建议); issue 20 items 2 and 5, docs/councils.md.
//!
//! A topic (议题) runs in order: proposed → reviewed (accepted or not) → published for comment →
//! put to a meeting → voted → its resolution published → turned into requests (诉求), whose
//! status the next meeting reviews. A meeting may vote only when more than half of the members
//! expected are present (过半数, [`quorate`]); a topic passes when more than half of those
//! present vote for it ([`passes`]: abstaining counts as not for). The store keeps each stage as
//! a fact and asks these rules; no I/O.

use serde::{Deserialize, Serialize};

pub use crate::council_votes::{PassRule, QuorumRule, VoteRule};
use crate::lending::words;
use crate::{msg, DomainError, Result};

words! {
    /// Where a topic came from.
    TopicOrigin {
        Suggestion = "suggestion", "居民建议", "a resident's suggestion";
        Visit = "visit", "走访发现", "found on a visit";
        Request = "request", "群众诉求", "a request";
        Official = "official", "干部提出", "raised by an official";
    }
}

words! {
    /// What a topic is about (议题类别).
    TopicCategory {
        Environment = "environment", "环境卫生", "environment and cleaning";
        Facilities = "facilities", "设施维修", "repairs and facilities";
        Parking = "parking", "停车交通", "parking and traffic";
        Safety = "safety", "平安建设", "safety";
        Property = "property", "物业管理", "property management";
        Elderly = "elderly", "一老一小", "the old and the young";
        Civility = "civility", "文明新风", "civility";
        Other = "other", "其他", "other";
    }
}

words! {
    /// A stage of a topic, each recorded as a fact (`council_topic_events.kind`).
    TopicStep {
        Review = "review", "审核立项", "reviewed";
        Publish = "publish", "公示征求意见", "published for comment";
        Comment = "comment", "居民意见", "a resident's comment";
        Schedule = "schedule", "提交会议", "put to a meeting";
        Vote = "vote", "表决", "voted";
        Resolution = "resolution", "公布决议", "resolution published";
        Request = "request", "转为诉求", "turned into a request";
    }
}

words! {
    /// Where a topic stands, derived from its facts (and its requests' status).
    TopicState {
        Proposed = "proposed", "待审核", "proposed";
        Rejected = "rejected", "不予立项", "not accepted";
        Accepted = "accepted", "已立项", "accepted";
        Publishing = "publishing", "公示中", "published for comment";
        Scheduled = "scheduled", "待上会", "on a meeting's agenda";
        Passed = "passed", "表决通过", "passed";
        Failed = "failed", "未通过", "not passed";
        Resolved = "resolved", "决议已公布", "resolution published";
        Acting = "acting", "落实中", "being carried out";
        Done = "done", "已办结", "done";
    }
}

words! {
    /// An attendee's role at a meeting. 列席 (observers) attend but do not count or vote.
    AttendeeRole {
        Host = "host", "主持人", "host";
        Member = "member", "议事会成员", "council member";
        Representative = "representative", "居民代表", "residents' representative";
        Worker = "worker", "社区工作者", "community worker";
        Steward = "steward", "楼栋长", "building steward";
        Property = "property", "物业代表", "property company";
        Partner = "partner", "共建单位", "partner unit";
        Observer = "observer", "列席", "observer";
    }
}

words! {
    /// How a suggestion reached the community.
    SuggestionSource {
        Desk = "desk", "窗口受理", "at the desk";
        Phone = "phone", "电话", "by phone";
        Steward = "steward", "楼栋长代收", "through a steward";
        Point = "point", "联络点", "at a liaison point";
        Broadcast = "broadcast", "微广播", "through the broadcast";
    }
}

words! {
    /// Where a suggestion stands.
    SuggestionState {
        Received = "received", "待答复", "awaiting an answer";
        Answered = "answered", "已答复", "answered";
        Topic = "topic", "已转议题", "made a topic";
        Request = "request", "已转诉求", "made a request";
    }
}

/// The most members one meeting may expect.
pub const MAX_EXPECTED: u32 = 500;

impl AttendeeRole {
    /// Counts towards the quorum and votes (everyone but observers).
    pub fn counts(self) -> bool {
        self != AttendeeRole::Observer
    }
}

/// A meeting may vote: more than half of the members expected are present.
pub fn quorate(expected: u32, present: u32) -> bool {
    expected > 0 && u64::from(present) * 2 > u64::from(expected)
}

/// The members expected, checked.
pub fn check_expected(expected: u32) -> Result<u32> {
    if (1..=MAX_EXPECTED).contains(&expected) {
        Ok(expected)
    } else {
        Err(DomainError::coded(
            "expected",
            msg::CNC_EXPECTED,
            crate::args![max = MAX_EXPECTED],
        ))
    }
}

/// A vote's three counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Votes {
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
}

impl Votes {
    pub fn total(self) -> u64 {
        u64::from(self.for_) + u64::from(self.against) + u64::from(self.abstain)
    }
}

/// A resolution passes when more than half of those present vote for it.
pub fn passes(present: u32, v: Votes) -> bool {
    present > 0 && u64::from(v.for_) * 2 > u64::from(present)
}

/// Checks a vote at a meeting of `expected` members with `present` there: the meeting is
/// quorate and no more votes are cast than members present. Answers whether it passes.
pub fn check_vote(expected: u32, present: u32, v: Votes) -> Result<bool> {
    if !quorate(expected, present) {
        return Err(DomainError::coded(
            "votes",
            msg::CNC_NO_QUORUM,
            crate::args![expected = expected, present = present],
        ));
    }
    if v.total() > u64::from(present) {
        return Err(DomainError::coded(
            "votes",
            msg::CNC_VOTES_EXCEED,
            crate::args![total = v.total(), present = present],
        ));
    }
    Ok(passes(present, v))
}

/// What a topic's facts say so far, as the order of stages needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicSoFar {
    pub proposed_on: String,
    /// Reviewed: accepted or not.
    pub review: Option<bool>,
    /// The day it was published for comment.
    pub published_on: Option<String>,
    /// The date of the meeting it is put to.
    pub meeting_on: Option<String>,
    /// Voted: passed or not.
    pub passed: Option<bool>,
    pub resolved: bool,
    /// Requests made from its resolution, and of those still open.
    pub requests: usize,
    pub requests_open: usize,
}

impl TopicSoFar {
    pub fn state(&self) -> TopicState {
        match self.review {
            None => return TopicState::Proposed,
            Some(false) => return TopicState::Rejected,
            Some(true) => {}
        }
        if self.resolved {
            return match (self.requests, self.requests_open) {
                (0, _) => TopicState::Resolved,
                (_, 0) => TopicState::Done,
                _ => TopicState::Acting,
            };
        }
        match (self.passed, &self.meeting_on, &self.published_on) {
            (Some(true), _, _) => TopicState::Passed,
            (Some(false), _, _) => TopicState::Failed,
            (None, Some(_), _) => TopicState::Scheduled,
            (None, None, Some(_)) => TopicState::Publishing,
            (None, None, None) => TopicState::Accepted,
        }
    }
}

fn refuse(m: msg::Msg, args: msg::Args) -> DomainError {
    DomainError::coded("step", m, args)
}

/// Whether a stage `kind` on `date` may be recorded now (`today`) after what `so_far` holds.
/// For [`TopicStep::Schedule`] `date` is the meeting's date and may lie ahead.
pub fn check_step(so_far: &TopicSoFar, kind: TopicStep, date: &str, today: &str) -> Result<()> {
    if date < so_far.proposed_on.as_str() {
        return Err(DomainError::coded(
            "date",
            msg::CNC_BEFORE_PROPOSED,
            crate::args![date = date, proposed = so_far.proposed_on],
        ));
    }
    if date > today && kind != TopicStep::Schedule {
        return Err(DomainError::coded(
            "date",
            msg::CNC_IN_FUTURE,
            crate::args![date = date],
        ));
    }
    let step = kind.code();
    match (kind, so_far.review) {
        (TopicStep::Unknown, _) => return Err(refuse(msg::CNC_UNKNOWN_STEP, vec![])),
        (TopicStep::Review, Some(_)) => return Err(refuse(msg::CNC_REVIEWED_TWICE, vec![])),
        (TopicStep::Review, None) => return Ok(()),
        (_, None) => return Err(refuse(msg::CNC_REVIEW_FIRST, crate::args![step = step])),
        (_, Some(false)) => return Err(refuse(msg::CNC_REJECTED, crate::args![step = step])),
        (_, Some(true)) => {}
    }
    match kind {
        TopicStep::Publish if so_far.published_on.is_some() => {
            Err(refuse(msg::CNC_PUBLISHED_TWICE, vec![]))
        }
        TopicStep::Comment if so_far.published_on.is_none() || so_far.passed.is_some() => {
            Err(refuse(msg::CNC_COMMENT_WINDOW, vec![]))
        }
        TopicStep::Schedule | TopicStep::Vote if so_far.passed.is_some() => {
            Err(refuse(msg::CNC_VOTED, vec![]))
        }
        TopicStep::Schedule => match &so_far.published_on {
            None => Err(refuse(msg::CNC_PUBLISH_FIRST, vec![])),
            Some(p) if date < p.as_str() => Err(DomainError::coded(
                "meeting_id",
                msg::CNC_MEETING_BEFORE_PUBLISH,
                crate::args![meeting = date, published = p],
            )),
            Some(_) => Ok(()),
        },
        TopicStep::Vote => match &so_far.meeting_on {
            None => Err(refuse(msg::CNC_SCHEDULE_FIRST, vec![])),
            Some(m) if m.as_str() > today => {
                Err(refuse(msg::CNC_MEETING_LATER, crate::args![meeting = m]))
            }
            Some(_) => Ok(()),
        },
        TopicStep::Resolution if so_far.resolved => Err(refuse(msg::CNC_RESOLVED_TWICE, vec![])),
        TopicStep::Resolution if so_far.passed != Some(true) => {
            Err(refuse(msg::CNC_NOT_PASSED, vec![]))
        }
        TopicStep::Request if !so_far.resolved => Err(refuse(msg::CNC_RESOLUTION_FIRST, vec![])),
        _ => Ok(()),
    }
}

/// The month a topic belongs to: its meeting's, else the month it was proposed in ("YYYY-MM").
pub fn topic_month(proposed_on: &str, meeting_on: Option<&str>) -> String {
    meeting_on
        .unwrap_or(proposed_on)
        .get(..7)
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn accepted() -> TopicSoFar {
        TopicSoFar {
            proposed_on: "2026-03-01".into(),
            review: Some(true),
            ..TopicSoFar::default()
        }
    }

    #[test]
    fn stages_come_in_order() {
        let t = "2026-03-20";
        let mut s = TopicSoFar {
            proposed_on: "2026-03-01".into(),
            ..TopicSoFar::default()
        };
        assert_eq!(s.state(), TopicState::Proposed);
        let e = check_step(&s, TopicStep::Publish, "2026-03-02", t).unwrap_err();
        assert_eq!(e.to_string(), "议题还没有审核立项，不能公示征求意见");
        assert!(check_step(&s, TopicStep::Review, "2026-02-28", t).is_err());
        assert!(check_step(&s, TopicStep::Review, "2026-03-21", t).is_err());
        assert!(check_step(&s, TopicStep::Review, "2026-03-02", t).is_ok());
        s.review = Some(false);
        assert_eq!(s.state(), TopicState::Rejected);
        assert!(check_step(&s, TopicStep::Publish, "2026-03-02", t).is_err());
        let mut s = accepted();
        assert!(check_step(&s, TopicStep::Review, "2026-03-02", t).is_err());
        assert!(check_step(&s, TopicStep::Schedule, "2026-03-25", t).is_err());
        assert!(check_step(&s, TopicStep::Comment, "2026-03-02", t).is_err());
        s.published_on = Some("2026-03-05".into());
        assert_eq!(s.state(), TopicState::Publishing);
        assert!(check_step(&s, TopicStep::Comment, "2026-03-06", t).is_ok());
        assert!(check_step(&s, TopicStep::Schedule, "2026-03-04", t).is_err());
        // a meeting ahead may be put on the agenda, but not voted before it is held
        assert!(check_step(&s, TopicStep::Schedule, "2026-03-25", t).is_ok());
        s.meeting_on = Some("2026-03-25".into());
        assert_eq!(s.state(), TopicState::Scheduled);
        assert!(check_step(&s, TopicStep::Vote, t, t).is_err());
        assert!(check_step(&s, TopicStep::Resolution, t, t).is_err());
        s.meeting_on = Some("2026-03-15".into());
        assert!(check_step(&s, TopicStep::Vote, t, t).is_ok());
        s.passed = Some(false);
        assert_eq!(s.state(), TopicState::Failed);
        assert!(check_step(&s, TopicStep::Resolution, t, t).is_err());
        assert!(check_step(&s, TopicStep::Vote, t, t).is_err());
        s.passed = Some(true);
        assert!(check_step(&s, TopicStep::Request, t, t).is_err());
        s.resolved = true;
        assert_eq!(s.state(), TopicState::Resolved);
        assert!(check_step(&s, TopicStep::Request, t, t).is_ok());
        assert!(check_step(&s, TopicStep::Resolution, t, t).is_err());
        s.requests = 2;
        s.requests_open = 1;
        assert_eq!(s.state(), TopicState::Acting);
        s.requests_open = 0;
        assert_eq!(s.state(), TopicState::Done);
    }

    #[test]
    fn quorum_and_votes() {
        assert!(!quorate(10, 5));
        assert!(quorate(10, 6));
        assert!(quorate(1, 1));
        assert!(!quorate(0, 3));
        let v = |f, a, b| Votes {
            for_: f,
            against: a,
            abstain: b,
        };
        assert_eq!(check_vote(10, 6, v(4, 1, 1)), Ok(true));
        assert_eq!(check_vote(10, 6, v(3, 1, 2)), Ok(false));
        let e = check_vote(10, 5, v(5, 0, 0)).unwrap_err();
        assert_eq!(e.to_string(), "会议应到10人，实到5人，未过半数，不能表决");
        assert!(check_vote(10, 6, v(4, 2, 1)).is_err());
        assert_eq!(topic_month("2026-03-30", Some("2026-04-02")), "2026-04");
        assert_eq!(topic_month("2026-03-30", None), "2026-03");
    }

    proptest! {
        /// A vote is accepted exactly when the meeting is quorate and no more votes are cast than
        /// members present; it passes exactly when "for" is more than half of those present, so
        /// two opposite outcomes never both pass.
        #[test]
        fn votes_follow_the_rule(expected in 0u32..60, present in 0u32..60,
                                 f in 0u32..60, a in 0u32..60, b in 0u32..60) {
            let v = Votes { for_: f, against: a, abstain: b };
            let r = check_vote(expected, present, v);
            let ok = present * 2 > expected && expected > 0 && f + a + b <= present;
            prop_assert_eq!(r.is_ok(), ok);
            if let Ok(p) = r {
                prop_assert_eq!(p, f * 2 > present);
                let flipped = Votes { for_: a, against: f, abstain: b };
                prop_assert!(!(p && check_vote(expected, present, flipped) == Ok(true)));
            }
        }

        /// Whatever has been recorded, a stage is never accepted before review, nor twice.
        #[test]
        fn no_stage_before_review_or_twice(review in proptest::option::of(any::<bool>()),
                                           published in any::<bool>(), voted in proptest::option::of(any::<bool>()),
                                           resolved in any::<bool>()) {
            let s = TopicSoFar {
                proposed_on: "2026-01-01".into(),
                review,
                published_on: published.then(|| "2026-01-02".to_owned()),
                meeting_on: voted.map(|_| "2026-01-03".to_owned()),
                passed: voted,
                resolved,
                ..TopicSoFar::default()
            };
            let t = "2026-02-01";
            for k in TopicStep::ALL {
                let r = check_step(&s, *k, "2026-01-10", t);
                if review != Some(true) && *k != TopicStep::Review {
                    prop_assert!(r.is_err());
                }
                if *k == TopicStep::Review && review.is_some() { prop_assert!(r.is_err()); }
                if *k == TopicStep::Publish && published { prop_assert!(r.is_err()); }
                if *k == TopicStep::Vote && voted.is_some() { prop_assert!(r.is_err()); }
                if *k == TopicStep::Resolution && (resolved || voted != Some(true)) {
                    prop_assert!(r.is_err());
                }
            }
        }
    }
}
