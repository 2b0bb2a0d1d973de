//! The merge engine without a database: what a push answers and what it would write.

use std::collections::BTreeMap;

use linli_domain::{Hlc, Id};
use linli_protocol::sync::{Change, ChangeOutcome, PushRequest, RefuseReason, Role};
use serde_json::{json, Value};

use super::*;

const NOW: u64 = 1_800_000_000_000;

fn auth(grants: &[Id], county_wide: bool) -> DeviceAuth {
    DeviceAuth {
        county: "default".into(),
        device_id: Id::new(),
        user_id: Id::new(),
        user: "w".into(),
        role: Role::GridWorker,
        grants: grants.to_vec(),
        county_wide,
        revoked: false,
    }
}

fn change(
    a: &DeviceAuth,
    seq: i64,
    table: &str,
    row: Id,
    fields: Value,
    place: Option<Id>,
) -> Change {
    let fields: BTreeMap<String, Value> = serde_json::from_value(fields).unwrap();
    Change {
        change_id: Id::new(),
        device_id: a.device_id,
        device_seq: seq,
        hlc: Hlc::new(NOW - 1000 + seq as u64, 0),
        author: None,
        scope_community: None,
        scope_grid: None,
        scope_place: place,
        table: table.into(),
        row_id: row,
        fields,
    }
}

fn req(changes: Vec<Change>) -> PushRequest {
    let mut fact_tables: Vec<String> = changes
        .iter()
        .filter(|c| {
            linli_protocol::schema::server_table(&c.table)
                .is_some_and(|t| t.kind == TableKind::Fact)
        })
        .map(|c| c.table.clone())
        .collect();
    fact_tables.dedup();
    PushRequest {
        changes,
        fact_tables,
    }
}

fn reason(r: &ChangeResult) -> Option<RefuseReason> {
    match &r.outcome {
        ChangeOutcome::Refused { reason, .. } => Some(*reason),
        ChangeOutcome::Accepted { .. } => None,
    }
}

/// A county: town → community → building, with the ids.
fn county() -> (Loaded, Id, Id, Id) {
    let (town, community, building) = (Id::new(), Id::new(), Id::new());
    let loaded = Loaded {
        last_seq: 10,
        tree: Tree::new([
            (town, None),
            (community, Some(town)),
            (building, Some(community)),
        ]),
        ..Loaded::default()
    };
    (loaded, town, community, building)
}

#[test]
fn a_batch_is_stamped_in_order_and_written_once() {
    let (loaded, _, community, building) = county();
    let w = auth(&[community], false);
    let row = Id::new();
    let mut e = Engine::new(loaded, NOW);
    let r = e.push(
        &w,
        &req(vec![
            change(
                &w,
                1,
                "households",
                row,
                json!({"room": "101"}),
                Some(building),
            ),
            change(
                &w,
                2,
                "households",
                row,
                json!({"room": "102", "floating": true}),
                Some(building),
            ),
        ]),
    );
    assert!(r.iter().all(|r| reason(r).is_none()), "{r:?}");
    let out = e.finish();
    assert_eq!(out.last_seq, 12);
    assert_eq!(
        out.log.iter().map(|l| l.server_seq).collect::<Vec<_>>(),
        [11, 12]
    );
    let room = &out.fields[&("households".to_owned(), row, "room".to_owned())];
    assert_eq!(room.value, "\"102\"");
    assert_eq!(
        out.scopes[&("households".to_owned(), row)],
        (building, false)
    );
}

#[test]
fn a_retry_is_answered_and_another_change_on_its_sequence_is_a_conflict() {
    let (loaded, _, community, building) = county();
    let w = auth(&[community], false);
    let first = change(
        &w,
        1,
        "households",
        Id::new(),
        json!({"room": "1"}),
        Some(building),
    );
    let mut e = Engine::new(loaded, NOW);
    let a = e.push(&w, &req(vec![first.clone()]));
    assert_eq!(reason(&a[0]), None);
    let mut other = first.clone();
    other.change_id = Id::new();
    let b = e.push(&w, &req(vec![first.clone(), other]));
    assert_eq!(a[0], b[0]);
    assert_eq!(reason(&b[1]), Some(RefuseReason::SeqConflict));
    // after a conflict the rest of the batch is not stored under this device id; a true retry
    // is still answered
    let mut clash = first.clone();
    clash.change_id = Id::new();
    let next = change(
        &w,
        2,
        "households",
        Id::new(),
        json!({"room": "2"}),
        Some(building),
    );
    let c = e.push(&w, &req(vec![clash, first, next]));
    let got: Vec<_> = c.iter().map(reason).collect();
    assert_eq!(
        got,
        [
            Some(RefuseReason::SeqConflict),
            None,
            Some(RefuseReason::SeqConflict)
        ]
    );
    // a refused change's number is taken as well: another change under it is a conflict
    let poison = change(
        &w,
        5,
        "households",
        Id::new(),
        json!({"room": null}),
        Some(building),
    );
    let mut later = poison.clone();
    later.change_id = Id::new();
    later.fields = [("room".to_owned(), json!("5"))].into();
    let d = e.push(&w, &req(vec![poison]));
    assert_eq!(reason(&d[0]), Some(RefuseReason::Invalid));
    let d = e.push(&w, &req(vec![later]));
    assert_eq!(reason(&d[0]), Some(RefuseReason::SeqConflict));
    let out = e.finish();
    assert_eq!(out.log.len(), 1);
    assert_eq!(out.refused.len(), 1);
}

