//! Attachment files: which the server lacks, and their raw bytes up and down, within the
//! device's sight.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use linli_domain::{args, msg};
use linli_protocol::sync::{
    is_blob_hash, BlobStored, BlobsMissing, BlobsQuery, MAX_BLOB_BYTES, MAX_BLOB_QUERY,
};

use super::{authenticate, body_of, check_version, decode, encode};
use crate::db::{BlobGet, BlobPut, ServerDb};
use crate::error::ApiError;
use crate::{auth, AppState};

fn blob_too_large(size: Option<u64>) -> ApiError {
    let shown = size.map_or_else(
        || format!("> {}", MAX_BLOB_BYTES / 1024 / 1024),
        |s| format!("{:.1}", s as f64 / 1024.0 / 1024.0),
    );
    ApiError::said(
        StatusCode::PAYLOAD_TOO_LARGE,
        "blob_too_large",
        msg::SERVER_BLOB_TOO_LARGE,
        args![size = shown, max = MAX_BLOB_BYTES / 1024 / 1024],
    )
}

fn blob_hash(hash: &str) -> Result<(), ApiError> {
    if is_blob_hash(hash) {
        Ok(())
    } else {
        Err(ApiError::bad(msg::SERVER_BAD_HASH, vec![]))
    }
}

fn blob_out_of_scope() -> ApiError {
    ApiError::said(
        StatusCode::FORBIDDEN,
        "outside_grants",
        msg::SERVER_BLOB_OUTSIDE,
        vec![],
    )
}

/// `POST /v1/blobs/missing`: which of the hashes the server lacks.
pub(super) async fn blobs_missing<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let auth = authenticate(&state, &headers).await?;
    let req: BlobsQuery = decode(&headers, &body_of(body)?)?;
    if req.hashes.len() > MAX_BLOB_QUERY {
        return Err(ApiError::large(
            msg::SERVER_BLOB_QUERY_TOO_MANY,
            args![max = MAX_BLOB_QUERY],
        ));
    }
    for h in &req.hashes {
        blob_hash(h)?;
    }
    let missing = state.db.blobs_missing(auth, req.hashes).await?;
    Ok(encode(&BlobsMissing { missing }))
}

/// `PUT /v1/blobs/{sha256}`: the raw bytes of one attachment, checked against the hash and the
/// size limit before anything is stored.
pub(super) async fn put_blob<D: ServerDb>(
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
        return Err(ApiError::bad(msg::SERVER_BLOB_EMPTY, vec![]));
    }
    let actual = auth::sha256_hex(&bytes);
    if actual != hash {
        return Err(ApiError::said(
            StatusCode::BAD_REQUEST,
            "hash_mismatch",
            msg::SERVER_HASH_MISMATCH,
            vec![],
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
pub(super) async fn get_blob<D: ServerDb>(
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
        BlobGet::NotYet => Err(ApiError::said(
            StatusCode::NOT_FOUND,
            "blob_not_yet",
            msg::SERVER_BLOB_NOT_YET,
            vec![],
        )),
        BlobGet::OutOfScope => Err(blob_out_of_scope()),
    }
}
