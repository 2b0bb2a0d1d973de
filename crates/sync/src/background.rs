//! The desktop's background sync: one thread with its own connection to the store file, syncing
//! when the [`Policy`] says so, and the three requests of the Sync page
//! ([`linli_protocol::with_sync_commands!`]) carried out against it. The window keeps its own
//! connection, so a long pull never blocks it (SQLite's WAL lets it read meanwhile, and its
//! writes wait at most for one page's transaction).

use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use linli_protocol::{
    ApiError, Command, Enrolled, ErrorKind, SyncCall, SyncLogin, SyncNow, SyncOutcome, SyncPanel,
    SyncProgress, SyncReport, SyncStatusQuery,
};
use linli_store::Store;

use crate::auto::{AutoConfig, Ended, Policy};
use crate::{Engine, Error, HttpTransport, Progress, Transport};

/// Makes the transport to a server URL (HTTP in the app, a fake in tests).
pub type Connect = Arc<dyn Fn(&str) -> Box<dyn Transport + Send> + Send + Sync>;

/// How often the thread looks for local writes (by `PRAGMA data_version`) while idle.
const LOOK: Duration = Duration::from_millis(500);

type Reply<T> = mpsc::Sender<Result<T, ApiError>>;

enum Job {
    Now(Reply<SyncOutcome>),
    Login(SyncLogin, Reply<Enrolled>),
}

/// What the thread shares with the requests: the running sync's progress and the last outcome.
#[derive(Debug, Default)]
struct Live {
    running: Option<SyncProgress>,
    last: Option<SyncOutcome>,
    next_auto_ms: Option<u64>,
}

/// A handle on the background sync thread; cheap to clone. The thread ends when the last handle
/// is dropped.
#[derive(Clone)]
pub struct Background {
    jobs: mpsc::Sender<Job>,
    live: Arc<Mutex<Live>>,
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Background").finish_non_exhaustive()
    }
}

impl Background {
    /// Starts the thread over HTTP with the default policy. `store` must be a connection of its
    /// own to the window's file.
    pub fn start_http(store: Store) -> Background {
        Background::start(
            store,
            AutoConfig::default(),
            Arc::new(|url: &str| Box::new(HttpTransport::new(url)) as Box<dyn Transport + Send>),
        )
    }

    pub fn start(store: Store, cfg: AutoConfig, connect: Connect) -> Background {
        Background::start_with(store, Policy::new(cfg, Instant::now()), connect)
    }

    /// Starts the thread over HTTP syncing only when asked ([`Policy::manual`]): `linli exec`.
    pub fn start_manual(store: Store) -> Background {
        Background::start_with(
            store,
            Policy::manual(Instant::now()),
            Arc::new(|url: &str| Box::new(HttpTransport::new(url)) as Box<dyn Transport + Send>),
        )
    }

    fn start_with(store: Store, policy: Policy, connect: Connect) -> Background {
        // the transports made by URL alone trust what this laptop was told at login
        if let (Ok(Some(e)), Ok(trust)) = (store.enrolment(), crate::Trust::of(&store)) {
            crate::remember_trust(&e.server, trust);
        }
        let (jobs, rx) = mpsc::channel();
        let live = Arc::new(Mutex::new(Live::default()));
        let worker = Worker {
            store,
            connect,
            policy,
            live: live.clone(),
            waiting: Vec::new(),
            known_blobs: None,
        };
        std::thread::Builder::new()
            .name("linli-sync".into())
            .spawn(move || worker.run(rx))
            .expect("a thread for background sync");
        Background { jobs, live }
    }

    fn ask<T>(&self, job: impl FnOnce(Reply<T>) -> Job) -> Result<T, ApiError> {
        let (tx, rx) = mpsc::channel();
        let gone = || ApiError::new(ErrorKind::Internal, "后台同步已停止，请重启邻里");
        self.jobs.send(job(tx)).map_err(|_| gone())?;
        rx.recv().map_err(|_| gone())?
    }

    /// Syncs now (right after the sync already running, if one is) and returns how it ended.
    pub fn sync_now(&self) -> Result<SyncOutcome, ApiError> {
        self.ask(Job::Now)
    }

    /// Enrols the laptop; a first sync follows at once.
    pub fn login(&self, req: SyncLogin) -> Result<Enrolled, ApiError> {
        self.ask(|tx| Job::Login(req, tx))
    }

    /// The Sync page's view: the store's bookkeeping read on the window's connection, and the
    /// thread's progress.
    pub fn panel(&self, store: &Store) -> Result<SyncPanel, ApiError> {
        let status = store.sync_status().map_err(ApiError::from)?;
        let enrolled = store.enrolment().map_err(ApiError::from)?.is_some();
        let live = self.live.lock().map_err(|_| poisoned())?;
        Ok(SyncPanel {
            status,
            enrolled,
            running: live.running,
            last: live.last.clone(),
            next_auto_ms: live.next_auto_ms,
            insecure: enrolled && store.server_trust().map_err(ApiError::from)?.1,
        })
    }
}

