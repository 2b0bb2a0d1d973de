//! The one merge engine of a push, with no I/O: idempotency, the checks, scope, floors, the
//! per-field merge, stamping and the place tree's upkeep. A backend loads what a batch touches
//! ([`Keys`] → [`Loaded`]), runs every push of the batch through one [`Engine`], and writes what
//! it answers ([`Written`]) in one transaction.

use std::collections::HashMap;

use linli_domain::merge::{wins, Version, Versioned};
use linli_domain::msg;
use linli_domain::Id;
use linli_protocol::erasure::SERVER_DEVICE;
use linli_protocol::schema::{self, SyncedTable, TableKind};
use linli_protocol::sync::{Change, ChangeOutcome, ChangeResult, PushRequest, RefuseReason};

use crate::db::DeviceAuth;
use crate::scope::{self, Existing, Refusal, Share, Sight, Tree};

/// How far ahead of the server's clock a change may be stamped: one day.
pub(crate) const MAX_CLOCK_AHEAD_MS: u64 = 86_400_000;

/// A change already in the log under (device, device seq).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Done {
    pub(crate) server_seq: i64,
    pub(crate) needs_review: bool,
    pub(crate) change_id: Option<Id>,
}

/// What a batch reads before it merges: everything its devices' sequences, rows and floor
/// accounts have in the database, and the county's place tree.
#[derive(Default)]
pub(crate) struct Loaded {
    /// The county's last server sequence.
    pub(crate) last_seq: i64,
    pub(crate) done: HashMap<(Id, i64), Done>,
    /// (device, device seq) → the change id refused under it
    pub(crate) refused: HashMap<(Id, i64), Id>,
    pub(crate) scopes: HashMap<(String, Id), Existing>,
    pub(crate) fields: HashMap<(String, Id, String), Versioned>,
    pub(crate) balances: HashMap<(String, String), i64>,
    pub(crate) tree: Tree,
    /// The shares of the batch's rows of shared tables ([`scope::SHARED_BY`]).
    pub(crate) shares: HashMap<(String, Id), Vec<Share>>,
    /// The stored change bodies of those rows, in server order (the server's replays left out):
    /// what a place newly shared with is sent again.
    pub(crate) bodies: HashMap<(String, Id), Vec<String>>,
}

/// A log entry to insert.
#[derive(Debug, Clone)]
pub(crate) struct Logged {
    pub(crate) server_seq: i64,
    pub(crate) device_id: Id,
    pub(crate) device_seq: i64,
    pub(crate) table: String,
    pub(crate) row_id: Id,
    pub(crate) scope_place: Id,
    pub(crate) needs_review: bool,
    /// The stored change as JSON, its author set.
    pub(crate) body: String,
}

/// What a batch writes back, each keyed so that one statement touches a row once.
#[derive(Default)]
pub(crate) struct Written {
    pub(crate) last_seq: i64,
    pub(crate) log: Vec<Logged>,
    /// (device, device seq, change id) of the changes refused, each number once
    pub(crate) refused: Vec<(Id, i64, Id)>,
    /// (table, row) → (scope place, fact)
    pub(crate) scopes: HashMap<(String, Id), (Id, bool)>,
    pub(crate) fields: HashMap<(String, Id, String), Versioned>,
    pub(crate) balances: HashMap<(String, String), i64>,
    /// place → merged parent
    pub(crate) places: HashMap<Id, Option<Id>>,
    /// (table, row) → its shares as they now stand, for the rows whose shares changed
    pub(crate) shares: HashMap<(String, Id), Vec<Share>>,
}

impl Written {
    /// Whether the batch stamped anything.
    pub(crate) fn stamped(&self) -> bool {
        !self.log.is_empty()
    }
}

/// The keys a batch's reads look up.
#[derive(Default, Debug)]
pub(crate) struct Keys {
    /// (device, device seq) of each change sent by its own device
    pub(crate) seqs: Vec<(Id, i64)>,
    pub(crate) rows: Vec<(String, Id)>,
    /// (table, account) of each floor fact
    pub(crate) accounts: Vec<(String, String)>,
}

impl Keys {
    pub(crate) fn of<'a>(
        batch: impl IntoIterator<Item = (&'a DeviceAuth, &'a PushRequest)>,
    ) -> Keys {
        let mut k = Keys::default();
        for (auth, req) in batch {
            for c in &req.changes {
                // only a device's own log answers its retries
                if c.device_id == auth.device_id {
                    k.seqs.push((c.device_id, c.device_seq));
                }
                k.rows.push((c.table.clone(), c.row_id));
                if let Some(Ok((account, _))) = scope::floor_parts(c) {
                    k.accounts.push((c.table.clone(), account));
                }
            }
        }
        k
    }
}

