//! The HTTP face: routes, the request-id middleware (with the client's address), the request
//! limits, the protocol-version check, sign-in with its guard, bearer-token authentication (with
//! the account checks: disabled user, idle token) and the zstd body codec. Every error is a 4xx/5xx with a JSON [`SyncError`](linli_protocol::sync::SyncError).

mod admin;
mod blobs;
mod changes;
mod codec;
mod sign_in;
mod updates;

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use linli_protocol::sync::{
    MAX_BLOB_BYTES, SERVER_TIME_HEADER, SYNC_PROTOCOL_VERSION, VERSION_HEADER,
};
use tracing::Instrument;

use crate::db::{DeviceAuth, ServerDb};
use crate::error::ApiError;
use crate::{auth, AppState};
use blobs::{blobs_missing, get_blob, put_blob};
use changes::{pull, push};
use codec::{body_of, decode_within};
pub use codec::{decode, decode_body, encode};
use linli_domain::{args, msg};
use sign_in::{enrol, new_device};

/// The largest compressed request body accepted.
pub const MAX_BODY: usize = 8 * 1024 * 1024;

/// The largest a request body may grow to once decompressed (a zstd bomb stops here).
pub const MAX_DECODED: u64 = 64 * 1024 * 1024;

/// The largest sign-in body, compressed or not: a name, a password, a device id and its name.
pub const MAX_ENROL_BODY: usize = 4 * 1024;

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
        .route("/v1/admin/overview", post(admin::overview::<D>))
        .route("/v1/admin/act", post(admin::act::<D>))
        .route("/v1/updates/{file}", get(updates::get_update::<D>))
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
    ApiError::said(
        StatusCode::NOT_FOUND,
        "not_found",
        msg::SERVER_NO_ENDPOINT,
        vec![],
    )
}

fn check_version(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(v) = headers.get(VERSION_HEADER) else {
        return Err(ApiError::bad(
            msg::SERVER_NO_VERSION,
            args![header = VERSION_HEADER],
        ));
    };
    let v: u32 = v
        .to_str()
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| ApiError::bad(msg::SERVER_BAD_VERSION, vec![]))?;
    if v < SYNC_PROTOCOL_VERSION {
        return Err(ApiError::said(
            StatusCode::UPGRADE_REQUIRED,
            "upgrade",
            msg::SERVER_UPGRADE,
            args![have = v, need = SYNC_PROTOCOL_VERSION],
        ));
    }
    if v > SYNC_PROTOCOL_VERSION {
        return Err(ApiError::bad(
            msg::SERVER_TOO_OLD,
            args![need = SYNC_PROTOCOL_VERSION, have = v],
        ));
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
        return Err(ApiError::said(
            StatusCode::FORBIDDEN,
            "revoked",
            msg::SERVER_REVOKED,
            vec![],
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
            return Err(ApiError::said(
                StatusCode::UNAUTHORIZED,
                "expired",
                msg::SERVER_EXPIRED,
                vec![],
            ))
        }
    }
    tracing::debug!(user = %auth.user, device = %auth.device_id, "authenticated");
    Ok(auth)
}

fn user_disabled(user: &str) -> ApiError {
    ApiError::said(
        StatusCode::FORBIDDEN,
        "disabled",
        msg::SERVER_DISABLED,
        args![user = user],
    )
}
