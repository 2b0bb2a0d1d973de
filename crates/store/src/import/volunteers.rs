//! A community's volunteers and teams as lists and back (`export_volunteers`,
//! `import_volunteers`), by the header tables `linli_sheets::volunteer` and `linli_sheets::team`.
//! A volunteer is found by the resident they are registered as (by ID number), else by name and
//! phone; a team by name. Everything in one transaction, only what changes written.

use std::path::Path;

use linli_domain::register::validate_person_name;
use linli_domain::volunteers::TeamKind;
use linli_domain::{args, msg};
use linli_domain::{Id, Phone};
use linli_protocol::{
    ExportVolunteers, ExportedList, ImportVolunteers, RowIssue, SheetFormat, VolunteerList,
    VolunteersImported,
};
use linli_sheets::{team, volunteer, Cell, FileKind, Said, TableRow};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use crate::lists::write_reveals;
use crate::register::households::mask_phone;
use crate::register::residents::mask_id;
use crate::register::{json_list, parse_id};
use crate::volunteers::registry::{insert_team, insert_volunteer, write_member, NewVolunteer};
use crate::volunteers::{check_community, community_scope, text_field, word_list};
use crate::write::{RowWrite, Writer};
use crate::{Result, Store};

/// Words in a cell split on 、,，/;； (skills, team names).
fn words(cell: &str) -> Vec<String> {
    cell.split(['、', ',', '，', '/', ';', '；'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn team_kind(label: &str) -> Option<TeamKind> {
    let l = label.trim();
    TeamKind::ALL
        .into_iter()
        .find(|k| k.label_zh() == l || k.code() == l)
}

impl Store {
    /// Writes a community's volunteers or teams (see [`ExportVolunteers`]).
    pub fn export_volunteers(&mut self, req: &ExportVolunteers) -> Result<ExportedList> {
        check_community(&self.conn, req.community_id)?;
        let community = req.community_id.to_string();
        let (sheet, headers, rows, revealed): (&str, &[&str], Vec<Vec<Cell>>, Vec<_>) =
            match req.list {
                VolunteerList::Teams => {
                    let rows = self
                        .conn
                        .prepare(
                            "SELECT t.name, t.kind, (SELECT count(*) FROM team_members m
                               WHERE m.team_id = t.id AND m.deleted = 0)
                             FROM teams t WHERE t.community_id = ?1 AND t.deleted = 0
                             ORDER BY t.name, t.id",
                        )?
                        .query_map([&community], |r| {
                            let kind: String = r.get(1)?;
                            Ok(vec![
                                Cell::Text(r.get(0)?),
                                TeamKind::from_code(&kind)
                                    .map_or(kind, |k| k.label_zh().to_owned())
                                    .into(),
                                Cell::Number(r.get::<_, i64>(2)? as f64),
                            ])
                        })?
                        .collect::<rusqlite::Result<_>>()?;
                    ("服务队名单", &team::COLUMNS, rows, Vec::new())
                }
                VolunteerList::Volunteers => {
                    let (rows, revealed) = self.volunteer_rows(&community, req.reveal)?;
                    ("志愿者名单", &volunteer::COLUMNS, rows, revealed)
                }
            };
        let (device, author) = (self.device_id(), self.author);
        let mark = self.export_mark();
        let mut w = self.begin()?;
        write_reveals(&mut w, revealed, device, author)?;
        let path = Path::new(&req.path);
        match req.format {
            SheetFormat::Xlsx => {
                linli_sheets::write_xlsx_marked(path, sheet, headers, &rows, &mark)?
            }
            SheetFormat::Csv => linli_sheets::write_csv(path, headers, &rows)?,
        }
        w.commit()?;
        Ok(ExportedList {
            path: req.path.clone(),
            rows: rows.len() as u32,
        })
    }

    /// The volunteers list's rows, and the residents' numbers a revealed one shows.
    #[allow(clippy::type_complexity)]
    fn volunteer_rows(
        &self,
        community: &str,
        reveal: bool,
    ) -> Result<(
        Vec<Vec<Cell>>,
        Vec<(String, &'static str, crate::write::Scope)>,
    )> {
        let teams = |leaders: bool| {
            format!(
                "(SELECT group_concat(name, '、') FROM (SELECT t.name FROM team_members m
                   JOIN teams t ON t.id = m.team_id WHERE m.volunteer_id = v.id
                   AND m.deleted = 0 AND t.deleted = 0 {} ORDER BY t.name))",
                if leaders { "AND m.leader = 1" } else { "" }
            )
        };
        let sql = format!(
            "SELECT v.name, v.phone, r.id_number, v.skills, v.availability, {}, {}, r.id
             FROM volunteers v LEFT JOIN residents r ON r.id = v.resident_id AND r.deleted = 0
             WHERE v.community_id = ?1 AND v.deleted = 0 ORDER BY v.name, v.id",
            teams(false),
            teams(true)
        );
        let mut linked = Vec::new();
        let rows = self
            .conn
            .prepare(&sql)?
            .query_map([community], |r| {
                let text = |i: usize| r.get::<_, Option<String>>(i);
                let (phone, id_number) = (text(1)?, text(2)?);
                let shown = |s: Option<String>, mask: fn(&str) -> String| -> Cell {
                    s.map(|s| if reveal { s } else { mask(&s) }).into()
                };
                let row = vec![
                    Cell::Text(r.get(0)?),
                    shown(phone, mask_phone),
                    shown(id_number.clone(), mask_id),
                    Some(json_list(&r.get::<_, String>(3)?).join("、"))
                        .filter(|s| !s.is_empty())
                        .into(),
                    text(4)?.filter(|s| !s.is_empty()).into(),
                    text(5)?.into(),
                    text(6)?.into(),
                ];
                Ok((row, id_number.and(text(7)?)))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|(row, resident)| {
                linked.extend(resident);
                row
            })
            .collect();
        let mut revealed = Vec::new();
        if reveal {
            for resident in linked {
                let sql =
                    "SELECT r.id, 1 AS has_id_number, 0 AS has_phone, h.building_id, h.unit_id
                     FROM residents r JOIN households h ON h.id = r.household_id WHERE r.id = ?1";
                revealed.extend(self.reveal_rows(sql, params![resident])?);
            }
        }
        Ok((rows, revealed))
    }

    /// Reads a volunteers or teams list into a community (see [`ImportVolunteers`]).
    pub fn import_volunteers(&mut self, req: &ImportVolunteers) -> Result<VolunteersImported> {
        check_community(&self.conn, req.community_id)?;
        let path = Path::new(&req.path);
        let kind = linli_sheets::file_kind(path)?;
        let (headers, label): (&[&'static str], _) = match kind {
            FileKind::Teams => (&team::COLUMNS, kind.label_zh()),
            _ => (&volunteer::COLUMNS, FileKind::Volunteers.label_zh()),
        };
        let rows = linli_sheets::read_table(path, headers, label)?;
        let mut run = VolunteerRun {
            community: req.community_id,
            done: VolunteersImported::default(),
        };
        let mut w = self.begin()?;
        for row in &rows {
            match kind {
                FileKind::Teams => run.team_row(&mut w, row)?,
                _ => run.volunteer_row(&mut w, row)?,
            }
        }
        if !req.dry_run {
            w.commit()?;
        }
        Ok(run.done)
    }
}

struct VolunteerRun {
    community: Id,
    done: VolunteersImported,
}

fn issue(row: &TableRow, reason: Said) -> RowIssue {
    super::row_issue(row.issue(reason))
}

impl VolunteerRun {
    /// Refuses the row; the import goes on.
    fn refuse(&mut self, row: &TableRow, reason: Said) -> Result<()> {
        self.done.refused.push(issue(row, reason));
        Ok(())
    }

    fn warn(&mut self, row: &TableRow, reason: Said) {
        self.done.warnings.push(issue(row, reason));
    }

    /// The team of this name in the community, with its kind.
    fn find_team(&self, w: &Writer<'_>, name: &str) -> Result<Option<(Id, String)>> {
        let found: Option<(String, String)> = w
            .tx()
            .prepare_cached(
                "SELECT id, kind FROM teams WHERE community_id = ?1 AND name = ?2 AND deleted = 0
                 ORDER BY id LIMIT 1",
            )?
            .query_row(params![self.community.to_string(), name], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        found.map(|(id, k)| Ok((id.parse()?, k))).transpose()
    }

    fn team_row(&mut self, w: &mut Writer<'_>, row: &TableRow) -> Result<()> {
        let name = match text_field("name", "服务队", row.get(team::NAME), 30, false) {
            Ok(n) => n,
            Err(e) => return self.refuse(row, super::said(&e)),
        };
        let Some(kind) = team_kind(row.get(team::KIND)) else {
            let all: Vec<&str> = TeamKind::ALL.iter().map(|k| k.label_zh()).collect();
            return self.refuse(
                row,
                Said::new(
                    msg::IMPORT_TEAM_KIND,
                    args![value = row.get(team::KIND), known = all.join("、")],
                ),
            );
        };
        match self.find_team(w, &name)? {
            Some((_, k)) if k == kind.code() => {}
            Some((id, _)) => {
                w.write(RowWrite {
                    table: "teams",
                    row_id: id,
                    fields: vec![("kind", json!(kind.code()))],
                    scope: community_scope(self.community),
                })?;
                self.done.teams.updated += 1;
            }
            None => {
                let id = w.id();
                insert_team(w, id, self.community, kind, &name)?;
                self.done.teams.created += 1;
            }
        }
        Ok(())
    }

    fn volunteer_row(&mut self, w: &mut Writer<'_>, row: &TableRow) -> Result<()> {
        let (phone_cell, id_cell) = (row.get(volunteer::PHONE), row.get(volunteer::ID_NUMBER));
        if id_cell.contains('*') {
            return self.refuse(row, linli_sheets::masked_number("居民身份证号"));
        }
        if phone_cell.contains('*') {
            return self.refuse(row, linli_sheets::masked_number("联系电话"));
        }
        let checked = (|| -> Result<_> {
            let name = validate_person_name(row.get(volunteer::NAME))?;
            let skills = word_list("skills", "特长", &words(row.get(volunteer::SKILLS)), 12, 10)?;
            let availability = text_field(
                "availability",
                "服务时间",
                row.get(volunteer::AVAILABILITY),
                50,
                true,
            )?;
            Ok((name, skills, availability))
        })();
        let (name, skills, availability) = match checked {
            Ok(c) => c,
            Err(e) => return self.refuse(row, super::said(&e)),
        };
        let phone = match phone_cell {
            "" => None,
            p => match Phone::parse(p) {
                Ok(p) => Some(p.into_string()),
                Err(_) => {
                    self.warn(
                        row,
                        Said::new(
                            msg::IMPORT_PHONE_INVALID,
                            args![what = "联系电话", value = p],
                        ),
                    );
                    None
                }
            },
        };
        let id_number = linli_domain::idcard::normalize(id_cell.trim_start_matches('\''));
        let resident: Option<Id> = if id_number.is_empty() {
            None
        } else {
            let found: Option<String> = w
                .tx()
                .prepare_cached(
                    "SELECT id FROM residents WHERE community_id = ?1 AND id_number = ?2
                     AND deleted = 0 LIMIT 1",
                )?
                .query_row(params![self.community.to_string(), id_number], |r| r.get(0))
                .optional()?;
            if found.is_none() {
                self.warn(
                    row,
                    Said::new(msg::IMPORT_VOLUNTEER_NOT_RESIDENT, args![id = id_number]),
                );
            }
            parse_id(found)?
        };
        struct Found {
            id: Id,
            name: String,
            phone: Option<String>,
            skills: String,
            availability: String,
        }
        let existing: Option<Found> = w
            .tx()
            .prepare_cached(
                "SELECT id, name, phone, skills, availability FROM volunteers
                 WHERE community_id = ?1 AND deleted = 0
                 AND (resident_id = ?2 OR (?2 IS NULL AND name = ?3 AND phone IS ?4))
                 ORDER BY id LIMIT 1",
            )?
            .query_row(
                params![
                    self.community.to_string(),
                    resident.map(|r| r.to_string()),
                    name,
                    phone
                ],
                |r| {
                    Ok(Found {
                        id: r.get("id")?,
                        name: r.get("name")?,
                        phone: r.get("phone")?,
                        skills: r.get("skills")?,
                        availability: r.get("availability")?,
                    })
                },
            )
            .optional()?;
        let id = match existing {
            Some(Found {
                id,
                name: s_name,
                phone: s_phone,
                skills: s_skills,
                availability: s_avail,
            }) => {
                let mut fields = Vec::new();
                if s_name != name {
                    fields.push(("name", json!(name)));
                }
                if phone.is_some() && s_phone != phone {
                    fields.push(("phone", json!(phone)));
                }
                if !skills.is_empty() && json_list(&s_skills) != skills {
                    fields.push(("skills", json!(serde_json::to_string(&skills)?)));
                }
                if !availability.is_empty() && s_avail != availability {
                    fields.push(("availability", json!(availability)));
                }
                if !fields.is_empty() {
                    w.write(RowWrite {
                        table: "volunteers",
                        row_id: id,
                        fields,
                        scope: community_scope(self.community),
                    })?;
                    self.done.volunteers.updated += 1;
                }
                id
            }
            None => {
                let id = w.id();
                insert_volunteer(
                    w,
                    id,
                    &NewVolunteer {
                        community: self.community,
                        resident,
                        name: &name,
                        phone: phone.as_deref(),
                        skills: &skills,
                        availability: &availability,
                    },
                )?;
                self.done.volunteers.created += 1;
                id
            }
        };
        let leads = words(row.get(volunteer::LEADS));
        let mut teams = words(row.get(volunteer::TEAMS));
        for t in &leads {
            if !teams.contains(t) {
                teams.push(t.clone());
            }
        }
        for t in teams {
            self.join(w, row, id, &t, leads.contains(&t))?;
        }
        Ok(())
    }

    /// The volunteer in the team named (created, with a warning, when the community has none).
    fn join(
        &mut self,
        w: &mut Writer<'_>,
        row: &TableRow,
        volunteer: Id,
        name: &str,
        leader: bool,
    ) -> Result<()> {
        let team = match self.find_team(w, name)? {
            Some((id, _)) => id,
            None => {
                let name = match text_field("name", "服务队", name, 30, false) {
                    Ok(n) => n,
                    Err(e) => {
                        self.warn(
                            row,
                            Said::around(
                                msg::IMPORT_TEAM_NOT_JOINED,
                                args![team = name],
                                super::said(&e),
                            ),
                        );
                        return Ok(());
                    }
                };
                let id = w.id();
                insert_team(w, id, self.community, TeamKind::Errands, &name)?;
                self.done.teams.created += 1;
                self.warn(row, Said::new(msg::IMPORT_TEAM_CREATED, args![team = name]));
                id
            }
        };
        let stored: Option<(bool, bool)> = w
            .tx()
            .prepare_cached(
                "SELECT leader, deleted FROM team_members WHERE team_id = ?1 AND volunteer_id = ?2
                 ORDER BY id LIMIT 1",
            )?
            .query_row([team.to_string(), volunteer.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match stored {
            Some((l, false)) if l == leader => return Ok(()),
            Some(_) => self.done.memberships.updated += 1,
            None => self.done.memberships.created += 1,
        }
        let id = w.id();
        write_member(w, id, self.community, team, volunteer, leader, false)
    }
}
