//! Fields by role (issue 16, item 2): what a device pulls depends on its user's role. Grid
//! workers and administrators receive everything; stewards and coordinators (volunteers) never
//! receive an ID number, a phone or a sensitive care tag, and only administrators receive the
//! reveal log. A steward may still write a phone (write-only): the server keeps it and sighted
//! users receive it; the sensitive care tags a steward never saw survive its write.

use std::collections::BTreeMap;

use linli_domain::Id;
use linli_protocol::sync::{Change, Role};
use linli_server::{DeviceAuth, ServerDb};
use linli_tests::backends::TestDb;
use serde_json::{json, Value};

use crate::conformance::support::*;

/// Every change `dev` pulls from `after`, in pages of `limit`.
async fn pulled<D: ServerDb>(db: &D, dev: &DeviceAuth, after: i64, limit: u32) -> Vec<Change> {
    let mut out = Vec::new();
    let mut after = after;
    loop {
        let page = db.pull(dev.clone(), after, limit).await.unwrap();
        assert!(page.next >= after, "the cursor went back");
        out.extend(page.changes.into_iter().map(|c| c.change));
        if !page.more {
            return out;
        }
        assert!(page.next > after, "a page that moves nothing");
        after = page.next;
    }
}

/// The fields of `row` over every pulled change of `table` (later ones over earlier ones).
fn merged(changes: &[Change], table: &str, row: Id) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for c in changes
        .iter()
        .filter(|c| c.table == table && c.row_id == row)
    {
        out.extend(c.fields.clone());
    }
    out
}

fn tags(v: &Value) -> Vec<String> {
    serde_json::from_str(v.as_str().unwrap()).unwrap()
}

pub async fn each_role_pulls_only_the_fields_it_may_read<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let worker = device(db, "w", Role::GridWorker, &[tr.community]).await;
    let steward = device(db, "s", Role::Steward, &[tr.b1]).await;
    let coordinator = device(db, "c", Role::Coordinator, &[tr.community]).await;
    let (household, resident, visit, reveal) = (Id::new(), Id::new(), Id::new(), Id::new());
    let id_number = "110101199003071234";
    let updates = json!([{"resident_id": resident.to_string(), "name": "张三",
                          "phone": "138****5678", "care_tags": ["重病", "独居老人"]}]);
    accepted(
        &push(
            db,
            &worker,
            vec![
                change(
                    &worker,
                    1,
                    "households",
                    household,
                    json!({"room": "101", "phone": "13800001111", "tags": "[]", "notes": ""}),
                    Some(tr.b1),
                    10_000,
                ),
                change(
                    &worker,
                    2,
                    "residents",
                    resident,
                    json!({"household_id": household.to_string(), "name": "张三",
                           "id_number": id_number, "phone": "13812345678",
                           "care_tags": "[\"低保\",\"独居老人\",\"残疾\"]", "relation": "户主"}),
                    Some(tr.b1),
                    10_001,
                ),
                change(
                    &worker,
                    3,
                    "visits",
                    visit,
                    json!({"household_id": household.to_string(), "at": "2026-12-01 09:00",
                           "kind": "door", "outcome": "met", "findings": "",
                           "member_updates": updates.to_string(), "needs_follow_up": 0,
                           "void": 0}),
                    Some(tr.b1),
                    10_002,
                ),
                change(
                    &worker,
                    4,
                    "reveals",
                    reveal,
                    json!({"resident_id": resident.to_string(), "field": "id_number",
                           "at": "2026-12-01T09:00:00Z",
                           "device_id": worker.device_id.to_string()}),
                    Some(tr.b1),
                    10_003,
                ),
            ],
        )
        .await,
    );

    // administrators and grid workers: everything, as before (the reveal log: administrators)
    // (a grid worker does not pull its own changes: it sees them through another device)
    let worker2 = device(db, "w", Role::GridWorker, &[tr.community]).await;
    for dev in [&tr.admin, &worker2] {
        let who = &dev.user;
        let all = pulled(db, dev, 0, 1000).await;
        let r = merged(&all, "residents", resident);
        assert_eq!(r["id_number"], json!(id_number), "{who} {}", T::NAME);
        assert_eq!(r["phone"], json!("13812345678"), "{who}");
        assert_eq!(tags(&r["care_tags"]), ["低保", "独居老人", "残疾"], "{who}");
        let h = merged(&all, "households", household);
        assert_eq!(h["phone"], json!("13800001111"), "{who}");
        let v = merged(&all, "visits", visit);
        assert_eq!(v["member_updates"], json!(updates.to_string()), "{who}");
        let reveals = all.iter().any(|c| c.table == "reveals");
        assert_eq!(reveals, dev.role == Role::Admin, "{who}: the reveal log");
    }

    // stewards and coordinators: no ID number, no phone, no sensitive care tag, no reveal log
    for dev in [&steward, &coordinator] {
        let all = pulled(db, dev, 0, 1000).await;
        let who = &dev.user;
        let r = merged(&all, "residents", resident);
        assert_eq!(r["name"], json!("张三"), "{who} {}", T::NAME);
        assert!(!r.contains_key("id_number"), "{who} received the ID number");
        assert!(!r.contains_key("phone"), "{who} received the phone");
        assert_eq!(tags(&r["care_tags"]), ["独居老人"], "{who}");
        let h = merged(&all, "households", household);
        assert_eq!(h["room"], json!("101"), "{who}");
        assert!(
            !h.contains_key("phone"),
            "{who} received the household's phone"
        );
        let v = merged(&all, "visits", visit);
        let u: Value = serde_json::from_str(v["member_updates"].as_str().unwrap()).unwrap();
        assert_eq!(
            u,
            json!([{"resident_id": resident.to_string(), "name": "张三",
                    "care_tags": ["独居老人"]}]),
            "{who}"
        );
        assert!(!all.iter().any(|c| c.table == "reveals"), "{who}: reveals");
        let text = serde_json::to_string(&all).unwrap();
        for secret in [
            id_number,
            "13812345678",
            "13800001111",
            "低保",
            "残疾",
            "重病",
        ] {
            assert!(!text.contains(secret), "{who} received {secret}");
        }
    }

    // a steward writes a phone told at the door, and a care tag: accepted (write-only)
    let sent = change(
        &steward,
        1,
        "residents",
        resident,
        json!({"phone": "13911112222", "care_tags": "[\"独居老人\",\"空巢老人\"]"}),
        Some(tr.b1),
        20_000,
    );
    accepted(&push(db, &steward, vec![sent]).await);
    // the grid worker receives the phone; the sensitive tags the steward never saw are kept
    let all = pulled(db, &worker2, 0, 1000).await;
    let r = merged(&all, "residents", resident);
    assert_eq!(r["phone"], json!("13911112222"), "{}", T::NAME);
    assert_eq!(r["id_number"], json!(id_number));
    assert_eq!(
        tags(&r["care_tags"]),
        ["独居老人", "空巢老人", "低保", "残疾"]
    );
    let state = db.export(None).await.unwrap();
    assert_eq!(state["residents"][&resident]["phone"], json!("13911112222"));
    // the coordinator sees the steward's visible tags, never the phone
    let all = pulled(db, &coordinator, 0, 1000).await;
    let r = merged(&all, "residents", resident);
    assert_eq!(tags(&r["care_tags"]), ["独居老人", "空巢老人"]);
    assert!(!r.contains_key("phone"));

    // a grid worker corrects the phone: the steward's next pull holds no phone at all (its
    // laptop keeps the one it wrote, unknown is not erased), and a change of nothing but a
    // withheld field is not sent to it
    let before = db.pull(steward.clone(), 0, 1000).await.unwrap().next;
    accepted(
        &push(
            db,
            &worker,
            vec![change(
                &worker,
                5,
                "residents",
                resident,
                json!({"phone": "13700000000"}),
                Some(tr.b1),
                30_000,
            )],
        )
        .await,
    );
    let later = pulled(db, &steward, before, 1000).await;
    assert!(
        later.iter().all(|c| !c.fields.contains_key("phone")),
        "{}: {later:?}",
        T::NAME
    );
    assert!(later.is_empty(), "a change with nothing left is not sent");
}