fn poisoned() -> ApiError {
    ApiError::new(ErrorKind::Internal, "后台同步出错，请重启邻里")
}

/// A request of the Sync page, carried out by one call on the [`Background`] (the desktop shell's
/// sync commands are nothing more). Only the status reads the window's store.
pub trait SyncRequest: Command {
    fn carry_out(self, bg: &Background, store: &Mutex<Store>) -> Result<Self::Response, ApiError>;
}

impl SyncRequest for SyncStatusQuery {
    fn carry_out(self, bg: &Background, store: &Mutex<Store>) -> Result<SyncPanel, ApiError> {
        let store = store.lock().map_err(|_| poisoned())?;
        bg.panel(&store)
    }
}

impl SyncRequest for SyncNow {
    fn carry_out(self, bg: &Background, _: &Mutex<Store>) -> Result<SyncOutcome, ApiError> {
        bg.sync_now()
    }
}

impl SyncRequest for SyncLogin {
    fn carry_out(self, bg: &Background, _: &Mutex<Store>) -> Result<Enrolled, ApiError> {
        bg.login(self)
    }
}

macro_rules! sync_dispatch {
    ($($name:ident => $ty:path),* $(,)?) => {
        impl Background {
            /// Carries out any sync request and wraps its answer as `linli exec` prints it.
            pub fn run(&self, call: SyncCall, store: &Mutex<Store>) -> linli_protocol::Reply {
                let answer = match call {
                    $(SyncCall::$name(r) => r.carry_out(self, store).map(serde_json::to_value),)*
                };
                match answer {
                    Ok(Ok(v)) => linli_protocol::Reply::Ok(v),
                    Ok(Err(e)) => linli_protocol::Reply::Error(ApiError::new(
                        ErrorKind::Internal,
                        e.to_string(),
                    )),
                    Err(e) => linli_protocol::Reply::Error(e),
                }
            }
        }
    };
}

linli_protocol::with_sync_commands!(sync_dispatch);

struct Worker {
    store: Store,
    connect: Connect,
    policy: Policy,
    live: Arc<Mutex<Live>>,
    /// `SyncNow` requests answered by the next sync that finishes.
    waiting: Vec<Reply<SyncOutcome>>,
    /// Files the server (by URL) is known to hold, kept from sync to sync so each is asked about
    /// once; forgotten when the laptop enrols with another server.
    known_blobs: Option<(String, std::collections::HashSet<String>)>,
}

impl Worker {
    fn run(mut self, jobs: mpsc::Receiver<Job>) {
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
                live.next_auto_ms =
                    due.map(|d| now_ms() + d.saturating_duration_since(now).as_millis() as u64);
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
        let result = match self.store.enrolment() {
            Ok(Some(e)) => {
                let known = match self.known_blobs.take() {
                    Some((server, known)) if server == e.server => known,
                    _ => Default::default(),
                };
                let mut engine = Engine::new((self.connect)(&e.server)).with_known_blobs(known);
                let live = self.live.clone();
                let result = engine.sync(&mut self.store, &mut |p| {
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
                });
                self.known_blobs = Some((e.server.clone(), engine.into_known_blobs()));
                result
            }
            Ok(None) => Err(Error::NotEnrolled),
            Err(e) => Err(Error::Store(e)),
        };
        let at_ms = now_ms();
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
            Err(e) => (
                SyncOutcome::Failed {
                    at_ms,
                    message: e.to_string(),
                },
                Ended::Failed,
            ),
        };
        self.policy.finish(Instant::now(), ended);
        self.set_live(|l| {
            l.running = None;
            l.last = Some(outcome.clone());
        });
        for w in self.waiting.drain(..) {
            let _ = w.send(Ok(outcome.clone()));
        }
    }

    fn login(&mut self, req: SyncLogin) -> Result<Enrolled, ApiError> {
        let server = normalize_server(&req.server).ok_or_else(|| ApiError {
            kind: ErrorKind::Invalid,
            message: "请填写服务器地址，例如 http://192.168.1.10:8470".into(),
            field: Some("server".into()),
        })?;
        if req.user.trim().is_empty() {
            return Err(ApiError {
                kind: ErrorKind::Invalid,
                message: "请填写用户名".into(),
                field: Some("user".into()),
            });
        }
        let trust = crate::Trust {
            ca_pem: req.ca_pem.clone().filter(|p| !p.trim().is_empty()),
            insecure: req.insecure,
        };
        if let Some(pem) = &trust.ca_pem {
            crate::parse_ca(pem).map_err(|message| ApiError {
                kind: ErrorKind::Invalid,
                message,
                field: Some("ca".into()),
            })?;
        }
        if crate::plain_http_elsewhere(&server) && !trust.insecure {
            return Err(ApiError {
                kind: ErrorKind::Invalid,
                message: crate::plain_http_refusal(&server),
                field: Some("insecure".into()),
            });
        }
        crate::remember_trust(&server, trust.clone());
        let device = std::env::var("HOSTNAME").unwrap_or_else(|_| "邻里桌面".into());
        let mut transport = (self.connect)(&server);
        let resp = crate::login(
            &mut self.store,
            &mut *transport,
            &server,
            req.user.trim(),
            &req.password,
            &device,
        )
        .map_err(|e| match e {
            Error::Offline(_) => ApiError {
                kind: ErrorKind::Invalid,
                message: format!("连不上 {server}：请检查服务器地址和网络连接"),
                field: Some("server".into()),
            },
            Error::Unauthenticated(m) => ApiError {
                kind: ErrorKind::Invalid,
                message: m,
                field: Some("password".into()),
            },
            // too many wrong passwords: the server's sentence says how long to wait
            Error::Server {
                status: 429,
                message,
            } => ApiError {
                kind: ErrorKind::Invalid,
                message,
                field: Some("password".into()),
            },
            e => api_error(e),
        })?;
        self.store
            .save_server_trust(trust.ca_pem.as_deref(), trust.insecure)
            .map_err(ApiError::from)?;
        self.set_live(|l| l.last = None);
        Ok(Enrolled {
            server,
            user: req.user.trim().to_owned(),
            role: resp.role.code().to_owned(),
            grants: resp.grants.len(),
        })
    }
}

