//! Reading on the PostgreSQL backend: pull pages filtered in SQL as a device's sight would, an
//! export, the changes that need review.

use std::collections::HashMap;

use deadpool_postgres::GenericClient;
use linli_domain::Id;
use linli_protocol::erasure::SERVER_DEVICE;
use linli_protocol::sync::{Change, PulledChange, MAX_PULL_BYTES};
use uuid::Uuid;

use super::{id, load_tree, uid, PgDb, TREE_SQL};
use crate::db::{DeviceAuth, PullPage, ServerExport};
use crate::privacy::{redacted, OnPull};
use crate::scope::{share_field, Share, Shared, Sight, Tree, SHARED_BY};
use crate::Result;

/// A pull's page in one statement: the county's last sequence and, after the cursor, the next
/// changes the device may see, filtered in SQL as [`Sight::on_pull`] would (the places under the
/// grants and the places above them, the rows shared with a place under the grants, each with
/// its row's shares; every row for an admin without grants), never the
/// device's own, and at most [`PULL_SCAN`] sequences past the cursor. The place lists are joined as
/// hashed sets, so a coordinator seeing thousands of places costs no more per row.
const PULL_SQL: &str = "
    WITH last AS (SELECT coalesce(max(server_seq), 0) AS seq FROM changes WHERE county_id = $1)
    SELECT last.seq, p.server_seq, p.tbl, p.row_id, p.scope_place, p.needs_review, p.body,
           p.device_id, p.share_places, p.share_until
    FROM last LEFT JOIN LATERAL (
        SELECT c.server_seq, c.tbl, c.row_id, c.scope_place, c.needs_review, c.body, c.device_id,
               s.places AS share_places, s.until AS share_until
        FROM changes c
        LEFT JOIN LATERAL (
            SELECT array_agg(place_id ORDER BY place_id) AS places,
                   array_agg(until_seq ORDER BY place_id) AS until
            FROM row_shares
            WHERE county_id = $1 AND tbl = c.tbl AND row_id = c.row_id AND c.tbl = ANY($10::text[])
        ) s ON true
        WHERE c.county_id = $1 AND c.server_seq > $2 AND c.server_seq <= $2 + $8
          AND (c.device_id <> $3 OR c.device_seq > $9)
          AND ($4
               OR (c.tbl = 'places' AND (c.row_id IN (SELECT unnest($5::uuid[]))
                                         OR c.row_id IN (SELECT unnest($6::uuid[]))))
               OR (c.tbl <> 'places' AND c.scope_place IN (SELECT unnest($5::uuid[])))
               OR (c.tbl = ANY($10::text[]) AND EXISTS (
                   SELECT 1 FROM row_shares r
                   WHERE r.county_id = $1 AND r.tbl = c.tbl AND r.row_id = c.row_id
                     AND r.place_id IN (SELECT unnest($5::uuid[]))
                     AND (r.until_seq IS NULL OR c.server_seq <= r.until_seq))))
        ORDER BY c.server_seq LIMIT $7
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
    let shared_tables: Vec<&str> = SHARED_BY.iter().map(|(t, _)| *t).collect();
    // one more than a page, to know whether another follows
    let fetch = limit as i64 + 1;
    let rows = c
        .query(
            &stmt,
            &[
                &county,
                &after,
                &me,
                &sight.all,
                &below,
                &above,
                &fetch,
                &PULL_SCAN,
                &own_seq,
                &shared_tables,
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
        let places: Vec<Uuid> = r.get::<_, Option<Vec<Uuid>>>(8).unwrap_or_default();
        let until: Vec<Option<i64>> = r.get::<_, Option<Vec<Option<i64>>>>(9).unwrap_or_default();
        let shares: Vec<Share> = places
            .iter()
            .zip(until)
            .map(|(p, until)| Share {
                place: id(*p),
                until,
            })
            .collect();
        let logged = Shared {
            seq,
            replay: share_field(&table).is_some() && id(r.get(7)) == SERVER_DEVICE,
            shares: &shares,
        };
        // the SQL filter is the same rule; this keeps the read-only mark in one place
        let Some(read_only) = sight.on_pull(&table, row, place, &logged) else {
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
    let mut shares: HashMap<(String, Id), Vec<Share>> = HashMap::new();
    for r in tx
        .query(
            "SELECT tbl, row_id, place_id, until_seq FROM row_shares WHERE county_id = $1",
            &[&county],
        )
        .await?
    {
        shares
            .entry((r.get(0), id(r.get(1))))
            .or_default()
            .push(Share {
                place: id(r.get(2)),
                until: r.get(3),
            });
    }
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
            let row_shares = shares
                .get(&(table.clone(), row))
                .map_or(&[][..], Vec::as_slice);
            if !sight.in_export(&table, row, place, row_shares) {
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
