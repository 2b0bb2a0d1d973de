//! HTTPS for `linli serve --tls-cert FILE --tls-key FILE` (rustls on ring), and TLS to PostgreSQL
//! for `sslmode=require` / `verify-full` URLs. The server's listener hands axum connections whose
//! handshake is already done; handshakes run on tasks of their own, so one slow client cannot hold
//! up the others.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

use crate::{Error, Result};

/// How long a client may take over its TLS handshake.
const HANDSHAKE: Duration = Duration::from_secs(10);

/// The crypto every TLS endpoint of the server uses: rustls's ring provider, picked explicitly so
/// a build that also links another provider still works.
///
/// ring rather than aws-lc-rs (which rustls now recommends for its post-quantum key exchange):
/// aws-lc-rs adds a large C build to every build of the server and the laptop, and the laptop's
/// HTTP client (ureq) uses ring already.
#[allow(deprecated)]
pub(crate) fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::Invalid(format!(
            "无法读取{what} {}：{e} (cannot read the {what} file)",
            path.display()
        ))
    })
}

/// The certificates in a PEM file, in order (the server's own first, then its chain).
pub fn load_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let pem = read(path, "证书")?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| {
            Error::Invalid(format!(
                "证书文件 {} 无法解析：{e} (not a PEM certificate file)",
                path.display()
            ))
        })?;
    if certs.is_empty() {
        return Err(Error::Invalid(format!(
            "证书文件 {} 里没有证书 (no CERTIFICATE block in the file)",
            path.display()
        )));
    }
    Ok(certs)
}

/// The TLS settings of `linli serve` from a certificate chain and its private key (PEM files).
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<rustls::ServerConfig>> {
    let certs = load_certs(cert)?;
    let key_pem = read(key, "私钥")?;
    let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| {
        Error::Invalid(format!(
            "私钥文件 {} 无法解析：{e} (not a PEM private key)",
            key.display()
        ))
    })?;
    let mut config = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Invalid(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| {
            Error::Invalid(format!(
                "证书与私钥不匹配或无效：{e} (the certificate and key do not fit together)"
            ))
        })?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// A listener that accepts TCP connections, completes their TLS handshake on a task of its own,
/// and hands axum the finished streams with the client's address.
pub struct TlsListener {
    ready: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    local: SocketAddr,
}

impl std::fmt::Debug for TlsListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsListener")
            .field("local", &self.local)
            .finish_non_exhaustive()
    }
}

impl TlsListener {
    pub fn new(tcp: TcpListener, config: Arc<rustls::ServerConfig>) -> std::io::Result<Self> {
        let local = tcp.local_addr()?;
        let acceptor = TlsAcceptor::from(config);
        let (tx, ready) = mpsc::channel(64);
        tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    a = tcp.accept() => a,
                    () = tx.closed() => return,
                };
                let (stream, peer) = match accepted {
                    Ok(s) => s,
                    Err(e) => {
                        // out of file descriptors and the like: wait rather than spin
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let (acceptor, tx) = (acceptor.clone(), tx.clone());
                tokio::spawn(async move {
                    match tokio::time::timeout(HANDSHAKE, acceptor.accept(stream)).await {
                        Ok(Ok(tls)) => {
                            let _ = tx.send((tls, peer)).await;
                        }
                        Ok(Err(e)) => {
                            tracing::info!(client = %peer.ip(), error = %e, "TLS handshake failed");
                        }
                        Err(_) => {
                            tracing::info!(client = %peer.ip(), "TLS handshake timed out");
                        }
                    }
                });
            }
        });
        Ok(TlsListener { ready, local })
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(conn) => conn,
            // the accept task only ends once this receiver is gone
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.local)
    }
}

/// A PostgreSQL URL made ready for tokio-postgres, and the TLS it asks for. libpq's
/// `sslmode=require` encrypts without checking the certificate (as libpq does);
/// `verify-ca` and `verify-full` check the chain against the system's roots plus
/// `sslrootcert=FILE`, and the host name (verify-ca is treated as verify-full: stricter, never
/// weaker). `disable`, `allow` and `prefer` are left to tokio-postgres, without TLS.
pub(crate) fn pg_url(
    url: &str,
) -> Result<(String, Option<tokio_postgres_rustls::MakeRustlsConnect>)> {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, q),
        None => return Ok((url.to_owned(), None)),
    };
    let (mut mode, mut root) = (None, None);
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("sslmode", v)) => mode = Some(v.to_owned()),
            Some(("sslrootcert", v)) => root = Some(v.to_owned()),
            _ => kept.push(pair.to_owned()),
        }
    }
    let verify = match mode.as_deref() {
        None | Some("disable" | "allow" | "prefer") => {
            if let Some(m) = mode {
                kept.push(format!("sslmode={m}"));
            }
            let url = if kept.is_empty() {
                base.to_owned()
            } else {
                format!("{base}?{}", kept.join("&"))
            };
            return Ok((url, None));
        }
        Some("require") => false,
        Some("verify-ca" | "verify-full") => true,
        Some(other) => {
            return Err(Error::Invalid(format!(
                "sslmode={other} 无效：可用 disable, prefer, require, verify-ca, verify-full (unknown sslmode)"
            )))
        }
    };
    kept.push("sslmode=require".into());
    let url = format!("{base}?{}", kept.join("&"));
    let builder = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Invalid(e.to_string()))?;
    let config = if verify {
        let mut roots = rustls::RootCertStore::empty();
        for cert in rustls_native_certs::load_native_certs().certs {
            let _ = roots.add(cert);
        }
        if let Some(path) = root {
            for cert in load_certs(Path::new(&path))? {
                roots.add(cert).map_err(|e| {
                    Error::Invalid(format!(
                        "sslrootcert {path}: {e} (not a usable CA certificate)"
                    ))
                })?;
            }
        }
        builder.with_root_certificates(roots).with_no_client_auth()
    } else {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(EncryptOnly(provider())))
            .with_no_client_auth()
    };
    Ok((
        url,
        Some(tokio_postgres_rustls::MakeRustlsConnect::new(config)),
    ))
}

/// `sslmode=require`: the connection is encrypted, the certificate is not checked (libpq's
/// meaning of the mode); the handshake's signatures still are.
#[derive(Debug)]
struct EncryptOnly(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> std::result::Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::pg_url;

    #[test]
    fn sslmode_is_taken_out_of_the_url_and_becomes_tls() {
        let (url, tls) = pg_url("postgres://u:p@db:5432/linli").unwrap();
        assert_eq!(url, "postgres://u:p@db:5432/linli");
        assert!(tls.is_none());
        let (url, tls) = pg_url("postgres://u@db/linli?sslmode=require&connect_timeout=5").unwrap();
        assert_eq!(
            url,
            "postgres://u@db/linli?connect_timeout=5&sslmode=require"
        );
        assert!(tls.is_some());
        let (url, tls) = pg_url("postgres://u@db/linli?sslmode=verify-full").unwrap();
        assert_eq!(url, "postgres://u@db/linli?sslmode=require");
        assert!(tls.is_some());
        assert!(
            pg_url("postgres://u@db/linli?sslmode=verify-full&sslrootcert=/nonexistent").is_err()
        );
        assert!(pg_url("postgres://u@db/linli?sslmode=sometimes").is_err());
        let (url, tls) = pg_url("postgres://u@db/linli?sslmode=disable").unwrap();
        assert_eq!(url, "postgres://u@db/linli?sslmode=disable");
        assert!(tls.is_none());
    }
}
