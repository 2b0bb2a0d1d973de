//! The one clock of a write: the wall time, the laptop's offset from UTC (so the local day and
//! minute), and where new row ids come from. The store's writer owns one; the app makes it from
//! the system clock, the demo and the simulation pin it (a fixed time, ids from a seed), so the
//! same seed gives the same rows. Reading the system clock is the store's job: nothing here does
//! I/O.
//!
//! Every synced `at` column holds one format, RFC 3339 local time with its offset, to the second:
//! `2026-11-20T09:30:00+08:00` ([`Now::stamp`]). Its first ten characters are the local day, its
//! text sorts by time among stamps of one offset, and any RFC 3339 reader takes it. Older
//! laptops wrote three others, which [`parse_stamp`] still reads.

use std::fmt;

use crate::Id;

/// Where a writer's new row ids come from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum IdSource {
    /// UUIDv7 from the system (the app).
    Fresh,
    /// Ids from a seed, shaped like UUIDv7 and ordered in the order they are made (the demo).
    Seeded { state: u64, counter: u64 },
}

/// The wall time, the local offset and the id source a write uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Now {
    wall_ms: u64,
    offset_minutes: i32,
    ids: IdSource,
}

/// The base of seeded ids' time field: 2026-01-01T00:00:00Z, plus one millisecond per id.
const SEEDED_BASE_MS: u64 = 1_767_225_600_000;

impl Now {
    /// The time `wall_ms` (milliseconds since 1970 UTC) on a laptop `offset_minutes` east of UTC,
    /// with fresh ids.
    pub fn at(wall_ms: u64, offset_minutes: i32) -> Now {
        Now {
            wall_ms,
            offset_minutes,
            ids: IdSource::Fresh,
        }
    }

    /// [`Now::at`] with ids drawn from `seed`: the same seed gives the same ids in the same order.
    pub fn seeded(wall_ms: u64, offset_minutes: i32, seed: u64) -> Now {
        Now {
            wall_ms,
            offset_minutes,
            ids: IdSource::Seeded {
                state: seed,
                counter: 0,
            },
        }
    }

    /// The same clock at another wall time (the ids keep their source and their place in it).
    pub fn with_wall_ms(mut self, wall_ms: u64) -> Now {
        self.wall_ms = wall_ms;
        self
    }

    /// Sets the wall time (a new reading of the system clock, or the simulation's skew).
    pub fn set_wall_ms(&mut self, wall_ms: u64) {
        self.wall_ms = wall_ms;
    }

    /// Sets the offset from UTC in minutes (a new reading of the system's time zone).
    pub fn set_offset_minutes(&mut self, offset_minutes: i32) {
        self.offset_minutes = offset_minutes;
    }

    /// Whether the ids come from a seed.
    pub fn is_seeded(&self) -> bool {
        matches!(self.ids, IdSource::Seeded { .. })
    }

    /// Milliseconds since 1970-01-01 UTC.
    pub fn wall_ms(&self) -> u64 {
        self.wall_ms
    }

    /// Minutes east of UTC (480 in China).
    pub fn offset_minutes(&self) -> i32 {
        self.offset_minutes
    }

    /// A new row id from this clock's source.
    pub fn id(&mut self) -> Id {
        match &mut self.ids {
            IdSource::Fresh => fresh_id(),
            IdSource::Seeded { state, counter } => {
                *counter += 1;
                let mut bytes = [0u8; 10];
                bytes[..8].copy_from_slice(&splitmix(state).to_be_bytes());
                bytes[8..].copy_from_slice(&(*counter as u16).to_be_bytes());
                let ms = SEEDED_BASE_MS + *counter;
                Id::from_uuid(uuid::Builder::from_unix_timestamp_millis(ms, &bytes).into_uuid())
            }
        }
    }

    /// The local time as (day number, minute of the day, second of the minute).
    fn local(&self) -> (i64, i64, i64) {
        let local_s = (self.wall_ms / 1000) as i64 + i64::from(self.offset_minutes) * 60;
        let (day, sec) = (local_s.div_euclid(86_400), local_s.rem_euclid(86_400));
        (day, sec / 60, sec % 60)
    }

    /// The local day, "YYYY-MM-DD".
    pub fn today(&self) -> String {
        crate::calendar::day_text(self.local().0)
    }

    /// The local time to the minute, "YYYY-MM-DD HH:MM": how the forms show and take a time.
    pub fn local_minute(&self) -> String {
        let (day, min, _) = self.local();
        format!(
            "{} {:02}:{:02}",
            crate::calendar::day_text(day),
            min / 60,
            min % 60
        )
    }

    /// The one format of a synced `at`: "YYYY-MM-DDTHH:MM:SS±HH:MM", local time with its offset.
    pub fn stamp(&self) -> String {
        let (day, min, sec) = self.local();
        Stamp {
            day,
            minute: min,
            second: sec,
            offset_minutes: self.offset_minutes,
        }
        .to_string()
    }

