//! The mediation register (人民调解, issue 20 item 1; docs/mediation.md).
//!
//! A community's numbering (`mediation_settings`), its cases and their parties are entities;
//! every stage of a case file is a fact (`mediation_events`). Where a case stands, its term, its
//! current mediators and whether its number clashes with another laptop's are derived from the
//! rows each time a case is read, by the rules of `linli_domain::mediation`.
//!
//! Split along the case file: this file (numbering, mediators, the rows), `cases` (registering,
//! renumbering, a case read whole), `steps` (recording a stage in order), `list` (the case list),
//! `figures` (a month's figures).

mod cases;
mod figures;
mod list;
mod monthly;
mod parties;
mod steps;

pub(crate) use monthly::{mediation_figures, mediation_records, CASE_HEADERS};

use linli_domain::mediation as rules;
use linli_domain::{DomainError, Id};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::field::stable_id;
use crate::volunteers::{check_community, community_scope, text_field};
use crate::write::{RowWrite, Scope};
use crate::{Result, Store};

fn scope(community: Id) -> Scope {
    community_scope(community)
}

fn settings_id(community: Id) -> Id {
    stable_id(&format!("mediation_settings/{community}"))
}

/// A community's numbering, with its defaults where nothing is set.
pub(crate) fn settings_of(conn: &Connection, community: Id) -> Result<MediationSettings> {
    let set: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT prefix, committee FROM mediation_settings WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([settings_id(community).to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let name: String = conn
        .prepare_cached("SELECT name FROM places WHERE id = ?1")?
        .query_row([community.to_string()], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let (prefix, committee) = set.unwrap_or_default();
    Ok(MediationSettings {
        community_id: community,
        prefix: if prefix.is_empty() {
            rules::default_prefix(&name)
        } else {
            prefix
        },
        committee: if committee.is_empty() {
            format!("{name}人民调解委员会")
        } else {
            committee
        },
    })
}

/// The members of a community's mediation teams (矛盾调解队), by name.
fn mediators_of(conn: &Connection, community: Id) -> Result<Vec<Mediator>> {
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT v.id, v.name FROM volunteers v
         JOIN team_members m ON m.volunteer_id = v.id AND m.deleted = 0
         JOIN teams t ON t.id = m.team_id AND t.deleted = 0 AND t.kind = 'mediation'
         WHERE v.deleted = 0 AND v.community_id = ?1 ORDER BY v.name, v.id",
    )?;
    let rows = st.query_map([community.to_string()], |r| {
        Ok(Mediator {
            id: r.get(0)?,
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `ids` checked: one to five members of the community's mediation team, each once.
fn checked_mediators(conn: &Connection, community: Id, ids: &[Id]) -> Result<Vec<Id>> {
    let mut out: Vec<Id> = Vec::new();
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    if out.is_empty() {
        return Err(coded(
            "mediators",
            linli_domain::msg::MED_NO_MEDIATOR,
            vec![],
        ));
    }
    if out.len() > rules::MAX_MEDIATORS {
        return Err(coded(
            "mediators",
            linli_domain::msg::MED_TOO_MANY_MEDIATORS,
            linli_domain::args![max = rules::MAX_MEDIATORS],
        ));
    }
    let team = mediators_of(conn, community)?;
    for id in &out {
        if !team.iter().any(|m| m.id == *id) {
            let name = crate::volunteers::volunteer_head(conn, *id)
                .map(|(_, n)| n)
                .unwrap_or_else(|_| id.to_string());
            return Err(coded(
                "mediators",
                linli_domain::msg::MED_NOT_MEDIATOR,
                linli_domain::args![name = name],
            ));
        }
    }
    Ok(out)
}

/// Mediators by id, with their names ("" for one no longer known).
fn named(conn: &Connection, ids: &[Id]) -> Result<Vec<Mediator>> {
    ids.iter()
        .map(|id| {
            let name: Option<String> = conn
                .prepare_cached("SELECT name FROM volunteers WHERE id = ?1")?
                .query_row([id.to_string()], |r| r.get(0))
                .optional()?;
            Ok(Mediator {
                id: *id,
                name: name.unwrap_or_default(),
            })
        })
        .collect()
}

fn coded(
    field: &'static str,
    m: linli_domain::msg::Msg,
    args: linli_domain::msg::Args,
) -> crate::Error {
    DomainError::coded(field, m, args).into()
}

/// A JSON list of ids as stored.
fn ids_text(ids: &[Id]) -> String {
    serde_json::to_string(&ids.iter().map(Id::to_string).collect::<Vec<_>>())
        .unwrap_or_else(|_| "[]".into())
}

fn ids_of(text: &str) -> Vec<Id> {
    serde_json::from_str::<Vec<String>>(text)
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s.parse().ok())
        .collect()
}

impl Store {
    /// This laptop signed in as a role without the mediation grant: the server withholds cases'
    /// parties and records (`linli_protocol::privacy::has_mediation_grant`), and the window says so.
    pub(crate) fn mediation_withheld(&self) -> Result<bool> {
        Ok(self
            .sync_role()?
            .is_some_and(|r| !linli_protocol::privacy::has_mediation_grant(r)))
    }

    pub fn get_mediation_settings(
        &mut self,
        req: &GetMediationSettings,
    ) -> Result<MediationSettings> {
        check_community(&self.conn, req.community_id)?;
        settings_of(&self.conn, req.community_id)
    }

    /// Sets a community's prefix and committee's name (an administrator's act).
    pub fn set_mediation_settings(
        &mut self,
        req: &SetMediationSettings,
    ) -> Result<MediationSettings> {
        check_community(&self.conn, req.community_id)?;
        self.may_set_rules()?;
        let prefix = rules::check_prefix(&req.prefix)?;
        let committee = text_field("committee", "调解委员会名称", &req.committee, 40, true)?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "mediation_settings",
            row_id: settings_id(req.community_id),
            fields: vec![
                ("community_id", json!(req.community_id.to_string())),
                ("prefix", json!(prefix)),
                ("committee", json!(committee)),
                ("deleted", json!(0)),
            ],
            scope: scope(req.community_id),
        })?;
        w.commit()?;
        settings_of(&self.conn, req.community_id)
    }

    /// Writes a community's numbering as its defaults say (the demo's committees, set up as an
    /// administrator would).
    pub(crate) fn write_mediation_settings(&mut self, community: Id) -> Result<()> {
        let s = settings_of(&self.conn, community)?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "mediation_settings",
            row_id: settings_id(community),
            fields: vec![
                ("community_id", json!(community.to_string())),
                ("prefix", json!(s.prefix)),
                ("committee", json!(s.committee)),
                ("deleted", json!(0)),
            ],
            scope: scope(community),
        })?;
        w.commit()?;
        Ok(())
    }

    pub fn list_mediators(&mut self, req: &ListMediators) -> Result<Vec<Mediator>> {
        check_community(&self.conn, req.community_id)?;
        mediators_of(&self.conn, req.community_id)
    }
}
