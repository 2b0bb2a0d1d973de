//! A building's details (its floors, issue 15 item 2) sync like any entity: accepted from an
//! administrator, pulled by a worker of the community, and refused naming the field when a value
//! is of the wrong type.

use linli_protocol::sync::{RefuseReason, Role};
use linli_server::ServerDb;
use linli_tests::backends::TestDb;
use serde_json::json;

use crate::conformance::support::*;

pub async fn place_details_sync_like_any_entity<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let worker = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let details = |seq: i64, fields: serde_json::Value| {
        change(
            &tr.admin,
            seq,
            "place_details",
            tr.b1,
            fields,
            Some(tr.community),
            6_000 + seq as u64,
        )
    };
    let r = push(
        db,
        &tr.admin,
        vec![
            details(
                4,
                json!({
                    "community_id": tr.community.to_string(),
                    "floors": 18,
                    "deleted": false,
                }),
            ),
            details(5, json!({"floors": "十八"})),
            details(6, json!({"deleted": null})),
            details(7, json!({"floors": null})),
        ],
    )
    .await;
    assert_eq!(refused(&r[0]), None, "{}: {:?}", T::NAME, r[0]);
    for i in [1, 2] {
        assert_eq!(
            refused(&r[i]),
            Some(RefuseReason::Invalid),
            "{}: change {i}: {:?}",
            T::NAME,
            r[i]
        );
    }
    // floors may be cleared: the column takes NULL
    assert_eq!(refused(&r[3]), None, "{}: {:?}", T::NAME, r[3]);

    let page = db.pull(worker.clone(), 0, 1000).await.unwrap();
    let pulled: Vec<_> = page
        .changes
        .iter()
        .filter(|c| c.change.table == "place_details")
        .collect();
    assert_eq!(pulled.len(), 2, "{}", T::NAME);
    let c = &pulled[0].change;
    assert_eq!(c.row_id, tr.b1);
    assert_eq!(c.fields["floors"], 18);
    assert!(pulled[1].change.fields["floors"].is_null(), "{}", T::NAME);
}
