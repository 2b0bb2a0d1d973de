//! The words of the volunteer time bank (志愿时间银行): the six kinds of teams, ledger kinds,
//! what the catalogue holds, service categories, and the rules for hours and points.

use serde::{Deserialize, Serialize};

use crate::code::unknown_kept;
use crate::{DomainError, Result};

/// The six kinds of volunteer teams (志愿服务队) of the county reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamKind {
    /// 护学岗: school-crossing guides
    SchoolCrossing,
    /// 跑腿代办: errand agents
    Errands,
    /// 交通文明劝导: traffic helpers
    Traffic,
    /// 课业辅导: tutors
    Tutoring,
    /// 矛盾调解: dispute mediators
    Mediation,
    /// 政策宣讲: policy explainers
    PolicyExplaining,
    /// A kind a newer Linli wrote that this one does not know (never in `ALL`).
    #[serde(other)]
    Unknown,
}

impl TeamKind {
    pub const ALL: [TeamKind; 6] = [
        TeamKind::SchoolCrossing,
        TeamKind::Errands,
        TeamKind::Traffic,
        TeamKind::Tutoring,
        TeamKind::Mediation,
        TeamKind::PolicyExplaining,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TeamKind::SchoolCrossing => "school_crossing",
            TeamKind::Errands => "errands",
            TeamKind::Traffic => "traffic",
            TeamKind::Tutoring => "tutoring",
            TeamKind::Mediation => "mediation",
            TeamKind::PolicyExplaining => "policy_explaining",
            TeamKind::Unknown => "unknown",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            TeamKind::SchoolCrossing => "护学岗",
            TeamKind::Errands => "跑腿代办",
            TeamKind::Traffic => "交通劝导",
            TeamKind::Tutoring => "课业辅导",
            TeamKind::Mediation => "矛盾调解",
            TeamKind::PolicyExplaining => "政策宣讲",
            TeamKind::Unknown => "未知（新版本）",
        }
    }
}

/// What a ledger fact records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerKind {
    /// Points earned by verified service hours.
    Earn,
    /// Points exchanged for an item of the catalogue.
    Redeem,
    /// Undoes an earlier fact (a correction).
    Reverse,
    /// A coordinator's adjustment, with a reason.
    Adjust,
    /// A kind a newer Linli wrote that this one does not know (never in `ALL`).
    #[serde(other)]
    Unknown,
}

impl LedgerKind {
    pub const ALL: [LedgerKind; 4] = [
        LedgerKind::Earn,
        LedgerKind::Redeem,
        LedgerKind::Reverse,
        LedgerKind::Adjust,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LedgerKind::Earn => "earn",
            LedgerKind::Redeem => "redeem",
            LedgerKind::Reverse => "reverse",
            LedgerKind::Adjust => "adjust",
            LedgerKind::Unknown => "unknown",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            LedgerKind::Earn => "服务积分",
            LedgerKind::Redeem => "兑换",
            LedgerKind::Reverse => "冲正",
            LedgerKind::Adjust => "调整",
            LedgerKind::Unknown => "未知（新版本）",
        }
    }
}

/// What a catalogue item is: goods with stock, or children's class hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 日用品: goods handed over at the station; stock is counted.
    #[default]
    Goods,
    /// 儿童课时: class hours for a child; no stock.
    ClassHours,
    /// A kind a newer Linli wrote that this one does not know (never in `ALL`).
    #[serde(other)]
    Unknown,
}

impl ItemKind {
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Goods => "goods",
            ItemKind::ClassHours => "class_hours",
            ItemKind::Unknown => "unknown",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [ItemKind::Goods, ItemKind::ClassHours]
            .into_iter()
            .find(|k| k.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ItemKind::Goods => "日用品",
            ItemKind::ClassHours => "儿童课时",
            ItemKind::Unknown => "未知（新版本）",
        }
    }
}

unknown_kept!(TeamKind, LedgerKind, ItemKind);

/// The service categories a form offers; others may be typed.
pub const SERVICE_CATEGORIES: &[&str] = &[
    "助老助残",
    "护学",
    "跑腿代办",
    "交通劝导",
    "课业辅导",
    "矛盾调解",
    "政策宣讲",
    "环境整治",
];

/// Checks a service category: 1–12 characters.
pub fn validate_category(text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(DomainError::coded(
            "category",
            crate::msg::CATEGORY_MISSING,
            vec![],
        ));
    }
    if t.chars().count() > 12 {
        return Err(DomainError::coded(
            "category",
            crate::msg::CATEGORY_TOO_LONG,
            vec![],
        ));
    }
    Ok(t.to_owned())
}

