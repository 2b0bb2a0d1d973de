//! The words of 米邻驿站, the sharing station's lending register (issue 19): how a kind's deposit
//! is paid, a copy's status (derived by the store from facts, never stored), how a loan ended,
//! what happens to a copy at the service desk, and the limits every kind and rule is checked
//! against. No I/O.

use serde::{Deserialize, Serialize};

use crate::{DomainError, Result};

/// An enum of words with a code, a Chinese and an English label; an unknown code (written by a
/// newer Linli) reads as `Unknown`.
macro_rules! words {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal, $zh:literal, $en:literal;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vm])* $v,)*
            /// A word a newer Linli wrote that this one does not know (never in `ALL`).
            #[serde(other)]
            Unknown,
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code,)* $name::Unknown => "unknown" }
            }

            /// The word of `code`, or `Unknown`.
            pub fn read(code: &str) -> Self {
                Self::ALL.iter().copied().find(|k| k.code() == code).unwrap_or($name::Unknown)
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|k| k.code() == code)
            }

            pub fn label_zh(self) -> &'static str {
                match self { $($name::$v => $zh,)* $name::Unknown => "未知（新版本）" }
            }

            pub fn label_en(self) -> &'static str {
                match self { $($name::$v => $en,)* $name::Unknown => "unknown (newer version)" }
            }

            /// Every word's Chinese and English, in `ALL`'s order: how its cells read in English.
            pub fn labels() -> impl Iterator<Item = (&'static str, &'static str)> {
                Self::ALL.iter().map(|k| (k.label_zh(), k.label_en()))
            }

            /// The words whose code `keep` keeps, in `ALL`'s order, as (code, Chinese, English):
            /// a chart's buckets of the words present.
            pub fn present(keep: impl Fn(&str) -> bool) -> Vec<(String, String, String)> {
                Self::ALL
                    .iter()
                    .filter(|k| keep(k.code()))
                    .map(|k| (k.code().to_owned(), k.label_zh().to_owned(), k.label_en().to_owned()))
                    .collect()
            }
        }
    };
}
pub(crate) use words;

words! {
    /// How a kind's deposit is paid.
    DepositUnit {
        /// no deposit
        None = "none", "无押金", "no deposit";
        /// cash, in whole 元
        Yuan = "yuan", "元", "yuan";
        /// time-bank points, through the points ledger (its floor applies)
        Points = "points", "积分", "points";
    }
}

words! {
    /// A copy's status, derived from the facts the station holds.
    CopyStatus {
        OnShelf = "on_shelf", "在架", "on the shelf";
        OnLoan = "on_loan", "借出", "on loan";
        /// set aside for the first hold in line, until its pickup deadline
        HeldForPickup = "held", "预约待取", "held for pickup";
        Maintenance = "maintenance", "维护中", "in maintenance";
        Lost = "lost", "遗失", "lost";
        Retired = "retired", "报废", "retired";
        /// a consumable handed out for good
        HandedOut = "handed_out", "已发放", "handed out";
    }
}

words! {
    /// How a loan ended at the desk.
    ReturnOutcome {
        Returned = "returned", "归还", "returned";
        /// back, but damaged: the copy goes to maintenance
        Damaged = "damaged", "损坏", "damaged";
        /// not coming back: the copy is lost and the deposit forfeited by default
        Lost = "lost", "遗失", "lost";
    }
}

words! {
    /// What the service desk does with a copy (the service log's lines and status changes).
    CopyAction {
        /// to maintenance: out of lending, its hold's claim cleared
        Maintenance = "maintenance", "送修", "to maintenance";
        /// back from maintenance onto the shelf
        BackInService = "back", "修好上架", "back in service";
        Inspect = "inspect", "检查", "inspected";
        Clean = "clean", "清洁", "cleaned";
        Repair = "repair", "维修", "repaired";
        Retire = "retire", "报废", "retired";
        Lost = "lost", "登记遗失", "marked lost";
        Found = "found", "找回", "found again";
    }
}

words! {
    /// A deposit fact: taken at the loan, then refunded or forfeited.
    DepositKind {
        Take = "take", "收取", "taken";
        Refund = "refund", "退还", "refunded";
        Forfeit = "forfeit", "扣除", "forfeited";
    }
}

words! {
    /// Where a hold stands (derived from its events).
    HoldState {
        Waiting = "waiting", "排队中", "waiting";
        /// a copy is set aside for it until the pickup deadline
        Ready = "ready", "待取", "ready for pickup";
        Fulfilled = "fulfilled", "已借出", "fulfilled";
        Expired = "expired", "过期未取", "expired";
        Cancelled = "cancelled", "已取消", "cancelled";
    }
}

/// The longest loan of a kind, in days.
pub const MAX_LOAN_DAYS: i64 = 365;
/// The most renewals a kind allows.
pub const MAX_RENEWALS: i64 = 20;
/// The longest cleaning or inspection buffer between loans, in days.
pub const MAX_BUFFER_DAYS: i64 = 60;
/// The largest deposit, in 元 or points.
pub const MAX_DEPOSIT: i64 = 100_000;
/// The most parts a kind's checklist names.
pub const MAX_PARTS: usize = 30;
/// The most copies one loan or return takes at once.
pub const MAX_BASKET: usize = 30;

/// The Chinese name of a numeric field of a kind or rule (the `lend_field` filter of the
/// catalogue's templates).
pub fn field_zh(field: &str) -> Option<&'static str> {
    Some(match field {
        "loan_days" => "借期天数",
        "max_renewals" => "最多续借次数",
        "buffer_days" => "间隔天数",
        "deposit" => "押金",
        "max_loans" => "每户最多在借件数",
        "block_overdue_days" => "逾期停借天数",
        "renew_overdue_days" => "逾期不可续借天数",
        "pickup_days" => "预约保留天数",
        "value" => "价值",
        "days" => "天数",
        _ => return None,
    })
}

/// `n` (a field of a kind or rule) checked to lie in `lo..=hi`.
pub fn in_range(field: &'static str, n: i64, lo: i64, hi: i64) -> Result<i64> {
    if (lo..=hi).contains(&n) {
        Ok(n)
    } else {
        Err(DomainError::coded(
            field,
            crate::msg::LEND_NUMBER_RANGE,
            crate::args![field = field, lo = lo, hi = hi],
        ))
    }
}

/// A copy's code as scanned or typed: trimmed, upper-cased, 1 to 40 letters, digits and `-`.
pub fn normalize_code(text: &str) -> Result<String> {
    let c = text.trim().to_uppercase();
    if c.is_empty()
        || c.chars().count() > 40
        || !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
    {
        return Err(DomainError::coded(
            "code",
            crate::msg::LEND_BAD_CODE,
            crate::args![code = text.trim()],
        ));
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_unknown_codes_are_kept_apart() {
        for s in CopyStatus::ALL {
            assert_eq!(CopyStatus::read(s.code()), *s);
        }
        assert_eq!(CopyStatus::read("borrowed_by_aliens"), CopyStatus::Unknown);
        assert_eq!(ReturnOutcome::Lost.label_zh(), "遗失");
        assert_eq!(CopyStatus::HeldForPickup.label_zh(), "预约待取");
    }

    #[test]
    fn codes_are_normalized_and_bad_ones_refused() {
        assert_eq!(normalize_code(" wc-01 ").unwrap(), "WC-01");
        assert!(normalize_code("").is_err());
        assert!(normalize_code("轮椅1").is_err());
        assert!(normalize_code("A B").is_err());
        assert_eq!(
            in_range("loan_days", 0, 1, 365).unwrap_err().to_string(),
            "借期天数应在1到365之间"
        );
    }
}
