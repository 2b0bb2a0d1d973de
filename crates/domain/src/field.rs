//! The words of field work: visit kinds and outcomes (日走访, 敲门行动), task categories of the
//! five-list flow (五单: 点单 → 派单 → 接单 → 晒单 → 评单), task events and the status derived from
//! them, and the times a visit or an event is kept at ("YYYY-MM-DD HH:MM").

use serde::{Deserialize, Serialize};

use crate::{date, DomainError, Result};

/// An enum kept in the database by a short code, with a Chinese label.
macro_rules! coded {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal / $zh:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code),* }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|s| s.code() == code)
            }

            pub fn label_zh(self) -> &'static str {
                match self { $($name::$v => $zh),* }
            }
        }
    };
    // with `Unknown`: a code a newer Linli wrote, kept in the row and shown as unknown (see
    // `crate::code`); never in `ALL`, never made from a code, refused when written
    ($(#[$m:meta])* $name:ident with_unknown { $($(#[$vm:meta])* $v:ident = $code:literal / $zh:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vm])* $v,)*
            /// A code written by a newer Linli that this one does not know.
            #[serde(other)]
            Unknown,
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code,)* $name::Unknown => "unknown" }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|s| s.code() == code)
            }

            pub fn label_zh(self) -> &'static str {
                match self { $($name::$v => $zh,)* $name::Unknown => "未知（新版本）" }
            }

            /// The value of a stored code: an unknown one is `Unknown`, never another value.
            pub fn read(code: &str) -> Self {
                Self::from_code(code).unwrap_or($name::Unknown)
            }

            /// Refuses `Unknown` where a value is written: its code would replace the one a
            /// newer Linli wrote.
            pub fn known(self, field: &'static str) -> Result<Self> {
                if self == $name::Unknown {
                    Err(DomainError::coded(field, crate::msg::UNKNOWN_CHOICE, vec![]))
                } else {
                    Ok(self)
                }
            }
        }
    };
}

coded! {
    /// Why a household was visited.
    VisitKind with_unknown {
        /// 日常走访
        Routine = "routine" / "日常走访",
        /// 敲门行动: the door-knocking campaign
        DoorKnocking = "door_knocking" / "敲门行动",
        /// 关爱探访: a care visit to a resident with a care tag
        Care = "care" / "关爱探访",
        /// 回访: following up an earlier finding or task
        FollowUp = "follow_up" / "回访",
    }
}

coded! {
    /// What came of knocking.
    VisitOutcome with_unknown {
        Met = "met" / "见到人",
        NobodyHome = "nobody_home" / "无人在家",
        Refused = "refused" / "拒绝入户",
    }
}

impl VisitOutcome {
    /// Whether the household was reached: a visit with nobody home counts neither for coverage
    /// nor as the last visit when deciding who is due.
    pub fn reached(self) -> bool {
        self != VisitOutcome::NobodyHome
    }
}

coded! {
    /// The categories of a request (公家事、大民事、自家事, 随手拍, 微心愿).
    TaskCategory with_unknown {
        PublicMatter = "public_matter" / "公家事",
        CivicMatter = "civic_matter" / "大民事",
        HouseholdMatter = "household_matter" / "自家事",
        Snapshot = "snapshot" / "随手拍",
        MicroWish = "micro_wish" / "微心愿",
    }
}

impl TaskCategory {
    /// Days past the due date before an open task escalates one level, when the community has
    /// set no rule of its own.
    pub fn default_escalate_after_days(self) -> u32 {
        match self {
            TaskCategory::PublicMatter => 7,
            TaskCategory::CivicMatter => 15,
            TaskCategory::HouseholdMatter => 3,
            TaskCategory::Snapshot => 3,
            TaskCategory::MicroWish => 30,
            TaskCategory::Unknown => 7,
        }
    }
}

