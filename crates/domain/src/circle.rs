//! The words and rules of the 15-minute neighbourhood service circle (15分钟近邻服务圈, issue 25
//! item 3): the kinds of service point, the catalogue of service words a point offers, opening
//! hours in a form a resident can read ("周一至周五 08:30-17:30"), and finding a point by the
//! service asked for ("血压" finds 量血压, "haircut" finds 理发). The store keeps the rows and
//! asks these rules; no I/O.

use serde::{Deserialize, Serialize};

use crate::lending::words;
use crate::{msg, DomainError, Result};

words! {
    /// The kind of a service point.
    PointKind {
        /// 党群服务中心 or a compound's 党群服务站
        PartyCentre = "party_centre", "党群服务中心/服务站", "party and public service centre";
        /// 居民议事联络点
        Liaison = "liaison", "居民议事联络点", "residents' liaison point";
        /// 共享站 (米邻驿站)
        Sharing = "sharing", "共享站", "sharing station";
        /// 社区卫生服务站, a clinic
        Clinic = "clinic", "卫生服务站/诊所", "health station or clinic";
        /// 老年食堂, 助餐点
        Canteen = "canteen", "老年食堂/助餐点", "elderly canteen or meal point";
        /// a school, a kindergarten, 托育
        School = "school", "学校/托育", "school or childcare";
        /// a co-building unit's room open to residents
        UnitRoom = "unit_room", "共建单位活动室", "co-building unit's room";
        /// a square, a court, a culture room
        Culture = "culture", "文体场所", "culture and sports venue";
        Other = "other", "其他", "other";
    }
}

/// The catalogue of service words, (中文, English), in the order the form lists them.
pub const SERVICES: &[(&str, &str)] = &[
    ("助餐", "meals"),
    ("理发", "haircut"),
    ("量血压", "blood pressure check"),
    ("健康咨询", "health advice"),
    ("康复理疗", "rehabilitation"),
    ("托管", "after-school care"),
    ("课业辅导", "homework help"),
    ("托育", "childcare"),
    ("图书借阅", "book lending"),
    ("工具借用", "tool lending"),
    ("家电维修", "appliance repair"),
    ("法律咨询", "legal advice"),
    ("矛盾调解", "mediation"),
    ("代办服务", "errands and paperwork"),
    ("就业指导", "job advice"),
    ("心理疏导", "counselling"),
    ("文体活动", "culture and sport"),
    ("议事协商", "residents' council"),
    ("快递代收", "parcel collection"),
    ("助浴", "bathing help"),
];

/// Most services a point lists.
pub const MAX_SERVICES: usize = 30;
/// Longest service word, in characters.
pub const MAX_SERVICE_CHARS: usize = 20;
/// Most communities a point serves.
pub const MAX_SERVED: usize = 20;
/// Most people an activity counts.
pub const MAX_PARTICIPANTS: i64 = 100_000;
/// Most co-building units an activity lists.
pub const MAX_UNITS: usize = 20;

/// The English of a catalogue word, or the word itself.
pub fn service_en(word: &str) -> &str {
    SERVICES
        .iter()
        .find(|(zh, _)| *zh == word)
        .map_or(word, |(_, en)| en)
}

/// The services a point offers: the catalogue words chosen and the free text (split at commas,
/// 、, ；, spaces), trimmed, each once, in the order given. At least one.
pub fn check_services(chosen: &[String], free: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let free_words = free.split(|c: char| {
        matches!(c, ',' | '，' | '、' | ';' | '；' | '/' | '\n') || c.is_whitespace()
    });
    for w in chosen.iter().map(String::as_str).chain(free_words) {
        let w = w.trim();
        if w.is_empty() {
            continue;
        }
        if w.chars().count() > MAX_SERVICE_CHARS {
            return Err(DomainError::coded(
                "services",
                msg::CIRCLE_SERVICE_TOO_LONG,
                crate::args![service = w, max = MAX_SERVICE_CHARS],
            ));
        }
        if !out.iter().any(|o| o == w) {
            out.push(w.to_owned());
        }
    }
    if out.is_empty() {
        return Err(DomainError::coded(
            "services",
            msg::CIRCLE_NO_SERVICE,
            vec![],
        ));
    }
    if out.len() > MAX_SERVICES {
        return Err(DomainError::coded(
            "services",
            msg::CIRCLE_TOO_MANY_SERVICES,
            crate::args![max = MAX_SERVICES],
        ));
    }
    Ok(out)
}

