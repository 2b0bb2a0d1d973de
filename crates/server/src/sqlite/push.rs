//! Pushes on the SQLite backend: pushes queue for the one connection, and whoever takes it
//! merges every queued push in one transaction (load what they touch, merge with the one
//! engine, write the result).

use linli_domain::merge::{Version, Versioned};
use linli_domain::Hlc;
use linli_protocol::erasure::SERVER_DEVICE;
use linli_protocol::sync::{ChangeResult, PushRequest};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{load_tree, SqliteDb, Waiting};
use crate::db::DeviceAuth;
use crate::merge::{Done, Engine, Keys, Loaded, Written};
use crate::scope::{Existing, Share};
use crate::{Error, Result};

/// Queues a push and, unless an earlier task takes it along, merges every queued push in one
/// transaction on a blocking thread.
pub(super) async fn push(
    db: &SqliteDb,
    auth: DeviceAuth,
    req: PushRequest,
) -> Result<Vec<ChangeResult>> {
    let (answer, mine) = tokio::sync::oneshot::channel();
    db.waiting
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(Waiting { auth, req, answer });
    let (conn, waiting) = (db.conn.clone(), db.waiting.clone());
    // on a blocking thread of its own, so a laptop that hangs up cannot cancel a group
    // holding other laptops' pushes
    tokio::task::spawn_blocking(move || {
        let mut conn = conn.lock().unwrap_or_else(|p| p.into_inner());
        let group = std::mem::take(&mut *waiting.lock().unwrap_or_else(|p| p.into_inner()));
        if group.is_empty() {
            return; // an earlier task merged this one's push with its own
        }
        let all: Vec<&Waiting> = group.iter().collect();
        match push_group(&mut conn, &all) {
            Ok(answers) => {
                for (w, a) in group.into_iter().zip(answers) {
                    let _ = w.answer.send(Ok(a));
                }
            }
            // one bad push must not hold up the others: each is tried alone
            Err(_) if group.len() > 1 => {
                for w in group {
                    let alone = push_group(&mut conn, &[&w]).map(|mut a| a.remove(0));
                    let _ = w.answer.send(alone);
                }
            }
            Err(e) => {
                for w in group {
                    let _ = w.answer.send(Err(Error::Join(e.to_string())));
                }
            }
        }
    });
    mine.await
        .unwrap_or_else(|_| Err(Error::Join("the push was interrupted".into())))
}

