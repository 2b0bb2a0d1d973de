//! The HTTP face: routes, the request-id middleware (with the client's address), the request
//! limits, the protocol-version check, sign-in with its guard, bearer-token authentication (with
//! the account checks: disabled user, idle token) and the zstd body codec. Every error is a 4xx/5xx with a JSON [`SyncError`](linli_protocol::sync::SyncError).

use std::io::Read;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use linli_protocol::sync::{
    is_blob_hash, BlobStored, BlobsMissing, BlobsQuery, EnrolRequest, EnrolResponse,
    NewDeviceRequest, PullRequest, PullResponse, PushRequest, PushResponse, MAX_BLOB_BYTES,
    MAX_BLOB_QUERY, MAX_PUSH_BATCH, SERVER_TIME_HEADER, SYNC_PROTOCOL_VERSION, VERSION_HEADER,
};
use serde::{de::DeserializeOwned, Serialize};
use tracing::Instrument;

use crate::db::{BlobGet, BlobPut, DeviceAuth, ServerDb};
use crate::error::ApiError;
use crate::{auth, AppState};

/// The largest compressed request body accepted.
pub const MAX_BODY: usize = 8 * 1024 * 1024;
/// What a client is told when its body is past [`MAX_DECODED`] or the transport limit.
const BODY_TOO_LARGE: &str =
    "请求太大，请分批同步 (the request is too large: send smaller batches)";

/// The largest a request body may grow to once decompressed (a zstd bomb stops here).
pub const MAX_DECODED: u64 = 64 * 1024 * 1024;

/// The largest sign-in body, compressed or not: a name, a password, a device id and its name.
pub const MAX_ENROL_BODY: usize = 4 * 1024;
const ENROL_TOO_LARGE: &str =
    "登录请求太大：用户名、密码或设备名过长 (the sign-in request is too large: the name, password or device name is too long)";

tokio::task_local! {
    static REQUEST_ID: String;
    static CLIENT_IP: Option<std::net::IpAddr>;
}

/// The address of the client being answered (see [`crate::limits::client_ip`]), if known.
pub fn current_client_ip() -> Option<std::net::IpAddr> {
    CLIENT_IP.try_with(|c| *c).ok().flatten()
}

/// The id of the request being answered, as logged on every line of it.
pub fn current_request_id() -> String {
    REQUEST_ID.try_with(Clone::clone).unwrap_or_default()
}

/// The server's routes. Tests call it on `127.0.0.1:0`; `linli serve` on its `--listen` address.
pub fn router<D: ServerDb>(state: Arc<AppState<D>>) -> Router {
    Router::new()
        .route("/health", get(health))
        .route(
            "/v1/enrol",
            post(enrol::<D>).layer(DefaultBodyLimit::max(MAX_ENROL_BODY)),
        )
        .route("/v1/device", post(new_device::<D>))
        .route("/v1/push", post(push::<D>))
        .route("/v1/pull", post(pull::<D>))
        .route("/v1/blobs/missing", post(blobs_missing::<D>))
        .route(
            "/v1/blobs/{hash}",
            put(put_blob::<D>)
                .get(get_blob::<D>)
                .layer(DefaultBodyLimit::max(MAX_BLOB_BYTES as usize + 1)),
        )
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::limits::limit::<D>,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), context::<D>))
        .with_state(state)
}

/// Gives every request an id, a span holding it, and the server's time on the answer.
async fn context<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    req: Request,
    next: Next,
) -> Response {
    let id = format!("{:016x}", state.next_request_id());
    let client = crate::limits::client_ip(&req, &state.settings.trusted_proxies);
    let shown = client.map_or_else(|| "-".to_owned(), |c| c.to_string());
    let span = tracing::info_span!("request", id = %id, client = %shown, method = %req.method(), path = %req.uri().path());
    let started = Instant::now();
    let mut resp = REQUEST_ID
        .scope(
            id.clone(),
            CLIENT_IP.scope(client, next.run(req).instrument(span.clone())),
        )
        .await;
    let time = state.server_time();
    let headers = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&time.to_string()) {
        headers.insert(SERVER_TIME_HEADER, v);
    }
    if let Ok(v) = HeaderValue::from_str(&id) {
        headers.insert("x-request-id", v);
    }
    span.in_scope(|| {
        tracing::info!(
            status = resp.status().as_u16(),
            ms = started.elapsed().as_millis() as u64,
            "answered"
        );
    });
    resp
}

