//! Handing a laptop over, on real (encrypted) SQLite files: everything of the previous user goes,
//! what belongs to the laptop stays, and a crash after any step is finished at the next open.

use std::path::{Path, PathBuf};

use linli_domain::Id;
use linli_protocol::{GetMe, SetMe};

use super::{CRASH_AT, PENDING};
use crate::journal::{get_meta, set_meta};
use crate::{Enrolment, KeySource, Store};

fn key() -> KeySource {
    KeySource::Key([7; 32])
}

fn enrolment(user: &str, token: &str) -> Enrolment {
    Enrolment {
        server: "http://127.0.0.1:8470".into(),
        user: user.into(),
        token: token.into(),
    }
}

/// A demo town on a file, enrolled as 王芳 with a cursor, an outbox, a "me", a CA, a setting of
/// the laptop's own and two attachment files under `blobs/`.
fn laptop_of_a(dir: &Path) -> PathBuf {
    let path = dir.join("linli.db");
    let mut store = Store::open_with(&path, &key()).unwrap();
    crate::demo::generate(
        &mut store,
        crate::demo::DemoOptions {
            households: 30,
            seed: 16,
        },
    )
    .unwrap();
    store.save_enrolment(&enrolment("王芳", "a-token")).unwrap();
    store
        .save_server_trust(Some("-----BEGIN CERTIFICATE-----"), false)
        .unwrap();
    set_meta(store.conn(), "sync_cursor", "500").unwrap();
    set_meta(store.conn(), "sync_last_success_ms", "1700000000000").unwrap();
    let person: String = store
        .conn()
        .query_row("SELECT id FROM people LIMIT 1", [], |r| r.get(0))
        .unwrap();
    store
        .set_me(&SetMe {
            person_id: Some(person.parse().unwrap()),
        })
        .unwrap();
    store
        .conn()
        .execute(
            "INSERT INTO settings (key, value) VALUES ('laptop_own', 'stays')",
            [],
        )
        .unwrap();
    let blobs = store.blob_dir().unwrap();
    for hash in ["ab".repeat(32), "cd".repeat(32)] {
        let p = blobs.join(&hash[..2]);
        std::fs::create_dir_all(&p).unwrap();
        std::fs::write(p.join(&hash), b"a photo of a household").unwrap();
    }
    assert!(store.outbox_len().unwrap() > 0);
    path
}

/// Row counts of every table but the laptop's own two.
fn rows(store: &Store) -> Vec<(String, i64)> {
    let names: Vec<String> = store
        .conn()
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT IN ('meta', 'settings') ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    names
        .into_iter()
        .map(|n| {
            let c = store
                .conn()
                .query_row(&format!("SELECT count(*) FROM \"{n}\""), [], |r| r.get(0))
                .unwrap();
            (n, c)
        })
        .collect()
}

/// What must hold once the laptop is B's: no row of the town, no file, no cursor, no "me", B's
/// enrolment under the new device id, and the laptop's own things kept.
fn assert_handed_over(store: &Store, device: Id) {
    let left: Vec<_> = rows(store).into_iter().filter(|(_, n)| *n > 0).collect();
    assert!(left.is_empty(), "rows left after the handover: {left:?}");
    assert!(!store.blob_dir().unwrap().exists(), "blobs/ is gone");
    let meta = |k: &str| get_meta(store.conn(), k).unwrap();
    assert_eq!(meta("sync_cursor"), None);
    assert_eq!(meta("sync_acked_seq"), None);
    assert_eq!(meta("sync_last_success_ms"), None);
    assert_eq!(meta(PENDING), None);
    assert_eq!(
        store.enrolment().unwrap(),
        Some(enrolment("李强", "b-token"))
    );
    assert_eq!(store.current_device_id().unwrap(), device);
    assert_eq!(store.token_device().unwrap(), Some(device));
    assert_eq!(store.pull_cursor().unwrap(), 0);
    assert_eq!(store.outbox_len().unwrap(), 0);
    // the laptop's own: the CA, its clock, its settings
    assert_eq!(
        store.server_trust().unwrap().0.as_deref(),
        Some("-----BEGIN CERTIFICATE-----")
    );
    assert!(meta("hlc").is_some());
    let own: String = store
        .conn()
        .query_row(
            "SELECT value FROM settings WHERE key = 'laptop_own'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(own, "stays");
    let me = store.get_me(&GetMe {}).unwrap();
    assert!(me.person.is_none(), "the previous user's me is gone");
    let mes: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM settings WHERE key LIKE 'me%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mes, 0);
}

#[test]
fn a_handover_clears_every_row_file_and_cursor_and_keeps_the_laptops_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = laptop_of_a(dir.path());
    let mut store = Store::open_with(&path, &key()).unwrap();
    assert!(rows(&store).iter().any(|(t, n)| t == "residents" && *n > 0));
    assert_eq!(
        store.handover_from("李强").unwrap().map(|e| e.user),
        Some("王芳".to_owned())
    );
    let device = Id::new();
    store
        .hand_over(&enrolment("李强", "b-token"), device)
        .unwrap();
    assert_handed_over(&store, device);
    drop(store);
    // the key (and the PIN it stands for) is the laptop's: the file opens with it as before
    let store = Store::open_with(&path, &key()).unwrap();
    assert_handed_over(&store, device);
    assert_eq!(store.last_device_seq().unwrap(), 0);
}

#[test]
fn signing_in_again_as_the_same_user_is_no_handover() {
    let dir = tempfile::tempdir().unwrap();
    let path = laptop_of_a(dir.path());
    let store = Store::open_with(&path, &key()).unwrap();
    assert_eq!(store.handover_from("王芳").unwrap(), None);
    assert_eq!(store.handover_from(" 王芳 ").unwrap(), None);
    let fresh = Store::open_in_memory().unwrap();
    assert_eq!(fresh.handover_from("李强").unwrap(), None, "not enrolled");
}

#[test]
fn a_handover_killed_after_any_step_is_finished_at_the_next_open() {
    for step in 1..=3u8 {
        let dir = tempfile::tempdir().unwrap();
        let path = laptop_of_a(dir.path());
        let mut store = Store::open_with(&path, &key()).unwrap();
        let device = Id::new();
        CRASH_AT.with(|c| c.set(step));
        let err = store
            .hand_over(&enrolment("李强", "b-token"), device)
            .unwrap_err();
        CRASH_AT.with(|c| c.set(0));
        assert!(err.to_string().contains("simulated crash"), "{err}");
        assert_eq!(
            store.handover_pending().unwrap().as_deref(),
            Some("李强"),
            "the marker stays until the end (step {step})"
        );
        drop(store);
        let store = Store::open_with(&path, &key()).unwrap();
        assert_handed_over(&store, device);
    }
}
