//! Date arithmetic on the texts the register keeps ("YYYY-MM-DD" days, "YYYY-MM" months): day
//! numbers, adding days and months, weeks, months' bounds, ages. Pure functions over the
//! proleptic Gregorian calendar, with no clock: the day "today" is [`crate::Now::today`]'s.

/// Days since 1970-01-01 of a "YYYY-MM-DD…" text (the date part of a time is enough); `None`
/// if it does not read.
pub fn day_number(text: &str) -> Option<i64> {
    let d = text.get(..10)?;
    let mut p = d.split('-');
    let y: i64 = p.next()?.parse().ok()?;
    let m: i64 = p.next()?.parse().ok()?;
    let dd: i64 = p.next()?.parse().ok()?;
    if p.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&dd) {
        return None;
    }
    Some(days_from_civil(y, m, dd))
}

/// Days since 1970-01-01 of y-m-d (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a day number (the inverse of [`days_from_civil`]).
pub fn civil_from_days(n: i64) -> (i64, i64, i64) {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The "YYYY-MM-DD" of a day number (the inverse of [`day_number`]).
pub fn day_text(n: i64) -> String {
    let (y, m, d) = civil_from_days(n);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days from `a` to `b`; `None` if either does not read.
pub fn days_between(a: &str, b: &str) -> Option<i64> {
    Some(day_number(b)? - day_number(a)?)
}

/// `day` plus `n` days.
pub fn add_days(day: &str, n: i64) -> Option<String> {
    Some(day_text(day_number(day)? + n))
}

/// The number of days in month `m` of year `y` (0 for a month that is not one).
pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// The Monday and Sunday of the week `day` falls in (a day that does not read is taken as
/// 1970-01-01's week).
pub fn week_of(day: &str) -> (String, String) {
    let n = day_number(day).unwrap_or(0);
    // day 0 (1970-01-01) was a Thursday: Monday is weekday 0
    let monday = n - (n + 3).rem_euclid(7);
    (day_text(monday), day_text(monday + 6))
}

/// The "YYYY-MM" a "YYYY-MM-DD…" text falls in (the text itself when shorter).
pub fn month_of(day: &str) -> &str {
    day.get(..7).unwrap_or(day)
}

/// The first and last days of a "YYYY-MM" month; `None` if it does not read.
pub fn month_bounds(month: &str) -> Option<(String, String)> {
    let t = month.trim();
    let (y, m) = t.split_once('-')?;
    let (y, m): (i64, i64) = (y.parse().ok()?, m.parse().ok()?);
    if !(1..=12).contains(&m) || !(0..=9999).contains(&y) {
        return None;
    }
    let first = days_from_civil(y, m, 1);
    Some((day_text(first), day_text(first + days_in_month(y, m) - 1)))
}

/// The date `months` months before `day` ("YYYY-MM-DD"), the day of the month clamped to 28 so
/// that every month has it (a lot of points earned on the 31st expires with the 28th). A text
/// that does not read counts as 2000-01-01.
pub fn months_before(day: &str, months: i64) -> String {
    let y: i64 = day.get(..4).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let m: i64 = day.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(1);
    let d: i64 = day.get(8..10).and_then(|s| s.parse().ok()).unwrap_or(1);
    let total = y * 12 + (m - 1) - months;
    format!(
        "{:04}-{:02}-{:02}",
        total.div_euclid(12),
        total.rem_euclid(12) + 1,
        d.min(28)
    )
}

/// Whole years from `birth` to `day` (both "YYYY-MM-DD…"); `None` if either does not read.
pub fn age_on(birth: &str, day: &str) -> Option<i64> {
    let parts = |s: &str| -> Option<(i64, i64, i64)> {
        let mut it = s.get(..10)?.split('-').map(|p| p.parse::<i64>().ok());
        Some((it.next()??, it.next()??, it.next()??))
    };
    let (by, bm, bd) = parts(birth)?;
    let (y, m, d) = parts(day)?;
    let mut age = y - by;
    if (m, d) < (bm, bd) {
        age -= 1;
    }
    Some(age)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_text(0), "1970-01-01");
        assert_eq!(add_days("2024-02-28", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(add_days("2023-02-28", 1).as_deref(), Some("2023-03-01"));
        assert_eq!(days_between("2026-01-01", "2026-03-01"), Some(59));
        assert_eq!(day_number("2026-13-01"), None);
        assert_eq!(
            week_of("2026-12-06"),
            ("2026-11-30".into(), "2026-12-06".into())
        );
        assert_eq!(
            month_bounds("2024-02"),
            Some(("2024-02-01".into(), "2024-02-29".into()))
        );
        assert_eq!(month_bounds("2026-13"), None);
        assert_eq!(months_before("2026-01-31", 1), "2025-12-28");
        assert_eq!(months_before("2026-03-15", 12), "2025-03-15");
        assert_eq!(age_on("2000-02-29", "2018-02-28"), Some(17));
        assert_eq!(age_on("2000-02-29", "2018-03-01"), Some(18));
    }

    #[test]
    fn months_before_wraps_years() {
        assert_eq!(months_before("2026-03-31", 12), "2025-03-28");
        assert_eq!(months_before("2026-01-15", 1), "2025-12-15");
        assert_eq!(months_before("2026-01-15", 25), "2023-12-15");
    }

    fn day() -> impl Strategy<Value = i64> {
        // 1900-01-01 .. 2199-12-31
        -25_567i64..84_006
    }

    proptest! {
        #[test]
        fn day_numbers_and_texts_are_inverse(n in day()) {
            prop_assert_eq!(day_number(&day_text(n)), Some(n));
        }

        #[test]
        fn adding_days_adds_up(n in day(), a in -4000i64..4000, b in -4000i64..4000) {
            let d = day_text(n);
            let once = add_days(&d, a + b).unwrap();
            let twice = add_days(&add_days(&d, a).unwrap(), b).unwrap();
            prop_assert_eq!(&once, &twice);
            prop_assert_eq!(days_between(&d, &once), Some(a + b));
        }

        #[test]
        fn day_texts_sort_like_their_numbers(a in day(), b in day()) {
            prop_assert_eq!(day_text(a).cmp(&day_text(b)), a.cmp(&b));
        }

        #[test]
        fn a_week_runs_monday_to_sunday_around_its_day(n in day()) {
            let (mon, sun) = week_of(&day_text(n));
            let (m, s) = (day_number(&mon).unwrap(), day_number(&sun).unwrap());
            prop_assert_eq!(s - m, 6);
            prop_assert!(m <= n && n <= s);
            // 2024-01-01 was a Monday
            prop_assert_eq!((m - day_number("2024-01-01").unwrap()).rem_euclid(7), 0);
        }

        #[test]
        fn a_month_holds_its_days(y in 1900i64..2200, m in 1i64..=12) {
            let (first, last) = month_bounds(&format!("{y:04}-{m:02}")).unwrap();
            let len = days_between(&first, &last).unwrap() + 1;
            prop_assert_eq!(len, days_in_month(y, m));
            prop_assert!((28..=31).contains(&len));
            let next = add_days(&last, 1).unwrap();
            prop_assert_eq!(next.get(8..), Some("01"));
        }

        #[test]
        fn months_before_goes_back_whole_months(n in day(), k in 0i64..600) {
            let d = day_text(n);
            let back = months_before(&d, k);
            let (y0, m0) = (&d[..4], &d[5..7]);
            let (y1, m1) = (&back[..4], &back[5..7]);
            let months = |y: &str, m: &str| y.parse::<i64>().unwrap() * 12 + m.parse::<i64>().unwrap();
            prop_assert_eq!(months(y0, m0) - months(y1, m1), k);
            prop_assert!(day_number(&back).is_some());
            prop_assert!(back <= d);
            prop_assert_eq!(months_before(&back, 0), back.clone());
        }

        #[test]
        fn ages_grow_by_one_on_birthdays(b in day(), years in 0i64..120) {
            let birth = day_text(b);
            let (y, m, d) = civil_from_days(b);
            // the birthday `years` later (29 February's on 28 February in other years)
            let d2 = d.min(days_in_month(y + years, m));
            let birthday = format!("{:04}-{m:02}-{d2:02}", y + years);
            let age = age_on(&birth, &birthday).unwrap();
            prop_assert!(age == years || (d2 < d && age == years - 1));
            let eve = add_days(&birthday, -1).unwrap();
            prop_assert!(age_on(&birth, &eve).unwrap() <= age);
            prop_assert!(age_on(&birth, &birth) == Some(0));
        }
    }
}
