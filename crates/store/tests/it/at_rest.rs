//! Encryption at rest (issue 16): what a copied laptop file gives away.

use linli_store::demo::{generate, DemoOptions};
use linli_store::{KeySource, Store};

fn pin(p: &str) -> KeySource {
    KeySource::Device {
        keystore: false,
        pin: Some(p.into()),
    }
}

/// Every resident's name and ID number, and where the database's files are.
fn residents(store: &Store) -> Vec<String> {
    let mut stmt = store
        .conn()
        .prepare("SELECT name, coalesce(id_number, '') FROM residents")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap();
    let mut out = Vec::new();
    for row in rows {
        let (name, id) = row.unwrap();
        out.push(name);
        if !id.is_empty() {
            out.push(id);
        }
    }
    out
}

fn found_in(bytes: &[u8], needles: &[String]) -> Vec<String> {
    // one pass for every needle (a needle-by-needle `contains` over the 200 MB log of the demo
    // took a quarter of an hour in a debug build)
    let search = aho_corasick::AhoCorasick::new(needles).unwrap();
    let mut seen = vec![false; needles.len()];
    for m in search.find_overlapping_iter(bytes) {
        seen[m.pattern().as_usize()] = true;
    }
    needles
        .iter()
        .zip(seen)
        .filter(|(_, found)| *found)
        .map(|(n, _)| n.clone())
        .collect()
}

#[test]
fn the_raw_file_and_its_log_hold_no_name_or_id_number_of_the_demo_town() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    let mut store = Store::open_with(&path, &pin("135790")).unwrap();
    // the log keeps what is written while the store is open
    store
        .conn()
        .pragma_update(None, "wal_autocheckpoint", 0)
        .unwrap();
    generate(
        &mut store,
        DemoOptions {
            households: 150,
            seed: 2024,
        },
    )
    .unwrap();
    let needles = residents(&store);
    assert!(needles.len() > 300, "{}", needles.len());
    assert!(
        needles.iter().any(|n| n.len() == 18),
        "ID numbers are there"
    );
    let wal = dir.path().join("linli.db-wal");
    let files = |when: &str| {
        for f in [path.clone(), wal.clone(), dir.path().join("linli.db.key")] {
            let Ok(bytes) = std::fs::read(&f) else {
                continue;
            };
            let leaked = found_in(&bytes, &needles);
            assert!(
                leaked.is_empty(),
                "{when}: {} holds {leaked:?}",
                f.display()
            );
        }
    };
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 100_000,
        "the log holds the town"
    );
    files("open");

    // the same search finds them in a plain copy: the search itself can fail
    let plain = dir.path().join("plain.db");
    std::fs::File::create(&plain).unwrap();
    store
        .conn()
        .execute("ATTACH DATABASE ?1 AS p KEY ''", [plain.to_string_lossy()])
        .unwrap();
    store
        .conn()
        .execute_batch("SELECT sqlcipher_export('p'); DETACH DATABASE p;")
        .unwrap();
    assert_eq!(
        found_in(&std::fs::read(&plain).unwrap(), &needles).len(),
        needles.len()
    );
    std::fs::remove_file(&plain).unwrap();

    drop(store);
    files("closed");

    // the folder and the files are the owner's only
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        for f in [path.clone(), dir.path().join("linli.db.key")] {
            let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", f.display());
        }
        let sub = dir.path().join("new/folder/linli.db");
        drop(Store::open_with(&sub, &pin("135790")).unwrap());
        let mode = std::fs::metadata(sub.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}

#[test]
fn a_wrong_pin_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    let id = Store::open_with(&path, &pin("864200")).unwrap().device_id();
    let files = || {
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (p.clone(), std::fs::read(&p).unwrap())
            })
            .collect();
        names.sort();
        names
    };
    let before = files();
    let err = Store::open_with(&path, &pin("864201")).unwrap_err();
    assert!(matches!(err, linli_store::Error::WrongPin { .. }), "{err}");
    assert!(err.to_string().contains("PIN 不对"), "{err}");
    let api = linli_protocol::ApiError::from(err);
    assert_eq!(api.kind, linli_protocol::ErrorKind::Database);
    // no PIN at all: asked for, not guessed
    let none = KeySource::Device {
        keystore: false,
        pin: None,
    };
    let err = Store::open_with(&path, &none).unwrap_err();
    assert!(
        matches!(err, linli_store::Error::PinNeeded { first: false, .. }),
        "{err}"
    );
    assert_eq!(files(), before, "nothing changed");
    // the right one opens it, with everything in it
    assert_eq!(
        Store::open_with(&path, &pin("864200")).unwrap().device_id(),
        id
    );
    // a new database with no keystore and no PIN asks the worker to set one
    let err = Store::open_with(dir.path().join("b.db"), &none).unwrap_err();
    assert!(
        matches!(err, linli_store::Error::PinNeeded { first: true, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("设置"), "{err}");
}

#[test]
fn an_attachment_kept_before_encryption_still_reads_and_is_encrypted_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linli.db");
    let store = Store::open_with(&path, &pin("975310")).unwrap();
    let photo = [
        &[0xFF, 0xD8, 0xFF, 0xE0][..],
        "旧照片".repeat(100).as_bytes(),
    ]
    .concat();
    let hash = {
        use sha2::Digest as _;
        hex_lower(&sha2::Sha256::digest(&photo))
    };
    let file = store.blob_path(&hash).unwrap();
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, &photo).unwrap();
    // a plain file from before reads as it is
    assert_eq!(store.blob_bytes(&hash).unwrap(), photo);
    // an old laptop's file: the sweep on open has not run for it yet
    store
        .conn()
        .execute("DELETE FROM meta WHERE key = 'blobs_sealed'", [])
        .unwrap();
    drop(store);
    let store = Store::open_with(&path, &pin("975310")).unwrap();
    let raw = std::fs::read(&file).unwrap();
    assert_ne!(raw, photo);
    assert!(!String::from_utf8_lossy(&raw).contains("旧照片"));
    assert_eq!(store.blob_bytes(&hash).unwrap(), photo);
}

fn hex_lower(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
