//! The words and rules of security patrols (小区治安巡防, issue 25 item 2): a team's members and
//! their roles (the community police officer, 片警, is an outside member), the rota's slots made
//! from a weekly pattern over a date range, a slot's state (planned, done, missed) from whether a
//! log fulfils it and the clock, and what a patrol log must say. The store keeps the rows and asks
//! these rules; no I/O.

use serde::{Deserialize, Serialize};

use crate::calendar::{add_days, day_number};
use crate::lending::words;
use crate::programmes::{check_clock, check_weekdays, minutes_of, weekday_of};
use crate::{msg, DomainError, Result};

words! {
    /// A patrol member's role.
    MemberRole {
        PartyMember = "party_member", "党员", "party member";
        /// the community police officer, always an outside member
        Police = "police", "片警", "community police officer";
        /// a compound's security guard
        Guard = "guard", "保安", "compound guard";
        Steward = "steward", "楼栋长", "building steward";
        Volunteer = "volunteer", "志愿者", "volunteer";
        Other = "other", "其他", "other";
    }
}

words! {
    /// What a finding on patrol is about.
    FindingCategory {
        Hazard = "hazard", "安全隐患", "safety hazard";
        Order = "order", "治安", "public order";
        Environment = "environment", "环境", "environment";
        Facility = "facility", "设施", "facilities";
        Other = "other", "其他", "other";
    }
}

words! {
    /// Where a rota slot stands.
    SlotState {
        /// not yet over, no log
        Planned = "planned", "待巡", "planned";
        /// a log fulfils it
        Done = "done", "已巡", "done";
        /// over, and no log fulfils it
        Missed = "missed", "漏巡", "missed";
    }
}

/// Longest date range a rota is generated for at once (about a quarter).
pub const MAX_ROTA_DAYS: i64 = 92;
/// Most findings one log records.
pub const MAX_FINDINGS: usize = 20;
/// Most members a team, a slot or a log names.
pub const MAX_MEMBERS: usize = 40;

/// A patrol's time window, "HH:MM" to "HH:MM". An end before the start crosses midnight (a
/// night patrol 22:00–02:00); an end equal to the start is refused.
pub fn check_window(starts: &str, ends: &str) -> Result<(String, String)> {
    let s = check_clock("starts", starts)?;
    let e = check_clock("ends", ends)?;
    if s == e {
        return Err(DomainError::coded(
            "ends",
            msg::PATROL_EMPTY_WINDOW,
            crate::args![starts = s],
        ));
    }
    Ok((s, e))
}

/// Whether a window crosses midnight.
pub fn overnight(starts: &str, ends: &str) -> bool {
    minutes_of(ends) < minutes_of(starts)
}

/// The moment a slot on `date` from `starts` to `ends` is over, as ("YYYY-MM-DD", "HH:MM").
pub fn end_of(date: &str, starts: &str, ends: &str) -> (String, String) {
    let day = if overnight(starts, ends) {
        add_days(date, 1).unwrap_or_else(|| date.to_owned())
    } else {
        date.to_owned()
    };
    (day, ends.to_owned())
}

/// A slot's state: done when a log fulfils it; missed when it is over at `now` (day, "HH:MM")
/// without one; planned otherwise.
pub fn slot_state(
    date: &str,
    starts: &str,
    ends: &str,
    logged: bool,
    now: (&str, &str),
) -> SlotState {
    if logged {
        return SlotState::Done;
    }
    let (d, t) = end_of(date, starts, ends);
    if (d.as_str(), t.as_str()) <= now {
        SlotState::Missed
    } else {
        SlotState::Planned
    }
}

/// The days from `from` to `to` (inclusive) falling on `weekdays` ("135": Monday, Wednesday,
/// Friday). Refuses a range that ends before it starts, is longer than [`MAX_ROTA_DAYS`], or
/// holds none of the weekdays.
pub fn rota_days(weekdays: &str, from: &str, to: &str) -> Result<Vec<String>> {
    let weekdays = check_weekdays(weekdays)?;
    let f = crate::date::validate("from", from.trim())?;
    let t = crate::date::validate("to", to.trim())?;
    let (Some(a), Some(b)) = (day_number(&f), day_number(&t)) else {
        return Err(DomainError::coded(
            "from",
            msg::PATROL_ROTA_ORDER,
            crate::args![from = f, to = t],
        ));
    };
    if b < a {
        return Err(DomainError::coded(
            "to",
            msg::PATROL_ROTA_ORDER,
            crate::args![from = f, to = t],
        ));
    }
    if b - a + 1 > MAX_ROTA_DAYS {
        return Err(DomainError::coded(
            "to",
            msg::PATROL_ROTA_TOO_LONG,
            crate::args![max = MAX_ROTA_DAYS],
        ));
    }
    let days: Vec<String> = (a..=b)
        .map(crate::calendar::day_text)
        .filter(|d| {
            weekday_of(d).is_some_and(|w| weekdays.contains(char::from_digit(w, 10).unwrap_or('0')))
        })
        .collect();
    if days.is_empty() {
        return Err(DomainError::coded(
            "weekdays",
            msg::PATROL_ROTA_NO_DAYS,
            vec![],
        ));
    }
    Ok(days)
}

/// A patrol log's day and window: a day that reads, not after `today`, and a window.
pub fn check_log_times(
    date: &str,
    starts: &str,
    ends: &str,
    today: &str,
) -> Result<(String, String, String)> {
    let d = crate::date::validate("date", date.trim())?;
    if d.as_str() > today {
        return Err(DomainError::coded(
            "date",
            msg::PATROL_FUTURE_LOG,
            crate::args![day = d],
        ));
    }
    let (s, e) = check_window(starts, ends)?;
    Ok((d, s, e))
}