/// Changes a role may not receive are skipped without stalling a pull: a page whose statement
/// answered only withheld rows moves the cursor past them, and what follows still arrives.
pub async fn withheld_changes_never_stall_a_pull<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let worker = device(db, "w", Role::GridWorker, &[tr.community]).await;
    let steward = device(db, "s", Role::Steward, &[tr.b1]).await;
    let start = db.pull(steward.clone(), 0, 1000).await.unwrap().next;
    let resident = Id::new();
    let mut changes = Vec::new();
    for seq in 1..=7 {
        changes.push(change(
            &worker,
            seq,
            "reveals",
            Id::new(),
            json!({"resident_id": resident.to_string(), "field": "phone",
                   "at": "2026-12-01T09:00:00Z", "device_id": worker.device_id.to_string()}),
            Some(tr.b1),
            10_000 + seq as u64,
        ));
    }
    changes.push(change(
        &worker,
        8,
        "residents",
        resident,
        json!({"phone": "13812345678"}),
        Some(tr.b1),
        20_000,
    ));
    changes.push(change(
        &worker,
        9,
        "residents",
        resident,
        json!({"name": "李四"}),
        Some(tr.b1),
        20_001,
    ));
    accepted(&push(db, &worker, changes).await);
    for dev in [&steward, &worker] {
        let got = pulled(db, dev, start, 2).await;
        let names: Vec<&Change> = got
            .iter()
            .filter(|c| c.table == "residents" && c.fields.contains_key("name"))
            .collect();
        if dev.role == Role::Steward {
            assert_eq!(got.len(), 1, "{}: {got:?}", T::NAME);
            assert_eq!(names.len(), 1, "{}", T::NAME);
        } else {
            assert!(got.is_empty(), "a device does not pull its own changes");
        }
    }
    let admin = pulled(db, &tr.admin, start, 2).await;
    assert_eq!(admin.len(), 9, "{}", T::NAME);
}