async fn health() -> impl IntoResponse {
    axum::Json(serde_json::json!({"status": "ok", "protocol": SYNC_PROTOCOL_VERSION}))
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "没有这个地址 (no such endpoint)",
    )
}

fn check_version(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(v) = headers.get(VERSION_HEADER) else {
        return Err(ApiError::bad_request(format!(
            "请求缺少协议版本 {VERSION_HEADER} (missing protocol version header)"
        )));
    };
    let v: u32 = v
        .to_str()
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| ApiError::bad_request("协议版本无效 (bad protocol version)"))?;
    if v < SYNC_PROTOCOL_VERSION {
        return Err(ApiError::new(
            StatusCode::UPGRADE_REQUIRED,
            "upgrade",
            format!(
                "请升级邻里：这台电脑的邻里太旧（同步协议 {v}，服务器需要 {SYNC_PROTOCOL_VERSION}）。本机数据都还在，升级后再同步即可。(Please upgrade Linli: this laptop speaks sync protocol {v}, the server needs {SYNC_PROTOCOL_VERSION}. Your local data is safe.)"
            ),
        ));
    }
    if v > SYNC_PROTOCOL_VERSION {
        return Err(ApiError::bad_request(format!(
            "服务器的邻里比这台电脑旧（协议 {SYNC_PROTOCOL_VERSION} < {v}），请管理员升级服务器 (the server is older than this laptop: ask the administrator to upgrade it)"
        )));
    }
    Ok(())
}

async fn authenticate<D: ServerDb>(
    state: &AppState<D>,
    headers: &HeaderMap,
) -> Result<DeviceAuth, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 256)
        .ok_or_else(ApiError::unauthenticated)?;
    let (county, hash) = auth::token_key(token);
    let auth = state
        .db
        .authenticate(county, hash)
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    if auth.revoked {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "revoked",
            "这台设备已被管理员停用，无法再同步；请联系社区管理员 (this device was revoked by the administrator and can no longer sync)",
        ));
    }
    let idle_ms = i64::try_from(state.settings.token_idle.as_millis()).unwrap_or(i64::MAX);
    match state
        .db
        .device_check(
            auth.county.clone(),
            auth.device_id,
            crate::now_ms() as i64,
            idle_ms,
        )
        .await?
    {
        crate::DeviceCheck::Active => {}
        crate::DeviceCheck::Disabled => return Err(user_disabled(&auth.user)),
        crate::DeviceCheck::Expired => {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "expired",
                "这台电脑太久没有同步，登录已过期，请重新登录 (this laptop has not synced for too long and its sign-in expired: sign in again)",
            ))
        }
    }
    tracing::debug!(user = %auth.user, device = %auth.device_id, "authenticated");
    Ok(auth)
}

fn user_disabled(user: &str) -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "disabled",
        format!("账号“{user}”已被管理员停用，这台电脑不能再同步；本机数据都还在，请联系县（区）管理员 (the account was disabled by the administrator: this laptop can no longer sync; its data stays on it)"),
    )
}

/// Decodes a request body: `Content-Encoding: zstd` JSON, at most [`MAX_DECODED`] bytes unpacked.
pub fn decode<T: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<T, ApiError> {
    decode_within(headers, body, MAX_DECODED)
}

