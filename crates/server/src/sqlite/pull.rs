//! Reading on the SQLite backend: pull pages within a device's sight, an export, the changes
//! that need review.

use std::collections::HashMap;

use linli_domain::Id;
use linli_protocol::erasure::SERVER_DEVICE;
use linli_protocol::sync::{Change, PulledChange, MAX_PULL_BYTES};
use rusqlite::{params, Connection};

use super::load_tree;
use crate::db::{DeviceAuth, PullPage, ServerExport};
use crate::privacy::{redacted, OnPull};
use crate::scope::{share_field, Share, Shared, Sight, Tree};
use crate::Result;

pub(super) fn pull_tx(
    conn: &Connection,
    auth: &DeviceAuth,
    after: i64,
    limit: u32,
    own_seq: Option<i64>,
) -> Result<PullPage> {
    let county = auth.county.as_str();
    // a county-wide user sees everything: no tree to load for every page
    let sight = if auth.county_wide {
        Sight::new(&Tree::default(), true, &[])
    } else {
        Sight::of(&load_tree(conn, county)?, auth)
    };
    let limit = limit.clamp(1, linli_protocol::sync::MAX_PULL_PAGE) as usize;
    let me = auth.device_id.to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT server_seq, device_id, tbl, row_id, scope_place, needs_review, body, device_seq FROM changes
         WHERE county_id = ?1 AND server_seq > ?2 ORDER BY server_seq LIMIT ?3",
    )?;
    let scan_cap = 50_000usize;
    let server = SERVER_DEVICE.to_string();
    let mut shares = HashMap::new();
    let mut rows = stmt.query(params![county, after, scan_cap as i64])?;
    let (mut changes, mut next, mut scanned, mut bytes) = (Vec::new(), after, 0usize, 0usize);
    let mut more = false;
    while let Some(r) = rows.next()? {
        if changes.len() >= limit {
            more = true;
            break;
        }
        scanned += 1;
        let seq: i64 = r.get(0)?;
        let before = next;
        next = seq;
        let device: String = r.get(1)?;
        // the device's own changes, but for those a copy of its file made under its id
        if device == me && own_seq.is_none_or(|k| r.get::<_, i64>(7).is_ok_and(|s| s <= k)) {
            continue;
        }
        let table: String = r.get(2)?;
        let shared = share_field(&table).is_some();
        let row: Id = r.get::<_, String>(3)?.parse()?;
        let scope: Option<String> = r.get(4)?;
        let scope: Option<Id> = scope.map(|s| s.parse()).transpose()?;
        // a county-wide device sees every row: its shares need not be read
        let shares = if shared && !sight.all {
            shares_of(conn, county, &table, row, &mut shares)?
        } else {
            &[]
        };
        let logged = Shared {
            seq,
            replay: shared && device == server,
            shares,
        };
        let Some(read_only) = sight.on_pull(&table, row, scope, &logged) else {
            continue;
        };
        let on_pull = crate::privacy::on_pull(auth.role, &table);
        if on_pull == OnPull::Withhold {
            continue;
        }
        let body: String = r.get(6)?;
        if !changes.is_empty() && bytes + body.len() > MAX_PULL_BYTES {
            // the page is full in bytes: this change starts the next one
            next = before;
            more = true;
            break;
        }
        bytes += body.len();
        let change: Change = serde_json::from_str(&body)?;
        // fields by role (issue 16): only a restricted role's changes are rewritten
        let Some(change) = redacted(auth, on_pull, change) else {
            continue;
        };
        changes.push(PulledChange {
            server_seq: seq,
            needs_review: r.get::<_, i64>(5)? != 0,
            read_only,
            change,
        });
    }
    if scanned >= scan_cap {
        more = true;
    }
    Ok(PullPage {
        changes,
        next,
        more,
    })
}

/// The shares of a row of a shared table, read once per page.
fn shares_of<'a>(
    conn: &Connection,
    county: &str,
    table: &str,
    row: Id,
    cache: &'a mut HashMap<(String, Id), Vec<Share>>,
) -> Result<&'a [Share]> {
    let key = (table.to_owned(), row);
    if !cache.contains_key(&key) {
        let mut stmt = conn.prepare_cached(
            "SELECT place_id, until_seq FROM row_shares WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3",
        )?;
        let rows = stmt.query_map(params![county, table, row.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
        })?;
        let mut list = Vec::new();
        for r in rows {
            let (place, until) = r?;
            list.push(Share {
                place: place.parse()?,
                until,
            });
        }
        cache.insert(key.clone(), list);
    }
    Ok(cache.get(&key).map_or(&[], Vec::as_slice))
}

/// Every share of a county: (table, row) → its shares.
fn all_shares(conn: &Connection, county: &str) -> Result<HashMap<(String, Id), Vec<Share>>> {
    let mut stmt = conn
        .prepare("SELECT tbl, row_id, place_id, until_seq FROM row_shares WHERE county_id = ?1")?;
    let rows = stmt.query_map([county], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<i64>>(3)?,
        ))
    })?;
    let mut out: HashMap<(String, Id), Vec<Share>> = HashMap::new();
    for r in rows {
        let (table, row, place, until) = r?;
        out.entry((table, row.parse()?)).or_default().push(Share {
            place: place.parse()?,
            until,
        });
    }
    Ok(out)
}

pub(super) fn export_in(
    conn: &mut Connection,
    county: String,
    grants: Option<Vec<Id>>,
) -> Result<ServerExport> {
    let tree = load_tree(conn, &county)?;
    let sight = grants.map(|g| Sight::new(&tree, false, &g));
    let shares = all_shares(conn, &county)?;
    let mut stmt = conn.prepare(
        "SELECT f.tbl, f.row_id, f.field, f.value, s.scope_place FROM field_state f
         JOIN row_scope s ON s.county_id = f.county_id AND s.tbl = f.tbl AND s.row_id = f.row_id
         WHERE f.county_id = ?1",
    )?;
    let rows = stmt.query_map([&county], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut out = ServerExport::new();
    for r in rows {
        let (table, row, field, value, scope) = r?;
        let row: Id = row.parse()?;
        if let Some(sight) = &sight {
            let scope: Option<Id> = scope.map(|s| s.parse()).transpose()?;
            let row_shares = shares
                .get(&(table.clone(), row))
                .map_or(&[][..], Vec::as_slice);
            let visible = sight.in_export(&table, row, scope, row_shares);
            if !visible {
                continue;
            }
        }
        out.entry(table)
            .or_default()
            .entry(row)
            .or_default()
            .insert(field, serde_json::from_str(&value)?);
    }
    Ok(out)
}

pub(super) fn needs_review_in(conn: &mut Connection, county: String) -> Result<Vec<(String, Id)>> {
    let mut stmt = conn.prepare(
        "SELECT tbl, row_id FROM changes WHERE county_id = ?1 AND needs_review = 1 ORDER BY server_seq",
    )?;
    let rows = stmt.query_map([&county], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for r in rows {
        let (t, id) = r?;
        out.push((t, id.parse()?));
    }
    Ok(out)
}
