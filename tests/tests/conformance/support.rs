use std::collections::BTreeMap;

use linli_domain::{Hlc, Id};
use linli_protocol::sync::{Change, ChangeOutcome, ChangeResult, PushRequest, RefuseReason, Role};
use linli_server::{auth, DeviceAuth, Result, ServerDb};
use serde_json::{json, Value};

pub const LEDGER: &str = "test_ledger";

/// Authentication by a token as the server's HTTP face does it: the county the token names, and
/// its hash.
pub trait ByToken {
    fn by_token(
        &self,
        token: &str,
    ) -> impl std::future::Future<Output = Result<Option<DeviceAuth>>>;
}

impl<D: ServerDb> ByToken for D {
    fn by_token(
        &self,
        token: &str,
    ) -> impl std::future::Future<Output = Result<Option<DeviceAuth>>> {
        let (county, hash) = auth::token_key(token);
        self.authenticate(county, hash)
    }
}

/// A user with one enrolled device, as the server authenticates it. A user that does not exist
/// yet is added to the default county.
pub async fn device<D: ServerDb>(db: &D, user: &str, role: Role, grants: &[Id]) -> DeviceAuth {
    if db.user_by_name(user.into()).await.unwrap().is_none() {
        db.add_user(user.into(), role, "not-a-real-hash".into(), grants.to_vec())
            .await
            .unwrap();
    }
    // the bootstrap administrator: county-wide by its flag, never by its empty grants
    if role == Role::Admin && grants.is_empty() {
        db.set_county_wide(user.into(), true).await.unwrap();
    }
    let record = db.user_by_name(user.into()).await.unwrap().unwrap();
    let token = auth::new_token_for(&record.county);
    db.enrol_device(
        record,
        Id::new(),
        format!("{user}'s laptop"),
        auth::token_hash(&token),
        // now: a device enrolled long ago has an expired token (issue 17)
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64,
    )
    .await
    .unwrap();
    db.by_token(&token).await.unwrap().unwrap()
}

/// A change by `dev` with its `seq`, written at `ms`.
pub fn change(
    dev: &DeviceAuth,
    seq: i64,
    table: &str,
    row: Id,
    fields: Value,
    place: Option<Id>,
    ms: u64,
) -> Change {
    let fields: BTreeMap<String, Value> = serde_json::from_value(fields).unwrap();
    Change {
        change_id: Id::new(),
        device_id: dev.device_id,
        device_seq: seq,
        hlc: Hlc::new(ms, 0),
        author: None,
        scope_community: None,
        scope_grid: None,
        scope_place: place,
        table: table.into(),
        row_id: row,
        fields,
    }
}

pub fn place(dev: &DeviceAuth, seq: i64, id: Id, name: &str, parent: Option<Id>) -> Change {
    change(
        dev,
        seq,
        "places",
        id,
        json!({"kind": "building", "name": name, "parent_id": parent.map(|p| p.to_string())}),
        None,
        1_000 + seq as u64,
    )
}

/// The fact tables a laptop declares: every one of the shared list, and the test ledger.
pub fn fact_tables() -> Vec<String> {
    linli_protocol::schema::SYNCED_TABLES
        .iter()
        .filter(|t| t.kind == linli_protocol::schema::TableKind::Fact)
        .map(|t| t.name.to_owned())
        .chain([LEDGER.to_owned()])
        .collect()
}

pub async fn push<D: ServerDb>(
    db: &D,
    dev: &DeviceAuth,
    changes: Vec<Change>,
) -> Vec<ChangeResult> {
    db.push(
        dev.clone(),
        PushRequest {
            changes,
            fact_tables: fact_tables(),
        },
    )
    .await
    .unwrap()
}

/// The server sequences of an all-accepted answer, with their review marks.
pub fn accepted(results: &[ChangeResult]) -> Vec<(i64, bool)> {
    results
        .iter()
        .map(|r| match &r.outcome {
            ChangeOutcome::Accepted {
                server_seq,
                needs_review,
            } => (*server_seq, *needs_review),
            ChangeOutcome::Refused { message, .. } => panic!("refused: {message}"),
        })
        .collect()
}

pub fn refused(r: &ChangeResult) -> Option<RefuseReason> {
    match &r.outcome {
        ChangeOutcome::Refused { reason, .. } => Some(*reason),
        ChangeOutcome::Accepted { .. } => None,
    }
}

/// Every change `dev` can pull from the start: (table, row id, read-only).
pub async fn pull_all<D: ServerDb>(db: &D, dev: &DeviceAuth) -> Vec<(String, Id, bool)> {
    let mut out = Vec::new();
    let mut after = 0;
    loop {
        let page = db.pull(dev.clone(), after, 1000).await.unwrap();
        for c in &page.changes {
            out.push((c.change.table.clone(), c.change.row_id, c.read_only));
        }
        after = page.next;
        if !page.more {
            return out;
        }
    }
}

/// The tree most tests use: a community with two buildings, made by the admin.
pub struct Tree {
    pub admin: DeviceAuth,
    pub community: Id,
    pub b1: Id,
    pub b2: Id,
}

pub async fn tree<D: ServerDb>(db: &D) -> Tree {
    let admin = device(db, "admin", Role::Admin, &[]).await;
    let (community, b1, b2) = (Id::new(), Id::new(), Id::new());
    let r = push(
        db,
        &admin,
        vec![
            place(&admin, 1, community, "北门社区", None),
            place(&admin, 2, b1, "1栋", Some(community)),
            place(&admin, 3, b2, "2栋", Some(community)),
        ],
    )
    .await;
    accepted(&r);
    Tree {
        admin,
        community,
        b1,
        b2,
    }
}
