//! Where a store's [`Now`] comes from: the system clock and time zone in the app, or a clock the
//! demo, a test or the simulation pins. The writer borrows it for the length of a transaction
//! (ids and stamps of one write come from one clock); reads take a copy.

use linli_domain::Now;

/// The system's wall time and UTC offset now, with fresh ids.
pub fn system_now() -> Now {
    let wall = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    Now::at(wall, local_offset_minutes())
}

/// The system time zone's offset from UTC now, in minutes.
pub fn local_offset_minutes() -> i32 {
    chrono::Local::now().offset().local_minus_utc() / 60
}

/// A store's clock: the system's, read afresh at each use, or one pinned.
#[derive(Debug, Clone)]
pub(crate) enum NowSource {
    System(Now),
    Pinned(Now),
}

impl Default for NowSource {
    fn default() -> Self {
        NowSource::System(system_now())
    }
}

impl NowSource {
    /// The clock for a write: the system's read now, or the pinned one.
    pub(crate) fn current(&mut self) -> &mut Now {
        match self {
            NowSource::System(now) => {
                *now = system_now();
                now
            }
            NowSource::Pinned(now) => now,
        }
    }

    /// A copy of the clock for a read.
    pub(crate) fn read(&self) -> Now {
        match self {
            NowSource::System(_) => system_now(),
            NowSource::Pinned(now) => now.clone(),
        }
    }
}

impl crate::Store {
    /// The clock this store writes with, as it reads now.
    pub fn now(&self) -> Now {
        self.now.read()
    }

    /// Pins the clock (the demo, tests, the simulation): every write after this takes its wall
    /// time, day and new ids from `now`, until [`Self::unpin_now`]. Returns the clock it replaced
    /// when that was pinned.
    pub fn pin_now(&mut self, now: Now) -> Option<Now> {
        match std::mem::replace(&mut self.now, NowSource::Pinned(now)) {
            NowSource::Pinned(old) => Some(old),
            NowSource::System(_) => None,
        }
    }

    /// Goes back to the system clock; returns the pinned clock as it stands (its ids moved on).
    pub fn unpin_now(&mut self) -> Option<Now> {
        match std::mem::take(&mut self.now) {
            NowSource::Pinned(old) => Some(old),
            NowSource::System(_) => None,
        }
    }

    /// The pinned clock, to move it (the demo sets the time of what it writes next).
    pub(crate) fn pinned_now_mut(&mut self) -> Option<&mut Now> {
        match &mut self.now {
            NowSource::Pinned(now) => Some(now),
            NowSource::System(_) => None,
        }
    }

    /// A new row id from the store's clock.
    pub(crate) fn next_id(&mut self) -> linli_domain::Id {
        self.now.current().id()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_domain::now::{normalize_stamp, parse_stamp};

    /// A file written before 0011 holds the three old formats of `at`; opening it rewrites them
    /// into the one format, and a value in an old format that comes in afterwards (from an older
    /// laptop) is still read and shown.
    #[test]
    fn old_stamps_are_rewritten_and_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("linli.db");
        drop(crate::Store::open(&path).unwrap());
        let (visit, later) = (linli_domain::Id::new(), linli_domain::Id::new());
        let household = linli_domain::Id::new();
        {
            let c = crate::connect(&path).unwrap();
            c.execute_batch(&format!(
                "INSERT INTO visits (id, household_id, at) VALUES ('{visit}', '{household}', '2026-11-20 09:30');
                 INSERT INTO reveals (id, resident_id, field, at, device_id)
                     VALUES ('r1', 'x', 'phone', '2026-11-20T01:30:00Z', 'd');
                 INSERT INTO activity_signups (id, activity_id, volunteer_id, at)
                     VALUES ('s1', 'a', 'v', '2026-11-20T01:30:00.000Z');
                 ALTER TABLE service_hours DROP COLUMN credited_by;
                 ALTER TABLE activities DROP COLUMN start_time;
                 ALTER TABLE activities DROP COLUMN capacity;
                 DROP TABLE hour_rejections;
                 ALTER TABLE reveals DROP COLUMN seen_by; ALTER TABLE reveals DROP COLUMN seen_name;
                 ALTER TABLE reveals DROP COLUMN seen_at;
                 ALTER TABLE sync_refusals DROP COLUMN code; ALTER TABLE sync_refusals DROP COLUMN args; ALTER TABLE council_meetings DROP COLUMN quorum; ALTER TABLE council_meetings DROP COLUMN pass_rule;
                 ALTER TABLE circle_points DROP COLUMN opened_on; ALTER TABLE circle_points DROP COLUMN closed_on;
                 PRAGMA user_version = 10;"
            ))
            .unwrap();
        }
        let s = crate::Store::open(&path).unwrap();
        let off = local_offset_minutes();
        let at = |sql: &str| -> String { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        let visit_at = at("SELECT at FROM visits");
        assert_eq!(
            Some(visit_at.clone()),
            normalize_stamp("2026-11-20 09:30", off),
            "a local minute gets seconds and this laptop's offset"
        );
        for (sql, old) in [
            ("SELECT at FROM reveals", "2026-11-20T01:30:00Z"),
            (
                "SELECT at FROM activity_signups",
                "2026-11-20T01:30:00.000Z",
            ),
        ] {
            let new = at(sql);
            assert_eq!(Some(new.clone()), normalize_stamp(old, off), "{sql}");
            assert_eq!(
                parse_stamp(&new, 0).unwrap().utc_ms(),
                parse_stamp(old, 0).unwrap().utc_ms(),
                "the same instant"
            );
        }
        // shown as the forms show a time, old and new alike
        assert_eq!(s.visit(visit).unwrap().at, "2026-11-20 09:30");
        s.conn()
            .execute(
                "INSERT INTO visits (id, household_id, at) VALUES (?1, ?2, '2026-11-21 08:00')",
                [later.to_string(), household.to_string()],
            )
            .unwrap();
        assert_eq!(s.visit(later).unwrap().at, "2026-11-21 08:00");
    }
}
