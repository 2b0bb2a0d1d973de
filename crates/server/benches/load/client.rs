//! The load's HTTP client: agents trusting the run's CA, sign-ins, pushes, and the guesser.

use std::time::{Duration, Instant};

use linli_domain::{Hlc, Id};
use linli_protocol::sync::{
    Change, ChangeOutcome, EnrolRequest, EnrolResponse, PushRequest, PushResponse, VERSION_HEADER,
};

/// The CA the HTTPS runs' server certificate comes from (PEM), set once before the runs.
pub(crate) static CA: std::sync::OnceLock<String> = std::sync::OnceLock::new();

pub(crate) fn agent() -> ureq::Agent {
    let mut config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)));
    if let Some(pem) = CA.get() {
        let ca = ureq::tls::Certificate::from_pem(pem.as_bytes()).unwrap();
        config = config.tls_config(
            ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::new_with_certs(&[ca]))
                .build(),
        );
    }
    config.build().into()
}

/// A throwaway CA and a certificate for 127.0.0.1 signed by it, in `dir`: (CA PEM, cert, key).
pub(crate) fn certificates(
    dir: &std::path::Path,
) -> (String, std::path::PathBuf, std::path::PathBuf) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, KeyUsagePurpose};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign];
    let ca_pem = ca.self_signed(&ca_key).unwrap().pem();
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&key, &issuer)
        .unwrap();
    let (c, k) = (dir.join("server.pem"), dir.join("server.key"));
    std::fs::write(&c, cert.pem()).unwrap();
    std::fs::write(&k, key.serialize_pem()).unwrap();
    (ca_pem, c, k)
}

/// 50 wrong passwords in a row for `user`, as fast as the answers come: the statuses seen.
pub(crate) fn guess(base: &str, user: &str) -> (u32, u32, u32, Duration) {
    let a = agent();
    let (mut wrong, mut slowed, mut other) = (0, 0, 0);
    let t = Instant::now();
    for i in 0..50 {
        let r = post(
            &a,
            &format!("{base}/v1/enrol"),
            None,
            &EnrolRequest {
                user: user.into(),
                password: format!("guess-{i}"),
                device_id: Id::new(),
                device_name: "guesser".into(),
            },
        );
        match r {
            Ok((401, _)) => wrong += 1,
            Ok((429, _)) => slowed += 1,
            _ => other += 1,
        }
    }
    (wrong, slowed, other, t.elapsed())
}

/// POSTs a zstd JSON body; answers the status and the unpacked body.
pub(crate) fn post(
    agent: &ureq::Agent,
    url: &str,
    token: Option<&str>,
    body: &impl serde::Serialize,
) -> Result<(u16, Vec<u8>), String> {
    let packed = zstd::bulk::compress(&serde_json::to_vec(body).unwrap(), 3).unwrap();
    let mut req = agent
        .post(url)
        .header(VERSION_HEADER, "1")
        .header("content-encoding", "zstd");
    if let Some(t) = token {
        req = req.header("authorization", &format!("Bearer {t}"));
    }
    let mut resp = req.send(&packed[..]).map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    let raw = resp.body_mut().read_to_vec().map_err(|e| e.to_string())?;
    if status != 200 {
        return Ok((status, raw));
    }
    let body = zstd::stream::decode_all(&raw[..]).map_err(|e| e.to_string())?;
    Ok((status, body))
}

pub(crate) fn enrol(agent: &ureq::Agent, base: &str, user: &str) -> (Id, String) {
    let device = Id::new();
    let (status, body) = post(
        agent,
        &format!("{base}/v1/enrol"),
        None,
        &EnrolRequest {
            user: user.into(),
            password: "pw".into(),
            device_id: device,
            device_name: format!("{user} 站点"),
        },
    )
    .unwrap();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let r: EnrolResponse = serde_json::from_slice(&body).unwrap();
    (device, r.token)
}

pub(crate) fn change(
    device: Id,
    seq: i64,
    table: &str,
    row: Id,
    fields: serde_json::Value,
    place: Option<Id>,
) -> Change {
    Change {
        change_id: Id::new(),
        device_id: device,
        device_seq: seq,
        hlc: Hlc::new(1_764_000_000_000 + seq as u64, 0),
        author: None,
        scope_community: None,
        scope_grid: None,
        scope_place: place,
        table: table.into(),
        row_id: row,
        fields: serde_json::from_value(fields).unwrap(),
    }
}

/// Pushes everything in batches of 1,000; answers the last server sequence.
pub(crate) fn push_all(agent: &ureq::Agent, base: &str, token: &str, changes: Vec<Change>) -> i64 {
    let mut last = 0;
    for batch in changes.chunks(1000) {
        let (status, body) = post(
            agent,
            &format!("{base}/v1/push"),
            Some(token),
            &PushRequest {
                changes: batch.to_vec(),
                fact_tables: vec!["visits".into()],
            },
        )
        .unwrap();
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        let r: PushResponse = serde_json::from_slice(&body).unwrap();
        for r in &r.results {
            match r.outcome {
                ChangeOutcome::Accepted { server_seq, .. } => last = server_seq,
                ChangeOutcome::Refused { .. } => panic!("refused: {r:?}"),
            }
        }
    }
    last
}
