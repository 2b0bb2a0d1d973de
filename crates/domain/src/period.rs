//! Periods of the dashboards (统计): a month, a quarter, a year or any range of days, the period
//! before one of the same length, and the months a period spans. Dates are "YYYY-MM-DD" text, as
//! everywhere in Linli; the arithmetic is [`crate::calendar`]'s.

use crate::calendar::{add_days, days_between, days_in_month, month_bounds};

/// The first and last days of quarter `q` (1–4) of year `y`.
pub fn quarter_bounds(y: i64, q: i64) -> Option<(String, String)> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let first = month_bounds(&format!("{y:04}-{:02}", (q - 1) * 3 + 1))?.0;
    let last = month_bounds(&format!("{y:04}-{:02}", q * 3))?.1;
    Some((first, last))
}

/// 1 January to 31 December of year `y`.
pub fn year_bounds(y: i64) -> Option<(String, String)> {
    Some((
        month_bounds(&format!("{y:04}-01"))?.0,
        month_bounds(&format!("{y:04}-12"))?.1,
    ))
}

fn ymd(day: &str) -> Option<(i64, i64, i64)> {
    let y = day.get(..4)?.parse().ok()?;
    let m = day.get(5..7)?.parse().ok()?;
    let d = day.get(8..10)?.parse().ok()?;
    Some((y, m, d))
}

/// The quarter (1–4) a "YYYY-MM…" date falls in.
pub fn quarter_of(day: &str) -> Option<(i64, i64)> {
    let (y, m, _) = ymd(&format!("{}-01", day.get(..7)?))?;
    Some((y, (m - 1) / 3 + 1))
}

/// Whether `from..=to` is whole months: from a 1st to a month's last day.
fn whole_months(from: &str, to: &str) -> Option<i64> {
    let (fy, fm, fd) = ymd(from)?;
    let (ty, tm, td) = ymd(to)?;
    (fd == 1 && td == days_in_month(ty, tm)).then_some((ty * 12 + tm) - (fy * 12 + fm) + 1)
}

/// The period just before `from..=to` of the same length: the same number of whole months when
/// it is whole months (last quarter for a quarter, last year for a year), else the same number of
/// days ending the day before `from`. `None` if a date does not read or `to` is before `from`.
pub fn previous(from: &str, to: &str) -> Option<(String, String)> {
    let days = days_between(from, to)?;
    if days < 0 {
        return None;
    }
    if let Some(n) = whole_months(from, to) {
        let (y, m, _) = ymd(from)?;
        let first = y * 12 + (m - 1) - n;
        let start = format!(
            "{:04}-{:02}",
            first.div_euclid(12),
            first.rem_euclid(12) + 1
        );
        let last = first + n - 1;
        let end = format!("{:04}-{:02}", last.div_euclid(12), last.rem_euclid(12) + 1);
        return Some((month_bounds(&start)?.0, month_bounds(&end)?.1));
    }
    let end = add_days(from, -1)?;
    Some((add_days(&end, -days)?, end))
}

/// The "YYYY-MM" months `from..=to` touches, oldest first.
pub fn months(from: &str, to: &str) -> Vec<String> {
    let (Some((fy, fm, _)), Some((ty, tm, _))) = (ymd(from), ymd(to)) else {
        return Vec::new();
    };
    (fy * 12 + fm - 1..=ty * 12 + tm - 1)
        .map(|n| format!("{:04}-{:02}", n.div_euclid(12), n.rem_euclid(12) + 1))
        .collect()
}

/// The days of month `month` that lie within `from..=to` (first, last); `None` when none do.
pub fn month_within(month: &str, from: &str, to: &str) -> Option<(String, String)> {
    let (a, b) = month_bounds(month)?;
    let first = if a.as_str() < from {
        from.to_owned()
    } else {
        a
    };
    let last = if b.as_str() > to { to.to_owned() } else { b };
    (first <= last).then_some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.into(), b.into()))
    }

    #[test]
    fn quarters_and_years_have_their_bounds() {
        assert_eq!(quarter_bounds(2026, 1), p("2026-01-01", "2026-03-31"));
        assert_eq!(quarter_bounds(2024, 4), p("2024-10-01", "2024-12-31"));
        assert_eq!(quarter_bounds(2026, 5), None);
        assert_eq!(year_bounds(2026), p("2026-01-01", "2026-12-31"));
        assert_eq!(quarter_of("2026-08-15"), Some((2026, 3)));
    }

    #[test]
    fn the_period_before_is_as_long() {
        // a month, a quarter across a year, a year, a leap February
        assert_eq!(
            previous("2026-03-01", "2026-03-31"),
            p("2026-02-01", "2026-02-28")
        );
        assert_eq!(
            previous("2026-01-01", "2026-03-31"),
            p("2025-10-01", "2025-12-31")
        );
        assert_eq!(
            previous("2026-01-01", "2026-12-31"),
            p("2025-01-01", "2025-12-31")
        );
        assert_eq!(
            previous("2024-03-01", "2024-03-31"),
            p("2024-02-01", "2024-02-29")
        );
        // any other range: as many days, ending the day before
        assert_eq!(
            previous("2026-03-10", "2026-03-19"),
            p("2026-02-28", "2026-03-09")
        );
        assert_eq!(previous("2026-03-19", "2026-03-10"), None);
        assert_eq!(previous("三月", "2026-03-10"), None);
    }

    #[test]
    fn a_period_lists_the_months_it_touches() {
        assert_eq!(
            months("2025-11-20", "2026-02-03"),
            ["2025-11", "2025-12", "2026-01", "2026-02"]
        );
        assert_eq!(months("2026-03-01", "2026-03-31"), ["2026-03"]);
        assert_eq!(
            month_within("2025-11", "2025-11-20", "2026-02-03"),
            p("2025-11-20", "2025-11-30")
        );
        assert_eq!(
            month_within("2026-02", "2025-11-20", "2026-02-03"),
            p("2026-02-01", "2026-02-03")
        );
        assert_eq!(month_within("2026-04", "2025-11-20", "2026-02-03"), None);
    }
}
