//! Concurrent pushes: one gapless sequence, and a pull following them never misses a change.

use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_server::{DeviceAuth, ServerDb};
use linli_tests::backends::TestDb;
use serde_json::json;

use crate::conformance::support::*;

pub async fn concurrent_pushes_get_one_gapless_sequence<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let mut devices = Vec::new();
    for i in 0..8 {
        devices.push(device(db, &format!("w{i}"), Role::GridWorker, &[tr.community]).await);
    }
    // eight laptops push five batches each at the same time, and each retries one batch
    let tasks: Vec<_> = devices
        .into_iter()
        .map(|d| {
            let db = db.clone();
            let b1 = tr.b1;
            tokio::spawn(async move {
                let mut seqs = Vec::new();
                for batch in 0..5i64 {
                    let changes: Vec<_> = (1..=3)
                        .map(|k| {
                            change(
                                &d,
                                batch * 3 + k,
                                LEDGER,
                                Id::new(),
                                json!({"account": d.user.clone(), "delta": 1}),
                                Some(b1),
                                5_000,
                            )
                        })
                        .collect();
                    let first = push(&db, &d, changes.clone()).await;
                    if batch == 2 {
                        assert_eq!(push(&db, &d, changes).await, first);
                    }
                    seqs.extend(accepted(&first).into_iter().map(|(s, _)| s));
                }
                seqs
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    all.sort_unstable();
    assert_eq!(all, (4..4 + 8 * 15).collect::<Vec<i64>>(), "{}", T::NAME);
    assert_eq!(pull_all(db, &tr.admin).await.len(), 8 * 15);
}

/// Pulls everything after `after` in pages: the server sequences seen, and the new cursor.
async fn pull_seqs<D: ServerDb>(db: &D, dev: &DeviceAuth, mut after: i64) -> (Vec<i64>, i64) {
    let mut seqs = Vec::new();
    loop {
        let page = db.pull(dev.clone(), after, 50).await.unwrap();
        seqs.extend(page.changes.iter().map(|c| c.server_seq));
        after = page.next;
        if !page.more {
            return (seqs, after);
        }
    }
}

pub async fn a_pull_during_concurrent_pushes_never_misses_a_change<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let reader = device(db, "reader", Role::Admin, &[]).await;
    let mut devices = Vec::new();
    for i in 0..6 {
        devices.push(device(db, &format!("w{i}"), Role::GridWorker, &[tr.community]).await);
    }
    // two server processes on one database: the pushers alternate between them, so the order of
    // the log is kept by the database, not by one process
    let second = t.reopen().await.unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // a laptop pulling from its cursor as fast as it can while six others push
    let follower = {
        let (db, reader, done) = (db.clone(), reader.clone(), done.clone());
        tokio::spawn(async move {
            let (mut seen, mut cursor) = (Vec::new(), 0);
            loop {
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                let (seqs, next) = pull_seqs(&db, &reader, cursor).await;
                seen.extend(seqs);
                cursor = next;
                if finished {
                    return seen;
                }
                tokio::task::yield_now().await;
            }
        })
    };
    let pushers: Vec<_> = devices
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let (db, second) = (db.clone(), second.clone());
            let b1 = tr.b1;
            tokio::spawn(async move {
                let mut seqs = Vec::new();
                for batch in 0..8i64 {
                    let db = if (i as i64 + batch) % 2 == 0 {
                        &db
                    } else {
                        &second
                    };
                    let changes: Vec<_> = (1..=2)
                        .map(|k| {
                            change(
                                &d,
                                batch * 2 + k,
                                "households",
                                Id::new(),
                                json!({"room": format!("{batch}-{k}")}),
                                Some(b1),
                                6_000,
                            )
                        })
                        .collect();
                    seqs.extend(
                        accepted(&push(db, &d, changes).await)
                            .into_iter()
                            .map(|(s, _)| s),
                    );
                }
                seqs
            })
        })
        .collect();
    let mut pushed = (1..=3).collect::<Vec<i64>>(); // the tree, pushed before
    for p in pushers {
        pushed.extend(p.await.unwrap());
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut seen = follower.await.unwrap();
    pushed.sort_unstable();
    let before = seen.len();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), before, "{}: a change was pulled twice", T::NAME);
    assert_eq!(
        seen,
        pushed,
        "{}: the follower's cursor passed a change that became visible later",
        T::NAME
    );
}
