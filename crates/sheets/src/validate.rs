//! Private stand-ins for `linli_domain::idcard` and `linli_domain::phone`.
//!
//! Another branch is adding these to linli-domain with exactly these names and semantics. When it
//! lands, this file becomes `pub(crate) use linli_domain::{idcard, phone};` and nothing else in the
//! crate changes: every other module reaches ID numbers and phones only through `idcard::…` and
//! `phone::…` from here.

pub(crate) mod idcard {
    use chrono::NaiveDate;
    use linli_domain::DomainError;

    /// Sex as encoded in the 17th digit of a resident ID number (odd: male, even: female).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Gender {
        Male,
        Female,
    }

    /// Spaces (ASCII, full-width, no-break) removed, full-width digits and letters made ASCII,
    /// a trailing lower-case `x` made upper-case, a leading apostrophe (Excel's "text" mark) dropped.
    pub fn normalize(raw: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        for c in raw.trim().trim_start_matches(['\'', '‘', '’']).chars() {
            let c = match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                'ｘ' | 'Ｘ' | 'x' => 'X',
                c => c,
            };
            if !c.is_whitespace() && c != '\u{feff}' {
                out.push(c);
            }
        }
        out
    }

    /// An 18-digit citizen ID number (GB 11643-1999) whose check digit and birth date are valid.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub struct ResidentId(String);

    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";

    impl ResidentId {
        /// Normalises then checks length, digits, birth date and check digit.
        pub fn parse(raw: &str) -> Result<ResidentId, DomainError> {
            let s = normalize(raw);
            let b = s.as_bytes();
            if b.len() != 18 {
                return Err(DomainError::invalid(
                    "id_number",
                    format!("身份证号应为18位，这里是{}位", s.chars().count()),
                ));
            }
            if !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X')
            {
                return Err(DomainError::invalid(
                    "id_number",
                    "身份证号只能是数字，最后一位可以是X",
                ));
            }
            let sum: u32 = b[..17]
                .iter()
                .zip(WEIGHTS)
                .map(|(d, w)| u32::from(d - b'0') * w)
                .sum();
            if CHECK[(sum % 11) as usize] != b[17] {
                return Err(DomainError::invalid(
                    "id_number",
                    "身份证号校验位不对，请核对是否抄错",
                ));
            }
            let id = ResidentId(s);
            if id.birth_date().is_none() {
                return Err(DomainError::invalid(
                    "id_number",
                    "身份证号中的出生日期不存在，请核对",
                ));
            }
            Ok(id)
        }

        pub fn as_str(&self) -> &str {
            &self.0
        }

        pub fn gender(&self) -> Gender {
            if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
                Gender::Male
            } else {
                Gender::Female
            }
        }

        /// The birth date in digits 7–14. `parse` guarantees it exists, so this is `Some` for
        /// every parsed id.
        pub fn birth_date(&self) -> Option<NaiveDate> {
            let s = &self.0;
            let y = s.get(6..10)?.parse().ok()?;
            let m = s.get(10..12)?.parse().ok()?;
            let d = s.get(12..14)?.parse().ok()?;
            NaiveDate::from_ymd_opt(y, m, d)
        }

        /// First 6 and last 4 characters shown, the rest starred: `350102********123X`.
        pub fn mask(&self) -> String {
            format!("{}********{}", &self.0[..6], &self.0[14..])
        }
    }
}

pub(crate) mod phone {
    use linli_domain::DomainError;

    /// A mainland mobile (`13800138000`) or a landline with its area code (`0591-87654321`).
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub struct Phone(String);

    impl Phone {
        /// Accepts spaces, dashes, parentheses around the area code, and a `+86`/`0086` prefix.
        pub fn parse(raw: &str) -> Result<Phone, DomainError> {
            let mut digits: String = raw
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    '＋' => '+',
                    c => c,
                })
                .filter(|c| {
                    !c.is_whitespace() && !matches!(c, '-' | '－' | '(' | ')' | '（' | '）')
                })
                .collect();
            for prefix in ["+86", "0086"] {
                if let Some(rest) = digits.strip_prefix(prefix) {
                    digits = rest.to_string();
                }
            }
            let bad = || DomainError::invalid("phone", format!("电话号码「{}」无效", raw.trim()));
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let b = digits.as_bytes();
            if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
                return Ok(Phone(digits));
            }
            if b.first() == Some(&b'0') && b.get(1) != Some(&b'0') {
                // Area codes: 010, 02x (three digits) or 0xxx (four digits); then 7 or 8 digits.
                let area = if b[1] == b'1' || b[1] == b'2' { 3 } else { 4 };
                let local = b.len().saturating_sub(area);
                if (7..=8).contains(&local) && b[area] != b'0' {
                    return Ok(Phone(format!("{}-{}", &digits[..area], &digits[area..])));
                }
            }
            Err(bad())
        }

        pub fn as_str(&self) -> &str {
            &self.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::idcard::{normalize, Gender, ResidentId};
    use super::phone::Phone;

    #[test]
    fn check_digit_and_normalisation() {
        let id = ResidentId::parse("11010519491231002X").unwrap();
        assert_eq!(id.gender(), Gender::Female);
        assert_eq!(id.birth_date().unwrap().to_string(), "1949-12-31");
        assert_eq!(id.mask(), "110105********002X");
        assert_eq!(
            normalize(" １１０１０５ 19491231002x"),
            "11010519491231002X"
        );
        assert!(ResidentId::parse("110105194912310021").is_err());
        assert!(ResidentId::parse("110105194902300020").is_err());
    }

    #[test]
    fn phones() {
        assert_eq!(
            Phone::parse("+86 138 0013 8000").unwrap().as_str(),
            "13800138000"
        );
        assert_eq!(
            Phone::parse("(0591)87654321").unwrap().as_str(),
            "0591-87654321"
        );
        assert_eq!(
            Phone::parse("010-12345678").unwrap().as_str(),
            "010-12345678"
        );
        assert!(Phone::parse("12345").is_err());
        assert!(Phone::parse("87654321").is_err());
        assert!(Phone::parse("12800138000").is_err());
    }
}
