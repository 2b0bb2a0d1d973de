//! linli-sync: the laptop's side of sync. [`Engine::sync`] pushes the store's outbox in batches,
//! records the server's per-change answers, then pulls pages after the stored cursor and applies
//! each page with its cursor in one transaction (both through `linli-store`'s `sync_state`).
//! It talks through a [`Transport`]: [`HttpTransport`] in production, a fault-injecting wrapper in
//! the tests. [`Background`] runs it on a thread of its own for the desktop, when the
//! [`auto::Policy`] says so, and carries out the Sync page's requests. It must not depend on tauri
//! or on the server crate.

use linli_domain::Id;
use linli_protocol::sync::{
    ChangeOutcome, PushRequest, PushResponse, RefuseReason, MAX_PULL_PAGE, MAX_PUSH_BATCH,
    SYNC_PROTOCOL_VERSION,
};
use linli_store::{Schema, Store};

pub mod auto;
mod background;
mod blobs;
mod check;
mod http;
mod login;
mod pull;
pub mod updates;
mod wire;

pub use background::{normalize_server, Background, Connect, SyncRequest};
pub use check::check_connection;
pub use http::{
    parse_ca, plain_http_elsewhere, plain_http_refusal, remember_trust, HttpTransport, Trust,
};
pub use login::{login, login_with, Unsent};
use pull::pull_page;
use wire::call;
pub use wire::{decode_reply, encode, MAX_DECODED_REPLY};

/// Everything a sync can fail with. Being offline is one of them, and not alarming.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("离线：连不上同步服务器，数据已保存在本机，联网后再同步即可 (offline: {0})")]
    Offline(String),
    #[error("{0}")]
    Unauthenticated(ServerSaid),
    #[error("{0}")]
    Revoked(ServerSaid),
    #[error("{0}")]
    Upgrade(ServerSaid),
    #[error("服务器拒绝了请求（{status}）：{message}")]
    Server { status: u16, message: ServerSaid },
    #[error("服务器的回答无法读取 (unreadable answer from the server): {0}")]
    Protocol(String),
    #[error("这台电脑还没有登录同步服务器，请先运行 linli login (not enrolled: run `linli login` first)")]
    NotEnrolled,
    #[error(transparent)]
    Store(#[from] linli_store::Error),
    /// Signing in as another user found changes of the previous user that cannot reach the
    /// server (its token no longer works, or the server cannot be reached): nothing was cleared.
    #[error("{previous} 还有 {changes} 条修改和 {files} 个附件没能上传（{why}），本机的数据没有清除 ({changes} changes and {files} files of {previous} could not be sent; nothing was cleared)")]
    Unsent {
        previous: String,
        changes: u64,
        files: u64,
        why: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What a server's error answer said: its sentence ("中文 (English)", with the request id), and
/// the same as a code of the message catalogue with its arguments (`request_id` among them)
/// when the server sent one, for the window to say in its language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerSaid {
    pub message: String,
    pub code: Option<String>,
    pub args: std::collections::BTreeMap<String, String>,
}

impl ServerSaid {
    /// A plain sentence with no code (a body that was not the server's JSON).
    pub fn plain(message: impl Into<String>) -> Self {
        ServerSaid {
            message: message.into(),
            ..ServerSaid::default()
        }
    }
}

impl std::fmt::Display for ServerSaid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::ops::Deref for ServerSaid {
    type Target = str;
    fn deref(&self) -> &str {
        &self.message
    }
}

impl From<ServerSaid> for String {
    fn from(s: ServerSaid) -> String {
        s.message
    }
}

impl Error {
    /// The server's answer this error carries, if it is one.
    pub fn server_said(&self) -> Option<&ServerSaid> {
        match self {
            Error::Unauthenticated(s) | Error::Revoked(s) | Error::Upgrade(s) => Some(s),
            Error::Server { message, .. } => Some(message),
            _ => None,
        }
    }
}

/// One request as the transport sends it: a POST of a zstd-compressed JSON body.
#[derive(Debug, Clone)]
pub struct Post {
    pub path: &'static str,
    pub token: Option<String>,
    pub body: Vec<u8>,
}

/// One answer: the status, whether the body is zstd, and the body.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub zstd: bool,
    pub body: Vec<u8>,
    /// The server's `Retry-After` in seconds (sent with a 503 while its database is away).
    pub retry_after: Option<u64>,
}

