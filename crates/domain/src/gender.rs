//! A person's gender as recorded on the resident ID card (and in the household register).

use serde::{Deserialize, Serialize};

/// Gender as the resident ID number records it: its 17th digit is odd for men, even for women.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// 男
    Male,
    /// 女
    Female,
}

impl Gender {
    /// Both values, in display order.
    pub const ALL: [Gender; 2] = [Gender::Male, Gender::Female];

    /// The code stored in the database and used on the wire (same as the serde form).
    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }

    /// The gender with this code, if it is one.
    pub fn from_code(code: &str) -> Option<Gender> {
        Gender::ALL.into_iter().find(|g| g.code() == code)
    }

    /// The Chinese word users see: 男 or 女.
    pub fn label_zh(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
}

crate::code::coded_by_methods!(Gender);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for g in Gender::ALL {
            assert_eq!(Gender::from_code(g.code()), Some(g));
            assert_eq!(
                serde_json::to_string(&g).unwrap(),
                format!("\"{}\"", g.code())
            );
        }
        assert_eq!(Gender::from_code("unknown"), None);
    }

    #[test]
    fn chinese_labels() {
        assert_eq!(Gender::Male.label_zh(), "男");
        assert_eq!(Gender::Female.label_zh(), "女");
    }
}
