//! The pure rules of the time bank's points: what an entry earns under the caps, and which points
//! expired, walking a volunteer's ledger facts first earned, first used. The store reads the
//! facts and the rules; the arithmetic is here, property-tested.

use std::collections::VecDeque;

use crate::calendar::months_before;
use crate::volunteers::points_for;

/// Points an entry of `minutes` earns at `rate` points an hour, after the per-entry cap and what
/// is left of the month's cap (`earned_this_month` already credited by entries that month).
/// Never negative.
pub fn capped_points(
    minutes: i64,
    rate: i64,
    entry_cap: Option<i64>,
    month_cap: Option<i64>,
    earned_this_month: i64,
) -> i64 {
    let mut points = points_for(minutes, rate).max(0);
    if let Some(cap) = entry_cap {
        points = points.min(cap.max(0));
    }
    if let Some(cap) = month_cap {
        points = points.min((cap - earned_this_month).max(0));
    }
    points
}

/// Points that expired by the rules. `facts` are a volunteer's ledger facts as (date
/// "YYYY-MM-DD", points) in date order: each credit is a lot dated by its fact; a debit uses the
/// oldest lots still valid on its date (first earned, first used); a lot older than
/// `expiry_months` on a later fact's date, or on `today`, expires with what is left of it. A
/// debit no lot covers is a debt that later credits pay first. So the sum of the facts equals the
/// balance plus what expired, and with no expiry nothing expires.
pub fn expired<'a>(
    facts: impl IntoIterator<Item = (&'a str, i64)>,
    expiry_months: Option<i64>,
    today: &str,
) -> i64 {
    let Some(months) = expiry_months else {
        return 0;
    };
    let mut lots: VecDeque<(&str, i64)> = VecDeque::new();
    let (mut expired, mut debt) = (0i64, 0i64);
    let expire = |lots: &mut VecDeque<(&str, i64)>, on: &str, expired: &mut i64| {
        let cutoff = months_before(on, months);
        while lots.front().is_some_and(|(d, _)| *d < cutoff.as_str()) {
            if let Some((_, left)) = lots.pop_front() {
                *expired += left;
            }
        }
    };
    for (date, points) in facts {
        expire(&mut lots, date, &mut expired);
        if points > 0 {
            let paid = points.min(debt);
            debt -= paid;
            if points > paid {
                lots.push_back((date, points - paid));
            }
        } else {
            let mut need = -points;
            while need > 0 {
                let Some(front) = lots.front_mut() else { break };
                let used = front.1.min(need);
                front.1 -= used;
                need -= used;
                if front.1 == 0 {
                    lots.pop_front();
                }
            }
            debt += need;
        }
    }
    expire(&mut lots, today, &mut expired);
    expired
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{add_days, day_text};
    use proptest::prelude::*;

    #[test]
    fn lots_expire_first_earned_first_used() {
        let f = [
            ("2025-01-10", 100),
            ("2025-06-01", 50),
            ("2025-07-01", -120),
        ];
        // the debit of July takes January's 100 (valid for 12 months) and 20 of June's
        assert_eq!(expired(f, Some(12), "2025-12-31"), 0);
        assert_eq!(expired(f, Some(12), "2026-06-30"), 30);
        // with 3 months, January's lot is gone by July: the debit takes June's 50 and owes 70
        assert_eq!(expired(f, Some(3), "2025-07-01"), 100);
        assert_eq!(expired(f, None, "2099-01-01"), 0);
    }

    #[test]
    fn caps_cut_an_entry_and_the_month() {
        assert_eq!(capped_points(120, 10, None, None, 0), 20);
        assert_eq!(capped_points(120, 10, Some(15), None, 0), 15);
        assert_eq!(capped_points(120, 10, None, Some(300), 290), 10);
        assert_eq!(capped_points(120, 10, None, Some(300), 400), 0);
        assert_eq!(capped_points(120, -10, None, None, 0), 0);
    }

    fn facts() -> impl Strategy<Value = Vec<(String, i64)>> {
        proptest::collection::vec((0i64..1500, -200i64..300), 0..40).prop_map(|mut v| {
            v.sort_by_key(|(d, _)| *d);
            v.into_iter()
                .map(|(d, p)| (day_text(20_000 + d), p))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn expired_points_are_never_more_than_were_earned(f in facts(), m in 1i64..36, later in 0i64..2000) {
            let today = add_days("2024-10-04", later).unwrap();
            let e = expired(f.iter().map(|(d, p)| (d.as_str(), *p)), Some(m), &today);
            let credits: i64 = f.iter().map(|(_, p)| (*p).max(0)).sum();
            prop_assert!(e >= 0 && e <= credits);
        }

        #[test]
        fn a_longer_life_expires_no_more(f in facts(), m in 1i64..36, later in 0i64..2000) {
            let today = add_days("2024-10-04", later).unwrap();
            let it = || f.iter().map(|(d, p)| (d.as_str(), *p));
            prop_assert!(expired(it(), Some(m + 1), &today) <= expired(it(), Some(m), &today));
            prop_assert_eq!(expired(it(), None, &today), 0);
        }

        #[test]
        fn only_credits_older_than_the_life_expire_when_nothing_is_spent(
            f in facts(), m in 1i64..36, later in 0i64..2000,
        ) {
            // today on or after every fact
            let today = add_days(&day_text(21_500), later).unwrap();
            let credits: Vec<(&str, i64)> =
                f.iter().filter(|(_, p)| *p > 0).map(|(d, p)| (d.as_str(), *p)).collect();
            let cutoff = months_before(&today, m);
            let old: i64 = credits.iter().filter(|(d, _)| *d < cutoff.as_str()).map(|(_, p)| p).sum();
            prop_assert_eq!(expired(credits.iter().copied(), Some(m), &today), old);
        }

        #[test]
        fn caps_are_never_exceeded(
            min in 0i64..1500, rate in 0i64..50, ec in proptest::option::of(0i64..100),
            mc in proptest::option::of(0i64..500), earned in 0i64..600,
        ) {
            let p = capped_points(min, rate, ec, mc, earned);
            prop_assert!(p >= 0 && p <= points_for(min, rate));
            if let Some(c) = ec { prop_assert!(p <= c); }
            if let Some(c) = mc { prop_assert!(p <= (c - earned).max(0)); }
        }
    }
}
