//! Erasure and retention (issue 16 item 5, PIPL art. 19 and 47): `linli admin erase --resident
//! ID` and `linli admin purge --moved-out-before DATE` replace a resident's personal fields
//! (`linli_protocol::erasure`: the one list) with tombstones in the server's log — the stored
//! change bodies — and its merged state, log a [`Redaction`] for every row rewritten so that
//! laptops rewrite their rows and journals when they pull, and record the action in the audit
//! log, all in one transaction. A laptop enrolled afterwards pulls the rewritten log and never
//! sees the old values.
//!
//! Rows rewritten: the resident's own row, a volunteer row linked to the resident
//! (`volunteers.resident_id`: its copies of the name and phone) with that volunteer's party member
//! record (`party_members`: employer and pledges), and every visit whose
//! `member_updates` said something about the resident (a phone, care tags, a note).
//!
//! A push arriving later with an edit made before the erasure is **redacted on arrival**
//! (`on_arrival`): the personal fields of an erased row are replaced by their tombstones before
//! the merge, so the old value never reaches the log again; the rest of the change applies; and
//! a redaction of what was replaced is logged, so the laptop that pushed it (which does not pull
//! its own changes) rewrites its copy too.
//!
//! Each backend loads and writes (`sqlite/erase.rs`, `postgres/erase.rs`); what to rewrite and
//! how is decided here, once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::future::Future;

use linli_domain::{Hlc, Id};
use linli_protocol::erasure::{self, Holder, Redaction, REDACTIONS, SERVER_DEVICE};
use linli_protocol::sync::{Change, PushRequest};
use serde::Serialize;
use serde_json::Value;

use crate::db::DeviceAuth;
use crate::{Error, Result};

/// Whom to erase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Which {
    /// These residents (`linli admin erase --resident ID`).
    Residents(Vec<Id>),
    /// Every resident who moved out (`residents.moved_out`, or their household's `moved_out`
    /// when the resident has none) before this day, `YYYY-MM-DD` (`linli admin purge`).
    MovedOutBefore(String),
    /// These outsider parties of mediation cases (`linli admin erase --party ID`): their name,
    /// gender, age, phone, address and unit. A resident party follows its resident's erasure.
    MediationParties(Vec<Id>),
}

/// One row rewritten and which of its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasedRow {
    pub table: String,
    pub row_id: Id,
    pub fields: Vec<String>,
}

/// What an erasure changed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ErasureReport {
    pub county: String,
    /// The residents erased.
    pub residents: Vec<Id>,
    /// The rows whose merged state or log entries were rewritten.
    pub rows: Vec<ErasedRow>,
    /// Log entries (stored change bodies) rewritten.
    pub log_entries: u64,
    /// Redactions logged for laptops.
    pub redactions: u64,
}

/// Erasure on a backend. Every method is one transaction.
pub trait Erase: Send + Sync + 'static {
    /// Erases `which` residents of `county` (see the module) and appends `resident.erase` or
    /// `resident.purge` by `actor` to the audit log in the same transaction. Erasing a resident
    /// the server does not hold is [`Error::NotFound`] and changes nothing; erasing one again
    /// rewrites nothing more.
    fn erase(
        &self,
        county: String,
        which: Which,
        actor: String,
    ) -> impl Future<Output = Result<ErasureReport>> + Send;

    /// Appends redactions (scope, redaction) to the log of `county`, after everything in it:
    /// what a push redacted on arrival, so that the laptop that pushed it rewrites its own copy
    /// when it pulls. Answers how many.
    fn log_redactions(
        &self,
        county: String,
        items: Vec<(Option<Id>, Redaction)>,
    ) -> impl Future<Output = Result<u64>> + Send;

    /// Of `keys` (table, row id), those erased in `county`.
    fn erased_among(
        &self,
        county: String,
        keys: Vec<(String, Id)>,
    ) -> impl Future<Output = Result<BTreeSet<(String, Id)>>> + Send;
}

