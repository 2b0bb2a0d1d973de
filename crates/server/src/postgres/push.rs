//! Pushes on the PostgreSQL backend: a county's pushes that arrive while one group is being
//! written wait in its [`Combiner`] and are merged together in the next transaction, in two
//! round trips (the county's lock and every read; every write and the commit).

use std::collections::HashMap;
use std::sync::Arc;

use deadpool_postgres::GenericClient;
use linli_domain::merge::{Version, Versioned};
use linli_domain::Hlc;
use linli_protocol::erasure::SERVER_DEVICE;
use linli_protocol::sync::{ChangeResult, PushRequest};
use tokio_postgres::types::ToSql;
use tokio_postgres::Statement;
use uuid::Uuid;

use super::{id, uid, PgDb, TREE_SQL};
use crate::db::DeviceAuth;
use crate::merge::{Done, Engine, Keys, Loaded};
use crate::scope::{Existing, Share, Tree};
use crate::{Error, Result};

/// A county's pushes waiting to be merged, and the right to merge them. A county's pushes are
/// serialized by its row lock, which is held until the commit has reached the disk; so rather
/// than queue on that lock one by one, the pushes that arrive while one group is being written
/// are merged together in the next transaction, one after the other, and share its two round
/// trips and its commit. Each push's answer is exactly what it would have been alone.
#[derive(Default)]
pub(super) struct Combiner {
    waiting: std::sync::Mutex<Vec<Waiting>>,
    leader: tokio::sync::Mutex<()>,
}

struct Waiting {
    auth: DeviceAuth,
    req: PushRequest,
    answer: tokio::sync::oneshot::Sender<Result<Vec<ChangeResult>>>,
}

/// An error of a shared transaction, for each push that was in it.
fn for_each(e: &Error) -> Error {
    match e {
        Error::Unavailable(m) => Error::Unavailable(m.clone()),
        other => Error::Join(other.to_string()),
    }
}

/// Queues a push with its county's combiner and has a task of its own merge whatever is queued.
pub(super) async fn push(
    db: &PgDb,
    auth: DeviceAuth,
    req: PushRequest,
) -> Result<Vec<ChangeResult>> {
    let combiner = db.combiner(&auth.county);
    let (answer, mine) = tokio::sync::oneshot::channel();
    combiner
        .waiting
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(Waiting { auth, req, answer });
    // the merge runs on a task of its own, so a request that goes away (its laptop hung up)
    // cannot cancel a group holding other laptops' pushes
    let db = db.clone();
    tokio::spawn(async move {
        let _leader = combiner.leader.lock().await;
        let group =
            std::mem::take(&mut *combiner.waiting.lock().unwrap_or_else(|p| p.into_inner()));
        if !group.is_empty() {
            db.merge_group(group).await;
        }
    });
    // answered by this task or one before it
    mine.await.unwrap_or_else(|_| {
        Err(Error::Unavailable(
            "the push was interrupted before it was committed".into(),
        ))
    })
}

/// The statements of a group of pushes, prepared once per connection (deadpool's statement
/// cache), so that a group costs two round trips to PostgreSQL: one sending `BEGIN`, the county
/// lock and every read, one sending every write and `COMMIT`.
struct PushStatements {
    begin: Statement,
    lock: Statement,
    done: Statement,
    refused: Statement,
    write_refused: Statement,
    scopes: Statement,
    fields: Statement,
    balances: Statement,
    tree: Statement,
    log: Statement,
    write_scopes: Statement,
    write_fields: Statement,
    write_balances: Statement,
    write_places: Statement,
    shares: Statement,
    bodies: Statement,
    write_shares: Statement,
    last_seq: Statement,
    seen: Statement,
    commit: Statement,
}

