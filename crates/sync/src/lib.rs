//! linli-sync: the laptop's side of sync. [`Engine::sync`] pushes the store's outbox in batches,
//! records the server's per-change answers, then pulls pages after the stored cursor and applies
//! each page with its cursor in one transaction (both through `linli-store`'s `sync_state`).
//! It talks through a [`Transport`]: [`HttpTransport`] in production, a fault-injecting wrapper in
//! the tests. [`Background`] runs it on a thread of its own for the desktop, when the
//! [`auto::Policy`] says so, and carries out the Sync page's requests. It must not depend on tauri
//! or on the server crate.

use linli_domain::Id;
use linli_protocol::sync::{
    BlobsMissing, BlobsQuery, ChangeOutcome, EnrolRequest, EnrolResponse, NewDeviceRequest,
    PullRequest, PullResponse, PushRequest, PushResponse, RefuseReason, SyncError, MAX_BLOB_QUERY,
    MAX_PULL_PAGE, MAX_PUSH_BATCH, SYNC_PROTOCOL_VERSION,
};
use linli_store::{PreparedPage, Schema, Store};
use serde::{de::DeserializeOwned, Serialize};

pub mod auto;
mod background;
mod http;

pub use background::{normalize_server, Background, Connect, SyncRequest};
pub use http::{
    parse_ca, plain_http_elsewhere, plain_http_refusal, remember_trust, HttpTransport, Trust,
};

/// Everything a sync can fail with. Being offline is one of them, and not alarming.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("离线：连不上同步服务器，数据已保存在本机，联网后再同步即可 (offline: {0})")]
    Offline(String),
    #[error("{0}")]
    Unauthenticated(String),
    #[error("{0}")]
    Revoked(String),
    #[error("{0}")]
    Upgrade(String),
    #[error("服务器拒绝了请求（{status}）：{message}")]
    Server { status: u16, message: String },
    #[error("服务器的回答无法读取 (unreadable answer from the server): {0}")]
    Protocol(String),
    #[error("这台电脑还没有登录同步服务器，请先运行 linli login (not enrolled: run `linli login` first)")]
    NotEnrolled,
    #[error(transparent)]
    Store(#[from] linli_store::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

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

/// Compresses a request body.
pub fn encode<T: Serialize>(v: &T) -> Vec<u8> {
    let json = serde_json::to_vec(v).expect("protocol types serialize");
    zstd::bulk::compress(&json, 3).expect("zstd compresses in memory")
}

fn decode<T: DeserializeOwned>(reply: Reply) -> Result<T> {
    let body = checked(reply)?;
    serde_json::from_slice(&body).map_err(|e| Error::Protocol(e.to_string()))
}

/// The most an answer may grow to once unpacked, as the server bounds requests: a zstd bomb
/// from a hostile or broken server stops here (a pull page of 5,000 households is about 3 MB).
pub const MAX_DECODED_REPLY: u64 = 256 * 1024 * 1024;

/// Unpacks a zstd answer, refusing one that grows past [`MAX_DECODED_REPLY`].
pub fn decode_reply(body: &[u8]) -> Result<Vec<u8>> {
    use std::io::Read;
    let decoder =
        zstd::stream::read::Decoder::new(body).map_err(|e| Error::Protocol(e.to_string()))?;
    let mut out = Vec::new();
    decoder
        .take(MAX_DECODED_REPLY + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::Protocol(e.to_string()))?;
    if out.len() as u64 > MAX_DECODED_REPLY {
        return Err(Error::Protocol(format!(
            "服务器的回答解压后超过 {} MB (the answer unpacks to more than {} MiB)",
            MAX_DECODED_REPLY >> 20,
            MAX_DECODED_REPLY >> 20
        )));
    }
    Ok(out)
}

/// The body of a successful answer, unpacked; an error answer as an [`Error`].
fn checked(reply: Reply) -> Result<Vec<u8>> {
    let body = if reply.zstd {
        decode_reply(&reply.body)?
    } else {
        reply.body
    };
    if !(200..300).contains(&reply.status) {
        let message = serde_json::from_slice::<SyncError>(&body)
            .map(|e| {
                if e.request_id.is_empty() {
                    e.message
                } else {
                    format!("{}（请求编号 request id {}）", e.message, e.request_id)
                }
            })
            .unwrap_or_else(|_| String::from_utf8_lossy(&body).into_owned());
        return Err(match reply.status {
            401 => Error::Unauthenticated(message),
            403 => Error::Revoked(message),
            426 => Error::Upgrade(message),
            status => Error::Server { status, message },
        });
    }
    Ok(body)
}

fn call<Req: Serialize, Resp: DeserializeOwned>(
    t: &mut dyn Transport,
    path: &'static str,
    token: Option<&str>,
    req: &Req,
    retry: Retry,
) -> Result<Resp> {
    let body = encode(req);
    let mut attempt = 0;
    loop {
        let reply = t
            .post(Post {
                path,
                token: token.map(str::to_owned),
                body: body.clone(),
            })
            .map_err(Error::Offline)?;
        match reply.retry_after {
            Some(secs) if reply.status == 503 && attempt < retry.attempts => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_secs(secs).min(retry.cap));
            }
            _ => return decode(reply),
        }
    }
}

