//! The words and rules of the community's boards (issue 20 items 3, 4 and the notices of 5;
//! docs/board.md): the month's theme (一月一主题) and the sections it groups, the duty board's
//! rota (流动值日牌: who is on duty in a week, a pure walk over the weeks), the marks of a week,
//! a notice's dates and where it stands, and the plain text a worker pastes into a WeChat group.
//! The store keeps the rows and asks these rules; no I/O.

use serde::{Deserialize, Serialize};

use crate::calendar::{add_days, day_number, month_bounds, week_of};
use crate::lending::words;
use crate::{msg, DomainError, Result};

words! {
    /// What a month's campaign is about (一月一主题).
    ThemeKind {
        Cleaning = "cleaning", "环境整治", "cleaning up";
        Civility = "civility", "文明创建", "civility";
        Health = "health", "健康生活", "health";
        Safety = "safety", "平安建设", "safety";
        FireSafety = "fire_safety", "消防安全", "fire safety";
        AntiFraud = "anti_fraud", "反诈宣传", "fraud prevention";
        Sorting = "sorting", "垃圾分类", "waste sorting";
        Elders = "elders", "敬老爱老", "caring for the elderly";
        Culture = "culture", "文化活动", "culture";
        Other = "other", "其他", "other";
    }
}

words! {
    /// A section of what a month's theme groups.
    SectionKind {
        Activities = "activities", "志愿活动", "volunteer activities";
        Notices = "notices", "通知公告", "notices";
        Topics = "topics", "议事议题", "council topics";
        Campaign = "campaign", "楼栋行动", "stewards' campaign lines";
    }
}

words! {
    /// Whom a notice is for.
    Audience {
        All = "all", "全体居民", "all residents";
        Elderly = "elderly", "老年居民", "elderly residents";
        Families = "families", "有孩子的家庭", "families with children";
        Owners = "owners", "业主", "owners";
        Tenants = "tenants", "租户", "tenants";
        Volunteers = "volunteers", "志愿者", "volunteers";
        PartyMembers = "party_members", "党员", "party members";
    }
}

words! {
    /// Where a notice stands on a day, derived from its dates.
    NoticeState {
        Upcoming = "upcoming", "未开始", "not yet started";
        Current = "current", "发布中", "current";
        Expired = "expired", "已过期", "expired";
    }
}

/// The longest a notice runs, in days from its start to its end.
pub const MAX_NOTICE_DAYS: i64 = 366;
/// The most households one duty board rotates through.
pub const MAX_ROTA: usize = 60;
/// Weeks a duty board shows ahead (this week and the next eleven) when printed.
pub const WEEKS_AHEAD: usize = 12;

/// A month as "YYYY-MM", checked.
pub fn check_month(text: &str) -> Result<String> {
    let t = text.trim();
    match month_bounds(t) {
        Some((first, _)) if t.len() == 7 => Ok(first[..7].to_owned()),
        _ => Err(DomainError::coded(
            "month",
            msg::BOARD_BAD_MONTH,
            crate::args![value = t],
        )),
    }
}

/// A notice's dates checked: both real days, the end not before the start, at most
/// [`MAX_NOTICE_DAYS`] apart.
pub fn check_notice_dates(start: &str, end: &str) -> Result<(String, String)> {
    let start = crate::date::validate("start_date", start.trim())?;
    let end = crate::date::validate("end_date", end.trim())?;
    if end < start {
        return Err(DomainError::coded(
            "end_date",
            msg::BOARD_END_BEFORE_START,
            crate::args![start = start, end = end],
        ));
    }
    let days = crate::calendar::days_between(&start, &end).unwrap_or(0);
    if days > MAX_NOTICE_DAYS {
        return Err(DomainError::coded(
            "end_date",
            msg::BOARD_NOTICE_TOO_LONG,
            crate::args![max = MAX_NOTICE_DAYS],
        ));
    }
    Ok((start, end))
}

