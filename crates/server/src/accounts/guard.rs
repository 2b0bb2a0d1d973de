//! The sign-in guard: per user name and per client address, failed sign-ins make the next attempt
//! wait (429 with `Retry-After`), twice as long after each further failure. An attempt during the
//! wait is answered at once, without an argon2 check, so guessing costs the server almost nothing.
//! A successful sign-in clears the user's count. Kept in memory: a restart forgets it, which costs
//! a guesser one free round.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::limits::Settings;

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    until: Instant,
    last: Instant,
}

/// Entries are forgotten once they have been quiet this long.
const FORGET: Duration = Duration::from_secs(24 * 3600);
/// Past this many entries, quiet ones are swept on the next failure.
const SWEEP_AT: usize = 10_000;

#[derive(Debug, Default)]
pub struct Guard {
    entries: Mutex<HashMap<Key, Entry>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    User(String),
    Addr(IpAddr),
}

impl Guard {
    fn keys(user: &str, addr: Option<IpAddr>) -> Vec<Key> {
        let mut keys = vec![Key::User(user.to_owned())];
        keys.extend(addr.map(Key::Addr));
        keys
    }

    /// How long this attempt must still wait, if at all.
    pub fn wait(&self, user: &str, addr: Option<IpAddr>, now: Instant) -> Option<Duration> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        Self::keys(user, addr)
            .iter()
            .filter_map(|k| entries.get(k))
            .map(|e| e.until.saturating_duration_since(now))
            .filter(|d| !d.is_zero())
            .max()
    }

    /// Records a failed sign-in; returns how long the next attempt must wait.
    pub fn failed(&self, user: &str, addr: Option<IpAddr>, now: Instant, s: &Settings) -> Duration {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() > SWEEP_AT {
            entries.retain(|_, e| now.saturating_duration_since(e.last) < FORGET);
        }
        let mut longest = Duration::ZERO;
        for key in Self::keys(user, addr) {
            let free = match key {
                Key::User(_) => s.free_failures_user,
                Key::Addr(_) => s.free_failures_addr,
            };
            let e = entries.entry(key).or_insert(Entry {
                failures: 0,
                until: now,
                last: now,
            });
            if now.saturating_duration_since(e.last) >= FORGET {
                e.failures = 0;
            }
            e.failures += 1;
            e.last = now;
            if e.failures > free {
                let doublings = (e.failures - free - 1).min(30);
                let wait = s
                    .backoff
                    .saturating_mul(1u32 << doublings)
                    .min(s.max_backoff);
                e.until = now + wait;
                longest = longest.max(wait);
            }
        }
        longest
    }

    /// A successful sign-in: the user's count starts again (the address's stays, so one right
    /// password does not reset a guesser's address).
    pub fn succeeded(&self, user: &str) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&Key::User(user.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_past_the_free_ones_make_the_next_wait_longer_each_time() {
        let s = Settings::default();
        let g = Guard::default();
        let t0 = Instant::now();
        let addr = Some("10.0.0.7".parse().unwrap());
        for _ in 0..s.free_failures_user {
            assert_eq!(g.failed("wang", addr, t0, &s), Duration::ZERO);
        }
        assert_eq!(g.wait("wang", addr, t0), None);
        assert_eq!(g.failed("wang", addr, t0, &s), s.backoff);
        assert_eq!(g.failed("wang", addr, t0, &s), s.backoff * 2);
        assert_eq!(g.wait("wang", None, t0), Some(s.backoff * 2));
        // another user from another address is not held up
        assert_eq!(g.wait("li", Some("10.0.0.8".parse().unwrap()), t0), None);
        // the wait passes
        assert_eq!(g.wait("wang", addr, t0 + s.backoff * 2), None);
        g.succeeded("wang");
        assert_eq!(g.wait("wang", None, t0), None);
    }

    #[test]
    fn an_address_guessing_many_names_is_slowed_too() {
        let s = Settings::default();
        let g = Guard::default();
        let t0 = Instant::now();
        let addr = Some("10.0.0.9".parse().unwrap());
        for i in 0..=s.free_failures_addr {
            g.failed(&format!("user{i}"), addr, t0, &s);
        }
        assert_eq!(g.wait("someone-else", addr, t0), Some(s.backoff));
        assert_eq!(g.wait("someone-else", None, t0), None);
    }
}