/// The merge of one batch: its state as loaded and changed so far.
pub(crate) struct Engine {
    s: Loaded,
    out: Written,
    now_ms: u64,
}

fn refused(r: Refusal, seq: i64) -> ChangeResult {
    ChangeResult {
        device_seq: seq,
        outcome: ChangeOutcome::Refused {
            reason: r.reason,
            message: r.message(),
            code: Some(r.msg.code.to_owned()),
            args: r.args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        },
    }
}

/// A change's fields against its table: the protocol's one rule (`schema::field_problem`), each
/// problem answered with its catalogue code.
fn check_fields(table: &SyncedTable, c: &Change) -> Result<(), Refusal> {
    use schema::{FieldProblem, ValueProblem};
    let t = ("table", table.name.to_owned());
    let Some(problem) = schema::field_problem(table, c.fields.iter()) else {
        return Ok(());
    };
    Err(match problem {
        FieldProblem::TooMany => scope::invalid(
            msg::REFUSED_TOO_MANY_FIELDS,
            vec![t, ("max", schema::MAX_FIELDS.to_string())],
        ),
        FieldProblem::NoSuchField(name) => {
            scope::invalid(msg::REFUSED_NO_SUCH_FIELD, vec![t, ("field", name)])
        }
        FieldProblem::Value(name, why) => {
            let m = match why {
                ValueProblem::Null => msg::REFUSED_FIELD_NULL,
                ValueProblem::NotText => msg::REFUSED_FIELD_TEXT,
                ValueProblem::NotInt => msg::REFUSED_FIELD_INT,
            };
            scope::invalid(m, vec![t, ("field", name)])
        }
        FieldProblem::TooLong(name, len) => scope::invalid(
            msg::REFUSED_FIELD_TOO_LONG,
            vec![t, ("field", name), ("bytes", len.to_string())],
        ),
    })
}

/// The checks of a change that need nothing stored: its clock, its table and values, and whether
/// the client calls it a fact as the server does. Answers the table's kind.
fn check_change(c: &Change, claims_fact: bool, now_ms: u64) -> Result<TableKind, Refusal> {
    if c.hlc.ms > now_ms.saturating_add(MAX_CLOCK_AHEAD_MS) {
        return Err(scope::invalid(msg::REFUSED_CLOCK_AHEAD, vec![]));
    }
    let Some(table) = schema::server_table(&c.table) else {
        return Err(scope::invalid(
            msg::REFUSED_NOT_SYNCED_TABLE,
            vec![("table", c.table.clone())],
        ));
    };
    if c.fields.is_empty() {
        return Err(scope::invalid(
            msg::REFUSED_NO_FIELDS,
            vec![("table", c.table.clone())],
        ));
    }
    check_fields(table, c)?;
    let fact = table.kind == TableKind::Fact;
    if claims_fact != fact {
        let m = if fact {
            msg::REFUSED_FACT_AS_ENTITY
        } else {
            msg::REFUSED_ENTITY_AS_FACT
        };
        return Err(scope::invalid(m, vec![("table", c.table.clone())]));
    }
    Ok(table.kind)
}

/// A reveal as the server records it: `seen_by`/`seen_name` the authenticated user and `seen_at` the server's
/// time (the one stamp format, in UTC: "YYYY-MM-DDTHH:MM:SS+00:00"), whatever the laptop sent in
/// them; the laptop's own `author` and `at` are kept as its claim.
fn stamp_reveal(c: &Change, auth: &DeviceAuth, now_ms: u64) -> Change {
    let mut c = c.clone();
    c.fields.insert(
        "seen_by".into(),
        serde_json::Value::from(auth.user_id.to_string()),
    );
    c.fields.insert(
        "seen_name".into(),
        serde_json::Value::from(auth.user.clone()),
    );
    c.fields.insert(
        "seen_at".into(),
        serde_json::Value::from(linli_domain::now::Now::at(now_ms, 0).stamp()),
    );
    c
}

impl Engine {
    pub(crate) fn new(loaded: Loaded, now_ms: u64) -> Engine {
        let out = Written {
            last_seq: loaded.last_seq,
            ..Written::default()
        };
        Engine {
            s: loaded,
            out,
            now_ms,
        }
    }

    /// What the batch writes.
    pub(crate) fn finish(self) -> Written {
        self.out
    }