impl Erase for crate::AnyDb {
    async fn erase(&self, county: String, which: Which, actor: String) -> Result<ErasureReport> {
        match self {
            crate::AnyDb::Sqlite(db) => db.erase(county, which, actor).await,
            crate::AnyDb::Postgres(db) => db.erase(county, which, actor).await,
        }
    }

    async fn log_redactions(
        &self,
        county: String,
        items: Vec<(Option<Id>, Redaction)>,
    ) -> Result<u64> {
        match self {
            crate::AnyDb::Sqlite(db) => db.log_redactions(county, items).await,
            crate::AnyDb::Postgres(db) => db.log_redactions(county, items).await,
        }
    }

    async fn erased_among(
        &self,
        county: String,
        keys: Vec<(String, Id)>,
    ) -> Result<BTreeSet<(String, Id)>> {
        match self {
            crate::AnyDb::Sqlite(db) => db.erased_among(county, keys).await,
            crate::AnyDb::Postgres(db) => db.erased_among(county, keys).await,
        }
    }
}

/// The tables whose rows an erasure may rewrite.
pub(crate) const TABLES: &[&str] = &[
    "residents",
    "volunteers",
    "party_members",
    "visits",
    "mediation_parties",
];

/// Checks a `YYYY-MM-DD` day.
pub fn check_day(day: &str) -> Result<()> {
    let ok = day.len() == 10 && {
        let p: Vec<&str> = day.split('-').collect();
        p.len() == 3
            && match (p[0].parse(), p[1].parse(), p[2].parse()) {
                (Ok(y), Ok(m), Ok(d)) => linli_domain::date::is_valid(y, m, d),
                _ => false,
            }
    };
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "日期“{day}”无效，请写成 YYYY-MM-DD (a date is YYYY-MM-DD)"
        )))
    }
}

