//! The words and rules of programmes for residents' children (托管, issue 25 item 1):
//! 四点半学校, 妈妈小屋, 周末学吧. A programme's schedule (weekdays, opening and closing times,
//! term dates), its capacity and age range; whether a child is admitted or waits; the order of
//! the waiting list and who is promoted when a place frees; a child's day at the desk (signed
//! in, signed out, collected by whom) and who is still there at closing; a shift's minutes for
//! the time bank. The store keeps the rows and asks these rules; no I/O.

use serde::{Deserialize, Serialize};

use crate::calendar::{age_on, day_number};
use crate::lending::words;
use crate::{msg, DomainError, Result};

words! {
    /// The kind of a programme.
    ProgrammeKind {
        /// after-school care and homework, 16:30 to the parents' return
        AfterSchool = "after_school", "四点半学校", "after-school club (4:30 school)";
        /// a room for mothers and small children
        MothersRoom = "mothers_room", "妈妈小屋", "mothers' room";
        /// weekend study
        WeekendStudy = "weekend_study", "周末学吧", "weekend study";
        Other = "other", "其他", "other";
    }
}

words! {
    /// Where an enrolment stands.
    EnrolState {
        Enrolled = "enrolled", "在册", "enrolled";
        Waiting = "waiting", "候补", "waiting";
        Left = "left", "已退出", "left";
    }
}

words! {
    /// A child's day at the desk, derived from the day's sign-in and sign-out facts.
    DayState {
        NotIn = "not_in", "未到", "not in";
        In = "in", "在园", "signed in";
        Out = "out", "已接走", "collected";
    }
}

words! {
    /// Who collected a child.
    CollectorKind {
        /// one of the guardians listed at enrolment
        Guardian = "guardian", "监护人", "guardian";
        /// another named person, with a reason
        Other = "other", "他人代接", "another person";
        /// went home alone with the guardians' written consent
        Alone = "alone", "自行回家", "went home alone";
    }
}

/// Most children a programme takes.
pub const MAX_CAPACITY: i64 = 200;
/// The youngest and oldest a programme's age range may name.
pub const MIN_AGE: i64 = 0;
pub const MAX_AGE: i64 = 18;
/// Most guardians an enrolment lists.
pub const MAX_GUARDIANS: usize = 4;
/// Most staff a programme names.
pub const MAX_STAFF: usize = 20;

/// The weekdays a programme meets, as stored: the digits 1 (Monday) to 7 (Sunday), each once,
/// in order ("12345").
pub fn check_weekdays(text: &str) -> Result<String> {
    let mut days: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if days.is_empty() || days.iter().any(|c| !('1'..='7').contains(c)) {
        return Err(DomainError::coded(
            "weekdays",
            msg::PROG_BAD_WEEKDAYS,
            vec![],
        ));
    }
    days.sort_unstable();
    days.dedup();
    Ok(days.into_iter().collect())
}

/// The weekday (1 Monday … 7 Sunday) of a "YYYY-MM-DD" day; `None` if it does not read.
pub fn weekday_of(day: &str) -> Option<u32> {
    // day 0 (1970-01-01) was a Thursday
    day_number(day).map(|n| ((n + 3).rem_euclid(7) + 1) as u32)
}

/// Whether the programme meets on `day`: a weekday it meets, within its term.
pub fn meets_on(weekdays: &str, term_start: &str, term_end: &str, day: &str) -> bool {
    let Some(w) = weekday_of(day) else {
        return false;
    };
    weekdays.contains(char::from_digit(w, 10).unwrap_or('0'))
        && day >= term_start
        && (term_end.is_empty() || day <= term_end)
}

