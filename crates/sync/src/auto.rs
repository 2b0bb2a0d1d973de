//! When to sync by itself: the policy of the desktop's background sync, kept free of threads,
//! clocks and I/O so it is tested with made-up instants.
//!
//! - Right after start, then every [`AutoConfig::every`] while the server answers.
//! - [`AutoConfig::after_write`] after a local write, pushed back by each further write (debounced)
//!   but never beyond [`AutoConfig::write_max_wait`] after the first unsynced one.
//! - Offline: retry after [`AutoConfig::offline_first`], doubling up to [`AutoConfig::offline_max`],
//!   so syncing resumes by itself soon after the network returns.
//! - Never two syncs at once: [`Policy::start`] refuses while one runs.

use std::time::{Duration, Instant};

/// The intervals of the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AutoConfig {
    pub every: Duration,
    pub after_write: Duration,
    pub write_max_wait: Duration,
    pub offline_first: Duration,
    pub offline_max: Duration,
}

impl Default for AutoConfig {
    fn default() -> Self {
        AutoConfig {
            every: Duration::from_secs(5 * 60),
            after_write: Duration::from_secs(10),
            write_max_wait: Duration::from_secs(60),
            offline_first: Duration::from_secs(15),
            offline_max: Duration::from_secs(2 * 60),
        }
    }
}

/// How a sync attempt ended, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Synced,
    /// The server could not be reached.
    Offline,
    /// The server answered with a refusal (signed out, revoked, upgrade): retrying soon will not
    /// help, so wait the ordinary interval.
    Failed,
}

/// The state of the policy.
#[derive(Debug, Clone)]
pub struct Policy {
    cfg: AutoConfig,
    running: bool,
    /// The next periodic sync, or the next retry while offline.
    next: Instant,
    /// The sync due after local writes.
    write_due: Option<Instant>,
    first_write: Option<Instant>,
    /// Some while offline: the current retry interval.
    backoff: Option<Duration>,
    requested: bool,
    /// False for [`Policy::manual`]: syncs only when asked.
    automatic: bool,
}

impl Policy {
    /// A policy whose first sync is due at `now` (the app has just started).
    pub fn new(cfg: AutoConfig, now: Instant) -> Policy {
        Policy {
            cfg,
            running: false,
            next: now,
            write_due: None,
            first_write: None,
            backoff: None,
            requested: false,
            automatic: true,
        }
    }

    /// A policy that never syncs by itself, only on [`Policy::request`] (`linli exec`, where a
    /// script says when to sync).
    pub fn manual(now: Instant) -> Policy {
        Policy {
            automatic: false,
            ..Policy::new(AutoConfig::default(), now)
        }
    }

    /// A local write happened at `now`.
    pub fn wrote(&mut self, now: Instant) {
        let first = *self.first_write.get_or_insert(now);
        self.write_due = Some((now + self.cfg.after_write).min(first + self.cfg.write_max_wait));
    }

    /// The user asked for a sync now.
    pub fn request(&mut self) {
        self.requested = true;
    }

    /// Whether the last attempt found the server unreachable.
    pub fn offline(&self) -> bool {
        self.backoff.is_some()
    }

    pub fn running(&self) -> bool {
        self.running
    }

    /// When the next sync by itself is due (possibly already past), or `None` while one runs. A
    /// request from the user is due at once, whatever this says.
    pub fn due(&self) -> Option<Instant> {
        if self.running || !self.automatic {
            return None;
        }
        Some(match (self.backoff, self.write_due) {
            // offline: writes wait for the next retry, which comes soon anyway
            (None, Some(w)) => w.min(self.next),
            _ => self.next,
        })
    }

    /// Starts a sync if one is due at `now` and none is running. Writes made before now are part
    /// of this sync.
    pub fn start(&mut self, now: Instant) -> bool {
        if self.running {
            return false;
        }
        let due = self.requested || self.due().is_some_and(|d| d <= now);
        if !due {
            return false;
        }
        self.running = true;
        self.requested = false;
        self.write_due = None;
        self.first_write = None;
        true
    }

