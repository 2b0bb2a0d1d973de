//! Patrol logs and their findings: a log written or rewritten with its findings in one
//! transaction (findings left out are removed, unless made a request), the logs listed, a
//! finding made a request (诉求) once, the logs exported as a marked .xlsx.

use linli_domain::field::{TaskEventKind, TaskSource};
use linli_domain::patrols::{self as rules, FindingCategory};
use linli_domain::Id;
use linli_protocol::*;
use linli_sheets::Cell;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::rota::{log_of_slot, slot_team};
use super::{check_members, coded, ids_from, ids_json, members_of, names_of, team_fields};
use crate::field::tasks::{check_new_task, write_event, write_new_task, TaskPlace};
use crate::volunteers::{community_scope, text_field};
use crate::write::{RowWrite, Scope};
use crate::{Error, Result, Store};

fn findings_of(conn: &Connection, log: Id) -> Result<Vec<PatrolFinding>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, category, place, description, task_id FROM patrol_findings
             WHERE log_id = ?1 AND deleted = 0 ORDER BY id",
        )?
        .query_map([log.to_string()], |r| {
            Ok(PatrolFinding {
                id: r.get("id")?,
                log_id: log,
                category: FindingCategory::read(&r.get::<_, String>("category")?),
                place: r.get("place")?,
                description: r.get("description")?,
                task_id: r.get("task_id")?,
                task_title: String::new(),
                task_status: None,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

impl Store {
    pub(crate) fn patrol_log_view(&self, id: Id) -> Result<PatrolLog> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT team_id, community_id, slot_id, date, starts, ends, route, members, note
                 FROM patrol_logs WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([id.to_string()], |r| {
                Ok((
                    r.get::<_, Id>("team_id")?,
                    r.get::<_, Id>("community_id")?,
                    r.get::<_, Option<Id>>("slot_id")?,
                    [
                        r.get::<_, String>("date")?,
                        r.get("starts")?,
                        r.get("ends")?,
                        r.get("route")?,
                        r.get("members")?,
                        r.get("note")?,
                    ],
                ))
            })
            .optional()?;
        let Some((team, community, slot, [date, starts, ends, route, members, note])) = found
        else {
            return Err(Error::NotFound {
                what: "巡防记录",
                id: id.to_string(),
            });
        };
        let all = members_of(&self.conn, team, true)?;
        let members = ids_from(&members);
        let today = self.now().today();
        let mut findings = findings_of(&self.conn, id)?;
        for f in &mut findings {
            if let Some(t) = f.task_id {
                if let Ok(k) = self.task(t, Some(&today)) {
                    f.task_title = k.title;
                    f.task_status = Some(k.status);
                }
            }
        }
        Ok(PatrolLog {
            id,
            team_id: team,
            team_name: team_fields(&self.conn, team)
                .map(|t| t.name)
                .unwrap_or_default(),
            community_id: community,
            slot_id: slot,
            date,
            starts,
            ends,
            route,
            member_names: names_of(&all, &members),
            members,
            note,
            findings,
        })
    }

    pub fn log_patrol(&mut self, req: &LogPatrol) -> Result<PatrolLog> {
        let f = &req.fields;
        let old = match req.id {
            Some(id) => Some(self.patrol_log_view(id)?),
            None => None,
        };
        let team_id = old.as_ref().map_or(f.team_id, |o| o.team_id);
        let team = team_fields(&self.conn, team_id)?;
        let today = self.now().today();
        let (date, starts, ends) = rules::check_log_times(&f.date, &f.starts, &f.ends, &today)?;
        rules::check_log_members(f.members.len())?;
        let members = check_members(&self.conn, team_id, &f.members)?;
        let route = text_field("route", "巡防路线", &f.route, 200, true)?;
        let note = text_field("note", "备注", &f.note, 500, true)?;
        if let Some(slot) = f.slot_id {
            match slot_team(&self.conn, slot)? {
                Some(t) if t == team_id => {}
                Some(_) => {
                    return Err(coded(
                        "slot_id",
                        linli_domain::msg::PATROL_SLOT_OTHER_TEAM,
                        vec![],
                    ))
                }
                None => {
                    return Err(Error::NotFound {
                        what: "巡防班次",
                        id: slot.to_string(),
                    })
                }
            }
            if log_of_slot(&self.conn, slot)?.is_some_and(|l| Some(l) != req.id) {
                return Err(coded(
                    "slot_id",
                    linli_domain::msg::PATROL_SLOT_LOGGED,
                    vec![],
                ));
            }
        }
        if f.findings.len() > rules::MAX_FINDINGS {
            return Err(coded(
                "findings",
                linli_domain::msg::PATROL_TOO_MANY_FINDINGS,
                linli_domain::args![max = rules::MAX_FINDINGS],
            ));
        }
        let old_findings = old.as_ref().map(|o| o.findings.clone()).unwrap_or_default();
        let mut findings = Vec::new();
        for x in &f.findings {
            let description = rules::check_finding(x.category, &x.description)?;
            let place = text_field("findings", "地点", &x.place, 100, true)?;
            if let Some(id) = x.id {
                if !old_findings.iter().any(|o| o.id == id) {
                    return Err(Error::NotFound {
                        what: "巡防发现",
                        id: id.to_string(),
                    });
                }
            }
            findings.push((x.id, x.category, place, description));
        }
        // a finding made a request stays
        for o in &old_findings {
            if o.task_id.is_some() && !findings.iter().any(|x| x.0 == Some(o.id)) {
                return Err(coded(
                    "findings",
                    linli_domain::msg::PATROL_FINDING_HAS_REQUEST,
                    vec![],
                ));
            }
        }
        let scope = community_scope(team.community_id);
        let mut w = self.begin()?;
        let id = req.id.unwrap_or_else(|| w.id());
        w.write(RowWrite {
            table: "patrol_logs",
            row_id: id,
            fields: vec![
                ("team_id", json!(team_id.to_string())),
                ("community_id", json!(team.community_id.to_string())),
                ("slot_id", json!(f.slot_id.map(|s| s.to_string()))),
                ("date", json!(date)),
                ("starts", json!(starts)),
                ("ends", json!(ends)),
                ("route", json!(route)),
                ("members", ids_json(&members)),
                ("note", json!(note)),
                ("deleted", json!(0)),
            ],
            scope,
        })?;
        for o in &old_findings {
            if !findings.iter().any(|x| x.0 == Some(o.id)) {
                w.write(RowWrite {
                    table: "patrol_findings",
                    row_id: o.id,
                    fields: vec![("deleted", json!(1))],
                    scope,
                })?;
            }
        }
        for (fid, category, place, description) in findings {
            let fid = fid.unwrap_or_else(|| w.id());
            w.write(RowWrite {
                table: "patrol_findings",
                row_id: fid,
                fields: vec![
                    ("log_id", json!(id.to_string())),
                    ("community_id", json!(team.community_id.to_string())),
                    ("category", json!(category.code())),
                    ("place", json!(place)),
                    ("description", json!(description)),
                    ("deleted", json!(0)),
                ],
                scope,
            })?;
        }
        w.commit()?;
        self.patrol_log_view(id)
    }

    pub fn patrol_log(&mut self, req: &GetPatrolLog) -> Result<PatrolLog> {
        self.patrol_log_view(req.id)
    }

    pub fn list_patrol_logs(&mut self, req: &ListPatrolLogs) -> Result<Vec<PatrolLog>> {
        let bound = |f: &'static str, d: &Option<String>| -> Result<Option<String>> {
            d.as_deref()
                .filter(|d| !d.trim().is_empty())
                .map(|d| linli_domain::date::validate(f, d.trim()))
                .transpose()
                .map_err(Into::into)
        };
        let from = bound("from", &req.from)?.unwrap_or_default();
        let to = bound("to", &req.to)?.unwrap_or_else(|| "9999-12-31".into());
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "SELECT l.id FROM patrol_logs l JOIN patrol_teams t ON t.id = l.team_id
                 WHERE l.deleted = 0 AND t.deleted = 0
                 AND (?1 IS NULL OR l.community_id = ?1) AND (?2 IS NULL OR l.team_id = ?2)
                 AND l.date BETWEEN ?3 AND ?4",
            )?
            .query_map(
                rusqlite::params![
                    req.community_id.map(|c| c.to_string()),
                    req.team_id.map(|t| t.to_string()),
                    from,
                    to
                ],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let text = req.text.trim().to_lowercase();
        let mut out = Vec::new();
        for id in ids {
            let l = self.patrol_log_view(id)?;
            if req.with_findings && l.findings.is_empty() {
                continue;
            }
            if let Some(c) = req.category {
                if !l.findings.iter().any(|f| f.category == c) {
                    continue;
                }
            }
            if !text.is_empty() {
                let mut hay = vec![&l.route, &l.note, &l.member_names, &l.team_name];
                for f in &l.findings {
                    hay.push(&f.place);
                    hay.push(&f.description);
                }
                if !hay.iter().any(|s| s.to_lowercase().contains(&text)) {
                    continue;
                }
            }
            out.push(l);
        }
        let key = |l: &PatrolLog| (l.date.clone(), l.starts.clone());
        match req.sort {
            PatrolLogSort::Newest => out.sort_by_key(|l| std::cmp::Reverse(key(l))),
            PatrolLogSort::Oldest => out.sort_by_key(key),
            PatrolLogSort::Findings => out.sort_by(|a, b| {
                b.findings
                    .len()
                    .cmp(&a.findings.len())
                    .then(key(b).cmp(&key(a)))
            }),
            PatrolLogSort::Team => {
                out.sort_by(|a, b| a.team_name.cmp(&b.team_name).then(key(b).cmp(&key(a))))
            }
        }
        Ok(out)
    }

    /// Makes a finding a request in one transaction: the task raised at the community (its id
    /// made from the finding's, so a second laptop making it writes the same rows), dispatched
    /// to the owner when one is named, and the finding linked to it.
    pub fn patrol_finding_to_request(&mut self, req: &PatrolFindingToRequest) -> Result<PatrolLog> {
        let found: Option<(Id, Id, Option<Id>, String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT log_id, community_id, task_id, category, place, description
                 FROM patrol_findings WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([req.finding_id.to_string()], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .optional()?;
        let Some((log, community, task, category, place, description)) = found else {
            return Err(Error::NotFound {
                what: "巡防发现",
                id: req.finding_id.to_string(),
            });
        };
        if task.is_some() {
            return Err(coded(
                "finding_id",
                linli_domain::msg::PATROL_ALREADY_REQUEST,
                vec![],
            ));
        }
        let l = self.patrol_log_view(log)?;
        let cat = FindingCategory::read(&category);
        let title = if req.title.trim().is_empty() {
            let head: String = description.chars().take(40).collect();
            format!("巡防发现（{}）：{head}", cat.label_zh())
        } else {
            req.title.clone()
        };
        let mut text = format!("{} {}–{} {}巡防发现", l.date, l.starts, l.ends, l.team_name);
        if !place.is_empty() {
            text.push_str(&format!("，地点：{place}"));
        }
        text.push_str(&format!("。{description}"));
        let task = check_new_task(&NewTask {
            title,
            category: req.category,
            subcategory: None,
            description: text,
            due_date: req.due_date.clone(),
        })?;
        let dispatch = match req.owner_id {
            Some(o) => {
                let due = task.due_date.clone().unwrap_or_else(|| self.now().today());
                Some(self.dispatch_fields(Some(o), None, &due)?)
            }
            None => None,
        };
        let task_scope = Scope {
            community: Some(community),
            grid: None,
            place: Some(community),
        };
        let at = self.now().stamp();
        let key = format!("patrol_finding_request/{}", req.finding_id);
        let id = (
            crate::field::stable_id(&key),
            crate::field::stable_id(&format!("{key}/raised")),
        );
        let mut w = self.begin()?;
        write_new_task(
            &mut w,
            id,
            &task,
            TaskPlace::Place(community),
            None,
            None,
            &at,
            task_scope,
            Some(TaskSource::GridReport),
        )?;
        if let Some(extra) = dispatch {
            let ev = crate::field::stable_id(&format!("{key}/dispatched"));
            write_event(
                &mut w,
                ev,
                id.0,
                TaskEventKind::Dispatched,
                &at,
                None,
                &extra,
                task_scope,
            )?;
        }
        w.write(RowWrite {
            table: "patrol_findings",
            row_id: req.finding_id,
            fields: vec![("task_id", json!(id.0.to_string()))],
            scope: community_scope(community),
        })?;
        w.commit()?;
        self.patrol_log_view(log)
    }

    pub fn export_patrol_logs(&mut self, req: &ExportPatrolLogs) -> Result<ExportedList> {
        const HEADERS: [&str; 10] = [
            "日期",
            "时间",
            "巡防队",
            "路线",
            "队员",
            "问题类别",
            "地点",
            "问题",
            "诉求",
            "备注",
        ];
        let logs = self.list_patrol_logs(&req.filter)?;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for l in &logs {
            let head = |c: &mut Vec<Cell>| {
                c.push(Cell::Text(l.date.clone()));
                c.push(Cell::Text(format!("{}–{}", l.starts, l.ends)));
                c.push(Cell::Text(l.team_name.clone()));
                c.push(Cell::Text(l.route.clone()));
                c.push(Cell::Text(l.member_names.clone()));
            };
            if l.findings.is_empty() {
                let mut c = Vec::new();
                head(&mut c);
                c.extend([
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Text("无".into()),
                    Cell::Empty,
                ]);
                c.push(Cell::Text(l.note.clone()));
                rows.push(c);
            }
            for f in &l.findings {
                let mut c = Vec::new();
                head(&mut c);
                c.push(Cell::Text(f.category.label_zh().to_owned()));
                c.push(Cell::Text(f.place.clone()));
                c.push(Cell::Text(f.description.clone()));
                c.push(Cell::Text(f.task_title.clone()));
                c.push(Cell::Text(l.note.clone()));
                rows.push(c);
            }
        }
        let mark = self.export_mark();
        linli_sheets::write_xlsx_marked(
            std::path::Path::new(&req.path),
            "巡防记录",
            &HEADERS,
            &rows,
            &mark,
        )?;
        Ok(ExportedList {
            path: req.path.clone(),
            rows: rows.len() as u32,
        })
    }
}
