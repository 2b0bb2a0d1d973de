//! The device's hybrid logical clock as the file keeps it (`meta.hlc`), shared by every
//! connection to the file, and the wall clock it ticks from.

use linli_domain::{Clock, Hlc};
use rusqlite::Transaction;

use super::meta::{get_meta, set_meta};
use crate::Result;

pub(crate) fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// How far ahead of this laptop's wall clock an observed time is taken: one day, as the server
/// refuses changes stamped further ahead. A server or change from further in the future cannot
/// drag this laptop's clock along.
pub const MAX_OBSERVED_AHEAD_MS: u64 = 86_400_000;

/// Moves `clock` past `remote` (a server's time, a pulled change's), at most a day ahead of
/// `now`, and stores it.
pub(crate) fn observe_in(
    clock: &mut Clock,
    tx: &Transaction<'_>,
    remote: Hlc,
    now: u64,
) -> Result<()> {
    catch_up(clock, tx)?;
    let cap = Hlc::new(now.saturating_add(MAX_OBSERVED_AHEAD_MS), 0);
    clock.observe(remote.min(cap), now);
    store(clock, tx)
}

/// Keeps the clock's last time in `meta`, within the caller's transaction.
pub(crate) fn store(clock: &Clock, conn: &rusqlite::Connection) -> Result<()> {
    set_meta(conn, "hlc", &clock.last().to_string())
}

/// Moves `clock` up to the HLC stored in `meta`, which another connection to the same file (the
/// desktop's background sync, a `linli` process) may have advanced, so this connection never
/// stamps or stores a time below one already handed out. Called inside a write transaction.
pub(crate) fn catch_up(clock: &mut Clock, conn: &rusqlite::Connection) -> Result<()> {
    let stored = get_meta(conn, "hlc")?.and_then(|s| s.parse::<Hlc>().ok());
    if let Some(stored) = stored.filter(|s| *s > clock.last()) {
        *clock = Clock::new(stored);
    }
    Ok(())
}
