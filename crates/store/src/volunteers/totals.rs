//! Sums the time bank's pages share: verified hours of a volunteer or a team. The lowest of the
//! volunteers files after `mod.rs`: the registry, the ledger and the reports read it, it reads
//! none of them.

use linli_domain::volunteers::minutes_to_hours;
use linli_domain::Id;
use rusqlite::Connection;

use crate::Result;

/// The condition, on `service_hours e`, that an entry counts.
pub(crate) const COUNTS: &str =
    "EXISTS (SELECT 1 FROM hour_verifications hv WHERE hv.entry_id = coalesce(e.reverses, e.id))";

/// Verified hours of a volunteer, net of reversals.
pub(crate) fn verified_hours_of(conn: &Connection, volunteer: Id) -> Result<f64> {
    let m: i64 = conn
        .prepare_cached(&format!(
            "SELECT coalesce(sum(e.minutes), 0) FROM service_hours e
             WHERE e.volunteer_id = ?1 AND {COUNTS}"
        ))?
        .query_row([volunteer.to_string()], |r| r.get(0))?;
    Ok(minutes_to_hours(m))
}

/// Verified hours of the activities of a team, net of reversals.
pub(crate) fn verified_hours_of_team(conn: &Connection, team: Id) -> Result<f64> {
    let m: i64 = conn
        .prepare_cached(&format!(
            "SELECT coalesce(sum(e.minutes), 0) FROM service_hours e
             JOIN activities a ON a.id = e.activity_id
             WHERE a.team_id = ?1 AND {COUNTS}"
        ))?
        .query_row([team.to_string()], |r| r.get(0))?;
    Ok(minutes_to_hours(m))
}