/// Where a notice of `start`..=`end` stands on `today`.
pub fn notice_state(start: &str, end: &str, today: &str) -> NoticeState {
    if today < start {
        NoticeState::Upcoming
    } else if today > end {
        NoticeState::Expired
    } else {
        NoticeState::Current
    }
}

/// Whether the days `start`..=`end` touch the month `first`..=`last`.
pub fn overlaps(start: &str, end: &str, first: &str, last: &str) -> bool {
    start <= last && end >= first
}

/// The plain text a worker pastes into the residents' WeChat group: the title in brackets, the
/// dates, whom it is for, the text, and the community's name as the sender. Always Chinese: the
/// groups are.
pub fn wechat_text(
    community: &str,
    title: &str,
    start: &str,
    end: &str,
    audience: Audience,
    text: &str,
) -> String {
    let dates = if start == end {
        zh_day(start)
    } else {
        format!("{}至{}", zh_day(start), zh_day(end))
    };
    let mut out = format!("【通知】{}\n时间：{dates}\n", title.trim());
    if audience != Audience::All {
        out.push_str(&format!("对象：{}\n", audience.label_zh()));
    }
    out.push('\n');
    out.push_str(text.trim());
    out.push_str(&format!("\n\n{}居委会", community.trim()));
    out
}

/// "2026-03-05" as "2026年3月5日".
pub fn zh_day(day: &str) -> String {
    let mut parts = day.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!(
            "{y}年{}月{}日",
            m.trim_start_matches('0'),
            d.trim_start_matches('0')
        ),
        _ => day.to_owned(),
    }
}

/// The Monday of the week `day` falls in.
pub fn monday_of(day: &str) -> String {
    week_of(day).0
}

/// A week given as any of its days, answered as its Monday; a day that does not read is refused.
pub fn check_week(field: &'static str, day: &str) -> Result<String> {
    let d = crate::date::validate(field, day.trim())?;
    Ok(monday_of(&d))
}

/// The Monday `n` weeks after the week of `day` (before, when negative).
pub fn weeks_after(day: &str, n: i64) -> String {
    add_days(&monday_of(day), 7 * n).unwrap_or_else(|| monday_of(day))
}

/// Whole weeks from the week of `a` to the week of `b`.
pub fn weeks_between(a: &str, b: &str) -> i64 {
    let (a, b) = (monday_of(a), monday_of(b));
    match (day_number(&a), day_number(&b)) {
        (Some(x), Some(y)) => (y - x).div_euclid(7),
        _ => 0,
    }
}

/// A household on a duty board's rota: its place in the order (`position`, ties broken by the
/// key) and the weeks it is on the board, `from` (a Monday) up to but not including `until`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RotaMember<K> {
    pub key: K,
    pub position: i64,
    pub from: String,
    #[serde(default)]
    pub until: Option<String>,
}

impl<K> RotaMember<K> {
    /// On the board in the week of Monday `week`.
    pub fn active(&self, week: &str) -> bool {
        self.from.as_str() <= week && self.until.as_deref().is_none_or(|u| week < u)
    }
}

/// Who is on duty each week from the board's first week (`start`) up to and including the week
/// of `through`: a list of (Monday, the member's key or none when no household is on the board).
///
/// The rule walks the weeks: each week the duty passes to the next household in the order after
/// the one who had it last, wrapping round to the first. A household taken off the board is
/// skipped from then on without moving anyone else's turn; one added takes its place in the
/// order and gets its turn when the duty reaches it. So between two turns of a household every
/// other household on the board all that time has exactly one turn.
pub fn rota<K: Ord + Copy>(
    start: &str,
    members: &[RotaMember<K>],
    through: &str,
) -> Vec<(String, Option<K>)> {
    let mut order: Vec<&RotaMember<K>> = members.iter().collect();
    order.sort_by_key(|a| (a.position, a.key));
    let first = monday_of(start);
    let weeks = weeks_between(&first, through);
    let mut last: Option<(i64, K)> = None;
    let mut out = Vec::with_capacity(weeks.max(0) as usize + 1);
    for i in 0..=weeks {
        let week = weeks_after(&first, i);
        let active: Vec<&&RotaMember<K>> = order.iter().filter(|m| m.active(&week)).collect();
        let next = match last {
            None => active.first(),
            Some(l) => active
                .iter()
                .find(|m| (m.position, m.key) > l)
                .or(active.first()),
        };
        let on = next.map(|m| {
            last = Some((m.position, m.key));
            m.key
        });
        out.push((week, on));
    }
    out
}

