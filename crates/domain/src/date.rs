//! Calendar dates as the register keeps them: "YYYY-MM-DD" text, checked without a clock.

use crate::{DomainError, Result};

/// Whether y-m-d is a real date between 1900 and 2199.
pub fn is_valid(y: u32, m: u32, d: u32) -> bool {
    (1900..2200).contains(&y)
        && (1..=12).contains(&m)
        && d >= 1
        && i64::from(d) <= crate::calendar::days_in_month(i64::from(y), i64::from(m))
}

/// Checks a "YYYY-MM-DD" date for the form field `field` and returns it tidy.
pub fn validate(field: &'static str, text: &str) -> Result<String> {
    let t = text.trim();
    let bad = || DomainError::coded(field, crate::msg::BAD_DATE, crate::args![value = t]);
    let mut parts = t.split('-');
    let (y, m, d) = (
        parts.next().and_then(|p| p.parse::<u32>().ok()),
        parts.next().and_then(|p| p.parse::<u32>().ok()),
        parts.next().and_then(|p| p.parse::<u32>().ok()),
    );
    match (y, m, d, parts.next()) {
        (Some(y), Some(m), Some(d), None) if is_valid(y, m, d) => {
            Ok(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_tidied() {
        assert_eq!(validate("birth_date", "1988-3-5").unwrap(), "1988-03-05");
        assert!(validate("birth_date", "1988-02-30").is_err());
        assert!(validate("birth_date", "2000-02-29").is_ok());
        assert!(validate("birth_date", "1900-02-29").is_err());
        assert!(validate("birth_date", "19880315").is_err());
        assert_eq!(validate("moved_in", "x").unwrap_err().field(), "moved_in");
    }
}
