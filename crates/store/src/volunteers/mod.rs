//! The volunteer time bank (志愿时间银行): volunteers, teams and party members (双报到),
//! activities with sign-up and attendance, service hours and their verification, the points
//! rules, the ledger, the catalogue and redemptions, and the reports over them.
//!
//! Every balance, stock and total here is a sum of facts, computed when asked; nothing is kept
//! as a counter. Writes go through `Writer` like everything else; the functions that write take
//! their ids and times from the writer's clock (`Writer::now`), so the demo, which pins the clock,
//! makes the same rows from the same seed.
//!
//! The files depend downwards only: `mod.rs` (shared checks) < `totals` (verified hours) <
//! `ledger/` < `registry` (volunteers, teams, party members) < `activities` < `hours` < `reports`.

pub(crate) mod activities;
mod edits;
mod explain;
pub(crate) mod hours;
pub(crate) mod ledger;
pub(crate) mod registry;
pub(crate) mod reports;
pub(crate) mod totals;

use linli_domain::{DomainError, Id};
use rusqlite::{Connection, OptionalExtension};

use crate::write::Scope;
use crate::{Error, Result};

/// The scope of a row of a community's time bank.
pub(crate) fn community_scope(community: Id) -> Scope {
    Scope {
        community: Some(community),
        grid: None,
        place: Some(community),
    }
}

/// A volunteer's community and name, or `NotFound`.
pub(crate) fn volunteer_head(conn: &Connection, id: Id) -> Result<(Id, String)> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT community_id, name FROM volunteers WHERE id = ?1 AND deleted = 0")?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (c, name) = row.ok_or(Error::NotFound {
        what: "志愿者",
        id: id.to_string(),
    })?;
    Ok((c.parse()?, name))
}

/// Checks that `id` is a community.
pub(crate) fn check_community(conn: &Connection, id: Id) -> Result<()> {
    let kind: Option<String> = conn
        .prepare_cached("SELECT kind FROM places WHERE id = ?1 AND deleted = 0")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    match kind.as_deref() {
        Some("community") => Ok(()),
        Some(_) => {
            Err(
                DomainError::coded("community_id", linli_domain::msg::COMMUNITY_MISSING, vec![])
                    .into(),
            )
        }
        None => Err(Error::NotFound {
            what: "社区",
            id: id.to_string(),
        }),
    }
}

/// A short text field: trimmed, at most `max` characters, not empty unless `may_be_empty`.
pub(crate) fn text_field(
    field: &'static str,
    label: &str,
    text: &str,
    max: usize,
    may_be_empty: bool,
) -> Result<String> {
    let t = text.trim();
    if t.is_empty() && !may_be_empty {
        return Err(DomainError::coded(
            field,
            linli_domain::msg::TEXT_EMPTY,
            linli_domain::args![label = label],
        )
        .into());
    }
    if t.chars().count() > max {
        return Err(DomainError::coded(
            field,
            linli_domain::msg::TEXT_TOO_LONG,
            linli_domain::args![label = label, max = max],
        )
        .into());
    }
    Ok(t.to_owned())
}

/// A list of short words (skills, pledges): trimmed, empty ones dropped, duplicates removed.
pub(crate) fn word_list(
    field: &'static str,
    label: &str,
    words: &[String],
    max_each: usize,
    max_count: usize,
) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        let w = text_field(field, label, w, max_each, true)?;
        if !w.is_empty() && !out.contains(&w) {
            out.push(w);
        }
    }
    if out.len() > max_count {
        return Err(DomainError::coded(
            field,
            linli_domain::msg::WORDS_TOO_MANY,
            linli_domain::args![label = label, max = max_count],
        )
        .into());
    }
    Ok(out)
}

/// `Some(date)` checked, or none.
pub(crate) fn opt_date(field: &'static str, d: Option<&str>) -> Result<Option<String>> {
    Ok(d.filter(|s| !s.trim().is_empty())
        .map(|s| linli_domain::date::validate(field, s))
        .transpose()?)
}

pub(crate) fn parse_ids(ids: &[String]) -> Result<Vec<Id>> {
    ids.iter().map(|s| Ok(s.parse()?)).collect()
}
