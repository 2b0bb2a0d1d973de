//! The attachment files under `blobs/` are encrypted with the database's key (issue 16): each file
//! is sealed on its own (XChaCha20-Poly1305, its file name bound to it). A file kept before files
//! were encrypted still reads, and is sealed on the first open with a key.

use std::path::Path;

use crate::key;
use crate::Store;

impl Store {
    /// The bytes to write for a blob file named `name`: sealed with the key of a file store.
    pub(crate) fn blob_file_bytes(&self, name: &str, plain: &[u8]) -> Vec<u8> {
        match &self.key {
            Some(k) => key::seal(k, name, plain),
            None => plain.to_vec(),
        }
    }

    /// Reads a blob file (or thumbnail) and decrypts it; a plain one from before reads as it is.
    pub(crate) fn read_blob_file(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let bytes = std::fs::read(path)?;
        let name = file_name(path);
        match &self.key {
            Some(k) => key::open_sealed(k, &name, bytes).ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "文件无法用这台电脑的密钥解密 (does not decrypt with this laptop's key)",
                )
            }),
            None => Ok(bytes),
        }
    }

    /// Seals every plain file under `blobs/` (once per database: remembered in `meta`).
    pub(crate) fn seal_plain_blobs(&self) {
        let Some(k) = self.key else { return };
        let done = self
            .conn
            .query_row(
                "SELECT count(*) FROM meta WHERE key = 'blobs_sealed'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap_or(0);
        if done > 0 {
            return;
        }
        let Ok(dir) = self.blob_dir() else { return };
        let mut all_sealed = true;
        if dir.is_dir() {
            key::make_private(&dir);
            for sub in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let sub = sub.path();
                if !sub.is_dir() {
                    continue;
                }
                key::make_private(&sub);
                for f in std::fs::read_dir(&sub).into_iter().flatten().flatten() {
                    let f = f.path();
                    let name = file_name(&f);
                    if !f.is_file() || name.ends_with(".part") {
                        continue;
                    }
                    let Ok(bytes) = std::fs::read(&f) else {
                        all_sealed = false;
                        continue;
                    };
                    if key::is_sealed(&bytes) {
                        key::make_private(&f);
                        continue;
                    }
                    let sealed = key::seal(&k, &name, &bytes);
                    if key::write_private_atomic(&f, &sealed).is_err() {
                        all_sealed = false;
                    }
                }
            }
        }
        if all_sealed {
            let _ = self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('blobs_sealed', '1')",
                [],
            );
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
