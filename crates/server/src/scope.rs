//! The rules both backends share, with no I/O: the place tree and what a user may see of it, the
//! checks on a pushed change, the floor facts' account and delta, and the refusal messages. A
//! backend loads the rows, calls these, and writes what they decide.

use std::collections::{BTreeSet, HashMap, HashSet};

use linli_domain::msg::{self, Args, Msg};
use linli_domain::Id;
use linli_protocol::sync::{floor_rule, Change, RefuseReason};
use serde_json::Value;

use crate::db::DeviceAuth;

/// The place tree of a county, for scope checks.
#[derive(Default)]
pub(crate) struct Tree {
    pub(crate) parent: HashMap<Id, Option<Id>>,
}

impl Tree {
    pub(crate) fn new(pairs: impl IntoIterator<Item = (Id, Option<Id>)>) -> Tree {
        Tree {
            parent: pairs.into_iter().collect(),
        }
    }

    /// `p` and the places above it (at most 64 levels, so a cycle cannot hang the server).
    pub(crate) fn up(&self, p: Id) -> Vec<Id> {
        let mut out = vec![p];
        let mut cur = p;
        while let Some(Some(next)) = self.parent.get(&cur) {
            if out.len() > 64 || out.contains(next) {
                break;
            }
            out.push(*next);
            cur = *next;
        }
        out
    }
}

/// What a user may see: every place under a grant (writable), the places above (read-only).
pub(crate) struct Sight {
    pub(crate) all: bool,
    pub(crate) below: HashSet<Id>,
    pub(crate) above: HashSet<Id>,
}

impl Sight {
    /// What a device's user sees: the whole county if the user is county-wide (an explicit flag,
    /// never inferred from having no grants), else what its grants cover.
    pub(crate) fn of(tree: &Tree, auth: &DeviceAuth) -> Sight {
        Sight::new(tree, auth.county_wide, &auth.grants)
    }

    pub(crate) fn new(tree: &Tree, all: bool, grants: &[Id]) -> Sight {
        if all {
            // no grants: nothing below or above them to work out (a push rebuilds the sight after
            // every place it accepts, and a first push of a town holds thousands of places)
            return Sight {
                all,
                below: HashSet::new(),
                above: HashSet::new(),
            };
        }
        let mut below: HashSet<Id> = grants.iter().copied().collect();
        let mut children: HashMap<Id, Vec<Id>> = HashMap::new();
        for (c, p) in &tree.parent {
            if let Some(p) = p {
                children.entry(*p).or_default().push(*c);
            }
        }
        let mut stack: Vec<Id> = grants.to_vec();
        while let Some(p) = stack.pop() {
            for c in children.get(&p).into_iter().flatten() {
                if below.insert(*c) {
                    stack.push(*c);
                }
            }
        }
        let above = grants
            .iter()
            .flat_map(|g| tree.up(*g))
            .filter(|p| !below.contains(p))
            .collect();
        Sight { all, below, above }
    }

    pub(crate) fn covers(&self, tree: &Tree, place: Id) -> bool {
        self.all || tree.up(place).iter().any(|p| self.below.contains(p))
    }

    /// Whether a logged change is visible on pull, and if so whether read-only: a place below
    /// the grants writable and one above read-only; another row writable when filed under a place
    /// below the grants, and read-only when shared with one of them (see [`Share`]); a replay the
    /// server made for a place a row was newly shared with, read-only to the devices seeing that
    /// place (a county-wide device holds the row already).
    pub(crate) fn on_pull(
        &self,
        table: &str,
        row: Id,
        scope: Option<Id>,
        shared: &Shared<'_>,
    ) -> Option<bool> {
        if shared.replay {
            return (!self.all && scope.is_some_and(|s| self.below.contains(&s))).then_some(true);
        }
        if self.all {
            return Some(false);
        }
        if table == "places" {
            if self.below.contains(&row) {
                Some(false)
            } else {
                self.above.contains(&row).then_some(true)
            }
        } else if scope.is_some_and(|s| self.below.contains(&s)) {
            Some(false)
        } else {
            let shares = if share_field(table).is_some() {
                shared.shares
            } else {
                &[]
            };
            shares
                .iter()
                .any(|s| self.below.contains(&s.place) && s.until.is_none_or(|u| shared.seq <= u))
                .then_some(true)
        }
    }

    /// Whether a stored row is within sight (all of it for a county-wide admin): a blob may be
    /// fetched or uploaded by a device that sees an attachment row naming it.
    pub(crate) fn sees_row(&self, table: &str, row: Id, scope: Option<Id>) -> bool {
        self.all || self.in_export(table, row, scope, &[])
    }

