//! Phone numbers in mainland China: mobiles (11 digits, `1[3-9]…`) and landlines with their area
//! code (`010`, `02X`, or `0` plus 3 digits, then a local number of 7–8 digits). Only the shape is
//! checked; whether the number is in service is not this module's business. Extensions ("转")
//! and numbers outside mainland China are refused.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::{DomainError, Result};

/// The form field that phone errors point at.
const FIELD: &str = "phone";

/// What a refused number is told: what is expected of both kinds.
#[cfg(test)]
const EXPECTED: &str = "电话号码格式不对：手机号应为11位，以1开头；座机请带区号，如0591-87654321";

/// A valid phone number in its stored form: a mobile as 11 digits (`13912345678`), a landline
/// as area code, `-`, local number (`0591-87654321`). On the wire and in the database it is that
/// plain string; deserializing checks it again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Phone(String);

/// Drops separators (white space, `-`, parentheses, in ASCII or full width) and a country prefix
/// (`+86`, `0086`, or `86` followed by a separator or by a whole mobile number), and turns
/// full-width digits into ASCII. After a country prefix a landline's area code is written without
/// its leading 0 (`+86 591 8765 4321`, `+86 10 …`); it gets the 0 back. Any other character is
/// kept so the number is refused.
fn digits_of(raw: &str) -> String {
    let mapped: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '＋' => '+',
            '－' | '—' | '–' => '-',
            '（' => '(',
            '）' => ')',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let is_separator = |c: char| c == ' ' || c == '-' || c == '(' || c == ')';
    let mapped = mapped.trim_start_matches(is_separator);
    let (rest, international) = if let Some(rest) = mapped.strip_prefix("+86") {
        (rest, true)
    } else if let Some(rest) = mapped.strip_prefix("0086") {
        (rest, true)
    } else if let Some(rest) = mapped
        .strip_prefix("86")
        .filter(|rest| rest.starts_with(is_separator))
    {
        (rest, true)
    } else {
        (mapped, false)
    };
    let mut digits: String = rest.chars().filter(|&c| !is_separator(c)).collect();
    // "8613912345678": a mobile written with its country code but no separator.
    if !international && digits.len() == 13 && digits.starts_with("861") {
        digits.drain(..2);
        return digits;
    }
    // Mobiles never start with 10, so after a country code "10…" is Beijing's area code.
    if international
        && (digits.starts_with(|c: char| ('2'..='9').contains(&c)) || digits.starts_with("10"))
    {
        digits.insert(0, '0');
    }
    digits
}

/// The length of the area code at the start of `digits`, if it starts with one: 3 for `010` and
/// `020`–`029`, 4 for `0` followed by `3`–`9` and two more digits.
fn area_code_len(digits: &[u8]) -> Option<usize> {
    match digits {
        [b'0', b'1', b'0', ..] | [b'0', b'2', _, ..] => Some(3),
        [b'0', b'3'..=b'9', _, _, ..] => Some(4),
        _ => None,
    }
}

impl Phone {
    /// Cleans up `raw` (spaces, `-`, parentheses, full-width digits, a `+86`, `0086` or `86 `
    /// country prefix) and accepts it if it is a mobile number or a landline with area code. The
    /// error, in Chinese, says what is expected; its field is `phone`.
    pub fn parse(raw: &str) -> Result<Phone> {
        let digits = digits_of(raw);
        let bytes = digits.as_bytes();
        if digits.is_empty() {
            return Err(DomainError::coded(FIELD, crate::msg::PHONE_MISSING, vec![]));
        }
        if !bytes.iter().all(u8::is_ascii_digit) {
            return Err(DomainError::coded(FIELD, crate::msg::PHONE_FORMAT, vec![]));
        }
        if bytes.len() == 11 && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1]) {
            return Ok(Phone(digits));
        }
        if let Some(area) = area_code_len(bytes) {
            let local = &digits[area..];
            if (7..=8).contains(&local.len()) && !local.starts_with(['0', '1']) {
                return Ok(Phone(format!("{}-{local}", &digits[..area])));
            }
        }
        Err(DomainError::coded(FIELD, crate::msg::PHONE_FORMAT, vec![]))
    }

    /// The stored form: `13912345678` or `0591-87654321`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a mobile number (otherwise it is a landline).
    pub fn is_mobile(&self) -> bool {
        !self.0.contains('-')
    }

    /// The landline's area code (`0591`), or `None` for a mobile.
    pub fn area_code(&self) -> Option<&str> {
        self.0.split_once('-').map(|(area, _)| area)
    }

    /// The number for display where it need not be read in full: a mobile keeps its first 3 and
    /// last 4 digits (`139****5678`), a landline its area code and last 4 digits
    /// (`0591-****4321`, one `*` per hidden digit).
    pub fn mask(&self) -> String {
        match self.0.split_once('-') {
            Some((area, local)) => {
                format!(
                    "{area}-{}{}",
                    "*".repeat(local.len() - 4),
                    &local[local.len() - 4..]
                )
            }
            None => format!("{}****{}", &self.0[..3], &self.0[7..]),
        }
    }

    /// The last `n` digits (all of them if `n` is larger), which is how people often look a
    /// resident up ("尾号"). The `-` of a landline is skipped, not counted.
    pub fn last_digits(&self, n: usize) -> String {
        let digits: Vec<char> = self.0.chars().filter(char::is_ascii_digit).collect();
        digits[digits.len() - n.min(digits.len())..]
            .iter()
            .collect()
    }

    /// The stored form, consuming the value.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Phone {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self> {
        Phone::parse(s)
    }
}

