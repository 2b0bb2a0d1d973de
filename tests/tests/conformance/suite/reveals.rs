//! Reveals the county can audit (issue 16 item 3): a reveal a laptop pushes is stamped by the
//! server with the authenticated user and the server's own time, whatever the laptop claims, and
//! `Accounts::reveals` lists them by date, user and resident.

use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_server::{Accounts, RevealFilter, ServerDb};
use linli_tests::backends::TestDb;
use serde_json::json;

use crate::conformance::support::*;

fn now_stamp() -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    linli_domain::now::Now::at(ms, 0).stamp()
}

pub async fn a_reveal_is_stamped_by_the_server_with_who_pushed_it_and_when<T: TestDb>(t: &T) {
    let db = t.db();
    let tr = tree(db).await;
    let w1 = device(db, "w1", Role::GridWorker, &[tr.community]).await;
    let w2 = device(db, "w2", Role::GridWorker, &[tr.community]).await;
    let (r1, r2) = (Id::new(), Id::new());
    // w1's laptop forges everything it can: the author, the time, and the server's own stamps
    let forged = json!({
        "resident_id": r1.to_string(),
        "field": "id_number",
        "at": "2001-01-01T00:00:00Z",
        "device_id": w1.device_id.to_string(),
        "author": tr.admin.user_id.to_string(),
        "seen_by": tr.admin.user_id.to_string(),
        "seen_name": "admin",
        "seen_at": "2001-01-01T00:00:00Z",
    });
    let reveal = Id::new();
    let before = now_stamp();
    let sent = change(&w1, 1, "reveals", reveal, forged, Some(tr.b1), 5_000);
    accepted(&push(db, &w1, vec![sent.clone()]).await);
    let after = now_stamp();

    let all = db.reveals(RevealFilter::default()).await.unwrap();
    assert_eq!(all.len(), 1, "{}", T::NAME);
    let e = &all[0];
    assert_eq!(e.user.as_deref(), Some("w1"), "{}", T::NAME);
    assert_eq!(e.user_id, Some(w1.user_id.to_string()));
    let at = e.received_at.clone().unwrap();
    assert!(before <= at && at <= after, "{at} not in {before}..{after}");
    // the laptop's claim is kept beside it, not trusted
    assert_eq!(e.claimed_at.as_deref(), Some("2001-01-01T00:00:00Z"));
    assert_eq!(e.claimed_author, Some(tr.admin.user_id.to_string()));
    assert_eq!(
        (e.resident_id.as_str(), e.field.as_str()),
        (r1.to_string().as_str(), "id_number")
    );
    assert_eq!(e.reveal_id, reveal.to_string());

    // the administrator's laptop pulls the server's stamps, not the forged ones
    let page = db.pull(tr.admin.clone(), 0, 1000).await.unwrap();
    let pulled = page
        .changes
        .iter()
        .find(|c| c.change.row_id == reveal)
        .expect("the admin pulls the reveal");
    assert_eq!(
        pulled.change.fields["seen_by"],
        json!(w1.user_id.to_string())
    );
    assert_eq!(pulled.change.fields["seen_name"], json!("w1"));
    assert_eq!(pulled.change.fields["seen_at"], json!(at));
    assert_eq!(pulled.change.author, Some(w1.user_id));

    // sent again unchanged (a retry under a new device number): accepted, the first stamp kept
    let mut again = sent.clone();
    again.change_id = Id::new();
    again.device_seq = 2;
    again.fields.remove("seen_by");
    again.fields.remove("seen_name");
    again.fields.remove("seen_at");
    accepted(&push(db, &w1, vec![again]).await);
    let all = db.reveals(RevealFilter::default()).await.unwrap();
    assert_eq!(all.len(), 1, "{}", T::NAME);
    assert_eq!(all[0].received_at.as_deref(), Some(at.as_str()));
    assert_eq!(all[0].user.as_deref(), Some("w1"));

    // another user's reveal of another resident; the filters
    let phone = json!({
        "resident_id": r2.to_string(),
        "field": "phone",
        "at": now_stamp(),
        "device_id": w2.device_id.to_string(),
        "author": w2.user_id.to_string(),
    });
    accepted(
        &push(
            db,
            &w2,
            vec![change(
                &w2,
                1,
                "reveals",
                Id::new(),
                phone,
                Some(tr.b2),
                6_000,
            )],
        )
        .await,
    );
    let list = |f: RevealFilter| async move { db.reveals(f).await.unwrap() };
    assert_eq!(list(RevealFilter::default()).await.len(), 2, "{}", T::NAME);
    let by_w2 = list(RevealFilter {
        user: Some("w2".into()),
        ..RevealFilter::default()
    })
    .await;
    assert_eq!(by_w2.len(), 1);
    assert_eq!(by_w2[0].field, "phone");
    let of_r1 = list(RevealFilter {
        resident: Some(r1),
        ..RevealFilter::default()
    })
    .await;
    assert_eq!(of_r1.len(), 1);
    assert_eq!(of_r1[0].user.as_deref(), Some("w1"));
    assert!(list(RevealFilter {
        user: Some("nobody".into()),
        ..RevealFilter::default()
    })
    .await
    .is_empty());
    let year_2000 = 946_684_800_000;
    let year_2099 = 4_070_908_800_000;
    assert_eq!(
        list(RevealFilter {
            since_ms: Some(year_2000),
            ..RevealFilter::default()
        })
        .await
        .len(),
        2
    );
    assert!(list(RevealFilter {
        since_ms: Some(year_2099),
        ..RevealFilter::default()
    })
    .await
    .is_empty());
}
