//! Reading on the PostgreSQL backend: pull pages filtered in SQL as a device's sight would, an
//! export, the changes that need review.

use deadpool_postgres::GenericClient;
use linli_domain::Id;
use linli_protocol::sync::{Change, PulledChange, MAX_PULL_BYTES};
use uuid::Uuid;

use super::{id, load_tree, uid, PgDb, TREE_SQL};
use crate::db::{DeviceAuth, PullPage, ServerExport};
use crate::privacy::{redacted, OnPull};
use crate::scope::{Sight, Tree};
use crate::Result;

/// A pull's page in one statement: the county's last sequence and, after the cursor, the next
/// changes the device may see, filtered in SQL exactly as [`Sight::on_pull`] would (the places
/// under the grants and the places above them; every row for an admin without grants), never the
/// device's own, and at most [`PULL_SCAN`] sequences past the cursor. The place lists are joined as
/// hashed sets, so a coordinator seeing thousands of places costs no more per row.
const PULL_SQL: &str = "
    WITH last AS (SELECT coalesce(max(server_seq), 0) AS seq FROM changes WHERE county_id = $1)
    SELECT last.seq, p.server_seq, p.tbl, p.row_id, p.scope_place, p.needs_review, p.body
    FROM last LEFT JOIN LATERAL (
        SELECT server_seq, tbl, row_id, scope_place, needs_review, body FROM changes
        WHERE county_id = $1 AND server_seq > $2 AND server_seq <= $2 + $8
          AND (device_id <> $3 OR device_seq > $9)
          AND ($4
               OR (tbl = 'places' AND (row_id IN (SELECT unnest($5::uuid[]))
                                       OR row_id IN (SELECT unnest($6::uuid[]))))
               OR (tbl <> 'places' AND scope_place IN (SELECT unnest($5::uuid[]))))
        ORDER BY server_seq LIMIT $7
    ) p ON true
    ORDER BY p.server_seq";

/// How many sequences past its cursor one pull looks at, at most: a device that sees little of
/// a long log is answered in bounded time, with `more` set.
const PULL_SCAN: i64 = 50_000;

pub(super) async fn pull_page(
    c: &deadpool_postgres::Client,
    auth: &DeviceAuth,
    after: i64,
    limit: u32,
    own_seq: Option<i64>,
) -> Result<PullPage> {
    let own_seq = own_seq.unwrap_or(i64::MAX);
    let county = auth.county.as_str();
    let limit = limit.clamp(1, linli_protocol::sync::MAX_PULL_PAGE) as usize;
    let me = uid(&auth.device_id);
    let (tree_stmt, stmt) =
        tokio::try_join!(c.prepare_cached(TREE_SQL), c.prepare_cached(PULL_SQL))?;
    let tree = c.query(&tree_stmt, &[&county]).await?;
    let tree = Tree::new(
        tree.iter()
            .map(|r| (id(r.get(0)), r.get::<_, Option<Uuid>>(1).map(id))),
    );
    let sight = Sight::of(&tree, auth);
    let below: Vec<Uuid> = sight.below.iter().map(uid).collect();
    let above: Vec<Uuid> = sight.above.iter().map(uid).collect();
    // one more than a page, to know whether another follows
    let fetch = limit as i64 + 1;
    let rows = c
        .query(
            &stmt,
            &[
                &county, &after, &me, &sight.all, &below, &above, &fetch, &PULL_SCAN, &own_seq,
            ],
        )
        .await?;
    let last: i64 = rows.first().map_or(after, |r| r.get(0));
    let mut changes = Vec::with_capacity(rows.len().min(limit));
    let mut more = false;
    let mut next = last.min(after + PULL_SCAN).max(after);
    let mut bytes = 0usize;
    // the last sequence looked at, and how many rows the statement answered
    let (mut looked, mut answered) = (after, 0i64);
    for r in &rows {
        let Some(seq) = r.get::<_, Option<i64>>(1) else {
            break; // no change after the cursor: only the county's last sequence
        };
        answered += 1;
        looked = seq;
        if changes.len() == limit {
            more = true;
            next = changes
                .last()
                .map_or(after, |c: &PulledChange| c.server_seq);
            break;
        }
        let table: String = r.get(2);
        let row = id(r.get(3));
        let place = r.get::<_, Option<Uuid>>(4).map(id);
        // the SQL filter is the same rule; this keeps the read-only mark in one place
        let Some(read_only) = sight.on_pull(&table, row, place) else {
            continue;
        };
        let on_pull = crate::privacy::on_pull(auth.role, &table);
        if on_pull == OnPull::Withhold {
            continue;
        }
        let body: &str = r.get(6);
        if !changes.is_empty() && bytes + body.len() > MAX_PULL_BYTES {
            // the page is full in bytes: this change starts the next one
            more = true;
            next = changes
                .last()
                .map_or(after, |c: &PulledChange| c.server_seq);
            break;
        }
        bytes += body.len();
        let change: Change = serde_json::from_str(body)?;
        // fields by role (issue 16): only a restricted role's changes are rewritten
        let Some(change) = redacted(auth, on_pull, change) else {
            continue;
        };
        changes.push(PulledChange {
            server_seq: seq,
            needs_review: r.get(5),
            read_only,
            change,
        });
    }
    if !more && answered == fetch {
        // every row the statement answered was looked at, and some withheld (fields by role):
        // the rows after them were not
        more = true;
        next = looked;
    }
    if !more && next < last {
        more = true; // the scan stopped PULL_SCAN sequences past the cursor
    }
    Ok(PullPage {
        changes,
        next,
        more,
    })
}

pub(super) async fn export_in(
    db: &PgDb,
    county: String,
    grants: Option<Vec<Id>>,
) -> Result<ServerExport> {
    let mut client = db.pool.get().await?;
    // one snapshot for the tree and the rows
    let tx = client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let tree = load_tree(&tx, &county).await?;
    let sight = grants.map(|g| Sight::new(&tree, false, &g));
    let rows = tx
        .query(
            "SELECT f.tbl, f.row_id, f.field, f.value, s.scope_place FROM field_state f
             JOIN row_scope s ON s.county_id = f.county_id AND s.tbl = f.tbl AND s.row_id = f.row_id
             WHERE f.county_id = $1",
            &[&county],
        )
        .await?;
    let mut out = ServerExport::new();
    for r in &rows {
        let table: String = r.get(0);
        let row = id(r.get(1));
        if let Some(sight) = &sight {
            let place = r.get::<_, Option<Uuid>>(4).map(id);
            if !sight.in_export(&table, row, place) {
                continue;
            }
        }
        out.entry(table)
            .or_default()
            .entry(row)
            .or_default()
            .insert(r.get(2), serde_json::from_str(r.get::<_, &str>(3))?);
    }
    tx.commit().await?;
    Ok(out)
}

pub(super) async fn needs_review_in(db: &PgDb, county: String) -> Result<Vec<(String, Id)>> {
    let client = db.pool.get().await?;
    let rows = client
        .query(
            "SELECT tbl, row_id FROM changes WHERE county_id = $1 AND needs_review ORDER BY server_seq",
            &[&county],
        )
        .await?;
    Ok(rows.iter().map(|r| (r.get(0), id(r.get(1)))).collect())
}