    /// A time the user gave as "YYYY-MM-DD HH:MM" (local), as a stamp at this clock's offset.
    /// `None` if it does not read.
    pub fn stamp_of_local_minute(&self, local: &str) -> Option<String> {
        let s = parse_stamp(local, self.offset_minutes)?;
        Some(
            Stamp {
                offset_minutes: self.offset_minutes,
                ..s
            }
            .to_string(),
        )
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn fresh_id() -> Id {
    Id::new()
}

#[cfg(target_arch = "wasm32")]
fn fresh_id() -> Id {
    // the UI never makes rows; a wasm caller gets the nil id rather than a panic
    Id::from_uuid(uuid::Uuid::nil())
}

/// splitmix64: a small generator with a well-spread output.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A local time with its offset, read from any of the formats a synced `at` has held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// The local day (days since 1970-01-01).
    pub day: i64,
    /// Minute of the local day.
    pub minute: i64,
    pub second: i64,
    /// Minutes east of UTC.
    pub offset_minutes: i32,
}

impl Stamp {
    /// Milliseconds since 1970-01-01 UTC.
    pub fn utc_ms(&self) -> i64 {
        ((self.day * 86_400 + self.minute * 60 + self.second) - i64::from(self.offset_minutes) * 60)
            * 1000
    }

    /// The same instant at another offset.
    pub fn at_offset(&self, offset_minutes: i32) -> Stamp {
        let s = self.utc_ms().div_euclid(1000) + i64::from(offset_minutes) * 60;
        let (day, sec) = (s.div_euclid(86_400), s.rem_euclid(86_400));
        Stamp {
            day,
            minute: sec / 60,
            second: sec % 60,
            offset_minutes,
        }
    }