coded! {
    /// What a snapshot report (随手拍) is about.
    SnapshotKind {
        PublicOrder = "public_order" / "治安",
        Violation = "violation" / "违章",
        Environment = "environment" / "环境",
    }
}

coded! {
    /// A fact in a task's life. Every status change is one of these, with who and when. A step
    /// a newer Linli added is `Unknown`: kept, shown as unknown, and it moves no status.
    TaskEventKind with_unknown {
        /// 点单
        Raised = "raised" / "点单",
        /// 派单
        Dispatched = "dispatched" / "派单",
        /// 接单
        Accepted = "accepted" / "接单",
        /// 办结
        Finished = "finished" / "办结",
        /// 晒单
        Published = "published" / "晒单",
        /// 评单
        Rated = "rated" / "评单",
        /// 超时上报
        Escalated = "escalated" / "超时上报",
        /// 转派: dispatched again, to someone else, while open
        Redispatched = "redispatched" / "转派",
        /// 退单: handed back by its assignee with a reason; it waits to be dispatched again
        Returned = "returned" / "退单",
        /// 申请延期: a later due date, with a reason
        Extended = "extended" / "申请延期",
    }
}

coded! {
    /// How a request reached the community (诉求来源).
    TaskSource {
        /// 电话: a resident phoned in
        Phone = "phone" / "电话",
        /// 来访: a resident walked in
        WalkIn = "walk_in" / "来访",
        /// 走访: found on a visit
        Visit = "visit" / "走访",
        /// 随手拍: a resident's snapshot
        Snapshot = "snapshot" / "随手拍",
        /// 网格上报: reported by a grid worker or steward
        GridReport = "grid_report" / "网格上报",
    }
}

coded! {
    /// Who gave a rating (评单): the resident, or the worker on the resident's behalf.
    Rater {
        Resident = "resident" / "居民本人",
        Worker = "worker" / "网格员代评",
    }
}

coded! {
    /// A task's status, derived from its events (see [`TaskStatus::derive`]).
    TaskStatus {
        Raised = "raised" / "待派单",
        Dispatched = "dispatched" / "待接单",
        Accepted = "accepted" / "办理中",
        Finished = "finished" / "已办结",
        Published = "published" / "已晒单",
        Rated = "rated" / "已评单",
    }
}

impl TaskStatus {
    /// The status an event moves a task to; escalation does not change it.
    pub fn after(event: TaskEventKind) -> Option<TaskStatus> {
        Some(match event {
            TaskEventKind::Raised => TaskStatus::Raised,
            TaskEventKind::Dispatched => TaskStatus::Dispatched,
            TaskEventKind::Accepted => TaskStatus::Accepted,
            TaskEventKind::Finished => TaskStatus::Finished,
            TaskEventKind::Published => TaskStatus::Published,
            TaskEventKind::Rated => TaskStatus::Rated,
            TaskEventKind::Redispatched => TaskStatus::Dispatched,
            TaskEventKind::Returned => TaskStatus::Raised,
            TaskEventKind::Escalated | TaskEventKind::Extended | TaskEventKind::Unknown => {
                return None
            }
        })
    }

    /// The status after a task's events, read in the order every laptop reads them (by time,
    /// then id): each event moves the task to the furthest stage reached so far, except 转派
    /// (back to 待接单: the new assignee must accept) and 退单 (back to 待派单), which set it.
    /// Two laptops holding the same events agree, whatever order they received them in.
    pub fn derive(events: impl IntoIterator<Item = TaskEventKind>) -> TaskStatus {
        events.into_iter().fold(TaskStatus::Raised, |status, e| {
            match (e, TaskStatus::after(e)) {
                (TaskEventKind::Redispatched | TaskEventKind::Returned, Some(s)) => s,
                (_, Some(s)) => status.max(s),
                (_, None) => status,
            }
        })
    }

    /// Dispatched or accepted: with someone, not yet done (转派, 退单 and 申请延期 apply).
    pub fn with_assignee(self) -> bool {
        matches!(self, TaskStatus::Dispatched | TaskStatus::Accepted)
    }