/// "HH:MM" to minutes after midnight.
pub fn minutes_of(clock: &str) -> Option<i64> {
    let t = clock.trim();
    if t.len() != 5 || t.as_bytes()[2] != b':' {
        return None;
    }
    let h: i64 = t[..2].parse().ok()?;
    let m: i64 = t[3..].parse().ok()?;
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

/// A time of day, "HH:MM".
pub fn check_clock(field: &'static str, text: &str) -> Result<String> {
    match minutes_of(text) {
        Some(_) => Ok(text.trim().to_owned()),
        None => Err(DomainError::coded(
            field,
            msg::PROG_BAD_TIME,
            crate::args![time = text],
        )),
    }
}

/// The opening hours: both read and the programme opens before it closes.
pub fn check_hours(opens: &str, closes: &str) -> Result<(String, String)> {
    let o = check_clock("opens", opens)?;
    let c = check_clock("closes", closes)?;
    if minutes_of(&o) >= minutes_of(&c) {
        return Err(DomainError::coded(
            "closes",
            msg::PROG_CLOSES_BEFORE_OPENS,
            crate::args![opens = o, closes = c],
        ));
    }
    Ok((o, c))
}

/// The term: a start day, and an end day (empty: open-ended) not before it.
pub fn check_term(start: &str, end: &str) -> Result<(String, String)> {
    let s = crate::date::validate("term_start", start.trim())?;
    let e = end.trim();
    if e.is_empty() {
        return Ok((s, String::new()));
    }
    let e = crate::date::validate("term_end", e)?;
    if e < s {
        return Err(DomainError::coded(
            "term_end",
            msg::PROG_TERM_ORDER,
            crate::args![start = s, end = e],
        ));
    }
    Ok((s, e))
}

/// A capacity of 1 to [`MAX_CAPACITY`] children.
pub fn check_capacity(n: i64) -> Result<i64> {
    if (1..=MAX_CAPACITY).contains(&n) {
        Ok(n)
    } else {
        Err(DomainError::coded(
            "capacity",
            msg::PROG_BAD_CAPACITY,
            crate::args![max = MAX_CAPACITY],
        ))
    }
}

/// An age range within 0 to 18, the youngest not above the oldest.
pub fn check_age_range(min: i64, max: i64) -> Result<(i64, i64)> {
    if !(MIN_AGE..=MAX_AGE).contains(&min) || !(MIN_AGE..=MAX_AGE).contains(&max) || min > max {
        return Err(DomainError::coded(
            "age_min",
            msg::PROG_BAD_AGE_RANGE,
            crate::args![min = min, max = max],
        ));
    }
    Ok((min, max))
}

/// A child's age on `day` from their birth date, checked against the range.
pub fn check_child_age(
    name: &str,
    birth: Option<&str>,
    day: &str,
    min: i64,
    max: i64,
) -> Result<i64> {
    let Some(age) = birth.and_then(|b| age_on(b, day)) else {
        return Err(DomainError::coded(
            "resident_id",
            msg::PROG_NO_BIRTH_DATE,
            crate::args![name = name],
        ));
    };
    if age < min || age > max {
        return Err(DomainError::coded(
            "resident_id",
            msg::PROG_AGE_OUT_OF_RANGE,
            crate::args![name = name, age = age, min = min, max = max],
        ));
    }
    Ok(age)
}

/// Whether a new child is enrolled or waits, given how many are enrolled now.
pub fn admit(enrolled: usize, capacity: i64) -> EnrolState {
    if (enrolled as i64) < capacity {
        EnrolState::Enrolled
    } else {
        EnrolState::Waiting
    }
}

/// A place in the waiting list: when the child was put on it (a stamp) and the enrolment's id,
/// which orders two put on at the same instant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct WaitKey {
    pub since: String,
    pub id: String,
}

/// The waiting list in order: first come, first served.
pub fn waiting_order(mut keys: Vec<WaitKey>) -> Vec<WaitKey> {
    keys.sort();
    keys
}

/// How many of the waiting list (in order) are promoted when `enrolled` of `capacity` are
/// taken: as many as there are free places, at most all who wait.
pub fn promotions(enrolled: usize, capacity: i64, waiting: usize) -> usize {
    let free = (capacity - enrolled as i64).max(0) as usize;
    free.min(waiting)
}

/// What the desk does for a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeskAct {
    SignIn,
    SignOut,
}

