//! The outbox (this device's journal entries the server has not acknowledged), the server's
//! acknowledgements and refusals, and the device's place in the server's numbering (its
//! sequence floor, a new device id after a copied file).

use linli_domain::{Hlc, Id};
use linli_protocol::sync::{Change, ChangeOutcome, PushResponse, RefuseReason};
use rusqlite::{params, OptionalExtension};

use super::{ACKED, CURSOR};
use crate::journal::{get_meta, meta_i64, now_ms, observe_in, set_meta, SEQ_FLOOR};
use crate::tables::TableKind;
use crate::{Result, Store};

impl Store {
    /// Up to `limit` of this device's journal entries the server has not acknowledged, in
    /// device-sequence order.
    pub fn outbox(&self, limit: usize) -> Result<Vec<Change>> {
        let acked = meta_i64(&self.conn, ACKED)?;
        let device = self.current_device_id()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT change_id, device_seq, hlc, author, scope_community, scope_grid, tbl, row_id,
                    fields, scope_place
             FROM journal WHERE device_id = ?1 AND device_seq > ?2 ORDER BY device_seq LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![device.to_string(), acked, limit as i64], |r| {
            let fields: String = r.get("fields")?;
            Ok((
                Change {
                    change_id: r.get("change_id")?,
                    device_id: device,
                    device_seq: r.get("device_seq")?,
                    hlc: r.get("hlc")?,
                    author: r.get("author")?,
                    scope_community: r.get("scope_community")?,
                    scope_grid: r.get("scope_grid")?,
                    table: r.get("tbl")?,
                    row_id: r.get("row_id")?,
                    fields: Default::default(),
                    scope_place: r.get("scope_place")?,
                },
                fields,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut change, fields) = row?;
            change.fields = serde_json::from_str(&fields)?;
            out.push(change);
        }
        Ok(out)
    }

    /// How many local changes wait for the server: this device's last sequence number less the
    /// last one the server acknowledged, a device's sequence being gapless (migration 0007).
    /// Counting the rows read every waiting change whole: 1.9 s on a laptop that made the
    /// 100,000-household town and never pushed it (866,612 changes), asked by 工作台 and 同步
    /// each time they open (issue 24).
    pub fn outbox_len(&self) -> Result<u64> {
        let acked = meta_i64(&self.conn, ACKED)?;
        let last: Option<i64> = self.conn.query_row(
            "SELECT max(device_seq) FROM journal WHERE device_id = ?1",
            params![self.current_device_id()?.to_string()],
            |r| r.get(0),
        )?;
        Ok(last.map_or(0, |last| (last - acked).max(0)) as u64)
    }

    /// Records the server's answer to a push of `sent`, in one transaction: refusals and review
    /// marks are kept, the acknowledged sequence moves past the batch, and the clock observes the
    /// server's time. An answer that does not match the batch changes nothing.
    pub fn acknowledge(&mut self, sent: &[Change], resp: &PushResponse) -> Result<()> {
        let device = self.current_device_id()?;
        let matches = sent.len() == resp.results.len()
            && sent
                .iter()
                .zip(&resp.results)
                .all(|(c, r)| c.device_seq == r.device_seq && c.device_id == device);
        if !matches {
            return Err(linli_domain::DomainError::coded(
                "results",
                linli_domain::msg::SYNC_RESULTS_MISMATCH,
                vec![],
            )
            .into());
        }
        let now = now_ms();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for (c, r) in sent.iter().zip(&resp.results) {
            match &r.outcome {
                ChangeOutcome::Accepted {
                    server_seq,
                    needs_review,
                } => {
                    if *needs_review {
                        tx.execute(
                            "INSERT OR IGNORE INTO sync_reviews (tbl, row_id, server_seq) VALUES (?1, ?2, ?3)",
                            params![c.table, c.row_id.to_string(), server_seq],
                        )?;
                    }
                }
                ChangeOutcome::Refused {
                    reason,
                    message,
                    code,
                    args,
                } => {
                    tx.execute(
                        "INSERT OR REPLACE INTO sync_refusals (device_seq, tbl, row_id, reason, message, at_ms, code, args)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![
                            c.device_seq,
                            c.table,
                            c.row_id.to_string(),
                            reason_code(*reason),
                            message,
                            now as i64,
                            code,
                            serde_json::to_string(args)?
                        ],
                    )?;
                }
            }
        }
        let top = sent.iter().map(|c| c.device_seq).max().unwrap_or(0);
        let acked = meta_i64(&tx, ACKED)?;
        set_meta(&tx, ACKED, &top.max(acked).to_string())?;
        observe_in(&mut self.clock, &tx, resp.server_time, now)?;
        tx.commit()?;
        Ok(())
    }