/// Service hours as entered ("2.5") to whole minutes: more than 0, at most 24 hours an entry.
pub fn hours_to_minutes(hours: f64) -> Result<i64> {
    if !hours.is_finite() || hours <= 0.0 {
        return Err(DomainError::coded(
            "hours",
            crate::msg::HOURS_NOT_POSITIVE,
            vec![],
        ));
    }
    if hours > 24.0 {
        return Err(DomainError::coded(
            "hours",
            crate::msg::HOURS_OVER_DAY,
            vec![],
        ));
    }
    Ok((hours * 60.0).round() as i64)
}

/// Minutes as hours, for showing and reports.
pub fn minutes_to_hours(minutes: i64) -> f64 {
    minutes as f64 / 60.0
}

/// Points earned by `minutes` at `rate` points per hour, rounded half up.
pub fn points_for(minutes: i64, rate: i64) -> i64 {
    (minutes * rate + 30).div_euclid(60)
}

/// Checks a number of points or items: at least 1, at most `max`.
pub fn validate_count(field: &'static str, n: i64, max: i64) -> Result<i64> {
    if n < 1 {
        return Err(DomainError::coded(field, crate::msg::QUANTITY_ZERO, vec![]));
    }
    if n > max {
        return Err(DomainError::coded(
            field,
            crate::msg::QUANTITY_TOO_BIG,
            crate::args![max = max],
        ));
    }
    Ok(n)
}

/// Checks an activity's start time: empty (not said), or "9:00"/"09:00" as "09:00". A full-width
/// colon (：) as typed with a Chinese keyboard is taken too.
pub fn validate_start_time(text: &str) -> Result<String> {
    let t = text.trim().replace('：', ":");
    if t.is_empty() {
        return Ok(String::new());
    }
    let bad = || DomainError::coded("time", crate::msg::START_TIME_FORMAT, vec![]);
    let (h, m) = t.split_once(':').ok_or_else(bad)?;
    let ok = |s: &str, max: u32| {
        (1..=2).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| n <= max)
    };
    if !ok(h, 23) || m.len() != 2 || !ok(m, 59) {
        return Err(bad());
    }
    Ok(format!("{:02}:{m}", h.parse::<u32>().unwrap_or(0)))
}

/// Checks an activity's capacity: none for no limit, else 1–1000 people.
pub fn validate_capacity(capacity: Option<i64>) -> Result<Option<i64>> {
    match capacity {
        Some(n) if !(1..=1000).contains(&n) => Err(DomainError::coded(
            "capacity",
            crate::msg::CAPACITY_RANGE,
            vec![],
        )),
        c => Ok(c),
    }
}

crate::code::coded_by_methods!(TeamKind, LedgerKind, ItemKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_become_minutes_and_points() {
        assert_eq!(hours_to_minutes(2.5).unwrap(), 150);
        assert!(hours_to_minutes(0.0).is_err());
        assert!(hours_to_minutes(f64::NAN).is_err());
        assert_eq!(hours_to_minutes(25.0).unwrap_err().field(), "hours");
        assert_eq!(points_for(150, 10), 25);
        assert_eq!(points_for(20, 10), 3); // 3.33 rounds to 3
        assert_eq!(points_for(9, 10), 2); // 1.5 rounds up
        for k in TeamKind::ALL {
            assert_eq!(TeamKind::from_code(k.code()), Some(k));
        }
        assert_eq!(validate_category("  助老助残 ").unwrap(), "助老助残");
    }

    #[test]
    fn a_start_time_is_hours_and_minutes_and_a_capacity_is_bounded() {
        assert_eq!(validate_start_time("9:00").unwrap(), "09:00");
        assert_eq!(validate_start_time(" 14：30 ").unwrap(), "14:30");
        assert_eq!(validate_start_time("").unwrap(), "");
        for bad in ["24:00", "9", "9:5", "ab:cd", "09:60", "-1:00"] {
            assert_eq!(
                validate_start_time(bad).unwrap_err().field(),
                "time",
                "{bad}"
            );
        }
        assert_eq!(validate_capacity(None).unwrap(), None);
        assert_eq!(validate_capacity(Some(20)).unwrap(), Some(20));
        assert!(validate_capacity(Some(0)).is_err());
    }
}