/// How the engine answers a 503 that carries `Retry-After`: it waits that long, but at most
/// `cap`, and asks again, at most `attempts` times; then the sync stops with the server's message
/// (everything done so far is kept, and the next sync resumes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    pub attempts: u32,
    pub cap: std::time::Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            attempts: 3,
            cap: std::time::Duration::from_secs(30),
        }
    }
}

/// One file's bytes going up (`PUT /v1/blobs/{hash}` with `upload`) or coming down
/// (`GET /v1/blobs/{hash}`), raw, not zstd: photos do not compress.
#[derive(Debug, Clone)]
pub struct BlobCall {
    pub hash: String,
    pub token: String,
    pub upload: Option<Vec<u8>>,
}

/// How requests reach the server. An `Err` means the request may or may not have arrived (the
/// network failed); the engine treats it as being offline and retries on the next sync.
pub trait Transport {
    fn post(&mut self, req: Post) -> std::result::Result<Reply, String>;

    /// Carries one blob. A transport that cannot (a test double) leaves files to a later sync.
    fn blob(&mut self, req: BlobCall) -> std::result::Result<Reply, String> {
        let _ = req;
        Err("this transport carries no files".to_owned())
    }
}

impl<T: Transport + ?Sized> Transport for &mut T {
    fn post(&mut self, req: Post) -> std::result::Result<Reply, String> {
        (**self).post(req)
    }

    fn blob(&mut self, req: BlobCall) -> std::result::Result<Reply, String> {
        (**self).blob(req)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn post(&mut self, req: Post) -> std::result::Result<Reply, String> {
        (**self).post(req)
    }

    fn blob(&mut self, req: BlobCall) -> std::result::Result<Reply, String> {
        (**self).blob(req)
    }
}

/// Where a sync is, for a progress line or bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// `sent` of `total` outbox changes pushed so far.
    Pushed { sent: u64, total: u64 },
    /// `received` changes pulled so far; `more` when pages follow.
    Pulled { received: u64, more: bool },
}

/// What one sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    pub pushed: u64,
    pub accepted: u64,
    pub refused: u64,
    pub needs_review: u64,
    pub pulled: u64,
    pub applied: u64,
    /// Files uploaded to the server, and downloaded from it.
    pub blobs_sent: u64,
    pub blobs_fetched: u64,
    /// Files still to go up or come down (offline mid-way, not uploaded yet by their laptop,
    /// refused); the next sync tries again. They never hold back the rows.
    pub blobs_pending: u64,
}

/// The client engine for one store.
pub struct Engine<T> {
    transport: T,
    schema: Schema,
    batch: usize,
    page: u32,
    retry: Retry,
    /// Hashes the server is known to hold, so a long-lived engine asks about each file once.
    uploaded: std::collections::HashSet<String>,
}

