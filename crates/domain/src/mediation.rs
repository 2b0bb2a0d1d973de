//! The words and rules of the mediation register (人民调解, issue 20 item 1) as its case file
//! (卷宗) runs: a case's type, source, the parties' sides, the stages recorded as facts, the
//! outcome and its route, 司法确认's result; the case number "（年）X人调字第N号"; the one-month
//! term and its extension; 司法确认's 30-day window; and the order the stages may come in. The
//! store keeps the facts and asks these rules; no I/O.

use serde::{Deserialize, Serialize};

use crate::calendar::{add_days, days_between};
use crate::lending::words;
use crate::{msg, DomainError, Result};

words! {
    /// The type of a dispute (纠纷类型).
    DisputeKind {
        MarriageFamily = "marriage_family", "婚姻家庭", "marriage and family";
        Neighbours = "neighbours", "邻里", "neighbours";
        HousingLand = "housing_land", "房屋宅基地", "housing and homestead land";
        Contract = "contract", "合同", "contract";
        Business = "business", "生产经营", "production and business";
        Damages = "damages", "损害赔偿", "damages";
        PropertyManagement = "property_management", "物业", "property management";
        Labour = "labour", "劳动争议", "labour";
        Consumer = "consumer", "消费", "consumer";
        Other = "other", "其他", "other";
    }
}

words! {
    /// How a case came to the committee (纠纷来源).
    CaseSource {
        Application = "application", "当事人申请", "a party applied";
        Initiative = "initiative", "主动调解", "the committee stepped in";
        Police = "police", "公安移交", "handed over by the police";
        Court = "court", "法院委托", "entrusted by a court";
        Department = "department", "部门指定", "assigned by a department";
    }
}

words! {
    /// A party's side.
    PartySide {
        Applicant = "applicant", "申请人", "applicant";
        Respondent = "respondent", "被申请人", "respondent";
    }
}

words! {
    /// A stage of the case file, each recorded as a fact (`mediation_events.kind`).
    StepKind {
        /// 告知 of rights and duties delivered to the parties
        Notice = "notice", "权利义务告知", "rights and duties notice";
        Investigation = "investigation", "调查", "investigation";
        Session = "session", "调解", "mediation session";
        Outcome = "outcome", "调解结果", "outcome";
        CarryingOut = "carrying_out", "履行", "carrying out";
        FollowUp = "follow_up", "回访", "follow-up visit";
        Close = "close", "结案", "closed";
        Extension = "extension", "延长期限", "term extended";
        MediatorChange = "mediator_change", "更换调解员", "mediator changed";
        Confirmation = "confirmation", "司法确认", "judicial confirmation";
    }
}

words! {
    /// How a case ended.
    Outcome {
        /// a written agreement (调解协议书)
        Written = "written", "达成书面协议", "written agreement";
        /// an oral agreement, registered (口头协议登记)
        Oral = "oral", "达成口头协议", "oral agreement";
        /// no agreement: the route the parties are told to take
        Failed = "failed", "调解不成", "no agreement";
    }
}

words! {
    /// Where parties go when mediation fails.
    Route {
        Lawsuit = "lawsuit", "诉讼", "a lawsuit";
        Arbitration = "arbitration", "仲裁", "arbitration";
        Administrative = "administrative", "行政处理", "administrative handling";
    }
}

words! {
    /// 司法确认's result.
    ConfirmResult {
        Pending = "pending", "已申请，待裁定", "applied, awaiting the ruling";
        Confirmed = "confirmed", "确认有效", "confirmed valid";
        Refused = "refused", "不予确认", "not confirmed";
    }
}

words! {
    /// Where a case stands, derived from its facts.
    CaseState {
        Registered = "registered", "已受理", "registered";
        Mediating = "mediating", "调解中", "mediating";
        Agreed = "agreed", "调解成功", "settled";
        Failed = "failed", "调解不成", "not settled";
        Closed = "closed", "已结案", "closed";
    }
}

impl Outcome {
    /// An agreement was reached (written or oral).
    pub fn agreed(self) -> bool {
        matches!(self, Outcome::Written | Outcome::Oral)
    }
}

/// The usual term of a case, in days from registration (人民调解法: 一般在一个月内).
pub const TERM_DAYS: i64 = 30;
/// The most days one extension adds.
pub const MAX_EXTENSION_DAYS: i64 = 30;
/// Days after an agreement within which it may be sent for 司法确认 (人民调解法 第三十三条).
pub const CONFIRM_WINDOW_DAYS: i64 = 30;
/// Days past its term before an open case escalates one level (社区 → 街道 → 县), as an overdue
/// request does.
pub const ESCALATE_AFTER_DAYS: i64 = 7;
/// The most parties one case names.
pub const MAX_PARTIES: usize = 20;
/// The most mediators of one case.
pub const MAX_MEDIATORS: usize = 5;

/// A case number as printed: "（2026）东人调字第12号".
pub fn case_number(year: i64, prefix: &str, number: i64) -> String {
    format!("（{year}）{prefix}人调字第{number}号")
}

