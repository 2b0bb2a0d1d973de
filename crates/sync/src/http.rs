//! The production transport: HTTP/1.1 with ureq, over TLS (rustls) for `https://` servers. The
//! server's certificate is checked against the system's roots plus an optional county CA
//! ([`Trust::ca_pem`]); plain `http://` is refused for anything but this machine unless the user
//! said so ([`Trust::insecure`]): passwords, tokens and residents' records would cross the
//! network in clear.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

use linli_protocol::sync::{SYNC_PROTOCOL_VERSION, VERSION_HEADER};

use crate::{BlobCall, Post, Reply, Transport};

/// The most a response body may be (a pull page of 5,000 changes is far below it).
const MAX_REPLY: u64 = 256 * 1024 * 1024;

/// How this laptop trusts its server, remembered with the enrolment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trust {
    /// A county's own CA certificate (PEM), trusted besides the system's roots.
    pub ca_pem: Option<String>,
    /// Plain `http://` to another machine allowed: the user was warned and confirmed.
    pub insecure: bool,
}

impl Trust {
    /// The trust stored with this laptop's enrolment.
    pub fn of(store: &linli_store::Store) -> linli_store::Result<Trust> {
        let (ca_pem, insecure) = store.server_trust()?;
        Ok(Trust { ca_pem, insecure })
    }
}

/// The trust of each server this process has signed in to or found enrolled, so the
/// transports the background sync makes by URL alone ([`HttpTransport::new`]) use it.
fn known() -> &'static Mutex<HashMap<String, Trust>> {
    static KNOWN: OnceLock<Mutex<HashMap<String, Trust>>> = OnceLock::new();
    KNOWN.get_or_init(Mutex::default)
}

/// Remembers `trust` for the server at `base` in this process (see [`HttpTransport::new`]).
pub fn remember_trust(base: &str, trust: Trust) {
    known()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(base.trim_end_matches('/').to_owned(), trust);
}

/// Whether `base` is plain `http://` to another machine, which [`Trust::insecure`] must allow.
pub fn plain_http_elsewhere(base: &str) -> bool {
    let Some(rest) = base.trim().strip_prefix("http://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    !loopback
}

/// The sentence a refused plain-HTTP server gets.
pub fn plain_http_refusal(base: &str) -> String {
    format!(
        "不安全的连接：{base} 是未加密的 http:// 地址，密码、登录凭据和居民信息会在网络上明文传输。请改用 https:// 地址；确需使用时加 --insecure（桌面版需确认）(refused: plain http:// to another machine sends passwords and residents' records in clear; use https://, or pass --insecure if you must)"
    )
}

/// The system's root certificates, read once (Debian: /etc/ssl/certs).
fn system_roots() -> &'static [Certificate<'static>] {
    static ROOTS: OnceLock<Vec<Certificate<'static>>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        rustls_native_certs::load_native_certs()
            .certs
            .iter()
            .map(|c| Certificate::from_der(c.as_ref()).to_owned())
            .collect()
    })
}

/// The certificates of a PEM text, or a sentence saying why there are none.
pub fn parse_ca(pem: &str) -> Result<Vec<Certificate<'static>>, String> {
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(pem.as_bytes()) {
        match item {
            Ok(PemItem::Certificate(c)) => certs.push(c),
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "根证书文件无法读取：{e} (the CA file is not a PEM certificate)"
                ))
            }
        }
    }
    if certs.is_empty() {
        return Err("根证书文件里没有证书 (the CA file holds no CERTIFICATE)".into());
    }
    Ok(certs)
}

/// HTTP(S) to a server at `base` (`https://sync.county.example`, `http://127.0.0.1:8470`).
#[derive(Debug, Clone)]
pub struct HttpTransport {
    base: String,
    agent: ureq::Agent,
    /// Why every request is refused (plain HTTP to another machine without consent).
    refused: Option<String>,
}

impl HttpTransport {
    /// A transport trusting what [`remember_trust`] was told for `base` (the system's roots
    /// only, if nothing); plain `http://` to another machine, unless allowed there, is refused at
    /// every request.
    pub fn new(base: &str) -> Self {
        let trust = known()
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(base.trim_end_matches('/'))
            .cloned()
            .unwrap_or_default();
        Self::with_trust(base, &trust).unwrap_or_else(|why| HttpTransport {
            base: base.trim_end_matches('/').to_owned(),
            agent: ureq::Agent::new_with_defaults(),
            refused: Some(why),
        })
    }

    /// A transport trusting the system's roots plus `trust`'s county CA; refuses plain `http://`
    /// to another machine unless `trust.insecure`, with a sentence saying why.
    pub fn with_trust(base: &str, trust: &Trust) -> Result<Self, String> {
        let base = base.trim_end_matches('/').to_owned();
        if plain_http_elsewhere(&base) && !trust.insecure {
            return Err(plain_http_refusal(&base));
        }
        let mut roots: Vec<Certificate<'static>> = system_roots().to_vec();
        if let Some(pem) = &trust.ca_pem {
            roots.extend(parse_ca(pem)?);
        }
        let roots = if roots.is_empty() {
            RootCerts::WebPki
        } else {
            RootCerts::Specific(Arc::new(roots))
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .build()
            .into();
        Ok(HttpTransport {
            base,
            agent,
            refused: None,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// A plain `GET` of `path` (no token: the updates folder, `crate::updates`): its status and
    /// body, refused past `limit` bytes.
    pub fn get(&self, path: &str, limit: u64) -> Result<(u16, Vec<u8>), String> {
        if let Some(why) = &self.refused {
            return Err(why.clone());
        }
        let mut resp = self
            .agent
            .get(format!("{}{}", self.base, path))
            .call()
            .map_err(|e| failure(&self.base, e))?;
        let status = resp.status().as_u16();
        let body = resp
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| e.to_string())?;
        Ok((status, body))
    }
}

impl Transport for HttpTransport {
    fn post(&mut self, req: Post) -> Result<Reply, String> {
        if let Some(why) = &self.refused {
            return Err(why.clone());
        }
        let mut r = self
            .agent
            .post(format!("{}{}", self.base, req.path))
            .header(VERSION_HEADER, SYNC_PROTOCOL_VERSION.to_string())
            .header("content-type", "application/json")
            .header("content-encoding", "zstd");
        if let Some(t) = &req.token {
            r = r.header("authorization", format!("Bearer {t}"));
        }
        reply(r.send(&req.body[..]).map_err(|e| failure(&self.base, e))?)
    }

    fn blob(&mut self, req: BlobCall) -> Result<Reply, String> {
        if let Some(why) = &self.refused {
            return Err(why.clone());
        }
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
        .map_err(|e| failure(&self.base, e))?;
        reply(resp)
    }
}

/// A failed request as a sentence: an untrusted certificate says what to do about it.
fn failure(base: &str, e: ureq::Error) -> String {
    let detail = e.to_string();
    if detail.contains("invalid peer certificate") {
        format!("服务器 {base} 的证书不受信任，连接已拒绝：请向县（区）管理员要根证书，用 --ca 文件（或“同步”页的根证书）指定 (the server's certificate is not trusted: ask the county office for its CA certificate and give it with --ca): {detail}")
    } else {
        detail
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
