//! The production transport: plain HTTP/1.1 with ureq (no TLS: stations reach the server through
//! the county network or a TLS-terminating proxy).

use std::time::Duration;

use linli_protocol::sync::{SYNC_PROTOCOL_VERSION, VERSION_HEADER};

use crate::{BlobCall, Post, Reply, Transport};

/// The most a response body may be (a pull page of 5,000 changes is far below it).
const MAX_REPLY: u64 = 256 * 1024 * 1024;

/// HTTP to a server at `base` (`http://127.0.0.1:8470`).
#[derive(Debug, Clone)]
pub struct HttpTransport {
    base: String,
    agent: ureq::Agent,
}

impl HttpTransport {
    pub fn new(base: &str) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        HttpTransport {
            base: base.trim_end_matches('/').to_owned(),
            agent,
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }
}

impl Transport for HttpTransport {
    fn post(&mut self, req: Post) -> Result<Reply, String> {
        let mut r = self
            .agent
            .post(format!("{}{}", self.base, req.path))
            .header(VERSION_HEADER, SYNC_PROTOCOL_VERSION.to_string())
            .header("content-type", "application/json")
            .header("content-encoding", "zstd");
        if let Some(t) = &req.token {
            r = r.header("authorization", format!("Bearer {t}"));
        }
        reply(r.send(&req.body[..]).map_err(|e| e.to_string())?)
    }

    fn blob(&mut self, req: BlobCall) -> Result<Reply, String> {
        let url = format!("{}/v1/blobs/{}", self.base, req.hash);
        let auth = format!("Bearer {}", req.token);
        let version = SYNC_PROTOCOL_VERSION.to_string();
        let resp = match req.upload {
            Some(bytes) => self
                .agent
                .put(url)
                .header(VERSION_HEADER, version)
                .header("authorization", auth)
                .header("content-type", "application/octet-stream")
                .send(&bytes[..]),
            None => self
                .agent
                .get(url)
                .header(VERSION_HEADER, version)
                .header("authorization", auth)
                .call(),
        }
        .map_err(|e| e.to_string())?;
        reply(resp)
    }
}

/// A response as the engine reads it: status, whether the body is zstd, the body (at most
/// [`MAX_REPLY`]) and `Retry-After` in seconds.
fn reply(mut resp: ureq::http::Response<ureq::Body>) -> Result<Reply, String> {
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let zstd = header("content-encoding").is_some_and(|v| v.eq_ignore_ascii_case("zstd"));
    let retry_after = header("retry-after").and_then(|v| v.trim().parse().ok());
    let status = resp.status().as_u16();
    let body = resp
        .body_mut()
        .with_config()
        .limit(MAX_REPLY)
        .read_to_vec()
        .map_err(|e| e.to_string())?;
    Ok(Reply {
        status,
        zstd,
        body,
        retry_after,
    })
}