/// [`decode`] with a smaller limit on the unpacked body.
fn decode_within<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
    max: u64,
) -> Result<T, ApiError> {
    let zstd = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("zstd"));
    if !zstd {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "bad_encoding",
            "请求正文必须用 zstd 压缩 (the body must be sent with Content-Encoding: zstd)",
        ));
    }
    let json = decode_body(body)?;
    if json.len() as u64 > max {
        return Err(ApiError::too_large(ENROL_TOO_LARGE));
    }
    serde_json::from_slice(&json).map_err(|e| {
        ApiError::bad_request(format!(
            "请求内容无法解析 (the body is not a valid request): {e}"
        ))
    })
}

/// Unpacks a zstd body, refusing one that is not zstd or grows past [`MAX_DECODED`].
pub fn decode_body(body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let decoder = zstd::stream::read::Decoder::new(body).map_err(|_| {
        ApiError::bad_request("请求正文不是有效的 zstd 数据 (the body is not valid zstd)")
    })?;
    let mut out = Vec::new();
    decoder
        .take(MAX_DECODED + 1)
        .read_to_end(&mut out)
        .map_err(|_| {
            ApiError::bad_request(
                "请求正文不是有效的 zstd 数据，或不完整 (the body is not valid or complete zstd)",
            )
        })?;
    if out.len() as u64 > MAX_DECODED {
        return Err(ApiError::too_large(BODY_TOO_LARGE));
    }
    Ok(out)
}

/// A JSON answer compressed with zstd.
pub fn encode<T: Serialize>(value: &T) -> Response {
    let json = match serde_json::to_vec(value) {
        Ok(j) => j,
        Err(e) => return ApiError::from(crate::Error::from(e)).into_response(),
    };
    match zstd::bulk::compress(&json, 3) {
        Ok(packed) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CONTENT_ENCODING, "zstd"),
            ],
            packed,
        )
            .into_response(),
        Err(e) => ApiError::from(crate::Error::Join(e.to_string())).into_response(),
    }
}

fn body_of(
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Bytes, ApiError> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(BODY_TOO_LARGE)
        } else {
            ApiError::bad_request(format!("请求正文读取失败 (could not read the body): {e}"))
        }
    })
}

async fn enrol<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(ENROL_TOO_LARGE)
        } else {
            ApiError::bad_request(format!("请求正文读取失败 (could not read the body): {e}"))
        }
    })?;
    let req: EnrolRequest = decode_within(&headers, &body, MAX_ENROL_BODY as u64)?;
    if req.password.len() > auth::MAX_PASSWORD_BYTES {
        return Err(ApiError::bad_request(format!(
            "密码太长：最多 {} 字节 (the password may be at most {} bytes)",
            auth::MAX_PASSWORD_BYTES,
            auth::MAX_PASSWORD_BYTES
        )));
    }
    let client = current_client_ip();
    let now = Instant::now();
    if let Some(wait) = state.guard.wait(&req.user, client, now) {
        return Err(slow_down(wait));
    }
    let user = state.db.user_by_name(req.user.clone()).await?;
    let checked = match &user {
        Some(user) => auth::verify_password(&req.password, &user.password_hash).await,
        None => {
            // spend the same time as a real check, so names cannot be probed by timing
            let _ = auth::verify_password(&req.password, auth::dummy_hash()).await;
            false
        }
    };
    let Some(user) = user.filter(|_| checked) else {
        let wait = state
            .guard
            .failed(&req.user, client, Instant::now(), &state.settings);
        let shown = client.map_or_else(|| "-".to_owned(), |c| c.to_string());
        tracing::warn!(user = %req.user, client = %shown, wait_secs = wait.as_secs(), "sign-in failed");
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "wrong_password",
            "用户名或密码不对 (wrong user name or password)",
        ));
    };
    state.guard.succeeded(&req.user);
    if state.db.user_disabled(req.user.clone()).await? {
        return Err(user_disabled(&req.user));
    }
    let resp = enrol_as(&state, user, req.device_id, &req.device_name).await?;
    tracing::info!(user = %req.user, device = %req.device_id, "device enrolled");
    Ok(encode(&resp))
}