/// `192.168.1.10:8470` → `http://192.168.1.10:8470`; no trailing slash; `None` when empty.
pub fn normalize_server(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches('/');
    if s.is_empty() {
        return None;
    }
    Some(if s.contains("://") {
        s.to_owned()
    } else {
        format!("http://{s}")
    })
}

fn api_error(e: Error) -> ApiError {
    match e {
        Error::Store(e) => ApiError::from(e),
        Error::NotEnrolled => ApiError::new(
            ErrorKind::Invalid,
            "这台电脑还没有登录同步服务器，请先在“同步”页登录",
        ),
        e => ApiError::new(ErrorKind::Internal, e.to_string()),
    }
}

fn now_ms() -> u64 {
    crate::now_ms()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

    use linli_domain::{Hlc, Id};
    use linli_protocol::sync::{
        ChangeOutcome, ChangeResult, PullResponse, PushRequest, PushResponse,
    };
    use linli_store::{Enrolment, Schema, SyncWrite};

    use super::*;
    use crate::{Post, Reply as Answer};

    /// A server that accepts every change and has nothing to hand out, reachable while `online`.
    #[derive(Clone, Default)]
    struct Fake {
        online: Arc<AtomicBool>,
        seq: Arc<AtomicI64>,
        pushes: Arc<AtomicI64>,
    }

    impl Transport for Fake {
        fn post(&mut self, req: Post) -> Result<Answer, String> {
            if !self.online.load(Ordering::SeqCst) {
                return Err("connection refused".into());
            }
            let json = zstd::stream::decode_all(&req.body[..]).unwrap();
            let body = match req.path {
                "/v1/push" => {
                    self.pushes.fetch_add(1, Ordering::SeqCst);
                    let push: PushRequest = serde_json::from_slice(&json).unwrap();
                    serde_json::to_vec(&PushResponse {
                        results: push
                            .changes
                            .iter()
                            .map(|c| ChangeResult {
                                device_seq: c.device_seq,
                                outcome: ChangeOutcome::Accepted {
                                    server_seq: self.seq.fetch_add(1, Ordering::SeqCst) + 1,
                                    needs_review: false,
                                },
                            })
                            .collect(),
                        server_time: Hlc::new(now_ms(), 0),
                    })
                }
                "/v1/pull" => serde_json::to_vec(&PullResponse {
                    changes: vec![],
                    next: self.seq.load(Ordering::SeqCst),
                    more: false,
                    server_time: Hlc::new(now_ms(), 0),
                }),
                other => panic!("unexpected {other}"),
            }
            .unwrap();
            Ok(Answer {
                status: 200,
                zstd: false,
                body,
                retry_after: None,
            })
        }
    }

    fn write(store: &mut Store, name: &str) {
        store
            .write_row(
                &Schema::default(),
                SyncWrite {
                    table: "places".into(),
                    row_id: Id::new(),
                    fields: [
                        ("kind".to_owned(), serde_json::json!("community")),
                        ("name".to_owned(), serde_json::json!(name)),
                    ]
                    .into(),
                    scope_community: None,
                    scope_grid: None,
                    scope_place: None,
                },
                now_ms(),
            )
            .unwrap();
    }

    fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
        let start = Instant::now();
        while !f() {
            assert!(start.elapsed() < Duration::from_secs(10), "never: {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn syncs_after_a_write_on_another_connection_and_resumes_after_the_network_returns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("linli.db");
        let mut window = Store::open(&path).unwrap();
        window
            .save_enrolment(&Enrolment {
                server: "http://fake".into(),
                user: "张三".into(),
                token: "t".into(),
            })
            .unwrap();
        let fake = Fake::default();
        fake.online.store(true, Ordering::SeqCst);
        let connect: Connect = {
            let fake = fake.clone();
            Arc::new(move |_: &str| Box::new(fake.clone()) as Box<dyn Transport + Send>)
        };
        let cfg = AutoConfig {
            every: Duration::from_secs(3600),
            after_write: Duration::from_millis(100),
            write_max_wait: Duration::from_secs(1),
            offline_first: Duration::from_millis(100),
            offline_max: Duration::from_millis(200),
        };
        let bg = Background::start(Store::open(&path).unwrap(), cfg, connect);
        let window = Mutex::new(window);
        let panel = || SyncStatusQuery {}.carry_out(&bg, &window).unwrap();

        // the sync at start
        wait_until("the first sync", || {
            panel().status.last_success_ms.is_some()
        });

        // a write in the window goes up by itself shortly after
        write(&mut window.lock().unwrap(), "北门社区");
        assert_eq!(panel().status.outbox, 1);
        wait_until("the write is pushed", || panel().status.outbox == 0);
        assert_eq!(fake.pushes.load(Ordering::SeqCst), 1);

        // offline: sync now says so calmly, and the write waits on the laptop
        fake.online.store(false, Ordering::SeqCst);
        write(&mut window.lock().unwrap(), "南门社区");
        let outcome = SyncNow {}.carry_out(&bg, &window).unwrap();
        assert!(
            matches!(outcome, SyncOutcome::Offline { .. }),
            "{outcome:?}"
        );
        assert_eq!(panel().status.outbox, 1);
        assert!(matches!(panel().last, Some(SyncOutcome::Offline { .. })));

        // the network returns: the write goes up with no one pressing anything
        fake.online.store(true, Ordering::SeqCst);
        wait_until("the retry after the network returns", || {
            panel().status.outbox == 0
        });
        wait_until("the outcome is shown", || {
            matches!(panel().last, Some(SyncOutcome::Synced { .. }))
        });
        assert_eq!(fake.pushes.load(Ordering::SeqCst), 2);
        let outcome = SyncNow {}.carry_out(&bg, &window).unwrap();
        assert!(matches!(outcome, SyncOutcome::Synced { .. }), "{outcome:?}");
    }

    #[test]
    fn sync_now_before_login_says_to_log_in() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("linli.db");
        let window = Mutex::new(Store::open(&path).unwrap());
        let bg = Background::start(
            Store::open(&path).unwrap(),
            AutoConfig::default(),
            Arc::new(|_: &str| Box::new(Fake::default()) as Box<dyn Transport + Send>),
        );
        let err = SyncNow {}.carry_out(&bg, &window).unwrap_err();
        assert!(err.message.contains("登录"), "{}", err.message);
        let panel = SyncStatusQuery {}.carry_out(&bg, &window).unwrap();
        assert!(!panel.enrolled);
        assert_eq!(panel.next_auto_ms, None);
        // plain http:// to another machine: refused until the person confirms (issue 17)
        let err = bg
            .login(SyncLogin {
                server: "10.0.0.1:8470".into(),
                user: "张三".into(),
                password: "x".into(),
                ..Default::default()
            })
            .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("insecure"));
        assert!(err.message.contains("不安全的连接"), "{}", err.message);
        // a CA that is no certificate points at its field
        let err = bg
            .login(SyncLogin {
                server: "https://10.0.0.1:8470".into(),
                user: "张三".into(),
                password: "x".into(),
                ca_pem: Some("not a certificate".into()),
                insecure: false,
            })
            .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("ca"), "{err:?}");
        // an unreachable server at login points at the address
        let err = bg
            .login(SyncLogin {
                server: "10.0.0.1:8470".into(),
                user: "张三".into(),
                password: "x".into(),
                ca_pem: None,
                insecure: true,
            })
            .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("server"));
        assert!(
            err.message.contains("http://10.0.0.1:8470"),
            "{}",
            err.message
        );
    }

    #[test]
    fn server_addresses_get_a_scheme() {
        assert_eq!(
            normalize_server(" 192.168.1.10:8470/ ").as_deref(),
            Some("http://192.168.1.10:8470")
        );
        assert_eq!(
            normalize_server("https://sync.example").as_deref(),
            Some("https://sync.example")
        );
        assert_eq!(normalize_server("  "), None);
    }
}
