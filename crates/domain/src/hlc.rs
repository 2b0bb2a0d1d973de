//! The hybrid logical clock (HLC) that orders every write. It follows wall-clock milliseconds when
//! the clock is sane, and a counter when it is not, so a laptop whose clock is wrong by days still
//! produces timestamps that move forward and that other devices can merge against.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A timestamp: wall milliseconds since the Unix epoch plus a logical counter. Ordered by
/// `(ms, counter)`; ties between devices are broken by device id, outside this type.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Hlc {
    pub ms: u64,
    pub counter: u32,
}

impl Hlc {
    pub const ZERO: Hlc = Hlc { ms: 0, counter: 0 };

    pub const fn new(ms: u64, counter: u32) -> Self {
        Hlc { ms, counter }
    }

    /// The next timestamp after this one for the same wall time.
    fn bump(self) -> Hlc {
        match self.counter.checked_add(1) {
            Some(counter) => Hlc {
                ms: self.ms,
                counter,
            },
            // a clock at the end of time stays there rather than overflow (a server
            // refuses changes stamped more than a day ahead, and laptops cap what they observe)
            None => match self.ms.checked_add(1) {
                Some(ms) => Hlc { ms, counter: 0 },
                None => self,
            },
        }
    }
}

/// Fixed-width text (`000001764316800000-00000`) that sorts like the clock itself.
impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:018}-{:05}", self.ms, self.counter)
    }
}

impl FromStr for Hlc {
    type Err = crate::DomainError;

    fn from_str(s: &str) -> crate::Result<Self> {
        let bad =
            || crate::DomainError::coded("hlc", crate::msg::BAD_CLOCK, crate::args![value = s]);
        let (ms, counter) = s.split_once('-').ok_or_else(bad)?;
        Ok(Hlc {
            ms: ms.parse().map_err(|_| bad())?,
            counter: counter.parse().map_err(|_| bad())?,
        })
    }
}

/// A device's clock. Feed it the wall time; it hands out strictly increasing timestamps.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    /// A clock that continues after `last`, the highest timestamp this device has seen.
    pub fn new(last: Hlc) -> Self {
        Clock { last }
    }

    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A timestamp for a local event at wall time `now_ms`.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        self.last = if now_ms > self.last.ms {
            Hlc::new(now_ms, 0)
        } else {
            self.last.bump()
        };
        self.last
    }

    /// Takes in a timestamp seen from elsewhere (a pulled change, the server's time), so that every
    /// later local timestamp sorts after it.
    pub fn observe(&mut self, remote: Hlc, now_ms: u64) -> Hlc {
        let wall = Hlc::new(now_ms, 0);
        let top = self.last.max(remote);
        self.last = if wall > top { wall } else { top.bump() };
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_follow_the_wall_and_never_go_back() {
        let t = 1_764_316_800_000;
        let mut c = Clock::default();
        assert_eq!(c.tick(t), Hlc::new(t, 0));
        assert_eq!(c.tick(t), Hlc::new(t, 1));
        // the wall clock jumps back an hour: the clock keeps counting forward
        assert_eq!(c.tick(t - 3_600_000), Hlc::new(t, 2));
        assert_eq!(c.tick(t + 1), Hlc::new(t + 1, 0));
    }

    #[test]
    fn observing_a_future_clock_moves_past_it() {
        let mut c = Clock::new(Hlc::new(1000, 5));
        let days_ahead = Hlc::new(1000 + 3 * 86_400_000, 7);
        assert_eq!(c.observe(days_ahead, 1200), Hlc::new(days_ahead.ms, 8));
        assert!(c.tick(1300) > days_ahead);
        // a past remote clock changes nothing but the counter
        let before = c.last();
        assert!(c.observe(Hlc::new(10, 0), 1400) > before);
    }

    #[test]
    fn counter_overflow_rolls_into_the_next_millisecond() {
        let mut c = Clock::new(Hlc::new(5, u32::MAX));
        assert_eq!(c.tick(5), Hlc::new(6, 0));
    }

    #[test]
    fn the_end_of_time_does_not_overflow() {
        let mut c = Clock::new(Hlc::new(u64::MAX, u32::MAX));
        assert_eq!(c.tick(5), Hlc::new(u64::MAX, u32::MAX));
        assert_eq!(
            c.observe(Hlc::new(u64::MAX, u32::MAX), u64::MAX),
            Hlc::new(u64::MAX, u32::MAX)
        );
    }

    #[test]
    fn text_form_sorts_like_the_clock_and_round_trips() {
        let a = Hlc::new(1_764_316_800_000, 9);
        let b = Hlc::new(1_764_316_800_001, 0);
        assert!(a.to_string() < b.to_string());
        assert_eq!(a.to_string().parse::<Hlc>().unwrap(), a);
        assert!("garbage".parse::<Hlc>().is_err());
    }
}
