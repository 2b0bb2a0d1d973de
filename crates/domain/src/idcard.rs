//! Resident ID numbers (居民身份证号) as GB 11643-1999 defines them: 6 digits of region code,
//! 8 of birth date (YYYYMMDD), 3 of order code whose last digit's parity gives the gender, and a
//! check character computed modulo 11. This module only checks the shape of a number; it does
//! not know whether a region code is still in use or whether a birth date lies in the future.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::{DomainError, Gender, Result};

/// The form field that resident ID errors point at.
const FIELD: &str = "id_number";

/// Weights of the first 17 digits in the check sum.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character for each value of the weighted sum modulo 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Cleans up a typed or pasted ID number before it is checked: drops all white space (ASCII
/// spaces, tabs, the full-width space U+3000), turns full-width digits `０`–`９` into `0`–`9` and
/// `Ｘ`, `ｘ` and `x` into `X`. Everything else is kept as it is, so that [`ResidentId::parse`] can
/// say what is wrong with it. Normalizing twice gives the same result as normalizing once.
pub fn normalize(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'Ｘ' | 'ｘ' | 'x' => 'X',
            c => c,
        })
        .collect()
}

/// The check character for the first 17 digits of an ID number, or `None` unless `first17` is
/// exactly 17 ASCII digits.
pub fn check_digit(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(CHECK_CHARS[(sum % 11) as usize])
}

/// Whether `year`-`month`-`day` is a date of the Gregorian calendar.
fn is_real_date(year: u16, month: u8, day: u8) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

/// The number made of the ASCII digits `s[range]`; the caller has checked they are digits.
fn digits_value(s: &str, range: std::ops::Range<usize>) -> u32 {
    s.as_bytes()[range]
        .iter()
        .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
}

/// A valid 18-character resident ID number, stored normalized (digits, and an upper-case `X` as
/// the check character where it is one). On the wire and in the database it is the plain string;
/// deserializing checks it again, so an invalid number never becomes a `ResidentId`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ResidentId(String);

impl ResidentId {
    /// Normalizes `raw` (see [`normalize`]) and checks it is a valid ID number: 18 characters, the
    /// first 17 digits and the last a digit or `X`, a region code starting with 1–8, a real birth
    /// date in 1900 or later, and the right check character. The error, in Chinese, says what is
    /// wrong and what is expected; its field is `id_number`.
    pub fn parse(raw: &str) -> Result<ResidentId> {
        let s = normalize(raw);
        let len = s.chars().count();
        if len == 0 {
            return Err(DomainError::coded(
                FIELD,
                crate::msg::ID_CARD_MISSING,
                vec![],
            ));
        }
        if len != 18 {
            return Err(DomainError::coded(
                FIELD,
                crate::msg::ID_CARD_LENGTH,
                crate::args![len = len],
            ));
        }
        for (i, c) in s.chars().enumerate() {
            let ok = c.is_ascii_digit() || (i == 17 && c == 'X');
            if !ok {
                let msg = if i == 17 {
                    crate::msg::ID_CARD_LAST_CHAR
                } else {
                    crate::msg::ID_CARD_DIGIT
                };
                return Err(DomainError::coded(
                    FIELD,
                    msg,
                    crate::args![pos = i + 1, char = c],
                ));
            }
        }
        // From here on every character is ASCII, so byte indexes are character indexes.
        let region_first = s.as_bytes()[0];
        if !(b'1'..=b'8').contains(&region_first) {
            return Err(DomainError::coded(
                FIELD,
                crate::msg::ID_CARD_REGION,
                crate::args![first = char::from(region_first)],
            ));
        }
        let year = digits_value(&s, 6..10) as u16;
        let month = digits_value(&s, 10..12) as u8;
        let day = digits_value(&s, 12..14) as u8;
        if !is_real_date(year, month, day) {
            return Err(DomainError::coded(
                FIELD,
                crate::msg::ID_CARD_BIRTH,
                crate::args![value = &s[6..14]],
            ));
        }
        if year < 1900 {
            return Err(DomainError::coded(
                FIELD,
                crate::msg::ID_CARD_YEAR,
                crate::args![year = year],
            ));
        }
        let expected = check_digit(&s[..17]).expect("17 ASCII digits checked above");
        if s.as_bytes()[17] != expected as u8 {
            return Err(DomainError::coded(
                FIELD,
                crate::msg::ID_CARD_CHECKSUM,
                crate::args![expected = expected],
            ));
        }
        Ok(ResidentId(s))
    }

    /// The normalized number, 18 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 6-digit region code (行政区划代码) of the place where the number was issued.
    pub fn region_code(&self) -> u32 {
        digits_value(&self.0, 0..6)
    }

    /// The birth date written in the number, as (year, month, day).
    pub fn birth_date(&self) -> (u16, u8, u8) {
        (
            digits_value(&self.0, 6..10) as u16,
            digits_value(&self.0, 10..12) as u8,
            digits_value(&self.0, 12..14) as u8,
        )
    }