/// Reads "H:MM" or "HH:MM" at the start of `s`: (minutes after midnight, bytes read).
fn clock_at(s: &str) -> Option<(u32, usize)> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) || b.get(digits) != Some(&b':') {
        return None;
    }
    let m = &b[digits + 1..];
    if m.len() < 2
        || !m[0].is_ascii_digit()
        || !m[1].is_ascii_digit()
        || m.get(2).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let h: u32 = s[..digits].parse().ok()?;
    let min: u32 = s[digits + 1..digits + 3].parse().ok()?;
    // 24:00 closes a day
    ((h < 24 && min < 60) || (h == 24 && min == 0)).then_some((h * 60 + min, digits + 3))
}

/// The spans of time ("08:30-17:30") the hours name, as (opens, closes) in minutes.
pub fn spans_of(hours: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < hours.len() {
        if !hours.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &hours[i..];
        if let Some((a, n)) = clock_at(rest) {
            let after = rest[n..].trim_start();
            let sep = ["-", "–", "—", "~", "～", "至", "到"]
                .iter()
                .find(|s| after.starts_with(**s));
            if let Some(sep) = sep {
                let tail = after[sep.len()..].trim_start();
                if let Some((b, m)) = clock_at(tail) {
                    out.push((a, b));
                    i = hours.len() - tail.len() + m;
                    continue;
                }
            }
            i += n;
            continue;
        }
        i += 1;
    }
    out
}

/// Opening hours in a sane form: not empty, at most 60 characters, naming at least one span of
/// time "HH:MM-HH:MM" each closing after it opens — or "24小时" / "全天" for a point always open.
pub fn check_hours(hours: &str) -> Result<String> {
    let t = hours.trim();
    let bad = || DomainError::coded("hours", msg::CIRCLE_BAD_HOURS, crate::args![hours = t]);
    if t.is_empty() || t.chars().count() > 60 {
        return Err(bad());
    }
    let spans = spans_of(t);
    if spans.is_empty() {
        return if t.contains("24小时") || t.contains("全天") {
            Ok(t.to_owned())
        } else {
            Err(bad())
        };
    }
    for (a, b) in spans {
        if b <= a {
            let c = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
            return Err(DomainError::coded(
                "hours",
                msg::CIRCLE_HOURS_ORDER,
                crate::args![opens = c(a), closes = c(b)],
            ));
        }
    }
    Ok(t.to_owned())
}

/// Whether a point offering `services` answers the search `query`: a word of the query found in
/// a service, a service found in the query, or the English of a catalogue word matching. An
/// empty query matches every point.
pub fn offers(services: &[String], query: &str) -> bool {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return true;
    }
    services.iter().any(|s| {
        let s_low = s.to_lowercase();
        let en = service_en(s).to_lowercase();
        s_low.contains(&q)
            || (q.chars().count() >= 2 && q.contains(&s_low))
            || (q.len() >= 3 && en.contains(&q))
    })
}

/// The number taking part in an activity.
pub fn check_participants(n: i64) -> Result<i64> {
    if (0..=MAX_PARTICIPANTS).contains(&n) {
        Ok(n)
    } else {
        Err(DomainError::coded(
            "participants",
            msg::CIRCLE_ACT_PARTICIPANTS,
            crate::args![max = MAX_PARTICIPANTS],
        ))
    }
}

/// The co-building units of an activity: trimmed, each once, at most [`MAX_UNITS`].
pub fn check_units(units: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for u in units {
        let u = u.trim();
        if !u.is_empty() && !out.iter().any(|o| o == u) {
            out.push(u.to_owned());
        }
    }
    if out.len() > MAX_UNITS {
        return Err(DomainError::coded(
            "units",
            msg::CIRCLE_ACT_TOO_MANY_UNITS,
            crate::args![max = MAX_UNITS],
        ));
    }
    Ok(out)
}

/// A point's opening and closing dates ("YYYY-MM-DD", or "" when not known / still open),
/// checked and tidied: a closing date needs an opening date and is not before it (it may be the
/// same day).
pub fn check_dates(opened: &str, closed: &str) -> Result<(String, String)> {
    let opened = match opened.trim() {
        "" => String::new(),
        t => crate::date::validate("opened_on", t)?,
    };
    let closed = match closed.trim() {
        "" => String::new(),
        t => crate::date::validate("closed_on", t)?,
    };
    if !closed.is_empty() {
        if opened.is_empty() {
            return Err(DomainError::coded(
                "opened_on",
                msg::CIRCLE_CLOSED_NOT_OPENED,
                vec![],
            ));
        }
        if closed < opened {
            return Err(DomainError::coded(
                "closed_on",
                msg::CIRCLE_CLOSED_BEFORE_OPENED,
                crate::args![closed = closed, opened = opened],
            ));
        }
    }
    Ok((opened, closed))
}