/// Reads what a batch touches: the county's last sequence and place tree, and the log entries,
/// rows and floor accounts its keys name.
fn load(tx: &Transaction<'_>, county: &str, keys: &Keys) -> Result<Loaded> {
    let mut l = Loaded {
        last_seq: tx.query_row(
            "SELECT coalesce(max(server_seq), 0) FROM changes WHERE county_id = ?1",
            [county],
            |r| r.get(0),
        )?,
        tree: load_tree(tx, county)?,
        ..Loaded::default()
    };
    let mut done = tx.prepare_cached(
        "SELECT server_seq, needs_review, json_extract(body, '$.change_id') FROM changes
         WHERE county_id = ?1 AND device_id = ?2 AND device_seq = ?3",
    )?;
    for (device, seq) in &keys.seqs {
        let found: Option<(i64, i64, Option<String>)> = done
            .query_row(params![county, device.to_string(), seq], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        if let Some((server_seq, review, change_id)) = found {
            l.done.insert(
                (*device, *seq),
                Done {
                    server_seq,
                    needs_review: review != 0,
                    change_id: change_id.and_then(|s| s.parse().ok()),
                },
            );
        }
    }
    let mut refused = tx.prepare_cached(
        "SELECT change_id FROM refused_seqs WHERE county_id = ?1 AND device_id = ?2 AND device_seq = ?3",
    )?;
    for (device, seq) in &keys.seqs {
        let found: Option<String> = refused
            .query_row(params![county, device.to_string(), seq], |r| r.get(0))
            .optional()?;
        if let Some(id) = found.and_then(|s| s.parse().ok()) {
            l.refused.insert((*device, *seq), id);
        }
    }
    let mut scope = tx.prepare_cached(
        "SELECT scope_place, fact FROM row_scope WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3",
    )?;
    let mut fields = tx.prepare_cached(
        "SELECT field, hlc, device_id, value FROM field_state
         WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3",
    )?;
    for (table, row) in &keys.rows {
        let key = (table.clone(), *row);
        if l.scopes.contains_key(&key) {
            continue;
        }
        let found: Option<(Option<String>, i64)> = scope
            .query_row(params![county, table, row.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let Some((place, fact)) = found else {
            continue;
        };
        l.scopes.insert(
            key,
            Existing {
                scope: place.map(|s| s.parse()).transpose()?,
                fact: fact != 0,
            },
        );
        let rows = fields.query_map(params![county, table, row.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for f in rows {
            let (field, hlc, device, value) = f?;
            l.fields.insert(
                (table.clone(), *row, field),
                Versioned {
                    version: Version {
                        hlc: hlc.parse::<Hlc>()?,
                        device: device.parse()?,
                    },
                    value,
                },
            );
        }
    }
    load_shared(tx, county, keys, &mut l)?;
    let mut balance = tx.prepare_cached(
        "SELECT balance FROM balances WHERE county_id = ?1 AND tbl = ?2 AND account = ?3",
    )?;
    for (table, account) in &keys.accounts {
        if let Some(b) = balance
            .query_row(params![county, table, account], |r| r.get::<_, i64>(0))
            .optional()?
        {
            l.balances.insert((table.clone(), account.clone()), b);
        }
    }
    Ok(l)
}

/// The shares and stored change bodies of the batch's rows of shared tables
/// ([`crate::scope::SHARED_BY`]; the literal list lets SQLite use the partial index of 0007).
fn load_shared(tx: &Transaction<'_>, county: &str, keys: &Keys, l: &mut Loaded) -> Result<()> {
    let mut shares = tx.prepare_cached(
        "SELECT place_id, until_seq FROM row_shares WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3
         ORDER BY place_id",
    )?;
    let mut bodies = tx.prepare_cached(
        "SELECT body FROM changes
         WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3 AND device_id <> ?4
           AND tbl IN ('circle_points', 'circle_activities')
         ORDER BY server_seq",
    )?;
    let server = SERVER_DEVICE.to_string();
    for (table, row) in &keys.rows {
        let key = (table.clone(), *row);
        if crate::scope::share_field(table).is_none() || l.bodies.contains_key(&key) {
            continue;
        }
        let found = shares.query_map(params![county, table, row.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
        })?;
        let mut list = Vec::new();
        for f in found {
            let (place, until) = f?;
            list.push(Share {
                place: place.parse()?,
                until,
            });
        }
        l.shares.insert(key.clone(), list);
        let found = bodies.query_map(params![county, table, row.to_string(), server], |r| {
            r.get::<_, String>(0)
        })?;
        l.bodies
            .insert(key, found.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    Ok(())
}

/// Writes what a batch merged.
fn write(tx: &Transaction<'_>, county: &str, w: &Written) -> Result<()> {
    let mut log = tx.prepare_cached(
        "INSERT INTO changes (county_id, server_seq, device_id, device_seq, tbl, row_id,
                              scope_place, needs_review, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for e in &w.log {
        log.execute(params![
            county,
            e.server_seq,
            e.device_id.to_string(),
            e.device_seq,
            e.table,
            e.row_id.to_string(),
            e.scope_place.to_string(),
            i64::from(e.needs_review),
            e.body,
        ])?;
    }
    let mut refused = tx.prepare_cached(
        "INSERT INTO refused_seqs (county_id, device_id, device_seq, change_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (county_id, device_id, device_seq) DO NOTHING",
    )?;
    for (device, seq, change) in &w.refused {
        refused.execute(params![county, device.to_string(), seq, change.to_string()])?;
    }
    let mut scope = tx.prepare_cached(
        "INSERT INTO row_scope (county_id, tbl, row_id, scope_place, fact) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (county_id, tbl, row_id) DO UPDATE SET scope_place = excluded.scope_place",
    )?;
    for ((table, row), (place, fact)) in &w.scopes {
        scope.execute(params![
            county,
            table,
            row.to_string(),
            place.to_string(),
            i64::from(*fact)
        ])?;
    }
    let mut field = tx.prepare_cached(
        "INSERT INTO field_state (county_id, tbl, row_id, field, hlc, device_id, value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (county_id, tbl, row_id, field) DO UPDATE
         SET hlc = excluded.hlc, device_id = excluded.device_id, value = excluded.value",
    )?;
    for ((table, row, name), v) in &w.fields {
        field.execute(params![
            county,
            table,
            row.to_string(),
            name,
            v.version.hlc.to_string(),
            v.version.device.to_string(),
            v.value
        ])?;
    }
    let mut balance = tx.prepare_cached(
        "INSERT INTO balances (county_id, tbl, account, balance) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (county_id, tbl, account) DO UPDATE SET balance = excluded.balance",
    )?;
    for ((table, account), b) in &w.balances {
        balance.execute(params![county, table, account, b])?;
    }
    let mut share = tx.prepare_cached(
        "INSERT INTO row_shares (county_id, tbl, row_id, place_id, until_seq) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (county_id, tbl, row_id, place_id) DO UPDATE SET until_seq = excluded.until_seq",
    )?;
    for ((table, row), shares) in &w.shares {
        for s in shares {
            share.execute(params![
                county,
                table,
                row.to_string(),
                s.place.to_string(),
                s.until
            ])?;
        }
    }
    let mut place = tx.prepare_cached(
        "INSERT INTO place_tree (county_id, place_id, parent_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (county_id, place_id) DO UPDATE SET parent_id = excluded.parent_id",
    )?;
    for (id, parent) in &w.places {
        place.execute(params![
            county,
            id.to_string(),
            parent.map(|p| p.to_string())
        ])?;
    }
    Ok(())
}

/// Pushes in one transaction: per county, load what they touch, merge them one after the other
/// with the one engine (each answered as if alone after those before it), write the result, and
/// note the devices' last-seen time.
fn push_group(conn: &mut Connection, group: &[&Waiting]) -> Result<Vec<Vec<ChangeResult>>> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut answers: Vec<Option<Vec<ChangeResult>>> = vec![None; group.len()];
    let mut counties: Vec<&str> = group.iter().map(|w| w.auth.county.as_str()).collect();
    counties.dedup();
    counties.sort_unstable();
    counties.dedup();
    let now = crate::now_ms();
    for county in counties {
        let mine: Vec<usize> = (0..group.len())
            .filter(|i| group[*i].auth.county == county)
            .collect();
        let keys = Keys::of(mine.iter().map(|i| (&group[*i].auth, &group[*i].req)));
        let mut engine = Engine::new(load(&tx, county, &keys)?, now);
        for i in &mine {
            answers[*i] = Some(engine.push(&group[*i].auth, &group[*i].req));
        }
        write(&tx, county, &engine.finish())?;
    }
    let mut seen = tx.prepare_cached(
        "UPDATE devices SET last_seen_ms = ?3 WHERE county_id = ?1 AND device_id = ?2",
    )?;
    for w in group {
        seen.execute(params![
            w.auth.county,
            w.auth.device_id.to_string(),
            now as i64
        ])?;
    }
    drop(seen);
    tx.commit()?;
    Ok(answers.into_iter().map(Option::unwrap_or_default).collect())
}
