//! Volunteers, teams and their members, and party members' registration (双报到).

use linli_domain::register::validate_person_name;
use linli_domain::volunteers::TeamKind;
use linli_domain::{Id, Now, Phone};
use linli_protocol::{
    AddTeam, AddVolunteer, ListTeams, ListVolunteers, PartyRegistration, RegisterPartyMember,
    SetTeamMember, Team, TeamMember, TeamRef, Volunteer,
};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::{
    check_community, community_scope, ledger, opt_date, text_field, totals, volunteer_head,
    word_list,
};
use crate::register::households::mask_phone;
use crate::register::{json_list, parse_id};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

/// A volunteer as written.
pub(crate) struct NewVolunteer<'a> {
    pub community: Id,
    pub resident: Option<Id>,
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub skills: &'a [String],
    pub availability: &'a str,
}

pub(crate) fn insert_volunteer(w: &mut Writer<'_>, id: Id, v: &NewVolunteer<'_>) -> Result<()> {
    w.write(RowWrite {
        table: "volunteers",
        row_id: id,
        fields: vec![
            ("community_id", json!(v.community.to_string())),
            ("resident_id", json!(v.resident.map(|r| r.to_string()))),
            ("name", json!(v.name)),
            ("phone", json!(v.phone)),
            ("skills", json!(serde_json::to_string(v.skills)?)),
            ("availability", json!(v.availability)),
            ("deleted", json!(false)),
        ],
        scope: community_scope(v.community),
    })?;
    Ok(())
}

pub(crate) fn insert_team(
    w: &mut Writer<'_>,
    id: Id,
    community: Id,
    kind: TeamKind,
    name: &str,
) -> Result<()> {
    w.write(RowWrite {
        table: "teams",
        row_id: id,
        fields: vec![
            ("community_id", json!(community.to_string())),
            ("kind", json!(kind.known("kind")?.code())),
            ("name", json!(name)),
            ("deleted", json!(false)),
        ],
        scope: community_scope(community),
    })?;
    Ok(())
}

/// Writes a membership: the existing row of this team and volunteer when there is one.
pub(crate) fn write_member(
    w: &mut Writer<'_>,
    new_id: Id,
    community: Id,
    team: Id,
    volunteer: Id,
    leader: bool,
    remove: bool,
) -> Result<()> {
    let existing: Option<String> = w
        .tx()
        .prepare_cached("SELECT id FROM team_members WHERE team_id = ?1 AND volunteer_id = ?2 ORDER BY id LIMIT 1")?
        .query_row([team.to_string(), volunteer.to_string()], |r| r.get(0))
        .optional()?;
    let id = match existing {
        Some(s) => s.parse()?,
        None => new_id,
    };
    w.write(RowWrite {
        table: "team_members",
        row_id: id,
        fields: vec![
            ("team_id", json!(team.to_string())),
            ("volunteer_id", json!(volunteer.to_string())),
            ("leader", json!(leader)),
            ("deleted", json!(remove)),
        ],
        scope: community_scope(community),
    })?;
    Ok(())
}

pub(crate) fn write_party(
    w: &mut Writer<'_>,
    volunteer: Id,
    community: Id,
    work_unit: &str,
    pledges: &[String],
    registered_on: &str,
) -> Result<()> {
    w.write(RowWrite {
        table: "party_members",
        row_id: volunteer,
        fields: vec![
            ("volunteer_id", json!(volunteer.to_string())),
            ("community_id", json!(community.to_string())),
            ("work_unit", json!(work_unit)),
            ("pledges", json!(serde_json::to_string(pledges)?)),
            ("registered_on", json!(registered_on)),
            ("deleted", json!(false)),
        ],
        scope: community_scope(community),
    })?;
    Ok(())
}

fn team_kind(code: &str) -> TeamKind {
    TeamKind::read(code)
}