/// Whether a point is open at the end of `day`: opened on or before it (a point with no opening
/// date has always been open) and not closed on or before it (the closing day is its first day
/// closed).
pub fn open_on(opened: &str, closed: &str, day: &str) -> bool {
    opened <= day && (closed.is_empty() || closed > day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_point_opens_and_closes_on_its_dates() {
        assert_eq!(
            check_dates(" 2026-3-1 ", "").unwrap(),
            ("2026-03-01".into(), String::new())
        );
        assert_eq!(check_dates("", "").unwrap(), (String::new(), String::new()));
        assert!(check_dates("2026-03-01", "2026-03-01").is_ok());
        let e = check_dates("2026-03-01", "2026-02-28").unwrap_err();
        assert_eq!(e.code(), Some("circle_closed_before_opened"));
        let e = check_dates("", "2026-02-28").unwrap_err();
        assert_eq!(e.code(), Some("circle_closed_not_opened"));
        assert!(check_dates("2026-02-30", "").is_err());
        assert!(open_on("", "", "2020-01-31"));
        assert!(open_on("2026-03-01", "", "2026-03-01"));
        assert!(!open_on("2026-03-02", "", "2026-03-01"));
        assert!(open_on("2026-03-01", "2026-04-01", "2026-03-31"));
        assert!(!open_on("2026-03-01", "2026-03-31", "2026-03-31"));
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn hours_need_a_span_that_closes_after_it_opens() {
        assert!(check_hours("周一至周五 08:30-17:30").is_ok());
        assert!(check_hours("每天 7:00～19:00").is_ok());
        assert!(check_hours("08:30-11:30, 14:00-17:30").is_ok());
        assert!(check_hours("全天24小时").is_ok());
        assert_eq!(
            spans_of("8:30 至 11:30，14:00-24:00"),
            vec![(510, 690), (840, 1440)]
        );
        for bad in ["", "上午", "25:00-26:00", "08:30", "8:3-9:00"] {
            let e = check_hours(bad).unwrap_err();
            assert_eq!(e.code(), Some("circle_bad_hours"), "{bad}");
        }
        let e = check_hours("17:30-08:30").unwrap_err();
        assert_eq!(e.code(), Some("circle_hours_order"));
    }

    #[test]
    fn services_are_the_catalogue_words_and_the_free_text_each_once() {
        assert_eq!(
            check_services(&s(&["助餐", "理发"]), "修鞋、 理发，配钥匙").unwrap(),
            s(&["助餐", "理发", "修鞋", "配钥匙"])
        );
        let e = check_services(&[], "  ").unwrap_err();
        assert_eq!(e.code(), Some("circle_no_service"));
        let long = "很".repeat(MAX_SERVICE_CHARS + 1);
        let e = check_services(&[long], "").unwrap_err();
        assert_eq!(e.code(), Some("circle_service_too_long"));
    }

    #[test]
    fn a_search_finds_a_service_by_part_of_its_word_or_its_english() {
        let offered = s(&["量血压", "理发", "托管"]);
        assert!(offers(&offered, "血压"));
        assert!(offers(&offered, "理发"));
        assert!(offers(&offered, "Haircut"));
        assert!(offers(&offered, "blood"));
        assert!(offers(&offered, "免费理发"));
        assert!(offers(&offered, ""));
        assert!(!offers(&offered, "助餐"));
        assert!(!offers(&offered, "meals"));
    }

    #[test]
    fn participants_and_units() {
        assert!(check_participants(-1).is_err());
        assert_eq!(check_participants(40).unwrap(), 40);
        assert_eq!(
            check_units(&s(&["县供电公司", " 县供电公司 ", ""])).unwrap(),
            s(&["县供电公司"])
        );
    }

    proptest! {
        #[test]
        fn a_written_span_reads_back(a in 0u32..1440, len in 1u32..600) {
            let b = (a + len).min(1440);
            prop_assume!(b > a);
            let c = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
            let text = format!("周一至周日 {}-{}", c(a), c(b));
            prop_assert_eq!(spans_of(&text), vec![(a, b)]);
            prop_assert!(check_hours(&text).is_ok());
        }

        #[test]
        fn every_offered_word_is_found_by_itself(w in "[\\u4e00-\\u9fa5]{1,6}") {
            let offered = vec![w.clone()];
            prop_assert!(offers(&offered, &w));
        }
    }
}
