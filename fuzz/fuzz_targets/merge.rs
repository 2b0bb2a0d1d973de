//! Any push through the server's merge engine and storage: arbitrary bytes as a `PushRequest`
//! (JSON), pushed by a county-wide administrator and by a grid worker into an SQLite server in
//! memory. The push must answer per change or fail cleanly, never panic; and whatever it accepted
//! must be exportable again (a stored value every laptop can read back).
#![no_main]

use libfuzzer_sys::fuzz_target;
use linli_domain::Id;
use linli_protocol::sync::{PushRequest, Role};
use linli_server::{auth, ServerDb, SqliteDb};

fuzz_target!(|data: &[u8]| {
    let Ok(mut req) = serde_json::from_slice::<PushRequest>(data) else {
        return;
    };
    req.changes.truncate(64);
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async move {
        let db = SqliteDb::open_in_memory().unwrap();
        for (name, role, wide) in [("admin", Role::Admin, true), ("w", Role::GridWorker, false)] {
            db.add_user(name.into(), role, "x".into(), vec![]).await.unwrap();
            db.set_county_wide(name.into(), wide).await.unwrap();
            let user = db.user_by_name(name.into()).await.unwrap().unwrap();
            let token = auth::new_token();
            let device = req.changes.first().map_or_else(Id::new, |c| c.device_id);
            let device = if wide { device } else { Id::new() };
            db.enrol_device(user, device, name.into(), auth::token_hash(&token), 1)
                .await
                .unwrap();
            let (county, hash) = auth::token_key(&token);
            let me = db.authenticate(county, hash).await.unwrap().unwrap();
            let results = db.push(me, req.clone()).await.unwrap();
            assert_eq!(results.len(), req.changes.len());
        }
        db.export(None).await.unwrap();
    });
});