pub(crate) fn volunteer(conn: &Connection, id: Id, now: &Now) -> Result<Volunteer> {
    let mut v = conn
        .prepare_cached(
            "SELECT community_id, resident_id, name, phone, skills, availability
             FROM volunteers WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            let phone: Option<String> = r.get("phone")?;
            Ok(Volunteer {
                id,
                community_id: r.get("community_id")?,
                resident_id: r.get("resident_id")?,
                name: r.get("name")?,
                phone_masked: phone.as_deref().map(mask_phone),
                skills: json_list(&r.get::<_, String>("skills")?),
                availability: r.get("availability")?,
                teams: Vec::new(),
                party: None,
                hours: 0.0,
                balance: 0,
            })
        })
        .optional()?
        .ok_or(Error::NotFound {
            what: "志愿者",
            id: id.to_string(),
        })?;
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.name, t.kind, max(m.leader) FROM team_members m
         JOIN teams t ON t.id = m.team_id
         WHERE m.volunteer_id = ?1 AND m.deleted = 0 AND t.deleted = 0
         GROUP BY t.id ORDER BY t.name",
    )?;
    let teams = stmt
        .query_map([id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })?
        .map(|row| {
            let (tid, name, kind, leader) = row?;
            Ok(TeamRef {
                id: tid.parse()?,
                name,
                kind: team_kind(&kind),
                leader,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let party = conn
        .prepare_cached(
            "SELECT work_unit, pledges, registered_on FROM party_members
             WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            Ok(PartyRegistration {
                work_unit: r.get(0)?,
                pledges: json_list(&r.get::<_, String>(1)?),
                registered_on: r.get(2)?,
            })
        })
        .optional()?;
    v.teams = teams;
    v.party = party;
    v.hours = totals::verified_hours_of(conn, id)?;
    v.balance = ledger::balance_of(conn, id, now)?.balance;
    Ok(v)
}

pub(crate) fn team(conn: &Connection, id: Id) -> Result<Team> {
    let row: Option<(String, String, String)> = conn
        .prepare_cached("SELECT community_id, kind, name FROM teams WHERE id = ?1 AND deleted = 0")?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (community, kind, name) = row.ok_or(Error::NotFound {
        what: "志愿服务队",
        id: id.to_string(),
    })?;
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.name, max(m.leader) FROM team_members m
         JOIN volunteers v ON v.id = m.volunteer_id
         WHERE m.team_id = ?1 AND m.deleted = 0 AND v.deleted = 0
         GROUP BY v.id ORDER BY max(m.leader) DESC, v.name, v.id",
    )?;
    let members = stmt
        .query_map([id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })?
        .map(|row| {
            let (vid, name, leader) = row?;
            Ok(TeamMember {
                volunteer_id: vid.parse()?,
                name,
                leader,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Team {
        id,
        community_id: community.parse()?,
        kind: team_kind(&kind),
        name,
        members,
        hours: totals::verified_hours_of_team(conn, id)?,
    })
}

impl Store {
    pub fn add_volunteer(&mut self, req: &AddVolunteer) -> Result<Volunteer> {
        check_community(&self.conn, req.community_id)?;
        let mut name = req.name.trim().to_owned();
        let mut phone = req
            .phone
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .map(Phone::parse)
            .transpose()?
            .map(Phone::into_string);
        if let Some(rid) = req.resident_id {
            let row: Option<(Option<String>, String, Option<String>)> = self
                .conn
                .prepare_cached(
                    "SELECT community_id, name, phone FROM residents WHERE id = ?1 AND deleted = 0",
                )?
                .query_row([rid.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let (community, rname, rphone) = row.ok_or(Error::NotFound {
                what: "居民",
                id: rid.to_string(),
            })?;
            if parse_id(community)? != Some(req.community_id) {
                return Err(linli_domain::DomainError::coded(
                    "resident_id",
                    linli_domain::msg::RESIDENT_OTHER_COMMUNITY,
                    vec![],
                )
                .into());
            }
            let taken: Option<String> = self
                .conn
                .prepare_cached(
                    "SELECT name FROM volunteers WHERE resident_id = ?1 AND deleted = 0 LIMIT 1",
                )?
                .query_row([rid.to_string()], |r| r.get(0))
                .optional()?;
            if let Some(n) = taken {
                return Err(Error::conflict(
                    linli_domain::msg::ALREADY_VOLUNTEER,
                    linli_domain::args![name = n],
                ));
            }
            if name.is_empty() {
                name = rname;
            }
            if phone.is_none() {
                phone = rphone;
            }
        }
        let name = validate_person_name(&name)?;
        let skills = word_list("skills", "特长", &req.skills, 12, 10)?;
        let availability = text_field("availability", "服务时间", &req.availability, 50, true)?;
        let id = self.next_id();
        let mut w = self.begin()?;
        insert_volunteer(
            &mut w,
            id,
            &NewVolunteer {
                community: req.community_id,
                resident: req.resident_id,
                name: &name,
                phone: phone.as_deref(),
                skills: &skills,
                availability: &availability,
            },
        )?;
        w.commit()?;
        volunteer(&self.conn, id, &self.now())
    }

    pub fn list_volunteers(&self, req: &ListVolunteers) -> Result<Vec<Volunteer>> {
        let ids = self
            .conn
            .prepare_cached(
                "SELECT id FROM volunteers WHERE community_id = ?1 AND deleted = 0 ORDER BY name, id",
            )?
            .query_map([req.community_id.to_string()], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let now = self.now();
        ids.iter()
            .map(|id| volunteer(&self.conn, id.parse()?, &now))
            .collect()
    }

    pub fn volunteer(&self, id: Id) -> Result<Volunteer> {
        volunteer(&self.conn, id, &self.now())
    }

    pub fn add_team(&mut self, req: &AddTeam) -> Result<Team> {
        check_community(&self.conn, req.community_id)?;
        let name = text_field("name", "队名", &req.name, 30, false)?;
        let clash: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM teams WHERE community_id = ?1 AND name = ?2 AND deleted = 0",
            )?
            .query_row([req.community_id.to_string(), name.clone()], |r| r.get(0))
            .optional()?;
        if clash.is_some() {
            return Err(Error::conflict(
                linli_domain::msg::TEAM_NAME_TAKEN,
                linli_domain::args![name = name],
            ));
        }
        let id = self.next_id();
        let mut w = self.begin()?;
        insert_team(&mut w, id, req.community_id, req.kind, &name)?;
        w.commit()?;
        team(&self.conn, id)
    }

    pub fn list_teams(&self, req: &ListTeams) -> Result<Vec<Team>> {
        let ids = self
            .conn
            .prepare_cached(
                "SELECT id FROM teams WHERE community_id = ?1 AND deleted = 0 ORDER BY kind, name, id",
            )?
            .query_map([req.community_id.to_string()], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.iter().map(|id| team(&self.conn, id.parse()?)).collect()
    }

    pub fn set_team_member(&mut self, req: &SetTeamMember) -> Result<Team> {
        let t = team(&self.conn, req.team_id)?;
        let (community, name) = volunteer_head(&self.conn, req.volunteer_id)?;
        if community != t.community_id {
            return Err(linli_domain::DomainError::coded(
                "volunteer_id",
                linli_domain::msg::TEAM_JOIN_OTHER_COMMUNITY,
                linli_domain::args![name = name, team = t.name],
            )
            .into());
        }
        let mut w = self.begin()?;
        let id = w.id();
        write_member(
            &mut w,
            id,
            community,
            req.team_id,
            req.volunteer_id,
            req.leader && !req.remove,
            req.remove,
        )?;
        w.commit()?;
        team(&self.conn, req.team_id)
    }

    pub fn register_party_member(&mut self, req: &RegisterPartyMember) -> Result<Volunteer> {
        let (community, _) = volunteer_head(&self.conn, req.volunteer_id)?;
        let unit = text_field("work_unit", "工作单位", &req.work_unit, 40, false)?;
        let pledges = word_list("pledges", "承诺事项", &req.pledges, 40, 10)?;
        let on = opt_date("registered_on", req.registered_on.as_deref())?
            .unwrap_or_else(|| self.now().today());
        let mut w = self.begin()?;
        write_party(&mut w, req.volunteer_id, community, &unit, &pledges, &on)?;
        w.commit()?;
        volunteer(&self.conn, req.volunteer_id, &self.now())
    }
}