/// Enrols `device_id` for `user` with a new token and answers as `/v1/enrol` does.
async fn enrol_as<D: ServerDb>(
    state: &AppState<D>,
    user: crate::db::UserRecord,
    device_id: linli_domain::Id,
    device_name: &str,
) -> Result<EnrolResponse, ApiError> {
    let token = auth::new_token_for(&user.county);
    let (user_id, role, grants) = (user.user_id, user.role, user.grants.clone());
    let county = user.county.clone();
    let now_ms = crate::now_ms() as i64;
    let last_seq = state
        .db
        .enrol_device(
            user,
            device_id,
            device_name.chars().take(100).collect(),
            auth::token_hash(&token),
            now_ms,
        )
        .await?;
    // a sign-in is a use: the idle time of a re-enrolled laptop starts afresh
    state.db.mark_seen(county, device_id, now_ms).await?;
    Ok(EnrolResponse {
        token,
        user_id,
        role,
        grants,
        server_time: state.server_time(),
        last_seq,
    })
}

/// `POST /v1/device`: a laptop that must take a new device id enrols it with its current token;
/// an id the server knows already is 409.
async fn new_device<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let auth = authenticate(&state, &headers).await?;
    let req: NewDeviceRequest = decode(&headers, &body_of(body)?)?;
    let user = state
        .db
        .user_by_name(auth.user.clone())
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    let token = auth::new_token_for(&user.county);
    let resp = EnrolResponse {
        token: token.clone(),
        user_id: user.user_id,
        role: user.role,
        grants: user.grants.clone(),
        server_time: state.server_time(),
        last_seq: 0,
    };
    let county = user.county.clone();
    let now_ms = crate::now_ms() as i64;
    // a device id new to the server only: a replayed request cannot take the token of the device
    // it made
    state
        .db
        .add_device(
            user,
            req.device_id,
            req.device_name.chars().take(100).collect(),
            auth::token_hash(&token),
            now_ms,
        )
        .await?;
    // a new id is a use: its idle time starts now
    state.db.mark_seen(county, req.device_id, now_ms).await?;
    tracing::info!(user = %auth.user, from = %auth.device_id, device = %req.device_id, "device took a new id");
    Ok(encode(&resp))
}

/// 429: too many failed sign-ins; the wait is in `Retry-After` and in the sentence.
fn slow_down(wait: std::time::Duration) -> ApiError {
    let secs = u32::try_from(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
        .unwrap_or(u32::MAX)
        .max(1);
    ApiError {
        retry_after: Some(secs),
        ..ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "slow_down",
            format!("密码错误次数太多，请 {secs} 秒后再试 (too many failed sign-ins: try again in {secs} seconds)"),
        )
    }
}

async fn push<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let auth = authenticate(&state, &headers).await?;
    let req: PushRequest = decode(&headers, &body_of(body)?)?;
    if req.changes.len() > MAX_PUSH_BATCH {
        return Err(ApiError::too_large(format!(
            "一次最多同步 {MAX_PUSH_BATCH} 条变更 (at most {MAX_PUSH_BATCH} changes per push)"
        )));
    }
    let n = req.changes.len();
    let results = state.db.push(auth, req).await?;
    tracing::info!(changes = n, "push merged");
    Ok(encode(&PushResponse {
        results,
        server_time: state.server_time(),
    }))
}

async fn pull<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let auth = authenticate(&state, &headers).await?;
    let req: PullRequest = decode(&headers, &body_of(body)?)?;
    if req.after < 0 {
        return Err(ApiError::bad_request(
            "游标不能为负 (the cursor cannot be negative)",
        ));
    }
    let page = state
        .db
        .pull_from(auth, req.after, req.limit, req.own_seq)
        .await?;
    tracing::info!(
        after = req.after,
        changes = page.changes.len(),
        next = page.next,
        "pull page"
    );
    Ok(encode(&PullResponse {
        changes: page.changes,
        next: page.next,
        more: page.more,
        server_time: state.server_time(),
    }))
}