    /// Merges one push, as if it were alone after the ones before it in the batch.
    pub(crate) fn push(&mut self, auth: &DeviceAuth, req: &PushRequest) -> Vec<ChangeResult> {
        let mut sight = Sight::of(&self.s.tree, auth);
        let mut out = Vec::with_capacity(req.changes.len());
        // after a conflict, the rest of the device's batch is numbered after it: none of it is
        // stored under this device id, so the copy that keeps the id misses nothing of it
        let mut conflicted = false;
        for c in &req.changes {
            let mine = c.device_id == auth.device_id;
            // a retry is answered from the log; the same sequence with another change is a
            // copied or restored laptop file, never silently "accepted"
            if let Some(done) = mine
                .then(|| self.s.done.get(&(c.device_id, c.device_seq)))
                .flatten()
            {
                let same = done.change_id.is_none_or(|id| id == c.change_id);
                conflicted |= !same;
                out.push(if same {
                    ChangeResult {
                        device_seq: c.device_seq,
                        outcome: ChangeOutcome::Accepted {
                            server_seq: done.server_seq,
                            needs_review: done.needs_review,
                        },
                    }
                } else {
                    refused(
                        Refusal {
                            reason: RefuseReason::SeqConflict,
                            msg: msg::REFUSED_SEQ_TAKEN,
                            args: vec![("seq", c.device_seq.to_string())],
                        },
                        c.device_seq,
                    )
                });
                continue;
            }
            // a number whose change was refused is taken too
            if mine
                && self
                    .s
                    .refused
                    .get(&(c.device_id, c.device_seq))
                    .is_some_and(|id| *id != c.change_id)
            {
                conflicted = true;
            }
            if mine && conflicted {
                out.push(refused(
                    Refusal {
                        reason: RefuseReason::SeqConflict,
                        msg: msg::REFUSED_SEQ_EARLIER,
                        args: vec![],
                    },
                    c.device_seq,
                ));
                continue;
            }
            match self.merge_one(auth, &sight, c, req.fact_tables.contains(&c.table)) {
                Ok((server_seq, needs_review)) => {
                    if c.table == "places" {
                        sight = Sight::of(&self.s.tree, auth);
                    }
                    out.push(ChangeResult {
                        device_seq: c.device_seq,
                        outcome: ChangeOutcome::Accepted {
                            server_seq,
                            needs_review,
                        },
                    });
                }
                Err(r) => {
                    let key = (c.device_id, c.device_seq);
                    if mine && c.device_seq >= 1 && !self.s.refused.contains_key(&key) {
                        self.s.refused.insert(key, c.change_id);
                        self.out
                            .refused
                            .push((c.device_id, c.device_seq, c.change_id));
                    }
                    out.push(refused(r, c.device_seq));
                }
            }
        }
        out
    }

    /// Checks, merges and stamps one change; answers its server sequence and review mark.
    fn merge_one(
        &mut self,
        auth: &DeviceAuth,
        sight: &Sight,
        c: &Change,
        claims_fact: bool,
    ) -> Result<(i64, bool), Refusal> {
        let kind = check_change(c, claims_fact, self.now_ms)?;
        let is_fact = kind == TableKind::Fact;
        let key = (c.table.clone(), c.row_id);
        // A fact sent again unchanged — a laptop that took a new device id after a seq_conflict
        // re-sends what it could not know was accepted — is accepted and changes nothing: no
        // field, no floor account, no scope. It is checked like a new row (device, names, sight)
        // and must name the place it is filed under; anything else about it is refused below.
        if is_fact && self.resends_stored_fact(c) {
            let place = scope::check(auth, &self.s.tree, sight, c, is_fact, None)?;
            if self.s.scopes.get(&key).and_then(|e| e.scope) == Some(place) {
                return Ok((self.log(auth, c, place, false), false));
            }
        }
        // a reveal is stamped on arrival (after the resend check: a
        // resent reveal keeps its first stamp) with who pushed it and the server's time
        let stamped;
        let c = if c.table == "reveals" {
            stamped = stamp_reveal(c, auth, self.now_ms);
            &stamped
        } else {
            c
        };
        // fields by role: a restricted user's care tags keep the sensitive ones it never saw
        let kept;
        let c = match crate::privacy::on_push(auth.role, c, || self.stored(c, "care_tags")) {
            Some(k) => {
                kept = k;
                &kept
            }
            None => c,
        };
        let place = scope::check(
            auth,
            &self.s.tree,
            sight,
            c,
            is_fact,
            self.s.scopes.get(&key),
        )?;
        let mut needs_review = false;
        if is_fact {
            if let Some(parts) = scope::floor_parts(c) {
                let (account, delta) = parts?;
                let k = (c.table.clone(), account);
                let after = self
                    .s
                    .balances
                    .get(&k)
                    .copied()
                    .unwrap_or(0)
                    .saturating_add(delta);
                needs_review = delta < 0 && after < 0;
                self.s.balances.insert(k.clone(), after);
                self.out.balances.insert(k, after);
            }
        }
        // the row's scope: a new row is filed here; a stored one keeps its fact flag
        let fact = self.s.scopes.get(&key).map_or(is_fact, |e| e.fact);
        self.s.scopes.insert(
            key.clone(),
            Existing {
                scope: Some(place),
                fact,
            },
        );
        self.out.scopes.insert(key, (place, fact));
        let version = Version {
            hlc: c.hlc,
            device: c.device_id,
        };
        for (field, value) in &c.fields {
            let incoming = Versioned {
                version,
                value: value.to_string(),
            };
            let k = (c.table.clone(), c.row_id, field.clone());
            if wins(&incoming, self.s.fields.get(&k)) {
                self.s.fields.insert(k.clone(), incoming.clone());
                self.out.fields.insert(k, incoming);
            }
        }
        if c.table == "places" {
            // the tree learns this place's parent as merged, change by change
            let merged = self
                .s
                .fields
                .get(&(c.table.clone(), c.row_id, "parent_id".to_owned()));
            let parent = scope::parent_of_value(merged.map(|v| v.value.as_str()))
                .and_then(|p| p.parse::<Id>().ok());
            self.s.tree.parent.insert(c.row_id, parent);
            self.out.places.insert(c.row_id, parent);
        }
        let seq = self.log(auth, c, place, needs_review);
        self.reshare(c, place, seq);
        Ok((seq, needs_review))
    }