impl PushStatements {
    async fn prepare(c: &deadpool_postgres::Client) -> Result<PushStatements> {
        let (begin, lock, done, scopes, fields, balances, tree, log) = tokio::try_join!(
            c.prepare_cached("BEGIN"),
            // the county's row: one group at a time per county, and its last sequence
            c.prepare_cached(
                "INSERT INTO counties (county_id) VALUES ($1)
                 ON CONFLICT (county_id) DO UPDATE SET last_seq = counties.last_seq
                 RETURNING last_seq",
            ),
            c.prepare_cached(
                "SELECT device_id, device_seq, server_seq, needs_review,
                        (body::json)->>'change_id' FROM changes
                 WHERE county_id = $1
                   AND (device_id, device_seq) IN (SELECT * FROM unnest($2::uuid[], $3::bigint[]))",
            ),
            c.prepare_cached(
                "SELECT tbl, row_id, scope_place, fact FROM row_scope
                 WHERE county_id = $1
                   AND (tbl, row_id) IN (SELECT * FROM unnest($2::text[], $3::uuid[]))",
            ),
            c.prepare_cached(
                "SELECT tbl, row_id, field, hlc, device_id, value FROM field_state
                 WHERE county_id = $1
                   AND (tbl, row_id) IN (SELECT * FROM unnest($2::text[], $3::uuid[]))",
            ),
            c.prepare_cached(
                "SELECT tbl, account, balance FROM balances
                 WHERE county_id = $1
                   AND (tbl, account) IN (SELECT * FROM unnest($2::text[], $3::text[]))",
            ),
            c.prepare_cached(TREE_SQL),
            c.prepare_cached(
                "INSERT INTO changes (county_id, server_seq, device_id, device_seq, tbl, row_id,
                                      scope_place, needs_review, body)
                 SELECT $1, * FROM unnest($2::bigint[], $3::uuid[], $4::bigint[], $5::text[],
                                          $6::uuid[], $7::uuid[], $8::bool[], $9::text[])",
            ),
        )?;
        let (shares, bodies, write_shares) = tokio::try_join!(
            c.prepare_cached(
                "SELECT tbl, row_id, place_id, until_seq FROM row_shares
                 WHERE county_id = $1
                   AND (tbl, row_id) IN (SELECT * FROM unnest($2::text[], $3::uuid[]))
                 ORDER BY place_id",
            ),
            // the shared tables' bodies (the literal list matches the partial index of 0008)
            c.prepare_cached(
                "SELECT tbl, row_id, body FROM changes
                 WHERE county_id = $1 AND tbl IN ('circle_points', 'circle_activities')
                   AND device_id <> $4
                   AND (tbl, row_id) IN (SELECT * FROM unnest($2::text[], $3::uuid[]))
                 ORDER BY server_seq",
            ),
            c.prepare_cached(
                "INSERT INTO row_shares (county_id, tbl, row_id, place_id, until_seq)
                 SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::bigint[])
                 ON CONFLICT (county_id, tbl, row_id, place_id) DO UPDATE
                 SET until_seq = excluded.until_seq",
            ),
        )?;
        let (refused, write_refused) = tokio::try_join!(
            c.prepare_cached(
                "SELECT device_id, device_seq, change_id FROM refused_seqs
                 WHERE county_id = $1
                   AND (device_id, device_seq) IN (SELECT * FROM unnest($2::uuid[], $3::bigint[]))",
            ),
            c.prepare_cached(
                "INSERT INTO refused_seqs (county_id, device_id, device_seq, change_id)
                 SELECT $1, * FROM unnest($2::uuid[], $3::bigint[], $4::uuid[])
                 ON CONFLICT (county_id, device_id, device_seq) DO NOTHING",
            ),
        )?;
        let (write_scopes, write_fields, write_balances, write_places, last_seq, seen, commit) = tokio::try_join!(
            c.prepare_cached(
                "INSERT INTO row_scope (county_id, tbl, row_id, scope_place, fact)
                 SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::bool[])
                 ON CONFLICT (county_id, tbl, row_id) DO UPDATE SET scope_place = excluded.scope_place",
            ),
            c.prepare_cached(
                "INSERT INTO field_state (county_id, tbl, row_id, field, hlc, device_id, value)
                 SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[])
                 ON CONFLICT (county_id, tbl, row_id, field) DO UPDATE
                 SET hlc = excluded.hlc, device_id = excluded.device_id, value = excluded.value",
            ),
            c.prepare_cached(
                "INSERT INTO balances (county_id, tbl, account, balance)
                 SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[])
                 ON CONFLICT (county_id, tbl, account) DO UPDATE SET balance = excluded.balance",
            ),
            c.prepare_cached(
                "INSERT INTO place_tree (county_id, place_id, parent_id)
                 SELECT $1, * FROM unnest($2::uuid[], $3::uuid[])
                 ON CONFLICT (county_id, place_id) DO UPDATE SET parent_id = excluded.parent_id",
            ),
            c.prepare_cached("UPDATE counties SET last_seq = $2 WHERE county_id = $1"),
            c.prepare_cached(
                "UPDATE devices SET last_seen_ms = $3 WHERE county_id = $1 AND device_id = ANY($2)",
            ),
            c.prepare_cached("COMMIT"),
        )?;
        Ok(PushStatements {
            begin,
            lock,
            done,
            refused,
            write_refused,
            scopes,
            fields,
            balances,
            tree,
            log,
            write_scopes,
            write_fields,
            write_balances,
            write_places,
            shares,
            bodies,
            write_shares,
            last_seq,
            seen,
            commit,
        })
    }
}

