//! The log: pushes merged and pulls paged, for an authenticated device.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use linli_domain::{args, msg};
use linli_protocol::sync::{PullRequest, PullResponse, PushRequest, PushResponse, MAX_PUSH_BATCH};

use super::{authenticate, body_of, check_version, decode, encode};
use crate::db::ServerDb;
use crate::error::ApiError;
use crate::AppState;

pub(super) async fn push<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let auth = authenticate(&state, &headers).await?;
    let req: PushRequest = decode(&headers, &body_of(body)?)?;
    if req.changes.len() > MAX_PUSH_BATCH {
        return Err(ApiError::large(
            msg::SERVER_PUSH_TOO_MANY,
            args![max = MAX_PUSH_BATCH],
        ));
    }
    let n = req.changes.len();
    let results = state.db.push(auth, req).await?;
    tracing::info!(changes = n, "push merged");
    Ok(encode(&PushResponse {
        results,
        server_time: state.server_time(),
    }))
}

pub(super) async fn pull<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let auth = authenticate(&state, &headers).await?;
    let req: PullRequest = decode(&headers, &body_of(body)?)?;
    if req.after < 0 {
        return Err(ApiError::bad(msg::SERVER_CURSOR_NEGATIVE, vec![]));
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