impl<T> std::fmt::Debug for Engine<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("batch", &self.batch)
            .field("page", &self.page)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> Engine<T> {
    pub fn new(transport: T) -> Self {
        Engine {
            transport,
            schema: Schema::default(),
            batch: MAX_PUSH_BATCH,
            page: MAX_PULL_PAGE,
            retry: Retry::default(),
            uploaded: std::collections::HashSet::new(),
        }
    }

    /// How 503 answers with `Retry-After` are waited out (tests shorten the cap).
    pub fn with_retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    /// Syncs extra tables (the simulation's test fact table).
    pub fn with_schema(mut self, schema: Schema) -> Self {
        self.schema = schema;
        self
    }

    /// Smaller push batches and pull pages (tests exercise paging with them).
    pub fn with_sizes(mut self, batch: usize, page: u32) -> Self {
        self.batch = batch.clamp(1, MAX_PUSH_BATCH);
        self.page = page.clamp(1, MAX_PULL_PAGE);
        self
    }

    /// Starts from the files the server is known to hold (from an earlier engine of the same
    /// laptop and server), so they are not asked about again.
    pub fn with_known_blobs(mut self, known: std::collections::HashSet<String>) -> Self {
        self.uploaded = known;
        self
    }

    /// The files the server is known to hold, to hand to the next engine.
    pub fn into_known_blobs(self) -> std::collections::HashSet<String> {
        self.uploaded
    }

    pub fn transport_mut(&mut self) -> &mut T {
        &mut self.transport
    }

    /// Pushes the whole outbox, then pulls until the server has no more. Each step is committed
    /// locally as it completes, so an interrupted sync resumes where it stopped.
    pub fn sync(
        &mut self,
        store: &mut Store,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Report> {
        let mut report = Report::default();
        let token = self.push(store, progress, &mut report)?;
        self.pull(store, &token, progress, &mut report)?;
        Ok(report)
    }

    /// Pushes the whole outbox, then the files the server lacks; answers the token it pushed
    /// with (a new device id's, after a `seq_conflict`). Counts what it did in `report`.
    pub fn push(
        &mut self,
        store: &mut Store,
        progress: &mut dyn FnMut(Progress),
        report: &mut Report,
    ) -> Result<String> {
        let mut token = store.enrolment()?.ok_or(Error::NotEnrolled)?.token;
        // a new device id taken after a seq_conflict whose enrolment did not get through
        let device = store.current_device_id()?;
        if store.token_device()?.is_some_and(|d| d != device) {
            token = self.enrol_new_device(store, &token, device)?;
        }
        let total = store.outbox_len()?;
        loop {
            let batch = store.outbox(self.batch)?;
            if batch.is_empty() {
                break;
            }
            let resp: PushResponse = call(
                &mut self.transport,
                "/v1/push",
                Some(&token),
                &PushRequest {
                    changes: batch.clone(),
                    fact_tables: self.schema.fact_tables(),
                },
                self.retry,
            )?;
            let conflicting: Vec<i64> = resp
                .results
                .iter()
                .filter(|r| {
                    matches!(
                        r.outcome,
                        ChangeOutcome::Refused {
                            reason: RefuseReason::SeqConflict,
                            ..
                        }
                    )
                })
                .map(|r| r.device_seq)
                .collect();
            if !conflicting.is_empty() {
                // the server holds other changes under this device's numbers (a copied or
                // restored file): keep what it answered otherwise, take a new device id with
                // what it has not acknowledged, enrol that id, and push again
                let (sent, results): (Vec<_>, Vec<_>) = batch
                    .iter()
                    .zip(&resp.results)
                    .filter(|(_, r)| !conflicting.contains(&r.device_seq))
                    .map(|(c, r)| (c.clone(), r.clone()))
                    .unzip();
                store.acknowledge(
                    &sent,
                    &PushResponse {
                        results,
                        server_time: resp.server_time,
                    },
                )?;
                let top = batch.iter().map(|c| c.device_seq).max().unwrap_or(0);
                let new = store.take_new_device_id(&conflicting, top)?;
                token = self.enrol_new_device(store, &token, new)?;
                continue;
            }
            store.acknowledge(&batch, &resp)?;
            report.pushed += batch.len() as u64;
            for r in &resp.results {
                match r.outcome {
                    ChangeOutcome::Accepted { needs_review, .. } => {
                        report.accepted += 1;
                        report.needs_review += u64::from(needs_review);
                    }
                    ChangeOutcome::Refused { .. } => report.refused += 1,
                }
            }
            progress(Progress::Pushed {
                sent: report.pushed,
                total: total.max(report.pushed),
            });
        }
        self.send_blobs(store, &token, report);
        Ok(token)
    }

    /// Pulls until the server has no more, then fetches the files the pulled rows name.
    fn pull(
        &mut self,
        store: &mut Store,
        token: &str,
        progress: &mut dyn FnMut(Progress),
        report: &mut Report,
    ) -> Result<()> {
        // Pages are pipelined: while one page is applied (on a scoped thread, with the store),
        // the next is already being asked for, after the cursor the page carries. Each page is
        // still applied with its cursor in one transaction, in order; a failure of either stops
        // the sync with everything applied so far kept.
        // this laptop's own changes up to here are left out of the pages; any above were made by
        // a copy of its file under the same device id (or, for a file that lost its tail, were
        // lost with it: those come back)
        let own = store.pull_own_seq()?;
        let page = pull_page(
            &mut self.transport,
            token,
            (store.pull_cursor()?, own),
            self.page,
            self.retry,
        )?;
        // A long pull leaves copying the write-ahead log into the database file to a thread of
        // its own, beside the applying, instead of to every eighth page's commit.
        let pulled = if page.more {
            let mut bulk = store.bulk_pull()?;
            let pulled = self.pull_pages(&mut bulk, (token, own), page, report, progress);
            bulk.finish()?;
            pulled
        } else {
            self.pull_pages(store, (token, own), page, report, progress)
        };
        pulled?;
        self.fetch_blobs(store, token, report);
        // the one clock every stamp of the store comes from (a pinned one in the demo and tests)
        let at_ms = store.now().wall_ms();
        store.mark_synced(at_ms)?;
        Ok(())
    }
}

/// The id a laptop is known by: its store's device id.
pub fn device_id(store: &Store) -> Id {
    store.device_id()
}

/// The version this client speaks, sent on every request.
pub const VERSION: u32 = SYNC_PROTOCOL_VERSION;