/// The prefix a community's numbers take until one is set: the first character of its name.
pub fn default_prefix(community_name: &str) -> String {
    community_name.trim().chars().take(1).collect()
}

/// A prefix as set: trimmed, 1 to 6 characters, no digits or brackets.
pub fn check_prefix(text: &str) -> Result<String> {
    let p = text.trim();
    let n = p.chars().count();
    if n == 0
        || n > 6
        || p.chars()
            .any(|c| c.is_ascii_digit() || "（）()第号".contains(c))
    {
        return Err(DomainError::coded(
            "prefix",
            msg::MED_BAD_PREFIX,
            crate::args![prefix = p],
        ));
    }
    Ok(p.to_owned())
}

/// The year of a case registered on `day` ("2026-03-01" → 2026).
pub fn year_of(day: &str) -> i64 {
    day.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
}

/// The day a case's term ends: registration plus the term plus every extension's days.
pub fn term_end(registered_on: &str, extensions: &[i64]) -> String {
    let days = TERM_DAYS + extensions.iter().sum::<i64>();
    add_days(registered_on, days).unwrap_or_else(|| registered_on.to_owned())
}

/// How far an open case is from its term's end on `today`: days left (negative when overdue),
/// and the escalation level once overdue (0 the community, 1 the town, 2 the county).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub days_left: i64,
    pub escalation: Option<u32>,
}

pub fn term_on(term_end: &str, today: &str) -> Term {
    let days_left = days_between(today, term_end).unwrap_or(0);
    let escalation = (days_left < 0).then(|| ((-days_left) / ESCALATE_AFTER_DAYS).min(2) as u32);
    Term {
        days_left,
        escalation,
    }
}

/// What a case's facts say so far, as the order of stages needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SoFar {
    pub registered_on: String,
    pub notice: bool,
    pub sessions: usize,
    /// The outcome and the day it was recorded.
    pub outcome: Option<(Outcome, String)>,
    pub follow_ups: usize,
    pub closed: bool,
}

impl SoFar {
    pub fn state(&self) -> CaseState {
        match (&self.outcome, self.closed) {
            (_, true) => CaseState::Closed,
            (Some((o, _)), _) if o.agreed() => CaseState::Agreed,
            (Some(_), _) => CaseState::Failed,
            (None, _) if self.notice || self.sessions > 0 => CaseState::Mediating,
            (None, _) => CaseState::Registered,
        }
    }
}

fn refuse(m: msg::Msg, args: msg::Args) -> DomainError {
    DomainError::coded("step", m, args)
}

/// Whether a step of `kind` on `date` may be recorded now (`today`) after what `so_far` holds.
pub fn check_step(so_far: &SoFar, kind: StepKind, date: &str, today: &str) -> Result<()> {
    if date < so_far.registered_on.as_str() {
        return Err(DomainError::coded(
            "date",
            msg::MED_BEFORE_REGISTERED,
            crate::args![date = date, registered = so_far.registered_on],
        ));
    }
    if date > today {
        return Err(DomainError::coded(
            "date",
            msg::MED_IN_FUTURE,
            crate::args![date = date],
        ));
    }
    let step = kind.code();
    if so_far.closed && kind != StepKind::Confirmation {
        return Err(refuse(msg::MED_CLOSED, crate::args![step = step]));
    }
    let agreed = so_far.outcome.as_ref().filter(|(o, _)| o.agreed());
    match kind {
        StepKind::Session if !so_far.notice => Err(refuse(msg::MED_NOTICE_FIRST, vec![])),
        StepKind::Outcome if so_far.outcome.is_some() => {
            Err(refuse(msg::MED_OUTCOME_TWICE, vec![]))
        }
        StepKind::Outcome if so_far.sessions == 0 => Err(refuse(msg::MED_SESSION_FIRST, vec![])),
        StepKind::Extension | StepKind::MediatorChange if so_far.outcome.is_some() => {
            Err(refuse(msg::MED_AFTER_OUTCOME, crate::args![step = step]))
        }
        StepKind::CarryingOut | StepKind::FollowUp if agreed.is_none() => {
            Err(refuse(msg::MED_NEEDS_AGREEMENT, crate::args![step = step]))
        }
        StepKind::Close if so_far.outcome.is_none() => Err(refuse(msg::MED_CLOSE_EARLY, vec![])),
        StepKind::Close if agreed.is_some() && so_far.follow_ups == 0 => {
            Err(refuse(msg::MED_FOLLOW_UP_FIRST, vec![]))
        }
        StepKind::Confirmation => check_confirmation(so_far, date),
        StepKind::Unknown => Err(refuse(msg::MED_UNKNOWN_STEP, vec![])),
        _ => Ok(()),
    }
}

