//! 测试连接: one authenticated, read-only request to the server the laptop is enrolled with (which
//! attachments it lacks, of none), read as the first check that failed: reachable, TLS trusted,
//! the same protocol version, the sign-in still valid. Nothing is sent or received besides.

use std::time::Instant;

use linli_protocol::sync::{BlobsMissing, BlobsQuery};
use linli_protocol::{ConnectionCheck, ConnectionVerdict};

use crate::wire::call;
use crate::{Error, Retry, Transport};

/// Tests the connection to `server` with `token`, without syncing.
pub fn check_connection(t: &mut dyn Transport, server: &str, token: &str) -> ConnectionCheck {
    let started = Instant::now();
    let no_retry = Retry {
        attempts: 0,
        cap: std::time::Duration::ZERO,
    };
    let answer: crate::Result<BlobsMissing> = call(
        t,
        "/v1/blobs/missing",
        Some(token),
        &BlobsQuery { hashes: Vec::new() },
        no_retry,
    );
    let (verdict, detail) = match answer {
        Ok(_) => (ConnectionVerdict::Ok, String::new()),
        Err(Error::Offline(m)) if untrusted(&m) => (ConnectionVerdict::Untrusted, m),
        Err(Error::Offline(m)) => (ConnectionVerdict::Unreachable, m),
        Err(Error::Unauthenticated(m) | Error::Revoked(m)) => {
            (ConnectionVerdict::SignedOut, m.message)
        }
        Err(Error::Upgrade(m)) => (ConnectionVerdict::Version, m.message),
        Err(Error::Server { message, .. }) => (ConnectionVerdict::Refused, message.message),
        Err(e) => (ConnectionVerdict::Refused, e.to_string()),
    };
    ConnectionCheck {
        verdict,
        server: server.to_owned(),
        detail,
        millis: started.elapsed().as_millis() as u64,
    }
}

/// Whether a transport failure is about TLS: an untrusted or invalid certificate, a handshake.
fn untrusted(detail: &str) -> bool {
    let d = detail.to_lowercase();
    ["certificate", "tls", "handshake", "证书"]
        .iter()
        .any(|w| d.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Post, Reply};

    struct Answer(Result<(u16, &'static str), &'static str>);

    impl Transport for Answer {
        fn post(&mut self, req: Post) -> Result<Reply, String> {
            assert_eq!(req.path, "/v1/blobs/missing");
            assert_eq!(req.token.as_deref(), Some("tok"));
            let (status, body) = self.0.map_err(str::to_owned)?;
            Ok(Reply {
                status,
                zstd: false,
                body: body.as_bytes().to_vec(),
                retry_after: None,
            })
        }
    }

    fn verdict(a: Result<(u16, &'static str), &'static str>) -> ConnectionVerdict {
        check_connection(&mut Answer(a), "https://s", "tok").verdict
    }

    #[test]
    fn each_failure_is_named_by_the_first_check_it_fails() {
        let json = r#"{"missing":[]}"#;
        let bad = r#"{"kind":"x","message":"m"}"#;
        assert_eq!(verdict(Ok((200, json))), ConnectionVerdict::Ok);
        assert_eq!(
            verdict(Err("connection refused")),
            ConnectionVerdict::Unreachable
        );
        assert_eq!(
            verdict(Err("invalid peer certificate: UnknownIssuer")),
            ConnectionVerdict::Untrusted
        );
        assert_eq!(verdict(Ok((401, bad))), ConnectionVerdict::SignedOut);
        assert_eq!(verdict(Ok((403, bad))), ConnectionVerdict::SignedOut);
        assert_eq!(verdict(Ok((426, bad))), ConnectionVerdict::Version);
        assert_eq!(verdict(Ok((500, bad))), ConnectionVerdict::Refused);
    }
}
