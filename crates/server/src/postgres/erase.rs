//! [`Erase`] on the PostgreSQL backend: loads what `crate::erase` decides on and writes it back
//! in one transaction, holding the county's row in `counties` (as a push does) so the
//! redactions take the next server sequences in order.

use std::collections::{BTreeSet, HashMap};

use deadpool_postgres::GenericClient;
use linli_domain::Id;
use linli_protocol::erasure::{Holder, Redaction, REDACTIONS, SERVER_DEVICE};
use uuid::Uuid;

use super::{id, uid, PgDb};
use crate::erase::{self, Erase, ErasureReport, Plan, Which};
use crate::{Error, Result};

impl Erase for PgDb {
    async fn erase(&self, county: String, which: Which, actor: String) -> Result<ErasureReport> {
        if let Which::MovedOutBefore(day) = &which {
            erase::check_day(day)?;
        }
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let report = erase_tx(&tx, &county, &which, actor).await?;
        tx.commit().await?;
        Ok(report)
    }

    async fn log_redactions(
        &self,
        county: String,
        items: Vec<(Option<Id>, Redaction)>,
    ) -> Result<u64> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let last = lock_county(&tx, &county).await?;
        let entries = erase::redaction_changes(last, crate::now_ms() as i64, &items)?;
        insert_redactions(&tx, &county, &entries).await?;
        tx.commit().await?;
        Ok(entries.len() as u64)
    }

    async fn erased_among(
        &self,
        county: String,
        keys: Vec<(String, Id)>,
    ) -> Result<BTreeSet<(String, Id)>> {
        let client = self.pool.get().await?;
        let (tables, rows): (Vec<String>, Vec<Uuid>) =
            keys.iter().map(|(t, r)| (t.clone(), uid(r))).unzip();
        let stmt = client
            .prepare_cached(
                "SELECT e.tbl, e.row_id FROM erasures e
                 JOIN unnest($2::text[], $3::uuid[]) AS k(tbl, row_id)
                   ON e.tbl = k.tbl AND e.row_id = k.row_id
                 WHERE e.county_id = $1",
            )
            .await?;
        let found = client.query(&stmt, &[&county, &tables, &rows]).await?;
        Ok(found
            .iter()
            .map(|r| (r.get::<_, String>(0), id(r.get(1))))
            .collect())
    }
}

/// `(row, value)` of one field of every row of a table.
async fn field_of(
    c: &impl GenericClient,
    county: &str,
    table: &str,
    field: &str,
) -> Result<Vec<(Id, String)>> {
    let stmt = c
        .prepare_cached(
            "SELECT row_id, value FROM field_state WHERE county_id = $1 AND tbl = $2 AND field = $3",
        )
        .await?;
    let rows = c.query(&stmt, &[&county, &table, &field]).await?;
    Ok(rows
        .iter()
        .map(|r| (id(r.get(0)), r.get::<_, String>(1)))
        .collect())
}

