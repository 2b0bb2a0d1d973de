//! Sign-in: enrolling a laptop with a password under the guard, and a new device id with the
//! current token.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use linli_domain::{args, msg};
use linli_protocol::sync::{EnrolRequest, EnrolResponse, NewDeviceRequest};

use super::{
    authenticate, body_of, check_version, current_client_ip, decode, decode_within, encode,
    user_disabled, MAX_ENROL_BODY,
};
use crate::db::ServerDb;
use crate::error::ApiError;
use crate::{auth, AppState};

pub(super) async fn enrol<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::large(msg::SERVER_ENROL_TOO_LARGE, vec![])
        } else {
            {
                tracing::warn!(error = %e, "body unreadable");
                ApiError::bad(msg::SERVER_BODY_UNREADABLE, vec![])
            }
        }
    })?;
    let req: EnrolRequest = decode_within(&headers, &body, MAX_ENROL_BODY as u64)?;
    if req.password.len() > auth::MAX_PASSWORD_BYTES {
        return Err(ApiError::bad(
            msg::SERVER_PASSWORD_TOO_LONG,
            args![max = auth::MAX_PASSWORD_BYTES],
        ));
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
        return Err(ApiError::said(
            StatusCode::UNAUTHORIZED,
            "wrong_password",
            msg::SERVER_WRONG_PASSWORD,
            vec![],
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
pub(super) async fn new_device<D: ServerDb>(
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
        ..ApiError::said(
            StatusCode::TOO_MANY_REQUESTS,
            "slow_down",
            msg::SERVER_SLOW_DOWN,
            args![secs = secs],
        )
    }
}