/// Who is on duty in the week of `week` (none before the board's first week).
pub fn on_duty<K: Ord + Copy>(start: &str, members: &[RotaMember<K>], week: &str) -> Option<K> {
    if monday_of(week) < monday_of(start) {
        return None;
    }
    rota(start, members, week).last().and_then(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(key: u32, position: i64, from: &str, until: Option<&str>) -> RotaMember<u32> {
        RotaMember {
            key,
            position,
            from: from.into(),
            until: until.map(Into::into),
        }
    }

    #[test]
    fn months_notices_and_wechat_text() {
        assert_eq!(check_month(" 2026-03 ").unwrap(), "2026-03");
        assert!(check_month("2026-13").is_err());
        assert!(check_month("2026-3").is_err());
        assert!(check_notice_dates("2026-03-05", "2026-03-04").is_err());
        assert!(check_notice_dates("2026-03-05", "2027-03-07").is_err());
        assert!(check_notice_dates("2026-02-30", "2026-03-04").is_err());
        assert_eq!(
            check_notice_dates("2026-03-05", "2026-03-05").unwrap().1,
            "2026-03-05"
        );
        assert_eq!(
            notice_state("2026-03-05", "2026-03-10", "2026-03-04"),
            NoticeState::Upcoming
        );
        assert_eq!(
            notice_state("2026-03-05", "2026-03-10", "2026-03-10"),
            NoticeState::Current
        );
        assert_eq!(
            notice_state("2026-03-05", "2026-03-10", "2026-03-11"),
            NoticeState::Expired
        );
        let t = wechat_text(
            "东风社区",
            "停水通知",
            "2026-03-05",
            "2026-03-06",
            Audience::All,
            "因管道维修，3号楼停水。",
        );
        assert_eq!(
            t,
            "【通知】停水通知\n时间：2026年3月5日至2026年3月6日\n\n因管道维修，3号楼停水。\n\n东风社区居委会"
        );
        let t = wechat_text(
            "东风社区",
            "体检",
            "2026-03-05",
            "2026-03-05",
            Audience::Elderly,
            "x",
        );
        assert!(t.contains("时间：2026年3月5日\n对象：老年居民\n"), "{t}");
    }

    #[test]
    fn weeks_run_monday_to_monday() {
        // 2026-03-04 is a Wednesday
        assert_eq!(monday_of("2026-03-04"), "2026-03-02");
        assert_eq!(check_week("week", "2026-03-08").unwrap(), "2026-03-02");
        assert_eq!(weeks_after("2026-03-04", 2), "2026-03-16");
        assert_eq!(weeks_after("2026-03-04", -1), "2026-02-23");
        assert_eq!(weeks_between("2026-03-04", "2026-03-16"), 2);
        assert_eq!(weeks_between("2026-03-16", "2026-03-04"), -2);
    }

    #[test]
    fn the_duty_passes_in_order_and_skips_a_household_taken_off() {
        let start = "2026-03-02";
        let mut ms = vec![
            m(1, 1, start, None),
            m(2, 2, start, None),
            m(3, 3, start, None),
        ];
        let keys = |r: Vec<(String, Option<u32>)>| {
            r.into_iter().map(|(_, k)| k.unwrap()).collect::<Vec<_>>()
        };
        assert_eq!(keys(rota(start, &ms, "2026-03-30")), [1, 2, 3, 1, 2]);
        // 2 leaves from the third week: 3 carries on, then 1
        ms[1].until = Some("2026-03-16".into());
        assert_eq!(keys(rota(start, &ms, "2026-03-30")), [1, 2, 3, 1, 3]);
        // 4 joins in the fourth week, at the end of the order: its turn comes after 3
        ms.push(m(4, 4, "2026-03-23", None));
        assert_eq!(keys(rota(start, &ms, "2026-04-13")), [1, 2, 3, 4, 1, 3, 4]);
        assert_eq!(on_duty(start, &ms, "2026-04-15"), Some(4));
        assert_eq!(on_duty(start, &ms, "2026-02-25"), None);
        // nobody on the board: nobody on duty
        assert_eq!(
            rota::<u32>(start, &[], "2026-03-09"),
            vec![
                ("2026-03-02".to_owned(), None),
                ("2026-03-09".to_owned(), None)
            ]
        );
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        const START: &str = "2026-01-05";

        fn week(i: i64) -> String {
            weeks_after(START, i)
        }

        /// Up to 8 households; each joins at a week 0..20 and may leave a few weeks later.
        fn boards() -> impl Strategy<Value = Vec<RotaMember<u32>>> {
            prop::collection::vec((0i64..5, 0i64..20, prop::option::of(1i64..30)), 1..8).prop_map(
                |v| {
                    v.into_iter()
                        .enumerate()
                        .map(|(i, (pos, from, stay))| RotaMember {
                            key: i as u32,
                            position: pos,
                            from: week(from),
                            until: stay.map(|s| week(from + s)),
                        })
                        .collect()
                },
            )
        }

        proptest! {
            #[test]
            fn every_household_takes_its_turn_once_a_round(n in 1usize..10, weeks in 1i64..40) {
                let ms: Vec<_> = (0..n as u32).map(|k| m(k, 0, START, None)).collect();
                let r = rota(START, &ms, &week(weeks + n as i64));
                for w in r.windows(n) {
                    let mut keys: Vec<u32> = w.iter().map(|(_, k)| k.unwrap()).collect();
                    keys.sort_unstable();
                    prop_assert_eq!(keys, (0..n as u32).collect::<Vec<_>>());
                }
            }

            #[test]
            fn additions_and_removals_keep_the_turns_fair(ms in boards()) {
                let r = rota(START, &ms, &week(60));
                for (i, (w, k)) in r.iter().enumerate() {
                    let active: Vec<&RotaMember<u32>> = ms.iter().filter(|m| m.active(w)).collect();
                    // somebody is on duty exactly when somebody is on the board, and only they
                    prop_assert_eq!(k.is_some(), !active.is_empty());
                    if let Some(k) = k {
                        prop_assert!(active.iter().any(|m| m.key == *k));
                        // between two turns of k, everyone on the board all along has exactly one
                        if let Some(j) = r[i + 1..].iter().position(|(_, x)| x == &Some(*k)) {
                            let span = &r[i..=i + 1 + j];
                            for other in ms.iter().filter(|m| m.key != *k) {
                                if span.iter().all(|(w, _)| other.active(w)) {
                                    let turns = span.iter().filter(|(_, x)| *x == Some(other.key)).count();
                                    prop_assert_eq!(turns, 1, "{} between turns of {}", other.key, k);
                                }
                            }
                        }
                    }
                }
            }

            #[test]
            fn nobody_waits_more_than_a_round(ms in boards()) {
                // a household on the board for as many weeks as there are households has a turn
                let r = rota(START, &ms, &week(60));
                let n = ms.len();
                for m in &ms {
                    for i in 0..r.len().saturating_sub(n) {
                        let span = &r[i..i + n];
                        if span.iter().all(|(w, _)| m.active(w)) {
                            prop_assert!(span.iter().any(|(_, k)| *k == Some(m.key)));
                        }
                    }
                }
            }
        }
    }
}
