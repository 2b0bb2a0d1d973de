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
    /// time, day and new ids from `now`, until [`Store::unpin_now`]. Returns the clock it replaced
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
