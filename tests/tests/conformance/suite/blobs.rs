//! Attachment blobs: kept once, handed out within scope.

use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_server::{auth, ServerDb};
use linli_tests::backends::TestDb;
use serde_json::json;

use crate::conformance::support::*;

pub async fn blobs_are_kept_once_and_handed_out_within_scope<T: TestDb>(t: &T) {
    use linli_server::{BlobGet, BlobPut};
    let db = t.db();
    let tr = tree(db).await;
    let w1 = device(db, "w1", Role::GridWorker, &[tr.b1]).await;
    let w2 = device(db, "w2", Role::Steward, &[tr.b2]).await;
    let photo = b"\x89PNG\r\n\x1a\n a photo of the mended stair light".to_vec();
    let hash = auth::sha256_hex(&photo);
    let other = auth::sha256_hex(b"another photo");
    let r = push(
        db,
        &w1,
        vec![change(
            &w1,
            1,
            "attachments",
            Id::new(),
            json!({"owner_table": "tasks", "owner_id": Id::new().to_string(), "hash": hash,
                   "size": photo.len(), "mime": "image/png", "name": "after.png"}),
            Some(tr.b1),
            5_000,
        )],
    )
    .await;
    assert_eq!(accepted(&r).len(), 1, "{}", T::NAME);

    // nothing held yet; the row is there but its bytes are not
    let both = vec![hash.clone(), other.clone()];
    assert_eq!(
        db.blobs_missing(w1.clone(), both.clone()).await.unwrap(),
        both
    );
    assert_eq!(
        db.get_blob(w1.clone(), hash.clone()).await.unwrap(),
        BlobGet::NotYet
    );
    // another building's steward may not upload it, and bytes no row names are not kept
    assert_eq!(
        db.put_blob(w2.clone(), hash.clone(), photo.clone())
            .await
            .unwrap(),
        BlobPut::OutOfScope,
        "{}",
        T::NAME
    );
    assert_eq!(
        db.put_blob(w1.clone(), other.clone(), b"another photo".to_vec())
            .await
            .unwrap(),
        BlobPut::OutOfScope
    );
    assert_eq!(
        db.blobs_missing(w1.clone(), both.clone()).await.unwrap(),
        both
    );

    // stored once; a second upload is a no-op
    assert_eq!(
        db.put_blob(w1.clone(), hash.clone(), photo.clone())
            .await
            .unwrap(),
        BlobPut::Stored(true)
    );
    assert_eq!(
        db.put_blob(w1.clone(), hash.clone(), photo.clone())
            .await
            .unwrap(),
        BlobPut::Stored(false)
    );
    assert_eq!(
        db.blobs_missing(w1.clone(), both.clone()).await.unwrap(),
        vec![other.clone()]
    );

    // handed out byte-identical within scope (the county admin sees all), not outside it
    for dev in [&w1, &tr.admin] {
        assert_eq!(
            db.get_blob(dev.clone(), hash.clone()).await.unwrap(),
            BlobGet::Found(photo.clone()),
            "{}",
            T::NAME
        );
    }
    assert_eq!(
        db.get_blob(w2.clone(), hash.clone()).await.unwrap(),
        BlobGet::OutOfScope,
        "{}",
        T::NAME
    );

    // a restarted server still has it
    let again = t.reopen().await.unwrap();
    assert_eq!(
        again.get_blob(w1.clone(), hash.clone()).await.unwrap(),
        BlobGet::Found(photo)
    );
}