async fn residents_to_erase(
    c: &impl GenericClient,
    county: &str,
    which: &Which,
) -> Result<BTreeSet<Id>> {
    match which {
        Which::Residents(ids) => {
            for i in ids {
                let known = c
                    .query_opt(
                        "SELECT 1 FROM field_state WHERE county_id = $1 AND tbl = 'residents' AND row_id = $2 LIMIT 1",
                        &[&county, &uid(i)],
                    )
                    .await?;
                if known.is_none() {
                    return Err(Error::NotFound(format!(
                        "居民 {i} 不在服务器上（县（区）{county}） (no such resident on the server)"
                    )));
                }
            }
            Ok(ids.iter().copied().collect())
        }
        Which::MediationParties(_) => Ok(BTreeSet::new()),
        Which::MovedOutBefore(day) => {
            let households: HashMap<String, String> =
                field_of(c, county, "households", "moved_out")
                    .await?
                    .into_iter()
                    .filter_map(|(h, v)| Some((h.to_string(), erase::text_of(&v)?)))
                    .collect();
            let moved: HashMap<Id, String> = field_of(c, county, "residents", "moved_out")
                .await?
                .into_iter()
                .filter_map(|(r, v)| Some((r, erase::text_of(&v)?)))
                .collect();
            let already: BTreeSet<Id> = c
                .query(
                    "SELECT row_id FROM erasures WHERE county_id = $1 AND tbl = 'residents'",
                    &[&county],
                )
                .await?
                .iter()
                .map(|r| id(r.get(0)))
                .collect();
            let residents = field_of(c, county, "residents", "household_id")
                .await?
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

async fn erase_tx(
    tx: &deadpool_postgres::Transaction<'_>,
    county: &str,
    which: &Which,
    actor: String,
) -> Result<ErasureReport> {
    let now = crate::now_ms() as i64;
    // the county's row, locked for the transaction: no push stamps a sequence meanwhile
    let last = lock_county(tx, county).await?;
    let residents = residents_to_erase(tx, county, which).await?;
    let parties = field_of(tx, county, "mediation_parties", "resident_id").await?;
    let mut plan = Plan::new(
        residents,
        field_of(tx, county, "volunteers", "resident_id").await?,
        field_of(tx, county, "party_members", "volunteer_id").await?,
        field_of(tx, county, "visits", "member_updates").await?,
        &parties,
    );
    plan.add_parties(which, &parties)?;
    let targets: Vec<(String, Id)> = plan.targets.keys().cloned().collect();
    let read = tx
        .prepare_cached(
            "SELECT field, value FROM field_state WHERE county_id = $1 AND tbl = $2 AND row_id = $3",
        )
        .await?;
    let write = tx
        .prepare_cached(
            "UPDATE field_state SET value = $5 WHERE county_id = $1 AND tbl = $2 AND row_id = $3 AND field = $4",
        )
        .await?;
    for (table, row) in &targets {
        let fields = tx
            .query(&read, &[&county, table, &uid(row)])
            .await?
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, String>(1)))
            .collect();
        for (field, value) in plan.merged(table, *row, fields)? {
            tx.execute(&write, &[&county, table, &uid(row), &field, &value])
                .await?;
        }
    }
    // the log: every entry of the tables an erasure rewrites (no index by row: an
    // administrator's rare command reads them all rather than every push paying for one)
    let entries = tx
        .query(
            "SELECT server_seq, tbl, row_id, scope_place, body FROM changes
             WHERE county_id = $1 AND tbl = ANY($2)",
            &[&county, &erase::TABLES],
        )
        .await?;
    let rewrite = tx
        .prepare_cached("UPDATE changes SET body = $3 WHERE county_id = $1 AND server_seq = $2")
        .await?;
    for r in &entries {
        let (seq, table, row): (i64, String, Id) = (r.get(0), r.get(1), id(r.get(2)));
        if !plan.targets.contains_key(&(table.clone(), row)) {
            continue;
        }
        let scope: Option<Id> = r.get::<_, Option<Uuid>>(3).map(id);
        if let Some(new) = plan.log_body(&table, row, scope, r.get(4))? {
            tx.execute(&rewrite, &[&county, &seq, &new]).await?;
        }
    }
    // the redactions laptops pull, after everything in the log
    let redactions = plan.redactions(last, now)?;
    insert_redactions(tx, county, &redactions).await?;
    for ((table, row), holder) in &plan.targets {
        if *holder == Holder::Linked {
            tx.execute(
                "INSERT INTO erasures (county_id, tbl, row_id, erased_ms) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (county_id, tbl, row_id) DO NOTHING",
                &[&county, table, &uid(row), &now],
            )
            .await?;
        }
    }
    let report = plan.report(county, redactions.len() as u64);
    let e = erase::audit_entry(which, &report, actor, now);
    tx.execute(
        "INSERT INTO audit (county_id, at_ms, actor, action, target, detail)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &e.county, &e.at_ms, &e.actor, &e.action, &e.target, &e.detail,
        ],
    )
    .await?;
    Ok(report)
}

/// Takes the county's row in `counties` for the transaction (as a push does) and answers its last
/// server sequence.
async fn lock_county(tx: &deadpool_postgres::Transaction<'_>, county: &str) -> Result<i64> {
    Ok(tx
        .query_one(
            "INSERT INTO counties (county_id) VALUES ($1)
             ON CONFLICT (county_id) DO UPDATE SET last_seq = counties.last_seq
             RETURNING last_seq",
            &[&county],
        )
        .await?
        .get(0))
}

/// Appends redactions (server seq, scope, body) to the log and moves the county's last sequence.
async fn insert_redactions(
    tx: &deadpool_postgres::Transaction<'_>,
    county: &str,
    entries: &[(i64, Option<Id>, String)],
) -> Result<()> {
    let insert = tx
        .prepare_cached(
            "INSERT INTO changes (county_id, server_seq, device_id, device_seq, tbl, row_id, scope_place, needs_review, body)
             VALUES ($1, $2, $3, $2, $4, $5, $6, false, $7)",
        )
        .await?;
    for (seq, scope, body) in entries {
        let change: linli_protocol::sync::Change = serde_json::from_str(body)?;
        tx.execute(
            &insert,
            &[
                &county,
                seq,
                &uid(&SERVER_DEVICE),
                &REDACTIONS,
                &uid(&change.row_id),
                &scope.as_ref().map(uid),
                body,
            ],
        )
        .await?;
    }
    if let Some((seq, _, _)) = entries.last() {
        tx.execute(
            "UPDATE counties SET last_seq = $2 WHERE county_id = $1",
            &[&county, seq],
        )
        .await?;
    }
    Ok(())
}