/// Whether the desk may do `act` for a child whose day stands at `state`: sign in once, sign
/// out only a child signed in, once.
pub fn check_desk(name: &str, state: DayState, act: DeskAct) -> Result<DayState> {
    match (state, act) {
        (DayState::NotIn, DeskAct::SignIn) => Ok(DayState::In),
        (DayState::In, DeskAct::SignOut) => Ok(DayState::Out),
        (DayState::Out, DeskAct::SignOut) => Err(DomainError::coded(
            "enrolment_id",
            msg::PROG_ALREADY_OUT,
            crate::args![name = name],
        )),
        (_, DeskAct::SignIn) => Err(DomainError::coded(
            "enrolment_id",
            msg::PROG_ALREADY_IN,
            crate::args![name = name],
        )),
        (_, DeskAct::SignOut) => Err(DomainError::coded(
            "enrolment_id",
            msg::PROG_NOT_IN,
            crate::args![name = name],
        )),
    }
}

/// A day's state from its facts (whether a sign-in and a sign-out were recorded).
pub fn day_state(signed_in: bool, signed_out: bool) -> DayState {
    match (signed_in, signed_out) {
        (_, true) => DayState::Out,
        (true, false) => DayState::In,
        (false, false) => DayState::NotIn,
    }
}

/// A child signed in and not collected by closing time (`now` "HH:MM" on the day, or any time
/// on a later day).
pub fn not_collected(state: DayState, closes: &str, day: &str, today: &str, now: &str) -> bool {
    state == DayState::In
        && (day < today || minutes_of(now).unwrap_or(0) >= minutes_of(closes).unwrap_or(24 * 60))
}

/// A collector checked: a guardian by their place in the list; another person by name with a
/// reason; going home alone only with a reason (the written consent).
pub fn check_collector(
    kind: CollectorKind,
    guardian: Option<usize>,
    guardians: usize,
    name: &str,
    reason: &str,
) -> Result<()> {
    match kind {
        CollectorKind::Guardian => match guardian {
            Some(g) if g < guardians => Ok(()),
            _ => Err(DomainError::coded(
                "collector",
                msg::PROG_NOT_A_GUARDIAN,
                vec![],
            )),
        },
        CollectorKind::Other => {
            if name.trim().is_empty() {
                Err(DomainError::coded(
                    "collector_name",
                    msg::PROG_COLLECTOR_NAME,
                    vec![],
                ))
            } else if reason.trim().is_empty() {
                Err(DomainError::coded(
                    "reason",
                    msg::PROG_COLLECTOR_REASON,
                    vec![],
                ))
            } else {
                Ok(())
            }
        }
        CollectorKind::Alone => {
            if reason.trim().is_empty() {
                Err(DomainError::coded(
                    "reason",
                    msg::PROG_COLLECTOR_REASON,
                    vec![],
                ))
            } else {
                Ok(())
            }
        }
        CollectorKind::Unknown => Err(DomainError::coded("collector", msg::UNKNOWN_CHOICE, vec![])),
    }
}

