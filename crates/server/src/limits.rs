//! The server's limits and settings: how many requests run at once and for how long, how long
//! shutdown waits, how long an idle device token lives, which proxies may name the client's
//! address (`X-Forwarded-For`), and how sign-in failures slow guessing. A client's address is
//! what every log line and the sign-in guard key on.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::serve::IncomingStream;

use crate::error::ApiError;
use crate::tls::TlsListener;
use crate::{AppState, ServerDb};

/// What `linli serve` can tune; [`Settings::default`] is what a county VM gets.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Requests handled at once; more wait up to [`Settings::queue_wait`], then get 503.
    pub max_concurrent: usize,
    /// How long a request waits for a free slot before it is told to come back.
    pub queue_wait: Duration,
    /// How long one request may run.
    pub request_timeout: Duration,
    /// How long a stopping server waits for the requests in flight.
    pub shutdown_deadline: Duration,
    /// A device token unused this long stops working; the laptop signs in again.
    pub token_idle: Duration,
    /// Proxies whose `X-Forwarded-For` header names the client (nginx on the same VM: 127.0.0.1).
    pub trusted_proxies: Vec<IpAddr>,
    /// Failed sign-ins of one user name that cost nothing but the failure; after them each
    /// failure makes the next attempt wait, twice as long each time.
    pub free_failures_user: u32,
    /// The same for one client address (higher: a county office signs in behind one NAT).
    pub free_failures_addr: u32,
    /// The first wait; it doubles with every further failure, up to [`Settings::max_backoff`].
    pub backoff: Duration,
    pub max_backoff: Duration,
    /// The folder `linli serve --updates` serves read-only under `/v1/updates/` (issue 22): the
    /// signed `manifest.json` and the installers it names. `None`: no updates offered.
    pub updates: Option<std::path::PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_concurrent: 256,
            queue_wait: Duration::from_secs(10),
            request_timeout: Duration::from_secs(120),
            shutdown_deadline: Duration::from_secs(30),
            token_idle: Duration::from_secs(90 * 24 * 3600),
            trusted_proxies: Vec::new(),
            free_failures_user: 3,
            free_failures_addr: 10,
            backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(15 * 60),
            updates: None,
        }
    }
}

/// The address a connection came from, as the listener saw it (`ConnectInfo<ClientAddr>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub SocketAddr);

impl Connected<IncomingStream<'_, tokio::net::TcpListener>> for ClientAddr {
    fn connect_info(stream: IncomingStream<'_, tokio::net::TcpListener>) -> Self {
        ClientAddr(*stream.remote_addr())
    }
}

impl Connected<IncomingStream<'_, TlsListener>> for ClientAddr {
    fn connect_info(stream: IncomingStream<'_, TlsListener>) -> Self {
        ClientAddr(*stream.remote_addr())
    }
}

/// The client's address for logs and the sign-in guard: the peer's, or — when the peer is a
/// proxy named in the settings — the last address in `X-Forwarded-For` that is not one of those
/// proxies. `None` when the request came without connection info (a test calling the router).
pub fn client_ip(req: &Request, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<ClientAddr>>()
        .map(|c| c.0 .0.ip())?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|a| !trusted.contains(a))
            .unwrap_or(peer),
    )
}

/// At most [`Settings::max_concurrent`] requests at once, each at most
/// [`Settings::request_timeout`] long.
pub async fn limit<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    req: Request,
    next: Next,
) -> Response {
    let settings = &state.settings;
    let permit = match tokio::time::timeout(
        settings.queue_wait,
        state.slots.clone().acquire_owned(),
    )
    .await
    {
        Ok(Ok(p)) => p,
        _ => {
            return ApiError {
                retry_after: Some(5),
                ..ApiError::said(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    linli_domain::msg::SERVER_BUSY,
                    vec![],
                )
            }
            .into_response()
        }
    };
    let resp = match tokio::time::timeout(settings.request_timeout, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => ApiError::said(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            linli_domain::msg::SERVER_TIMEOUT,
            vec![],
        )
        .into_response(),
    };
    drop(permit);
    resp
}
