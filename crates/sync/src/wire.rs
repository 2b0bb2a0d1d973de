//! The wire: request bodies packed with zstd, answers unpacked within bounds, error answers as
//! [`Error`]s, and one POST that waits out a 503 with `Retry-After`.

use linli_protocol::sync::SyncError;
use serde::{de::DeserializeOwned, Serialize};

use crate::{Error, Post, Reply, Result, Retry, ServerSaid, Transport};

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
pub(crate) fn checked(reply: Reply) -> Result<Vec<u8>> {
    let body = if reply.zstd {
        decode_reply(&reply.body)?
    } else {
        reply.body
    };
    if !(200..300).contains(&reply.status) {
        let message = serde_json::from_slice::<SyncError>(&body)
            .map(|e| {
                let mut args = e.args;
                let message = if e.request_id.is_empty() {
                    e.message
                } else {
                    args.insert("request_id".into(), e.request_id.clone());
                    format!("{}（请求编号 request id {}）", e.message, e.request_id)
                };
                ServerSaid {
                    message,
                    code: e.code,
                    args,
                }
            })
            .unwrap_or_else(|_| ServerSaid::plain(String::from_utf8_lossy(&body)));
        return Err(match reply.status {
            401 => Error::Unauthenticated(message),
            403 => Error::Revoked(message),
            426 => Error::Upgrade(message),
            status => Error::Server { status, message },
        });
    }
    Ok(body)
}

pub(crate) fn call<Req: Serialize, Resp: DeserializeOwned>(
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