    /// The highest device sequence this laptop has journalled under its device id.
    pub fn last_device_seq(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(device_seq), 0) FROM journal WHERE device_id = ?1",
            [self.current_device_id()?.to_string()],
            |r| r.get(0),
        )?)
    }

    /// The highest of this device's own sequences a pull may leave out: the end of the unbroken
    /// run 1, 2, … of its own sequences its journal holds. Without a floor that run is the whole
    /// journal (this file numbered every one of them). A file restored from a backup (a power
    /// loss that took its `-wal`), or one that shared its device id with a copy, learned a floor
    /// at enrolment and may hold its own sequences with gaps (it holds 1 and 3 while a copy under
    /// the same id wrote 2): the pull leaves out only what is below the first gap, so the changes
    /// in the gaps come back even after it has numbered new ones above them.
    pub fn pull_own_seq(&self) -> Result<i64> {
        if get_meta(&self.conn, SEQ_FLOOR)?.is_none() {
            return self.last_device_seq();
        }
        Ok(self.conn.query_row(
            "SELECT CASE WHEN NOT EXISTS
                     (SELECT 1 FROM journal WHERE device_id = ?1 AND device_seq = 1) THEN 0
                 ELSE (SELECT min(j.device_seq) FROM journal j
                       WHERE j.device_id = ?1 AND NOT EXISTS
                         (SELECT 1 FROM journal k
                          WHERE k.device_id = ?1 AND k.device_seq = j.device_seq + 1))
                 END",
            [self.current_device_id()?.to_string()],
            |r| r.get(0),
        )?)
    }

    /// Notes the highest device sequence the server has accepted from this device id (enrolment
    /// answers it). A file restored from a backup is behind it: its next changes are numbered
    /// after it instead of reusing numbers the server holds, and its pulls bring back its own
    /// changes the backup lacks (they are above what its journal holds).
    pub fn note_server_seq(&mut self, last_seq: i64) -> Result<()> {
        if last_seq > self.last_device_seq()? {
            set_meta(&self.conn, SEQ_FLOOR, &last_seq.to_string())?;
        }
        Ok(())
    }

    /// Enrolment answered the highest sequence the server holds under this device id. A file
    /// behind it — restored from a backup, cut off by a power loss that took its `-wal`, or a
    /// copy whose twin pushed more — takes a new device id (as after a `seq_conflict`): its clock
    /// came back with the file and could stamp a new write with the very (HLC, device) of one it
    /// lost, and two different writes under one version would merge one way here and another on
    /// the server. Answers the new id when it took one; the next sync enrols it.
    pub fn catch_up_with_server(&mut self, last_seq: i64) -> Result<Option<Id>> {
        if last_seq <= self.last_device_seq()? {
            return Ok(None);
        }
        let acked = meta_i64(&self.conn, ACKED)?;
        self.take_new_device_id(&[], acked).map(Some)
    }

    /// Takes a new device id because the server holds other changes under this one's sequence
    /// numbers (the file was copied, or restored from a backup): the journal entries of the old
    /// id that the server has not acknowledged — those numbered in `conflicting`, and every one
    /// after `after` — move to the new id, numbered again from 1 with new change ids, and the
    /// outbox starts afresh, and the pull cursor goes back to the start (the other copy's changes
    /// under the old id were left out of this laptop's pulls). Nothing written on this laptop is
    /// lost; the caller enrols the new id.
    pub fn take_new_device_id(&mut self, conflicting: &[i64], after: i64) -> Result<Id> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let old: Id = get_meta(&tx, "device_id")?
            .and_then(|s| s.parse().ok())
            .unwrap_or(self.device_id);
        let new = Id::new();
        let mut seqs: Vec<i64> = {
            let mut stmt = tx.prepare(
                "SELECT device_seq FROM journal WHERE device_id = ?1 AND device_seq > ?2",
            )?;
            let rows = stmt.query_map(params![old.to_string(), after], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        seqs.extend_from_slice(conflicting);
        seqs.sort_unstable();
        seqs.dedup();
        let mut n = 0i64;
        for seq in seqs {
            let moved: Option<(String, String, String)> = tx
                .query_row(
                    "SELECT tbl, row_id, hlc FROM journal WHERE device_id = ?1 AND device_seq = ?2",
                    params![old.to_string(), seq],
                    |r| Ok((r.get("tbl")?, r.get("row_id")?, r.get("hlc")?)),
                )
                .optional()?;
            let Some((table, row, hlc)) = moved else {
                continue;
            };
            n += tx.execute(
                "UPDATE journal SET device_id = ?3, device_seq = ?4, change_id = ?5
                 WHERE device_id = ?1 AND device_seq = ?2",
                params![
                    old.to_string(),
                    seq,
                    new.to_string(),
                    n + 1,
                    Id::new().to_string()
                ],
            )? as i64;
            // The change now travels as the new id's: where the row's fields still hold its
            // version (it was not overwritten since), they hold it under the new id too, so this
            // laptop breaks a tie of equal clocks as the server will. (Two copies of a file share
            // their clock and can stamp one row with the same HLC; the greater device id wins.)
            if let Some(def) = crate::tables::table(&table) {
                if def.kind == TableKind::Entity {
                    let quoted = |device: Id| format!("\"{hlc} {device}\"");
                    tx.execute(
                        &format!(
                            "UPDATE \"{}\" SET _v = replace(_v, ?2, ?3) WHERE id = ?1",
                            def.name
                        ),
                        params![row, quoted(old), quoted(new)],
                    )?;
                }
            }
        }
        set_meta(&tx, "device_id", &new.to_string())?;
        set_meta(&tx, ACKED, "0")?;
        tx.execute("DELETE FROM meta WHERE key = ?1", [SEQ_FLOOR])?;
        // the other copy's changes under the old id were left out of this laptop's pulls as its
        // own: pull everything again (merging is idempotent, facts land once)
        set_meta(&tx, CURSOR, "0")?;
        tx.commit()?;
        self.device_id = new;
        Ok(new)
    }

    /// The server's time seen outside a push or pull answer (an error answer, say).
    pub fn observe_server_time(&mut self, remote: Hlc) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        observe_in(&mut self.clock, &tx, remote, now_ms())?;
        tx.commit()?;
        Ok(())
    }
}

fn reason_code(r: RefuseReason) -> &'static str {
    match r {
        RefuseReason::OutsideGrants => "outside_grants",
        RefuseReason::Invalid => "invalid",
        RefuseReason::SeqConflict => "seq_conflict",
    }
}
