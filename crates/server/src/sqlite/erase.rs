//! [`Erase`] on the SQLite backend: loads what `crate::erase` decides on and writes it back, in
//! one transaction on the writing connection (so pushes wait for it).

use std::collections::{BTreeSet, HashMap};

use linli_domain::Id;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::SqliteDb;
use linli_protocol::erasure::{Redaction, REDACTIONS, SERVER_DEVICE};

use crate::erase::{self, Erase, ErasureReport, Plan, Which};
use crate::{Error, Result};

impl Erase for SqliteDb {
    async fn erase(&self, county: String, which: Which, actor: String) -> Result<ErasureReport> {
        if let Which::MovedOutBefore(day) = &which {
            erase::check_day(day)?;
        }
        self.call(move |conn| {
            let tx = conn.transaction()?;
            let report = erase_tx(&tx, &county, &which, actor)?;
            tx.commit()?;
            Ok(report)
        })
        .await
    }

    async fn log_redactions(
        &self,
        county: String,
        items: Vec<(Option<Id>, Redaction)>,
    ) -> Result<u64> {
        self.call(move |conn| {
            let tx = conn.transaction()?;
            let last = last_seq(&tx, &county)?;
            let entries = erase::redaction_changes(last, crate::now_ms() as i64, &items)?;
            insert_redactions(&tx, &county, &entries)?;
            tx.commit()?;
            Ok(entries.len() as u64)
        })
        .await
    }

    async fn erased_among(
        &self,
        county: String,
        keys: Vec<(String, Id)>,
    ) -> Result<BTreeSet<(String, Id)>> {
        self.call_read(move |conn| erased_among(conn, &county, keys))
            .await
    }
}

fn erased_among(
    conn: &Connection,
    county: &str,
    keys: Vec<(String, Id)>,
) -> Result<BTreeSet<(String, Id)>> {
    let mut out = BTreeSet::new();
    // most counties never erased anyone: one probe instead of one per key
    let any = conn
        .prepare_cached("SELECT 1 FROM erasures WHERE county_id = ?1 LIMIT 1")?
        .query_row([county], |_| Ok(()))
        .optional()?;
    if any.is_none() {
        return Ok(out);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT 1 FROM erasures WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3",
    )?;
    for (table, row) in keys {
        if stmt
            .query_row(params![county, table, row.to_string()], |_| Ok(()))
            .optional()?
            .is_some()
        {
            out.insert((table, row));
        }
    }
    Ok(out)
}

/// `(row, value)` of one field of every row of a table.
fn field_of(
    tx: &Transaction<'_>,
    county: &str,
    table: &str,
    field: &str,
) -> Result<Vec<(Id, String)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT row_id, value FROM field_state WHERE county_id = ?1 AND tbl = ?2 AND field = ?3",
    )?;
    let rows = stmt.query_map(params![county, table, field], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for r in rows {
        let (row, value) = r?;
        out.push((row.parse()?, value));
    }
    Ok(out)
}

fn residents_to_erase(tx: &Transaction<'_>, county: &str, which: &Which) -> Result<BTreeSet<Id>> {
    match which {
        Which::Residents(ids) => {
            let mut stmt = tx.prepare_cached(
                "SELECT 1 FROM field_state WHERE county_id = ?1 AND tbl = 'residents' AND row_id = ?2 LIMIT 1",
            )?;
            for id in ids {
                let known = stmt
                    .query_row(params![county, id.to_string()], |_| Ok(()))
                    .optional()?;
                if known.is_none() {
                    return Err(Error::NotFound(format!(
                        "居民 {id} 不在服务器上（县（区）{county}） (no such resident on the server)"
                    )));
                }
            }
            Ok(ids.iter().copied().collect())
        }
        Which::MediationParties(_) => Ok(BTreeSet::new()),
        Which::MovedOutBefore(day) => {
            let households: HashMap<String, String> =
                field_of(tx, county, "households", "moved_out")?
                    .into_iter()
                    .filter_map(|(h, v)| Some((h.to_string(), erase::text_of(&v)?)))
                    .collect();
            let moved: HashMap<Id, String> = field_of(tx, county, "residents", "moved_out")?
                .into_iter()
                .filter_map(|(r, v)| Some((r, erase::text_of(&v)?)))
                .collect();
            let already: BTreeSet<Id> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT row_id FROM erasures WHERE county_id = ?1 AND tbl = 'residents'",
                )?;
                let rows = stmt.query_map([county], |r| r.get::<_, String>(0))?;
                let mut s = BTreeSet::new();
                for r in rows {
                    s.insert(r?.parse()?);
                }
                s
            };
            let residents = field_of(tx, county, "residents", "household_id")?
                .into_iter()
                .filter(|(r, _)| !already.contains(r))
                .map(|(r, h)| (r, moved.get(&r).cloned(), erase::text_of(&h)))
                .collect();
            Ok(erase::moved_out_before(residents, &households, day)
                .into_iter()
                .collect())
        }
    }
}