/// 司法确认 needs a written agreement and is applied for within 30 days of it.
fn check_confirmation(so_far: &SoFar, date: &str) -> Result<()> {
    let Some((Outcome::Written, agreed_on)) = &so_far.outcome else {
        return Err(refuse(msg::MED_CONFIRM_NEEDS_WRITTEN, vec![]));
    };
    let days = days_between(agreed_on, date).unwrap_or(i64::MAX);
    if !(0..=CONFIRM_WINDOW_DAYS).contains(&days) {
        return Err(DomainError::coded(
            "date",
            msg::MED_CONFIRM_WINDOW,
            crate::args![agreed = agreed_on, last = confirm_deadline(agreed_on)],
        ));
    }
    Ok(())
}

/// The last day an agreement of `agreed_on` may be sent for 司法确认.
pub fn confirm_deadline(agreed_on: &str) -> String {
    add_days(agreed_on, CONFIRM_WINDOW_DAYS).unwrap_or_else(|| agreed_on.to_owned())
}

/// An extension's days, 1 to [`MAX_EXTENSION_DAYS`].
pub fn check_extension_days(days: i64) -> Result<i64> {
    if (1..=MAX_EXTENSION_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(DomainError::coded(
            "days",
            msg::MED_EXTENSION_DAYS,
            crate::args![max = MAX_EXTENSION_DAYS],
        ))
    }
}

/// A session's time of day, "HH:MM".
pub fn check_clock(text: &str) -> Result<String> {
    let t = text.trim();
    let ok = t.len() == 5
        && t.as_bytes()[2] == b':'
        && t[..2].parse::<u32>().is_ok_and(|h| h < 24)
        && t[3..].parse::<u32>().is_ok_and(|m| m < 60);
    if ok {
        Ok(t.to_owned())
    } else {
        Err(DomainError::coded(
            "time",
            msg::MED_BAD_TIME,
            crate::args![value = t],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn so_far() -> SoFar {
        SoFar {
            registered_on: "2026-03-01".into(),
            ..SoFar::default()
        }
    }

    #[test]
    fn numbers_terms_and_escalation() {
        assert_eq!(case_number(2026, "东", 12), "（2026）东人调字第12号");
        assert_eq!(default_prefix(" 城东社区"), "城");
        assert!(check_prefix("第1").is_err());
        assert_eq!(term_end("2026-03-01", &[]), "2026-03-31");
        assert_eq!(term_end("2026-03-01", &[10, 5]), "2026-04-15");
        assert_eq!(term_on("2026-03-31", "2026-03-30").days_left, 1);
        assert_eq!(term_on("2026-03-31", "2026-03-31").escalation, None);
        assert_eq!(term_on("2026-03-31", "2026-04-01").escalation, Some(0));
        assert_eq!(term_on("2026-03-31", "2026-04-08").escalation, Some(1));
        assert_eq!(term_on("2026-03-31", "2026-09-08").escalation, Some(2));
    }

    #[test]
    fn stages_come_in_order() {
        let t = "2026-03-20";
        let mut s = so_far();
        let e = check_step(&s, StepKind::Session, "2026-03-02", t).unwrap_err();
        assert_eq!(e.to_string(), "请先登记已向当事人告知权利义务，再记录调解");
        assert!(check_step(&s, StepKind::Notice, "2026-02-28", t).is_err());
        assert!(check_step(&s, StepKind::Notice, "2026-03-21", t).is_err());
        s.notice = true;
        assert!(check_step(&s, StepKind::Outcome, "2026-03-02", t).is_err());
        s.sessions = 1;
        assert!(check_step(&s, StepKind::Close, "2026-03-02", t).is_err());
        s.outcome = Some((Outcome::Written, "2026-03-05".into()));
        assert_eq!(s.state(), CaseState::Agreed);
        assert!(check_step(&s, StepKind::Outcome, "2026-03-06", t).is_err());
        assert!(check_step(&s, StepKind::Extension, "2026-03-06", t).is_err());
        assert!(check_step(&s, StepKind::Close, "2026-03-06", t).is_err());
        s.follow_ups = 1;
        assert!(check_step(&s, StepKind::Close, "2026-03-06", t).is_ok());
        s.closed = true;
        assert!(check_step(&s, StepKind::FollowUp, "2026-03-07", t).is_err());
    }

    #[test]
    fn confirmation_within_thirty_days_of_a_written_agreement() {
        let mut s = so_far();
        s.outcome = Some((Outcome::Oral, "2026-03-05".into()));
        let t = "2026-06-01";
        assert!(check_step(&s, StepKind::Confirmation, "2026-03-06", t).is_err());
        s.outcome = Some((Outcome::Written, "2026-03-05".into()));
        assert!(check_step(&s, StepKind::Confirmation, "2026-04-04", t).is_ok());
        let e = check_step(&s, StepKind::Confirmation, "2026-04-05", t).unwrap_err();
        assert!(e.to_string().contains("2026-04-04"), "{e}");
        assert!(check_extension_days(31).is_err());
        assert_eq!(check_clock("09:30").unwrap(), "09:30");
        assert!(check_clock("9:30").is_err());
    }
}
