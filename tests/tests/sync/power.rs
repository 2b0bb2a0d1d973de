//! Power loss in the simulation (issue 13).
//!
//! A laptop loses power: its SQLite file keeps only what was checkpointed into the main file, the
//! `-wal` with its uncommitted tail is gone (as on a disk whose write cache lied, or a file copied
//! back from a backup without its `-wal`). Its sequence counter, cursor and outbox go back in
//! time while the server holds changes it no longer knows it made. It signs in again when it must
//! (no token, or half the time anyway), learning `last_seq`; otherwise it relies on the server's
//! `seq_conflict` to take a new device id. Either way it must converge and not be stuck.
//!
//! The server loses power: it runs `synchronous=FULL`, so every acknowledged commit is in its
//! `-wal` on disk; the crash copies the database and its `-wal` (not the `-shm`, which is memory)
//! and the server starts again on the copy without a graceful shutdown. Nothing it acknowledged
//! may be missing afterwards (the run's checks: every accepted fact and visit on the server).

use std::collections::BTreeSet;
use std::path::Path;

use linli_domain::Id;
use linli_server::ServerDb;

use crate::sync::world::{Laptop, Server};

/// Copies `from` to `to` (both without extension), with the given extensions.
fn copy_files(from: &Path, to: &Path, exts: &[&str]) {
    for ext in exts {
        let src = format!("{}{ext}", from.display());
        let dst = format!("{}{ext}", to.display());
        let _ = std::fs::remove_file(&dst);
        if Path::new(&src).exists() {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// The laptop loses power: what its main file holds survives, its `-wal` does not. Facts and
/// visits it logged that neither survived nor reached the server are lost (kept aside in
/// `lost`: a late replay of an old request may still bring them to the server).
pub fn laptop(l: &mut Laptop, server: &Server, relogin: bool) {
    let saved = l.path.with_extension("powerloss");
    // the main file as it is on disk now: what was checkpointed, nothing of the -wal
    copy_files(&l.path, &saved, &[""]);
    l.kill();
    l.lost_power = true;
    for ext in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{ext}", l.path.display()));
    }
    if saved.exists() {
        std::fs::rename(&saved, &l.path).unwrap();
    }
    let store = l.store();
    let enrolled = store.enrolment().unwrap().is_some()
        && store.token_device().unwrap() == Some(store.device_id());
    if relogin || !enrolled {
        // the user signs in again (the sync page asks for it when there is no token)
        l.sign_in();
    }
    // which of its facts and visits survived, locally or on the server
    let all = server.block_on(server.db().export(None)).unwrap();
    let local = l.store().export(&crate::sync::world::schema()).unwrap();
    let kept = |table: &str, id: &Id| {
        all.get(table).is_some_and(|r| r.contains_key(id))
            || local.get(table).is_some_and(|r| r.contains_key(id))
    };
    let (facts, lost): (Vec<Id>, Vec<Id>) = l.facts.iter().partition(|f| kept("test_ledger", f));
    l.facts = facts;
    l.lost_facts.extend(lost);
    let (visits, lost): (Vec<Id>, Vec<Id>) = l.visits.iter().partition(|v| kept("visits", v));
    l.visits = visits;
    l.lost_visits.extend(lost);
}

/// The server loses power between two requests: it starts again on a copy of its database and
/// `-wal` as they are on disk, without a graceful shutdown. Only for a server on an SQLite file.
pub fn server(server: &mut Server, dir: &Path, n: u32) -> bool {
    if server.spec().starts_with("postgres") {
        return false;
    }
    let crashed = dir.join(format!("server-crash{n}.db"));
    copy_files(Path::new(server.spec()), &crashed, &["", "-wal"]);
    server.restart_on(crashed.display().to_string());
    true
}

/// After quiescence: a lost fact or visit that a late replay brought to the server counts as
/// accepted (it is there, once); the rest are gone with the power.
pub fn settle(server: &Server, laptops: &mut [Laptop]) {
    let all = server.block_on(server.db().export(None)).unwrap();
    let on = |table: &str| -> BTreeSet<Id> {
        all.get(table)
            .map(|r| r.keys().copied().collect())
            .unwrap_or_default()
    };
    let (facts, visits) = (on("test_ledger"), on("visits"));
    for l in laptops {
        let back: Vec<Id> = l
            .lost_facts
            .iter()
            .filter(|f| facts.contains(f))
            .copied()
            .collect();
        l.facts.extend(back);
        let back: Vec<Id> = l
            .lost_visits
            .iter()
            .filter(|v| visits.contains(v))
            .copied()
            .collect();
        l.visits.extend(back);
    }
}