    /// The running sync ended at `now`.
    pub fn finish(&mut self, now: Instant, ended: Ended) {
        self.running = false;
        match ended {
            Ended::Synced | Ended::Failed => {
                self.backoff = None;
                self.next = now + self.cfg.every;
            }
            Ended::Offline => {
                let wait = self.backoff.map_or(self.cfg.offline_first, |b| {
                    (b * 2).min(self.cfg.offline_max)
                });
                self.backoff = Some(wait);
                self.next = now + wait;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(secs: u64) -> Duration {
        Duration::from_secs(secs)
    }

    /// A fake clock: instants as seconds after a fixed start.
    struct Clock(Instant);
    impl Clock {
        fn at(&self, secs: u64) -> Instant {
            self.0 + s(secs)
        }
    }

    fn policy() -> (Policy, Clock) {
        let c = Clock(Instant::now());
        (Policy::new(AutoConfig::default(), c.at(0)), c)
    }

    /// Steps second by second from `from` to `to`, running each started sync to `ended` at once,
    /// and returns the seconds at which syncs started.
    fn run(p: &mut Policy, c: &Clock, from: u64, to: u64, ended: Ended) -> Vec<u64> {
        let mut started = Vec::new();
        for t in from..=to {
            if p.start(c.at(t)) {
                started.push(t);
                p.finish(c.at(t), ended);
            }
        }
        started
    }

    #[test]
    fn a_manual_policy_syncs_only_when_asked() {
        let c = Clock(Instant::now());
        let mut p = Policy::manual(c.at(0));
        p.wrote(c.at(1));
        assert_eq!(run(&mut p, &c, 0, 3600, Ended::Synced), Vec::<u64>::new());
        assert_eq!(p.due(), None);
        p.request();
        assert_eq!(run(&mut p, &c, 3601, 7200, Ended::Offline), vec![3601]);
    }

    #[test]
    fn syncs_at_start_and_then_every_five_minutes_while_online() {
        let (mut p, c) = policy();
        assert_eq!(run(&mut p, &c, 0, 1000, Ended::Synced), [0, 300, 600, 900]);
    }

    #[test]
    fn a_write_syncs_ten_seconds_later_and_more_writes_push_it_back_up_to_a_minute() {
        let (mut p, c) = policy();
        assert_eq!(run(&mut p, &c, 0, 0, Ended::Synced), [0]);
        p.wrote(c.at(20));
        assert_eq!(p.due(), Some(c.at(30)));
        assert_eq!(run(&mut p, &c, 21, 40, Ended::Synced), [30]);

        // someone types steadily, a write every 5 s: debounced, but synced within a minute
        for t in (100..200).step_by(5) {
            p.wrote(c.at(t));
            assert!(!p.start(c.at(t)) || t >= 160, "synced at {t} while typing");
            if p.running() {
                p.finish(c.at(t), Ended::Synced);
                assert_eq!(t, 160, "the first write was at 100");
            }
        }
        assert_eq!(
            p.due(),
            Some(c.at(205)),
            "the last write syncs 10 s after it"
        );
    }

    #[test]
    fn offline_backs_off_and_resumes_by_itself_when_the_network_returns() {
        let (mut p, c) = policy();
        assert_eq!(
            run(&mut p, &c, 0, 400, Ended::Offline),
            [0, 15, 45, 105, 225, 345],
            "15 s, 30 s, 60 s, then every 2 minutes"
        );
        assert!(p.offline());
        // writes while offline wait for the next retry instead of hammering the network
        p.wrote(c.at(350));
        assert_eq!(p.due(), Some(c.at(465)));
        // the network is back: the next retry syncs, with no user action, and the interval is normal
        assert_eq!(run(&mut p, &c, 401, 800, Ended::Synced), [465, 765]);
        assert!(!p.offline());
    }

    #[test]
    fn sync_now_starts_at_once_but_never_beside_a_running_sync() {
        let (mut p, c) = policy();
        assert!(p.start(c.at(0)));
        p.request();
        assert!(!p.start(c.at(1)), "one is already running");
        assert_eq!(p.due(), None);
        p.finish(c.at(2), Ended::Synced);
        assert!(p.start(c.at(2)), "the request runs right after");
        p.finish(c.at(3), Ended::Synced);
        assert!(!p.start(c.at(4)), "and only once");
        // a request also cuts an offline back-off short
        p.request();
        assert!(p.start(c.at(5)));
        p.finish(c.at(5), Ended::Offline);
        p.request();
        assert!(p.start(c.at(6)));
    }

    #[test]
    fn a_refusal_from_the_server_waits_the_ordinary_interval() {
        let (mut p, c) = policy();
        assert_eq!(run(&mut p, &c, 0, 400, Ended::Failed), [0, 300]);
        assert!(!p.offline());
    }
}