    /// Finished, published or rated: the matter is resolved.
    pub fn resolved(self) -> bool {
        self >= TaskStatus::Finished
    }
}

/// The levels an overdue task escalates through: the community, the town (街道), the county.
pub const ESCALATION_LEVELS: &[&str] = &["社区", "街道", "县"];

/// Checks a time of a visit or an event and returns it as "YYYY-MM-DD HH:MM". Takes
/// "2026-11-28", "2026-11-28 09:30", "2026-11-28T09:30" or "2026-11-28T09:30:15".
pub fn validate_time(field: &'static str, text: &str) -> Result<String> {
    let t = text.trim();
    let bad = || DomainError::coded(field, crate::msg::BAD_TIME, crate::args![value = t]);
    let (day, clock) = match t.split_once([' ', 'T']) {
        Some((d, c)) => (d, Some(c)),
        None => (t, None),
    };
    let day = date::validate(field, day).map_err(|_| bad())?;
    let (h, m) = match clock {
        None => (0, 0),
        Some(c) => {
            let mut parts = c.trim_end_matches('Z').split(':');
            let h = parts.next().and_then(|p| p.parse::<u32>().ok());
            let m = parts.next().and_then(|p| p.parse::<u32>().ok());
            let s = parts.next().map(|p| p.parse::<f64>().ok());
            match (h, m, s, parts.next()) {
                (Some(h), Some(m), None | Some(Some(_)), None) if h < 24 && m < 60 => (h, m),
                _ => return Err(bad()),
            }
        }
    };
    Ok(format!("{day} {h:02}:{m:02}"))
}

/// Checks a rating (评单): 1 to 5 stars.
pub fn validate_rating(stars: u8) -> Result<u8> {
    if (1..=5).contains(&stars) {
        Ok(stars)
    } else {
        Err(DomainError::coded(
            "rating",
            crate::msg::BAD_RATING,
            crate::args![stars = stars],
        ))
    }
}

pub use crate::calendar::{add_days, day_number, day_text, days_between};

