//! A laptop in a conformance test (issue 16's erasure tests): a real store file enrolled on the
//! server under its own device id, pushing and pulling through the `ServerDb` directly, and
//! every text cell of its file (opened with `linli_store::connect`) searched for values that must
//! be gone; the same search over everything the server could hand out.

use std::path::{Path, PathBuf};

use linli_domain::Id;
use linli_protocol::sync::{PullResponse, PushRequest, Role};
use linli_protocol::ResidentFields;
use linli_server::{auth, DeviceAuth, ServerDb};
use linli_store::{Schema, Store};

use crate::conformance::support::ByToken;

/// A laptop: its file and store, enrolled on the server as `user` with its own device id.
pub struct Laptop {
    pub path: PathBuf,
    pub store: Store,
    pub auth: DeviceAuth,
}

pub async fn laptop<D: ServerDb>(
    db: &D,
    dir: &Path,
    user: &str,
    role: Role,
    grants: &[Id],
) -> Laptop {
    if db.user_by_name(user.into()).await.unwrap().is_none() {
        db.add_user(user.into(), role, "not-a-real-hash".into(), grants.to_vec())
            .await
            .unwrap();
        if grants.is_empty() {
            db.set_county_wide(user.into(), true).await.unwrap();
        }
    }
    let path = dir.join(format!("{user}.db"));
    let store = Store::open(&path).unwrap();
    let record = db.user_by_name(user.into()).await.unwrap().unwrap();
    let token = auth::new_token_for(&record.county);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    db.enrol_device(
        record,
        store.current_device_id().unwrap(),
        user.into(),
        auth::token_hash(&token),
        now,
    )
    .await
    .unwrap();
    let auth = db.by_token(&token).await.unwrap().unwrap();
    Laptop { path, store, auth }
}

impl Laptop {
    pub async fn push<D: ServerDb>(&mut self, db: &D) {
        loop {
            let sent = self.store.outbox(1000).unwrap();
            if sent.is_empty() {
                return;
            }
            let results = db
                .push(
                    self.auth.clone(),
                    PushRequest {
                        changes: sent.clone(),
                        fact_tables: Schema::default().fact_tables(),
                    },
                )
                .await
                .unwrap();
            crate::conformance::support::accepted(&results);
            let resp = linli_protocol::sync::PushResponse {
                results,
                server_time: linli_domain::Hlc::new(0, 0),
            };
            self.store.acknowledge(&sent, &resp).unwrap();
        }
    }

    pub async fn pull<D: ServerDb>(&mut self, db: &D) {
        loop {
            let after = self.store.pull_cursor().unwrap();
            let own = self.store.pull_own_seq().unwrap();
            let page = db
                .pull_from(self.auth.clone(), after, 1000, Some(own))
                .await
                .unwrap();
            let more = page.more;
            let applied = self
                .store
                .apply_pulled(
                    &Schema::default(),
                    &PullResponse {
                        changes: page.changes,
                        next: page.next,
                        more,
                        server_time: linli_domain::Hlc::new(0, 0),
                    },
                )
                .unwrap();
            assert_eq!(applied.kept_aside, 0, "nothing kept aside");
            if !more {
                return;
            }
        }
    }

    pub async fn sync<D: ServerDb>(&mut self, db: &D) {
        self.push(db).await;
        self.pull(db).await;
    }

    /// Every text cell of every table of the laptop's file holding one of `needles`.
    pub fn traces(&self, needles: &[&str]) -> Vec<String> {
        let conn = linli_store::connect(&self.path).unwrap();
        traces_in(&conn, needles)
    }
}

pub fn traces_in(conn: &rusqlite::Connection, needles: &[&str]) -> Vec<String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.len() > 20, "{tables:?}");
    let mut found = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                if let Ok(rusqlite::types::ValueRef::Text(b)) = r.get_ref(i) {
                    let s = String::from_utf8_lossy(b);
                    for needle in needles {
                        if s.contains(needle) {
                            found.push(format!("{t}: {s}"));
                        }
                    }
                }
            }
        }
    }
    found
}

/// A valid ID number (GB 11643) born on `birth`, `yyyymmdd`.
pub fn id_number(birth: &str, order: u32) -> String {
    let first = format!("110105{birth}{order:03}");
    let check = linli_domain::idcard::check_digit(&first).unwrap();
    format!("{first}{check}")
}

pub fn resident(name: &str, relation: &str, id: Option<String>, phone: &str) -> ResidentFields {
    ResidentFields {
        name: name.into(),
        gender: None,
        birth_date: if id.is_none() {
            Some("1980-01-01".into())
        } else {
            None
        },
        id_number: id,
        phone: Some(phone.into()),
        relation: relation.into(),
        care_tags: vec!["低保".into()],
        moved_in: None,
        notes: "腿脚不便".into(),
        party_member: false,
        accept_possible_duplicate: false,
    }
}

/// Everything the server holds that a laptop could ever get: its merged state and its whole log
/// as a fresh county-wide device pulls it.
pub async fn server_traces<D: ServerDb>(
    db: &D,
    auditor: &DeviceAuth,
    needles: &[&str],
) -> Vec<String> {
    let mut text = serde_json::to_string(&db.export(None).await.unwrap()).unwrap();
    let mut after = 0;
    loop {
        let page = db.pull(auditor.clone(), after, 5000).await.unwrap();
        text.push_str(&serde_json::to_string(&page.changes).unwrap());
        after = page.next;
        if !page.more {
            break;
        }
    }
    needles
        .iter()
        .filter(|n| text.contains(**n))
        .map(|n| (*n).to_owned())
        .collect()
}
