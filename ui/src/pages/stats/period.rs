//! The period picker's arithmetic: a month ("2026-03"), a quarter ("2026-Q1"), a year ("2026")
//! or two dates, to the first and last days the dashboard asks about; and the period a kind
//! starts on (the last finished month or quarter, this year).

use linli_domain::{calendar, period};

/// What the period picker is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Month,
    Quarter,
    Year,
    Range,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Month, Kind::Quarter, Kind::Year, Kind::Range];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Month => "month",
            Kind::Quarter => "quarter",
            Kind::Year => "year",
            Kind::Range => "range",
        }
    }

    pub fn read(code: &str) -> Kind {
        Kind::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or(Kind::Month)
    }
}

fn date(text: &str) -> Option<String> {
    linli_domain::date::validate("date", text).ok()
}

/// The first and last days of the period, `None` when what was typed does not read.
pub fn bounds(kind: Kind, which: &str, from: &str, to: &str) -> Option<(String, String)> {
    let which = which.trim();
    match kind {
        Kind::Month => calendar::month_bounds(which).filter(|_| which.len() == 7),
        Kind::Quarter => {
            let (y, q) = which.split_once(['-', ' '])?;
            let q = q.trim().trim_start_matches(['Q', 'q']);
            period::quarter_bounds(y.trim().parse().ok()?, q.parse().ok()?)
        }
        Kind::Year => match which.parse::<i64>() {
            Ok(y) if (1900..=9999).contains(&y) => period::year_bounds(y),
            _ => None,
        },
        Kind::Range => {
            let (f, t) = (date(from)?, date(to)?);
            (f <= t).then_some((f, t))
        }
    }
}

/// What `which` starts as for a kind, on `today`: last month, last quarter, this year.
pub fn default_which(kind: Kind, today: &str) -> String {
    match kind {
        Kind::Month => calendar::months_before(today, 1)[..7].to_owned(),
        Kind::Quarter => {
            let before = calendar::months_before(today, 3);
            let (y, q) = period::quarter_of(&before).unwrap_or((2026, 1));
            format!("{y}-Q{q}")
        }
        Kind::Year | Kind::Range => today[..4].to_owned(),
    }
}

/// Today on the laptop's clock, "YYYY-MM-DD" (the window only).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.into(), b.into()))
    }

    #[test]
    fn each_kind_reads_its_own_way() {
        assert_eq!(
            bounds(Kind::Month, "2026-02", "", ""),
            p("2026-02-01", "2026-02-28")
        );
        assert_eq!(bounds(Kind::Month, "2026-2-1", "", ""), None);
        assert_eq!(
            bounds(Kind::Quarter, "2026-Q3", "", ""),
            p("2026-07-01", "2026-09-30")
        );
        assert_eq!(
            bounds(Kind::Quarter, "2026 q4", "", ""),
            p("2026-10-01", "2026-12-31")
        );
        assert_eq!(bounds(Kind::Quarter, "2026-Q5", "", ""), None);
        assert_eq!(
            bounds(Kind::Year, "2025", "", ""),
            p("2025-01-01", "2025-12-31")
        );
        assert_eq!(bounds(Kind::Year, "25年", "", ""), None);
        assert_eq!(
            bounds(Kind::Range, "", "2026-3-1", "2026-03-10"),
            p("2026-03-01", "2026-03-10")
        );
        assert_eq!(bounds(Kind::Range, "", "2026-03-10", "2026-03-01"), None);
        assert_eq!(Kind::read("quarter"), Kind::Quarter);
        assert_eq!(Kind::read("nonsense"), Kind::Month);
    }

    #[test]
    fn a_kind_starts_on_the_last_finished_period() {
        assert_eq!(default_which(Kind::Month, "2026-01-15"), "2025-12");
        assert_eq!(default_which(Kind::Quarter, "2026-02-15"), "2025-Q4");
        assert_eq!(default_which(Kind::Quarter, "2026-12-06"), "2026-Q3");
        assert_eq!(default_which(Kind::Year, "2026-12-06"), "2026");
    }
}
