//! The zstd body codec: request bodies unpacked within bounds, answers packed.

use std::io::Read;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{de::DeserializeOwned, Serialize};

use super::MAX_DECODED;
use crate::error::ApiError;
use linli_domain::msg;

/// Decodes a request body: `Content-Encoding: zstd` JSON, at most [`MAX_DECODED`] bytes unpacked.
pub fn decode<T: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<T, ApiError> {
    decode_within(headers, body, MAX_DECODED)
}

/// [`decode`] with a smaller limit on the unpacked body.
pub(super) fn decode_within<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
    max: u64,
) -> Result<T, ApiError> {
    let zstd = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("zstd"));
    if !zstd {
        return Err(ApiError::said(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "bad_encoding",
            msg::SERVER_NOT_ZSTD,
            vec![],
        ));
    }
    let json = decode_body(body)?;
    if json.len() as u64 > max {
        return Err(ApiError::large(msg::SERVER_ENROL_TOO_LARGE, vec![]));
    }
    serde_json::from_slice(&json).map_err(|e| {
        tracing::warn!(error = %e, "request unparsable");
        ApiError::bad(msg::SERVER_BAD_REQUEST_BODY, vec![])
    })
}

/// Unpacks a zstd body, refusing one that is not zstd or grows past [`MAX_DECODED`].
pub fn decode_body(body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let decoder = zstd::stream::read::Decoder::new(body)
        .map_err(|_| ApiError::bad(msg::SERVER_BAD_ZSTD, vec![]))?;
    let mut out = Vec::new();
    decoder
        .take(MAX_DECODED + 1)
        .read_to_end(&mut out)
        .map_err(|_| ApiError::bad(msg::SERVER_BAD_ZSTD, vec![]))?;
    if out.len() as u64 > MAX_DECODED {
        return Err(ApiError::large(msg::SERVER_BODY_TOO_LARGE, vec![]));
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

pub(super) fn body_of(
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Bytes, ApiError> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::large(msg::SERVER_BODY_TOO_LARGE, vec![])
        } else {
            tracing::warn!(error = %e, "body unreadable");
            ApiError::bad(msg::SERVER_BODY_UNREADABLE, vec![])
        }
    })
}