#[test]
fn values_clocks_and_fact_claims_are_checked() {
    let (loaded, _, community, building) = county();
    let w = auth(&[community], false);
    let mut far = change(
        &w,
        3,
        "households",
        Id::new(),
        json!({"room": "1"}),
        Some(building),
    );
    far.hlc = Hlc::new(u64::MAX, u32::MAX);
    let visit = change(
        &w,
        4,
        "visits",
        Id::new(),
        json!({"household_id": "h", "at": "2026-01-01"}),
        Some(building),
    );
    let mut e = Engine::new(loaded, NOW);
    let r = e.push(
        &w,
        &req(vec![
            change(
                &w,
                1,
                "households",
                Id::new(),
                json!({"room": null}),
                Some(building),
            ),
            change(
                &w,
                2,
                "households",
                Id::new(),
                json!({"floating": "很多"}),
                Some(building),
            ),
            far,
        ]),
    );
    assert!(
        r.iter().all(|r| reason(r) == Some(RefuseReason::Invalid)),
        "{r:?}"
    );
    // visits left out of fact_tables
    let r = e.push(
        &w,
        &PushRequest {
            changes: vec![visit.clone()],
            fact_tables: vec![],
        },
    );
    assert_eq!(reason(&r[0]), Some(RefuseReason::Invalid));
    let r = e.push(&w, &req(vec![visit]));
    assert_eq!(reason(&r[0]), None, "{r:?}");
    assert_eq!(
        e.finish().scopes.values().filter(|(_, fact)| *fact).count(),
        1
    );
}

#[test]
fn places_move_within_sight_and_never_under_themselves() {
    let (loaded, town, community, building) = county();
    let w = auth(&[community], false);
    let mut e = Engine::new(loaded, NOW);
    let unit = Id::new();
    let mv = |seq, row, parent: Value| {
        change(&w, seq, "places", row, json!({ "parent_id": parent }), None)
    };
    let r = e.push(
        &w,
        &req(vec![
            change(
                &w,
                1,
                "places",
                unit,
                json!({"kind": "unit", "name": "1单元", "parent_id": building.to_string()}),
                None,
            ),
            mv(2, community, Value::Null),
            mv(3, community, json!(Id::new().to_string())),
            mv(4, building, json!(unit.to_string())),
            mv(5, community, json!(community.to_string())),
            mv(6, community, json!(town.to_string())),
            mv(7, unit, json!(community.to_string())),
        ]),
    );
    let got: Vec<_> = r.iter().map(reason).collect();
    assert_eq!(
        got,
        [
            None,
            Some(RefuseReason::OutsideGrants),
            Some(RefuseReason::Invalid),
            Some(RefuseReason::Invalid),
            Some(RefuseReason::Invalid),
            // the granted root under the parent it already has (a laptop resending the whole row)
            None,
            None,
        ]
    );
    let out = e.finish();
    assert_eq!(out.places[&unit], Some(community));
    // a county-wide user may put a place at the top
    let (loaded, _, community, _) = county();
    let admin = auth(&[], true);
    let mut e = Engine::new(loaded, NOW);
    let r = e.push(
        &admin,
        &req(vec![change(
            &admin,
            1,
            "places",
            community,
            json!({"parent_id": null}),
            None,
        )]),
    );
    assert_eq!(reason(&r[0]), None);
    // and nobody else, even without grants
    let (loaded, _, community, _) = county();
    let nobody = auth(&[], false);
    let mut e = Engine::new(loaded, NOW);
    let r = e.push(
        &nobody,
        &req(vec![change(
            &nobody,
            1,
            "places",
            community,
            json!({"name": "x"}),
            None,
        )]),
    );
    assert_eq!(reason(&r[0]), Some(RefuseReason::OutsideGrants));
}

