//! Attachment files: which the server lacks, and their raw bytes up and down, within the
//! device's sight.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use linli_protocol::sync::{
    is_blob_hash, BlobStored, BlobsMissing, BlobsQuery, MAX_BLOB_BYTES, MAX_BLOB_QUERY,
};

use super::{authenticate, body_of, check_version, decode, encode};
use crate::db::{BlobGet, BlobPut, ServerDb};
use crate::error::ApiError;
use crate::{auth, AppState};

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
pub(super) async fn blobs_missing<D: ServerDb>(
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
        BlobGet::NotYet => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "blob_not_yet",
            "这个附件还没有上传到服务器，下次同步再取 (the file has not been uploaded yet: the next sync fetches it)",
        )),
        BlobGet::OutOfScope => Err(blob_out_of_scope()),
    }
}
