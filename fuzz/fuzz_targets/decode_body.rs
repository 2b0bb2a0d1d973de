//! Any bytes as a request body: the server's decoding (zstd, the size bound, JSON into the
//! protocol's request types) must answer with an error or a value, never panic, hang or blow up.
#![no_main]

use axum::http::{header, HeaderMap, HeaderValue};
use libfuzzer_sys::fuzz_target;
use linli_protocol::sync::{EnrolRequest, PullRequest, PushRequest};
use linli_server::http::{decode, decode_body};

fuzz_target!(|data: &[u8]| {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("zstd"));
    let _ = decode_body(data);
    let _ = decode::<PushRequest>(&headers, data);
    let _ = decode::<PullRequest>(&headers, data);
    let _ = decode::<EnrolRequest>(&headers, data);
    // the same bytes as if they were already unpacked JSON, compressed for the decoder
    if let Ok(packed) = zstd_pack(data) {
        let _ = decode::<PushRequest>(&headers, &packed);
    }
});

/// `data` in a zstd frame of one raw (stored) block, so the JSON parser sees it as it is.
fn zstd_pack(data: &[u8]) -> Result<Vec<u8>, ()> {
    if data.len() >= 128 * 1024 {
        return Err(()); // a raw block holds at most 128 KiB
    }
    let mut out = vec![0x28, 0xB5, 0x2F, 0xFD]; // magic
    out.push(0xA0); // single segment, 4-byte frame content size, no checksum
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    let block = ((data.len() as u32) << 3) | 1; // raw block, the last one
    out.extend_from_slice(&block.to_le_bytes()[..3]);
    out.extend_from_slice(data);
    Ok(out)
}
