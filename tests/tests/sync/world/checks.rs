//! The checks after quiescence: every laptop agrees with the server within its scope, facts are
//! there once, and field work (visits, tasks) reads the same everywhere.

use super::*;
use linli_protocol::privacy;
use serde_json::Value;

/// Every visit a laptop logged is there exactly once: on the server and on every laptop that
/// works its building; and each task reads the same — the same events, the same derived status,
/// assignee and due date — on every laptop that works it, its events being the server's.
pub(super) fn check_field_work(server: &Server, laptops: &mut [Laptop], homes: &[Home]) -> usize {
    let all = server.block_on(server.db().export(None)).unwrap();
    let no_rows = BTreeMap::new();
    let server_visits = all.get("visits").unwrap_or(&no_rows);
    let server_events = all.get("task_events").unwrap_or(&no_rows);
    let mut logged = BTreeSet::new();
    for l in laptops.iter_mut() {
        let refused: BTreeSet<Id> = l
            .store()
            .sync_status()
            .unwrap()
            .refused
            .iter()
            .map(|r| r.row_id)
            .collect();
        assert!(
            l.visits.iter().all(|v| !refused.contains(v)),
            "{}: a visit in its own building was refused",
            l.name
        );
        logged.extend(l.visits.iter().copied());
    }
    let on_server: BTreeSet<Id> = server_visits.keys().copied().collect();
    assert_eq!(
        on_server, logged,
        "the server holds every visit logged, and only those"
    );
    for l in laptops.iter_mut() {
        let buildings = l.buildings.clone();
        let name = l.name;
        let store = l.store();
        for h in homes.iter().filter(|h| buildings.contains(&h.building)) {
            let want: BTreeSet<String> = server_visits
                .iter()
                .filter(|(_, r)| r["household_id"] == json!(h.household.to_string()))
                .map(|(id, _)| id.to_string())
                .collect();
            let (rows, distinct): (i64, i64) = store
                .conn()
                .query_row(
                    "SELECT count(*), count(DISTINCT id) FROM visits WHERE household_id = ?1",
                    [h.household.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            let got: BTreeSet<String> = store
                .conn()
                .prepare("SELECT id FROM visits WHERE household_id = ?1")
                .unwrap()
                .query_map([h.household.to_string()], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(rows, distinct, "{name}: a visit is there twice");
            assert_eq!(
                got, want,
                "{name}: the visits to {} differ from the server's",
                h.household
            );
        }
    }
    for h in homes {
        let mut seen_as: Option<(&str, linli_protocol::TaskDetail)> = None;
        let server_ids: BTreeSet<Id> = server_events
            .iter()
            .filter(|(_, r)| r["task_id"] == json!(h.task.to_string()))
            .map(|(id, _)| *id)
            .collect();
        let server_status = server_events
            .values()
            .filter(|r| r["task_id"] == json!(h.task.to_string()))
            .filter_map(|r| r["kind"].as_str().and_then(TaskEventKind::from_code))
            .filter_map(TaskStatus::after)
            .max();
        for l in laptops
            .iter_mut()
            .filter(|l| l.buildings.contains(&h.building))
        {
            let name = l.name;
            let detail = l
                .store()
                .get_task(&GetTask {
                    id: h.task,
                    today: Some(TODAY.into()),
                })
                .unwrap();
            let ids: BTreeSet<Id> = detail.events.iter().map(|e| e.id).collect();
            assert_eq!(
                ids, server_ids,
                "{name}: the events of a task differ from the server's"
            );
            assert_eq!(
                Some(detail.task.status),
                server_status,
                "{name}: task status"
            );
            match &seen_as {
                None => seen_as = Some((name, detail)),
                Some((other, first)) => {
                    assert_eq!(
                        &detail, first,
                        "{name} and {other} read the task differently"
                    )
                }
            }
        }
    }
    on_server.len()
}

pub(super) fn check(server: &Server, laptops: &mut [Laptop]) -> (usize, usize) {
    let mut refusals = 0;
    let mut accepted_facts = BTreeSet::new();
    let mut exports = BTreeMap::new();
    for l in laptops.iter_mut() {
        let status = l.store().sync_status().unwrap();
        assert_eq!(status.outbox, 0, "{}: outbox not empty", l.name);
        let refused: BTreeSet<Id> = status.refused.iter().map(|r| r.row_id).collect();
        refusals += status.refused.len();
        for f in &l.facts {
            if !refused.contains(f) {
                accepted_facts.insert(*f);
            }
        }
        let mine = l.store().export(&schema()).unwrap();
        let mut theirs = server
            .block_on(server.db().export(l.grants.clone()))
            .unwrap();
        // fields by role (issue 16 item 2): a laptop holds what its role may read of the
        // server's rows (a steward: no phone, ID number or sensitive care tag; the reveal log
        // reaches administrators only); compared field by field as before
        theirs.retain(|table, _| privacy::may_read_table(l.role, table));
        for (table, rows) in theirs.iter_mut() {
            rows.retain(|_, fields| privacy::redact_fields(l.role, table, fields));
        }
        if privacy::restricted(l.role) {
            // and none of it is on the laptop: no laptop of the simulation writes a phone
            for table in ["households", "residents"] {
                for (id, row) in mine.get(table).into_iter().flatten() {
                    for field in ["phone", "id_number"] {
                        assert!(
                            row.get(field).is_none_or(Value::is_null),
                            "{}: {table}.{field} of {id} reached a steward",
                            l.name
                        );
                    }
                }
            }
        }
        for (table, rows) in &theirs {
            let local = &mine[table];
            let mut want: BTreeSet<&Id> = rows.keys().collect();
            let mut got: BTreeSet<&Id> = local.keys().collect();
            want.retain(|id| !refused.contains(id));
            got.retain(|id| !refused.contains(id));
            assert_eq!(
                want, got,
                "{}: rows of {table} differ from the server's",
                l.name
            );
            for (id, fields) in rows {
                if refused.contains(id) {
                    continue;
                }
                for (f, v) in fields {
                    assert_eq!(
                        local[id][f],
                        sql_canonical(v),
                        "{}: {table}.{f} of {id} differs from the server",
                        l.name
                    );
                }
            }
        }
        exports.insert(l.name, (mine, refused));
    }
    // same scope, same data
    let (a, ra) = &exports["w1"];
    let (b, rb) = &exports["w2"];
    for table in a.keys() {
        for (id, row) in &a[table] {
            if !ra.contains(id) && !rb.contains(id) {
                assert_eq!(
                    Some(row),
                    b[table].get(id),
                    "w1 and w2 differ on {table} {id}"
                );
            }
        }
    }
    // every accepted fact exactly once on the server, nothing else
    let all = server.block_on(server.db().export(None)).unwrap();
    let on_server: BTreeSet<Id> = all
        .get("test_ledger")
        .map(|r| r.keys().copied().collect())
        .unwrap_or_default();
    assert_eq!(on_server, accepted_facts);
    let facts = on_server.len();
    // nothing deleted comes back: a deleted unit is deleted on every laptop that sees it
    for (id, row) in all.get("places").into_iter().flatten() {
        if row.get("deleted") == Some(&json!(true)) {
            for (name, (e, _)) in &exports {
                if let Some(r) = e["places"].get(id) {
                    assert_eq!(
                        r["deleted"],
                        json!(1),
                        "{name}: deleted place {id} came back"
                    );
                }
            }
        }
    }
    (refusals, facts)
}
