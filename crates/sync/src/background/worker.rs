//! The thread itself: it waits for a request or for the [`Policy`] to say sync, runs the
//! [`Engine`] on its own connection to the store, and signs in for the Sync page.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Instant;

use linli_domain::{args, msg};
use linli_protocol::{
    ApiError, Enrolled, ErrorKind, SyncLogin, SyncOutcome, SyncProgress, SyncReport,
};

use super::{api_error, normalize_server, Job, Live, Worker, LOOK};
use crate::auto::Ended;
use crate::{Engine, Error, Progress};

impl Worker {
    pub(super) fn run(mut self, jobs: mpsc::Receiver<Job>) {
        let mut seen = self.store.data_version().unwrap_or_default();
        loop {
            let now = Instant::now();
            // the window (or a `linli` process) wrote to the file: sync soon
            if let Ok(v) = self.store.data_version() {
                if v != seen {
                    seen = v;
                    if self.store.outbox_len().is_ok_and(|n| n > 0) {
                        self.policy.wrote(now);
                    }
                }
            }
            let enrolled = self.store.enrolment().ok().flatten().is_some();
            if !enrolled {
                for w in self.waiting.drain(..) {
                    let _ = w.send(Err(api_error(Error::NotEnrolled)));
                }
            } else if self.policy.start(now) {
                self.sync();
                // the sync's own writes are not the window's
                seen = self.store.data_version().unwrap_or(seen);
            }
            let due = self.policy.due().filter(|_| enrolled);
            if let Ok(mut live) = self.live.lock() {
                // the monotonic deadline, said as a time of the store's clock for the panel
                let wall = self.store.now().wall_ms();
                live.next_auto_ms =
                    due.map(|d| wall + d.saturating_duration_since(now).as_millis() as u64);
            }
            let wait = due.map_or(LOOK, |d| {
                d.saturating_duration_since(Instant::now()).min(LOOK)
            });
            match jobs.recv_timeout(wait) {
                Ok(Job::Now(reply)) => {
                    self.waiting.push(reply);
                    self.policy.request();
                }
                Ok(Job::Login(req, reply)) => {
                    let res = self.login(req);
                    if res.is_ok() {
                        self.policy.request();
                    }
                    let _ = reply.send(res);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn set_live(&self, f: impl FnOnce(&mut Live)) {
        if let Ok(mut live) = self.live.lock() {
            f(&mut live);
        }
    }

    fn sync(&mut self) {
        let to_push = self.store.outbox_len().unwrap_or_default();
        self.set_live(|l| {
            l.running = Some(SyncProgress {
                to_push,
                ..SyncProgress::default()
            })
        });
        let mut server = None;
        let result = match self.store.enrolment() {
            Ok(Some(e)) => {
                server = Some(e.server.clone());
                let known = match self.known_blobs.take() {
                    Some((server, known)) if server == e.server => known,
                    _ => Default::default(),
                };
                let mut engine = Engine::new((self.connect)(&e.server)).with_known_blobs(known);
                let live = self.live.clone();
                let mut progress = |p| {
                    if let Ok(mut l) = live.lock() {
                        let r = l.running.get_or_insert_with(SyncProgress::default);
                        match p {
                            Progress::Pushed { sent, total } => {
                                r.pushed = sent;
                                r.to_push = total;
                            }
                            Progress::Pulled { received, .. } => {
                                r.pulling = true;
                                r.pulled = received;
                            }
                        }
                    }
                };
                let mut result = engine.sync(&mut self.store, &mut progress);
                if let Ok(report) = &mut result {
                    // issue 24: overdue tasks escalate after every sync (the pulled rows may hold
                    // some) and on the shell's timer, never when a page opens; the same level is
                    // the same row on every laptop, so two laptops escalating one task do not
                    // double it. What it wrote goes up in this same sync: the outbox is empty
                    // when the sync says it is done.
                    let escalated = self
                        .store
                        .escalate_overdue(&linli_protocol::EscalateOverdue {
                            place_id: None,
                            today: None,
                        })
                        .map(|t| !t.is_empty())
                        .unwrap_or(false);
                    if escalated {
                        if let Err(e) = engine.push(&mut self.store, &mut progress, report) {
                            result = Err(e);
                        }
                    }
                }
                self.known_blobs = Some((e.server.clone(), engine.into_known_blobs()));
                result
            }
            Ok(None) => Err(Error::NotEnrolled),
            Err(e) => Err(Error::Store(e)),
        };
        let at_ms = self.store.now().wall_ms();
        let (outcome, ended) = match result {
            Ok(r) => (
                SyncOutcome::Synced {
                    at_ms,
                    report: SyncReport {
                        pushed: r.pushed,
                        accepted: r.accepted,
                        refused: r.refused,
                        needs_review: r.needs_review,
                        pulled: r.pulled,
                        applied: r.applied,
                        blobs_sent: r.blobs_sent,
                        blobs_fetched: r.blobs_fetched,
                        blobs_pending: r.blobs_pending,
                    },
                },
                Ended::Synced,
            ),
            Err(Error::Offline(detail)) => (SyncOutcome::Offline { at_ms, detail }, Ended::Offline),
            Err(e) => {
                let said = e.server_said().cloned().unwrap_or_default();
                (
                    SyncOutcome::Failed {
                        at_ms,
                        message: e.to_string(),
                        code: said.code,
                        args: said.args,
                    },
                    Ended::Failed,
                )
            }
        };
        self.policy.finish(Instant::now(), ended);
        self.set_live(|l| {
            l.running = None;
            l.last = Some(outcome.clone());
            if let (SyncOutcome::Synced { at_ms, .. }, Some(server)) = (&outcome, server) {
                l.synced = Some((*at_ms, server));
            }
        });
        for w in self.waiting.drain(..) {
            let _ = w.send(Ok(outcome.clone()));
        }
    }

    fn login(&mut self, req: SyncLogin) -> Result<Enrolled, ApiError> {
        let server = normalize_server(&req.server)
            .ok_or_else(|| coded("server", msg::SYNC_SERVER_MISSING, vec![]))?;
        if req.user.trim().is_empty() {
            return Err(coded("user", msg::SYNC_USER_MISSING, vec![]));
        }
        let trust = crate::Trust {
            ca_pem: req.ca_pem.clone().filter(|p| !p.trim().is_empty()),
            insecure: req.insecure,
        };
        if let Some(pem) = &trust.ca_pem {
            crate::parse_ca(pem).map_err(|message| ApiError {
                field: Some("ca".into()),
                ..ApiError::new(ErrorKind::Invalid, message)
            })?;
        }
        if crate::plain_http_elsewhere(&server) && !trust.insecure {
            return Err(ApiError {
                field: Some("insecure".into()),
                ..ApiError::new(ErrorKind::Invalid, crate::plain_http_refusal(&server))
            });
        }
        // signing in as another user hands the laptop over: only once the person confirmed it
        let previous = self
            .store
            .handover_from(&req.user)
            .map_err(ApiError::from)?;
        if let Some(previous) = &previous {
            if !req.hand_over {
                let count = self.store.outbox_len().map_err(ApiError::from)?;
                return Err(coded(
                    "handover",
                    msg::SYNC_HANDOVER_UNCONFIRMED,
                    args![
                        previous = previous.user,
                        user = req.user.trim(),
                        count = count
                    ],
                ));
            }
        }
        crate::remember_trust(&server, trust.clone());
        let device = std::env::var("HOSTNAME").unwrap_or_else(|_| "邻里桌面".into());
        let mut transport = (self.connect)(&server);
        let unsent = if req.discard_unsent {
            crate::Unsent::Discard
        } else {
            crate::Unsent::Keep
        };
        let resp = crate::login_with(
            &mut self.store,
            &mut *transport,
            &server,
            req.user.trim(),
            &req.password,
            &device,
            unsent,
        )
        .map_err(|e| match e {
            Error::Unsent {
                previous,
                changes,
                files,
                ..
            } => coded(
                "unsent",
                msg::SYNC_HANDOVER_UNSENT,
                args![previous = previous, count = changes + files],
            ),
            Error::Offline(_) => coded("server", msg::SYNC_UNREACHABLE, args![server = server]),
            Error::Unauthenticated(m) => ApiError {
                field: Some("password".into()),
                ..server_error(m)
            },
            // too many wrong passwords: the server's sentence says how long to wait
            Error::Server {
                status: 429,
                message,
            } => ApiError {
                field: Some("password".into()),
                ..server_error(message)
            },
            e => api_error(e),
        })?;
        self.store
            .save_server_trust(trust.ca_pem.as_deref(), trust.insecure)
            .map_err(ApiError::from)?;
        self.set_live(|l| l.last = None);
        if previous.is_some() {
            // the files the server holds are another user's question now
            self.known_blobs = None;
        }
        Ok(Enrolled {
            server,
            user: req.user.trim().to_owned(),
            role: resp.role.code().to_owned(),
            grants: resp.grants.len(),
        })
    }
}

/// A server's refusal as the window's error: its sentence, and its catalogue code and arguments.
pub(super) fn server_error(s: crate::ServerSaid) -> ApiError {
    ApiError {
        code: s.code,
        args: s.args,
        ..ApiError::new(ErrorKind::Invalid, s.message)
    }
}

/// A refusal of the sign-in form from the message catalogue, pointing at `field`.
fn coded(field: &str, m: msg::Msg, args: msg::Args) -> ApiError {
    ApiError {
        field: Some(field.to_owned()),
        ..ApiError::coded(ErrorKind::Invalid, m, args)
    }
}