/// Enrols this laptop (`linli login`): signs in with the password and stores the device token.
pub fn login(
    store: &mut Store,
    transport: &mut dyn Transport,
    server: &str,
    user: &str,
    password: &str,
    device_name: &str,
) -> Result<EnrolResponse> {
    let resp: EnrolResponse = call(
        transport,
        "/v1/enrol",
        None,
        &EnrolRequest {
            user: user.to_owned(),
            password: password.to_owned(),
            device_id: store.device_id(),
            device_name: device_name.to_owned(),
        },
        Retry::default(),
    )?;
    store.save_enrolment(&linli_store::Enrolment {
        server: server.to_owned(),
        user: user.to_owned(),
        token: resp.token.clone(),
    })?;
    store.observe_server_time(resp.server_time)?;
    // a file behind what the server holds under its id takes a new one, enrolled at the next sync
    store.catch_up_with_server(resp.last_seq)?;
    Ok(resp)
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
        let mut token = store.enrolment()?.ok_or(Error::NotEnrolled)?.token;
        let mut report = Report::default();
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
        self.send_blobs(store, &token, &mut report);
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
            &token,
            (store.pull_cursor()?, own),
            self.page,
            self.retry,
        )?;
        // A long pull leaves copying the write-ahead log into the database file to a thread of
        // its own, beside the applying, instead of to every eighth page's commit.
        let pulled = if page.more {
            let mut bulk = store.bulk_pull()?;
            let pulled = self.pull_pages(&mut bulk, (&token, own), page, &mut report, progress);
            bulk.finish()?;
            pulled
        } else {
            self.pull_pages(store, (&token, own), page, &mut report, progress)
        };
        pulled?;
        self.fetch_blobs(store, &token, &mut report);
        store.mark_synced(now_ms())?;
        Ok(report)
    }

    /// Enrols the store's new device id with the current token (`POST /v1/device`) and keeps the
    /// new token; answers it. An id the server already knows (a lost answer that was asked again,
    /// a replayed request) is answered 409: the laptop then takes yet another id, with the same
    /// journal entries, and asks again.
    fn enrol_new_device(
        &mut self,
        store: &mut Store,
        token: &str,
        mut device: Id,
    ) -> Result<String> {
        let mut attempts = 0;
        loop {
            let resp: Result<EnrolResponse> = call(
                &mut self.transport,
                "/v1/device",
                Some(token),
                &NewDeviceRequest {
                    device_id: device,
                    device_name: String::new(),
                },
                self.retry,
            );
            match resp {
                Ok(resp) => {
                    let mut e = store.enrolment()?.ok_or(Error::NotEnrolled)?;
                    e.token = resp.token.clone();
                    store.save_enrolment(&e)?;
                    store.observe_server_time(resp.server_time)?;
                    return Ok(resp.token);
                }
                Err(Error::Server { status: 409, .. }) if attempts < 3 => {
                    attempts += 1;
                    // nothing under this id reached the server: all of it moves on
                    device = store.take_new_device_id(&[], 0)?;
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn pull_pages(
        &mut self,
        store: &mut Store,
        (token, own): (&str, i64),
        mut page: PullResponse,
        report: &mut Report,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        let (schema, limit, retry) = (&self.schema, self.page, self.retry);
        // the journal text of the next page is made on the fetching thread too
        let mut prepared = PreparedPage::of(&page)?;
        loop {
            let more = page.more;
            let (applied, next) = if more {
                let after = page.next;
                std::thread::scope(|s| {
                    let applying = s.spawn(|| store.apply_prepared(schema, &page, &prepared));
                    let next = pull_page(&mut self.transport, token, (after, own), limit, retry)
                        .and_then(|p| {
                            let prepared = PreparedPage::of(&p)?;
                            Ok((p, prepared))
                        });
                    let applied = applying
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    (applied, Some(next))
                })
            } else {
                (store.apply_prepared(schema, &page, &prepared), None)
            };
            let applied = applied?;
            report.pulled += page.changes.len() as u64;
            report.applied += applied.changed;
            progress(Progress::Pulled {
                received: report.pulled,
                more,
            });
            match next {
                Some(next) => (page, prepared) = next?,
                None => break,
            }
        }
        Ok(())
    }

    /// Uploads the files of this laptop's attachments that the server lacks. A failure leaves
    /// them for the next sync and never fails this one.
    fn send_blobs(&mut self, store: &Store, token: &str, report: &mut Report) {
        let here = match store.blob_inventory() {
            Ok((here, _)) => here,
            Err(_) => return,
        };
        let unknown: Vec<String> = here
            .into_iter()
            .filter(|h| !self.uploaded.contains(h))
            .collect();
        let mut pending = 0u64;
        for chunk in unknown.chunks(MAX_BLOB_QUERY) {
            let answer: Result<BlobsMissing> = call(
                &mut self.transport,
                "/v1/blobs/missing",
                Some(token),
                &BlobsQuery {
                    hashes: chunk.to_vec(),
                },
                self.retry,
            );
            let Ok(answer) = answer else {
                pending += chunk.len() as u64;
                continue;
            };
            let missing: std::collections::HashSet<&String> = answer.missing.iter().collect();
            for h in chunk.iter().filter(|h| !missing.contains(h)) {
                self.uploaded.insert(h.clone());
            }
            for (i, h) in answer.missing.iter().enumerate() {
                let Ok(bytes) = store.blob_bytes(h) else {
                    pending += 1;
                    continue;
                };
                if sha256_hex(&bytes) != *h {
                    // the file here is damaged: it goes, and is fetched again after the pull
                    if let Ok(p) = store.blob_path(h) {
                        let _ = std::fs::remove_file(p);
                    }
                    pending += 1;
                    continue;
                }
                let sent = self
                    .transport
                    .blob(BlobCall {
                        hash: h.clone(),
                        token: token.to_owned(),
                        upload: Some(bytes),
                    })
                    .map_err(Error::Offline)
                    .and_then(checked);
                match sent {
                    Ok(_) => {
                        self.uploaded.insert(h.clone());
                        report.blobs_sent += 1;
                    }
                    Err(Error::Offline(_)) => {
                        // the rest of this chunk waits for the next sync
                        pending += (answer.missing.len() - i) as u64;
                        break;
                    }
                    Err(_) => pending += 1,
                }
            }
        }
        report.blobs_pending += pending;
    }

    /// Downloads the files of attachment rows whose bytes are not here, checking each against its
    /// hash before it is kept. A failure leaves them for the next sync and never fails this one.
    fn fetch_blobs(&mut self, store: &Store, token: &str, report: &mut Report) {
        let missing = match store.blob_inventory() {
            Ok((_, missing)) => missing,
            Err(_) => return,
        };
        for (i, h) in missing.iter().enumerate() {
            let got = self
                .transport
                .blob(BlobCall {
                    hash: h.clone(),
                    token: token.to_owned(),
                    upload: None,
                })
                .map_err(Error::Offline)
                .and_then(checked);
            match got {
                Ok(bytes) if keep_blob(store, h, &bytes).is_ok() => {
                    report.blobs_fetched += 1;
                }
                Err(Error::Offline(_)) => {
                    report.blobs_pending += (missing.len() - i) as u64;
                    break;
                }
                _ => report.blobs_pending += 1,
            }
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Keeps a fetched file durably: checked against its hash, written to a temporary name, flushed
/// to the disk, renamed into place and its directory flushed, so a power cut leaves either no
/// file or the whole one; then the store makes its thumbnail.
fn keep_blob(store: &Store, hash: &str, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    if sha256_hex(bytes) != hash {
        return Err(Error::Protocol(
            "收到的附件与校验值不符 (the file does not match its hash)".into(),
        ));
    }
    let target = store.blob_path(hash)?;
    if !target.exists() {
        let io = |e: std::io::Error| Error::Protocol(format!("{}: {e}", target.display()));
        let dir = target.parent().unwrap_or(&target).to_owned();
        std::fs::create_dir_all(&dir).map_err(io)?;
        let tmp = dir.join(format!("{hash}.{}.part", Id::new()));
        let written = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &target)?;
            // the rename itself reaches the disk with the directory (not on every platform)
            if let Ok(d) = std::fs::File::open(&dir) {
                let _ = d.sync_all();
            }
            Ok(())
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written.map_err(io)?;
    }
    store.save_blob(hash, bytes)?;
    Ok(())
}

/// Asks for one page of changes after `after`, leaving out this laptop's own up to `own_seq`.
fn pull_page(
    transport: &mut dyn Transport,
    token: &str,
    (after, own_seq): (i64, i64),
    limit: u32,
    retry: Retry,
) -> Result<PullResponse> {
    call(
        transport,
        "/v1/pull",
        Some(token),
        &PullRequest {
            after,
            limit,
            own_seq: Some(own_seq),
        },
        retry,
    )
}

/// The id a laptop is known by: its store's device id.
pub fn device_id(store: &Store) -> Id {
    store.device_id()
}

/// The version this client speaks, sent on every request.
pub const VERSION: u32 = SYNC_PROTOCOL_VERSION;

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}