    /// Whether a merged row is part of an export for these grants: what a device pulling the
    /// whole log from the start holds of it (a row shared with a place below the grants while it
    /// still is).
    pub(crate) fn in_export(
        &self,
        table: &str,
        row: Id,
        scope: Option<Id>,
        shares: &[Share],
    ) -> bool {
        if table == "places" {
            self.below.contains(&row) || self.above.contains(&row)
        } else {
            scope.is_some_and(|s| self.below.contains(&s))
                || share_field(table).is_some()
                    && shares
                        .iter()
                        .any(|s| s.until.is_none() && self.below.contains(&s.place))
        }
    }
}

/// The tables whose rows are shared, read-only, with the places a list field of theirs names
/// besides their home (the place they are filed under): a service point with the communities it
/// serves, a joint activity with the communities taking part (docs/circle.md). Only the home's
/// users write them. The server's migrations index these tables' log entries by row
/// (`changes_shared_rows`): a table added here needs the index widened.
pub(crate) const SHARED_BY: &[(&str, &str)] = &[
    ("circle_points", "serves"),
    ("circle_activities", "communities"),
];

/// The list field sharing `table`'s rows, if they are shared.
pub(crate) fn share_field(table: &str) -> Option<&'static str> {
    SHARED_BY.iter().find(|(t, _)| *t == table).map(|(_, f)| *f)
}

/// A row's share with a place: it reaches the devices seeing the place, read-only, until the
/// change numbered `until` (the one that took the place off its list, which they still get, so
/// their copy says it no longer serves them); `None` while it is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Share {
    pub(crate) place: Id,
    pub(crate) until: Option<i64>,
}

/// What the pull knows of a logged change besides its table, row and scope: its server
/// sequence, whether the server logged it as a replay for a place the row was newly shared with,
/// and the row's shares.
pub(crate) struct Shared<'a> {
    pub(crate) seq: i64,
    pub(crate) replay: bool,
    pub(crate) shares: &'a [Share],
}

/// The places a merged list field names (`json` is the field's value as JSON text: a list of
/// ids, or a text holding one, as the laptop writes it); what is not an id is ignored.
pub(crate) fn listed_places(json: Option<&str>) -> BTreeSet<Id> {
    let value = json.and_then(|j| serde_json::from_str::<Value>(j).ok());
    let list = match value {
        Some(Value::String(s)) => serde_json::from_str::<Value>(&s).ok(),
        other => other,
    };
    match list {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().and_then(|s| s.parse().ok()))
            .collect(),
        _ => BTreeSet::new(),
    }
}

/// How a row's shares follow its merged list, the change numbered `seq` having merged: the
/// places newly shared (their devices get the row replayed whole) and the shares as they now
/// stand. A place leaving the list keeps its share until `seq`; the home is never a share.
pub(crate) fn reshare(
    home: Id,
    old: &[Share],
    listed: &BTreeSet<Id>,
    seq: i64,
) -> (Vec<Id>, Vec<Share>) {
    let mut added = Vec::new();
    let mut now = Vec::new();
    for s in old {
        let keep = listed.contains(&s.place) && s.place != home;
        now.push(match (s.until, keep) {
            (None, false) => Share {
                place: s.place,
                until: Some(seq),
            },
            (Some(_), true) => {
                added.push(s.place);
                Share {
                    place: s.place,
                    until: None,
                }
            }
            _ => *s,
        });
    }
    for p in listed {
        if *p != home && !old.iter().any(|s| s.place == *p) {
            added.push(*p);
            now.push(Share {
                place: *p,
                until: None,
            });
        }
    }
    (added, now)
}

pub(crate) fn valid_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

/// Why one pushed change is refused: its kind and a sentence of the message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Refusal {
    pub reason: RefuseReason,
    pub msg: Msg,
    pub args: Args,
}

impl Refusal {
    /// The sentence as every answer of the server reads it: Chinese, then English in brackets.
    pub(crate) fn message(&self) -> String {
        let en = linli_domain::msg::fill(self.msg.en, &self.args, &|_, _| None);
        format!("{} ({en})", self.msg.zh(&self.args))
    }
}

/// A malformed change, said by `m` with `args`.
pub(crate) fn invalid(m: Msg, args: Args) -> Refusal {
    Refusal {
        reason: RefuseReason::Invalid,
        msg: m,
        args,
    }
}

pub(crate) fn outside() -> Refusal {
    Refusal {
        reason: RefuseReason::OutsideGrants,
        msg: msg::SERVER_OUTSIDE_GRANTS,
        args: vec![],
    }
}

/// The parent a `places` change gives its row: `Some(None)` for the top of the tree, `None` when
/// the change does not say.
fn parent_in(c: &Change) -> Result<Option<Option<Id>>, Refusal> {
    match c.fields.get("parent_id") {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(s)) => s
            .parse()
            .map(|p| Some(Some(p)))
            .map_err(|_| invalid(msg::REFUSED_PARENT_NOT_ID, vec![])),
        Some(_) => Err(invalid(msg::REFUSED_PARENT_NOT_ID, vec![])),
    }
}