type Param<'a> = &'a (dyn ToSql + Sync);

/// A query's rows with the crate's error, so that `try_join!` can mix it with ours.
async fn q(
    f: impl std::future::Future<Output = Result<Vec<tokio_postgres::Row>, tokio_postgres::Error>>,
) -> Result<Vec<tokio_postgres::Row>> {
    Ok(f.await?)
}

/// A connection inside a transaction of ours. If it is dropped before the transaction ended (the
/// task was cancelled or panicked), the connection is closed rather than handed back to the pool
/// with a transaction open.
struct InTx {
    client: Option<deadpool_postgres::Client>,
    open: bool,
}

impl InTx {
    fn client(&self) -> &deadpool_postgres::Client {
        self.client
            .as_ref()
            .expect("the connection is held until drop")
    }

    /// Ends a failed transaction; a connection that cannot even do that is closed on drop.
    async fn roll_back(&mut self) {
        if self.client().batch_execute("ROLLBACK").await.is_ok() {
            self.open = false;
        }
    }
}

impl Drop for InTx {
    fn drop(&mut self) {
        if self.open {
            if let Some(c) = self.client.take() {
                drop(deadpool_postgres::Object::take(c));
            }
        }
    }
}

/// The state a group of pushes reads, from the rows of the round trip that took the county's lock.
#[allow(clippy::too_many_arguments)]
fn loaded(
    last_seq: i64,
    done: &[tokio_postgres::Row],
    refused: &[tokio_postgres::Row],
    scopes: &[tokio_postgres::Row],
    fields: &[tokio_postgres::Row],
    balances: &[tokio_postgres::Row],
    tree: &[tokio_postgres::Row],
    shared: (&[tokio_postgres::Row], &[tokio_postgres::Row]),
) -> Result<Loaded> {
    let mut l = Loaded {
        last_seq,
        done: done
            .iter()
            .map(|r| {
                (
                    (id(r.get(0)), r.get(1)),
                    Done {
                        server_seq: r.get(2),
                        needs_review: r.get(3),
                        change_id: r.get::<_, Option<&str>>(4).and_then(|s| s.parse().ok()),
                    },
                )
            })
            .collect(),
        refused: refused
            .iter()
            .map(|r| ((id(r.get(0)), r.get(1)), id(r.get(2))))
            .collect(),
        scopes: scopes
            .iter()
            .map(|r| {
                (
                    (r.get(0), id(r.get(1))),
                    Existing {
                        scope: r.get::<_, Option<Uuid>>(2).map(id),
                        fact: r.get(3),
                    },
                )
            })
            .collect(),
        fields: HashMap::with_capacity(fields.len()),
        balances: balances
            .iter()
            .map(|r| ((r.get(0), r.get(1)), r.get(2)))
            .collect(),
        tree: Tree::new(
            tree.iter()
                .map(|r| (id(r.get(0)), r.get::<_, Option<Uuid>>(1).map(id))),
        ),
        ..Loaded::default()
    };
    let (shares, bodies) = shared;
    for r in shares {
        l.shares
            .entry((r.get(0), id(r.get(1))))
            .or_default()
            .push(Share {
                place: id(r.get(2)),
                until: r.get(3),
            });
    }
    for r in bodies {
        l.bodies
            .entry((r.get(0), id(r.get(1))))
            .or_default()
            .push(r.get(2));
    }
    for r in fields {
        l.fields.insert(
            (r.get(0), id(r.get(1)), r.get(2)),
            Versioned {
                version: Version {
                    hlc: r.get::<_, &str>(3).parse::<Hlc>()?,
                    device: id(r.get(4)),
                },
                value: r.get(5),
            },
        );
    }
    Ok(l)
}

