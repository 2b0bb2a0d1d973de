//! `linli exec`: one linli-protocol request per line in, one reply per line out. Store requests
//! (`with_commands!`) go to the store; the Sync page's requests (`with_sync_commands!`) go to a
//! background sync on a connection of its own, as in the desktop, started at the first of them and
//! syncing only when asked (`sync_now`, or right after `sync_login`).

use std::io::{BufRead, Write};
use std::sync::Mutex;

use linli_protocol::{ApiError, ErrorKind, Reply, Request, SyncCall, SYNC_COMMAND_NAMES};
use linli_store::Store;
use linli_sync::Background;

use crate::Failure;

pub fn run(store: Store) -> Result<(), Failure> {
    let path = store.path().map(ToOwned::to_owned);
    let key = store.key_source();
    let store = Mutex::new(store);
    let mut sync: Option<Background> = None;
    let stdin = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    for (n, line) in stdin.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |e: serde_json::Error| {
            Reply::Error(ApiError::new(
                ErrorKind::Invalid,
                format!("第{}行不是有效的请求：{e}", n + 1),
            ))
        };
        let is_sync = serde_json::from_str::<serde_json::Value>(&line)
            .ok()
            .and_then(|v| v.get("cmd").and_then(|c| c.as_str()).map(str::to_owned))
            .is_some_and(|cmd| SYNC_COMMAND_NAMES.contains(&cmd.as_str()));
        let reply = if is_sync {
            match serde_json::from_str::<SyncCall>(&line) {
                Ok(call) => match background(&mut sync, path.as_deref(), &key) {
                    Ok(bg) => bg.run(call, &store),
                    Err(e) => Reply::Error(e),
                },
                Err(e) => bad(e),
            }
        } else {
            match serde_json::from_str::<Request>(&line) {
                Ok(req) => match store.lock() {
                    Ok(mut s) => s.run(req),
                    Err(_) => Reply::Error(ApiError::new(ErrorKind::Internal, "数据库连接已损坏")),
                },
                Err(e) => bad(e),
            }
        };
        serde_json::to_writer(&mut out, &reply).map_err(anyhow::Error::from)?;
        writeln!(out)?;
        out.flush()?;
    }
    Ok(())
}

/// The background sync, started on its own connection to the database file at the first sync
/// request.
fn background<'a>(
    sync: &'a mut Option<Background>,
    path: Option<&std::path::Path>,
    key: &linli_store::KeySource,
) -> Result<&'a Background, ApiError> {
    if sync.is_none() {
        let path = path.ok_or_else(|| {
            ApiError::new(
                ErrorKind::Internal,
                "这个数据库不能同步（没有在文件中打开）",
            )
        })?;
        let own = Store::open_with(path, key).map_err(ApiError::from)?;
        *sync = Some(Background::start_manual(own));
    }
    Ok(sync.as_ref().expect("started above"))
}