fn erase_tx(
    tx: &Transaction<'_>,
    county: &str,
    which: &Which,
    actor: String,
) -> Result<ErasureReport> {
    let now = crate::now_ms() as i64;
    let residents = residents_to_erase(tx, county, which)?;
    let parties = field_of(tx, county, "mediation_parties", "resident_id")?;
    let mut plan = Plan::new(
        residents,
        field_of(tx, county, "volunteers", "resident_id")?,
        field_of(tx, county, "party_members", "volunteer_id")?,
        field_of(tx, county, "visits", "member_updates")?,
        &parties,
    );
    plan.add_parties(which, &parties)?;
    // the merged state
    let targets: Vec<(String, Id)> = plan.targets.keys().cloned().collect();
    {
        let mut read = tx.prepare_cached(
            "SELECT field, value FROM field_state WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3",
        )?;
        let mut write = tx.prepare_cached(
            "UPDATE field_state SET value = ?5 WHERE county_id = ?1 AND tbl = ?2 AND row_id = ?3 AND field = ?4",
        )?;
        for (table, row) in &targets {
            let fields = read
                .query_map(params![county, table, row.to_string()], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (field, value) in plan.merged(table, *row, fields)? {
                write.execute(params![county, table, row.to_string(), field, value])?;
            }
        }
    }
    // the log: every entry of the tables an erasure rewrites (no index by row: an
    // administrator's rare command reads them all rather than every push paying for one)
    {
        let tables: Vec<String> = erase::TABLES.iter().map(|t| format!("'{t}'")).collect();
        let mut scan = tx.prepare(&format!(
            "SELECT server_seq, tbl, row_id, scope_place, body FROM changes
             WHERE county_id = ?1 AND tbl IN ({})",
            tables.join(", ")
        ))?;
        let mut rewrite =
            tx.prepare("UPDATE changes SET body = ?3 WHERE county_id = ?1 AND server_seq = ?2")?;
        let mut rows = scan.query([county])?;
        let mut bodies = Vec::new();
        while let Some(r) = rows.next()? {
            let (seq, table, row): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let row: Id = row.parse()?;
            if !plan.targets.contains_key(&(table.clone(), row)) {
                continue;
            }
            let scope: Option<Id> = r
                .get::<_, Option<String>>(3)?
                .map(|s| s.parse())
                .transpose()?;
            let body: String = r.get(4)?;
            if let Some(new) = plan.log_body(&table, row, scope, &body)? {
                bodies.push((seq, new));
            }
        }
        drop(rows);
        for (seq, body) in bodies {
            rewrite.execute(params![county, seq, body])?;
        }
    }
    // the redactions laptops pull, after everything in the log
    let redactions = plan.redactions(last_seq(tx, county)?, now)?;
    insert_redactions(tx, county, &redactions)?;
    {
        let mut erased = tx.prepare(
            "INSERT INTO erasures (county_id, tbl, row_id, erased_ms) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (county_id, tbl, row_id) DO NOTHING",
        )?;
        for ((table, row), holder) in &plan.targets {
            if *holder == linli_protocol::erasure::Holder::Linked {
                erased.execute(params![county, table, row.to_string(), now])?;
            }
        }
    }
    let report = plan.report(county, redactions.len() as u64);
    let e = erase::audit_entry(which, &report, actor, now);
    tx.execute(
        "INSERT INTO audit (county_id, at_ms, actor, action, target, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![e.county, e.at_ms, e.actor, e.action, e.target, e.detail],
    )?;
    Ok(report)
}

fn last_seq(tx: &Transaction<'_>, county: &str) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT coalesce(max(server_seq), 0) FROM changes WHERE county_id = ?1",
        [county],
        |r| r.get(0),
    )?)
}

/// Appends redactions (server seq, scope, body) to the log.
fn insert_redactions(
    tx: &Transaction<'_>,
    county: &str,
    entries: &[(i64, Option<Id>, String)],
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO changes (county_id, server_seq, device_id, device_seq, tbl, row_id, scope_place, needs_review, body)
         VALUES (?1, ?2, ?3, ?2, ?4, ?5, ?6, 0, ?7)",
    )?;
    for (seq, scope, body) in entries {
        let change: linli_protocol::sync::Change = serde_json::from_str(body)?;
        insert.execute(params![
            county,
            seq,
            SERVER_DEVICE.to_string(),
            REDACTIONS,
            change.row_id.to_string(),
            scope.map(|s| s.to_string()),
            body
        ])?;
    }
    Ok(())
}
