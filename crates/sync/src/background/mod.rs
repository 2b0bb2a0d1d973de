//! The desktop's background sync: one thread with its own connection to the store file, syncing
//! when the [`Policy`] says so, and the three requests of the Sync page
//! ([`linli_protocol::with_sync_commands!`]) carried out against it. The window keeps its own
//! connection, so a long pull never blocks it (SQLite's WAL lets it read meanwhile, and its
//! writes wait at most for one page's transaction).

mod admin;
#[cfg(test)]
mod tests;
mod worker;

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use linli_protocol::{
    ApiError, Command, ConnectionCheck, Enrolled, ErrorKind, SyncCall, SyncLogin, SyncNow,
    SyncOutcome, SyncPanel, SyncProgress, SyncStatusQuery, SyncTest,
};
use linli_store::Store;

use crate::auto::{AutoConfig, Policy};
use crate::{Error, HttpTransport, Transport};

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
    /// When the last successful sync ended and with which server (the desktop checks for
    /// updates after each: `crate::updates`).
    synced: Option<(u64, String)>,
}

/// A handle on the background sync thread; cheap to clone. The thread ends when the last handle
/// is dropped.
#[derive(Clone)]
pub struct Background {
    jobs: mpsc::Sender<Job>,
    live: Arc<Mutex<Live>>,
    /// The same transports the thread uses, for 测试连接 (which runs beside it).
    connect: Connect,
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
            connect: connect.clone(),
            policy,
            live: live.clone(),
            waiting: Vec::new(),
            known_blobs: None,
        };
        std::thread::Builder::new()
            .name("linli-sync".into())
            .spawn(move || worker.run(rx))
            .expect("a thread for background sync");
        Background {
            jobs,
            live,
            connect,
        }
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

    /// When the last successful sync ended (the store clock's ms) and the server it synced with.
    pub fn last_synced(&self) -> Option<(u64, String)> {
        self.live.lock().ok()?.synced.clone()
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

impl SyncRequest for SyncTest {
    /// Reads the enrolment on the window's connection, then asks the server beside any running
    /// sync (one read-only request).
    fn carry_out(self, bg: &Background, store: &Mutex<Store>) -> Result<ConnectionCheck, ApiError> {
        let enrolment = store
            .lock()
            .map_err(|_| poisoned())?
            .enrolment()
            .map_err(ApiError::from)?
            .ok_or_else(|| api_error(Error::NotEnrolled))?;
        let mut transport = (bg.connect)(&enrolment.server);
        Ok(crate::check_connection(
            &mut *transport,
            &enrolment.server,
            &enrolment.token,
        ))
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
        Error::NotEnrolled => ApiError::coded(
            ErrorKind::Invalid,
            linli_domain::msg::SYNC_NOT_ENROLLED,
            vec![],
        ),
        e => match e.server_said() {
            Some(s) => ApiError {
                kind: ErrorKind::Internal,
                message: e.to_string(),
                ..worker::server_error(s.clone())
            },
            None => ApiError::new(ErrorKind::Internal, e.to_string()),
        },
    }
}
