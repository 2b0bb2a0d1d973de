//! Why an hours entry earns what it earns: the community's rule for its category (points an
//! hour), the caps, and the arithmetic, for the window to say "2 h → 0 points" with its reason.

use linli_domain::points::capped_points;
use linli_domain::volunteers::points_for;
use linli_protocol::{EntryStatus, ExplainPoints, PointsExplanation, PointsReason};
use rusqlite::params;

use super::hours::entry;
use super::{ledger, volunteer_head};
use crate::{Result, Store};

impl Store {
    pub fn explain_points(&self, req: &ExplainPoints) -> Result<PointsExplanation> {
        let e = entry(&self.conn, req.entry_id)?;
        let (community, _) = volunteer_head(&self.conn, e.volunteer_id)?;
        let rules = ledger::rules_of(&self.conn, community)?;
        let own = rules.rates.get(&e.category).copied();
        let rate = own.unwrap_or(rules.default_rate);
        let minutes = (e.hours.abs() * 60.0).round() as i64;
        let raw = points_for(minutes, rate).max(0);
        // earned in the entry's month before it: before its earn fact when verified, else all
        let month_before: i64 = match rules.month_cap {
            None => 0,
            Some(_) => self
                .conn
                .prepare_cached(
                    "SELECT coalesce(sum(l.points), 0) FROM ledger l
                     WHERE l.volunteer_id = ?1 AND l.entry_id IS NOT NULL AND l.entry_id != ?2
                       AND substr(l.date, 1, 7) = ?3
                       AND NOT EXISTS (SELECT 1 FROM ledger mine WHERE mine.entry_id = ?2
                           AND mine.kind = 'earn' AND (mine.at, mine.id) <= (l.at, l.id))",
                )?
                .query_row(
                    params![
                        e.volunteer_id.to_string(),
                        e.id.to_string(),
                        linli_domain::calendar::month_of(&e.date)
                    ],
                    |r| r.get(0),
                )?,
        };
        let would = capped_points(
            minutes,
            rate,
            rules.entry_cap,
            rules.month_cap,
            month_before,
        );
        let after_entry_cap = rules.entry_cap.map_or(raw, |c| raw.min(c.max(0)));
        let (points, reason) = match e.status {
            EntryStatus::Rejected => (0, PointsReason::Rejected),
            EntryStatus::Reversed | EntryStatus::Reversal => {
                (e.points.unwrap_or(0), PointsReason::Reversed)
            }
            EntryStatus::Verified if e.points.unwrap_or(0) != would => {
                (e.points.unwrap_or(0), PointsReason::RulesChanged)
            }
            _ => (
                would,
                if rate == 0 {
                    PointsReason::RateZero
                } else if raw == 0 {
                    PointsReason::BelowMinimum
                } else if would < after_entry_cap {
                    PointsReason::MonthCap
                } else if after_entry_cap < raw {
                    PointsReason::EntryCap
                } else {
                    PointsReason::Full
                },
            ),
        };
        Ok(PointsExplanation {
            entry: e,
            rules,
            rate,
            rate_is_default: own.is_none(),
            minutes,
            raw,
            month_before,
            points,
            reason,
        })
    }
}