    /// After a change of a shared table merged (logged as `seq`, its row filed under `home`): its
    /// shares follow the merged list ([`scope::reshare`]), and each place newly shared with gets
    /// every earlier change of the row logged again, filed under that place, by the server — the
    /// stored bodies as they are, so a laptop merges them as the server did, per field, and keeps
    /// them once in its journal (they carry their own device and sequence). The change itself
    /// reaches the place through the share.
    fn reshare(&mut self, c: &Change, home: Id, seq: i64) {
        let Some(field) = scope::share_field(&c.table) else {
            return;
        };
        let key = (c.table.clone(), c.row_id);
        let listed = scope::listed_places(self.stored(c, field));
        let old = self.s.shares.get(&key).cloned().unwrap_or_default();
        let (added, now) = scope::reshare(home, &old, &listed, seq);
        let earlier = self.s.bodies.get(&key).cloned().unwrap_or_default();
        for place in added {
            for body in &earlier {
                self.out.last_seq += 1;
                let server_seq = self.out.last_seq;
                self.out.log.push(Logged {
                    server_seq,
                    device_id: SERVER_DEVICE,
                    device_seq: server_seq,
                    table: c.table.clone(),
                    row_id: c.row_id,
                    scope_place: place,
                    needs_review: false,
                    body: body.clone(),
                });
            }
        }
        if let Some(e) = self.out.log.iter().rev().find(|e| e.server_seq == seq) {
            let body = e.body.clone();
            self.s.bodies.entry(key.clone()).or_default().push(body);
        }
        if now != old {
            self.s.shares.insert(key.clone(), now.clone());
            self.out.shares.insert(key, now);
        }
    }

    /// The merged value of a field of `c`'s row, as JSON text.
    fn stored(&self, c: &Change, field: &str) -> Option<&str> {
        self.s
            .fields
            .get(&(c.table.clone(), c.row_id, field.to_owned()))
            .map(|v| v.value.as_str())
    }

    /// Whether `c` re-sends a stored fact unchanged: every field it names holds the same value
    /// on the server already.
    // the stored value is JSON text: `Value == String` would compare it as a JSON string
    #[allow(clippy::cmp_owned)]
    fn resends_stored_fact(&self, c: &Change) -> bool {
        self.s
            .scopes
            .get(&(c.table.clone(), c.row_id))
            .is_some_and(|e| e.fact)
            && c.fields.iter().all(|(f, v)| {
                self.s
                    .fields
                    .get(&(c.table.clone(), c.row_id, f.clone()))
                    .is_some_and(|stored| stored.value == v.to_string())
            })
    }

    /// Logs an accepted change under the next server sequence and remembers its (device, seq);
    /// answers the sequence.
    fn log(&mut self, auth: &DeviceAuth, c: &Change, place: Id, needs_review: bool) -> i64 {
        self.out.last_seq += 1;
        let server_seq = self.out.last_seq;
        let mut stored = c.clone();
        stored.author = Some(auth.user_id);
        self.out.log.push(Logged {
            server_seq,
            device_id: c.device_id,
            device_seq: c.device_seq,
            table: c.table.clone(),
            row_id: c.row_id,
            scope_place: place,
            needs_review,
            body: serde_json::to_string(&stored).unwrap_or_default(),
        });
        self.s.done.insert(
            (c.device_id, c.device_seq),
            Done {
                server_seq,
                needs_review,
                change_id: Some(c.change_id),
            },
        );
        server_seq
    }
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