#[test]
fn an_overdraft_is_kept_and_marked() {
    let (loaded, _, community, building) = county();
    let w = auth(&[community], false);
    let mut e = Engine::new(loaded, NOW);
    let r = e.push(
        &w,
        &req(vec![
            change(
                &w,
                1,
                "test_ledger",
                Id::new(),
                json!({"account": "a", "delta": 5}),
                Some(building),
            ),
            change(
                &w,
                2,
                "test_ledger",
                Id::new(),
                json!({"account": "a", "delta": -7}),
                Some(building),
            ),
        ]),
    );
    let marks: Vec<bool> = r
        .iter()
        .map(|r| {
            matches!(
                r.outcome,
                ChangeOutcome::Accepted {
                    needs_review: true,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(marks, [false, true]);
    assert_eq!(
        e.finish().balances[&("test_ledger".to_owned(), "a".to_owned())],
        -2
    );
}

/// A laptop that took a new device id after a seq_conflict re-sends, under the new id, changes
/// the server had accepted under the old one: a fact sent again unchanged is accepted and counts
/// once; a fact sent again with another value is still refused.
#[test]
fn a_fact_sent_again_unchanged_by_a_new_device_is_accepted_once() {
    let (loaded, _, community, building) = county();
    let old = auth(&[community], false);
    let mut new = auth(&[community], false);
    new.user_id = old.user_id;
    let (visit, entry) = (Id::new(), Id::new());
    let mut e = Engine::new(loaded, NOW);
    let first = e.push(
        &old,
        &req(vec![
            change(
                &old,
                1,
                "visits",
                visit,
                json!({"household_id": Id::new().to_string(), "at": "2026-11-01 09:00"}),
                Some(building),
            ),
            change(
                &old,
                2,
                "test_ledger",
                entry,
                json!({"account": "a", "delta": 5}),
                Some(building),
            ),
        ]),
    );
    assert!(first.iter().all(|r| reason(r).is_none()), "{first:?}");
    // the same facts, as the new device re-journals them
    let again = e.push(
        &new,
        &req(vec![
            {
                let mut c = change(&new, 1, "visits", visit, json!({}), Some(building));
                c.fields = first_fields(&e, "visits", visit);
                c
            },
            {
                let mut c = change(&new, 2, "test_ledger", entry, json!({}), Some(building));
                c.fields = first_fields(&e, "test_ledger", entry);
                c
            },
            // another value under a stored fact's id is still a change to a fact
            change(
                &new,
                3,
                "test_ledger",
                entry,
                json!({"account": "a", "delta": 6}),
                Some(building),
            ),
        ]),
    );
    assert_eq!(
        again.iter().map(reason).collect::<Vec<_>>(),
        [None, None, Some(RefuseReason::Invalid)],
        "{again:?}"
    );
    let out = e.finish();
    // the floor account counts the entry once
    assert_eq!(out.balances[&("test_ledger".to_owned(), "a".to_owned())], 5);
}

/// The fields the engine holds for a row, as a change would carry them.
fn first_fields(e: &Engine, table: &str, row: Id) -> BTreeMap<String, Value> {
    e.s.fields
        .iter()
        .filter(|((t, r, _), _)| t == table && *r == row)
        .map(|((_, _, f), v)| (f.clone(), serde_json::from_str(&v.value).unwrap()))
        .collect()
}

/// A service point's `serves` as the laptop writes it: a JSON text of a list of ids.
fn serves(ids: &[Id]) -> Value {
    json!(serde_json::to_string(&ids.iter().map(Id::to_string).collect::<Vec<_>>()).unwrap())
}

#[test]
fn a_place_newly_served_gets_the_row_replayed_and_a_neighbour_cannot_write_it() {
    let (town, north, south, east) = (Id::new(), Id::new(), Id::new(), Id::new());
    let loaded = Loaded {
        last_seq: 10,
        tree: Tree::new([
            (town, None),
            (north, Some(town)),
            (south, Some(town)),
            (east, Some(town)),
        ]),
        ..Loaded::default()
    };
    let a = auth(&[north], false);
    let b = auth(&[south], false);
    let point = Id::new();
    let mut e = Engine::new(loaded, NOW);
    let first = change(
        &a,
        1,
        "circle_points",
        point,
        json!({"name": "北门长者食堂", "serves": serves(&[south])}),
        Some(north),
    );
    let r = e.push(&a, &req(vec![first.clone()]));
    assert!(reason(&r[0]).is_none());
    // 南门 is served from the first change: no replay, the change reaches it by the share
    let w = &e.out;
    assert_eq!(w.log.len(), 1);
    assert_eq!(
        w.shares[&("circle_points".to_owned(), point)],
        vec![Share {
            place: south,
            until: None
        }]
    );
    // 东门 added: the earlier change is logged again, filed under 东门, by the server
    let second = change(
        &a,
        2,
        "circle_points",
        point,
        json!({"serves": serves(&[south, east])}),
        Some(north),
    );
    e.push(&a, &req(vec![second]));
    let w = &e.out;
    assert_eq!(w.log.len(), 3, "{:?}", w.log);
    let replay = &w.log[2];
    assert_eq!(
        (replay.device_id, replay.device_seq, replay.scope_place),
        (SERVER_DEVICE, 13, east)
    );
    let body: Change = serde_json::from_str(&replay.body).unwrap();
    assert_eq!(
        (body.device_id, body.device_seq, body.change_id),
        (a.device_id, 1, first.change_id),
        "the stored change as it was"
    );
    // 南门's worker edits it, filed under the home or under its own community: refused, unmerged
    for place in [north, south] {
        let edit = change(
            &b,
            1 + i64::from(place == south),
            "circle_points",
            point,
            json!({"name": "改了"}),
            Some(place),
        );
        let r = e.push(&b, &req(vec![edit]));
        assert_eq!(reason(&r[0]), Some(RefuseReason::OutsideGrants));
    }
    let w = e.finish();
    assert_eq!(w.log.len(), 3);
    assert!(
        w.fields[&("circle_points".to_owned(), point, "name".to_owned())]
            .value
            .contains("北门长者食堂")
    );
}