fn blob_too_large(size: Option<u64>) -> ApiError {
    let shown = size.map_or_else(
        || "超过上限".to_owned(),
        |s| format!("{:.1} MB", s as f64 / 1024.0 / 1024.0),
    );
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "blob_too_large",
        format!(
            "附件太大（{shown}），服务器只收 {} MB 以内的文件；请压缩照片后重新添加 (the attachment is too large: the server takes files up to {} MB; compress the photo and attach it again)",
            MAX_BLOB_BYTES / 1024 / 1024,
            MAX_BLOB_BYTES / 1024 / 1024
        ),
    )
}

fn blob_hash(hash: &str) -> Result<(), ApiError> {
    if is_blob_hash(hash) {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            "文件校验值无效，应为 64 位小写十六进制的 sha256 (not a sha256 in lowercase hex)",
        ))
    }
}

fn blob_out_of_scope() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "outside_grants",
        "这个附件不在你负责的范围内，或它的记录还没有同步到服务器 (no attachment within your grants names this file)",
    )
}

/// `POST /v1/blobs/missing`: which of the hashes the server lacks.
async fn blobs_missing<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let auth = authenticate(&state, &headers).await?;
    let req: BlobsQuery = decode(&headers, &body_of(body)?)?;
    if req.hashes.len() > MAX_BLOB_QUERY {
        return Err(ApiError::too_large(format!(
            "一次最多询问 {MAX_BLOB_QUERY} 个文件 (at most {MAX_BLOB_QUERY} hashes per query)"
        )));
    }
    for h in &req.hashes {
        blob_hash(h)?;
    }
    let missing = state.db.blobs_missing(auth, req.hashes).await?;
    Ok(encode(&BlobsMissing { missing }))
}

/// `PUT /v1/blobs/{sha256}`: the raw bytes of one attachment, checked against the hash and the
/// size limit before anything is stored.
async fn put_blob<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    Path(hash): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let auth = authenticate(&state, &headers).await?;
    blob_hash(&hash)?;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let bytes = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Err(blob_too_large(declared))
        }
        Err(e) => return Err(body_of(Err(e)).unwrap_err()),
    };
    let size = bytes.len() as u64;
    if size > MAX_BLOB_BYTES {
        return Err(blob_too_large(Some(size)));
    }
    if size == 0 {
        return Err(ApiError::bad_request("附件是空的 (the file is empty)"));
    }
    let actual = auth::sha256_hex(&bytes);
    if actual != hash {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "hash_mismatch",
            "上传的文件与它的校验值不符，可能在传输中损坏，服务器没有保存；下次同步会重新上传 (the bytes do not match their sha256: nothing was stored; the next sync uploads them again)",
        ));
    }
    match state
        .db
        .put_blob(auth, hash.clone(), bytes.to_vec())
        .await?
    {
        BlobPut::Stored(created) => {
            tracing::info!(hash = %hash, size, created, "blob stored");
            Ok(encode(&BlobStored {
                hash,
                size,
                created,
            }))
        }
        BlobPut::OutOfScope => Err(blob_out_of_scope()),
    }
}

/// `GET /v1/blobs/{sha256}`: the raw bytes, to a device that sees an attachment naming them.
async fn get_blob<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    Path(hash): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let auth = authenticate(&state, &headers).await?;
    blob_hash(&hash)?;
    match state.db.get_blob(auth, hash).await? {
        BlobGet::Found(bytes) => {
            Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response())
        }
        BlobGet::NotYet => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "blob_not_yet",
            "这个附件还没有上传到服务器，下次同步再取 (the file has not been uploaded yet: the next sync fetches it)",
        )),
        BlobGet::OutOfScope => Err(blob_out_of_scope()),
    }
}
