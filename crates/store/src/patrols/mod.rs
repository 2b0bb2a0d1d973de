//! Security patrols (小区治安巡防, issue 25 item 2; docs/patrols.md).
//!
//! Teams, members, rota slots, logs and findings are entities. A slot's id is made from its team,
//! day and start, so one rota generated on two laptops is one set of rows; a finding's request has
//! an id made from the finding's, so a finding becomes one request however many laptops make it
//! one. The rules (a slot's state, the rota's days, a log's checks) are `linli_domain::patrols`'.
//!
//! Split along the work: this file (teams and members), `rota` (slots), `logs` (logs, findings,
//! a finding made a request, the export), `figures` (the month's figures and the monthly report).

mod figures;
mod logs;
mod rota;

pub(crate) use figures::{patrol_figures, patrol_records, HEADERS as PATROL_HEADERS};
pub(crate) use rota::slots_between;

use linli_domain::patrols::{self as rules, MemberRole};
use linli_domain::{DomainError, Id};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::volunteers::{check_community, community_scope, text_field};
use crate::write::RowWrite;
use crate::{Error, Result, Store};

pub(super) fn coded(
    field: &'static str,
    m: linli_domain::msg::Msg,
    args: linli_domain::msg::Args,
) -> crate::Error {
    DomainError::coded(field, m, args).into()
}

fn masked(phone: &str) -> String {
    if phone.is_empty() {
        String::new()
    } else {
        crate::register::households::mask_phone(phone)
    }
}

