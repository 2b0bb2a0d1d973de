//! Attachments: uploading the files the server lacks and fetching the ones this laptop lacks,
//! each checked against its hash; a failure leaves them for the next sync, never failing it.

use linli_protocol::sync::{BlobsMissing, BlobsQuery, MAX_BLOB_QUERY};
use linli_store::Store;

use crate::wire::{call, checked};
use crate::{BlobCall, Engine, Error, Report, Result, Transport};

impl<T: Transport> Engine<T> {
    /// Uploads the files of this laptop's attachments that the server lacks. A failure leaves
    /// them for the next sync and never fails this one.
    pub(crate) fn send_blobs(&mut self, store: &Store, token: &str, report: &mut Report) {
        let here = match store.blob_inventory() {
            Ok((here, _)) => here,
            Err(_) => return,
        };
        let unknown: Vec<String> = here
            .into_iter()
            .filter(|h| !self.uploaded.contains(h))
            .collect();
        let mut pending = 0u64;
        for chunk in unknown.chunks(MAX_BLOB_QUERY) {
            let answer: Result<BlobsMissing> = call(
                &mut self.transport,
                "/v1/blobs/missing",
                Some(token),
                &BlobsQuery {
                    hashes: chunk.to_vec(),
                },
                self.retry,
            );
            let Ok(answer) = answer else {
                pending += chunk.len() as u64;
                continue;
            };
            let missing: std::collections::HashSet<&String> = answer.missing.iter().collect();
            for h in chunk.iter().filter(|h| !missing.contains(h)) {
                self.uploaded.insert(h.clone());
            }
            for (i, h) in answer.missing.iter().enumerate() {
                let Ok(bytes) = store.blob_bytes(h) else {
                    pending += 1;
                    continue;
                };
                if sha256_hex(&bytes) != *h {
                    // the file here is damaged: it goes, and is fetched again after the pull
                    if let Ok(p) = store.blob_path(h) {
                        let _ = std::fs::remove_file(p);
                    }
                    pending += 1;
                    continue;
                }
                let sent = self
                    .transport
                    .blob(BlobCall {
                        hash: h.clone(),
                        token: token.to_owned(),
                        upload: Some(bytes),
                    })
                    .map_err(Error::Offline)
                    .and_then(checked);
                match sent {
                    Ok(_) => {
                        self.uploaded.insert(h.clone());
                        report.blobs_sent += 1;
                    }
                    Err(Error::Offline(_)) => {
                        // the rest of this chunk waits for the next sync
                        pending += (answer.missing.len() - i) as u64;
                        break;
                    }
                    Err(_) => pending += 1,
                }
            }
        }
        report.blobs_pending += pending;
    }

    /// Downloads the files of attachment rows whose bytes are not here, checking each against its
    /// hash before it is kept. A failure leaves them for the next sync and never fails this one.
    pub(crate) fn fetch_blobs(&mut self, store: &Store, token: &str, report: &mut Report) {
        let missing = match store.blob_inventory() {
            Ok((_, missing)) => missing,
            Err(_) => return,
        };
        for (i, h) in missing.iter().enumerate() {
            let got = self
                .transport
                .blob(BlobCall {
                    hash: h.clone(),
                    token: token.to_owned(),
                    upload: None,
                })
                .map_err(Error::Offline)
                .and_then(checked);
            match got {
                Ok(bytes) if keep_blob(store, h, &bytes).is_ok() => {
                    report.blobs_fetched += 1;
                }
                Err(Error::Offline(_)) => {
                    report.blobs_pending += (missing.len() - i) as u64;
                    break;
                }
                _ => report.blobs_pending += 1,
            }
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Keeps a fetched file durably: checked against its hash, then the store writes it (encrypted
/// with the database's key) to a temporary name, flushes it to the disk and renames it into place,
/// so a power cut leaves either no file or the whole one, and makes its thumbnail.
fn keep_blob(store: &Store, hash: &str, bytes: &[u8]) -> Result<()> {
    if sha256_hex(bytes) != hash {
        return Err(Error::Protocol(
            "收到的附件与校验值不符 (the file does not match its hash)".into(),
        ));
    }
    store.save_blob(hash, bytes)?;
    Ok(())
}