    /// "YYYY-MM-DD HH:MM" in its own offset: how the forms show a time.
    pub fn local_minute(&self) -> String {
        format!(
            "{} {:02}:{:02}",
            crate::calendar::day_text(self.day),
            self.minute / 60,
            self.minute % 60
        )
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (sign, off) = if self.offset_minutes < 0 {
            ('-', -self.offset_minutes)
        } else {
            ('+', self.offset_minutes)
        };
        write!(
            f,
            "{}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            crate::calendar::day_text(self.day),
            self.minute / 60,
            self.minute % 60,
            self.second,
            off / 60,
            off % 60
        )
    }
}

/// Reads a synced `at` in any format Linli has written:
/// - "YYYY-MM-DDTHH:MM:SS±HH:MM" (this version: local time with its offset),
/// - "YYYY-MM-DDTHH:MM:SSZ" and "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC, before: reveals and the time bank),
/// - "YYYY-MM-DD HH:MM" (local time with no offset, before: field work), taken at
///   `local_offset_minutes`.
///
/// A UTC time is given at offset 0. `None` if the text is none of these.
pub fn parse_stamp(text: &str, local_offset_minutes: i32) -> Option<Stamp> {
    let t = text.trim();
    let day = crate::calendar::day_number(t.get(..10)?)?;
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = t.get(r)?;
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let sep = t.as_bytes().get(10).copied()?;
    let (h, m) = (num(11..13)?, num(14..16)?);
    if t.get(13..14)? != ":" || h > 23 || m > 59 {
        return None;
    }
    let minute = h * 60 + m;
    let mut stamp = Stamp {
        day,
        minute,
        second: 0,
        offset_minutes: local_offset_minutes,
    };
    if sep == b' ' && t.len() == 16 {
        return Some(stamp);
    }
    if sep != b'T' || t.get(16..17)? != ":" {
        return None;
    }
    stamp.second = num(17..19)?;
    if stamp.second > 59 {
        return None;
    }
    let mut rest = &t[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    if rest == "Z" {
        stamp.offset_minutes = 0;
        return Some(stamp);
    }
    let sign = match rest.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let off = rest.get(1..)?;
    if off.len() != 5 || off.get(2..3)? != ":" {
        return None;
    }
    let (oh, om): (i32, i32) = (off.get(..2)?.parse().ok()?, off.get(3..)?.parse().ok()?);
    if oh > 23 || om > 59 {
        return None;
    }
    stamp.offset_minutes = sign * (oh * 60 + om);
    Some(stamp)
}

/// A synced `at` in any format, as the one format: at its own offset when it has one, at
/// `local_offset_minutes` when it was UTC or had none. `None` if it does not read.
pub fn normalize_stamp(text: &str, local_offset_minutes: i32) -> Option<String> {
    let s = parse_stamp(text, local_offset_minutes)?;
    let t = text.trim();
    Some(if t.ends_with('Z') {
        s.at_offset(local_offset_minutes).to_string()
    } else {
        s.to_string()
    })
}

/// A synced `at` shown as the forms show a time, "YYYY-MM-DD HH:MM" local: a stamp with an offset
/// at that offset, a UTC one at `local_offset_minutes`. A text that does not read is shown as it is.
pub fn local_minute_of(text: &str, local_offset_minutes: i32) -> String {
    match normalize_stamp(text, local_offset_minutes).and_then(|s| parse_stamp(&s, 0)) {
        Some(s) => s.local_minute(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CHINA: i32 = 480;

    #[test]
    fn the_clock_reads_local_days_and_stamps() {
        // 2025-11-20T01:30:05Z is 09:30 in China
        let now = Now::at(1_763_602_205_000, CHINA);
        assert_eq!(now.today(), "2025-11-20");
        assert_eq!(now.local_minute(), "2025-11-20 09:30");
        assert_eq!(now.stamp(), "2025-11-20T09:30:05+08:00");
        let west = Now::at(1_763_602_205_000, -300);
        assert_eq!(west.today(), "2025-11-19");
        assert_eq!(west.stamp(), "2025-11-19T20:30:05-05:00");
    }

    #[test]
    fn every_format_an_at_has_held_is_read() {
        let s = |t: &str| parse_stamp(t, CHINA).map(|s| s.utc_ms());
        let want = s("2026-11-20T09:30:00+08:00").unwrap();
        assert_eq!(s("2026-11-20T01:30:00Z"), Some(want));
        assert_eq!(s("2026-11-20T01:30:00.000Z"), Some(want));
        assert_eq!(s("2026-11-20 09:30"), Some(want));
        for bad in [
            "",
            "2026-11-20",
            "2026-11-20T25:00:00Z",
            "2026-11-20 09:30:00",
            "x",
        ] {
            assert_eq!(parse_stamp(bad, CHINA), None, "{bad}");
        }
        assert_eq!(
            normalize_stamp("2026-11-20T01:30:00.000Z", CHINA).as_deref(),
            Some("2026-11-20T09:30:00+08:00")
        );
        assert_eq!(
            normalize_stamp("2026-11-20 09:30", CHINA).as_deref(),
            Some("2026-11-20T09:30:00+08:00")
        );
        assert_eq!(
            local_minute_of("2026-11-20T09:30:00+08:00", 0),
            "2026-11-20 09:30"
        );
        assert_eq!(
            local_minute_of("2026-11-20T01:30:00Z", CHINA),
            "2026-11-20 09:30"
        );
        assert_eq!(local_minute_of("garbage", CHINA), "garbage");
    }

    #[test]
    fn seeded_ids_repeat_and_order() {
        let mut a = Now::seeded(0, 0, 7);
        let mut b = Now::seeded(99, 60, 7);
        let xs: Vec<Id> = (0..50).map(|_| a.id()).collect();
        let ys: Vec<Id> = (0..50).map(|_| b.id()).collect();
        assert_eq!(xs, ys);
        assert!(xs.windows(2).all(|w| w[0] < w[1]));
        let mut c = Now::seeded(0, 0, 8);
        assert_ne!(c.id(), xs[0]);
    }

    proptest! {
        #[test]
        fn a_stamp_reads_back_as_its_instant(
            ms in 0u64..7_258_118_400_000, off in -720i32..=840,
        ) {
            let now = Now::at(ms, off);
            let stamp = now.stamp();
            let read = parse_stamp(&stamp, 0).unwrap();
            prop_assert_eq!(read.utc_ms(), (ms / 1000 * 1000) as i64);
            prop_assert_eq!(read.offset_minutes, off);
            prop_assert_eq!(stamp[..10].to_owned(), now.today());
            prop_assert_eq!(read.local_minute(), now.local_minute());
            prop_assert_eq!(normalize_stamp(&stamp, 0), Some(stamp.clone()));
        }

        #[test]
        fn old_formats_read_as_the_same_instant(ms in 0u64..7_258_118_400_000, off in -720i32..=840) {
            let utc = Now::at(ms, 0);
            let z = format!("{}Z", &utc.stamp()[..19]);
            let zms = format!("{}.000Z", &utc.stamp()[..19]);
            let local = Now::at(ms, off);
            let want = (ms / 1000 * 1000) as i64;
            prop_assert_eq!(parse_stamp(&z, off).unwrap().utc_ms(), want);
            prop_assert_eq!(parse_stamp(&zms, off).unwrap().utc_ms(), want);
            prop_assert_eq!(
                parse_stamp(&local.local_minute(), off).unwrap().utc_ms(),
                (ms / 60_000 * 60_000) as i64
            );
            prop_assert_eq!(normalize_stamp(&z, off), Some(local.stamp()));
        }

        #[test]
        fn stamps_of_one_offset_sort_by_time(a in 0u64..7_258_118_400_000, b in 0u64..7_258_118_400_000, off in -720i32..=840) {
            let (sa, sb) = (Now::at(a, off).stamp(), Now::at(b, off).stamp());
            prop_assert_eq!(sa.cmp(&sb), (a / 1000).cmp(&(b / 1000)));
        }
    }
}