pub(super) fn team_fields(conn: &Connection, id: Id) -> Result<PatrolTeamFields> {
    conn.prepare_cached(
        "SELECT community_id, name, area, note FROM patrol_teams WHERE id = ?1 AND deleted = 0",
    )?
    .query_row([id.to_string()], |r| {
        Ok(PatrolTeamFields {
            community_id: r.get("community_id")?,
            name: r.get("name")?,
            area: r.get("area")?,
            note: r.get("note")?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound {
        what: "巡防队",
        id: id.to_string(),
    })
}

/// A team's members (those taken off included when `all`), by role then name.
pub(super) fn members_of(conn: &Connection, team: Id, all: bool) -> Result<Vec<PatrolMember>> {
    let mut out: Vec<PatrolMember> = conn
        .prepare_cached(
            "SELECT m.id, m.resident_id, coalesce(r.name, m.name) AS name,
                    coalesce(r.phone, m.phone, '') AS phone, m.role
             FROM patrol_members m LEFT JOIN residents r ON r.id = m.resident_id
             WHERE m.team_id = ?1 AND (?2 OR m.deleted = 0)",
        )?
        .query_map(rusqlite::params![team.to_string(), all], |r| {
            Ok(PatrolMember {
                id: r.get("id")?,
                team_id: team,
                resident_id: r.get("resident_id")?,
                name: r.get("name")?,
                phone: masked(&r.get::<_, String>("phone")?),
                role: MemberRole::read(&r.get::<_, String>("role")?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let rank = |r: MemberRole| MemberRole::ALL.iter().position(|x| *x == r).unwrap_or(99);
    out.sort_by(|a, b| (rank(a.role), &a.name).cmp(&(rank(b.role), &b.name)));
    Ok(out)
}

/// The names of `ids` among a team's members (taken-off ones included), joined with 、.
pub(super) fn names_of(members: &[PatrolMember], ids: &[Id]) -> String {
    ids.iter()
        .filter_map(|id| members.iter().find(|m| m.id == *id))
        .map(|m| m.name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

/// `ids` checked against the team's current members: each a member, each once.
pub(super) fn check_members(conn: &Connection, team: Id, ids: &[Id]) -> Result<Vec<Id>> {
    let current = members_of(conn, team, false)?;
    let mut out: Vec<Id> = Vec::new();
    for id in ids {
        if !current.iter().any(|m| m.id == *id) {
            return Err(coded(
                "members",
                linli_domain::msg::PATROL_MEMBER_NOT_IN_TEAM,
                vec![],
            ));
        }
        if !out.contains(id) {
            out.push(*id);
        }
    }
    if out.len() > rules::MAX_MEMBERS {
        return Err(coded(
            "members",
            linli_domain::msg::PATROL_TOO_MANY,
            linli_domain::args![max = rules::MAX_MEMBERS],
        ));
    }
    Ok(out)
}

/// The scope of a finding's photo: its community.
pub(crate) fn finding_scope(conn: &Connection, finding: Id) -> Result<crate::write::Scope> {
    let community: Option<Option<Id>> = conn
        .prepare_cached("SELECT community_id FROM patrol_findings WHERE id = ?1 AND deleted = 0")?
        .query_row([finding.to_string()], |r| r.get(0))
        .optional()?;
    match community.flatten() {
        Some(c) => Ok(community_scope(c)),
        None => Err(Error::NotFound {
            what: "巡防发现",
            id: finding.to_string(),
        }),
    }
}

pub(super) fn ids_json(ids: &[Id]) -> serde_json::Value {
    json!(serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into()))
}

pub(super) fn ids_from(text: &str) -> Vec<Id> {
    serde_json::from_str(text).unwrap_or_default()
}

impl Store {
    fn patrol_team(&self, id: Id) -> Result<PatrolTeam> {
        Ok(PatrolTeam {
            id,
            fields: team_fields(&self.conn, id)?,
            members: members_of(&self.conn, id, false)?,
        })
    }

    pub fn save_patrol_team(&mut self, req: &SavePatrolTeam) -> Result<PatrolTeam> {
        let f = &req.fields;
        let community = match req.id {
            Some(id) => team_fields(&self.conn, id)?.community_id,
            None => f.community_id,
        };
        check_community(&self.conn, community)?;
        let name = text_field("name", "队伍名称", &f.name, 40, false)?;
        let area = text_field("area", "巡防区域", &f.area, 200, true)?;
        let note = text_field("note", "备注", &f.note, 200, true)?;
        let mut w = self.begin()?;
        let id = req.id.unwrap_or_else(|| w.id());
        w.write(RowWrite {
            table: "patrol_teams",
            row_id: id,
            fields: vec![
                ("community_id", json!(community.to_string())),
                ("name", json!(name)),
                ("area", json!(area)),
                ("note", json!(note)),
                ("deleted", json!(0)),
            ],
            scope: community_scope(community),
        })?;
        w.commit()?;
        self.patrol_team(id)
    }

    pub fn list_patrol_teams(&mut self, req: &ListPatrolTeams) -> Result<Vec<PatrolTeam>> {
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "SELECT id FROM patrol_teams WHERE deleted = 0
                 AND (?1 IS NULL OR community_id = ?1) ORDER BY name, id",
            )?
            .query_map([req.community_id.map(|c| c.to_string())], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.patrol_team(id)).collect()
    }

    pub fn save_patrol_member(&mut self, req: &SavePatrolMember) -> Result<PatrolTeam> {
        let (team, community) = match req.id {
            Some(id) => {
                let team: Option<Id> = self
                    .conn
                    .prepare_cached(
                        "SELECT team_id FROM patrol_members WHERE id = ?1 AND deleted = 0",
                    )?
                    .query_row([id.to_string()], |r| r.get(0))
                    .optional()?
                    .flatten();
                let team = team.ok_or(Error::NotFound {
                    what: "巡防队员",
                    id: id.to_string(),
                })?;
                (team, team_fields(&self.conn, team)?.community_id)
            }
            None => (
                req.team_id,
                team_fields(&self.conn, req.team_id)?.community_id,
            ),
        };
        if req.role == MemberRole::Unknown {
            return Err(coded("role", linli_domain::msg::UNKNOWN_CHOICE, vec![]));
        }
        let (resident, name, phone) = match req.resident_id {
            Some(r) => {
                let found: Option<(Option<Id>, String)> = self
                    .conn
                    .prepare_cached(
                        "SELECT community_id, name FROM residents WHERE id = ?1 AND deleted = 0",
                    )?
                    .query_row([r.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()?;
                match found {
                    Some((Some(c), name)) if c == community => (Some(r), name, None),
                    _ => {
                        return Err(coded(
                            "resident_id",
                            linli_domain::msg::PATROL_RESIDENT_NOT_HERE,
                            vec![],
                        ))
                    }
                }
            }
            None => {
                if req.name.trim().is_empty() {
                    return Err(coded(
                        "name",
                        linli_domain::msg::PATROL_MEMBER_NAME_MISSING,
                        vec![],
                    ));
                }
                let name = text_field("name", "姓名", &req.name, 30, false)?;
                let phone = if req.phone.trim().is_empty() {
                    None
                } else {
                    Some(
                        linli_domain::phone::Phone::parse(&req.phone)?
                            .as_str()
                            .to_owned(),
                    )
                };
                (None, name, phone)
            }
        };
        let current = members_of(&self.conn, team, false)?;
        if current.iter().any(|m| {
            Some(m.id) != req.id
                && match resident {
                    Some(r) => m.resident_id == Some(r),
                    None => m.resident_id.is_none() && m.name == name,
                }
        }) {
            return Err(coded(
                "name",
                linli_domain::msg::PATROL_MEMBER_TWICE,
                linli_domain::args![name = name],
            ));
        }
        if req.id.is_none() && current.len() >= rules::MAX_MEMBERS {
            return Err(coded(
                "members",
                linli_domain::msg::PATROL_TOO_MANY,
                linli_domain::args![max = rules::MAX_MEMBERS],
            ));
        }
        let mut w = self.begin()?;
        let id = req.id.unwrap_or_else(|| w.id());
        w.write(RowWrite {
            table: "patrol_members",
            row_id: id,
            fields: vec![
                ("team_id", json!(team.to_string())),
                ("community_id", json!(community.to_string())),
                ("resident_id", json!(resident.map(|r| r.to_string()))),
                (
                    "name",
                    json!(if resident.is_some() {
                        String::new()
                    } else {
                        name
                    }),
                ),
                ("phone", json!(phone)),
                ("role", json!(req.role.code())),
                ("deleted", json!(0)),
            ],
            scope: community_scope(community),
        })?;
        w.commit()?;
        self.patrol_team(team)
    }

    pub fn remove_patrol_member(&mut self, req: &RemovePatrolMember) -> Result<PatrolTeam> {
        let found: Option<(Option<Id>, Option<Id>)> = self
            .conn
            .prepare_cached(
                "SELECT team_id, community_id FROM patrol_members WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([req.id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((Some(team), Some(community))) = found else {
            return Err(Error::NotFound {
                what: "巡防队员",
                id: req.id.to_string(),
            });
        };
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "patrol_members",
            row_id: req.id,
            fields: vec![("deleted", json!(1))],
            scope: community_scope(community),
        })?;
        w.commit()?;
        self.patrol_team(team)
    }
}