/// A JSON text of a field's value as a string, if it is one.
pub(crate) fn text_of(json: &str) -> Option<String> {
    match serde_json::from_str(json) {
        Ok(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// The residents who moved out before `before`: `residents` is (row, its `moved_out`, its
/// `household_id`), `households` the households' `moved_out`.
pub(crate) fn moved_out_before(
    residents: Vec<(Id, Option<String>, Option<String>)>,
    households: &HashMap<String, String>,
    before: &str,
) -> Vec<Id> {
    residents
        .into_iter()
        .filter(|(_, own, household)| {
            let left = own
                .clone()
                .filter(|d| !d.is_empty())
                .or_else(|| household.as_ref().and_then(|h| households.get(h).cloned()));
            left.is_some_and(|d| !d.is_empty() && d.as_str() < before)
        })
        .map(|(id, _, _)| id)
        .collect()
}

/// What one erasure rewrites, gathered while the backend loads: the rows, their new values,
/// the scopes their log entries were filed under.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub erased: BTreeSet<Id>,
    pub targets: BTreeMap<(String, Id), Holder>,
    rows: BTreeMap<(String, Id), Acc>,
    log_entries: u64,
}

#[derive(Debug, Default)]
struct Acc {
    fields: BTreeSet<String>,
    /// The tombstones a laptop sets (for a visit, the rewritten `member_updates`).
    set: BTreeMap<String, Value>,
    scopes: BTreeSet<Option<Id>>,
}

impl Plan {
    /// A plan for these residents, with the volunteer rows linked to them (`volunteers`: row and
    /// the JSON of its `resident_id`) and the visits whose `member_updates` (JSON of the text)
    /// name them.
    pub fn new(
        erased: BTreeSet<Id>,
        volunteers: Vec<(Id, String)>,
        party_members: Vec<(Id, String)>,
        visits: Vec<(Id, String)>,
        mediation_parties: &[(Id, String)],
    ) -> Plan {
        let mut targets = BTreeMap::new();
        for r in &erased {
            targets.insert(("residents".to_owned(), *r), Holder::Linked);
        }
        for (row, json) in volunteers {
            if text_of(&json)
                .and_then(|s| s.parse::<Id>().ok())
                .is_some_and(|r| erased.contains(&r))
            {
                targets.insert(("volunteers".to_owned(), row), Holder::Linked);
            }
        }
        for (row, json) in party_members {
            if text_of(&json)
                .and_then(|s| s.parse::<Id>().ok())
                .is_some_and(|v| targets.contains_key(&("volunteers".to_owned(), v)))
            {
                targets.insert(("party_members".to_owned(), row), Holder::Linked);
            }
        }
        for (row, json) in visits {
            let names = text_of(&json)
                .map(|t| erasure::member_update_residents(&t))
                .unwrap_or_default();
            if names.iter().any(|r| erased.contains(r)) {
                targets.insert(("visits".to_owned(), row), Holder::Other);
            }
        }
        // a resident's party in a mediation case: the row's own copy (its unit) goes too
        for (row, json) in mediation_parties {
            if text_of(json)
                .and_then(|s| s.parse::<Id>().ok())
                .is_some_and(|r| erased.contains(&r))
            {
                targets.insert(("mediation_parties".to_owned(), *row), Holder::Linked);
            }
        }
        Plan {
            erased,
            targets,
            ..Plan::default()
        }
    }

    /// The mediation parties `which` names, each one the server holds (`mediation_parties`:
    /// every party row and the JSON of its `resident_id`), as targets.
    pub fn add_parties(&mut self, which: &Which, mediation_parties: &[(Id, String)]) -> Result<()> {
        let Which::MediationParties(ids) = which else {
            return Ok(());
        };
        for id in ids {
            if !mediation_parties.iter().any(|(row, _)| row == id) {
                return Err(Error::NotFound(format!(
                    "调解当事人 {id} 不在服务器上 (no such mediation party on the server)"
                )));
            }
            self.targets
                .insert(("mediation_parties".to_owned(), *id), Holder::Linked);
        }
        Ok(())
    }

    /// A target row's merged fields (field → JSON text): answers the fields to write back
    /// (field → new JSON text), and notes what a laptop must set.
    pub fn merged(
        &mut self,
        table: &str,
        row: Id,
        fields: Vec<(String, String)>,
    ) -> Result<Vec<(String, String)>> {
        let key = (table.to_owned(), row);
        let Some(&holder) = self.targets.get(&key) else {
            return Ok(Vec::new());
        };
        let mut map = BTreeMap::new();
        for (f, v) in fields {
            map.insert(f, serde_json::from_str::<Value>(&v)?);
        }
        let changed = erasure::redact_fields(table, holder, &self.erased, &mut map);
        let acc = self.rows.entry(key).or_default();
        // every personal field the row holds, changed now or already a tombstone, so that a
        // laptop that missed an earlier erasure still gets all of them
        let listed = match holder {
            Holder::Linked => erasure::linked_fields(table),
            Holder::Other => &[],
        };
        for (f, _) in listed {
            if let Some(v) = map.get(*f) {
                acc.set.insert((*f).to_owned(), v.clone());
            }
        }
        if table == "visits" {
            if let Some(v) = map.get("member_updates") {
                acc.set.insert("member_updates".to_owned(), v.clone());
            }
        }
        acc.fields.extend(changed.iter().cloned());
        changed
            .into_iter()
            .map(|f| Ok((f.clone(), serde_json::to_string(&map[&f])?)))
            .collect()
    }

    /// A log entry of `table`: the rewritten body if it is a target's and held a personal
    /// value.
    pub fn log_body(
        &mut self,
        table: &str,
        row: Id,
        scope: Option<Id>,
        body: &str,
    ) -> Result<Option<String>> {
        let key = (table.to_owned(), row);
        let Some(&holder) = self.targets.get(&key) else {
            return Ok(None);
        };
        let acc = self.rows.entry(key).or_default();
        acc.scopes.insert(scope);
        let mut change: Change = serde_json::from_str(body)?;
        let changed = erasure::redact_fields(table, holder, &self.erased, &mut change.fields);
        if changed.is_empty() {
            return Ok(None);
        }
        acc.fields.extend(changed);
        self.log_entries += 1;
        Ok(Some(serde_json::to_string(&change)?))
    }

    /// The redactions to log, from server sequence `after + 1` on: one per rewritten row and
    /// scope its entries were filed under, so every laptop that pulled any of them pulls it.
    /// Answers (server seq, scope, body).
    pub fn redactions(&self, after: i64, now_ms: i64) -> Result<Vec<(i64, Option<Id>, String)>> {
        let mut items = Vec::new();
        for ((table, row), acc) in &self.rows {
            if acc.fields.is_empty() || acc.set.is_empty() {
                continue;
            }
            let r = Redaction {
                table: table.clone(),
                row_id: *row,
                set: acc.set.clone(),
            };
            for scope in &acc.scopes {
                items.push((*scope, r.clone()));
            }
        }
        redaction_changes(after, now_ms, &items)
    }

    /// The report, once the redactions are logged.
    pub fn report(&self, county: &str, redactions: u64) -> ErasureReport {
        ErasureReport {
            county: county.to_owned(),
            residents: self.erased.iter().copied().collect(),
            rows: self
                .rows
                .iter()
                .filter(|(_, a)| !a.fields.is_empty())
                .map(|((t, r), a)| ErasedRow {
                    table: t.clone(),
                    row_id: *r,
                    fields: a.fields.iter().cloned().collect(),
                })
                .collect(),
            log_entries: self.log_entries,
            redactions,
        }
    }
}

/// The log entries of `items` (scope, redaction) from server sequence `after + 1` on: (server
/// seq, scope, body), each a change of [`REDACTIONS`] by [`SERVER_DEVICE`].
pub(crate) fn redaction_changes(
    after: i64,
    now_ms: i64,
    items: &[(Option<Id>, Redaction)],
) -> Result<Vec<(i64, Option<Id>, String)>> {
    let mut out = Vec::new();
    for (scope, r) in items {
        let seq = after + out.len() as i64 + 1;
        let change = Change {
            change_id: Id::new(),
            device_id: SERVER_DEVICE,
            device_seq: seq,
            hlc: Hlc::new(now_ms.max(0) as u64, 0),
            author: None,
            scope_community: None,
            scope_grid: None,
            scope_place: *scope,
            table: REDACTIONS.to_owned(),
            row_id: Id::new(),
            fields: r.to_fields(),
        };
        out.push((seq, *scope, serde_json::to_string(&change)?));
    }
    Ok(out)
}

/// The audit row of an erasure.
pub(crate) fn audit_entry(
    which: &Which,
    report: &ErasureReport,
    actor: String,
    now_ms: i64,
) -> crate::AuditEntry {
    let (action, target) = match which {
        Which::Residents(ids) => (
            "resident.erase",
            ids.iter().map(Id::to_string).collect::<Vec<_>>().join(" "),
        ),
        Which::MovedOutBefore(day) => ("resident.purge", format!("moved-out-before {day}")),
        Which::MediationParties(ids) => (
            "mediation_party.erase",
            ids.iter().map(Id::to_string).collect::<Vec<_>>().join(" "),
        ),
    };
    let fields: BTreeSet<&str> = report
        .rows
        .iter()
        .flat_map(|r| r.fields.iter().map(String::as_str))
        .collect();
    crate::AuditEntry {
        at_ms: now_ms,
        actor,
        action: action.to_owned(),
        county: report.county.clone(),
        target,
        detail: format!(
            "residents={} rows={} log_entries={} redactions={} fields={}",
            report.residents.len(),
            report.rows.len(),
            report.log_entries,
            report.redactions,
            fields.into_iter().collect::<Vec<_>>().join(",")
        ),
    }
}

/// The keys a push names that may be erased: its residents and volunteers rows, the residents
/// its volunteers link and its visits speak about.
fn arrival_keys(req: &PushRequest) -> Vec<(String, Id)> {
    let mut keys = BTreeSet::new();
    for c in &req.changes {
        match c.table.as_str() {
            "residents" | "volunteers" | "party_members" | "mediation_parties" => {
                keys.insert((c.table.clone(), c.row_id));
            }
            _ => {}
        }
        if c.table == "volunteers" {
            if let Some(r) = c.fields.get("resident_id").and_then(Value::as_str) {
                if let Ok(r) = r.parse() {
                    keys.insert(("residents".to_owned(), r));
                }
            }
        }
        if c.table == "visits" {
            if let Some(t) = c.fields.get("member_updates").and_then(Value::as_str) {
                for r in erasure::member_update_residents(t) {
                    keys.insert(("residents".to_owned(), r));
                }
            }
        }
    }
    keys.into_iter().collect()
}

/// Redacts a push on arrival: an edit of an erased resident (or of a volunteer linked to one, or
/// a visit speaking about one) made before the erasure reached its laptop gets the tombstones
/// instead of the personal values it carries; the rest of the change applies as sent.
pub(crate) async fn on_arrival<D: Erase>(
    db: &D,
    auth: &DeviceAuth,
    mut req: PushRequest,
) -> Result<PushRequest> {
    let keys = arrival_keys(&req);
    if keys.is_empty() {
        return Ok(req);
    }
    let erased = db.erased_among(auth.county.clone(), keys).await?;
    if erased.is_empty() {
        return Ok(req);
    }
    let residents: BTreeSet<Id> = erased
        .iter()
        .filter(|(t, _)| t == "residents")
        .map(|(_, r)| *r)
        .collect();
    let mut redacted = Vec::new();
    for c in &mut req.changes {
        let linked_resident = c
            .fields
            .get("resident_id")
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<Id>().ok())
            .is_some_and(|r| residents.contains(&r));
        let holder = match c.table.as_str() {
            "residents" | "volunteers" | "party_members" | "mediation_parties"
                if erased.contains(&(c.table.clone(), c.row_id)) =>
            {
                Holder::Linked
            }
            "volunteers" | "mediation_parties" if linked_resident => Holder::Linked,
            _ => Holder::Other,
        };
        let changed = erasure::redact_fields(&c.table, holder, &residents, &mut c.fields);
        if !changed.is_empty() {
            tracing::info!(table = %c.table, row = %c.row_id, ?changed, "redacted on arrival");
            // the laptop that pushed it keeps what it typed: a redaction brings it the tombstones
            let set = changed
                .into_iter()
                .filter_map(|f| Some((f.clone(), c.fields.get(&f)?.clone())))
                .collect();
            let r = Redaction {
                table: c.table.clone(),
                row_id: c.row_id,
                set,
            };
            redacted.push((c.declared_scope(), r));
        }
    }
    if !redacted.is_empty() {
        db.log_redactions(auth.county.clone(), redacted).await?;
    }
    Ok(req)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_moved_out_before_a_day() {
        let (a, b, c, d) = (Id::new(), Id::new(), Id::new(), Id::new());
        let households = HashMap::from([("h1".to_owned(), "2019-05-01".to_owned())]);
        let picked = moved_out_before(
            vec![
                (a, Some("2020-01-01".into()), None),
                (b, Some("2021-01-01".into()), None),
                (c, None, Some("h1".into())),
                (d, None, Some("h2".into())),
            ],
            &households,
            "2020-06-01",
        );
        assert_eq!(picked, [a, c]);
        assert!(check_day("2020-06-01").is_ok());
        assert!(check_day("2020-02-30").is_err());
        assert!(check_day("yesterday").is_err());
    }
}