/// What the server already knows of a pushed row: the place it was filed under and whether it is
/// a fact.
pub(crate) struct Existing {
    pub(crate) scope: Option<Id>,
    pub(crate) fact: bool,
}

/// Checks one change against the device, the names, the row already stored and the grants;
/// answers the scope place to file it under.
pub(crate) fn check(
    auth: &DeviceAuth,
    tree: &Tree,
    sight: &Sight,
    c: &Change,
    is_fact: bool,
    existing: Option<&Existing>,
) -> Result<Id, Refusal> {
    if c.device_id != auth.device_id {
        return Err(invalid(msg::REFUSED_DEVICE_MISMATCH, vec![]));
    }
    if c.device_seq < 1 {
        return Err(invalid(msg::REFUSED_SEQ_START, vec![]));
    }
    if !valid_name(&c.table) || c.fields.is_empty() {
        return Err(invalid(msg::REFUSED_BAD_TABLE_NAME, vec![]));
    }
    if let Some(bad) = c.fields.keys().find(|k| !valid_name(k) || *k == "id") {
        return Err(invalid(
            msg::REFUSED_BAD_FIELD_NAME,
            vec![("field", bad.clone())],
        ));
    }
    if let Some(e) = existing {
        if is_fact || e.fact {
            return Err(invalid(msg::REFUSED_FACT_EXISTS, vec![]));
        }
    }
    if c.table == "places" {
        check_place(tree, sight, c)?;
        return Ok(c.row_id);
    }
    let Some(scope) = c.declared_scope() else {
        return Err(invalid(msg::REFUSED_NO_PLACE, vec![]));
    };
    if !sight.covers(tree, scope) {
        return Err(outside());
    }
    if let Some(Existing {
        scope: Some(old), ..
    }) = existing
    {
        if !sight.covers(tree, *old) {
            return Err(outside());
        }
    }
    Ok(scope)
}

/// A `places` change: a new place goes under a parent within sight (at the top only for a
/// county-wide user); an existing one is edited only within sight, and moves only under a place
/// that exists, lies within sight and is not the place itself or below it, and only for someone
/// who covers both its old and its new parent (so a granted root stays where its administrator
/// put it).
fn check_place(tree: &Tree, sight: &Sight, c: &Change) -> Result<(), Refusal> {
    let new_parent = parent_in(c)?;
    let old_parent = tree.parent.get(&c.row_id).copied();
    if let Some(Some(p)) = new_parent {
        if p == c.row_id || tree.up(p).contains(&c.row_id) {
            return Err(invalid(msg::REFUSED_PLACE_UNDER_ITSELF, vec![]));
        }
        if !tree.parent.contains_key(&p) {
            return Err(invalid(msg::REFUSED_NO_PARENT, vec![]));
        }
    }
    if sight.all {
        return Ok(());
    }
    let covered = |p: Option<Id>| p.is_some_and(|p| sight.covers(tree, p));
    match (old_parent, new_parent) {
        // a new place: under a parent within sight
        (None, new) => {
            if !covered(new.flatten()) {
                return Err(outside());
            }
        }
        // an edit that keeps the parent: the place itself within sight
        (Some(old), None) => {
            if !sight.covers(tree, c.row_id) && !covered(old) {
                return Err(outside());
            }
        }
        (Some(old), Some(new)) if old == new => {
            if !sight.covers(tree, c.row_id) && !covered(old) {
                return Err(outside());
            }
        }
        // a move: both parents within sight
        (Some(old), Some(new)) => {
            if !covered(old) || !covered(new) {
                return Err(outside());
            }
        }
    }
    Ok(())
}

/// For a fact in a table with a floor: its account and delta, or the refusal when it lacks them.
pub(crate) fn floor_parts(c: &Change) -> Option<Result<(String, i64), Refusal>> {
    let rule = floor_rule(&c.table)?;
    let account = match c.fields.get(rule.account_field) {
        Some(Value::String(s)) => s.clone(),
        Some(v @ Value::Number(_)) => v.to_string(),
        _ => return Some(Err(invalid(msg::REFUSED_NO_ACCOUNT, vec![]))),
    };
    let Some(delta) = c.fields.get(rule.delta_field).and_then(Value::as_i64) else {
        return Some(Err(invalid(msg::REFUSED_NO_DELTA, vec![])));
    };
    Some(Ok((account, delta)))
}

/// The parent a merged `parent_id` value (JSON text) names.
pub(crate) fn parent_of_value(json: Option<&str>) -> Option<String> {
    json.and_then(|v| serde_json::from_str::<Value>(v).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
}

#[cfg(test)]
#[path = "scope_tests.rs"]
mod tests;
