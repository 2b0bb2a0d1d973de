//! `linli exec`: one linli-protocol request per line in, one reply per line out.

use std::io::{BufRead, Write};

use linli_protocol::{ApiError, ErrorKind, Reply, Request};
use linli_store::Store;

use crate::Failure;

pub fn run(store: &mut Store) -> Result<(), Failure> {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    for (n, line) in stdin.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let reply = match serde_json::from_str::<Request>(&line) {
            Ok(req) => store.run(req),
            Err(e) => Reply::Error(ApiError::new(
                ErrorKind::Invalid,
                format!("第{}行不是有效的请求：{e}", n + 1),
            )),
        };
        serde_json::to_writer(&mut out, &reply).map_err(anyhow::Error::from)?;
        writeln!(out)?;
        out.flush()?;
    }
    Ok(())
}
