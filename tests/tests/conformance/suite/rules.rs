//! A community's settings (the station's name and care tags, issue 15 item 3) sync like any
//! entity: accepted from an administrator, pulled by a worker of the community, and refused
//! naming the field when a value is of the wrong type.

use linli_protocol::sync::{RefuseReason, Role};
use linli_server::ServerDb;
use linli_tests::backends::TestDb;
use serde_json::json;

use crate::conformance::support::*;

pub async fn community_settings_sync_like_any_entity<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let worker = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let settings = |seq: i64, fields: serde_json::Value| {
        change(
            &tr.admin,
            seq,
            "community_settings",
            tr.community,
            fields,
            Some(tr.community),
            6_000 + seq as u64,
        )
    };
    let r = push(
        db,
        &tr.admin,
        vec![
            settings(
                4,
                json!({
                    "community_id": tr.community.to_string(),
                    "station_name": "北门社区新时代文明实践站",
                    "care_tags": "[\"独居老人\",\"残疾\"]",
                    "deleted": false,
                }),
            ),
            settings(5, json!({"station_name": 5})),
            settings(6, json!({"care_tags": null})),
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

    let page = db.pull(worker.clone(), 0, 1000).await.unwrap();
    let pulled: Vec<_> = page
        .changes
        .iter()
        .filter(|c| c.change.table == "community_settings")
        .collect();
    assert_eq!(pulled.len(), 1, "{}", T::NAME);
    let c = &pulled[0].change;
    assert_eq!(c.row_id, tr.community);
    assert_eq!(c.fields["station_name"], "北门社区新时代文明实践站");
    assert_eq!(c.fields["care_tags"], "[\"独居老人\",\"残疾\"]");
}