impl PgDb {
    /// Merges pushes of one county in one transaction, each in turn, in two round trips: `BEGIN`,
    /// the county's lock and every read pipelined; then every write, the devices' last-seen time
    /// and `COMMIT` pipelined. The county's row lock is held from the first to the commit, so the
    /// group's server sequences become visible together and after every smaller one.
    async fn merge_together(&self, group: &[Waiting]) -> Result<Vec<Vec<ChangeResult>>> {
        let county = group[0].auth.county.as_str();
        let client = self.pool.get().await?;
        let s = PushStatements::prepare(&client).await?;
        let mut tx = InTx {
            client: Some(client),
            open: true,
        };
        let answers = merge_in(&tx, &s, county, group).await;
        match answers {
            Ok(a) => {
                tx.open = false;
                Ok(a)
            }
            Err(e) => {
                tx.roll_back().await;
                Err(e)
            }
        }
    }
}

/// A query's rows when `run` (none otherwise), sent on the first poll like [`exec_if`].
async fn q_if(
    c: &deadpool_postgres::Client,
    stmt: &Statement,
    p: &[Param<'_>],
    run: bool,
) -> Result<Vec<tokio_postgres::Row>> {
    if run {
        Ok(c.query(stmt, p).await?)
    } else {
        Ok(Vec::new())
    }
}

/// Runs a statement when `run`, sending it on the first poll (so `try_join!` pipelines it).
async fn exec_if(
    c: &deadpool_postgres::Client,
    stmt: &Statement,
    p: &[Param<'_>],
    run: bool,
) -> Result<()> {
    if run {
        c.execute(stmt, p).await?;
    }
    Ok(())
}

/// The two round trips of [`PgDb::merge_together`].
async fn merge_in(
    tx: &InTx,
    s: &PushStatements,
    county: &str,
    group: &[Waiting],
) -> Result<Vec<Vec<ChangeResult>>> {
    let c = tx.client();
    let k = Keys::of(group.iter().map(|w| (&w.auth, &w.req)));
    let dev: Vec<Uuid> = k.seqs.iter().map(|(d, _)| uid(d)).collect();
    let dev_seq: Vec<i64> = k.seqs.iter().map(|(_, s)| *s).collect();
    let tbl: Vec<&str> = k.rows.iter().map(|(t, _)| t.as_str()).collect();
    let row: Vec<Uuid> = k.rows.iter().map(|(_, r)| uid(r)).collect();
    let floor_tbl: Vec<&str> = k.accounts.iter().map(|(t, _)| t.as_str()).collect();
    let floor_account: Vec<&str> = k.accounts.iter().map(|(_, a)| a.as_str()).collect();
    let p_done: &[Param] = &[&county, &dev, &dev_seq];
    let p_rows: &[Param] = &[&county, &tbl, &row];
    let p_floors: &[Param] = &[&county, &floor_tbl, &floor_account];
    let p_county: &[Param] = &[&county];
    let (sh_tbl, sh_row): (Vec<&str>, Vec<Uuid>) = k
        .rows
        .iter()
        .filter(|(t, _)| crate::scope::share_field(t).is_some())
        .map(|(t, r)| (t.as_str(), uid(r)))
        .unzip();
    let server = uid(&SERVER_DEVICE);
    let p_shared: &[Param] = &[&county, &sh_tbl, &sh_row];
    let p_bodies: &[Param] = &[&county, &sh_tbl, &sh_row, &server];
    let any_shared = !sh_tbl.is_empty();
    // sent in this order and run by PostgreSQL in this order: the reads see the county as it is
    // once its lock is ours
    let (_, first, done, refused, scopes, fields, balances, tree, shares, bodies) = tokio::try_join!(
        exec_if(c, &s.begin, &[], true),
        async { Ok::<_, Error>(c.query_one(&s.lock, &[&county]).await?) },
        q(c.query(&s.done, p_done)),
        q(c.query(&s.refused, p_done)),
        q(c.query(&s.scopes, p_rows)),
        q(c.query(&s.fields, p_rows)),
        q(c.query(&s.balances, p_floors)),
        q(c.query(&s.tree, p_county)),
        q_if(c, &s.shares, p_shared, any_shared),
        q_if(c, &s.bodies, p_bodies, any_shared),
    )?;
    let first_seq: i64 = first.get(0);
    let mut engine = Engine::new(
        loaded(
            first_seq,
            &done,
            &refused,
            &scopes,
            &fields,
            &balances,
            &tree,
            (&shares, &bodies),
        )?,
        crate::now_ms(),
    );
    let answers: Vec<Vec<ChangeResult>> =
        group.iter().map(|w| engine.push(&w.auth, &w.req)).collect();
    let d = engine.finish();
    let last_seq = d.last_seq;
    let seq: Vec<i64> = d.log.iter().map(|e| e.server_seq).collect();
    let device: Vec<Uuid> = d.log.iter().map(|e| uid(&e.device_id)).collect();
    let dseq: Vec<i64> = d.log.iter().map(|e| e.device_seq).collect();
    let tbl: Vec<&str> = d.log.iter().map(|e| e.table.as_str()).collect();
    let row: Vec<Uuid> = d.log.iter().map(|e| uid(&e.row_id)).collect();
    let place: Vec<Uuid> = d.log.iter().map(|e| uid(&e.scope_place)).collect();
    let review: Vec<bool> = d.log.iter().map(|e| e.needs_review).collect();
    let body: Vec<&str> = d.log.iter().map(|e| e.body.as_str()).collect();
    let s_tbl: Vec<&str> = d.scopes.keys().map(|(t, _)| t.as_str()).collect();
    let s_row: Vec<Uuid> = d.scopes.keys().map(|(_, r)| uid(r)).collect();
    let s_place: Vec<Uuid> = d.scopes.values().map(|(p, _)| uid(p)).collect();
    let s_fact: Vec<bool> = d.scopes.values().map(|(_, f)| *f).collect();
    let f_tbl: Vec<&str> = d.fields.keys().map(|(t, _, _)| t.as_str()).collect();
    let f_row: Vec<Uuid> = d.fields.keys().map(|(_, r, _)| uid(r)).collect();
    let f_field: Vec<&str> = d.fields.keys().map(|(_, _, f)| f.as_str()).collect();
    let f_hlc: Vec<String> = d
        .fields
        .values()
        .map(|v| v.version.hlc.to_string())
        .collect();
    let f_dev: Vec<Uuid> = d.fields.values().map(|v| uid(&v.version.device)).collect();
    let f_val: Vec<&str> = d.fields.values().map(|v| v.value.as_str()).collect();
    let (b_tbl, b_acc, b_bal): (Vec<&str>, Vec<&str>, Vec<i64>) = (
        d.balances.keys().map(|(t, _)| t.as_str()).collect(),
        d.balances.keys().map(|(_, a)| a.as_str()).collect(),
        d.balances.values().copied().collect(),
    );
    let r_dev: Vec<Uuid> = d.refused.iter().map(|(dv, _, _)| uid(dv)).collect();
    let r_seq: Vec<i64> = d.refused.iter().map(|(_, sq, _)| *sq).collect();
    let r_change: Vec<Uuid> = d.refused.iter().map(|(_, _, ch)| uid(ch)).collect();
    let p_id: Vec<Uuid> = d.places.keys().map(uid).collect();
    let p_parent: Vec<Option<Uuid>> = d.places.values().map(|p| p.as_ref().map(uid)).collect();
    let mut seen: Vec<Uuid> = group.iter().map(|w| uid(&w.auth.device_id)).collect();
    seen.sort_unstable();
    seen.dedup();
    let now = crate::now_ms() as i64;
    let p_log: &[Param] = &[
        &county, &seq, &device, &dseq, &tbl, &row, &place, &review, &body,
    ];
    let p_scopes: &[Param] = &[&county, &s_tbl, &s_row, &s_place, &s_fact];
    let p_fields: &[Param] = &[&county, &f_tbl, &f_row, &f_field, &f_hlc, &f_dev, &f_val];
    let p_balances: &[Param] = &[&county, &b_tbl, &b_acc, &b_bal];
    let p_places: &[Param] = &[&county, &p_id, &p_parent];
    let p_refused: &[Param] = &[&county, &r_dev, &r_seq, &r_change];
    let (mut sh_tbl, mut sh_row, mut sh_place, mut sh_until) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for ((t, r), shares) in &d.shares {
        for s in shares {
            sh_tbl.push(t.as_str());
            sh_row.push(uid(r));
            sh_place.push(uid(&s.place));
            sh_until.push(s.until);
        }
    }
    let p_shares: &[Param] = &[&county, &sh_tbl, &sh_row, &sh_place, &sh_until];
    let p_last: &[Param] = &[&county, &last_seq];
    let p_seen: &[Param] = &[&county, &seen, &now];
    let wrote = d.stamped();
    // an empty write is skipped: a group of retries and refusals writes nothing but the
    // devices' last-seen time
    tokio::try_join!(
        exec_if(c, &s.log, p_log, wrote),
        exec_if(c, &s.write_scopes, p_scopes, wrote),
        exec_if(c, &s.write_fields, p_fields, !f_tbl.is_empty()),
        exec_if(c, &s.write_balances, p_balances, !b_tbl.is_empty()),
        exec_if(c, &s.write_places, p_places, !p_id.is_empty()),
        exec_if(c, &s.write_refused, p_refused, !r_dev.is_empty()),
        exec_if(c, &s.write_shares, p_shares, !sh_tbl.is_empty()),
        exec_if(c, &s.last_seq, p_last, wrote),
        exec_if(c, &s.seen, p_seen, true),
        // sent behind the writes: if one of them failed, PostgreSQL ends the transaction with a
        // rollback instead, and the error above is what try_join! answers
        exec_if(c, &s.commit, &[], true),
    )?;
    Ok(answers)
}

impl PgDb {
    /// Merges a group and answers each push. When a shared transaction fails for another reason
    /// than the database being away, each push is tried alone, so one bad push cannot hold up the
    /// others.
    async fn merge_group(&self, group: Vec<Waiting>) {
        match self.merge_together(&group).await {
            Ok(answers) => {
                for (w, a) in group.into_iter().zip(answers) {
                    let _ = w.answer.send(Ok(a));
                }
            }
            Err(e) if group.len() > 1 && !matches!(e, Error::Unavailable(_)) => {
                tracing::warn!(pushes = group.len(), error = %e, "a shared push transaction failed; trying each alone");
                for w in group {
                    let alone = self.merge_together(std::slice::from_ref(&w)).await;
                    let _ = w.answer.send(alone.map(|mut a| a.remove(0)));
                }
            }
            Err(e) => {
                for w in group {
                    let _ = w.answer.send(Err(for_each(&e)));
                }
            }
        }
    }
}

impl PgDb {
    /// The combiner of `county`'s pushes.
    fn combiner(&self, county: &str) -> Arc<Combiner> {
        let mut all = self.pushes.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = all.get(county) {
            return c.clone();
        }
        let c = Arc::new(Combiner::default());
        all.insert(county.to_owned(), c.clone());
        c
    }
}