/// A shift's minutes: the programme's opening hours.
pub fn shift_minutes(opens: &str, closes: &str) -> i64 {
    match (minutes_of(opens), minutes_of(closes)) {
        (Some(o), Some(c)) if c > o => c - o,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn weekdays_read_sorted_and_once() {
        assert_eq!(check_weekdays("5 3 1 3").unwrap(), "135");
        assert!(check_weekdays("").is_err());
        assert!(check_weekdays("18").is_err());
        assert_eq!(weekday_of("2026-03-02"), Some(1)); // a Monday
        assert_eq!(weekday_of("2026-03-08"), Some(7));
        assert!(meets_on("12345", "2026-03-01", "2026-07-10", "2026-03-02"));
        assert!(!meets_on("12345", "2026-03-01", "2026-07-10", "2026-03-07"));
        assert!(!meets_on("12345", "2026-03-01", "2026-07-10", "2026-07-13"));
        assert!(meets_on("6", "2026-03-01", "", "2027-03-06"));
    }

    #[test]
    fn hours_and_term_are_checked() {
        assert!(check_hours("16:30", "18:30").is_ok());
        assert!(check_hours("18:30", "16:30").is_err());
        assert!(check_hours("16:3", "18:30").is_err());
        assert!(check_term("2026-03-01", "2026-02-01").is_err());
        assert_eq!(check_term("2026-03-01", "").unwrap().1, "");
        assert_eq!(shift_minutes("16:30", "18:30"), 120);
    }

    #[test]
    fn a_child_is_admitted_within_the_age_range() {
        assert_eq!(
            check_child_age("小明", Some("2018-09-01"), "2026-03-02", 6, 12).unwrap(),
            7
        );
        assert!(check_child_age("小明", Some("2021-09-01"), "2026-03-02", 6, 12).is_err());
        assert!(check_child_age("小明", None, "2026-03-02", 6, 12).is_err());
        assert!(check_age_range(12, 6).is_err());
        assert!(check_age_range(3, 19).is_err());
    }

    #[test]
    fn the_desk_signs_in_then_out_once() {
        let s = check_desk("小明", DayState::NotIn, DeskAct::SignIn).unwrap();
        let s = check_desk("小明", s, DeskAct::SignOut).unwrap();
        assert_eq!(s, DayState::Out);
        assert!(check_desk("小明", DayState::Out, DeskAct::SignIn).is_err());
        assert!(check_desk("小明", DayState::NotIn, DeskAct::SignOut).is_err());
        assert!(check_desk("小明", DayState::Out, DeskAct::SignOut).is_err());
        assert!(not_collected(
            DayState::In,
            "18:30",
            "2026-03-02",
            "2026-03-02",
            "18:31"
        ));
        assert!(!not_collected(
            DayState::In,
            "18:30",
            "2026-03-02",
            "2026-03-02",
            "17:00"
        ));
        assert!(not_collected(
            DayState::In,
            "18:30",
            "2026-03-02",
            "2026-03-03",
            "08:00"
        ));
        assert!(!not_collected(
            DayState::Out,
            "18:30",
            "2026-03-02",
            "2026-03-03",
            "08:00"
        ));
    }

    #[test]
    fn only_a_listed_guardian_or_a_named_other_with_a_reason_collects() {
        assert!(check_collector(CollectorKind::Guardian, Some(0), 2, "", "").is_ok());
        assert!(check_collector(CollectorKind::Guardian, Some(2), 2, "", "").is_err());
        assert!(check_collector(CollectorKind::Guardian, None, 2, "", "").is_err());
        assert!(check_collector(CollectorKind::Other, None, 2, "王阿姨", "").is_err());
        assert!(check_collector(CollectorKind::Other, None, 2, "王阿姨", "妈妈加班").is_ok());
        assert!(check_collector(CollectorKind::Alone, None, 2, "", "").is_err());
    }

    proptest! {
        #[test]
        fn never_more_enrolled_than_the_capacity(cap in 1i64..40, arrivals in 0usize..80, leaves in 0usize..40) {
            // children arrive; some leave; those waiting are promoted in order
            let mut enrolled = 0usize;
            let mut waiting = 0usize;
            for _ in 0..arrivals {
                match admit(enrolled, cap) {
                    EnrolState::Enrolled => enrolled += 1,
                    _ => waiting += 1,
                }
            }
            for _ in 0..leaves.min(enrolled) {
                enrolled -= 1;
                let p = promotions(enrolled, cap, waiting);
                enrolled += p;
                waiting -= p;
            }
            prop_assert!(enrolled as i64 <= cap);
            // no one waits while a place is free
            prop_assert!(waiting == 0 || enrolled as i64 == cap);
        }

        #[test]
        fn the_waiting_list_is_first_come_first_served(mut stamps in proptest::collection::vec(0u32..1000, 0..30)) {
            let keys: Vec<WaitKey> = stamps.iter().enumerate()
                .map(|(i, s)| WaitKey { since: format!("{s:06}"), id: format!("{i:04}") })
                .collect();
            let ordered = waiting_order(keys);
            stamps.sort_unstable();
            let got: Vec<u32> = ordered.iter().map(|k| k.since.parse().unwrap()).collect();
            prop_assert_eq!(got, stamps);
        }

        #[test]
        fn a_day_goes_in_then_out(acts in proptest::collection::vec(any::<bool>(), 0..6)) {
            let mut s = DayState::NotIn;
            let (mut ins, mut outs) = (0, 0);
            for a in acts {
                let act = if a { DeskAct::SignIn } else { DeskAct::SignOut };
                if let Ok(n) = check_desk("x", s, act) {
                    if a { ins += 1 } else { outs += 1 }
                    s = n;
                }
            }
            prop_assert!(ins <= 1 && outs <= ins);
            prop_assert_eq!(s, day_state(ins == 1, outs == 1));
        }
    }
}