    /// The gender written in the number: the 17th digit is odd for men, even for women.
    pub fn gender(&self) -> Gender {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// The number for display where it need not be read in full: the first 4 and last 4
    /// characters with 10 `*` between, e.g. `3501**********123X`.
    pub fn mask(&self) -> String {
        format!("{}{}{}", &self.0[..4], "*".repeat(10), &self.0[14..])
    }

    /// The last `n` characters (all 18 if `n` is larger), which is how people often look a
    /// resident up ("尾号").
    pub fn last_digits(&self, n: usize) -> &str {
        &self.0[self.0.len() - n.min(self.0.len())..]
    }

    /// The number, consuming the value.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for ResidentId {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self> {
        ResidentId::parse(s)
    }
}

impl AsRef<str> for ResidentId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for ResidentId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        ResidentId::parse(&raw).map_err(serde::de::Error::custom)
    }
}

/// Makes a valid ID number, for tests and demo data. `region` is the 6-digit region code
/// (100000–899999), `y`-`m`-`d` the birth date, `seq` the 3-digit order code (0–999); the last
/// digit of `seq` is moved by one where needed so its parity matches `gender`.
///
/// # Panics
///
/// If `region` or `seq` is out of range or the date is not a real date in 1900–9999: this is a
/// generator for code that controls its inputs, not a way to check them.
pub fn make_resident_id(region: u32, y: u16, m: u8, d: u8, seq: u16, gender: Gender) -> ResidentId {
    assert!(
        (100_000..=899_999).contains(&region),
        "region code {region} is not 6 digits starting with 1-8"
    );
    assert!(
        (1900..=9999).contains(&y) && is_real_date(y, m, d),
        "{y:04}-{m:02}-{d:02} is not a real date in 1900-9999"
    );
    assert!(seq <= 999, "order code {seq} is not 3 digits");
    let odd = seq % 2 == 1;
    let seq = if odd == (gender == Gender::Male) {
        seq
    } else {
        // 2k and 2k+1 share their tens, so flipping the lowest bit stays within 0..=999.
        seq ^ 1
    };
    let first17 = format!("{region:06}{y:04}{m:02}{d:02}{seq:03}");
    let check = check_digit(&first17).expect("17 digits by construction");
    ResidentId(format!("{first17}{check}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A real number format example: GB 11643-1999's own sample.
    const SAMPLE: &str = "11010519491231002X";

    fn message(raw: &str) -> String {
        let err = ResidentId::parse(raw).unwrap_err();
        assert_eq!(err.field(), "id_number");
        err.to_string()
    }

    #[test]
    fn standard_sample_is_valid() {
        let id = ResidentId::parse(SAMPLE).unwrap();
        assert_eq!(id.as_str(), SAMPLE);
        assert_eq!(id.birth_date(), (1949, 12, 31));
        assert_eq!(id.gender(), Gender::Female);
        assert_eq!(id.region_code(), 110105);
        assert_eq!(check_digit(&SAMPLE[..17]), Some('X'));
    }

    #[test]
    fn check_digit_needs_17_digits() {
        assert_eq!(check_digit("1101051949123100"), None);
        assert_eq!(check_digit("110105194912310020"), None);
        assert_eq!(check_digit("11010519491231002A"), None);
        assert_eq!(check_digit("11010519491231002"), Some('X'));
    }

    #[test]
    fn parse_normalizes_spaces_full_width_and_lower_x() {
        let id = ResidentId::parse(" 110105 19491231 002x\t").unwrap();
        assert_eq!(id.as_str(), SAMPLE);
        let id = ResidentId::parse("１１０１０５　１９４９１２３１００２Ｘ").unwrap();
        assert_eq!(id.as_str(), SAMPLE);
        let id = ResidentId::parse("11010519491231002ｘ").unwrap();
        assert_eq!(id.as_str(), SAMPLE);
    }

    #[test]
    fn wrong_length_says_how_long_it_is() {
        assert_eq!(message("1101051949123100"), "身份证号应为18位，现在是16位");
        assert_eq!(
            message("11010519491231002X1"),
            "身份证号应为18位，现在是19位"
        );
        assert_eq!(message("   "), "请填写身份证号（18位）");
    }

    #[test]
    fn non_digits_are_named_by_position() {
        assert_eq!(
            message("1101051949123100X2"),
            "身份证号第17位“X”不对：前17位应全为数字"
        );
        assert_eq!(
            message("11010519491231002Y"),
            "身份证号第18位“Y”不对：最后一位应为数字或X"
        );
        assert_eq!(
            message("11010519491231002号"),
            "身份证号第18位“号”不对：最后一位应为数字或X"
        );
    }

    #[test]
    fn region_must_start_with_1_to_8() {
        let mut id = String::from("910105194912310020");
        assert!(message(&id).contains("第1位应为1到8，现在是9"));
        id.replace_range(0..1, "0");
        assert!(message(&id).contains("第1位应为1到8，现在是0"));
    }

    #[test]
    fn birth_date_must_be_real_and_from_1900() {
        // The date is checked before the check character, so only the date is at fault here.
        let feb30 = "110105199002301234";
        assert!(message(feb30).contains("19900230不是有效日期"));
        let month13 = "110105199013011234";
        assert!(message(month13).contains("19901301不是有效日期"));
        let first17 = "11010518991231002";
        let old = format!("{first17}{}", check_digit(first17).unwrap());
        assert_eq!(
            message(&old),
            "身份证号中的出生年份1899不对：应为1900年或以后"
        );
        // 29 February exists only in leap years.
        let leap = make_resident_id(350102, 2000, 2, 29, 1, Gender::Male);
        assert_eq!(leap.birth_date(), (2000, 2, 29));
        let first17 = "35010219000229001";
        let not_leap = format!("{first17}{}", check_digit(first17).unwrap());
        assert!(message(&not_leap).contains("19000229不是有效日期"));
    }

    #[test]
    fn wrong_check_character_names_the_right_one() {
        assert_eq!(
            message("110105194912310021"),
            "身份证号校验位错误：最后一位应为X"
        );
        let id = make_resident_id(350102, 1985, 6, 15, 123, Gender::Male);
        let right = id.as_str().chars().last().unwrap();
        let wrong = if right == '0' { '1' } else { '0' };
        let typed = format!("{}{wrong}", &id.as_str()[..17]);
        assert_eq!(
            message(&typed),
            format!("身份证号校验位错误：最后一位应为{right}")
        );
    }

    #[test]
    fn mask_and_last_digits() {
        let id = ResidentId::parse(SAMPLE).unwrap();
        assert_eq!(id.mask(), "1101**********002X");
        assert_eq!(id.mask().chars().count(), 18);
        assert_eq!(id.last_digits(4), "002X");
        assert_eq!(id.last_digits(0), "");
        assert_eq!(id.last_digits(30), SAMPLE);
    }

    #[test]
    fn generator_matches_gender_by_moving_the_order_code() {
        let m = make_resident_id(350102, 1985, 6, 15, 124, Gender::Male);
        assert_eq!(&m.as_str()[14..17], "125");
        assert_eq!(m.gender(), Gender::Male);
        let f = make_resident_id(350102, 1985, 6, 15, 999, Gender::Female);
        assert_eq!(&f.as_str()[14..17], "998");
        assert_eq!(f.gender(), Gender::Female);
        let f = make_resident_id(350102, 1985, 6, 15, 0, Gender::Female);
        assert_eq!(&f.as_str()[14..17], "000");
    }

    #[test]
    fn serde_is_the_plain_string_and_checks_on_the_way_in() {
        let id = ResidentId::parse(SAMPLE).unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{SAMPLE}\""));
        let back: ResidentId = serde_json::from_str(&json).unwrap();
        assert_eq!(back, id);
        let bad = serde_json::from_str::<ResidentId>("\"110105194912310021\"").unwrap_err();
        assert!(bad.to_string().contains("校验位错误"));
    }

    fn any_gender() -> impl Strategy<Value = Gender> {
        prop_oneof![Just(Gender::Male), Just(Gender::Female)]
    }

    prop_compose! {
        fn any_id()(
            region in 100_000u32..=899_999,
            y in 1900u16..=2100,
            m in 1u8..=12,
            d in 1u8..=31,
            seq in 0u16..=999,
            gender in any_gender(),
        ) -> ResidentId {
            let d = (1..=d).rev().find(|&d| is_real_date(y, m, d)).unwrap();
            make_resident_id(region, y, m, d, seq, gender)
        }
    }

    proptest! {
        #[test]
        fn generated_ids_parse_with_their_parts(
            region in 100_000u32..=899_999,
            y in 1900u16..=2100,
            m in 1u8..=12,
            d in 1u8..=28,
            seq in 0u16..=999,
            gender in any_gender(),
        ) {
            let id = make_resident_id(region, y, m, d, seq, gender);
            let parsed = ResidentId::parse(id.as_str()).unwrap();
            prop_assert_eq!(&parsed, &id);
            prop_assert_eq!(parsed.birth_date(), (y, m, d));
            prop_assert_eq!(parsed.gender(), gender);
            prop_assert_eq!(parsed.region_code(), region);
        }

        #[test]
        fn changing_any_one_character_makes_it_invalid(
            id in any_id(),
            pos in 0usize..18,
            replacement in prop::sample::select(
                vec!['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'],
            ),
        ) {
            let mut chars: Vec<char> = id.as_str().chars().collect();
            prop_assume!(chars[pos] != replacement);
            chars[pos] = replacement;
            let changed: String = chars.into_iter().collect();
            prop_assert!(ResidentId::parse(&changed).is_err(), "{} accepted", changed);
        }

        #[test]
        fn normalize_is_idempotent(raw in "[0-9０-９xXｘＸ \t\u{3000}a-z一-龥]{0,24}") {
            let once = normalize(&raw);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn mask_keeps_length_and_ends(id in any_id()) {
            let masked = id.mask();
            prop_assert_eq!(masked.len(), 18);
            prop_assert_eq!(&masked[..4], &id.as_str()[..4]);
            prop_assert_eq!(&masked[14..], id.last_digits(4));
            prop_assert_eq!(&masked[4..14], "**********");
        }
    }
}