impl AsRef<str> for Phone {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Phone::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stored(raw: &str) -> String {
        match Phone::parse(raw) {
            Ok(p) => p.into_string(),
            Err(e) => panic!("{raw:?} refused: {e}"),
        }
    }

    fn refused(raw: &str) {
        let err = Phone::parse(raw).expect_err(raw);
        assert_eq!(err.field(), "phone");
        assert!(err.to_string().contains(EXPECTED), "{raw:?}: {err}");
    }

    #[test]
    fn mobiles_in_the_shapes_people_type_them() {
        for raw in [
            "13912345678",
            " 139 1234 5678 ",
            "139-1234-5678",
            "１３９１２３４５６７８",
            "+86 139 1234 5678",
            "+8613912345678",
            "＋86 13912345678",
            "0086 13912345678",
            "008613912345678",
            "86 13912345678",
            "86-139-1234-5678",
            "8613912345678",
            "(+86) 139 1234 5678",
        ] {
            assert_eq!(stored(raw), "13912345678", "{raw:?}");
        }
        for second in '3'..='9' {
            let raw = format!("1{second}012345678");
            assert_eq!(stored(&raw), raw);
        }
    }

    #[test]
    fn landlines_with_area_code() {
        assert_eq!(stored("0591-87654321"), "0591-87654321");
        assert_eq!(stored("059187654321"), "0591-87654321");
        assert_eq!(stored("(0591) 8765 4321"), "0591-87654321");
        assert_eq!(stored("（０５９１）８７６５４３２１"), "0591-87654321");
        assert_eq!(stored("0591－8765432"), "0591-8765432");
        assert_eq!(stored("010-62345678"), "010-62345678");
        assert_eq!(stored("01062345678"), "010-62345678");
        assert_eq!(stored("021-5123456"), "021-5123456");
        assert_eq!(stored("0755 23456789"), "0755-23456789");
        assert_eq!(stored("+86 591 8765 4321"), "0591-87654321");
        assert_eq!(stored("+86 10 6234 5678"), "010-62345678");
        assert_eq!(stored("86-10-62345678"), "010-62345678");
        assert_eq!(stored("0086 21 51234567"), "021-51234567");
        assert_eq!(stored("+86 0591 87654321"), "0591-87654321");
    }

    #[test]
    fn refuses_everything_else() {
        for raw in [
            "1391234567",         // 10 digits
            "139123456789",       // 12 digits
            "12912345678",        // second digit 2
            "10912345678",        // second digit 0
            "23912345678",        // not a mobile, no area code
            "87654321",           // landline without area code
            "8765432",            // same, 7 digits
            "0591-0765432",       // local number starts with 0
            "0591-1765432",       // local number starts with 1
            "0591-876543",        // local number too short
            "0591-876543210",     // local number too long
            "011-62345678",       // 011 is no area code
            "0011-62345678",      // nor is 0011
            "139 1234 567a",      // a letter
            "139.1234.5678",      // dots
            "0591-87654321转123", // extension
            "+1 415 555 0100",    // abroad
            "+852 2345 6789",     // Hong Kong
        ] {
            refused(raw);
        }
    }

    #[test]
    fn empty_asks_for_a_number() {
        let err = Phone::parse("  ").unwrap_err();
        assert!(err.to_string().starts_with("请填写电话号码"));
        assert_eq!(err.field(), "phone");
    }

    #[test]
    fn refusal_message_says_what_is_expected() {
        assert_eq!(
            Phone::parse("12345").unwrap_err().to_string(),
            "电话号码格式不对：手机号应为11位，以1开头；座机请带区号，如0591-87654321"
        );
    }

    #[test]
    fn mask_and_last_digits() {
        let mobile = Phone::parse("13912345678").unwrap();
        assert!(mobile.is_mobile());
        assert_eq!(mobile.area_code(), None);
        assert_eq!(mobile.mask(), "139****5678");
        assert_eq!(mobile.last_digits(4), "5678");
        assert_eq!(mobile.last_digits(20), "13912345678");

        let landline = Phone::parse("0591-87654321").unwrap();
        assert!(!landline.is_mobile());
        assert_eq!(landline.area_code(), Some("0591"));
        assert_eq!(landline.mask(), "0591-****4321");
        assert_eq!(landline.last_digits(4), "4321");
        assert_eq!(landline.last_digits(9), "187654321");

        let short = Phone::parse("021-5123456").unwrap();
        assert_eq!(short.mask(), "021-***3456");
    }

    #[test]
    fn serde_is_the_stored_string_and_checks_on_the_way_in() {
        let p = Phone::parse("0591 8765 4321").unwrap();
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, "\"0591-87654321\"");
        assert_eq!(serde_json::from_str::<Phone>(&json).unwrap(), p);
        assert!(serde_json::from_str::<Phone>("\"12345\"").is_err());
    }

    proptest! {
        #[test]
        fn any_mobile_is_kept_and_reparses(second in 3u8..=9, rest in "[0-9]{9}") {
            let raw = format!("1{second}{rest}");
            let p = Phone::parse(&raw).unwrap();
            prop_assert_eq!(p.as_str(), raw.as_str());
            prop_assert_eq!(Phone::parse(p.as_str()).unwrap(), p);
        }

        #[test]
        fn stored_form_reparses_to_itself(raw in "[0-9 +()-]{0,16}") {
            if let Ok(p) = Phone::parse(&raw) {
                prop_assert_eq!(Phone::parse(p.as_str()).unwrap(), p);
            }
        }
    }
}