crate::code::coded_by_methods!(
    VisitKind,
    VisitOutcome,
    TaskCategory,
    SnapshotKind,
    TaskEventKind,
    TaskSource,
    Rater,
    TaskStatus,
);

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    fn events() -> impl Strategy<Value = Vec<TaskEventKind>> {
        proptest::collection::vec(proptest::sample::select(TaskEventKind::ALL), 0..30)
    }

    proptest! {
        #[test]
        fn a_status_is_the_furthest_stage_without_setbacks(es in events()) {
            let forward: Vec<TaskEventKind> = es
                .into_iter()
                .filter(|e| !matches!(e, TaskEventKind::Redispatched | TaskEventKind::Returned))
                .collect();
            let furthest = forward
                .iter()
                .filter_map(|e| TaskStatus::after(*e))
                .max()
                .unwrap_or(TaskStatus::Raised);
            prop_assert_eq!(TaskStatus::derive(forward.iter().copied()), furthest);
        }

        #[test]
        fn a_setback_sets_and_escalation_keeps(es in events(), tail in events()) {
            let before = TaskStatus::derive(es.iter().copied());
            let with = |e: TaskEventKind| TaskStatus::derive(es.iter().copied().chain([e]));
            prop_assert_eq!(with(TaskEventKind::Returned), TaskStatus::Raised);
            prop_assert_eq!(with(TaskEventKind::Redispatched), TaskStatus::Dispatched);
            prop_assert_eq!(with(TaskEventKind::Escalated), before);
            prop_assert_eq!(with(TaskEventKind::Extended), before);
            // the status after more events depends only on the status so far
            let whole = TaskStatus::derive(es.iter().chain(&tail).copied());
            let start = |s: TaskStatus| -> Vec<TaskEventKind> {
                match s {
                    TaskStatus::Raised => vec![],
                    TaskStatus::Dispatched => vec![TaskEventKind::Redispatched],
                    other => vec![TaskEventKind::Returned, match other {
                        TaskStatus::Accepted => TaskEventKind::Accepted,
                        TaskStatus::Finished => TaskEventKind::Finished,
                        TaskStatus::Published => TaskEventKind::Published,
                        _ => TaskEventKind::Rated,
                    }],
                }
            };
            let resumed = TaskStatus::derive(start(before).into_iter().chain(tail.iter().copied()));
            prop_assert_eq!(whole, resumed);
        }
    }

    #[test]
    fn codes_round_trip_and_statuses_follow_events() {
        for c in TaskCategory::ALL {
            assert_eq!(TaskCategory::from_code(c.code()), Some(*c));
        }
        assert_eq!(VisitKind::DoorKnocking.label_zh(), "敲门行动");
        assert_eq!(
            TaskStatus::after(TaskEventKind::Accepted),
            Some(TaskStatus::Accepted)
        );
        assert_eq!(TaskStatus::after(TaskEventKind::Escalated), None);
        assert!(TaskStatus::Published.resolved() && !TaskStatus::Accepted.resolved());
        assert!(!VisitOutcome::NobodyHome.reached() && VisitOutcome::Refused.reached());
    }

    #[test]
    fn redispatch_and_return_set_the_status_back() {
        use TaskEventKind::*;
        let d = |e: &[TaskEventKind]| TaskStatus::derive(e.iter().copied());
        assert_eq!(d(&[Raised, Dispatched, Accepted]), TaskStatus::Accepted);
        assert_eq!(
            d(&[Raised, Dispatched, Accepted, Redispatched]),
            TaskStatus::Dispatched
        );
        assert_eq!(d(&[Raised, Dispatched, Returned]), TaskStatus::Raised);
        assert_eq!(
            d(&[Raised, Dispatched, Returned, Dispatched, Accepted, Extended]),
            TaskStatus::Accepted
        );
        assert_eq!(d(&[Raised, Dispatched, Escalated]), TaskStatus::Dispatched);
        assert_eq!(TaskSource::from_code("walk_in"), Some(TaskSource::WalkIn));
        assert_eq!(Rater::Worker.label_zh(), "网格员代评");
    }

    #[test]
    fn times_are_checked_and_tidied() {
        assert_eq!(
            validate_time("at", "2026-11-28").unwrap(),
            "2026-11-28 00:00"
        );
        assert_eq!(
            validate_time("at", "2026-11-28T9:05:33Z").unwrap(),
            "2026-11-28 09:05"
        );
        assert!(validate_time("at", "2026-11-28 25:00").is_err());
        assert!(validate_time("at", "2026-02-30 10:00").is_err());
        assert_eq!(validate_time("at", "x").unwrap_err().field(), "at");
        assert!(validate_rating(0).is_err() && validate_rating(5).is_ok());
    }

    #[test]
    fn day_arithmetic() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(days_between("2026-02-27", "2026-03-01 08:00"), Some(2));
        assert_eq!(day_text(day_number("2024-02-29").unwrap()), "2024-02-29");
        assert_eq!(add_days("2026-12-31", 1).unwrap(), "2027-01-01");
        assert_eq!(add_days("2026-03-01", -1).unwrap(), "2026-02-28");
    }

    #[test]
    fn a_step_from_a_newer_laptop_is_unknown_and_moves_no_status() {
        use TaskEventKind::*;
        assert_eq!(TaskEventKind::read("video_call"), Unknown);
        assert_eq!(TaskEventKind::from_code("unknown"), None);
        assert!(!TaskEventKind::ALL.contains(&Unknown));
        assert_eq!(
            TaskStatus::derive([Raised, Dispatched, Unknown]),
            TaskStatus::Dispatched
        );
        assert_eq!(TaskStatus::derive([Unknown]), TaskStatus::Raised);
    }
}