/// A log names at least one member who went, and at most [`MAX_MEMBERS`].
pub fn check_log_members(count: usize) -> Result<()> {
    if count == 0 {
        return Err(DomainError::coded(
            "members",
            msg::PATROL_NO_MEMBERS,
            vec![],
        ));
    }
    if count > MAX_MEMBERS {
        return Err(DomainError::coded(
            "members",
            msg::PATROL_TOO_MANY,
            crate::args![max = MAX_MEMBERS],
        ));
    }
    Ok(())
}

/// A finding's category is known and its description is said.
pub fn check_finding(category: FindingCategory, description: &str) -> Result<String> {
    if category == FindingCategory::Unknown {
        return Err(DomainError::coded("category", msg::UNKNOWN_CHOICE, vec![]));
    }
    let d = description.trim();
    if d.is_empty() {
        return Err(DomainError::coded(
            "findings",
            msg::PATROL_FINDING_EMPTY,
            vec![],
        ));
    }
    if d.chars().count() > 500 {
        return Err(DomainError::coded(
            "findings",
            msg::PATROL_FINDING_LONG,
            crate::args![max = 500],
        ));
    }
    Ok(d.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rota_falls_on_its_weekdays_only() {
        // 2026-12-07 is a Monday
        let days = rota_days("135", "2026-12-07", "2026-12-20").unwrap();
        assert_eq!(
            days,
            [
                "2026-12-07",
                "2026-12-09",
                "2026-12-11",
                "2026-12-14",
                "2026-12-16",
                "2026-12-18"
            ]
        );
        assert_eq!(
            rota_days("7", "2026-12-07", "2026-12-13").unwrap(),
            ["2026-12-13"]
        );
    }

    #[test]
    fn a_rota_refuses_bad_ranges() {
        let code = |r: Result<Vec<String>>| r.unwrap_err().code().unwrap_or_default().to_owned();
        assert_eq!(
            code(rota_days("1", "2026-12-20", "2026-12-07")),
            msg::PATROL_ROTA_ORDER.code
        );
        assert_eq!(
            code(rota_days("1", "2026-01-01", "2026-06-30")),
            msg::PATROL_ROTA_TOO_LONG.code
        );
        // Tuesday to Thursday holds no Sunday
        assert_eq!(
            code(rota_days("7", "2026-12-08", "2026-12-10")),
            msg::PATROL_ROTA_NO_DAYS.code
        );
        assert_eq!(
            code(rota_days("", "2026-12-08", "2026-12-10")),
            msg::PROG_BAD_WEEKDAYS.code
        );
        assert!(rota_days("1", "2026-02-30", "2026-03-10").is_err());
    }

    #[test]
    fn a_slot_is_missed_once_over_without_a_log() {
        let now = ("2026-12-07", "20:00");
        assert_eq!(
            slot_state("2026-12-06", "19:00", "21:00", false, now),
            SlotState::Missed
        );
        assert_eq!(
            slot_state("2026-12-06", "19:00", "21:00", true, now),
            SlotState::Done
        );
        // today's evening slot not yet over
        assert_eq!(
            slot_state("2026-12-07", "19:00", "21:00", false, now),
            SlotState::Planned
        );
        assert_eq!(
            slot_state("2026-12-07", "18:00", "20:00", false, now),
            SlotState::Missed
        );
        // a night patrol of yesterday ends this morning
        assert_eq!(
            slot_state(
                "2026-12-06",
                "22:00",
                "02:00",
                false,
                ("2026-12-07", "01:00")
            ),
            SlotState::Planned
        );
        assert_eq!(
            slot_state(
                "2026-12-06",
                "22:00",
                "02:00",
                false,
                ("2026-12-07", "02:00")
            ),
            SlotState::Missed
        );
        assert_eq!(
            slot_state("2026-12-20", "08:00", "09:00", false, now),
            SlotState::Planned
        );
    }

    #[test]
    fn a_log_is_checked() {
        assert!(check_log_times("2026-12-07", "19:00", "21:00", "2026-12-07").is_ok());
        let e = check_log_times("2026-12-08", "19:00", "21:00", "2026-12-07").unwrap_err();
        assert_eq!(e.code(), Some(msg::PATROL_FUTURE_LOG.code));
        let e = check_log_times("2026-12-07", "19:00", "19:00", "2026-12-07").unwrap_err();
        assert_eq!(e.code(), Some(msg::PATROL_EMPTY_WINDOW.code));
        assert!(check_log_times("2026-12-07", "7pm", "21:00", "2026-12-07").is_err());
        assert_eq!(
            check_log_members(0).unwrap_err().code(),
            Some(msg::PATROL_NO_MEMBERS.code)
        );
        assert!(check_log_members(3).is_ok());
        assert_eq!(
            check_finding(FindingCategory::Hazard, "  ")
                .unwrap_err()
                .code(),
            Some(msg::PATROL_FINDING_EMPTY.code)
        );
        assert_eq!(
            check_finding(FindingCategory::Order, " 路灯不亮 ").unwrap(),
            "路灯不亮"
        );
        assert!(check_finding(FindingCategory::Unknown, "x").is_err());
    }

    #[test]
    fn words_read_back() {
        for r in MemberRole::ALL {
            assert_eq!(MemberRole::read(r.code()), *r);
        }
        assert_eq!(MemberRole::Police.label_zh(), "片警");
        assert_eq!(FindingCategory::read("nonsense"), FindingCategory::Unknown);
    }
}
